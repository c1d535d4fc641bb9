import { describe, expect, it } from "vitest";
import { reviewGroups, reviewRow, succeeded } from "~/domain/review";

describe("the cycle review's figures", () => {
  it("on a hand-computed race: days from critical mass to the election, margin in points", () => {
    const r = reviewRow({ raceId: 1, raceLabel: "U.S. House, PA-07", candidateId: 2, candidateName: "Marisol Vance", endorsers: 3, formedAt: "2026-02-24T16:00:00.000Z", hoursDelivered: 13, election: "primary", electionDate: "2026-05-19", outcome: "advanced_general", votes: 41230, totalVotes: 70045, runnerUp: 28815 });
    expect(r.daysFromCriticalMass).toBe(84);
    expect(r.margin).toBe(17.7);
    expect(r.succeeded).toBe(true);
    const lost = reviewRow({ ...r, formedAt: null, outcome: "lost", votes: 30125, totalVotes: 78705, runnerUp: 38710 });
    expect(lost).toMatchObject({ daysFromCriticalMass: null, margin: -10.9, succeeded: false });
  });
  it("groups races with and without a sub-table for the chart", () => {
    expect(
      reviewGroups([
        { withSubTable: 1, races: 3, succeeded: 2, marginSum: 12.6, margins: 3 },
        { withSubTable: 0, races: 2, succeeded: 0, marginSum: -20, margins: 2 },
      ]),
    ).toEqual([
      { group: "with a sub-table", races: 3, succeeded: 2, meanMargin: 4.2 },
      { group: "without a sub-table", races: 2, succeeded: 0, meanMargin: -10 },
    ]);
    expect(reviewGroups([])[0]).toEqual({ group: "with a sub-table", races: 0, succeeded: 0, meanMargin: null });
    expect(["won", "advanced_runoff", "lost", "withdrew"].map((o) => succeeded(o as never))).toEqual([true, true, false, false]);
  });
});
