import type { AffiliateRef, ProgramResults } from "~/domain/field-views";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { shiftResults, shifts, signups } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { addCounts, emptyCounts, GOAL_RESULT, RESULT_FIELDS, type ResultCounts, type ResultsInput } from "~/domain/shift-forms";
import { formatSpan, localDateOf } from "~/domain/zoned-time";
import { refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { affiliateRefs, shiftRow } from "./shift-rows.server";

/**
 * Results of shifts: each affiliate's doors, conversations, calls, contacts and texts for a
 * shift, and the program's results against its goals, per day (in the race's zone), per
 * affiliate and per shift.
 */

export type ShiftResult = ResultCounts & { affiliate: AffiliateRef; recordedAt: string };

function pickCounts(r: ResultCounts): ResultCounts {
  return Object.fromEntries(RESULT_FIELDS.map((f) => [f, r[f]])) as ResultCounts;
}

/** A shift's results, one row per affiliate. Results carry no campaign source (F2 does not apply). */
export function listShiftResults(db: Db, _viewer: Viewer, { shiftId }: { shiftId: number }): ShiftResult[] {
  const rows = db.select().from(shiftResults).where(eq(shiftResults.shiftId, shiftId)).all();
  const refs = affiliateRefs(db, rows.map((r) => r.affiliateId));
  return rows.map((r) => ({ ...pickCounts(r), affiliate: refs.get(r.affiliateId)!, recordedAt: r.recordedAt }));
}

/**
 * Records (or corrects) one affiliate's results for a shift: doors, conversations, calls,
 * contacts, texts. Only after the shift has started, for an affiliate taking part in the
 * program. The route checks shift.edit (host or co-host).
 */
export function recordResults(db: Db, actor: Actor, input: ProgramRef & { shiftId: number } & ResultsInput, now: Date = new Date()): Result<{ shiftId: number }> {
  const { shiftId } = input;
  const program = getProgram(db, "system", input);
  const { shift } = shiftRow(db, input);
  if (shift.cancelledAt) return refuse("_form", "This shift was cancelled.");
  if (Date.parse(shift.startsAt) > now.getTime()) return refuse("_form", "Results are recorded after the shift has started.");
  const affiliate = programAffiliates(db, "system", program).find((a) => a.id === input.affiliateId);
  if (!affiliate) return refuse("affiliateId", "Choose an affiliate that takes part in this program.");
  const counts = pickCounts(input);
  return db.transaction((tx) => {
    tx.insert(shiftResults)
      .values({ shiftId, affiliateId: affiliate.id, ...counts, recordedBy: actor.id, recordedAt: now.toISOString() })
      .onConflictDoUpdate({ target: [shiftResults.shiftId, shiftResults.affiliateId], set: { ...counts, recordedBy: actor.id, recordedAt: now.toISOString() } })
      .run();
    appendAudit(tx, actor, { action: "shift.results", decision: "info", partnerId: affiliate.partnerId, raceId: program.race.id, subjectType: "shift", subjectId: shiftId, detail: RESULT_FIELDS.map((f) => `${f}=${counts[f]}`).join(" ") }, now);
    return { ok: true as const, shiftId };
  });
}

/**
 * Goals against results, per day and per affiliate, for the program page. Results carry no
 * campaign source (F2 does not apply); the viewer is taken for the rule's sake and for
 * later per-viewer masking.
 */
export function programResults(db: Db, viewer: Viewer, input: ProgramRef): ProgramResults {
  const { programId } = input;
  const program = getProgram(db, viewer, input);
  const tz = program.race.timeZone;
  const rows = db
    .select({ r: shiftResults, startsAt: shifts.startsAt, endsAt: shifts.endsAt, title: shifts.title, workType: shifts.workType })
    .from(shiftResults)
    .innerJoin(shifts, eq(shifts.id, shiftResults.shiftId))
    .where(and(eq(shifts.programId, programId), isNull(shifts.cancelledAt)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .all();
  const refs = affiliateRefs(db, rows.map((r) => r.r.affiliateId));
  const attended = db
    .select({ affiliateId: signups.recruitedByAffiliateId, n: sql<number>`count(*)` })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(and(eq(shifts.programId, programId), isNull(signups.cancelledAt), eq(signups.attended, true)))
    .groupBy(signups.recruitedByAffiliateId)
    .all();
  const heldShifts = db
    .select({ workType: shifts.workType, n: sql<number>`count(distinct ${shifts.id})` })
    .from(shifts)
    .innerJoin(shiftResults, eq(shiftResults.shiftId, shifts.id))
    .where(and(eq(shifts.programId, programId), isNull(shifts.cancelledAt)))
    .groupBy(shifts.workType)
    .all();

  let totals = emptyCounts();
  const days = new Map<string, ResultCounts>();
  const affs = new Map<number, ResultCounts & { shifts: Set<number> }>();
  const perShift = new Map<number, ProgramResults["byShift"][number]>();
  for (const row of rows) {
    const c = pickCounts(row.r);
    totals = addCounts(totals, c);
    const date = localDateOf(row.startsAt, tz);
    days.set(date, addCounts(days.get(date) ?? emptyCounts(), c));
    const a = affs.get(row.r.affiliateId) ?? { ...emptyCounts(), shifts: new Set<number>() };
    affs.set(row.r.affiliateId, { ...addCounts(a, c), shifts: a.shifts.add(row.r.shiftId) });
    const s = perShift.get(row.r.shiftId) ?? { ...emptyCounts(), shiftId: row.r.shiftId, title: row.title, workType: row.workType, when: formatSpan(row.startsAt, row.endsAt, tz), localDate: date };
    perShift.set(row.r.shiftId, { ...s, ...addCounts(s, c) });
  }
  return {
    timeZone: tz,
    totals,
    goals: program.goals.map((g) => {
      const field = GOAL_RESULT[g.workType];
      const done = field ? totals[field] : heldShifts.find((h) => h.workType === g.workType)?.n ?? 0;
      return { workType: g.workType, target: g.target, done, unit: field ? field : "shifts held" };
    }),
    byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
    byAffiliate: [...affs.entries()]
      .map(([id, { shifts: set, ...c }]) => ({ affiliateId: id, name: refs.get(id)!.name, partnerName: refs.get(id)!.partnerName, shifts: set.size, volunteers: attended.find((x) => x.affiliateId === id)?.n ?? 0, ...c }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    byShift: [...perShift.values()],
  };
}
