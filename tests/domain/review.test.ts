import { describe, expect, it } from "vitest";
import { bandOf, marginPoints, marginPointsFromSums, MARGIN_BANDS, reviewGroups, reviewRow, succeeded } from "~/domain/review";

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

  it("plots margin against timing, endorsers and hours on a hand-computed table of five races", () => {
    // race: days from critical mass, endorsers, hours, votes / runner-up / total, outcome
    const rows = [
      { daysFromCriticalMass: 84, endorsers: 5, hoursDelivered: 130, votes: 600, runnerUp: 400, totalVotes: 1000, succeeded: true }, // +20
      { daysFromCriticalMass: 12, endorsers: 4, hoursDelivered: 40, votes: 450, runnerUp: 550, totalVotes: 1000, succeeded: false }, // -10
      { daysFromCriticalMass: 60, endorsers: 4, hoursDelivered: 0, votes: 520, runnerUp: 480, totalVotes: 1000, succeeded: true }, // +4
      { daysFromCriticalMass: null, endorsers: 1, hoursDelivered: 0, votes: 300, runnerUp: 700, totalVotes: 1000, succeeded: false }, // -40
      { daysFromCriticalMass: null, endorsers: 0, hoursDelivered: 0, votes: 0, runnerUp: 0, totalVotes: 0, succeeded: false }, // no votes listed: no margin
    ];
    const p = marginPoints(rows);
    const brief = (axis: keyof typeof p) => p[axis].map((x) => [x.label, x.races, x.succeeded, x.meanMargin]);
    expect(brief("timing")).toEqual([
      ["No sub-table", 2, 0, -40],
      ["Under 30 days", 1, 0, -10],
      ["30–89 days", 2, 2, 12], // (+20 + +4) / 2
      ["90–179 days", 0, 0, null],
      ["180 days or more", 0, 0, null],
    ]);
    expect(brief("endorsers")).toEqual([
      ["None", 1, 0, null],
      ["1", 1, 0, -40],
      ["2–3", 0, 0, null],
      ["4–5", 3, 2, 4.7], // (20 - 10 + 4) / 3 = 4.67
      ["6 or more", 0, 0, null],
    ]);
    expect(brief("hours")).toEqual([
      ["None", 3, 1, -18], // (4 - 40) / 2, the race without votes has no margin
      ["Under 100", 1, 0, -10],
      ["100–499", 1, 1, 20],
      ["500–1,999", 0, 0, null],
      ["2,000 or more", 0, 0, null],
    ]);
    // the bands' edges: a band includes its lower edge; a sub-table formed after the election day counts in the first
    expect([0, 29, 30, 180, -3].map((d) => MARGIN_BANDS.timing[bandOf("timing", d)].label)).toEqual(["Under 30 days", "Under 30 days", "30–89 days", "180 days or more", "Under 30 days"]);
    expect(marginPointsFromSums("endorsers", []).every((x) => x.races === 0 && x.meanMargin === null)).toBe(true);
  });
});
