/**
 * Issue 16, the review's cost: the cycle review reads the race_reviews projection, which the
 * database keeps in the transaction of each write it reads (results, stances and sub-tables,
 * attendance and shifts). Each write below is followed by the row the review would show.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { marginPoints } from "~/domain/review";
import { recordResult } from "~/models/results.server";
import { cycleReview } from "~/models/review.server";
import { buildCandidate, buildPartner, buildProgramWorld, buildShift, buildSignup, stance } from "../factories";
import { testActor, testDb } from "../db";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const AFTER = new Date("2027-06-01T12:00:00Z");

describe("the cycle review's projection", () => {
  it("follows results, stances, sub-tables, attendance and cancelled shifts", () => {
    const w = buildProgramWorld(db, actor, { partners: 6, endorsers: 4 });
    const coalitionId = w.coalition.id;
    const rival = buildCandidate(db, actor, coalitionId, w.race.id, { name: "Rita Rival" }).id;
    const shift = buildShift(db, actor, coalitionId, w.program.id, w.affiliates[0].id);
    const [s1, s2] = [1, 2].map(() => buildSignup(db, actor, coalitionId, w.program.id, shift.id, w.affiliates[0].id));
    const review = () => cycleReview(db, "system", { coalitionId });
    expect(review().total).toBe(0);

    const src = { coalitionId, raceId: w.race.id, election: "primary" as const, sourceUrl: "https://sos.example.gov/r", sourceDate: "2027-05-20" };
    recordResult(db, actor, { ...src, candidateId: w.candidate.id, votes: 600, outcome: "advanced_general" }, AFTER);
    recordResult(db, actor, { ...src, candidateId: rival, votes: 400, outcome: "lost" }, AFTER);
    expect(review().rows).toEqual([expect.objectContaining({ raceId: w.race.id, candidateId: w.candidate.id, endorsers: 4, formedAt: w.subTable.formedAt, hoursDelivered: 0, margin: 20, succeeded: true })]);

    // attendance: the 3-hour shift's two volunteers came; then the shift is cancelled
    db.$client.prepare("update signups set attended = 1 where id in (?, ?)").run(s1, s2);
    expect(review().rows[0].hoursDelivered).toBe(6);
    db.$client.prepare("update shifts set cancelled_at = '2027-04-01T00:00:00.000Z' where id = ?").run(shift.id);
    expect(review().rows[0].hoursDelivered).toBe(0);

    // a fifth partner endorses: the row counts it
    expect(stance(db, actor, coalitionId, w.candidate.id, w.partners[4].id, "endorsed").ok).toBe(true);
    expect(review().rows[0].endorsers).toBe(5);

    // a correction of the votes moves the margin; the chart's bands follow
    recordResult(db, actor, { ...src, candidateId: rival, votes: 500, outcome: "lost" }, AFTER);
    const r = review();
    expect(r.rows[0].margin).toBe(9.1);
    expect(r.margins).toEqual(marginPoints(r.rows));
    expect(r.margins.endorsers.find((p) => p.label === "4–5")).toMatchObject({ races: 1, succeeded: 1, meanMargin: 9.1 });
  });

  it("backs the most endorsed candidate, and the chart sums in SQL are the domain's on several races", () => {
    const w = buildProgramWorld(db, actor, { partners: 5, endorsers: 4 });
    const coalitionId = w.coalition.id;
    const other = buildCandidate(db, actor, coalitionId, w.race.id, { name: "Other" }).id;
    const src = { coalitionId, raceId: w.race.id, election: "primary" as const, sourceUrl: "https://sos.example.gov/r", sourceDate: "2027-05-20" };
    recordResult(db, actor, { ...src, candidateId: other, votes: 700, outcome: "advanced_general" }, AFTER);
    recordResult(db, actor, { ...src, candidateId: w.candidate.id, votes: 300, outcome: "lost" }, AFTER);
    // more races without a sub-table: one partner behind the loser, none behind the other
    const p = buildPartner(db, actor, coalitionId);
    for (const [i, votes] of [
      [0, [550, 450]],
      [1, [100, 900]],
      [2, [0, 0]],
    ] as const) {
      const race = db.$client.prepare("insert into races (coalition_id, office, state, district, primary_date, general_date, time_zone) values (?, 'U.S. House', 'OH', ?, '2027-05-04', '2027-11-02', 'America/New_York') returning id").get(coalitionId, `1${i}`) as { id: number };
      const a = buildCandidate(db, actor, coalitionId, race.id, { name: `A${i}` }).id;
      const b = buildCandidate(db, actor, coalitionId, race.id, { name: `B${i}` }).id;
      if (i === 1) stance(db, actor, coalitionId, a, p.id, "endorsed");
      const s = { coalitionId, raceId: race.id, election: "primary" as const, sourceUrl: "https://sos.example.gov/oh", sourceDate: "2027-05-05" };
      recordResult(db, actor, { ...s, candidateId: a, votes: votes[0], outcome: votes[0] > votes[1] ? "advanced_general" : "lost" }, AFTER);
      recordResult(db, actor, { ...s, candidateId: b, votes: votes[1], outcome: votes[0] > votes[1] ? "lost" : "advanced_general" }, AFTER);
    }
    const r = cycleReview(db, "system", { coalitionId });
    expect(r.total).toBe(4);
    expect(r.rows.find((x) => x.raceId === w.race.id)).toMatchObject({ candidateId: w.candidate.id, endorsers: 4, margin: -40, succeeded: false });
    expect(r.margins).toEqual(marginPoints(r.rows));
    expect(r.groups).toEqual([
      { group: "with a sub-table", races: 1, succeeded: 0, meanMargin: -40 },
      { group: "without a sub-table", races: 3, succeeded: 1, meanMargin: -35 }, // (+10 - 80) / 2; the race without votes has no margin
    ]);
    // keyset paging over the projection: two pages of two
    const first = cycleReview(db, "system", { coalitionId, limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.next).not.toBeNull();
  });
});
