import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { turfAssignments, turfUnits, type TurfUnit } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { placeUnit, type TurfUnitInput } from "~/domain/field-forms";
import { covers } from "~/domain/split";
import { previewTurfCsv, type CsvPreview } from "~/domain/turf-csv";
import { appendAudit } from "./audit.server";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { resplit } from "./split.server";
import { checkPolicyForProgramAct } from "./policy-gate.server";

/**
 * A program's turf units: added or edited by hand, imported from a CSV file (checked, then
 * saved all or none), moved by hand and locked, removed. Every change re-splits in its own
 * transaction (split.server.ts), which also stores the split the program page reads; a move or
 * a lock is kept by that re-split, and the other units are shared around it. Who holds which
 * unit is read there too (`listUnits`, `pageUnits`).
 */

function getUnit(db: Db, programId: number, unitId: number): TurfUnit {
  const unit = db.select().from(turfUnits).where(and(eq(turfUnits.id, unitId), eq(turfUnits.programId, programId))).get();
  if (!unit) throw new NotFoundError("Turf unit");
  return unit;
}

const DUPLICATE_CODE = (code: string) => ({ ok: false as const, field: "code", message: `A unit with id ${code} is already in this program.` });

// ---- Moving and locking units ----

/** Moves a unit by hand to a covering affiliate of the program, locking it there; the rest of the turf is re-split around it, in one transaction. */
export function moveUnit(db: Db, actor: Actor, input: ProgramRef & { unitId: number; affiliateId: number }, now: Date = new Date()): Result<object> {
  const { programId, unitId, affiliateId } = input;
  const detail = getProgram(db, "system", input);
  const { program } = detail;
  const unit = getUnit(db, programId, unitId);
  const affiliate = programAffiliates(db, "system", detail).find((a) => a.id === affiliateId);
  if (!affiliate) return { ok: false, field: "affiliateId", message: "Choose an affiliate of a partner in this sub-table." };
  if (!covers(affiliate.coverage, unit)) {
    return { ok: false, field: "affiliateId", message: `${affiliate.name} does not cover ${unit.name} (${unit.state}-${unit.district}, ${unit.county}).` };
  }
  return db.transaction((): Result<object> => {
    const f6 = checkPolicyForProgramAct(db, actor, { coalitionId: input.coalitionId, subCoalitionId: detail.program.subCoalitionId, raceId: detail.race.id, act: "turf", subjectType: "turfUnit", subjectId: unitId, now });
    if (!f6.ok) return f6;
    db.insert(turfAssignments)
      .values({ turfUnitId: unitId, affiliateId, locked: true, assignedBy: actor.id, assignedAt: now.toISOString() })
      .onConflictDoUpdate({ target: turfAssignments.turfUnitId, set: { affiliateId, locked: true, assignedBy: actor.id, assignedAt: now.toISOString() } })
      .run();
    appendAudit(db, actor, { action: "turf.move", decision: "info", raceId: program.raceId, subjectType: "turfUnit", subjectId: unitId, detail: `to ${affiliate.name}` }, now);
    resplit(db, actor, { program: detail }, now);
    return { ok: true };
  }, { behavior: "immediate" });
}

/** Locks a unit with its holder (a re-split keeps it there) or unlocks it (the re-split that follows, in the same transaction, may move it). */
export function setUnitLock(db: Db, actor: Actor, input: ProgramRef & { unitId: number; locked: boolean }, now: Date = new Date()): Result<object> {
  const { programId, unitId, locked } = input;
  const detail = getProgram(db, "system", input);
  const { program } = detail;
  getUnit(db, programId, unitId);
  const current = db.select().from(turfAssignments).where(eq(turfAssignments.turfUnitId, unitId)).get();
  if (!current) return { ok: false, field: "unitId", message: "Nobody holds this unit yet: move it to an affiliate to lock it there." };
  return db.transaction((): Result<object> => {
    const f6 = checkPolicyForProgramAct(db, actor, { coalitionId: input.coalitionId, subCoalitionId: detail.program.subCoalitionId, raceId: detail.race.id, act: "turf", subjectType: "turfUnit", subjectId: unitId, now });
    if (!f6.ok) return f6;
    db.update(turfAssignments).set({ locked, assignedBy: actor.id, assignedAt: now.toISOString() }).where(eq(turfAssignments.turfUnitId, unitId)).run();
    appendAudit(db, actor, { action: locked ? "turf.lock" : "turf.unlock", decision: "info", raceId: program.raceId, subjectType: "turfUnit", subjectId: unitId }, now);
    resplit(db, actor, { program: detail }, now);
    return { ok: true };
  }, { behavior: "immediate" });
}

// ---- Units by hand ----

/** Adds one unit typed by hand, then re-splits, in one transaction. */
export function addUnit(db: Db, actor: Actor, input: TurfUnitInput & ProgramRef, now: Date = new Date()): Result<{ unit: TurfUnit }> {
  const { coalitionId, programId, ...fields } = input;
  const detail = getProgram(db, "system", { coalitionId, programId });
  const { race } = detail;
  const placed = placeUnit(fields, race);
  if (!placed.ok) return placed;
  try {
    return db.transaction((): Result<{ unit: TurfUnit }> => {
      const f6 = checkPolicyForProgramAct(db, actor, { coalitionId: input.coalitionId, subCoalitionId: detail.program.subCoalitionId, raceId: detail.race.id, act: "turf", subjectType: "canvassProgram", subjectId: programId, now });
      if (!f6.ok) return f6;
      const unit = db.insert(turfUnits).values({ ...placed.unit, programId }).returning().get();
      appendAudit(db, actor, { action: "turf.add", decision: "info", raceId: race.id, subjectType: "turfUnit", subjectId: unit.id, detail: unit.code }, now);
      resplit(db, actor, { program: detail }, now);
      return { ok: true as const, unit };
    }, { behavior: "immediate" });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_CODE(input.code);
    throw err;
  }
}

