import type { AffiliateRef, ProgramResults, ShiftView } from "~/domain/field-views";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, calendarFeeds, canvassPrograms, partners, races, shiftCoHosts, shiftResults, shifts, shiftTurf, signups, subCoalitionMembers, turfAssignments, turfUnits, type CalendarFeed, type Shift } from "../../db/schema";
import { type WorkType } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { buildCalendar, type CalendarEvent } from "~/domain/ical";
import { can, type Principal } from "~/domain/permissions";
import {
  addCounts,
  emptyCounts,
  GOAL_RESULT,
  overlaps,
  RESULT_FIELDS,
  samePerson,
  seatsLeft,
  shiftTimes,
  turfConflict,
  type ResultCounts,
  type ResultsInput,
  type ShiftInput,
  type SignupInput,
} from "~/domain/shift-forms";
import { formatSpan, localDateOf, localDaysSpan, utcToLocal } from "~/domain/zoned-time";
import { addDays } from "~/domain/dates";
import { appendAudit } from "./audit.server";
import { toCsv as csv } from "~/domain/csv";
import { affiliateSide, checkCampaignCounterparty, checkPlacement, type Viewer } from "./firewall.server";
import { NotFoundError, type Refusal, type Result } from "~/domain/errors";
import { getProgram, type ProgramDetail } from "./programs.server";

/**
 * Shifts of a joint field program (issue 5): scheduling with host and co-host affiliates,
 * turf, sign-ups under capacity, attendance, results, the week view, "my affiliate",
 * calendar feeds and CSV exports. Times are UTC instants; the race's zone shows them.
 * Every write is one synchronous transaction; sign-ups take the write lock first
 * (BEGIN IMMEDIATE) so the capacity check and the insert cannot interleave across
 * connections.
 */

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];


const refuse = (field: string, message: string): Refusal => ({ ok: false, field, message });

// ---------------------------------------------------------------- reading

/**
 * The affiliates taking part in a program: those in the race's state whose partner is a
 * current member of its sub-table.
 */
export function participants(db: Db | Tx, program: Pick<ProgramDetail, "program" | "race">): AffiliateRef[] {
  const subCoalitionId = program.program.subCoalitionId;
  return db
    .select({ id: affiliates.id, name: affiliates.name, partnerId: affiliates.partnerId, partnerName: partners.name })
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .innerJoin(subCoalitionMembers, and(eq(subCoalitionMembers.partnerId, affiliates.partnerId), eq(subCoalitionMembers.subCoalitionId, subCoalitionId), isNull(subCoalitionMembers.leftAt)))
    .where(eq(affiliates.state, program.race.state))
    .orderBy(asc(affiliates.name))
    .all();
}

function affiliateRefs(db: Db | Tx, ids: number[]): Map<number, AffiliateRef> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select({ id: affiliates.id, name: affiliates.name, partnerId: affiliates.partnerId, partnerName: partners.name })
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(inArray(affiliates.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Decorates shift rows with their zone, hosts, turf and sign-up counts (a few queries, not one per shift). */
function decorate(db: Db | Tx, rows: { shift: Shift; timeZone: string; raceId: number; programName: string }[]): ShiftView[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.shift.id);
  const co = db.select().from(shiftCoHosts).where(inArray(shiftCoHosts.shiftId, ids)).all();
  const turf = db.select().from(shiftTurf).where(inArray(shiftTurf.shiftId, ids)).all();
  const counts = new Map(
    db
      .select({ shiftId: signups.shiftId, n: sql<number>`count(*)` })
      .from(signups)
      .where(and(inArray(signups.shiftId, ids), isNull(signups.cancelledAt)))
      .groupBy(signups.shiftId)
      .all()
      .map((c) => [c.shiftId, c.n]),
  );
  const refs = affiliateRefs(db, [...rows.map((r) => r.shift.hostAffiliateId).filter((x): x is number => x !== null), ...co.map((c) => c.affiliateId)]);
  return rows.map(({ shift, timeZone, raceId, programName }) => {
    const signedUp = counts.get(shift.id) ?? 0;
    return {
      ...shift,
      timeZone,
      raceId,
      programName,
      host: shift.hostAffiliateId ? refs.get(shift.hostAffiliateId) ?? null : null,
      coHosts: co.filter((c) => c.shiftId === shift.id).map((c) => refs.get(c.affiliateId)!).filter(Boolean).sort((a, b) => a.name.localeCompare(b.name)),
      turfUnitIds: turf.filter((t) => t.shiftId === shift.id).map((t) => t.turfUnitId).sort((a, b) => a - b),
      signedUp,
      seatsLeft: seatsLeft(shift.capacity, signedUp),
      when: formatSpan(shift.startsAt, shift.endsAt, timeZone),
      localDate: localDateOf(shift.startsAt, timeZone),
      startsLocal: utcToLocal(shift.startsAt, timeZone),
      endsLocal: utcToLocal(shift.endsAt, timeZone),
    };
  });
}

const shiftRowSelect = { shift: shifts, timeZone: races.timeZone, raceId: races.id, programName: canvassPrograms.name };

function shiftQuery(db: Db | Tx) {
  return db.select(shiftRowSelect).from(shifts).innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId)).innerJoin(races, eq(races.id, canvassPrograms.raceId));
}

