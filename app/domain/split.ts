import type { TurfKind, UnitDistrictKind, WorkType } from "~/domain/vocabulary";
import { areaIndexKey, containsAny, normalizeCounty, unitAreaKeys, unitIndexKeys, type CoverageArea } from "./coverage";

export { normalizeCounty, type CoverageArea };

/**
 * The split of a program's turf among the sub-table's affiliates (issue 5). Pure: the
 * model loads units, coverage, pledges and locks, calls `splitTurf`, and writes the result.
 *
 * Rules (each is a test in tests/domain/split.test.ts):
 * - Every unit goes to at most one affiliate. A walk packet (or a list kept local) goes only to
 *   one whose coverage contains it (same state, and its county or its district at its
 *   level: congressional, a chamber's, a ward of its city; or the whole state — see
 *   app/domain/coverage.ts); a call or text list that is not kept local goes to any of the program's
 *   affiliates, wherever they are (remote work, issue 13). A unit nobody covers is reported in
 *   `uncovered` and left unassigned.
 * - Shares are counted in UNITS (walk packets, list chunks), not doors or numbers: the
 *   universe is cut into units of similar size on purpose, and a count gives a crisp bound.
 *   Each share also reports its size (doors or numbers) for people to read.
 * - The pledge that drives a unit is its kind's work type (walk packet → doorknock hours,
 *   call list → phonebank, text list → textbank), summed over the program's weeks. Each
 *   kind is split on its own.
 * - A unit is first offered to the covering affiliates that pledged hours for its work
 *   type. Only if none of them did is it split evenly among the covering affiliates with
 *   no pledge (so covered turf is never left lying) — those units are listed in `unpledged`.
 * - Locked units (moved or pinned by hand) keep their holder and count toward its share.
 *   A lock whose holder is no longer one of the program's affiliates is ignored.
 * - The ideal share of an affiliate is its pledge's proportion of the units, capped at the
 *   units its coverage reaches (water-filling: what a capped affiliate cannot take is
 *   shared among the rest in proportion). The integer target is the ideal rounded by
 *   largest remainder (ties: smaller id), so |target − ideal| < 1 and targets sum to the units.
 * - Deterministic: units are taken most-constrained first (fewest eligible affiliates),
 *   then by id; each goes to the eligible affiliate furthest below its target (ties:
 *   larger pledge, then smaller id). Then over-target affiliates hand units along chains
 *   of eligibility to under-target ones (augmenting paths) until no chain exists.
 *
 * The bound: whenever some split meets every target (e.g. all affiliates cover the same
 * turf, nested or disjoint coverage), the result meets them exactly, so every share is
 * within one unit of its ideal — the augmenting-path step is a max-flow argument. With
 * overlapping coverage whose targets no split can meet, or locks that already give an
 * affiliate more than its target, shares get as close as the chains allow and the page
 * shows each share against its ideal; no bound is promised there.
 */

export const KIND_WORK_TYPE: Record<TurfKind, WorkType> = {
  walk_packet: "doorknock",
  call_list: "phonebank",
  text_list: "textbank",
};

export type SplitUnit = {
  id: number;
  kind: TurfKind;
  state: string;
  district: string;
  county: string;
  /** Issue 13: which district `district` is (congressional when not said), and a ward's city. */
  districtKind?: UnitDistrictKind | null;
  locality?: string | null;
  size: number;
  holder: number | null;
  locked: boolean;
  /** A call or text list the program keeps for local callers (issue 13); doors always are. */
  localOnly?: boolean;
};

/**
 * Whether a unit can be worked from anywhere (issue 13): call and text lists can, unless the
 * program keeps them local; doors cannot. A remote unit may go to any participating affiliate
 * (by pledge), whatever its coverage.
 */
export const isRemoteUnit = (u: Pick<SplitUnit, "kind" | "localOnly">): boolean => u.kind !== "walk_packet" && !u.localOnly;

export type SplitAffiliate = {
  id: number;
  coverage: CoverageArea[];
  /** Pledged hours per work type, summed over the weeks. */
  hours: Partial<Record<WorkType, number>>;
};

export type Share = {
  affiliateId: number;
  kind: TurfKind;
  hours: number;
  /** The pledge-proportional number of units, capped at what the coverage reaches. */
  ideal: number;
  target: number;
  units: number;
  size: number;
  locked: number;
};

