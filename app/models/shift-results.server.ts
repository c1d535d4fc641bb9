import type { AffiliateRef, ProgramResults } from "~/domain/field-views";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { shiftResults, shifts, signups } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { addCounts, emptyCounts, GOAL_RESULT, RESULT_FIELDS, type ResultCounts, type ResultsInput } from "~/domain/shift-forms";
import { offsetRuns } from "~/domain/zoned-time";
import { refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramDetail, type ProgramRef } from "./programs.server";
import { affiliateRefs, shiftRow } from "./shift-rows.server";
import { checkPolicyForShiftAct } from "./policy-gate.server";

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
    // rule F6 on the act: the person recording has acknowledged the policy of each member they host for here
    const f6 = checkPolicyForShiftAct(tx, actor, { coalitionId: input.coalitionId, shiftId, raceId: program.race.id, act: "results", now });
    if (!f6.ok) return f6;
    tx.insert(shiftResults)
      .values({ shiftId, affiliateId: affiliate.id, ...counts, recordedBy: actor.id, recordedAt: now.toISOString() })
      .onConflictDoUpdate({ target: [shiftResults.shiftId, shiftResults.affiliateId], set: { ...counts, recordedBy: actor.id, recordedAt: now.toISOString() } })
      .run();
    appendAudit(tx, actor, { action: "shift.results", decision: "info", partnerId: affiliate.partnerId, raceId: program.race.id, subjectType: "shift", subjectId: shiftId, detail: RESULT_FIELDS.map((f) => `${f}=${counts[f]}`).join(" ") }, now);
    return { ok: true as const, shiftId };
  }, { behavior: "immediate" });
}

/**
 * Goals against results, per day and per affiliate, for the program and shifts pages: summed
 * in SQL (a row per affiliate, per local day in the race's zone, per work type), never the
 * program's result rows one by one. Results carry no campaign source (F2 does not apply); the
 * viewer is taken for the rule's sake and for later per-viewer masking.
 */
export function programResults(db: Db, viewer: Viewer, input: ProgramRef & { detail?: ProgramDetail; now?: Date }): ProgramResults {
  const { now } = input;
  // read at the clock's own now, the answer only changes when the database does (results and
  // attendance are written, never made by time passing): kept per connection until it changes.
  // It is the same for every viewer today; per-viewer masking would have to key it by viewer.
  if (now !== undefined) return readProgramResults(db, viewer, input, now);
  const stamp = changeStamp(db);
  let kept = KEPT.get(db.$client);
  if (!kept || kept.stamp !== stamp) KEPT.set(db.$client, (kept = { stamp, results: new Map() }));
  const key = `${input.coalitionId}:${input.programId}`;
  const known = kept.results.get(key);
  if (known) return known;
  const fresh = readProgramResults(db, viewer, input, new Date());
  if (kept.results.size >= 50) kept.results.clear();
  kept.results.set(key, fresh);
  return fresh;
}

/**
 * Where the database stands for this connection: PRAGMA data_version moves when another
 * connection (another process) commits, total_changes() when this one writes. Equal stamps:
 * nothing was written in between.
 */
function changeStamp(db: Db): string {
  const client = db.$client;
  const own = (client.prepare("select total_changes() as n").get() as { n: number }).n;
  return `${client.pragma("data_version", { simple: true })}:${own}`;
}
const KEPT = new WeakMap<object, { stamp: string; results: Map<string, ProgramResults> }>();

