import type { AffiliateShare } from "~/domain/field-views";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, partners, turfAssignments, turfUnits, type CanvassProgram, type TurfUnit } from "../../db/schema";
import { type TurfKind } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { placeUnit, type TurfUnitInput } from "~/domain/field-forms";
import { covers, splitTurf, type Share, type SplitUnit } from "~/domain/split";
import { previewTurfCsv, type CsvPreview } from "~/domain/turf-csv";
import { appendAudit } from "./audit.server";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";
import { pledgeTotals } from "./pledges.server";
import { getProgram, programAffiliates } from "./programs.server";

export type UnitRow = TurfUnit & { holderId: number | null; holderName: string | null; holderPartner: string | null; locked: boolean };

/** A program's units with who holds each, by code. */
export function listUnits(db: Db, programId: number): UnitRow[] {
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

function getUnit(db: Db, programId: number, unitId: number): TurfUnit {
  const unit = db.select().from(turfUnits).where(and(eq(turfUnits.id, unitId), eq(turfUnits.programId, programId))).get();
  if (!unit) throw new NotFoundError("Turf unit");
  return unit;
}

const DUPLICATE_CODE = (code: string) => ({ ok: false as const, field: "code", message: `A unit with id ${code} is already in this program.` });

// ---- The split ----

/** The split's inputs as they stand: units with holders and locks, affiliates with coverage and pledges. */
function splitInputs(db: Db, coalitionId: number, program: Pick<CanvassProgram, "id" | "subCoalitionId">) {
  const units: SplitUnit[] = listUnits(db, program.id).map((u) => ({
    id: u.id,
    kind: u.kind,
    state: u.state,
    district: u.district,
    county: u.county,
    size: u.size,
    holder: u.holderId,
    locked: u.locked,
  }));
  const totals = pledgeTotals(db, program.id);
  const members = programAffiliates(db, coalitionId, program);
  const splitAffiliates = members.map((a) => ({ id: a.id, coverage: a.coverage, hours: totals.get(a.id) ?? {} }));
  return { units, members, splitAffiliates };
}

/**
 * Writes the split of a program's turf. Call it inside the transaction of the change that
 * calls for it (a pledge, an import, an edit), so the change and the split land together.
 * Every assignment is rewritten; locked ones keep their holder, who and when.
 */
export function resplit(db: Db, actor: Actor, coalitionId: number, program: Pick<CanvassProgram, "id" | "subCoalitionId" | "raceId">, now: Date = new Date()) {
  const { units, splitAffiliates } = splitInputs(db, coalitionId, program);
  const result = splitTurf(units, splitAffiliates);
  const ids = units.map((u) => u.id);
  const kept = new Map(
    db
      .select()
      .from(turfAssignments)
      .where(and(inArray(turfAssignments.turfUnitId, sql`(select id from turf_units where program_id = ${program.id})`), eq(turfAssignments.locked, true)))
      .all()
      .map((a) => [a.turfUnitId, a]),
  );
  if (ids.length) db.delete(turfAssignments).where(inArray(turfAssignments.turfUnitId, sql`(select id from turf_units where program_id = ${program.id})`)).run();
  const rows = [...result.assignment].map(([turfUnitId, affiliateId]) => {
    const lock = kept.get(turfUnitId);
    const honoured = lock && lock.affiliateId === affiliateId;
    return { turfUnitId, affiliateId, locked: !!honoured, assignedBy: honoured ? lock.assignedBy : actor.id, assignedAt: honoured ? lock.assignedAt : now.toISOString() };
  });
  for (let i = 0; i < rows.length; i += 500) db.insert(turfAssignments).values(rows.slice(i, i + 500)).run();
  appendAudit(
    db,
    actor,
    { action: "turf.split", decision: "info", raceId: program.raceId, subjectType: "canvassProgram", subjectId: program.id, detail: `${rows.length} assigned, ${result.uncovered.length} uncovered` },
    now,
  );
  return result;
}

/** Re-splits a program's turf now (locks kept), in one transaction. */
export function runSplit(db: Db, actor: Actor, coalitionId: number, programId: number, now: Date = new Date()) {
  const { program } = getProgram(db, coalitionId, programId);
  const result = db.transaction(() => resplit(db, actor, coalitionId, program, now));
  return { ok: true as const, assigned: result.assignment.size, uncovered: result.uncovered.length };
}


/**
 * The split as it stands, for the program page: each affiliate's units and their size
 * against its pledge and ideal share, the units nobody covers, and units still unassigned.
 */
export function getSplitView(db: Db, coalitionId: number, programId: number) {
  const { program } = getProgram(db, coalitionId, programId);
  const { units, members, splitAffiliates } = splitInputs(db, coalitionId, program);
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
    .where(eq(turfUnits.programId, programId))
    .orderBy(asc(turfUnits.code))
    .all()
    .filter((u) => uncoveredIds.has(u.id));
  const unassigned = units.filter((u) => u.holder === null && !uncoveredIds.has(u.id)).length;
  const stale = units.some((u) => (fresh.assignment.get(u.id) ?? null) !== u.holder);
  return {
    program,
    totalUnits: units.length,
    shares,
    uncovered,
    unpledged: fresh.unpledged.length,
    unassigned,
    stale,
    affiliates: members.map((a) => ({ id: a.id, name: a.name, partnerShortName: a.partnerShortName, coverage: a.coverage })),
  };
}

/** Moves a unit by hand to a covering affiliate of the program, locking it there. */
export function moveUnit(db: Db, actor: Actor, coalitionId: number, programId: number, unitId: number, affiliateId: number, now: Date = new Date()): Result<object> {
  const { program } = getProgram(db, coalitionId, programId);
  const unit = getUnit(db, programId, unitId);
  const affiliate = programAffiliates(db, coalitionId, program).find((a) => a.id === affiliateId);
  if (!affiliate) return { ok: false, field: "affiliateId", message: "Choose an affiliate of a partner in this sub-table." };
  if (!covers(affiliate.coverage, unit)) {
    return { ok: false, field: "affiliateId", message: `${affiliate.name} does not cover ${unit.name} (${unit.state}-${unit.district}, ${unit.county}).` };
  }
  db.transaction(() => {
    db.insert(turfAssignments)
      .values({ turfUnitId: unitId, affiliateId, locked: true, assignedBy: actor.id, assignedAt: now.toISOString() })
      .onConflictDoUpdate({ target: turfAssignments.turfUnitId, set: { affiliateId, locked: true, assignedBy: actor.id, assignedAt: now.toISOString() } })
      .run();
    appendAudit(db, actor, { action: "turf.move", decision: "info", raceId: program.raceId, subjectType: "turfUnit", subjectId: unitId, detail: `to ${affiliate.name}` }, now);
  });
  return { ok: true };
}

/** Locks a unit with its holder (a re-split keeps it there) or unlocks it (the next split may move it). */
export function setUnitLock(db: Db, actor: Actor, coalitionId: number, programId: number, unitId: number, locked: boolean, now: Date = new Date()): Result<object> {
  const { program } = getProgram(db, coalitionId, programId);
  getUnit(db, programId, unitId);
  const current = db.select().from(turfAssignments).where(eq(turfAssignments.turfUnitId, unitId)).get();
  if (!current) return { ok: false, field: "unitId", message: "Nobody holds this unit yet: move it to an affiliate to lock it there." };
  db.transaction(() => {
    db.update(turfAssignments).set({ locked, assignedBy: actor.id, assignedAt: now.toISOString() }).where(eq(turfAssignments.turfUnitId, unitId)).run();
    appendAudit(db, actor, { action: locked ? "turf.lock" : "turf.unlock", decision: "info", raceId: program.raceId, subjectType: "turfUnit", subjectId: unitId }, now);
  });
  return { ok: true };
}

// ---- Units by hand ----

/** Adds one unit typed by hand, then re-splits, in one transaction. */
export function addUnit(db: Db, actor: Actor, coalitionId: number, programId: number, input: TurfUnitInput, now: Date = new Date()): Result<{ unit: TurfUnit }> {
  const { program, race } = getProgram(db, coalitionId, programId);
  const placed = placeUnit(input, race);
  if (!placed.ok) return placed;
  try {
    return db.transaction(() => {
      const unit = db.insert(turfUnits).values({ ...placed.unit, programId }).returning().get();
      appendAudit(db, actor, { action: "turf.add", decision: "info", raceId: race.id, subjectType: "turfUnit", subjectId: unit.id, detail: unit.code }, now);
      resplit(db, actor, coalitionId, program, now);
      return { ok: true as const, unit };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_CODE(input.code);
    throw err;
  }
}

/** Edits a unit; a changed place may change who can hold it, so the turf is re-split (locks kept). */
export function updateUnit(db: Db, actor: Actor, coalitionId: number, programId: number, unitId: number, input: TurfUnitInput, now: Date = new Date()): Result<{ unit: TurfUnit }> {
  const { program, race } = getProgram(db, coalitionId, programId);
  getUnit(db, programId, unitId);
  const placed = placeUnit(input, race);
  if (!placed.ok) return placed;
  try {
    return db.transaction(() => {
      const unit = db.update(turfUnits).set(placed.unit).where(eq(turfUnits.id, unitId)).returning().get();
      appendAudit(db, actor, { action: "turf.update", decision: "info", raceId: race.id, subjectType: "turfUnit", subjectId: unitId, detail: unit.code }, now);
      resplit(db, actor, coalitionId, program, now);
      return { ok: true as const, unit };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_CODE(input.code);
    throw err;
  }
}

/** Removes a unit (and who held it). */
export function deleteUnit(db: Db, actor: Actor, coalitionId: number, programId: number, unitId: number, now: Date = new Date()): Result<object> {
  const { race } = getProgram(db, coalitionId, programId);
  const unit = getUnit(db, programId, unitId);
  db.transaction(() => {
    db.delete(turfUnits).where(eq(turfUnits.id, unitId)).run();
    appendAudit(db, actor, { action: "turf.delete", decision: "info", raceId: race.id, subjectType: "turfUnit", subjectId: unitId, detail: unit.code }, now);
  });
  return { ok: true };
}

// ---- CSV import ----

function existingCodes(db: Db, programId: number): Set<string> {
  return new Set(db.select({ code: turfUnits.code }).from(turfUnits).where(eq(turfUnits.programId, programId)).all().map((r) => r.code));
}

/** Checks a file against the program without saving anything. */
export function previewImport(db: Db, coalitionId: number, programId: number, content: string): CsvPreview {
  const { race } = getProgram(db, coalitionId, programId);
  return previewTurfCsv(content, { race, existingCodes: existingCodes(db, programId) });
}

/**
 * Saves a file's units, all or none: the content is checked again (the program may have
 * changed since the preview), and only a file without a single error is saved, with the
 * split, in one transaction.
 */
export function importUnits(db: Db, actor: Actor, coalitionId: number, programId: number, content: string, now: Date = new Date()): Result<{ count: number }> | { ok: false; preview: CsvPreview; message: string; field?: string } {
  const { program, race } = getProgram(db, coalitionId, programId);
  const preview = previewImport(db, coalitionId, programId, content);
  if (!preview.ok) return { ok: false, field: "csv", message: preview.message };
  if (preview.errorRows.length > 0) return { ok: false, preview, message: `${preview.errorRows.length} row(s) have errors. Nothing was saved.` };
  try {
    return db.transaction(() => {
      const rows = preview.units.map((u) => ({ ...u, programId }));
      for (let i = 0; i < rows.length; i += 500) db.insert(turfUnits).values(rows.slice(i, i + 500)).run();
      appendAudit(db, actor, { action: "turf.import", decision: "info", raceId: race.id, subjectType: "canvassProgram", subjectId: programId, detail: `${rows.length} units` }, now);
      resplit(db, actor, coalitionId, program, now);
      return { ok: true as const, count: rows.length };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "csv", message: "Some unit ids were added to this program meanwhile. Nothing was saved: check the file again." };
    throw err;
  }
}

export type { AffiliateShare };