export type SplitResult = {
  /** unit id → affiliate id, for every assigned unit (locked ones included), by unit id. */
  assignment: Map<number, number>;
  /** One row per affiliate and kind of turf that has units, by kind then affiliate id. */
  shares: Share[];
  /** Units no affiliate's coverage contains, by id. */
  uncovered: number[];
  /** Units given to covering affiliates that pledged nothing, because nobody covering them did. */
  unpledged: number[];
};

/** Whether an affiliate's coverage contains a unit: same state, and one of the unit's areas at its level (app/domain/coverage.ts). */
export function covers(coverage: readonly CoverageArea[], unit: Pick<SplitUnit, "state" | "district" | "county" | "districtKind" | "locality">): boolean {
  return containsAny(coverage, unit.state, unitAreaKeys(unit));
}

/** Hours become integer weights (hundredths) so every comparison below is exact. */
const weightOf = (hours: number) => Math.max(0, Math.round(hours * 100));

type Pool = { units: { id: number; eligible: readonly number[] }[]; locked: Map<number, number>; weights: Map<number, number> };

/** Ideal shares by water-filling and integer targets by largest remainder. */
export function targets(total: number, reach: Map<number, number>, weights: Map<number, number>): { ideal: Map<number, number>; target: Map<number, number> } {
  const ideal = new Map<number, number>();
  const target = new Map<number, number>();
  let active = [...weights.keys()].filter((id) => weights.get(id)! > 0 && (reach.get(id) ?? 0) > 0).sort((a, b) => a - b);
  for (const id of weights.keys()) {
    ideal.set(id, 0);
    target.set(id, 0);
  }
  let rest = total;
  for (;;) {
    const w = active.reduce((s, id) => s + weights.get(id)!, 0);
    // capped: ideal rest·w_i/W would be at least what its coverage reaches
    const capped = active.filter((id) => rest * weights.get(id)! >= (reach.get(id) ?? 0) * w);
    if (capped.length === 0 || w === 0) {
      let given = 0;
      const rems: { id: number; rem: number }[] = [];
      for (const id of active) {
        const num = rest * weights.get(id)!;
        ideal.set(id, num / w);
        const floor = Math.floor(num / w);
        target.set(id, floor);
        given += floor;
        rems.push({ id, rem: num - floor * w });
      }
      rems.sort((a, b) => b.rem - a.rem || a.id - b.id);
      for (let k = 0; k < rest - given && k < rems.length; k++) target.set(rems[k].id, target.get(rems[k].id)! + 1);
      return { ideal, target };
    }
    for (const id of capped) {
      const r = reach.get(id) ?? 0;
      ideal.set(id, r);
      target.set(id, r);
      rest -= r;
    }
    active = active.filter((id) => !capped.includes(id));
    if (active.length === 0) return { ideal, target };
  }
}

/**
 * A max-heap of affiliate indices by (deficit, weight, smaller index): the greedy step's
 * choice among one eligibility list. Counts only grow, so a stored deficit is never below the
 * current one: a top whose stored deficit is out of date is pushed again with the current
 * one (lazy update), and a top that is up to date is the list's best.
 */
class BestOf {
  private idx: number[] = [];
  private def: number[] = [];
  constructor(
    members: Int32Array,
    private readonly w: Float64Array,
    deficit: (i: number) => number,
  ) {
    for (const i of members) this.push(i, deficit(i));
  }
  private above(a: number, b: number): boolean {
    const da = this.def[a];
    const db = this.def[b];
    if (da !== db) return da > db;
    const ia = this.idx[a];
    const ib = this.idx[b];
    const wa = this.w[ia];
    const wb = this.w[ib];
    return wa !== wb ? wa > wb : ia < ib;
  }
  private swap(a: number, b: number) {
    const i = this.idx[a];
    this.idx[a] = this.idx[b];
    this.idx[b] = i;
    const d = this.def[a];
    this.def[a] = this.def[b];
    this.def[b] = d;
  }
  push(i: number, d: number) {
    this.idx.push(i);
    this.def.push(d);
    for (let c = this.idx.length - 1; c > 0; ) {
      const parent = (c - 1) >> 1;
      if (!this.above(c, parent)) break;
      this.swap(c, parent);
      c = parent;
    }
  }
  private pop() {
    const last = this.idx.length - 1;
    this.swap(0, last);
    this.idx.pop();
    this.def.pop();
    for (let c = 0; ; ) {
      const l = 2 * c + 1;
      const r = l + 1;
      let top = c;
      if (l < this.idx.length && this.above(l, top)) top = l;
      if (r < this.idx.length && this.above(r, top)) top = r;
      if (top === c) break;
      this.swap(c, top);
      c = top;
    }
  }
  /** The member with the largest current deficit (ties: larger weight, then smaller index). */
  best(deficit: (i: number) => number): number {
    for (;;) {
      const i = this.idx[0];
      const d = deficit(i);
      if (d === this.def[0]) return i;
      this.pop();
      this.push(i, d);
    }
  }
}

