import type { AffiliateRef, ShiftView } from "~/domain/field-views";
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, canvassPrograms, races, shiftCoHosts, shiftResults, shifts, shiftTurf, signups, turfAssignments, turfUnits, type Shift } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { shiftTimes, turfConflict, turfMismatch, type ShiftInput } from "~/domain/shift-forms";
import { formatSpan, localDateOf, localDaysSpan } from "~/domain/zoned-time";
import { addDays } from "~/domain/dates";
import { refuse, type Refusal, type Result } from "~/domain/errors";
import { expandSeries, type SeriesSpec } from "~/domain/shift-series";
import { appendAudit } from "./audit.server";
import { checkPolicyForMembers } from "./policy-gate.server";
import { affiliateSide, checkCampaignCounterparty, type Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramDetail, type ProgramRef } from "./programs.server";
import { remoteShiftRefusal } from "~/domain/remote-work";
import { groupBy, hostedBy, shiftQuery, shiftRow, shiftViews, type Tx } from "./shift-rows.server";
import { shiftSignups, type SignupView } from "./signups.server";
import { listShiftResults, type ShiftResult } from "./shift-results.server";
import { noticeShiftChange } from "./reminders.server";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage, type SortKey } from "~/domain/keyset";
import { shiftCursor, SHIFT_MAX_MS, turfCursor, type ShiftWhen, type TurfFilters } from "~/domain/field-lists";
import type { TurfKind, WorkType } from "~/domain/vocabulary";

/**
 * Shifts of a joint field program (issue 5): scheduling with host and co-host affiliates
 * and turf, editing, cancelling, the program's list, a shift's page and the table's week.
 * Times are UTC instants; the race's zone shows them. Every write is one synchronous
 * transaction begun IMMEDIATE, so the checks under the lock and the write cannot interleave
 * across connections. Sign-ups, results, "my affiliate", calendar feeds and exports have
 * their own modules.
 */

type ShiftRef = ProgramRef & { shiftId: number };

// ---------------------------------------------------------------- reading

/** The sort key of a shift in a keyset page: [startsAt, id] (index shifts_program_start, with the rowid). */
const shiftKey = (s: Pick<ShiftView, "startsAt" | "id">): SortKey => [s.startsAt, s.id];

export type ShiftListInput = ProgramRef & {
  when: ShiftWhen;
  workType?: WorkType | null;
  /** Hosted or co-hosted by one of these affiliates (null: any host). */
  hostIds?: readonly number[] | null;
  cursor?: Cursor | null;
  limit?: number;
  now?: Date;
};

export type ShiftList = KeysetPage<ShiftView> & { total: number };

/**
 * One page of a program's shifts (cancelled ones included, marked), filtered in SQL:
 * upcoming (not ended as of now; soonest first) or past (ended; latest first), a work type,
 * host affiliates. Keyset-paged on (startsAt, id) along shifts_program_start; the total is
 * counted in SQL; hosts, turf and sign-up counts are batched for the page's shifts.
 */
export function listShiftPage(db: Db, viewer: Viewer, input: ShiftListInput): ShiftList {
  getProgram(db, viewer, input);
  const limit = input.limit ?? PAGE_SIZE;
  const { page, where, cursor } = shiftPageQuery(db, { ...input, limit });
  const rows = page.all();
  const total = db.select({ n: sql<number>`count(*)` }).from(shifts).where(where).get()?.n ?? 0;
  const kept = keysetPage(rows, limit, cursor, (r) => shiftKey(r.shift));
  return { ...kept, rows: shiftViews(db, kept.rows, viewer), total };
}

