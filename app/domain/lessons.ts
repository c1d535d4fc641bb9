import { z } from "zod";
import { chosenId, optionalIsoDate, optionalUrl, required, requirePublicSource } from "./forms";
import { LESSON_SCOPES, SOURCE_KINDS, type CoalitionLevel, type LessonScope, type SourceKind } from "./vocabulary";

/**
 * What the table learned (issue 16): lessons the facilitator adds on a cycle review, about a
 * race, the person the table backed there, or both. They show on the next cycles' tables of
 * the same level for the same place, and on the person's later candidacies, with where they
 * came from. Each carries its information source (rule F2): a lesson from a campaign is
 * withheld from independent-side viewers like any note.
 */

export const LESSON_SCOPE_LABELS: Record<LessonScope, string> = {
  race: "The race (shown on the next cycle's race in this place)",
  person: "The candidate (shown on their later candidacies)",
  both: "Both the race and the candidate",
};

export const LESSON_BODY_MAX = 3000;

/** The place a race is at its table's level, the same in every cycle: office, state, district, chamber and locality, in any case. */
export function placeKey(level: CoalitionLevel, race: { office: string; state: string; district: string | null; chamber?: string | null; locality?: string | null }): string {
  const norm = (v: string | null | undefined) => (v ?? "").trim().toLowerCase().replace(/\s+/g, " ");
  // a district written "07" or "7" is the same district
  const district = norm(race.district).replace(/^0+(?=\d)/, "");
  return [level, norm(race.office), norm(race.state), district, norm(race.chamber), norm(race.locality)].join("|");
}

/** Where a lesson came from, as the pages say it. */
export function lessonOrigin(cycle: number): string {
  return `Lesson from the ${cycle} cycle review`;
}

/** Does a lesson of this scope show on the race's later cycles / the person's later candidacies? */
export const aboutRace = (scope: LessonScope) => scope !== "person";
export const aboutPerson = (scope: LessonScope) => scope !== "race";

const sourced = (v: { sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null }, ctx: z.RefinementCtx) =>
  requirePublicSource(ctx, { kind: v.sourceKind, url: v.sourceUrl, capturedAt: v.capturedAt }, { url: "sourceUrl", capturedAt: "capturedAt" });

const lessonFields = {
  scope: z.enum(LESSON_SCOPES, { error: "Choose what the lesson is about." }),
  body: required("Lesson", LESSON_BODY_MAX),
  sourceKind: z.enum(SOURCE_KINDS, { error: "Choose where the lesson's information came from." }),
  sourceUrl: optionalUrl("Source URL"),
  capturedAt: optionalIsoDate("Date captured"),
};

/** A new lesson on a reviewed race (the review row's race; its backed candidate for a lesson about the person). */
export const lessonForm = z.object({ raceId: chosenId("Choose a race of the review."), ...lessonFields }).superRefine(sourced);
export type LessonInput = z.output<typeof lessonForm>;

/** An edit of a lesson: its words, scope and source. */
export const editLessonForm = z.object({ lessonId: chosenId("Choose a lesson."), ...lessonFields }).superRefine(sourced);
export type EditLessonInput = z.output<typeof editLessonForm>;

export const removeLessonForm = z.object({ lessonId: chosenId("Choose a lesson.") });