/** Lists up to this long are scanned for the greedy choice; longer ones keep a heap. */
const SCAN_UP_TO = 48;

/**
 * Splits one pool (one kind, one phase): the holder of each pool unit, with ideals and targets.
 * Units of one area share one eligibility list, so the work is done per list where it can be:
 * reach is counted per list, the greedy choice comes from a scan of a short list or a heap per
 * long one (all affiliates covering all the turf), and the augmenting
 * search walks (affiliate, list) pairs rather than single units. About O(units · log n + lists ·
 * members) for the greedy step, and O(lists · members) per augmenting path.
 */
function splitPool(pool: Pool) {
  // dense indices in id order, so ties broken by index are ties broken by id
  const ids = [...pool.weights.keys()].sort((a, b) => a - b);
  const at = new Map(ids.map((id, i) => [id, i]));
  const w = Float64Array.from(ids, (id) => pool.weights.get(id)!);
  const count = new Int32Array(ids.length);
  const reachArr = new Int32Array(ids.length);
  for (const h of pool.locked.values()) {
    const i = at.get(h)!;
    count[i]++;
    reachArr[i]++;
  }
  // units of one area share one eligible list, and areas covered by the same affiliates share
  // one too (by content): convert each list once, and number the lists
  const listOf = new Map<readonly number[], number>();
  const byMembers = new Map<string, number>();
  const lists: Int32Array[] = [];
  const perList: number[] = [];
  const units = pool.units.map((u) => {
    let l = listOf.get(u.eligible);
    if (l === undefined) {
      const members = u.eligible.join(",");
      l = byMembers.get(members);
      if (l === undefined) {
        l = lists.length;
        byMembers.set(members, l);
        lists.push(Int32Array.from(u.eligible, (id) => at.get(id)!));
        perList.push(0);
      }
      listOf.set(u.eligible, l);
    }
    perList[l]++;
    return { id: u.id, list: l };
  });
  for (let l = 0; l < lists.length; l++) for (const i of lists[l]) reachArr[i] += perList[l];
  const total = units.length + pool.locked.size;
  const { ideal, target: targetMap } = targets(total, new Map(ids.map((id, i) => [id, reachArr[i]])), pool.weights);
  const target = Int32Array.from(ids, (id) => targetMap.get(id)!);
  const deficit = (i: number) => target[i] - count[i];

  units.sort((a, b) => lists[a.list].length - lists[b.list].length || a.id - b.id);
  const holder = new Int32Array(units.length);
  // what each affiliate holds, by list: list → unit indices (a stack)
  const held: Map<number, number[]>[] = ids.map(() => new Map());
  const heaps: (BestOf | undefined)[] = [];
  for (let k = 0; k < units.length; k++) {
    const l = units[k].list;
    const el = lists[l];
    let best: number;
    if (el.length <= SCAN_UP_TO) {
      // a short list: a scan is cheaper than keeping a heap up to date
      best = el[0];
      let bd = target[best] - count[best];
      for (let e = 1; e < el.length; e++) {
        const i = el[e];
        const d = target[i] - count[i];
        if (d > bd || (d === bd && (w[i] > w[best] || (w[i] === w[best] && i < best)))) {
          best = i;
          bd = d;
        }
      }
    } else best = (heaps[l] ??= new BestOf(el, w, deficit)).best(deficit);
    holder[k] = best;
    const mine = held[best].get(l);
    if (mine) mine.push(k);
    else held[best].set(l, [k]);
    count[best]++;
  }

  // Augmenting paths: move units along eligibility chains from over- to under-target affiliates.
  const parentFrom = new Int32Array(ids.length);
  const parentList = new Int32Array(ids.length);
  const walked = new Int32Array(lists.length);
  for (let round = 1; ; round++) {
    const over: number[] = [];
    let anyUnder = false;
    for (let i = 0; i < ids.length; i++) {
      if (count[i] > target[i]) over.push(i);
      else if (count[i] < target[i]) anyUnder = true;
    }
    if (over.length === 0 || !anyUnder) break;
    parentFrom.fill(-2);
    for (const i of over) parentFrom[i] = -1;
    const queue = [...over];
    let found = -1;
    for (let qi = 0; qi < queue.length && found < 0; qi++) {
      const i = queue[qi];
      for (const [l, ks] of held[i]) {
        // a list once walked has all its members reached: walking it again reaches nobody new
        if (ks.length === 0 || walked[l] === round) continue;
        walked[l] = round;
        for (const j of lists[l]) {
          if (parentFrom[j] !== -2) continue;
          parentFrom[j] = i;
          parentList[j] = l;
          if (count[j] < target[j]) {
            found = j;
            break;
          }
          queue.push(j);
        }
        if (found >= 0) break;
      }
    }
    if (found < 0) break;
    // as many units as the chain carries: the sink's deficit, the source's excess, and at
    // each step the units of that list the giver holds
    let source = found;
    let carry = target[found] - count[found];
    for (let j = found; parentFrom[j] >= 0; j = parentFrom[j]) {
      carry = Math.min(carry, held[parentFrom[j]].get(parentList[j])!.length);
      source = parentFrom[j];
    }
    carry = Math.min(carry, count[source] - target[source]);
    for (let j = found; parentFrom[j] >= 0; j = parentFrom[j]) {
      const from = parentFrom[j];
      const l = parentList[j];
      const theirs = held[j].get(l) ?? [];
      held[j].set(l, theirs);
      const given = held[from].get(l)!;
      for (let c = 0; c < carry; c++) {
        const k = given.pop()!;
        theirs.push(k);
        holder[k] = j;
      }
      count[from] -= carry;
      count[j] += carry;
    }
  }
  return { holder: new Map(units.map((u, k) => [u.id, ids[holder[k]]])), ideal, target: targetMap };
}