/** The shift list's query (limit + 1 rows past the cursor) and its filter without the cursor (for the count); exported for the query-plan test. */
export function shiftPageQuery(db: Db, input: ShiftListInput & { limit: number }) {
  const now = input.now ?? new Date();
  const cursor = shiftCursor(input.cursor ?? null);
  const upcoming = input.when === "upcoming";
  const nowIso = now.toISOString();
  const where = and(
    eq(shifts.programId, input.programId),
    // an upcoming shift has not ended, so it started at most a day ago (shifts last at most 24 hours): the range stays on the index
    upcoming ? and(gt(shifts.startsAt, new Date(now.getTime() - SHIFT_MAX_MS).toISOString()), gt(shifts.endsAt, nowIso)) : and(lt(shifts.startsAt, nowIso), lte(shifts.endsAt, nowIso)),
    input.workType ? eq(shifts.workType, input.workType) : undefined,
    input.hostIds ? hostedBy(db, input.hostIds) : undefined,
  );
  // reading forwards means the list's own order (ascending for upcoming, descending for past)
  const forwards = cursor?.dir !== "before";
  const ascending = upcoming === forwards;
  const beyond = cursor ? (ascending ? sql`(${shifts.startsAt}, ${shifts.id}) > (${cursor.key[0]}, ${cursor.key[1]})` : sql`(${shifts.startsAt}, ${shifts.id}) < (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const order = ascending ? [asc(shifts.startsAt), asc(shifts.id)] : [desc(shifts.startsAt), desc(shifts.id)];
  const page = shiftQuery(db)
    .where(and(where, beyond))
    .orderBy(...order)
    .limit(input.limit + 1);
  return { page, where, cursor };
}

/** The program's shifts still to come (not ended, not cancelled, as of now unless told), soonest first (10 unless told): for the program page. */
export function upcomingShifts(db: Db, viewer: Viewer, input: ProgramRef & { limit?: number; now?: Date; detail?: ProgramDetail }): ShiftView[] {
  // a 404 for another table's program, unless the caller has read it already (`detail`)
  if (!input.detail) getProgram(db, viewer, input);
  const now = input.now ?? new Date();
  return shiftViews(
    db,
    shiftQuery(db)
      .where(
        and(
          eq(shifts.programId, input.programId),
          isNull(shifts.cancelledAt),
          gt(shifts.startsAt, new Date(now.getTime() - SHIFT_MAX_MS).toISOString()),
          gt(shifts.endsAt, now.toISOString()),
        ),
      )
      .orderBy(asc(shifts.startsAt), asc(shifts.id))
      .limit(input.limit ?? 10)
      .all(),
    viewer,
  );
}

export type TurfChoice = { id: number; code: string; name: string; kind: TurfKind; size: number; holder: string | null };

export type ShiftDetail = {
  shift: ShiftView;
  program: ProgramDetail;
  participants: AffiliateRef[];
  /** The units this shift works (few). */
  turf: TurfChoice[];
  /** The first sign-ups, in the order taken, and how many there are. */
  signups: SignupView[];
  signupTotal: number;
  results: ShiftResult[];
};

/** The most sign-ups a shift's page lists (the rest are in the program's sign-ups export). */
export const SHIFT_SIGNUPS_SHOWN = 200;

function turfChoiceQuery(db: Db) {
  return db
    .select({ id: turfUnits.id, code: turfUnits.code, name: turfUnits.name, kind: turfUnits.kind, size: turfUnits.size, holder: affiliates.name })
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .leftJoin(affiliates, eq(affiliates.id, turfAssignments.affiliateId));
}

/** Some units of a program by id, with their holders (a shift's own units), by code. */
export function turfChoices(db: Db, _viewer: Viewer, { programId, ids }: { programId: number; ids: readonly number[] }): TurfChoice[] {
  return turfChoiceQuery(db)
    .where(and(eq(turfUnits.programId, programId), inArray(turfUnits.id, [...ids])))
    .orderBy(asc(turfUnits.code), asc(turfUnits.id))
    .all();
}

export type TurfSearch = KeysetPage<TurfChoice> & { total: number };

/**
 * A page of a program's turf units for the shift forms' picker, by code (index
 * turf_units_code), filtered in SQL by kind, area (a county, district or precinct) and the
 * start of the code; with the holder's name and the count of matches.
 */
export function findTurf(db: Db, _viewer: Viewer, input: { programId: number; filters: Pick<TurfFilters, "kind" | "area" | "code">; cursor?: Cursor | null; limit?: number }): TurfSearch {
  const { kind, area, code } = input.filters;
  const limit = input.limit ?? PAGE_SIZE;
  const cursor = turfCursor(input.cursor ?? null);
  const where = and(
    eq(turfUnits.programId, input.programId),
    kind ? eq(turfUnits.kind, kind) : undefined,
    area ? or(eq(turfUnits.county, area), eq(turfUnits.district, area), eq(turfUnits.precinct, area)) : undefined,
    // a prefix as a range on the index (LIKE would not use it)
    code ? and(gte(turfUnits.code, code), lt(turfUnits.code, `${code}\u{10FFFF}`)) : undefined,
  );
  const forwards = cursor?.dir !== "before";
  const keyed = cursor ? (forwards ? sql`(${turfUnits.code}, ${turfUnits.id}) > (${cursor.key[0]}, ${cursor.key[1]})` : sql`(${turfUnits.code}, ${turfUnits.id}) < (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const rows = turfChoiceQuery(db)
    .where(and(where, keyed))
    .orderBy(...(forwards ? [asc(turfUnits.code), asc(turfUnits.id)] : [desc(turfUnits.code), desc(turfUnits.id)]))
    .limit(limit + 1)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(turfUnits).where(where).get()?.n ?? 0;
  return { ...keysetPage(rows, limit, cursor, (u) => [u.code, u.id]), total };
}

/** Everything the shift page shows. Volunteers' contact details only to those allowed (signup.contacts). */
export function getShift(db: Db, viewer: Viewer, input: ShiftRef): ShiftDetail {
  const program = getProgram(db, viewer, input);
  const [shift] = shiftViews(db, [shiftRow(db, input)], viewer);
  const signed = shiftSignups(db, viewer, { coalitionId: input.coalitionId, shift, limit: SHIFT_SIGNUPS_SHOWN });
  return {
    shift,
    program,
    participants: programAffiliates(db, viewer, program).map((a) => ({ id: a.id, name: a.name, partnerId: a.partnerId, partnerName: a.partnerName })),
    turf: turfChoices(db, viewer, { programId: input.programId, ids: shift.turfUnitIds }),
    signups: signed.rows,
    signupTotal: signed.total,
    results: listShiftResults(db, viewer, input),
  };
}

export type WeekDay = { date: string; shifts: ShiftView[] };

/** The most shifts the week page shows at once (in time order); a state or a program narrows it. */
export const WEEK_LIMIT = 150;

export type Week = {
  days: WeekDay[];
  /** Shifts this week under the filters; more than are shown when over WEEK_LIMIT. */
  total: number;
  shown: number;
  filters: { state: string | null; programId: number | null };
  /** A filter was not one of the table's (and was dropped). */
  ignored: boolean;
  /** The choices of the filters: the table's programs, and the states they are in. */
  programs: { id: number; name: string; state: string }[];
  states: string[];
};

/**
 * The table's shifts in one week (Monday to Sunday), each placed on its local day in its
 * own race's zone: a 9 PM shift in Arizona is on the day Arizona says, not UTC's. The week
 * of each zone is one range of UTC instants, so the filter, the count and the limit are all
 * SQL; optionally one state's or one program's; at most WEEK_LIMIT shown, in time order.
 */
export function weekShifts(
  db: Db,
  viewer: Viewer,
  { coalitionId, weekStart, state: askedState = null, program: askedProgram = null, limit = WEEK_LIMIT }: { coalitionId: number; weekStart: string; state?: string | null; program?: string | null; limit?: number },
): Week {
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const programs = db
    .select({ id: canvassPrograms.id, name: canvassPrograms.name, state: races.state, timeZone: races.timeZone })
    .from(canvassPrograms)
    .innerJoin(races, eq(races.id, canvassPrograms.raceId))
    .where(eq(canvassPrograms.coalitionId, coalitionId))
    .orderBy(asc(canvassPrograms.name), asc(canvassPrograms.id))
    .all();
  const zones = [...new Set(programs.map((p) => p.timeZone))];
  // the filters hold only the table's own states and programs; anything else is dropped, and said
  const state = askedState && programs.some((p) => p.state === askedState) ? askedState : null;
  const programId = askedProgram ? (programs.find((p) => String(p.id) === askedProgram)?.id ?? null) : null;
  const ignored = (!!askedState && !state) || (!!askedProgram && programId === null);
  // each zone's week as UTC instants: from its first local midnight to the one after Sunday
  const spans = zones.map((z) => ({ zone: z, ...localDaysSpan(dates[0], dates[6], z) }));
  const inWeek = spans.length
    ? and(
        // the widest span first, so each program's shifts are read as one range of shifts_program_start
        gte(shifts.startsAt, spans.reduce((a, b) => (b.from < a ? b.from : a), spans[0].from)),
        lt(shifts.startsAt, spans.reduce((a, b) => (b.to > a ? b.to : a), spans[0].to)),
        or(...spans.map((sp) => and(eq(races.timeZone, sp.zone), gte(shifts.startsAt, sp.from), lt(shifts.startsAt, sp.to)))),
      )
    : sql`0`;
  const where = and(eq(canvassPrograms.coalitionId, coalitionId), inWeek, state ? eq(races.state, state) : undefined, programId ? eq(shifts.programId, programId) : undefined);
  const rows = shiftQuery(db).where(where).orderBy(asc(shifts.startsAt), asc(shifts.id)).limit(limit).all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(shifts)
      .innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId))
      .innerJoin(races, eq(races.id, canvassPrograms.raceId))
      .where(where)
      .get()?.n ?? 0;
  const byDay = groupBy(shiftViews(db, rows, viewer), (v) => v.localDate);
  return {
    days: dates.map((date) => ({ date, shifts: byDay.get(date) ?? [] })),
    total,
    shown: rows.length,
    filters: { state, programId },
    ignored,
    programs: programs.map(({ id, name, state }) => ({ id, name, state })),
    states: [...new Set(programs.map((p) => p.state))].sort(),
  };
}

