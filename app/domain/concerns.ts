import { z } from "zod";
import { addDays, daysBetween } from "./dates";
import { chosenId, optional, optionalIsoDate, optionalUrl, required } from "./forms";
import { CONCERN_SUBJECTS, SOURCE_KINDS, type ConcernSubject } from "./vocabulary";

/**
 * Concerns with reasons (issue 17): a member says "I have a concern about X" in writing, with
 * its reason, early. A concern blocks nothing; it reaches the next meeting's agenda by itself
 * and is answered when the table has discussed it. Pure: forms, words, the age rule.
 */

/** Health counts concerns open longer than this. */
export const CONCERN_STALE_DAYS = 14;

export const CONCERN_SUBJECT_LABELS: Record<ConcernSubject, string> = {
  candidate: "A candidate",
  sub_table: "A sub-table",
  agreement: "A sub-table's agreement",
  decision: "A decision",
};

/** `about` as a form posts it: "candidate:12", "sub_table:3", "agreement:4", "decision:9". */
export type ConcernAbout = { subject: ConcernSubject; id: number };

export function readAbout(raw: string): ConcernAbout | null {
  const m = /^([a-z_]+):([1-9]\d{0,15})$/.exec(raw.trim());
  if (!m || !(CONCERN_SUBJECTS as readonly string[]).includes(m[1])) return null;
  return { subject: m[1] as ConcernSubject, id: Number(m[2]) };
}

export const aboutValue = (a: ConcernAbout) => `${a.subject}:${a.id}`;

const sourced = <T extends { sourceKind: string; sourceUrl: string | null; capturedAt: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.sourceKind === "public") {
    if (!v.sourceUrl) ctx.addIssue({ code: "custom", path: ["sourceUrl"], message: "A public source needs the URL it came from." });
    if (!v.capturedAt) ctx.addIssue({ code: "custom", path: ["capturedAt"], message: "A public source needs the date it was captured." });
  }
};

export const concernForm = z
  .object({
    about: z
      .string({ error: "Choose what the concern is about." })
      .trim()
      .refine((v) => readAbout(v) !== null, "Choose what the concern is about."),
    partnerId: chosenId("Choose the partner raising it."),
    concern: required("Concern", 500),
    reason: required("Reason", 3000),
    // absent: the member's own view (research); a campaign's words are marked so (rule F2)
    sourceKind: z.enum(SOURCE_KINDS, { error: "Choose where this came from." }).default("research"),
    sourceUrl: optionalUrl("Source URL"),
    capturedAt: optionalIsoDate("Date captured"),
  })
  .superRefine(sourced);
export type ConcernInput = z.output<typeof concernForm>;

export const answerConcernForm = z.object({
  concernId: chosenId("Choose a concern."),
  answer: optional("What the table said", 2000),
});

/** The agenda item a concern becomes. Its words stay out of the title (they may be a campaign's; rule F2): who, and about what. */
export function concernAgendaTitle(partnerShortName: string, about: string): string {
  const t = `Concern from ${partnerShortName} about ${about}`;
  return t.length > 300 ? `${t.slice(0, 299)}…` : t;
}

/** Open longer than two weeks on `today` (dates as YYYY-MM-DD or ISO instants). */
export function isStaleConcern(c: { status: string; createdAt: string }, today: string): boolean {
  return c.status === "open" && daysBetween(c.createdAt.slice(0, 10), today) > CONCERN_STALE_DAYS;
}

/** The day a concern raised on `today` goes stale: health counts those created before it. */
export function staleBefore(today: string): string {
  return addDays(today, -CONCERN_STALE_DAYS);
}