/** Affiliate ids (sorted) whose coverage contains a unit, looked up by the unit's areas (app/domain/coverage.ts). */
function coverageIndex(affiliates: readonly SplitAffiliate[]) {
  const index = new Map<string, number[]>();
  for (const a of [...affiliates].sort((x, y) => x.id - y.id)) {
    for (const c of a.coverage) {
      const key = areaIndexKey(c);
      const list = index.get(key) ?? [];
      if (list[list.length - 1] !== a.id) list.push(a.id);
      index.set(key, list);
    }
  }
  return (u: SplitUnit): number[] => {
    const found = unitIndexKeys(u.state, u).map((k) => index.get(k) ?? []).filter((l) => l.length > 0);
    if (found.length === 0) return [];
    if (found.length === 1) return found[0];
    return [...new Set(found.flat())].sort((a, b) => a - b);
  };
}

/**
 * The split of all of a program's units. Same inputs (in any order) give the same result.
 * Work is by area (state, district, county): who covers an area is looked up once per area,
 * not per unit, and each pool works per list of eligible affiliates (see `splitPool`).
 */
export function splitTurf(units: readonly SplitUnit[], affiliates: readonly SplitAffiliate[]): SplitResult {
  const byId = new Map(affiliates.map((a) => [a.id, a]));
  const affIds = [...byId.keys()].sort((a, b) => a - b);
  const coveringOf = coverageIndex(affiliates);
  const assignment = new Map<number, number>();
  const uncovered: number[] = [];
  const unpledged: number[] = [];
  const shares: Share[] = [];
  const sorted = [...units].sort((a, b) => a.id - b.id);
  // each unit's area, and who covers it, once per area (counties normalized once per spelling)
  const counties = new Map<string, string>();
  const areas = new Map<string, { covering: number[]; withPledge: Map<TurfKind, number[]> }>();
  const remote = { covering: affIds, withPledge: new Map<TurfKind, number[]>() };
  const areaOf = sorted.map((u) => {
    if (isRemoteUnit(u)) return remote;
    let county = counties.get(u.county);
    if (county === undefined) counties.set(u.county, (county = normalizeCounty(u.county)));
    const key = `${u.state}|${u.districtKind ?? "congressional"}|${u.locality ?? ""}|${u.district}|${county}`;
    let area = areas.get(key);
    if (!area) areas.set(key, (area = { covering: coveringOf(u), withPledge: new Map() }));
    return area;
  });
  const kinds = [...new Set(units.map((u) => u.kind))].sort();
  for (const kind of kinds) {
    const work = KIND_WORK_TYPE[kind];
    const weight = new Map(affIds.map((id) => [id, weightOf(byId.get(id)!.hours[work] ?? 0)]));
    const pledged: Pool = { units: [], locked: new Map(), weights: weight };
    const fallback: Pool = { units: [], locked: new Map(), weights: new Map(affIds.filter((id) => weight.get(id) === 0).map((id) => [id, 1])) };
    const ofKind: SplitUnit[] = [];
    for (let n = 0; n < sorted.length; n++) {
      const u = sorted[n];
      if (u.kind !== kind) continue;
      ofKind.push(u);
      const area = areaOf[n];
      const { covering } = area;
      let withPledge = area.withPledge.get(kind);
      if (!withPledge) area.withPledge.set(kind, (withPledge = covering.filter((id) => weight.get(id)! > 0)));
      if (u.locked && u.holder !== null && covering.includes(u.holder)) {
        // a locked unit counts in the pool of its holder: the pledged one if the holder pledged.
        // A lock on an affiliate that no longer covers the unit is not kept (coverage comes first).
        (weight.get(u.holder)! > 0 ? pledged : fallback).locked.set(u.id, u.holder);
        assignment.set(u.id, u.holder);
        continue;
      }
      if (covering.length === 0) uncovered.push(u.id);
      else if (withPledge.length > 0) pledged.units.push({ id: u.id, eligible: withPledge });
      else {
        fallback.units.push({ id: u.id, eligible: covering });
        unpledged.push(u.id);
      }
    }
    const [p, f] = [splitPool(pledged), splitPool(fallback)];
    for (const r of [p, f]) for (const [unitId, a] of r.holder) assignment.set(unitId, a);
    const mine = new Map<number, { units: number; size: number; locked: number }>();
    for (const u of ofKind) {
      const a = assignment.get(u.id);
      if (a === undefined) continue;
      const m = mine.get(a) ?? { units: 0, size: 0, locked: 0 };
      m.units++;
      m.size += u.size;
      // a lock counts where it was kept (a lock on an affiliate that no longer covers the unit was not)
      if (u.locked && u.holder === a) m.locked++;
      mine.set(a, m);
    }
    for (const id of affIds) {
      const hours = byId.get(id)!.hours[work] ?? 0;
      const r = weight.get(id)! > 0 ? p : f;
      const m = mine.get(id) ?? { units: 0, size: 0, locked: 0 };
      const share: Share = { affiliateId: id, kind, hours, ideal: r.ideal.get(id) ?? 0, target: r.target.get(id) ?? 0, ...m };
      if (share.units > 0 || share.hours > 0 || share.ideal > 0) shares.push(share);
    }
  }
  const byUnit = new Map<number, number>();
  for (const u of sorted) {
    const a = assignment.get(u.id);
    if (a !== undefined) byUnit.set(u.id, a);
  }
  return {
    assignment: byUnit,
    shares,
    uncovered: uncovered.sort((a, b) => a - b),
    unpledged: unpledged.sort((a, b) => a - b),
  };
}

/** What the program page shows of a split, as stored (issue 11): each share with its pledge percent, and the counts. */
export function storedSplit(result: SplitResult, totalUnits: number) {
  const hoursOfKind = new Map<TurfKind, number>();
  for (const s of result.shares) hoursOfKind.set(s.kind, (hoursOfKind.get(s.kind) ?? 0) + s.hours);
  const shares = result.shares.map((s) => {
    const total = hoursOfKind.get(s.kind) ?? 0;
    return { ...s, pledgePercent: total > 0 ? (100 * s.hours) / total : 0 };
  });
  const summary = {
    totalUnits,
    assigned: result.assignment.size,
    locked: result.shares.reduce((n, s) => n + s.locked, 0),
    uncovered: result.uncovered.length,
    unpledged: result.unpledged.length,
    shares: shares.length,
  };
  return { shares, summary };
}