function readProgramResults(db: Db, viewer: Viewer, input: ProgramRef & { detail?: ProgramDetail }, now: Date): ProgramResults {
  const { programId } = input;
  const program = input.detail ?? getProgram(db, viewer, input);
  const tz = program.race.timeZone;
  // results and attendance are taken once a shift has started (recordResults, setAttendance) and
  // a shift that has them is not moved later than now (updateShift): only started shifts can
  // count, so the reads walk shifts_program_start up to now, not the program's future schedule
  const nowIso = now.toISOString();
  const started = and(eq(shifts.programId, programId), lte(shifts.startsAt, nowIso));
  const held = and(started, isNull(shifts.cancelledAt));
  const sums = {
    doorsKnocked: sql<number>`coalesce(sum(${shiftResults.doorsKnocked}), 0)`,
    conversations: sql<number>`coalesce(sum(${shiftResults.conversations}), 0)`,
    callsDialed: sql<number>`coalesce(sum(${shiftResults.callsDialed}), 0)`,
    contactsMade: sql<number>`coalesce(sum(${shiftResults.contactsMade}), 0)`,
    textsSent: sql<number>`coalesce(sum(${shiftResults.textsSent}), 0)`,
  };
  const perAffiliate = db
    .select({ affiliateId: shiftResults.affiliateId, shifts: sql<number>`count(distinct ${shiftResults.shiftId})`, ...sums })
    .from(shiftResults)
    .innerJoin(shifts, eq(shifts.id, shiftResults.shiftId))
    .where(held)
    .groupBy(shiftResults.affiliateId)
    .all();
  const refs = affiliateRefs(db, perAffiliate.map((r) => r.affiliateId), { always: true });
  // the local date of each start, in SQL: the zone's offsets over the program's shifts as a CASE
  // the first and last started shift: two seeks on shifts_program_start (min and max in one select would scan)
  const span = db
    .select({
      first: sql<string | null>`(select ${shifts.startsAt} from ${shifts} where ${started} order by ${shifts.startsAt} limit 1)`,
      last: sql<string | null>`(select ${shifts.startsAt} from ${shifts} where ${started} order by ${shifts.startsAt} desc limit 1)`,
    })
    .from(sql`(select 1)`)
    .get();
  const runs = span?.first && span.last ? offsetRuns(span.first, span.last, tz) : [{ until: null, minutes: 0 }];
  const modifier =
    runs.length === 1
      ? sql`${`${runs[0].minutes} minutes`}`
      : sql.join([sql`case`, ...runs.map((r) => (r.until ? sql`when ${shifts.startsAt} < ${r.until} then ${`${r.minutes} minutes`}` : sql`else ${`${r.minutes} minutes`}`)), sql`end`], sql` `);
  const localDate = sql<string>`date(${shifts.startsAt}, ${modifier})`;
  const perDay = db
    .select({ date: localDate, ...sums })
    .from(shiftResults)
    .innerJoin(shifts, eq(shifts.id, shiftResults.shiftId))
    .where(held)
    .groupBy(localDate)
    .orderBy(localDate)
    .all();
  const attended = new Map(
    db
      .select({ affiliateId: signups.recruitedByAffiliateId, n: sql<number>`count(*)` })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .where(and(started, isNull(signups.cancelledAt), eq(signups.attended, true)))
      .groupBy(signups.recruitedByAffiliateId)
      .all()
      .map((r) => [r.affiliateId, r.n]),
  );
  const heldShifts = new Map(
    db
      .select({ workType: shifts.workType, n: sql<number>`count(distinct ${shifts.id})` })
      .from(shifts)
      .innerJoin(shiftResults, eq(shiftResults.shiftId, shifts.id))
      .where(held)
      .groupBy(shifts.workType)
      .all()
      .map((h) => [h.workType, h.n]),
  );
  const totals = perAffiliate.reduce((t, r) => addCounts(t, pickCounts(r)), emptyCounts());
  return {
    timeZone: tz,
    totals,
    goals: program.goals.map((g) => {
      const field = GOAL_RESULT[g.workType];
      const done = field ? totals[field] : heldShifts.get(g.workType) ?? 0;
      return { workType: g.workType, target: g.target, done, unit: field ? field : "shifts held" };
    }),
    byDay: perDay.map((d) => ({ date: d.date, ...pickCounts(d) })),
    byAffiliate: perAffiliate
      .map((r) => ({ affiliateId: r.affiliateId, name: refs.get(r.affiliateId)!.name, partnerName: refs.get(r.affiliateId)!.partnerName, shifts: r.shifts, volunteers: attended.get(r.affiliateId) ?? 0, ...pickCounts(r) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