// ---------------------------------------------------------------- writing

type Checked = { startsAt: string; endsAt: string; host: AffiliateRef; coHosts: AffiliateRef[] };

/** The checks that need no lock: times in the race's zone, participating hosts, the program's own turf. */
function checkShiftInput(db: Db, program: ProgramDetail, input: ShiftInput): Result<Checked> {
  const times = shiftTimes(input, program.race.timeZone, program.program);
  if (!times.ok) return times;
  const who = programAffiliates(db, "system", program);
  const host = who.find((a) => a.id === input.hostAffiliateId);
  if (!host) return refuse("hostAffiliateId", "Choose an affiliate that takes part in this program (its partner is on the sub-table).");
  const coHosts = input.coHostIds.map((id) => who.find((a) => a.id === id));
  if (coHosts.some((c) => !c)) return refuse("coHosts", "Co-hosts must be affiliates taking part in this program.");
  // issue 13: an affiliate from another state hosts and co-hosts virtual shifts only
  const awayHost = remoteShiftRefusal(host, program.race.state, input, "host");
  if (awayHost) return refuse("hostAffiliateId", awayHost);
  for (const c of coHosts) {
    const away = remoteShiftRefusal(c!, program.race.state, input, "co-host");
    if (away) return refuse("coHosts", away);
  }
  if (input.turfUnitIds.length > 0) {
    const found = db.select({ id: turfUnits.id, code: turfUnits.code, kind: turfUnits.kind }).from(turfUnits).where(and(eq(turfUnits.programId, program.program.id), inArray(turfUnits.id, input.turfUnitIds))).all();
    if (found.length !== input.turfUnitIds.length) return refuse("turf", "Choose turf units of this program.");
    const mismatch = turfMismatch(input.workType, found);
    if (mismatch) return refuse("turf", mismatch.message);
  }
  return { ok: true, startsAt: times.startsAt, endsAt: times.endsAt, host, coHosts: coHosts as AffiliateRef[] };
}

