import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { covers, isRemoteUnit, splitTurf, targets, type CoverageArea, type SplitAffiliate, type SplitUnit } from "~/domain/split";

const unit = (id: number, over: Partial<SplitUnit> = {}): SplitUnit => ({
  id,
  kind: "walk_packet",
  state: "PA",
  district: "07",
  county: "Lehigh",
  size: 100,
  holder: null,
  locked: false,
  ...over,
});
const district = (value: string, state = "PA") => ({ state, kind: "district" as const, value });
const county = (value: string, state = "PA") => ({ state, kind: "county" as const, value });
const aff = (id: number, doorknock: number, coverage: CoverageArea[] = [district("07")]): SplitAffiliate => ({ id, coverage, hours: { doorknock } });
const units = (n: number, over: (i: number) => Partial<SplitUnit> = () => ({})) => Array.from({ length: n }, (_, i) => unit(i + 1, over(i + 1)));

function countsOf(r: ReturnType<typeof splitTurf>) {
  const c = new Map<number, number>();
  for (const a of r.assignment.values()) c.set(a, (c.get(a) ?? 0) + 1);
  return c;
}
const entries = (r: ReturnType<typeof splitTurf>) => [...r.assignment.entries()];

describe("coverage", () => {
  it("matches the state and the district or the county, counties loosely", () => {
    expect(covers([district("07")], unit(1))).toBe(true);
    expect(covers([district("08")], unit(1))).toBe(false);
    expect(covers([district("07", "NJ")], unit(1))).toBe(false);
    expect(covers([county("lehigh county")], unit(1))).toBe(true);
    expect(covers([county("Lehigh", "OH")], unit(1))).toBe(false);
  });
});

describe("targets", () => {
  it("rounds by largest remainder, ties to the smaller id, summing to the total", () => {
    const { ideal, target } = targets(10, new Map([[1, 10], [2, 10], [3, 10]]), new Map([[1, 1], [2, 1], [3, 1]]));
    expect([...target.values()]).toEqual([4, 3, 3]);
    expect(ideal.get(1)).toBeCloseTo(10 / 3);
  });
  it("caps an affiliate at what its coverage reaches and shares the rest", () => {
    const { ideal, target } = targets(10, new Map([[1, 2], [2, 10], [3, 10]]), new Map([[1, 100], [2, 1], [3, 1]]));
    expect(ideal.get(1)).toBe(2);
    expect(ideal.get(2)).toBe(4);
    expect([...target.values()]).toEqual([2, 4, 4]);
  });
});

