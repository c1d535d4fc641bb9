import type { AffiliateShare } from "~/domain/field-views";
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, partners, pledges, programSplits, splitShares, splitUncovered, turfAssignments, turfUnits, type ProgramSplit, type TurfUnit } from "../../db/schema";
import { TURF_KINDS, type TurfKind, type WorkType } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { splitTurf, storedSplit, type SplitResult, type SplitUnit } from "~/domain/split";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramDetail, type ProgramRef } from "./programs.server";

/**
 * The split of a program's turf among its affiliates (the rule is `app/domain/split.ts`):
 * who holds which unit, what the split is computed from, writing it, and the stored split the
 * program page reads. Pledges and turf changes (imports, edits, moves, locks) call `resplit`
 * inside their own transactions, so a change, the assignments and the stored split (tables
 * program_splits, split_shares, split_uncovered) land together or not at all; a GET only reads
 * what was stored. Changes to the split's inputs made outside a program (an affiliate's
 * coverage, a partner joining or leaving the sub-table, an affiliate added) mark the stored
 * split stale (split-stale.server.ts) and the page asks for a re-split.
 */

/** Each affiliate's pledged hours per work type, summed over the weeks. */
function pledgeTotals(db: Db, programId: number): Map<number, Partial<Record<WorkType, number>>> {
  const rows = db
    .select({ affiliateId: pledges.affiliateId, workType: pledges.workType, hours: sql<number>`sum(${pledges.hours})` })
    .from(pledges)
    .where(eq(pledges.programId, programId))
    .groupBy(pledges.affiliateId, pledges.workType)
    .all();
  const out = new Map<number, Partial<Record<WorkType, number>>>();
  for (const r of rows) out.set(r.affiliateId, { ...out.get(r.affiliateId), [r.workType]: r.hours });
  return out;
}

export type UnitRow = TurfUnit & { holderId: number | null; holderName: string | null; holderPartner: string | null; locked: boolean };

const unitColumns = {
  unit: turfUnits,
  holderId: turfAssignments.affiliateId,
  holderName: affiliates.name,
  holderPartner: partners.shortName,
  locked: sql<number | null>`${turfAssignments.locked}`,
};

const toUnitRow = ({ unit, locked, ...rest }: { unit: TurfUnit; holderId: number | null; holderName: string | null; holderPartner: string | null; locked: number | null }): UnitRow => ({
  ...unit,
  ...rest,
  locked: !!locked,
});

/** A program's units with who holds each (and whether locked there), by code. Anyone who may see the program sees them. */
export function listUnits(db: Db, _viewer: Viewer, { programId }: { programId: number }): UnitRow[] {
  return db
    .select(unitColumns)
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .leftJoin(affiliates, eq(affiliates.id, turfAssignments.affiliateId))
    .leftJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(eq(turfUnits.programId, programId))
    .orderBy(asc(turfUnits.code))
    .all()
    .map(toUnitRow);
}

/** One unit of a program with its holder, or null. */
export function getUnitRow(db: Db, _viewer: Viewer, { programId, unitId }: { programId: number; unitId: number }): UnitRow | null {
  const row = db
    .select(unitColumns)
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .leftJoin(affiliates, eq(affiliates.id, turfAssignments.affiliateId))
    .leftJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(and(eq(turfUnits.programId, programId), eq(turfUnits.id, unitId)))
    .get();
  return row ? toUnitRow(row) : null;
}

export type UnitFilter = { kind?: TurfKind | null; holder?: number | "none" | null; uncovered?: boolean };

/** A cursor's key if it has the shape the list sorts by, else null (a junk cursor reads as the first page). */
function cursorOf(cursor: Cursor | null, shape: ("string" | "number")[]): Cursor | null {
  if (!cursor || cursor.key.length !== shape.length) return null;
  return cursor.key.every((v, i) => typeof v === shape[i]) ? cursor : null;
}

/**
 * A page of a program's units by code (keyset on the program's code index), filtered in SQL
 * by kind, holder (an affiliate, or "none") and units nobody covers (as of the stored split),
 * with the number of units the filter matches.
 */
export function pageUnits(
  db: Db,
  _viewer: Viewer,
  { programId, cursor, size = PAGE_SIZE, filter = {} }: { programId: number; cursor: Cursor | null; size?: number; filter?: UnitFilter },
): KeysetPage<UnitRow> & { total: number } {
  const c = cursorOf(cursor, ["string"]);
  const where = and(
    eq(turfUnits.programId, programId),
    filter.kind ? eq(turfUnits.kind, filter.kind) : undefined,
    filter.holder === "none" ? isNull(turfAssignments.affiliateId) : filter.holder ? eq(turfAssignments.affiliateId, filter.holder) : undefined,
    filter.uncovered ? sql`exists (select 1 from ${splitUncovered} where ${splitUncovered.turfUnitId} = ${turfUnits.id})` : undefined,
  );
  const back = c?.dir === "before";
  const rows = db
    .select(unitColumns)
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .leftJoin(affiliates, eq(affiliates.id, turfAssignments.affiliateId))
    .leftJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(and(where, c ? (back ? sql`${turfUnits.code} < ${c.key[0]}` : sql`${turfUnits.code} > ${c.key[0]}`) : undefined))
    .orderBy(back ? desc(turfUnits.code) : asc(turfUnits.code))
    .limit(size + 1)
    .all()
    .map(toUnitRow);
  const total = db
    .select({ n: count() })
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .where(where)
    .get()!.n;
  return { ...keysetPage(rows, size, c, (u) => [u.code]), total };
}

