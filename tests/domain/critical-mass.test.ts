import { describe, expect, it } from "vitest";
import {
  checkStanceChange,
  currentStances,
  DEFAULT_THRESHOLD,
  endorsingPartners,
  holderKey,
  isNearingCriticalMass,
  reachesCriticalMass,
  splitRace,
  subTableChange,
  subTableStatus,
  type StanceEvent,
} from "~/domain/critical-mass";
import { addDays } from "~/domain/dates";
import type { Stance } from "../../app/domain/vocabulary";

/** Builds a history of stance events with ids in the order given. */
function history(...rows: [candidateId: number, partnerId: number, stance: Stance, affiliateId?: number | null][]): StanceEvent[] {
  return rows.map(([candidateId, partnerId, stance, affiliateId], i) => ({
    id: i + 1,
    candidateId,
    partnerId,
    affiliateId: affiliateId ?? null,
    stance,
  }));
}

/** Replays a history through subTableChange the way the model does, tracking members. */
function replay(events: StanceEvent[], threshold: number) {
  let members: number[] | null = null;
  const changes: string[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const before = currentStances(events.slice(0, i)).get(holderKey(e))?.stance ?? null;
    const change = subTableChange({
      partnerId: e.partnerId,
      wasEndorsing: before === "endorsed",
      isEndorsing: e.stance === "endorsed",
      endorsersAfter: endorsingPartners(events.slice(0, i + 1), e.candidateId),
      threshold,
      members,
      open: true,
    });
    changes.push(change.kind);
    if (change.kind === "form") members = [...change.members];
    else if (change.kind === "join") members = [...members!, change.partnerId];
    else if (change.kind === "leave") members = members!.filter((p) => p !== change.partnerId);
  }
  return { members, changes };
}

describe("currentStances", () => {
  it("newest wins: the last appended event per holder is the current stance", () => {
    const events = history([1, 10, "considering"], [1, 10, "endorsed"], [1, 10, "withdrawn"], [1, 11, "endorsed"]);
    const current = currentStances(events);
    expect(current.size).toBe(2);
    expect(current.get(holderKey({ candidateId: 1, partnerId: 10, affiliateId: null }))?.stance).toBe("withdrawn");
    expect(current.get(holderKey({ candidateId: 1, partnerId: 11, affiliateId: null }))?.stance).toBe("endorsed");
  });

  it("orders by id, not by array position", () => {
    const events: StanceEvent[] = [
      { id: 5, candidateId: 1, partnerId: 10, affiliateId: null, stance: "withdrawn" },
      { id: 2, candidateId: 1, partnerId: 10, affiliateId: null, stance: "endorsed" },
    ];
    expect(currentStances(events).get("1:10:-")?.stance).toBe("withdrawn");
    // the input is not reordered in place
    expect(events.map((e) => e.id)).toEqual([5, 2]);
  });

  it("keeps a partner's stance and its affiliate's own stance apart", () => {
    const events = history([1, 10, "endorsed"], [1, 10, "declined", 7]);
    const current = currentStances(events);
    expect(current.get("1:10:-")?.stance).toBe("endorsed");
    expect(current.get("1:10:7")?.stance).toBe("declined");
  });

  it("keeps stances on different candidates apart", () => {
    const current = currentStances(history([1, 10, "endorsed"], [2, 10, "declined"]));
    expect(current.get("1:10:-")?.stance).toBe("endorsed");
    expect(current.get("2:10:-")?.stance).toBe("declined");
  });
});

describe("endorsingPartners", () => {
  it("counts distinct national partners currently endorsing, sorted", () => {
    const events = history([1, 12, "endorsed"], [1, 10, "endorsed"], [1, 11, "considering"], [2, 13, "endorsed"]);
    expect(endorsingPartners(events, 1)).toEqual([10, 12]);
    expect(endorsingPartners(events, 2)).toEqual([13]);
    expect(endorsingPartners(events, 3)).toEqual([]);
  });

  it("affiliate endorsements do not count (affiliateId != null is ignored)", () => {
    const events = history([1, 10, "endorsed", 100], [1, 11, "endorsed", 101], [1, 12, "endorsed"]);
    expect(endorsingPartners(events, 1)).toEqual([12]);
  });

  it("an affiliate's endorsement does not stand in for its partner's withdrawal", () => {
    const events = history([1, 10, "endorsed"], [1, 10, "endorsed", 100], [1, 10, "withdrawn"]);
    expect(endorsingPartners(events, 1)).toEqual([]);
  });

  it("a withdrawn or declined partner no longer counts", () => {
    const events = history([1, 10, "endorsed"], [1, 11, "endorsed"], [1, 10, "withdrawn"], [1, 11, "declined"]);
    expect(endorsingPartners(events, 1)).toEqual([]);
  });
});