/** A program's shifts, soonest first (cancelled ones included, marked). */
export function listShifts(db: Db, _viewer: Viewer, coalitionId: number, programId: number): ShiftView[] {
  getProgram(db, coalitionId, programId);
  return decorate(db, shiftQuery(db).where(eq(shifts.programId, programId)).orderBy(asc(shifts.startsAt), asc(shifts.id)).all());
}

/** The program's shifts still to come (not ended, not cancelled), soonest first: for the program page. */
export function upcomingShifts(db: Db, _viewer: Viewer, coalitionId: number, programId: number, now: Date = new Date(), limit = 10): ShiftView[] {
  getProgram(db, coalitionId, programId);
  return decorate(
    db,
    shiftQuery(db)
      .where(and(eq(shifts.programId, programId), isNull(shifts.cancelledAt), gt(shifts.endsAt, now.toISOString())))
      .orderBy(asc(shifts.startsAt), asc(shifts.id))
      .limit(limit)
      .all(),
  );
}

export type SignupView = {
  id: number;
  volunteerName: string;
  /** null when the viewer may not see contact details (signup.contacts). */
  email: string | null;
  phone: string | null;
  contactsHidden: boolean;
  recruitedBy: AffiliateRef;
  cancelledAt: string | null;
  attended: boolean | null;
  createdAt: string;
};

export type ShiftDetail = {
  shift: ShiftView;
  program: ProgramDetail;
  participants: AffiliateRef[];
  turf: { id: number; code: string; name: string; kind: string; size: number; holder: string | null }[];
  signups: SignupView[];
  results: (ResultCounts & { affiliate: AffiliateRef; recordedAt: string })[];
};

