/**
 * Who decides (issue 13): critical mass counted by the national partners or by the affiliates
 * covering the race, one per partner either way, and ranked endorsements (only a first choice
 * counts). Pure rules of app/domain/critical-mass.ts.
 */
import { describe, expect, it } from "vitest";
import { checkRank, countsTowardCriticalMass, endorsingPartners, ordinal, type StanceEvent } from "~/domain/critical-mass";

let id = 0;
const ev = (partnerId: number, affiliateId: number | null, stance: StanceEvent["stance"] = "endorsed", rank: number | null = null, candidateId = 1): StanceEvent => ({ id: ++id, candidateId, partnerId, affiliateId, stance, rank });

// affiliates 11, 12 (partner 1), 21 (partner 2), 31 (partner 3) cover candidate 1's race; 99 (partner 4) does not
const covering = new Set([11, 12, 21, 31]);
const affiliateRule = { decider: "affiliate" as const, covers: (a: number) => covering.has(a) };

describe("critical mass by whose stance counts", () => {
  it("at a national table only the partners' own endorsements count", () => {
    const events = [ev(1, null), ev(2, 21), ev(3, null, "considering")];
    expect(endorsingPartners(events, 1)).toEqual([1]);
  });

  it("at a table where affiliates decide, a covering chapter's endorsement counts for its partner, and the national stance does not", () => {
    const events = [ev(1, 11), ev(2, null), ev(3, 31), ev(4, 99)];
    expect(endorsingPartners(events, 1, affiliateRule)).toEqual([1, 3]);
  });

  it("two chapters of one partner endorsing count once, and the partner still counts while one of them does", () => {
    const events = [ev(1, 11), ev(1, 12), ev(2, 21)];
    expect(endorsingPartners(events, 1, affiliateRule)).toEqual([1, 2]);
    events.push(ev(1, 11, "withdrawn"));
    expect(endorsingPartners(events, 1, affiliateRule)).toEqual([1, 2]);
    events.push(ev(1, 12, "withdrawn"));
    expect(endorsingPartners(events, 1, affiliateRule)).toEqual([2]);
  });

  it("only an unranked or first-ranked endorsement counts", () => {
    expect(countsTowardCriticalMass(ev(1, null, "endorsed", 1))).toBe(true);
    expect(countsTowardCriticalMass(ev(1, null, "endorsed", 2))).toBe(false);
    expect(countsTowardCriticalMass(ev(1, 11, "endorsed", 1), affiliateRule)).toBe(true);
    expect(countsTowardCriticalMass(ev(1, 11, "endorsed", 3), affiliateRule)).toBe(false);
    expect(countsTowardCriticalMass(ev(1, 11, "considering"), affiliateRule)).toBe(false);
    // a chapter's endorsement of a race it does not cover does not count
    expect(countsTowardCriticalMass(ev(4, 99), affiliateRule)).toBe(false);
  });
});

describe("ranked endorsements", () => {
  const taken = new Map([[1, "Ana Ruiz"]]);
  it("takes ranks 1 to N at a table that allows them", () => {
    expect(checkRank({ rank: 2, stance: "endorsed", rankedMax: 3, ranksTaken: taken })).toEqual({ ok: true });
    expect(checkRank({ rank: null, stance: "endorsed", rankedMax: null, ranksTaken: new Map() })).toEqual({ ok: true });
  });
  it("refuses a rank above N, a rank given twice in the race, a rank at a table without ranking, a rank on another stance", () => {
    expect(checkRank({ rank: 4, stance: "endorsed", rankedMax: 3, ranksTaken: taken })).toEqual({ ok: false, field: "rank", message: "Rank from 1 to 3: this table takes up to 3 ranked endorsements in a race." });
    expect(checkRank({ rank: 1, stance: "endorsed", rankedMax: 3, ranksTaken: taken })).toEqual({ ok: false, field: "rank", message: "Ana Ruiz is already ranked 1st in this race. Give each rank once." });
    expect(checkRank({ rank: 1, stance: "endorsed", rankedMax: null, ranksTaken: new Map() })).toMatchObject({ ok: false, message: expect.stringContaining("does not take ranked endorsements") });
    expect(checkRank({ rank: 2, stance: "considering", rankedMax: 3, ranksTaken: new Map() })).toMatchObject({ ok: false, message: expect.stringContaining("Only an endorsement is ranked") });
  });
  it("says ranks as people do", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]);
  });
});
