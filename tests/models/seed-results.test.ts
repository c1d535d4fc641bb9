import { beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coalitions, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { PREVIOUS_TABLE_NAME, RETURNING_CANDIDATE, SPECIAL_RACE } from "../../db/seed-results";
import { DEMO_USERS } from "../../db/seed-users";
import { can } from "~/domain/permissions";
import { loadPrincipal } from "~/models/accounts.server";
import { subTableElection } from "~/models/carry.server";
import { creditSubject, subTableCredit } from "~/models/credit.server";
import { candidateAcrossCycles } from "~/models/persons.server";
import { raceResults } from "~/models/results.server";
import { cycleReview } from "~/models/review.server";
import { listSubCoalitions } from "~/models/sub-coalitions.server";
import { testDb } from "../db";

let db: Db;
let cid2028: number;
let cid: number;
beforeAll(() => {
  db = testDb();
  ({ coalitionId: cid2028 } = seedDemo(db));
  cid = db.select().from(coalitions).where(eq(coalitions.name, PREVIOUS_TABLE_NAME)).get()!.id;
});

it("seeds the 2026 table's results: wins and losses, with and without a sub-table, one carried into the general", () => {
  const subs = listSubCoalitions(db, "system", { coalitionId: cid, today: "2026-12-01" });
  expect(subs.map((s) => [s.candidateName, s.election, s.status])).toEqual([
    ["Marisol Vance", "general", "closed"],
    ["Renata Hollis", "primary", "closed"],
    ["Rosa Delgado", "primary", "closed"],
  ]);
  const vance = subs[0];
  const elections = raceResults(db, "system", { coalitionId: cid, raceId: vance.raceId }).elections;
  expect(elections.map((e) => [e.kind, e.rows.map((r) => r.outcome)])).toEqual([
    ["primary", ["advanced_general", "lost"]],
    ["general", ["won"]],
  ]);
  expect(subTableElection(db, "system", { coalitionId: cid, subCoalitionId: vance.id, today: "2026-06-10" }).steps).toHaveLength(1);
  // the special election's primary waits for its results (the browser journey records them)
  const special = subs.find((s) => s.raceOffice === SPECIAL_RACE.office)!;
  expect(raceResults(db, "system", { coalitionId: cid, raceId: special.raceId }).elections.every((e) => e.rows.length === 0)).toBe(true);
  // the carried sub-table's credit report, and the demo representative (Kestrel Action) may read it
  const credit = subTableCredit(db, "system", { coalitionId: cid, subCoalitionId: vance.id, today: "2026-12-01" });
  expect(credit.total).toMatchObject({ shiftsHosted: 2, recruited: 6, walkIns: 1, attended: 5, doors: 286, calls: 340 });
  const rep = db.select().from(users).where(eq(users.email, DEMO_USERS.find((u) => u.key === "rep")!.email)).get()!;
  expect(can(loadPrincipal(db, rep.id)!, { action: "credit.read", coalitionId: cid, partnerIds: creditSubject(db, "system", { coalitionId: cid, subCoalitionId: vance.id }).partnerIds }).ok).toBe(true);
});

it("seeds a candidate of the 2028 table who ran in 2026", () => {
  const ilori = db.$client.prepare("select c.id from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.name = ?").get(cid2028, RETURNING_CANDIDATE) as { id: number };
  const across = candidateAcrossCycles(db, "system", { coalitionId: cid2028, candidateId: ilori.id });
  expect(across.candidacies.map((c) => c.cycle)).toEqual([2028, 2026]);
  expect(across.previous?.results).toEqual([{ election: "primary", votes: 30125, outcome: "lost" }]);
});

it("reviews the 2026 cycle: a hand-computed row per race with a result, and the chart's groups", () => {
  const review = cycleReview(db, "system", { coalitionId: cid });
  expect(review.rows.map((r) => [r.candidateName, r.endorsers, r.election, r.outcome, r.margin, r.daysFromCriticalMass, r.hoursDelivered])).toEqual([
    [RETURNING_CANDIDATE, 1, "primary", "lost", -10.9, null, 0],
    ["Renata Hollis", 3, "primary", "lost", -4.2, 64, 0],
    ["Marisol Vance", 3, "general", "won", 100, 252, 13],
  ]);
  expect(review.groups).toEqual([
    { group: "with a sub-table", races: 2, succeeded: 1, meanMargin: 47.9 },
    { group: "without a sub-table", races: 1, succeeded: 0, meanMargin: -10.9 },
  ]);
  const first = cycleReview(db, "system", { coalitionId: cid, limit: 2 });
  expect(first.rows).toHaveLength(2);
  expect(first.next).not.toBeNull();
});

it("seeds lessons from the 2026 review that show on the 2028 table's PA-07 and on the returning candidate, and his other name", async () => {
  const { DEMO_LESSON, DEMO_OTHER_NAME } = await import("../../db/seed-lessons");
  const { lessonsForCandidate, lessonsForRace } = await import("~/models/lessons.server");
  const { searchPeople } = await import("~/models/person-names.server");
  const raceOf = (coalitionId: number, district: string) =>
    (db.$client.prepare("select id from races where coalition_id = ? and office = 'U.S. House' and state = 'PA' and district = ?").get(coalitionId, district) as { id: number }).id;
  const next = lessonsForRace(db, "system", { coalitionId: cid2028, raceId: raceOf(cid2028, "07") });
  expect(next.lessons.map((l) => l.body)).toContain(DEMO_LESSON);
  expect(next.lessons.every((l) => l.origin === "Lesson from the 2026 cycle review")).toBe(true);
  expect(next.lessons.map((l) => l.sourceKind).sort()).toEqual(["campaign", "public", "research"]);
  const ilori = db.$client.prepare("select c.id from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.name = ?").get(cid2028, RETURNING_CANDIDATE) as { id: number };
  expect(lessonsForCandidate(db, "system", { coalitionId: cid2028, candidateId: ilori.id }).lessons).toHaveLength(1);
  // the other name finds his 2026 candidacy from any other candidacy's search
  const someone = db.$client.prepare("select c.id from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.name <> ? order by c.id limit 1").get(cid2028, RETURNING_CANDIDATE) as { id: number };
  expect(searchPeople(db, "system", { coalitionId: cid2028, candidateId: someone.id, q: DEMO_OTHER_NAME }).rows.map((r) => [r.name, r.matchedName])).toContainEqual([RETURNING_CANDIDATE, DEMO_OTHER_NAME]);
});
