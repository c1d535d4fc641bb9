import { describe, expect, it } from "vitest";
import { endorsementTimeline } from "~/domain/stats";
import type { Stance } from "../../app/domain/vocabulary";

type Ev = Parameters<typeof endorsementTimeline>[0][number];
let nextId = 0;
const ev = (decidedOn: string, candidateId: number, partnerId: number, stance: Stance, affiliateId: number | null = null, id = ++nextId): Ev => ({
  id,
  candidateId,
  partnerId,
  affiliateId,
  stance,
  decidedOn,
});

describe("endorsementTimeline", () => {
  it("is empty without events", () => {
    expect(endorsementTimeline([])).toEqual([]);
  });

  it("gives one point per decision date with the running count of endorsed pairs", () => {
    const events = [
      ev("2026-03-01", 1, 10, "endorsed"),
      ev("2026-03-01", 1, 11, "endorsed"),
      ev("2026-03-05", 2, 10, "considering"),
      ev("2026-03-09", 2, 10, "endorsed"),
      ev("2026-03-12", 1, 11, "withdrawn"),
    ];
    expect(endorsementTimeline(events)).toEqual([
      { date: "2026-03-01", endorsed: 2 },
      { date: "2026-03-05", endorsed: 2 },
      { date: "2026-03-09", endorsed: 3 },
      { date: "2026-03-12", endorsed: 2 },
    ]);
  });

  it("replays in decision order whatever the input order (newest-first input works)", () => {
    const events = [
      ev("2026-03-12", 1, 11, "withdrawn", null, 5),
      ev("2026-03-09", 2, 10, "endorsed", null, 4),
      ev("2026-03-01", 1, 11, "endorsed", null, 2),
      ev("2026-03-01", 1, 10, "endorsed", null, 1),
    ];
    const copy = events.map((e) => e.id);
    expect(endorsementTimeline(events)).toEqual([
      { date: "2026-03-01", endorsed: 2 },
      { date: "2026-03-09", endorsed: 3 },
      { date: "2026-03-12", endorsed: 2 },
    ]);
    expect(events.map((e) => e.id)).toEqual(copy);
  });

  it("on the same date, the later event (by id) wins", () => {
    const events = [ev("2026-04-01", 1, 10, "withdrawn", null, 8), ev("2026-04-01", 1, 10, "endorsed", null, 7)];
    expect(endorsementTimeline(events)).toEqual([{ date: "2026-04-01", endorsed: 0 }]);
  });

  it("does not count affiliates' own endorsements", () => {
    const events = [ev("2026-03-01", 1, 10, "endorsed", 100), ev("2026-03-02", 1, 11, "endorsed"), ev("2026-03-03", 1, 12, "endorsed", 101)];
    expect(endorsementTimeline(events)).toEqual([{ date: "2026-03-02", endorsed: 1 }]);
  });

  it("counts a partner–candidate pair once however often it is re-endorsed", () => {
    const events = [
      ev("2026-03-01", 1, 10, "endorsed"),
      ev("2026-03-02", 1, 10, "withdrawn"),
      ev("2026-03-03", 1, 10, "endorsed"),
      ev("2026-03-03", 2, 10, "endorsed"),
    ];
    expect(endorsementTimeline(events)).toEqual([
      { date: "2026-03-01", endorsed: 1 },
      { date: "2026-03-02", endorsed: 0 },
      { date: "2026-03-03", endorsed: 2 },
    ]);
  });
});
