/**
 * The stored split (issue 11) against the split of its inputs: what a program's
 * program_splits, split_shares and split_uncovered rows hold, and what `splitTurf` of the
 * program's units, coverage, pledges and locks says they should hold.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { programSplits, splitShares, splitUncovered, turfAssignments, turfUnits } from "../../../db/schema";
import { storedSplit } from "~/domain/split";
import { computeSplit } from "~/models/split.server";
import { getProgram, type ProgramRef } from "~/models/programs.server";

const round = (n: number) => Math.round(n * 1e9) / 1e9;

/** What is stored for a program, in a comparable shape. */
export function stored(db: Db, programId: number) {
  const summary = db.select().from(programSplits).where(eq(programSplits.programId, programId)).get();
  const shares = db
    .select()
    .from(splitShares)
    .where(eq(splitShares.programId, programId))
    .orderBy(asc(splitShares.kind), asc(splitShares.affiliateId))
    .all()
    .map(({ programId: _p, ...s }) => ({ ...s, ideal: round(s.ideal), pledgePercent: round(s.pledgePercent) }));
  const uncovered = db.select({ id: splitUncovered.turfUnitId }).from(splitUncovered).where(eq(splitUncovered.programId, programId)).orderBy(asc(splitUncovered.turfUnitId)).all().map((r) => r.id);
  const assignment = db
    .select({ unit: turfAssignments.turfUnitId, affiliate: turfAssignments.affiliateId })
    .from(turfAssignments)
    .innerJoin(turfUnits, eq(turfUnits.id, turfAssignments.turfUnitId))
    .where(eq(turfUnits.programId, programId))
    .orderBy(asc(turfAssignments.turfUnitId))
    .all()
    .map((r) => [r.unit, r.affiliate] as [number, number]);
  return {
    summary: summary && { totalUnits: summary.totalUnits, assigned: summary.assigned, locked: summary.locked, uncovered: summary.uncovered, unpledged: summary.unpledged, shares: summary.shares, stale: summary.staleSince !== null },
    shares,
    uncovered,
    assignment,
  };
}

/** What `splitTurf` of the program's inputs says, in the same shape. */
export function expected(db: Db, ref: ProgramRef) {
  const detail = getProgram(db, "system", ref);
  const result = computeSplit(db, detail);
  const totalUnits = db.select({ id: turfUnits.id }).from(turfUnits).where(eq(turfUnits.programId, ref.programId)).all().length;
  const s = storedSplit(result, totalUnits);
  return {
    summary: { ...s.summary, stale: false },
    shares: s.shares.map((x) => ({ kind: x.kind, affiliateId: x.affiliateId, hours: x.hours, pledgePercent: round(x.pledgePercent), ideal: round(x.ideal), target: x.target, units: x.units, size: x.size, locked: x.locked })),
    uncovered: result.uncovered,
    assignment: [...result.assignment].sort((a, b) => a[0] - b[0]),
  };
}
