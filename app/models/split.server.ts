import type { AffiliateShare } from "~/domain/field-views";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, partners, pledges, turfAssignments, turfUnits, type TurfUnit } from "../../db/schema";
import { type TurfKind, type WorkType } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { splitTurf, type Share, type SplitUnit } from "~/domain/split";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramDetail, type ProgramRef } from "./programs.server";

/**
 * The split of a program's turf among its affiliates (the rule is `app/domain/split.ts`):
 * who holds which unit, what the split is computed from, writing it, and the view of it on
 * the program page. Pledges and turf changes call `resplit` inside their own transactions;
 * this module reads pledges and units itself, so neither of those modules is imported here.
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

/** A program's units with who holds each (and whether locked there), by code. Anyone who may see the program sees them. */
export function listUnits(db: Db, _viewer: Viewer, { programId }: { programId: number }): UnitRow[] {
  return db
    .select({
      unit: turfUnits,
      holderId: turfAssignments.affiliateId,
      holderName: affiliates.name,
      holderPartner: partners.shortName,
      locked: sql<number | null>`${turfAssignments.locked}`,
    })
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .leftJoin(affiliates, eq(affiliates.id, turfAssignments.affiliateId))
    .leftJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(eq(turfUnits.programId, programId))
    .orderBy(asc(turfUnits.code))
    .all()
    .map(({ unit, locked, ...rest }) => ({ ...unit, ...rest, locked: !!locked }));
}

/** The split's inputs as they stand: units with holders and locks, the program's affiliates with coverage and pledges. */
function splitInputs(db: Db, program: Pick<ProgramDetail, "program" | "race">) {
  const units: SplitUnit[] = listUnits(db, "system", { programId: program.program.id }).map((u) => ({
    id: u.id,
    kind: u.kind,
    state: u.state,
    district: u.district,
    county: u.county,
    size: u.size,
    holder: u.holderId,
    locked: u.locked,
  }));
  const totals = pledgeTotals(db, program.program.id);
  const members = programAffiliates(db, "system", program);
  const splitAffiliates = members.map((a) => ({ id: a.id, coverage: a.coverage, hours: totals.get(a.id) ?? {} }));
  return { units, members, splitAffiliates };
}

/**
 * Writes the split of a program's turf. Call it inside the transaction of the change that
 * calls for it (a pledge, an import, an edit), so the change and the split land together.
 * Every assignment is rewritten; locked ones keep their holder, who and when.
 */
export function resplit(db: Db, actor: Actor, { program }: { program: Pick<ProgramDetail, "program" | "race"> }, now: Date = new Date()) {
  const { units, splitAffiliates } = splitInputs(db, program);
  const result = splitTurf(units, splitAffiliates);
  const programId = program.program.id;
  const ofProgram = sql`(select id from turf_units where program_id = ${programId})`;
  const kept = new Map(
    db
      .select()
      .from(turfAssignments)
      .where(and(inArray(turfAssignments.turfUnitId, ofProgram), eq(turfAssignments.locked, true)))
      .all()
      .map((a) => [a.turfUnitId, a]),
  );
  if (units.length) db.delete(turfAssignments).where(inArray(turfAssignments.turfUnitId, ofProgram)).run();
  const rows = [...result.assignment].map(([turfUnitId, affiliateId]) => {
    const lock = kept.get(turfUnitId);
    const honoured = lock && lock.affiliateId === affiliateId;
    return { turfUnitId, affiliateId, locked: !!honoured, assignedBy: honoured ? lock.assignedBy : actor.id, assignedAt: honoured ? lock.assignedAt : now.toISOString() };
  });
  for (let i = 0; i < rows.length; i += 500) db.insert(turfAssignments).values(rows.slice(i, i + 500)).run();
  appendAudit(
    db,
    actor,
    { action: "turf.split", decision: "info", raceId: program.program.raceId, subjectType: "canvassProgram", subjectId: programId, detail: `${rows.length} assigned, ${result.uncovered.length} uncovered` },
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

/**
 * The split as it stands, for the program page: each affiliate's units and their size
 * against its pledge and ideal share, the units nobody covers, and units still unassigned.
 */
export function getSplitView(db: Db, viewer: Viewer, input: ProgramRef) {
  const detail = getProgram(db, viewer, input);
  const { units, members, splitAffiliates } = splitInputs(db, detail);
  const fresh = splitTurf(units, splitAffiliates);
  const byId = new Map(members.map((a) => [a.id, a]));
  const held = new Map<string, { units: number; size: number; locked: number }>();
  for (const u of units) {
    if (u.holder === null) continue;
    const key = `${u.holder}|${u.kind}`;
    const h = held.get(key) ?? { units: 0, size: 0, locked: 0 };
    h.units++;
    h.size += u.size;
    if (u.locked) h.locked++;
    held.set(key, h);
  }
  const hoursOfKind = new Map<TurfKind, number>();
  for (const s of fresh.shares) hoursOfKind.set(s.kind, (hoursOfKind.get(s.kind) ?? 0) + s.hours);
  const shares: AffiliateShare[] = fresh.shares.map((s: Share) => {
    const a = byId.get(s.affiliateId);
    const h = held.get(`${s.affiliateId}|${s.kind}`) ?? { units: 0, size: 0, locked: 0 };
    const total = hoursOfKind.get(s.kind) ?? 0;
    return {
      affiliateId: s.affiliateId,
      name: a?.name ?? "(left the sub-table)",
      partnerShortName: a?.partnerShortName ?? "",
      kind: s.kind,
      hours: s.hours,
      pledgePercent: total > 0 ? (100 * s.hours) / total : 0,
      ideal: s.ideal,
      ...h,
    };
  });
  const uncoveredIds = new Set(fresh.uncovered);
  const uncovered = db
    .select()
    .from(turfUnits)
    .where(eq(turfUnits.programId, detail.program.id))
    .orderBy(asc(turfUnits.code))
    .all()
    .filter((u) => uncoveredIds.has(u.id));
  const unassigned = units.filter((u) => u.holder === null && !uncoveredIds.has(u.id)).length;
  const stale = units.some((u) => (fresh.assignment.get(u.id) ?? null) !== u.holder);
  return {
    program: detail.program,
    totalUnits: units.length,
    shares,
    uncovered,
    unpledged: fresh.unpledged.length,
    unassigned,
    stale,
    affiliates: members.map((a) => ({ id: a.id, name: a.name, partnerShortName: a.partnerShortName, coverage: a.coverage })),
  };
}