describe("reachesCriticalMass", () => {
  it("default threshold is 4", () => {
    expect(DEFAULT_THRESHOLD).toBe(4);
    expect(reachesCriticalMass(3, DEFAULT_THRESHOLD)).toBe(false);
    expect(reachesCriticalMass(4, DEFAULT_THRESHOLD)).toBe(true);
    expect(reachesCriticalMass(5, DEFAULT_THRESHOLD)).toBe(true);
  });
});

describe("checkStanceChange", () => {
  it("same stance refused", () => {
    const r = checkStanceChange({ from: "endorsed", to: "endorsed", seats: 1, endorsedElsewhereInRace: 0 });
    expect(r).toMatchObject({ ok: false, field: "stance" });
    if (!r.ok) expect(r.message).toContain("Endorsed");
    expect(checkStanceChange({ from: "considering", to: "considering", seats: 1, endorsedElsewhereInRace: 0 }).ok).toBe(false);
  });

  it("withdraw only from endorsed", () => {
    for (const from of [null, "considering", "declined"] as const) {
      const r = checkStanceChange({ from, to: "withdrawn", seats: 1, endorsedElsewhereInRace: 0 });
      expect(r).toEqual({ ok: false, field: "stance", message: "Only an endorsement can be withdrawn." });
    }
    expect(checkStanceChange({ from: "endorsed", to: "withdrawn", seats: 1, endorsedElsewhereInRace: 0 })).toEqual({ ok: true });
  });

  it("allows any first stance except withdrawn, and moves between stances", () => {
    for (const to of ["considering", "endorsed", "declined"] as const) {
      expect(checkStanceChange({ from: null, to, seats: 1, endorsedElsewhereInRace: 0 })).toEqual({ ok: true });
    }
    expect(checkStanceChange({ from: "withdrawn", to: "endorsed", seats: 1, endorsedElsewhereInRace: 0 })).toEqual({ ok: true });
    expect(checkStanceChange({ from: "declined", to: "considering", seats: 1, endorsedElsewhereInRace: 0 })).toEqual({ ok: true });
  });

  it("one seat: a second endorsement in the race is refused", () => {
    const r = checkStanceChange({ from: null, to: "endorsed", seats: 1, endorsedElsewhereInRace: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe("stance");
      expect(r.message).toContain("one seat");
    }
  });

  it("seats > 1: allows a second endorsement in a 2-seat race, refuses a third", () => {
    expect(checkStanceChange({ from: null, to: "endorsed", seats: 2, endorsedElsewhereInRace: 1 })).toEqual({ ok: true });
    const third = checkStanceChange({ from: "considering", to: "endorsed", seats: 2, endorsedElsewhereInRace: 2 });
    expect(third.ok).toBe(false);
    if (!third.ok) {
      expect(third.field).toBe("stance");
      expect(third.message).toContain("2 seats");
    }
  });

  it("the seat limit does not restrict non-endorsing stances", () => {
    expect(checkStanceChange({ from: null, to: "considering", seats: 1, endorsedElsewhereInRace: 1 })).toEqual({ ok: true });
    expect(checkStanceChange({ from: null, to: "declined", seats: 1, endorsedElsewhereInRace: 1 })).toEqual({ ok: true });
  });
});

describe("subTableChange", () => {
  const base = { partnerId: 4, wasEndorsing: false, isEndorsing: true, threshold: 4, members: null, open: false };

  it("below critical mass: no sub-table at 3 endorsers", () => {
    expect(subTableChange({ ...base, partnerId: 3, endorsersAfter: [1, 2, 3] })).toEqual({ kind: "none" });
  });

  it("critical mass at 3→4 forms the sub-table with all four endorsers", () => {
    expect(subTableChange({ ...base, endorsersAfter: [1, 2, 3, 4] })).toEqual({ kind: "form", members: [1, 2, 3, 4] });
  });

  it("forms exactly when the fourth endorsement is replayed, not before", () => {
    const events = history([1, 1, "endorsed"], [1, 2, "endorsed"], [1, 3, "considering"], [1, 3, "endorsed"], [1, 4, "endorsed"]);
    const { members, changes } = replay(events, 4);
    expect(changes).toEqual(["none", "none", "none", "none", "form"]);
    expect(members).toEqual([1, 2, 3, 4]);
  });

  it("a non-endorsing change never forms a sub-table, even with enough endorsers", () => {
    expect(subTableChange({ ...base, partnerId: 9, isEndorsing: false, endorsersAfter: [1, 2, 3, 4] })).toEqual({ kind: "none" });
  });

  it("4→3 after a withdrawal: the withdrawing member leaves", () => {
    expect(
      subTableChange({ partnerId: 2, wasEndorsing: true, isEndorsing: false, endorsersAfter: [1, 3, 4], threshold: 4, members: [1, 2, 3, 4], open: true }),
    ).toEqual({ kind: "leave", partnerId: 2 });
  });

  it("a later endorser joins an open sub-table", () => {
    expect(
      subTableChange({ partnerId: 5, wasEndorsing: false, isEndorsing: true, endorsersAfter: [1, 2, 3, 4, 5], threshold: 4, members: [1, 2, 3, 4], open: true }),
    ).toEqual({ kind: "join", partnerId: 5 });
  });

  it("a re-endorsement rejoins", () => {
    const events = history(
      [1, 1, "endorsed"],
      [1, 2, "endorsed"],
      [1, 3, "endorsed"],
      [1, 4, "endorsed"],
      [1, 2, "withdrawn"],
      [1, 2, "endorsed"],
    );
    const { members, changes } = replay(events, 4);
    expect(changes).toEqual(["none", "none", "none", "form", "leave", "join"]);
    expect(members).toEqual([1, 3, 4, 2]);
  });

  it("a re-endorsement below the threshold rejoins the existing sub-table rather than forming a new one", () => {
    const r = subTableChange({ partnerId: 2, wasEndorsing: false, isEndorsing: true, endorsersAfter: [1, 2], threshold: 4, members: [1], open: true });
    expect(r).toEqual({ kind: "join", partnerId: 2 });
  });

  it("a closed sub-table is not changed by joins or leaves", () => {
    expect(
      subTableChange({ partnerId: 5, wasEndorsing: false, isEndorsing: true, endorsersAfter: [1, 2, 3, 4, 5], threshold: 4, members: [1, 2, 3, 4], open: false }),
    ).toEqual({ kind: "none" });
    expect(
      subTableChange({ partnerId: 1, wasEndorsing: true, isEndorsing: false, endorsersAfter: [2, 3, 4], threshold: 4, members: [1, 2, 3, 4], open: false }),
    ).toEqual({ kind: "none" });
  });

  it("a non-member that does not endorse and a member that keeps endorsing change nothing", () => {
    const sub = { endorsersAfter: [1, 2, 3, 4], threshold: 4, members: [1, 2, 3, 4], open: true };
    expect(subTableChange({ ...sub, partnerId: 9, wasEndorsing: false, isEndorsing: false })).toEqual({ kind: "none" });
    expect(subTableChange({ ...sub, partnerId: 1, wasEndorsing: true, isEndorsing: true })).toEqual({ kind: "none" });
  });

  it("threshold changed on a table: threshold 2 forms at the second endorser", () => {
    const { changes, members } = replay(history([1, 1, "endorsed"], [1, 2, "endorsed"], [1, 3, "endorsed"]), 2);
    expect(changes).toEqual(["none", "form", "join"]);
    expect(members).toEqual([1, 2, 3]);
  });

  it("threshold changed on a table: threshold 5 does not form at four, forms at five", () => {
    const events = history([1, 1, "endorsed"], [1, 2, "endorsed"], [1, 3, "endorsed"], [1, 4, "endorsed"], [1, 5, "endorsed"]);
    const { changes, members } = replay(events, 5);
    expect(changes).toEqual(["none", "none", "none", "none", "form"]);
    expect(members).toEqual([1, 2, 3, 4, 5]);
    expect(replay(events.slice(0, 4), 5).members).toBeNull();
  });

  it("affiliate endorsements do not bring a candidate to critical mass", () => {
    const events = history([1, 1, "endorsed"], [1, 2, "endorsed"], [1, 3, "endorsed"], [1, 4, "endorsed", 40]);
    expect(endorsingPartners(events, 1)).toHaveLength(3);
    expect(subTableChange({ ...base, endorsersAfter: endorsingPartners(events, 1) })).toEqual({ kind: "none" });
  });
});

describe("subTableStatus", () => {
  const primaryDate = "2026-05-19";
  const base = { closedAt: null, primaryDate, today: "2026-05-01", memberCount: 4, threshold: 4 };

  it("is active at critical mass", () => {
    expect(subTableStatus(base)).toBe("active");
    expect(subTableStatus({ ...base, memberCount: 6 })).toBe("active");
  });

  it("is below critical mass when members fall under the threshold", () => {
    expect(subTableStatus({ ...base, memberCount: 3 })).toBe("below_critical_mass");
    expect(subTableStatus({ ...base, memberCount: 0 })).toBe("below_critical_mass");
  });

  it("follows the table's threshold", () => {
    expect(subTableStatus({ ...base, memberCount: 4, threshold: 5 })).toBe("below_critical_mass");
    expect(subTableStatus({ ...base, memberCount: 2, threshold: 2 })).toBe("active");
  });

  it("closed-after-primary: open on the primary date, closed the day after", () => {
    expect(subTableStatus({ ...base, today: primaryDate })).toBe("active");
    expect(subTableStatus({ ...base, today: primaryDate, memberCount: 3 })).toBe("below_critical_mass");
    expect(subTableStatus({ ...base, today: addDays(primaryDate, 1) })).toBe("closed");
    expect(subTableStatus({ ...base, today: addDays(primaryDate, 1), memberCount: 2 })).toBe("closed");
  });

  it("is closed once the facilitator closes it, even before the primary", () => {
    expect(subTableStatus({ ...base, closedAt: "2026-04-01T12:00:00.000Z" })).toBe("closed");
  });
});

describe("splitRace", () => {
  it("split-race detection, seats 1: two endorsed candidates split the race", () => {
    const split = splitRace(
      1,
      new Map([
        [1, [10, 11]],
        [2, [12]],
        [3, []],
      ]),
    );
    expect(split).toEqual([
      { candidateId: 1, partners: [10, 11] },
      { candidateId: 2, partners: [12] },
    ]);
  });

  it("seats 1: all endorsers on one candidate is not split", () => {
    expect(splitRace(1, new Map([[1, [10, 11, 12]], [2, []]]))).toBeNull();
    expect(splitRace(1, new Map())).toBeNull();
  });

  it("split-race detection, seats 2: two endorsed candidates fit, three split", () => {
    expect(splitRace(2, new Map([[1, [10]], [2, [11]]]))).toBeNull();
    const split = splitRace(2, new Map([[1, [10]], [2, [11]], [3, [12, 13]]]));
    expect(split?.map((s) => s.candidateId)).toEqual([1, 2, 3]);
  });
});

describe("isNearingCriticalMass", () => {
  it("threshold 4: 2 and 3 are nearing; 0, 1 and 4 are not", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => isNearingCriticalMass(n, 4))).toEqual([false, false, true, true, false, false]);
  });

  it("threshold 2: one endorser is nearing, none is not", () => {
    expect(isNearingCriticalMass(0, 2)).toBe(false);
    expect(isNearingCriticalMass(1, 2)).toBe(true);
    expect(isNearingCriticalMass(2, 2)).toBe(false);
  });

  it("threshold 3: 1 and 2 are nearing", () => {
    expect([0, 1, 2, 3].map((n) => isNearingCriticalMass(n, 3))).toEqual([false, true, true, false]);
  });
});