/** Edits a unit; a changed place may change who can hold it, so the turf is re-split (locks kept). */
export function updateUnit(db: Db, actor: Actor, input: TurfUnitInput & ProgramRef & { unitId: number }, now: Date = new Date()): Result<{ unit: TurfUnit }> {
  const { coalitionId, programId, unitId, ...fields } = input;
  const detail = getProgram(db, "system", { coalitionId, programId });
  const { race } = detail;
  getUnit(db, programId, unitId);
  const placed = placeUnit(fields, race);
  if (!placed.ok) return placed;
  try {
    return db.transaction((): Result<{ unit: TurfUnit }> => {
      const f6 = checkPolicyForProgramAct(db, actor, { coalitionId: input.coalitionId, subCoalitionId: detail.program.subCoalitionId, raceId: detail.race.id, act: "turf", subjectType: "turfUnit", subjectId: unitId, now });
      if (!f6.ok) return f6;
      const unit = db.update(turfUnits).set(placed.unit).where(eq(turfUnits.id, unitId)).returning().get();
      appendAudit(db, actor, { action: "turf.update", decision: "info", raceId: race.id, subjectType: "turfUnit", subjectId: unitId, detail: unit.code }, now);
      resplit(db, actor, { program: detail }, now);
      return { ok: true as const, unit };
    }, { behavior: "immediate" });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_CODE(input.code);
    throw err;
  }
}

/** Removes a unit (and who held it). */
export function deleteUnit(db: Db, actor: Actor, input: ProgramRef & { unitId: number }, now: Date = new Date()): Result<object> {
  const { programId, unitId } = input;
  const detail = getProgram(db, "system", input);
  const { race } = detail;
  const unit = getUnit(db, programId, unitId);
  return db.transaction((): Result<object> => {
    const f6 = checkPolicyForProgramAct(db, actor, { coalitionId: input.coalitionId, subCoalitionId: detail.program.subCoalitionId, raceId: detail.race.id, act: "turf", subjectType: "turfUnit", subjectId: unitId, now });
    if (!f6.ok) return f6;
    db.delete(turfUnits).where(eq(turfUnits.id, unitId)).run();
    appendAudit(db, actor, { action: "turf.delete", decision: "info", raceId: race.id, subjectType: "turfUnit", subjectId: unitId, detail: unit.code }, now);
    resplit(db, actor, { program: detail }, now);
    return { ok: true };
  }, { behavior: "immediate" });
}

// ---- CSV import ----

function existingCodes(db: Db, programId: number): Set<string> {
  return new Set(db.select({ code: turfUnits.code }).from(turfUnits).where(eq(turfUnits.programId, programId)).all().map((r) => r.code));
}

/** Checks a file against the program without saving anything. */
export function previewImport(db: Db, viewer: Viewer, input: ProgramRef & { content: string }): CsvPreview {
  const { race } = getProgram(db, viewer, input);
  return previewTurfCsv(input.content, { race, existingCodes: existingCodes(db, input.programId) });
}

/**
 * Saves a file's units, all or none: the content is checked again (the program may have
 * changed since the preview), and only a file without a single error is saved, with the
 * split, in one transaction.
 */
export function importUnits(db: Db, actor: Actor, input: ProgramRef & { content: string }, now: Date = new Date()): Result<{ count: number }> | { ok: false; preview: CsvPreview; message: string; field?: string } {
  const { programId } = input;
  const detail = getProgram(db, "system", input);
  const { race } = detail;
  const preview = previewImport(db, "system", input);
  if (!preview.ok) return { ok: false, field: "csv", message: preview.message };
  if (preview.errorRows.length > 0) return { ok: false, preview, message: `${preview.errorRows.length} row(s) have errors. Nothing was saved.` };
  try {
    return db.transaction((): Result<{ count: number }> => {
      const f6 = checkPolicyForProgramAct(db, actor, { coalitionId: input.coalitionId, subCoalitionId: detail.program.subCoalitionId, raceId: detail.race.id, act: "turf", subjectType: "canvassProgram", subjectId: programId, now });
      if (!f6.ok) return f6;
      const rows = preview.units.map((u) => ({ ...u, programId }));
      for (let i = 0; i < rows.length; i += 500) db.insert(turfUnits).values(rows.slice(i, i + 500)).run();
      appendAudit(db, actor, { action: "turf.import", decision: "info", raceId: race.id, subjectType: "canvassProgram", subjectId: programId, detail: `${rows.length} units` }, now);
      resplit(db, actor, { program: detail }, now);
      return { ok: true as const, count: rows.length };
    }, { behavior: "immediate" });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "csv", message: "Some unit ids were added to this program meanwhile. Nothing was saved: check the file again." };
    throw err;
  }
}