/**
 * The checks made under the write lock, in the write's transaction: the host's side
 * (fieldSide), turf not worked by an overlapping shift, and rule F7 for a campaign host,
 * asked for the host's partner and every co-host's partner. A refusal writes nothing but
 * the firewall's own audit rows.
 */
function lockedChecks(tx: Tx, actor: Actor, program: ProgramDetail, input: ShiftInput, c: Checked, shiftId: number | null, askPolicy = true): Result<{ side: "independent" | "coordinated" }> {
  const raceId = program.race.id;
  // rule F6 on the act: the person scheduling or editing has acknowledged the policy of each member they act for here (a series asks once)
  if (askPolicy) {
    const f6 = checkPolicyForMembers(tx, actor, [c.host, ...c.coHosts].map((a) => a.partnerId), { coalitionId: program.race.coalitionId, raceId, act: "shift", subjectType: "shift", subjectId: shiftId });
    if (!f6.ok) return f6;
  }
  const side = affiliateSide(tx, c.host.id, raceId);
  if (side === "none") return refuse("hostAffiliateId", "A 501(c)(3) member does no partisan field work, so it cannot host a shift for a candidate (firewall rule F1).");
  if (input.turfUnitIds.length > 0) {
    const busy = tx
      .select({ id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt, unitId: shiftTurf.turfUnitId, title: shifts.title, workType: shifts.workType })
      .from(shiftTurf)
      .innerJoin(shifts, eq(shifts.id, shiftTurf.shiftId))
      .where(and(inArray(shiftTurf.turfUnitId, input.turfUnitIds), isNull(shifts.cancelledAt), lt(shifts.startsAt, c.endsAt), gt(shifts.endsAt, c.startsAt)))
      .all();
    const others = [...new Map(busy.map((b) => [b.id, { ...b, turfUnitIds: busy.filter((x) => x.id === b.id).map((x) => x.unitId) }])).values()];
    const clash = turfConflict({ id: shiftId, startsAt: c.startsAt, endsAt: c.endsAt, turfUnitIds: input.turfUnitIds }, others);
    if (clash) {
      const unit = tx.select({ code: turfUnits.code, name: turfUnits.name }).from(turfUnits).where(eq(turfUnits.id, clash.unitId)).get();
      const o = clash.other;
      return refuse(
        "turf",
        `Turf unit ${unit?.code ?? clash.unitId} (${unit?.name ?? ""}) is already worked by an overlapping shift: ${o.title || WORK_TYPE_LABELS[o.workType]}, ${formatSpan(o.startsAt, o.endsAt, program.race.timeZone)}. Choose other turf or another time.`,
      );
    }
  }
  const onDate = localDateOf(c.startsAt, program.race.timeZone);
  for (const a of [c.host, ...c.coHosts]) {
    const d = checkCampaignCounterparty(tx, actor, {
      partnerId: a.partnerId,
      affiliateId: a.id,
      raceId,
      counterpartyIsCampaign: input.hostKind === "campaign",
      what: "shift",
      onDate,
      subjectType: "shift",
      subjectId: shiftId,
      field: "hostKind",
    });
    if (!d.ok) return refuse("hostKind", d.message);
  }
  return { ok: true, side };
}