type InputUnit = SplitUnit & { code: string };

/** The split's inputs as they stand: units with holders and locks, the program's affiliates with coverage and pledges. */
function splitInputs(db: Db, program: Pick<ProgramDetail, "program" | "race">) {
  const units: InputUnit[] = db
    .select({
      id: turfUnits.id,
      code: turfUnits.code,
      kind: turfUnits.kind,
      state: turfUnits.state,
      district: turfUnits.district,
      county: turfUnits.county,
      districtKind: turfUnits.districtKind,
      locality: turfUnits.locality,
      size: turfUnits.size,
      holder: turfAssignments.affiliateId,
      locked: sql<number | null>`${turfAssignments.locked}`,
      localOnly: turfUnits.localOnly,
    })
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .where(eq(turfUnits.programId, program.program.id))
    .all()
    .map((u) => ({ ...u, locked: !!u.locked }));
  const totals = pledgeTotals(db, program.program.id);
  const members = programAffiliates(db, "system", program);
  const splitAffiliates = members.map((a) => ({ id: a.id, coverage: a.coverage, hours: totals.get(a.id) ?? {} }));
  return { units, members, splitAffiliates };
}

/** The program's split as of now: `splitTurf` of its inputs (what the stored split must equal). */
export function computeSplit(db: Db, program: Pick<ProgramDetail, "program" | "race">): SplitResult {
  const { units, splitAffiliates } = splitInputs(db, program);
  return splitTurf(units, splitAffiliates);
}

const CHUNK = 500;
const chunks = <T>(rows: T[], size = CHUNK) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/**
 * Writes what the program page shows of a split: each affiliate's share per kind (hours,
 * pledge percent, ideal, target, units, size, locks), the units nobody covers, the counts, and
 * clears the stale mark. Inside the caller's transaction.
 */
export function storeSplit(db: Db, programId: number, units: readonly (SplitUnit & { code: string })[], result: SplitResult, by: number | null, at: string) {
  const stored = storedSplit(result, units.length);
  db.delete(splitShares).where(eq(splitShares.programId, programId)).run();
  const shareRows = stored.shares.map((s) => ({ programId, kind: s.kind, affiliateId: s.affiliateId, hours: s.hours, pledgePercent: s.pledgePercent, ideal: s.ideal, target: s.target, units: s.units, size: s.size, locked: s.locked }));
  for (const part of chunks(shareRows)) db.insert(splitShares).values(part).run();
  db.delete(splitUncovered).where(eq(splitUncovered.programId, programId)).run();
  const codes = new Map(units.map((u) => [u.id, u.code]));
  const uncoveredRows = result.uncovered.map((turfUnitId) => ({ turfUnitId, programId, code: codes.get(turfUnitId)! }));
  for (const part of chunks(uncoveredRows)) db.insert(splitUncovered).values(part).run();
  const summary = { ...stored.summary, computedAt: at, computedBy: by, staleSince: null, staleReason: null };
  db.insert(programSplits)
    .values({ programId, ...summary })
    .onConflictDoUpdate({ target: programSplits.programId, set: summary })
    .run();
}

/**
 * Writes the split of a program's turf. Call it inside the transaction of the change that
 * calls for it (a pledge, an import, an edit, a move or lock), so the change, the assignments
 * and the stored split land together. Only assignments that change are written (a new holder
 * is recorded with who and when; unchanged ones keep theirs); locked ones keep their holder.
 */
export function resplit(db: Db, actor: Actor, { program }: { program: Pick<ProgramDetail, "program" | "race"> }, now: Date = new Date()) {
  const { units, splitAffiliates } = splitInputs(db, program);
  const result = splitTurf(units, splitAffiliates);
  const programId = program.program.id;
  const at = now.toISOString();
  const moved: { turfUnitId: number; affiliateId: number; locked: boolean; assignedBy: number; assignedAt: string }[] = [];
  const dropped: number[] = [];
  for (const u of units) {
    const a = result.assignment.get(u.id);
    if (a === undefined) {
      if (u.holder !== null) dropped.push(u.id);
    } else if (a !== u.holder) {
      // a new holder (a lock on an affiliate that no longer covers the unit is not kept)
      moved.push({ turfUnitId: u.id, affiliateId: a, locked: false, assignedBy: actor.id, assignedAt: at });
    }
  }
  for (const part of chunks(dropped)) db.delete(turfAssignments).where(inArray(turfAssignments.turfUnitId, part)).run();
  for (const part of chunks(moved)) {
    db.insert(turfAssignments)
      .values(part)
      .onConflictDoUpdate({
        target: turfAssignments.turfUnitId,
        set: { affiliateId: sql`excluded.affiliate_id`, locked: false, assignedBy: sql`excluded.assigned_by`, assignedAt: sql`excluded.assigned_at` },
      })
      .run();
  }
  storeSplit(db, programId, units, result, actor.id, at);
  appendAudit(
    db,
    actor,
    { action: "turf.split", decision: "info", raceId: program.program.raceId, subjectType: "canvassProgram", subjectId: programId, detail: `${result.assignment.size} assigned, ${result.uncovered.length} uncovered` },
    now,
  );
  return result;
}