/** A shift of this table and program; unknown ids, or another program's shift, are a 404. */
export function getShiftRow(db: Db | Tx, coalitionId: number, programId: number, shiftId: number) {
  const row = shiftQuery(db)
    .where(and(eq(shifts.id, shiftId), eq(shifts.programId, programId), eq(canvassPrograms.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Shift");
  return row;
}

/** A program's turf units with the affiliate holding each (null: not split yet). */
export function programTurf(db: Db, programId: number) {
  return db
    .select({ id: turfUnits.id, code: turfUnits.code, name: turfUnits.name, kind: turfUnits.kind, size: turfUnits.size, holder: affiliates.name })
    .from(turfUnits)
    .leftJoin(turfAssignments, eq(turfAssignments.turfUnitId, turfUnits.id))
    .leftJoin(affiliates, eq(affiliates.id, turfAssignments.affiliateId))
    .where(eq(turfUnits.programId, programId))
    .orderBy(asc(turfUnits.code))
    .all();
}

/** Host and co-hosts as permission references (for shift.edit). */
export function shiftHosts(shift: Pick<ShiftView, "host" | "coHosts">) {
  return [shift.host, ...shift.coHosts].filter((a): a is AffiliateRef => a !== null).map((a) => ({ partnerId: a.partnerId, affiliateId: a.id }));
}

/** Everything the shift page shows. Volunteers' contact details only to those allowed (signup.contacts). */
export function getShift(db: Db, viewer: Viewer, coalitionId: number, programId: number, shiftId: number): ShiftDetail {
  const program = getProgram(db, coalitionId, programId);
  const [shift] = decorate(db, [getShiftRow(db, coalitionId, programId, shiftId)]);
  const hosts = shiftHosts(shift);
  const turf = programTurf(db, programId);
  const rows = db.select().from(signups).where(eq(signups.shiftId, shiftId)).orderBy(asc(signups.id)).all();
  const refs = affiliateRefs(db, rows.map((r) => r.recruitedByAffiliateId));
  const results = db.select().from(shiftResults).where(eq(shiftResults.shiftId, shiftId)).all();
  const resultRefs = affiliateRefs(db, results.map((r) => r.affiliateId));
  return {
    shift,
    program,
    participants: participants(db, program),
    turf,
    signups: rows.map((r) => {
      const recruitedBy = refs.get(r.recruitedByAffiliateId)!;
      const visible = viewer === "system" || can(viewer, { action: "signup.contacts", coalitionId, hosts, recruiter: { partnerId: recruitedBy.partnerId, affiliateId: recruitedBy.id } }).ok;
      return {
        id: r.id,
        volunteerName: r.volunteerName,
        email: visible ? r.email : null,
        phone: visible ? r.phone : null,
        contactsHidden: !visible,
        recruitedBy,
        cancelledAt: r.cancelledAt,
        attended: r.attended,
        createdAt: r.createdAt,
      };
    }),
    results: results.map((r) => ({ ...pickCounts(r), affiliate: resultRefs.get(r.affiliateId)!, recordedAt: r.recordedAt })),
  };
}

function pickCounts(r: ResultCounts): ResultCounts {
  return Object.fromEntries(RESULT_FIELDS.map((f) => [f, r[f]])) as ResultCounts;
}

// ---------------------------------------------------------------- writing shifts

type Checked = { startsAt: string; endsAt: string; host: AffiliateRef; coHosts: AffiliateRef[] };

/** The checks that need no lock: times in the race's zone, participating hosts, the program's own turf. */
function checkShiftInput(db: Db, program: ProgramDetail, input: ShiftInput): Result<Checked> {
  const times = shiftTimes(input, program.race.timeZone, program.program);
  if (!times.ok) return times;
  const who = participants(db, program);
  const host = who.find((a) => a.id === input.hostAffiliateId);
  if (!host) return refuse("hostAffiliateId", "Choose an affiliate that takes part in this program (its partner is on the sub-table).");
  const coHosts = input.coHostIds.map((id) => who.find((a) => a.id === id));
  if (coHosts.some((c) => !c)) return refuse("coHosts", "Co-hosts must be affiliates taking part in this program.");
  if (input.turfUnitIds.length > 0) {
    const found = db.select({ id: turfUnits.id }).from(turfUnits).where(and(eq(turfUnits.programId, program.program.id), inArray(turfUnits.id, input.turfUnitIds))).all();
    if (found.length !== input.turfUnitIds.length) return refuse("turf", "Choose turf units of this program.");
  }
  return { ok: true, startsAt: times.startsAt, endsAt: times.endsAt, host, coHosts: coHosts as AffiliateRef[] };
}

/**
 * The checks made under the write lock, in the write's transaction: the host's side
 * (fieldSide), turf not worked by an overlapping shift, and rule F7 for a campaign host,
 * asked for the host's partner and every co-host's partner. A refusal writes nothing but
 * the firewall's own audit rows.
 */
function lockedChecks(tx: Tx, actor: Actor, program: ProgramDetail, input: ShiftInput, c: Checked, shiftId: number | null): Result<{ side: "independent" | "coordinated" }> {
  const raceId = program.race.id;
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

/** Schedules a shift on a program. The route checks shift.manage for the host affiliate. */
export function createShift(db: Db, actor: Actor, coalitionId: number, programId: number, input: ShiftInput): Result<{ shift: Shift }> {
  const program = getProgram(db, coalitionId, programId);
  const c = checkShiftInput(db, program, input);
  if (!c.ok) return c;
  return db.transaction(
    (tx) => {
      const ok = lockedChecks(tx, actor, program, input, c, null);
      if (!ok.ok) return ok;
      const shift = tx
        .insert(shifts)
        .values({ programId, createdBy: actor.id, ...shiftValues(input, c, ok.side) })
        .returning()
        .get();
      writeLinks(tx, shift.id, input, c);
      appendAudit(tx, actor, { action: "shift.create", decision: "info", raceId: program.race.id, subjectType: "shift", subjectId: shift.id, detail: `${shift.workType} ${shift.startsAt}` });
      return { ok: true as const, shift };
    },
    { behavior: "immediate" },
  );
}

/**
 * Edits a shift: times, place, capacity, notes, co-hosts, turf. The host stays (a co-host
 * edits, it does not take the shift over). Capacity never drops below the sign-ups already
 * taken. The route checks shift.edit (host or co-host).
 */
export function updateShift(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, input: ShiftInput): Result<{ shift: Shift }> {
  const program = getProgram(db, coalitionId, programId);
  const before = getShiftRow(db, coalitionId, programId, shiftId).shift;
  if (before.cancelledAt) return refuse("_form", "This shift was cancelled; it can no longer be edited.");
  const fixed = { ...input, hostAffiliateId: before.hostAffiliateId ?? input.hostAffiliateId };
  const c = checkShiftInput(db, program, fixed);
  if (!c.ok) return c;
  return db.transaction(
    (tx) => {
      const active = tx.select({ n: sql<number>`count(*)` }).from(signups).where(and(eq(signups.shiftId, shiftId), isNull(signups.cancelledAt))).get()?.n ?? 0;
      if (fixed.capacity < active) return refuse("capacity", `${active} volunteers are signed up, so the capacity cannot be less than ${active}.`);
      const ok = lockedChecks(tx, actor, program, fixed, c, shiftId);
      if (!ok.ok) return ok;
      const shift = tx.update(shifts).set(shiftValues(fixed, c, ok.side)).where(eq(shifts.id, shiftId)).returning().get();
      writeLinks(tx, shiftId, fixed, c);
      appendAudit(tx, actor, { action: "shift.update", decision: "info", raceId: program.race.id, subjectType: "shift", subjectId: shiftId, detail: `${shift.workType} ${shift.startsAt}` });
      return { ok: true as const, shift };
    },
    { behavior: "immediate" },
  );
}

/** Cancels a shift (kept, with its sign-ups, for the record; feeds show it cancelled). The route checks shift.manage for the host. */
export function cancelShift(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, now: Date = new Date()): Result<{ shift: Shift }> {
  const row = getShiftRow(db, coalitionId, programId, shiftId);
  if (row.shift.cancelledAt) return refuse("_form", "This shift is already cancelled.");
  return db.transaction((tx) => {
    const shift = tx.update(shifts).set({ cancelledAt: now.toISOString() }).where(eq(shifts.id, shiftId)).returning().get();
    appendAudit(tx, actor, { action: "shift.cancel", decision: "info", raceId: row.raceId, subjectType: "shift", subjectId: shiftId, detail: shift.startsAt }, now);
    return { ok: true as const, shift };
  });
}

// ---------------------------------------------------------------- sign-ups

export type SignupResult = Result<{ signupId: number }> | (Refusal & { warning: true });

/**
 * Signs a volunteer up, credited to the recruiting affiliate (the route checks
 * signup.create for it). One BEGIN IMMEDIATE transaction holds the write lock from the
 * count to the insert, so two leads signing people up at once (on any connection) can
 * never pass capacity. Inside it too: rules F3/F4 (checkPlacement) and the double-booking
 * warning for the recruiter's own volunteer on an overlapping shift.
 */
export function signUp(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, input: SignupInput, now: Date = new Date()): SignupResult {
  const program = getProgram(db, coalitionId, programId);
  const first = getShiftRow(db, coalitionId, programId, shiftId).shift;
  if (first.cancelledAt) return refuse("_form", "This shift was cancelled.");
  if (Date.parse(first.endsAt) <= now.getTime()) return refuse("_form", "This shift is over; sign-ups are closed.");
  const recruiter = participants(db, program).find((a) => a.id === input.recruitedByAffiliateId);
  if (!recruiter) return refuse("recruitedByAffiliateId", "Choose an affiliate that takes part in this program.");
  const person = { email: input.email, phone: input.phone };
  return db.transaction(
    (tx): SignupResult => {
      // Read again under the lock: an edit or a cancel may have landed since the first look.
      const shift = tx.select().from(shifts).where(eq(shifts.id, shiftId)).get()!;
      if (shift.cancelledAt) return refuse("_form", "This shift was cancelled.");
      const active = tx.select().from(signups).where(and(eq(signups.shiftId, shiftId), isNull(signups.cancelledAt))).all();
      if (active.length >= shift.capacity) return refuse("_form", `This shift is full: ${shift.capacity} of ${shift.capacity} places are taken.`);
      if (active.some((s) => samePerson(s, person))) return refuse("email", `${input.volunteerName} is already signed up for this shift.`);
      if (!input.confirmDouble) {
        const theirs = tx
          .select({ signup: signups, startsAt: shifts.startsAt, endsAt: shifts.endsAt, title: shifts.title, workType: shifts.workType })
          .from(signups)
          .innerJoin(shifts, eq(shifts.id, signups.shiftId))
          .where(and(eq(signups.recruitedByAffiliateId, recruiter.id), isNull(signups.cancelledAt), isNull(shifts.cancelledAt), lt(shifts.startsAt, shift.endsAt), gt(shifts.endsAt, shift.startsAt)))
          .all()
          .filter((o) => o.signup.shiftId !== shiftId && overlaps(o, shift) && samePerson(o.signup, person));
        if (theirs.length > 0) {
          const o = theirs[0];
          return {
            ok: false,
            warning: true,
            field: "email",
            message: `${o.signup.volunteerName} is already booked by ${recruiter.name} on an overlapping shift (${o.title || WORK_TYPE_LABELS[o.workType]}, ${formatSpan(o.startsAt, o.endsAt, program.race.timeZone)}). Tick "Book them anyway" to double-book.`,
          };
        }
      }
      // the recruiting affiliate's own side counts: its volunteers do its work
      const recruiterSide = affiliateSide(tx, recruiter.id, program.race.id);
      if (recruiterSide === "none") return refuse("recruitedByAffiliateId", `${recruiter.name} is a 501(c)(3) and does no partisan field work (firewall rule F1).`);
      if (shift.hostKind === "campaign") {
        const d = checkCampaignCounterparty(tx, actor, { partnerId: recruiter.partnerId, affiliateId: recruiter.id, raceId: program.race.id, counterpartyIsCampaign: true, what: "shift", onDate: localDateOf(shift.startsAt, program.race.timeZone), subjectType: "shift", subjectId: shiftId, field: "recruitedByAffiliateId" });
        if (!d.ok) return refuse("recruitedByAffiliateId", d.message);
      }
      const placed = checkPlacement(tx, actor, {
        coalitionId,
        raceId: program.race.id,
        partnerId: recruiter.partnerId,
        side: shift.side === "coordinated" && recruiterSide === "coordinated" ? "coordinated" : "independent",
        workDate: localDateOf(shift.startsAt, program.race.timeZone),
        person: { email: input.email, name: input.volunteerName },
        subjectType: "signup",
        field: "email",
      });
      if (!placed.ok) return refuse("email", placed.message);
      const row = tx
        .insert(signups)
        .values({ shiftId, volunteerName: input.volunteerName, email: input.email, phone: input.phone, recruitedByAffiliateId: recruiter.id, createdBy: actor.id, createdAt: now.toISOString() })
        .returning({ id: signups.id })
        .get();
      appendAudit(tx, actor, { action: "signup.create", decision: "info", partnerId: recruiter.partnerId, raceId: program.race.id, subjectType: "signup", subjectId: row.id, detail: `shift ${shiftId}` }, now);
      return { ok: true as const, signupId: row.id };
    },
    { behavior: "immediate" },
  );
}

/** A sign-up of this shift, or a 404. */
export function getSignup(db: Db, shiftId: number, signupId: number) {
  const row = db.select().from(signups).where(and(eq(signups.id, signupId), eq(signups.shiftId, shiftId))).get();
  if (!row) throw new NotFoundError("Sign-up");
  const recruiter = affiliateRefs(db, [row.recruitedByAffiliateId]).get(row.recruitedByAffiliateId)!;
  return { ...row, recruiter };
}

/** Cancels a sign-up (the place frees up). The route checks shift.edit or signup.create for the recruiter. */
export function cancelSignup(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, signupId: number, now: Date = new Date()): Result<{ signupId: number }> {
  const row = getShiftRow(db, coalitionId, programId, shiftId);
  const s = getSignup(db, shiftId, signupId);
  if (s.cancelledAt) return refuse("_form", "This sign-up is already cancelled.");
  return db.transaction((tx) => {
    tx.update(signups).set({ cancelledAt: now.toISOString() }).where(eq(signups.id, signupId)).run();
    appendAudit(tx, actor, { action: "signup.cancel", decision: "info", raceId: row.raceId, subjectType: "signup", subjectId: signupId, detail: `shift ${shiftId}` }, now);
    return { ok: true as const, signupId };
  });
}

/** Attendance after the shift has started: attended, no-show, or not taken (null). The route checks shift.edit. */
export function setAttendance(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, signupId: number, attended: boolean | null, now: Date = new Date()): Result<{ signupId: number }> {
  const row = getShiftRow(db, coalitionId, programId, shiftId);
  const s = getSignup(db, shiftId, signupId);
  if (Date.parse(row.shift.startsAt) > now.getTime()) return refuse("_form", "Attendance is taken once the shift has started.");
  if (s.cancelledAt) return refuse("_form", "This sign-up was cancelled.");
  return db.transaction((tx) => {
    tx.update(signups).set({ attended }).where(eq(signups.id, signupId)).run();
    appendAudit(tx, actor, { action: "signup.attendance", decision: "info", partnerId: s.recruiter.partnerId, raceId: row.raceId, subjectType: "signup", subjectId: signupId, detail: attended === null ? "not taken" : attended ? "attended" : "no-show" }, now);
    return { ok: true as const, signupId };
  });
}

// ---------------------------------------------------------------- results

/**
 * Records (or corrects) one affiliate's results for a shift: doors, conversations, calls,
 * contacts, texts. Only after the shift has started, for an affiliate taking part in the
 * program. The route checks shift.edit (host or co-host).
 */
export function recordResults(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, input: ResultsInput, now: Date = new Date()): Result<{ shiftId: number }> {
  const program = getProgram(db, coalitionId, programId);
  const { shift } = getShiftRow(db, coalitionId, programId, shiftId);
  if (shift.cancelledAt) return refuse("_form", "This shift was cancelled.");
  if (Date.parse(shift.startsAt) > now.getTime()) return refuse("_form", "Results are recorded after the shift has started.");
  const affiliate = participants(db, program).find((a) => a.id === input.affiliateId);
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
export function programResults(db: Db, _viewer: Viewer, coalitionId: number, programId: number): ProgramResults {
  const program = getProgram(db, coalitionId, programId);
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

// ---------------------------------------------------------------- week view, my affiliate

export type WeekDay = { date: string; shifts: ShiftView[] };

/**
 * The table's shifts in one week (Monday to Sunday), each placed on its local day in its
 * own race's zone: a 9 PM shift in Arizona is on the day Arizona says, not UTC's.
 */
export function weekShifts(db: Db, _viewer: Viewer, coalitionId: number, weekStart: string): WeekDay[] {
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  // A window wide enough for every US zone (UTC−10 to UTC−4 and more), narrowed per race below.
  const from = `${addDays(weekStart, -1)}T00:00:00.000Z`;
  const to = `${addDays(weekStart, 8)}T23:59:59.999Z`;
  const rows = shiftQuery(db)
    .where(and(eq(canvassPrograms.coalitionId, coalitionId), gt(shifts.startsAt, from), lt(shifts.startsAt, to)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .all()
    .filter((r) => {
      const span = localDaysSpan(dates[0], dates[6], r.timeZone);
      return r.shift.startsAt >= span.from && r.shift.startsAt < span.to;
    });
  const views = decorate(db, rows);
  return dates.map((date) => ({ date, shifts: views.filter((v) => v.localDate === date) }));
}

export type MyAffiliate = {
  affiliate: AffiliateRef;
  units: { id: number; code: string; name: string; kind: string; size: number; programId: number; programName: string; locked: boolean }[];
  shifts: (ShiftView & { role: "host" | "co-host" })[];
  signups: { id: number; volunteerName: string; email: string | null; phone: string | null; attended: boolean | null; shift: ShiftView }[];
  feeds: Pick<CalendarFeed, "id" | "createdAt">[];
};

/** The affiliates a person leads at a table (their "my affiliate" pages). */
export function ledAffiliates(viewer: Principal, coalitionId: number): number[] {
  const ids = viewer.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId).map((g) => g.affiliateId as number);
  return [...new Set(ids)].filter((id) => (viewer.partnerSeats[viewer.affiliatePartner[id]] ?? []).includes(coalitionId));
}

/** For a lead: each affiliate they lead with its turf units, shifts (hosted or co-hosted) and recruited sign-ups, at this table. */
export function myAffiliate(db: Db, viewer: Principal, coalitionId: number, now: Date = new Date()): MyAffiliate[] {
  const ids = ledAffiliates(viewer, coalitionId);
  const refs = affiliateRefs(db, ids);
  return ids
    .filter((id) => refs.has(id))
    .map((id) => {
      const units = db
        .select({ id: turfUnits.id, code: turfUnits.code, name: turfUnits.name, kind: turfUnits.kind, size: turfUnits.size, programId: canvassPrograms.id, programName: canvassPrograms.name, locked: turfAssignments.locked })
        .from(turfAssignments)
        .innerJoin(turfUnits, eq(turfUnits.id, turfAssignments.turfUnitId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, turfUnits.programId))
        .where(and(eq(turfAssignments.affiliateId, id), eq(canvassPrograms.coalitionId, coalitionId)))
        .orderBy(asc(canvassPrograms.id), asc(turfUnits.code))
        .all();
      const coHosted = db.select({ shiftId: shiftCoHosts.shiftId }).from(shiftCoHosts).where(eq(shiftCoHosts.affiliateId, id)).all().map((r) => r.shiftId);
      const shiftRows = shiftQuery(db)
        .where(and(eq(canvassPrograms.coalitionId, coalitionId), coHosted.length ? sql`(${shifts.hostAffiliateId} = ${id} or ${inArray(shifts.id, coHosted)})` : eq(shifts.hostAffiliateId, id)))
        .orderBy(asc(shifts.startsAt), asc(shifts.id))
        .all();
      const mine = decorate(db, shiftRows).map((s) => ({ ...s, role: (s.hostAffiliateId === id ? "host" : "co-host") as "host" | "co-host" }));
      const recruited = db
        .select({ signup: signups, shiftId: shifts.id })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId))
        .where(and(eq(signups.recruitedByAffiliateId, id), isNull(signups.cancelledAt), eq(canvassPrograms.coalitionId, coalitionId), gt(shifts.endsAt, addDays(now.toISOString().slice(0, 10), -14))))
        .orderBy(asc(shifts.startsAt), asc(signups.id))
        .all();
      const signupShifts = new Map(decorate(db, recruited.length ? shiftQuery(db).where(inArray(shifts.id, [...new Set(recruited.map((r) => r.shiftId))])).all() : []).map((s) => [s.id, s]));
      return {
        affiliate: refs.get(id)!,
        units,
        shifts: mine,
        signups: recruited.map((r) => ({ id: r.signup.id, volunteerName: r.signup.volunteerName, email: r.signup.email, phone: r.signup.phone, attended: r.signup.attended, shift: signupShifts.get(r.shiftId)! })),
        feeds: listFeeds(db, { affiliateId: id }),
      };
    });
}

// ---------------------------------------------------------------- calendar feeds

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Live feeds of an affiliate or a program (their tokens are never stored, only hashes). */
export function listFeeds(db: Db, of: { affiliateId: number } | { programId: number }) {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and("affiliateId" in of ? eq(calendarFeeds.affiliateId, of.affiliateId) : eq(calendarFeeds.programId, of.programId), isNull(calendarFeeds.revokedAt)))
    .orderBy(asc(calendarFeeds.id))
    .all();
}

/**
 * A subscribable calendar URL's token for an affiliate's shifts or a program's. The token
 * is shown once; only its SHA-256 is kept. The route checks who may (the affiliate's
 * manager; for a program, the facilitator or a participating affiliate's manager).
 */
export function createFeed(db: Db, actor: Actor, of: { affiliateId: number } | { programId: number }, now: Date = new Date()): { ok: true; token: string; feedId: number } {
  const token = randomBytes(24).toString("base64url");
  return db.transaction((tx) => {
    const row = tx
      .insert(calendarFeeds)
      .values({
        tokenHash: hashToken(token),
        scope: "affiliateId" in of ? "affiliate" : "program",
        affiliateId: "affiliateId" in of ? of.affiliateId : null,
        programId: "programId" in of ? of.programId : null,
        createdBy: actor.id,
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    appendAudit(tx, actor, { action: "calendar.create", decision: "info", subjectType: "calendarFeed", subjectId: row.id, detail: `${row.scope} ${row.affiliateId ?? row.programId}` }, now);
    return { ok: true as const, token, feedId: row.id };
  });
}

/** Revokes a feed of this affiliate or program (its URL stops working at once); other ids are a 404. */
export function revokeFeed(db: Db, actor: Actor, of: { affiliateId: number } | { programId: number }, feedId: number, now: Date = new Date()): Result<{ feedId: number }> {
  const feed = db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId)).get();
  const matches = feed && ("affiliateId" in of ? feed.affiliateId === of.affiliateId : feed.programId === of.programId);
  if (!feed || !matches) throw new NotFoundError("Calendar feed");
  if (feed.revokedAt) return refuse("_form", "This feed is already revoked.");
  return db.transaction((tx) => {
    tx.update(calendarFeeds).set({ revokedAt: now.toISOString() }).where(eq(calendarFeeds.id, feedId)).run();
    appendAudit(tx, actor, { action: "calendar.revoke", decision: "info", subjectType: "calendarFeed", subjectId: feedId, detail: feed.scope }, now);
    return { ok: true as const, feedId };
  });
}

/**
 * The iCalendar text behind a feed token, or null for an unknown or revoked token. For the
 * affiliate's own volunteers: times, place, call link, host, notes; never sign-ups.
 */
export function feedCalendar(db: Db, token: string, now: Date = new Date()): string | null {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return null;
  const feed = db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token))).get();
  if (!feed || feed.revokedAt) return null;
  let rows: { shift: Shift; timeZone: string; raceId: number; programName: string }[] = [];
  let name = "Shifts";
  if (feed.scope === "affiliate" && feed.affiliateId) {
    const a = affiliateRefs(db, [feed.affiliateId]).get(feed.affiliateId);
    if (!a) return null;
    name = `${a.name}: shifts`;
    const coHosted = db.select({ shiftId: shiftCoHosts.shiftId }).from(shiftCoHosts).where(eq(shiftCoHosts.affiliateId, a.id)).all().map((r) => r.shiftId);
    rows = shiftQuery(db)
      .where(coHosted.length ? sql`(${shifts.hostAffiliateId} = ${a.id} or ${inArray(shifts.id, coHosted)})` : eq(shifts.hostAffiliateId, a.id))
      .orderBy(asc(shifts.startsAt))
      .all();
  } else if (feed.scope === "program" && feed.programId) {
    const p = db.select({ name: canvassPrograms.name }).from(canvassPrograms).where(eq(canvassPrograms.id, feed.programId)).get();
    if (!p) return null;
    name = `${p.name}: shifts`;
    rows = shiftQuery(db).where(eq(shifts.programId, feed.programId)).orderBy(asc(shifts.startsAt)).all();
  }
  const events: CalendarEvent[] = decorate(db, rows).map((s) => ({
    uid: `shift-${s.id}@coalition-table`,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    summary: `${s.title || WORK_TYPE_LABELS[s.workType]}${s.host ? ` (${[s.host, ...s.coHosts].map((h) => h.name).join(", ")})` : ""}`,
    description: [
      `${WORK_TYPE_LABELS[s.workType]} for ${s.programName}.`,
      `${s.when}.`,
      s.callLink ? `Call link: ${s.callLink}` : "",
      s.notes,
    ]
      .filter(Boolean)
      .join("\n"),
    location: s.location ?? s.callLink,
    cancelled: s.cancelledAt !== null,
  }));
  return buildCalendar({ name, events, now });
}

// ---------------------------------------------------------------- CSV exports

export type ExportKind = "shifts" | "signups" | "results";
export type ExportRecipient = "member" | "vendor" | "campaign";

/**
 * A program's shifts, sign-ups or results as CSV, for a named kind of recipient. A campaign
 * recipient is rule F7's business: every member on the sub-table is asked (its field work
 * is in the file), each decision audited, and one refusal refuses the export. Contact
 * details in the sign-ups file follow signup.contacts for the person exporting.
 */
export function exportCsv(db: Db, actor: Principal, coalitionId: number, programId: number, q: { kind: ExportKind; recipient: ExportRecipient }, now: Date = new Date()): Result<{ csv: string; filename: string }> {
  const program = getProgram(db, coalitionId, programId);
  const who = participants(db, program);
  const partnerIds = [...new Set(who.map((a) => a.partnerId))];
  const gate = db.transaction((tx): Result<object> => {
    for (const partnerId of partnerIds) {
      const d = checkCampaignCounterparty(tx, actor, { partnerId, raceId: program.race.id, counterpartyIsCampaign: q.recipient === "campaign", what: "export", onDate: now.toISOString().slice(0, 10), subjectType: "canvassProgram", subjectId: programId, field: "recipient" });
      if (!d.ok) return refuse("recipient", d.message);
    }
    appendAudit(tx, actor, { action: "field.export", decision: "info", raceId: program.race.id, subjectType: "canvassProgram", subjectId: programId, detail: `${q.kind} for a ${q.recipient}` }, now);
    return { ok: true };
  });
  if (!gate.ok) return gate;
  const list = listShifts(db, actor, coalitionId, programId);
  const filename = `program-${programId}-${q.kind}.csv`;
  if (q.kind === "shifts") {
    return {
      ok: true,
      filename,
      csv: csv(
        ["shift_id", "work_type", "title", "starts_local", "ends_local", "time_zone", "starts_utc", "ends_utc", "host", "co_hosts", "host_kind", "campaign_host", "side", "capacity", "signed_up", "location", "call_link", "turf_unit_ids", "notes", "cancelled_at"],
        list.map((s) => [s.id, s.workType, s.title, s.startsLocal, s.endsLocal, s.timeZone, s.startsAt, s.endsAt, s.host?.name, s.coHosts.map((c) => c.name).join("; "), s.hostKind, s.campaignHost, s.side, s.capacity, s.signedUp, s.location, s.callLink, s.turfUnitIds.join(" "), s.notes, s.cancelledAt]),
      ),
    };
  }
  if (q.kind === "signups") {
    const rows = list.flatMap((s) => getShift(db, actor, coalitionId, programId, s.id).signups.map((u) => [s.id, s.startsLocal, s.timeZone, u.volunteerName, u.email ?? (u.contactsHidden ? "(hidden)" : ""), u.phone ?? (u.contactsHidden ? "(hidden)" : ""), u.recruitedBy.name, u.attended === null ? "" : u.attended ? "yes" : "no", u.cancelledAt]));
    return { ok: true, filename, csv: csv(["shift_id", "starts_local", "time_zone", "volunteer", "email", "phone", "recruited_by", "attended", "cancelled_at"], rows) };
  }
  const r = programResults(db, actor, coalitionId, programId);
  const perAffiliate = db
    .select({ res: shiftResults, name: affiliates.name })
    .from(shiftResults)
    .innerJoin(shifts, eq(shifts.id, shiftResults.shiftId))
    .innerJoin(affiliates, eq(affiliates.id, shiftResults.affiliateId))
    .where(and(eq(shifts.programId, programId), isNull(shifts.cancelledAt)))
    .orderBy(asc(shifts.startsAt), asc(affiliates.name))
    .all();
  const when = new Map(r.byShift.map((s) => [s.shiftId, s]));
  return {
    ok: true,
    filename,
    csv: csv(
      ["shift_id", "local_date", "work_type", "affiliate", ...RESULT_FIELDS],
      perAffiliate.map((p) => [p.res.shiftId, when.get(p.res.shiftId)?.localDate, when.get(p.res.shiftId)?.workType, p.name, ...RESULT_FIELDS.map((f) => p.res[f])]),
    ),
  };
}


export type { ProgramResults, ShiftView };