function shiftValues(input: ShiftInput, c: Checked, side: "independent" | "coordinated") {
  return {
    workType: input.workType,
    title: input.title,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    location: input.location,
    callLink: input.callLink,
    hostKind: input.hostKind,
    hostAffiliateId: c.host.id,
    campaignHost: input.hostKind === "campaign" ? input.campaignHost : null,
    side,
    capacity: input.capacity,
    notes: input.notes,
  };
}

function writeLinks(tx: Tx, shiftId: number, input: ShiftInput, c: Checked) {
  tx.delete(shiftCoHosts).where(eq(shiftCoHosts.shiftId, shiftId)).run();
  tx.delete(shiftTurf).where(eq(shiftTurf.shiftId, shiftId)).run();
  const co = c.coHosts.filter((h) => h.id !== c.host.id);
  if (co.length) tx.insert(shiftCoHosts).values(co.map((h) => ({ shiftId, affiliateId: h.id }))).run();
  if (input.turfUnitIds.length) tx.insert(shiftTurf).values(input.turfUnitIds.map((turfUnitId) => ({ shiftId, turfUnitId }))).run();
}

/**
 * Schedules a shift on a program, or a series of them (issue 14: more slots the same day, or
 * weekly until a date; `expandSeries`). A series is all or nothing: every shift is checked,
 * then all are written in one IMMEDIATE transaction (F6 asked once, for the act), sharing a
 * series id (the first shift's). A refusal about a later shift of the series names its time and
 * sits next to the series field. The route checks shift.manage for the host affiliate.
 */