describe("splitTurf", () => {
  it("gives each unit to exactly one covering affiliate, in proportion to pledges", () => {
    const r = splitTurf(units(30), [aff(1, 10), aff(2, 20), aff(3, 30)]);
    expect(r.assignment.size).toBe(30);
    expect(Object.fromEntries(countsOf(r))).toEqual({ 1: 5, 2: 10, 3: 15 });
    expect(r.shares.map((s) => [s.affiliateId, s.units, s.target, s.size])).toEqual([
      [1, 5, 5, 500],
      [2, 10, 10, 1000],
      [3, 15, 15, 1500],
    ]);
    expect(r.uncovered).toEqual([]);
  });

  it("only gives a unit to an affiliate whose coverage contains it", () => {
    const us = [...units(6), ...units(4, () => ({ district: "08", county: "Berks" })).map((u) => ({ ...u, id: u.id + 100 }))];
    const r = splitTurf(us, [aff(1, 10, [district("07")]), aff(2, 10, [county("Berks")])]);
    for (const [unitId, a] of r.assignment) expect(a).toBe(unitId > 100 ? 2 : 1);
  });

  it("reports units outside every affiliate's coverage and leaves them unassigned", () => {
    const us = [unit(1), unit(2, { district: "09", county: "Erie" }), unit(3, { state: "NJ" })];
    const r = splitTurf(us, [aff(1, 10)]);
    expect(r.uncovered).toEqual([2, 3]);
    expect(entries(r)).toEqual([[1, 1]]);
  });

  it("is deterministic: the same input in any order gives the same split", () => {
    const us = units(25, (i) => ({ county: i % 2 ? "Lehigh" : "Northampton" }));
    const as = [aff(4, 7, [county("Lehigh")]), aff(2, 7), aff(9, 3, [county("Northampton")])];
    const a = splitTurf(us, as);
    const b = splitTurf([...us].reverse(), [...as].reverse());
    expect(entries(b)).toEqual(entries(a));
    expect(b.shares).toEqual(a.shares);
  });

  it("keeps locked units with their holder and counts them toward its share", () => {
    const us = units(12, (i) => (i <= 3 ? { holder: 2, locked: true } : { holder: 2, locked: false }));
    const r = splitTurf(us, [aff(1, 10), aff(2, 10)]);
    for (const id of [1, 2, 3]) expect(r.assignment.get(id)).toBe(2);
    expect(Object.fromEntries(countsOf(r))).toEqual({ 1: 6, 2: 6 });
    expect(r.shares.find((s) => s.affiliateId === 2)!.locked).toBe(3);
  });

  it("keeps a lock even past the holder's target, and the rest goes to the others", () => {
    const us = units(10, (i) => (i <= 8 ? { holder: 1, locked: true } : {}));
    const r = splitTurf(us, [aff(1, 1), aff(2, 1)]);
    expect(Object.fromEntries(countsOf(r))).toEqual({ 1: 8, 2: 2 });
  });

  it("ignores a lock whose holder is no longer one of the program's affiliates", () => {
    const r = splitTurf(units(2, () => ({ holder: 99, locked: true })), [aff(1, 1)]);
    expect(entries(r)).toEqual([[1, 1], [2, 1]]);
  });

  it("gives units covered only by affiliates without a pledge to them, evenly, and lists them", () => {
    const us = [...units(4), unit(10, { district: "08", county: "Berks" }), unit(11, { district: "08", county: "Berks" })];
    const r = splitTurf(us, [aff(1, 10), aff(2, 0, [county("Berks")]), aff(3, 0, [county("Berks")])]);
    expect(r.unpledged).toEqual([10, 11]);
    expect(r.assignment.get(10)).not.toBe(r.assignment.get(11));
    // a covering affiliate with a pledge is always preferred to one without
    const r2 = splitTurf(units(4), [aff(1, 10), aff(2, 0)]);
    expect([...r2.assignment.values()]).toEqual([1, 1, 1, 1]);
  });

  it("splits each kind by its own work type's pledges", () => {
    const us = [...units(4), ...units(4, () => ({ kind: "call_list" })).map((u) => ({ ...u, id: u.id + 10 }))];
    const as: SplitAffiliate[] = [
      { id: 1, coverage: [district("07")], hours: { doorknock: 10 } },
      { id: 2, coverage: [district("07")], hours: { phonebank: 10 } },
    ];
    const r = splitTurf(us, as);
    for (const [unitId, a] of r.assignment) expect(a).toBe(unitId > 10 ? 2 : 1);
  });

  it("meets the targets through chains of coverage where greedy order alone would not", () => {
    // 1 covers only Lehigh; 2 covers Lehigh and Northampton; 3 covers only Northampton.
    const us = units(9, (i) => ({ county: i <= 6 ? "Lehigh" : "Northampton", district: "99" }));
    const as = [aff(1, 1, [county("Lehigh")]), aff(2, 1, [county("Lehigh"), county("Northampton")]), aff(3, 1, [county("Northampton")])];
    const r = splitTurf(us, as);
    expect(Object.fromEntries(countsOf(r))).toEqual({ 1: 3, 2: 3, 3: 3 });
  });
});

// ---- property tests over random inputs ----

const COUNTIES = ["Lehigh", "Northampton", "Berks", "Bucks"];
const DISTRICTS = ["07", "08"];
const arbWorld = fc
  .record({
    affiliates: fc.array(
      fc.record({
        hours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.5, max: 50, noNaN: true })),
        districts: fc.subarray(DISTRICTS),
        counties: fc.subarray(COUNTIES),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    units: fc.array(
      fc.record({
        district: fc.constantFrom(...DISTRICTS, "09"),
        county: fc.constantFrom(...COUNTIES, "Erie"),
        size: fc.integer({ min: 0, max: 500 }),
        lockTo: fc.option(fc.integer({ min: 0, max: 9 }), { freq: 4 }),
        kind: fc.constantFrom("walk_packet" as const, "call_list" as const),
        localOnly: fc.boolean(),
      }),
      { maxLength: 60 },
    ),
  })
  .map(({ affiliates, units: us }) => {
    const as: SplitAffiliate[] = affiliates.map((a, i) => ({
      id: (i + 1) * 3,
      coverage: [...a.districts.map((d) => district(d)), ...a.counties.map((c) => county(c))],
      hours: { doorknock: a.hours, phonebank: a.hours / 2 },
    }));
    const su: SplitUnit[] = us.map((u, i) => {
      const holder = u.lockTo === null ? null : (as[u.lockTo % as.length]?.id ?? null);
      return unit(i + 1, { district: u.district, county: u.county, size: u.size, kind: u.kind, holder, locked: holder !== null, localOnly: u.localOnly });
    });
    return { as, su };
  });

