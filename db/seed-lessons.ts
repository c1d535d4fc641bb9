/**
 * The demo's lessons (issue 16): what the 2026 table's cycle review learned, shown on the 2028
 * table's PA-07 race page and on Marcus Ilori's 2028 candidacy; one lesson from a campaign
 * (withheld from independent-side members, rule F2); and another name Marcus Ilori ran under,
 * which the person search finds. Runs after seedResults. Deterministic: every model call gets
 * its own `now`.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, coalitions, races } from "./schema";
import type { Actor } from "../app/domain/actor";
import { addLesson } from "../app/models/lessons.server";
import { addOtherName } from "../app/models/person-names.server";
import { PREVIOUS_TABLE_NAME, RETURNING_CANDIDATE } from "./seed-results";

export const DEMO_LESSON = "The sub-table formed twelve weeks before the primary: start the joint canvass in the first week, not the fourth.";
export const DEMO_OTHER_NAME = "Marc Ilori";

const must = <T extends { ok: boolean }>(r: T, what: string): T => {
  if (!r.ok) throw new Error(`seed: ${what} refused: ${JSON.stringify(r)}`);
  return r;
};

export function seedLessons(db: Db, accounts: { facilitator: Actor }): string {
  const actor = accounts.facilitator;
  const table = db.select({ id: coalitions.id }).from(coalitions).where(eq(coalitions.name, PREVIOUS_TABLE_NAME)).get();
  if (!table) return "";
  const race = (state: string, district: string) =>
    db
      .select({ id: races.id })
      .from(races)
      .where(and(eq(races.coalitionId, table.id), eq(races.office, "U.S. House"), eq(races.state, state), eq(races.district, district)))
      .get()!.id;
  const pa07 = race("PA", "07");
  const pa03 = race("PA", "03");
  const lesson = (raceId: number, scope: "race" | "person" | "both", body: string, source: { sourceKind: "public" | "campaign" | "research"; sourceUrl?: string; capturedAt?: string }, day: string) =>
    must(addLesson(db, actor, { coalitionId: table.id, raceId, scope, body, sourceKind: source.sourceKind, sourceUrl: source.sourceUrl ?? null, capturedAt: source.capturedAt ?? null }, new Date(`${day}T17:00:00Z`)), "a lesson");
  lesson(pa07, "race", DEMO_LESSON, { sourceKind: "research" }, "2026-11-24");
  lesson(pa07, "race", "Turnout in the Lehigh Valley suburbs decided the general: the county's precinct results show it.", { sourceKind: "public", sourceUrl: "https://elections.example.gov/pa/2026", capturedAt: "2026-11-20" }, "2026-11-24");
  lesson(pa07, "race", "The campaign told the facilitator its own field plan leaned on mail; the table's doors filled the gap.", { sourceKind: "campaign" }, "2026-11-24");
  lesson(pa03, "both", "One partner alone could not carry a crowded primary: bring him to the table early if he runs again.", { sourceKind: "research" }, "2026-11-25");
  // Marcus Ilori ran in 2026 as "Marc Ilori" on some ballots
  const ilori = db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.raceId, pa03), eq(candidates.name, RETURNING_CANDIDATE))).get();
  if (ilori) must(addOtherName(db, actor, { coalitionId: table.id, candidateId: ilori.id, name: DEMO_OTHER_NAME }, new Date("2026-11-25T17:30:00Z")), "another name");
  return "Four lessons from the 2026 review and another name for a returning candidate.";
}