export function createShift(db: Db, actor: Actor, input: ProgramRef & ShiftInput & { series?: SeriesSpec }): Result<{ shift: Shift; shifts: Shift[] }> {
  const { programId } = input;
  const program = getProgram(db, "system", input);
  const series = input.series ?? { repeat: "once" as const, slots: "", until: null };
  const expanded = expandSeries({ startsAt: input.startsAt, endsAt: input.endsAt }, series);
  if (!expanded.ok) return expanded;
  const seriesField = series.repeat === "slots" ? "slots" : "until";
  const about = (i: number, r: Refusal): Refusal =>
    i === 0 ? r : { ...r, field: r.field === "startsAt" || r.field === "endsAt" || !r.field ? seriesField : r.field, message: `The shift of ${expanded.shifts[i].startsAt.replace("T", " ")}: ${r.message}` };
  const occurrences = expanded.shifts.map((o) => ({ ...input, ...o }));
  const checked: Checked[] = [];
  for (const [i, o] of occurrences.entries()) {
    const c = checkShiftInput(db, program, o);
    if (!c.ok) return about(i, c);
    checked.push(c);
  }
  return db.transaction(
    (tx) => {
      // every check before any write: a refusal leaves only the firewall's own audit rows
      const sides: ("independent" | "coordinated")[] = [];
      for (const [i, o] of occurrences.entries()) {
        const ok = lockedChecks(tx, actor, program, o, checked[i], null, i === 0);
        if (!ok.ok) return about(i, ok);
        sides.push(ok.side);
      }
      const made: Shift[] = [];
      for (const [i, o] of occurrences.entries()) {
        const shift = tx
          .insert(shifts)
          .values({ programId, createdBy: actor.id, ...shiftValues(o, checked[i], sides[i]), seriesId: made[0]?.id ?? null })
          .returning()
          .get();
        writeLinks(tx, shift.id, o, checked[i]);
        made.push(shift);
      }
      if (made.length > 1) tx.update(shifts).set({ seriesId: made[0].id }).where(eq(shifts.id, made[0].id)).run();
      const first = made[0];
      appendAudit(tx, actor, { action: "shift.create", decision: "info", raceId: program.race.id, subjectType: "shift", subjectId: first.id, detail: made.length > 1 ? `${first.workType} series of ${made.length} from ${first.startsAt} (shifts ${made.map((s) => s.id).join(", ")})` : `${first.workType} ${first.startsAt}` });
      return { ok: true as const, shift: { ...first, seriesId: made.length > 1 ? first.id : null }, shifts: made.map((s) => ({ ...s, seriesId: made.length > 1 ? first.id : null })) };
    },
    { behavior: "immediate" },
  );
}