describe("splitTurf, property tests", () => {
  // issue 13: a call list not kept local is remote work: any of the program's affiliates "covers" it
  it("exactly once, only to covering affiliates (any, for a remote list), locks kept, uncovered reported, deterministic", () => {
    fc.assert(
      fc.property(arbWorld, ({ as, su }) => {
        const r = splitTurf(su, as);
        const byId = new Map(as.map((a) => [a.id, a]));
        const reaches = (a: SplitAffiliate, u: SplitUnit) => isRemoteUnit(u) || covers(a.coverage, u);
        for (const u of su) {
          const anyCover = as.some((a) => reaches(a, u));
          const holder = r.assignment.get(u.id);
          // a lock holds while its holder covers the unit; coverage always comes first
          const lockHolds = u.locked && u.holder !== null && byId.has(u.holder) && reaches(byId.get(u.holder)!, u);
          if (lockHolds) expect(holder).toBe(u.holder);
          else if (anyCover) expect(reaches(byId.get(holder!)!, u)).toBe(true);
          else expect(holder).toBeUndefined();
          expect(r.uncovered.includes(u.id)).toBe(!anyCover);
        }
        // a Map holds one holder per unit; shares add up to the assignment
        expect(r.shares.reduce((s, x) => s + x.units, 0)).toBe(r.assignment.size);
        const again = splitTurf([...su].reverse(), [...as].reverse());
        expect(entries(again)).toEqual(entries(r));
      }),
      { numRuns: 300 },
    );
  });

  it("within one unit of the ideal when every affiliate covers all the turf and locks stay within targets", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (hours, n, lockPicks) => {
          const as = hours.map((h, i) => aff(i + 1, h));
          const total = hours.reduce((s, h) => s + h, 0);
          // lock units to affiliates without exceeding their floor of the ideal
          const room = hours.map((h) => Math.floor((n * h) / total));
          const su = units(n);
          let next = 0;
          for (const pick of lockPicks) {
            const k = pick % as.length;
            if (room[k] > 0 && next < n) {
              room[k]--;
              su[next] = { ...su[next], holder: as[k].id, locked: true };
              next++;
            }
          }
          const r = splitTurf(su, as);
          expect(r.assignment.size).toBe(n);
          const counts = countsOf(r);
          for (const [i, h] of hours.entries()) expect(Math.abs((counts.get(i + 1) ?? 0) - (n * h) / total)).toBeLessThan(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("within one unit of the ideal with disjoint or nested coverage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 3 }), (a, b, [h1, h2, h3]) => {
        // 1 covers Lehigh only, 2 covers Northampton only, 3 covers both (nested in the union)
        const us = [...units(a, () => ({ county: "Lehigh", district: "99" })), ...units(b, () => ({ county: "Northampton", district: "99" })).map((u) => ({ ...u, id: u.id + 1000 }))];
        const as = [aff(1, h1, [county("Lehigh")]), aff(2, h2, [county("Northampton")]), aff(3, h3, [county("Lehigh"), county("Northampton")])];
        const r = splitTurf(us, as);
        for (const s of r.shares) expect(Math.abs(s.units - s.ideal)).toBeLessThan(1);
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether some split gives every affiliate exactly its target (bipartite b-matching by augmenting paths). */
function targetsFeasible(eligible: number[][], target: Map<number, number>): boolean {
  const load = new Map<number, number[]>(); // affiliate → units it holds
  for (const id of target.keys()) load.set(id, []);
  const place = (u: number, seen: Set<number>): boolean => {
    for (const a of eligible[u]) {
      if (seen.has(a)) continue;
      seen.add(a);
      const held = load.get(a)!;
      if (held.length < target.get(a)!) {
        held.push(u);
        return true;
      }
      for (const v of [...held]) {
        if (place(v, seen)) {
          held.splice(held.indexOf(v), 1, u);
            return true;
        }
      }
    }
    return false;
  };
  for (let u = 0; u < eligible.length; u++) if (!place(u, new Set())) return false;
  return true;
}

describe("splitTurf, the bound with overlapping coverage", () => {
  it("meets every target whenever some split could (checked against a brute-force matching)", () => {
    let feasibleSeen = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ hours: fc.integer({ min: 1, max: 40 }), counties: fc.subarray(COUNTIES, { minLength: 1 }) }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(...COUNTIES), { maxLength: 14 }),
        (affs, unitCounties) => {
          const as = affs.map((a, i) => aff(i + 1, a.hours, a.counties.map((c) => county(c))));
          const su = unitCounties.map((c, i) => unit(i + 1, { county: c, district: "99" }));
          const r = splitTurf(su, as);
          const covered = su.filter((u) => as.some((a) => covers(a.coverage, u)));
          const eligible = covered.map((u) => as.filter((a) => covers(a.coverage, u)).map((a) => a.id));
          const target = new Map(as.map((a) => [a.id, r.shares.find((s) => s.affiliateId === a.id)?.target ?? 0]));
          if (targetsFeasible(eligible, target)) {
            feasibleSeen++;
            for (const s of r.shares) expect(s.units).toBe(s.target);
            for (const s of r.shares) expect(Math.abs(s.units - s.ideal)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(feasibleSeen).toBeGreaterThan(100);
  });
});

describe("a lock never outlives coverage", () => {
  it("a unit locked to an affiliate that no longer covers it goes to one that does", () => {
    const affiliates = [
      { id: 1, coverage: [{ state: "PA", kind: "county" as const, value: "Lehigh" }], hours: { doorknock: 10, phonebank: 0, textbank: 0 } },
      { id: 2, coverage: [{ state: "PA", kind: "county" as const, value: "Erie" }], hours: { doorknock: 10, phonebank: 0, textbank: 0 } },
    ];
    const unit = { id: 1, kind: "walk_packet" as const, state: "PA", district: "07", county: "Lehigh", size: 100, holder: 2, locked: true };
    const r = splitTurf([unit], affiliates);
    expect(r.assignment.get(1)).toBe(1);
    expect(r.uncovered).toEqual([]);
  });
});

describe("remote work (issue 13): call and text lists go to callers anywhere, unless kept local", () => {
  const nj = (id: number, hours: Partial<SplitAffiliate["hours"]>): SplitAffiliate => ({ id, coverage: [district("05", "NJ")], hours });
  const pa = (id: number, hours: Partial<SplitAffiliate["hours"]>): SplitAffiliate => ({ id, coverage: [district("07")], hours });

  it("an out-of-state affiliate with a phonebank pledge takes its share of the call lists, never a walk packet", () => {
    const us = [...units(6, () => ({ kind: "call_list" })), ...units(4, () => ({})).map((u) => ({ ...u, id: u.id + 100 }))];
    const r = splitTurf(us, [pa(1, { doorknock: 10, phonebank: 10 }), nj(2, { phonebank: 20 })]);
    const calls = r.shares.filter((s) => s.kind === "call_list");
    expect(calls.map((s) => [s.affiliateId, s.units])).toEqual([[1, 2], [2, 4]]);
    for (const id of [101, 102, 103, 104]) expect(r.assignment.get(id)).toBe(1);
    expect(r.uncovered).toEqual([]);
  });

  it("a text list nobody in the state covers still goes to a remote texter; a pledge comes first", () => {
    const r = splitTurf(units(3, () => ({ kind: "text_list", district: "09" })), [pa(1, {}), nj(2, { textbank: 5 })]);
    expect([...r.assignment.values()]).toEqual([2, 2, 2]);
    expect(r.unpledged).toEqual([]);
  });

  it("a list kept local goes only to covering affiliates, and is uncovered if none is local", () => {
    const kept = units(4, () => ({ kind: "call_list", localOnly: true }));
    const r = splitTurf(kept, [pa(1, { phonebank: 1 }), nj(2, { phonebank: 100 })]);
    expect([...r.assignment.values()]).toEqual([1, 1, 1, 1]);
    const away = splitTurf(units(2, () => ({ kind: "call_list", localOnly: true, district: "09" })), [pa(1, { phonebank: 1 }), nj(2, { phonebank: 100 })]);
    expect(away.uncovered).toEqual([1, 2]);
    expect(isRemoteUnit({ kind: "walk_packet", localOnly: false })).toBe(false);
    expect(isRemoteUnit({ kind: "text_list" })).toBe(true);
  });

  it("a lock on a remote caller holds", () => {
    const us = units(4, (i) => ({ kind: "call_list", holder: i === 1 ? 2 : null, locked: i === 1 }));
    const r = splitTurf(us, [pa(1, { phonebank: 30 }), nj(2, { phonebank: 10 })]);
    expect(r.assignment.get(1)).toBe(2);
    expect(r.shares.find((s) => s.affiliateId === 2)).toMatchObject({ units: 1, locked: 1 });
  });
});