/** Re-splits a program's turf now (locks kept), in one transaction. */
export function runSplit(db: Db, actor: Actor, input: ProgramRef, now: Date = new Date()) {
  const program = getProgram(db, "system", input);
  const result = db.transaction(() => resplit(db, actor, { program }, now));
  return { ok: true as const, assigned: result.assignment.size, uncovered: result.uncovered.length };
}

/** The stored split's summary, or what an unsplit program shows. */
export type SplitSummary = Pick<ProgramSplit, "totalUnits" | "assigned" | "locked" | "uncovered" | "unpledged" | "shares" | "computedAt" | "staleSince" | "staleReason">;

const NOT_SPLIT: SplitSummary = { totalUnits: 0, assigned: 0, locked: 0, uncovered: 0, unpledged: 0, shares: 0, computedAt: "", staleSince: null, staleReason: null };

const shareColumns = {
  affiliateId: splitShares.affiliateId,
  name: affiliates.name,
  partnerShortName: partners.shortName,
  kind: splitShares.kind,
  hours: splitShares.hours,
  pledgePercent: splitShares.pledgePercent,
  ideal: splitShares.ideal,
  units: splitShares.units,
  size: splitShares.size,
  locked: splitShares.locked,
};

/** How many uncovered units the program page lists (the rest are on the turf page, filtered). */
export const UNCOVERED_SHOWN = 10;

/**
 * The stored split, for the program page: its summary (stale or not), a page of shares by kind
 * and affiliate (keyset, optionally of one kind), the viewer's own affiliates' shares, and the
 * first uncovered units by code. A fixed number of statements whatever the program's size; it
 * never computes the split.
 */
export function getSplitView(
  db: Db,
  _viewer: Viewer,
  { programId, cursor = null, kind = null, mine = [], size = PAGE_SIZE }: { coalitionId?: number; programId: number; cursor?: Cursor | null; kind?: TurfKind | null; mine?: readonly number[]; size?: number },
) {
  const summary: SplitSummary = db.select().from(programSplits).where(eq(programSplits.programId, programId)).get() ?? NOT_SPLIT;
  const c = cursorOf(cursor, ["string", "number"]);
  const validKind = c && TURF_KINDS.includes(c.key[0] as TurfKind) ? c : null;
  const back = validKind?.dir === "before";
  const key: SQL | undefined = validKind
    ? back
      ? sql`(${splitShares.kind}, ${splitShares.affiliateId}) < (${validKind.key[0]}, ${validKind.key[1]})`
      : sql`(${splitShares.kind}, ${splitShares.affiliateId}) > (${validKind.key[0]}, ${validKind.key[1]})`
    : undefined;
  const ofProgram = and(eq(splitShares.programId, programId), kind ? eq(splitShares.kind, kind) : undefined);
  const rows: AffiliateShare[] = db
    .select(shareColumns)
    .from(splitShares)
    .innerJoin(affiliates, eq(affiliates.id, splitShares.affiliateId))
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(and(ofProgram, key))
    .orderBy(...(back ? [desc(splitShares.kind), desc(splitShares.affiliateId)] : [asc(splitShares.kind), asc(splitShares.affiliateId)]))
    .limit(size + 1)
    .all();
  const page = keysetPage(rows, size, validKind, (s) => [s.kind, s.affiliateId]);
  const total = kind ? db.select({ n: count() }).from(splitShares).where(ofProgram).get()!.n : summary.shares;
  const own: AffiliateShare[] =
    mine.length > 0
      ? db
          .select(shareColumns)
          .from(splitShares)
          .innerJoin(affiliates, eq(affiliates.id, splitShares.affiliateId))
          .innerJoin(partners, eq(partners.id, affiliates.partnerId))
          .where(and(eq(splitShares.programId, programId), inArray(splitShares.affiliateId, [...mine].slice(0, 50))))
          .orderBy(asc(splitShares.kind), asc(splitShares.affiliateId))
          .all()
      : [];
  const uncovered = db
    .select({ id: turfUnits.id, code: turfUnits.code, name: turfUnits.name, kind: turfUnits.kind, size: turfUnits.size, state: turfUnits.state, district: turfUnits.district, county: turfUnits.county })
    .from(splitUncovered)
    .innerJoin(turfUnits, eq(turfUnits.id, splitUncovered.turfUnitId))
    .where(eq(splitUncovered.programId, programId))
    .orderBy(asc(splitUncovered.code))
    .limit(UNCOVERED_SHOWN)
    .all();
  return {
    summary,
    stale: summary.staleSince !== null,
    shares: page.rows,
    next: page.next,
    prev: page.prev,
    total,
    own,
    uncovered,
  };
}