/**
 * Edits a shift: times, place, capacity, notes, co-hosts, turf. The host stays (a co-host
 * edits, it does not take the shift over). Capacity never drops below the sign-ups already
 * taken, and a shift with results or attendance is not moved to a time still to come. The
 * route checks shift.edit (host or co-host).
 */
export function updateShift(db: Db, actor: Actor, input: ShiftRef & ShiftInput, now: Date = new Date()): Result<{ shift: Shift }> {
  const { shiftId } = input;
  const program = getProgram(db, "system", input);
  const before = shiftRow(db, input).shift;
  if (before.cancelledAt) return refuse("_form", "This shift was cancelled; it can no longer be edited.");
  const fixed = { ...input, hostAffiliateId: before.hostAffiliateId ?? input.hostAffiliateId };
  const c = checkShiftInput(db, program, fixed);
  if (!c.ok) return c;
  // results and attendance belong to a shift that has happened: it is not moved to a time to come
  // (programResults counts only started shifts)
  if (c.startsAt > now.toISOString() && hasOutcomes(db, shiftId)) return refuse("startsAt", "Results or attendance are recorded for this shift, so it cannot be moved to a time that has not come yet.");
  return db.transaction(
    (tx) => {
      const active = tx.select({ n: sql<number>`count(*)` }).from(signups).where(and(eq(signups.shiftId, shiftId), isNull(signups.cancelledAt))).get()?.n ?? 0;
      if (fixed.capacity < active) return refuse("capacity", `${active} volunteers are signed up, so the capacity cannot be less than ${active}.`);
      const ok = lockedChecks(tx, actor, program, fixed, c, shiftId);
      if (!ok.ok) return ok;
      const shift = tx.update(shifts).set(shiftValues(fixed, c, ok.side)).where(eq(shifts.id, shiftId)).returning().get();
      writeLinks(tx, shiftId, fixed, c);
      noticeShiftChange(tx, before, shift, program.race.timeZone, now);
      appendAudit(tx, actor, { action: "shift.update", decision: "info", raceId: program.race.id, subjectType: "shift", subjectId: shiftId, detail: `${shift.workType} ${shift.startsAt}` });
      return { ok: true as const, shift };
    },
    { behavior: "immediate" },
  );
}

/** Whether a shift has results or attendance recorded. */
function hasOutcomes(db: Db, shiftId: number): boolean {
  const result = db.select({ one: sql<number>`1` }).from(shiftResults).where(eq(shiftResults.shiftId, shiftId)).limit(1).get();
  return !!result || !!db.select({ one: sql<number>`1` }).from(signups).where(and(eq(signups.shiftId, shiftId), isNotNull(signups.attended))).limit(1).get();
}

/** Cancels a shift (kept, with its sign-ups, for the record; feeds show it cancelled). The route checks shift.manage for the host. */
export function cancelShift(db: Db, actor: Actor, input: ShiftRef, now: Date = new Date()): Result<{ shift: Shift }> {
  const { shiftId } = input;
  const row = shiftRow(db, input);
  if (row.shift.cancelledAt) return refuse("_form", "This shift is already cancelled.");
  return db.transaction((tx) => {
    const shift = tx.update(shifts).set({ cancelledAt: now.toISOString() }).where(eq(shifts.id, shiftId)).returning().get();
    noticeShiftChange(tx, row.shift, shift, row.timeZone, now);
    appendAudit(tx, actor, { action: "shift.cancel", decision: "info", raceId: row.raceId, subjectType: "shift", subjectId: shiftId, detail: shift.startsAt }, now);
    return { ok: true as const, shift };
  });
}
