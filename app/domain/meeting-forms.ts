import { z } from "zod";
import { SOURCE_KINDS } from "~/domain/vocabulary";
import { ACTION_STATUSES, MEETING_KINDS } from "~/domain/vocabulary";
import { idList, isoDate, isTimeZone, optional, optionalIsoDate, optionalUrl, required, wholeNumber, optionalChosenId } from "./forms";

/** Form schemas of the facilitator's desk. Each field error is a sentence for a person. */

const optionalId = (label: string) => optionalChosenId(`Choose a ${label}.`);

export const meetingForm = z
  .object({
    title: required("Title", 160),
    kind: z.enum(MEETING_KINDS, { error: "Choose what kind of meeting this is." }),
    date: isoDate("Date"),
    time: z
      .string({ error: "Time is required." })
      .trim()
      .min(1, "Time is required.")
      .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), "Time must be a time of day such as 19:00."),
    // empty: the race's zone (of the sub-table or the candidate), else the table's default
    timeZone: optional("Time zone", 64).refine((v) => v === null || isTimeZone(v), "Time zone must be an IANA zone such as America/New_York."),
    location: optional("Where", 300),
    subCoalitionId: optionalId("sub-table"),
    candidateId: optionalId("candidate"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "sub_table" && v.subCoalitionId === null) ctx.addIssue({ code: "custom", path: ["subCoalitionId"], message: "A sub-table meeting needs its sub-table." });
    if (v.kind === "candidate_interview" && v.candidateId === null) ctx.addIssue({ code: "custom", path: ["candidateId"], message: "A candidate interview needs its candidate." });
  });

/** "partner:3" or "affiliate:7": whom an invitation or an action item is for. */
export type PartyRef = { partnerId: number; affiliateId: null } | { partnerId: null; affiliateId: number };

export function parseParty(raw: string): PartyRef | null {
  const m = /^(partner|affiliate):([1-9]\d{0,15})$/.exec(raw);
  if (!m) return null;
  return m[1] === "partner" ? { partnerId: Number(m[2]), affiliateId: null } : { partnerId: null, affiliateId: Number(m[2]) };
}

const party = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .refine((v) => parseParty(v) !== null, missing)
    .transform((v) => parseParty(v)!);

export const inviteeForm = z.object({ invitee: party("Choose a partner or an affiliate to invite.") });

/** Attendance: one checkbox per invitation, the list posted as `attended=<inviteeId>`. */
export const attendanceForm = z.object({ attended: idList("Tick invited partners and affiliates from the list.") });

export const agendaItemForm = z
  .object({
    title: required("Item", 300),
    /** "race:4" or "candidate:9" or empty. */
    about: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^(race|candidate):[1-9]\d{0,15}$/.test(v), "Choose a race or a candidate, or nothing."),
  })
  .transform((v) => {
    const [kind, id] = v.about ? v.about.split(":") : [null, null];
    return { title: v.title, raceId: kind === "race" ? Number(id) : null, candidateId: kind === "candidate" ? Number(id) : null };
  });

export const moveItemForm = z.object({
  itemId: wholeNumber("Item", 1, Number.MAX_SAFE_INTEGER),
  direction: z.enum(["up", "down"], { error: "Choose up or down." }),
});

/** A note on an agenda item, with its information source (rule F2), like a profile item's. */
export const agendaNoteForm = z
  .object({
    itemId: wholeNumber("Item", 1, Number.MAX_SAFE_INTEGER),
    body: required("Note", 5000),
    sourceKind: z.enum(SOURCE_KINDS, { error: "Choose where this came from." }),
    sourceUrl: optionalUrl("Source URL"),
    capturedAt: optionalIsoDate("Date captured"),
  })
  .superRefine((v, ctx) => {
    if (v.sourceKind === "public") {
      if (!v.sourceUrl) ctx.addIssue({ code: "custom", path: ["sourceUrl"], message: "A public source needs the URL it came from." });
      if (!v.capturedAt) ctx.addIssue({ code: "custom", path: ["capturedAt"], message: "A public source needs the date it was captured." });
    }
  });

export const decisionForm = z.object({
  text: required("Decision", 2000),
  agendaItemId: optionalId("agenda item"),
  /** The partners taking part, posted as `partners=<partnerId>`. */
  partners: idList("Tick partners of this table from the list."),
});

export const actionItemForm = z.object({
  text: required("Action", 1000),
  owner: party("An action item needs an owner: choose a partner or an affiliate."),
  dueDate: isoDate("Due date"),
  agendaItemId: optionalId("agenda item"),
});

export const actionStatusForm = z.object({
  actionItemId: wholeNumber("Action item", 1, Number.MAX_SAFE_INTEGER),
  status: z.enum(ACTION_STATUSES, { error: "Choose open, done or dropped." }),
});

export const agreementForm = z.object({
  decidesTogether: required("What the sub-table decides together", 5000),
  eachKeeps: required("What each member keeps", 5000),
  workAndCredit: required("How work and credit are shared", 5000),
  actingAlone: required("What happens when a member acts on its own", 5000),
});

export const signoffForm = z.object({
  versionId: wholeNumber("Version", 1, Number.MAX_SAFE_INTEGER),
  partnerId: wholeNumber("Partner", 1, Number.MAX_SAFE_INTEGER),
});
