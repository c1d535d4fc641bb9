import { shiftHosts, type AffiliateRef, type ShiftView } from "~/domain/field-views";
import type { SignupSource } from "~/domain/vocabulary";
import { and, asc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { shifts, signups } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { can } from "~/domain/permissions";
import { overlaps, samePerson, type SignupInput } from "~/domain/shift-forms";
import { formatSpan, localDateOf } from "~/domain/zoned-time";
import { NotFoundError, refuse, type Refusal, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import { checkPolicyForAct, checkPolicyForShiftAct } from "./policy-gate.server";
import { affiliateSide, checkCampaignCounterparty, checkPlacement, type Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { remoteShiftRefusal } from "~/domain/remote-work";
import { affiliateRefs, shiftRow, shiftViews } from "./shift-rows.server";
import { cancelPendingMail, enqueueMail } from "./outbox.server";
import { shiftFacts } from "./public-shifts.server";
import { signupReleased } from "~/domain/mail";

/**
 * Sign-ups for shifts: a volunteer credited to the affiliate that recruited them, under the
 * shift's capacity (BEGIN IMMEDIATE, so the count and the insert cannot interleave across
 * connections), the firewall's placement rules, cancelling and attendance.
 */

type ShiftRef = ProgramRef & { shiftId: number };

export type SignupView = {
  id: number;
  volunteerName: string;
  /** null when the viewer may not see contact details (signup.contacts). */
  email: string | null;
  phone: string | null;
  contactsHidden: boolean;
  recruitedBy: AffiliateRef;
  /** "public": the volunteer signed up on a public shift page (issue 14). */
  source: SignupSource;
  /** Held for the recruiting lead's review: the wall roster matched the volunteer's email. */
  held: boolean;
  /** Why, only to the recruiting affiliate's lead (and rep) and its partner's counsel; else null. */
  holdReason: string | null;
  cancelledAt: string | null;
  attended: boolean | null;
  createdAt: string;
};

type SignupRow = typeof signups.$inferSelect;

/**
 * Sign-up rows as views, volunteers' email and phone only to those allowed (signup.contacts:
 * the shift's hosts, the recruiter, the facilitator); others see names. Decided row by row.
 */
function signupViews(db: Db, viewer: Viewer, coalitionId: number, rows: SignupRow[], hostsOf: (shiftId: number) => { partnerId: number; affiliateId: number }[]): SignupView[] {
  const refs = affiliateRefs(db, rows.map((r) => r.recruitedByAffiliateId), { always: true });
  return rows.map((r) => {
    const recruitedBy = refs.get(r.recruitedByAffiliateId)!;
    const visible = viewer === "system" || can(viewer, { action: "signup.contacts", coalitionId, hosts: hostsOf(r.shiftId), recruiter: { partnerId: recruitedBy.partnerId, affiliateId: recruitedBy.id } }).ok;
    const reviews =
      r.holdReason !== null &&
      (viewer === "system" ||
        can(viewer, { action: "signup.create", coalitionId, partnerId: recruitedBy.partnerId, affiliateId: recruitedBy.id }).ok ||
        can(viewer, { action: "firewall.manage", partnerId: recruitedBy.partnerId }).ok);
    return {
      id: r.id,
      volunteerName: r.volunteerName,
      email: visible ? r.email : null,
      phone: visible ? r.phone : null,
      contactsHidden: !visible,
      recruitedBy,
      source: r.source,
      held: r.holdReason !== null,
      holdReason: reviews ? r.holdReason : null,
      cancelledAt: r.cancelledAt,
      attended: r.attended,
      createdAt: r.createdAt,
    };
  });
}

/**
 * The sign-ups of some shifts of a table (cancelled ones too), by shift, in the order they
 * were taken: for a batch of shifts (the exports read them a batch at a time). Contact
 * details as signup.contacts allows, row by row.
 */
export function listSignups(db: Db, viewer: Viewer, { coalitionId, shifts: list }: { coalitionId: number; shifts: Pick<ShiftView, "id" | "host" | "coHosts">[] }): Map<number, SignupView[]> {
  const out = new Map<number, SignupView[]>(list.map((s) => [s.id, []]));
  const rows = db.select().from(signups).where(inArray(signups.shiftId, list.map((s) => s.id))).orderBy(asc(signups.shiftId), asc(signups.id)).all();
  const hostsOf = new Map(list.map((s) => [s.id, shiftHosts(s)]));
  signupViews(db, viewer, coalitionId, rows, (id) => hostsOf.get(id)!).forEach((v, i) => out.get(rows[i].shiftId)!.push(v));
  return out;
}

/** A shift's first sign-ups (at most `limit`, in the order taken, cancelled ones too) and how many it has. */
export function shiftSignups(db: Db, viewer: Viewer, { coalitionId, shift, limit }: { coalitionId: number; shift: Pick<ShiftView, "id" | "host" | "coHosts">; limit: number }): { rows: SignupView[]; total: number } {
  const rows = db.select().from(signups).where(eq(signups.shiftId, shift.id)).orderBy(asc(signups.id)).limit(limit).all();
  const total = db.select({ n: sql<number>`count(*)` }).from(signups).where(eq(signups.shiftId, shift.id)).get()?.n ?? 0;
  const hosts = shiftHosts(shift);
  return { rows: signupViews(db, viewer, coalitionId, rows, () => hosts), total };
}

export type SignupResult = Result<{ signupId: number }> | (Refusal & { warning: true });

/**
 * Signs a volunteer up, credited to the recruiting affiliate (the route checks
 * signup.create for it). One BEGIN IMMEDIATE transaction holds the write lock from the
 * count to the insert, so two leads signing people up at once (on any connection) can
 * never pass capacity. Inside it too: rules F3/F4 (checkPlacement) and the double-booking
 * warning for the recruiter's own volunteer on an overlapping shift.
 */
export function signUp(db: Db, actor: Actor, input: ShiftRef & SignupInput, now: Date = new Date()): SignupResult {
  const { coalitionId, shiftId } = input;
  const program = getProgram(db, "system", input);
  const first = shiftRow(db, input).shift;
  if (first.cancelledAt) return refuse("_form", "This shift was cancelled.");
  if (Date.parse(first.endsAt) <= now.getTime()) return refuse("_form", "This shift is over; sign-ups are closed.");
  const recruiter = programAffiliates(db, "system", program).find((a) => a.id === input.recruitedByAffiliateId);
  if (!recruiter) return refuse("recruitedByAffiliateId", "Choose an affiliate that takes part in this program.");
  const away = remoteShiftRefusal(recruiter, program.race.state, first, "recruit for");
  if (away) return refuse("recruitedByAffiliateId", away);
  const person = { email: input.email, phone: input.phone };
  return db.transaction(
    (tx): SignupResult => {
      // rule F6 on the act: the person signing volunteers up has acknowledged the recruiting member's policy
      const f6 = checkPolicyForAct(tx, actor, { coalitionId, partnerId: recruiter.partnerId, raceId: program.race.id, act: "signup", subjectType: "shift", subjectId: shiftId, now });
      if (!f6.ok) return f6;
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

/** A sign-up of this shift with its recruiting affiliate, or a 404 (the route checks who may act on it). */
export function getSignup(db: Db, _viewer: Viewer, { shiftId, signupId }: { shiftId: number; signupId: number }) {
  const row = db.select().from(signups).where(and(eq(signups.id, signupId), eq(signups.shiftId, shiftId))).get();
  if (!row) throw new NotFoundError("Sign-up");
  const recruiter = affiliateRefs(db, [row.recruitedByAffiliateId]).get(row.recruitedByAffiliateId)!;
  return { ...row, recruiter };
}

/** Cancels a sign-up (the place frees up). The route checks shift.edit or signup.create for the recruiter. */
export function cancelSignup(db: Db, actor: Actor, input: ShiftRef & { signupId: number }, now: Date = new Date()): Result<{ signupId: number }> {
  const { shiftId, signupId } = input;
  const row = shiftRow(db, input);
  const s = getSignup(db, "system", input);
  if (s.cancelledAt) return refuse("_form", "This sign-up is already cancelled.");
  return db.transaction((tx) => {
    tx.update(signups).set({ cancelledAt: now.toISOString() }).where(eq(signups.id, signupId)).run();
    cancelPendingMail(tx, { signupId });
    // a volunteer who signed up on the public page hears of it (a held one too: no reason given)
    if (s.source === "public" && s.email) enqueueMail(tx, { ...signupReleased(shiftFacts(shiftViews(tx, [row])[0]), { email: s.email, name: s.volunteerName }), signupId, shiftId }, now);
    appendAudit(tx, actor, { action: s.holdReason ? "signup.release" : "signup.cancel", decision: "info", raceId: row.raceId, subjectType: "signup", subjectId: signupId, detail: `shift ${shiftId}` }, now);
    return { ok: true as const, signupId };
  });
}

/**
 * The recruiting lead confirms a held sign-up: the wall roster is checked again under the lock
 * (rules F3/F4) and passes only when the wall has ended or counsel recorded an override (F9).
 * The route checks signup.create for the recruiter.
 */
export function confirmHeld(db: Db, actor: Actor, input: ShiftRef & { signupId: number }, now: Date = new Date()): Result<{ signupId: number }> {
  const row = shiftRow(db, input);
  const s = getSignup(db, "system", input);
  if (!s.holdReason) return refuse("_form", "This sign-up is not held.");
  if (s.cancelledAt) return refuse("_form", "This sign-up was cancelled.");
  return db.transaction(
    (tx) => {
      const recruiterSide = affiliateSide(tx, s.recruiter.id, row.raceId);
      const placed = checkPlacement(tx, actor, {
        coalitionId: input.coalitionId,
        raceId: row.raceId,
        partnerId: s.recruiter.partnerId,
        side: row.shift.side === "coordinated" && recruiterSide === "coordinated" ? "coordinated" : "independent",
        workDate: localDateOf(row.shift.startsAt, row.timeZone),
        person: { email: s.email, name: s.volunteerName },
        subjectType: "signup",
        subjectId: s.id,
      });
      if (!placed.ok) return refuse("_form", placed.message);
      tx.update(signups).set({ holdReason: null }).where(eq(signups.id, s.id)).run();
      appendAudit(tx, actor, { action: "signup.confirm", decision: "info", partnerId: s.recruiter.partnerId, raceId: row.raceId, subjectType: "signup", subjectId: s.id, detail: `shift ${input.shiftId}` }, now);
      return { ok: true as const, signupId: s.id };
    },
    { behavior: "immediate" },
  );
}

/** Attendance after the shift has started: attended, no-show, or not taken (null). The route checks shift.edit. */
export function setAttendance(db: Db, actor: Actor, input: ShiftRef & { signupId: number; attended: boolean | null }, now: Date = new Date()): Result<{ signupId: number }> {
  const { signupId, attended } = input;
  const row = shiftRow(db, input);
  const s = getSignup(db, "system", input);
  if (Date.parse(row.shift.startsAt) > now.getTime()) return refuse("_form", "Attendance is taken once the shift has started.");
  if (s.cancelledAt) return refuse("_form", "This sign-up was cancelled.");
  return db.transaction((tx) => {
    // rule F6 on the act: the person taking attendance has acknowledged the policy of each member they host for here
    const f6 = checkPolicyForShiftAct(tx, actor, { coalitionId: input.coalitionId, shiftId: input.shiftId, raceId: row.raceId, act: "attendance", now });
    if (!f6.ok) return f6;
    tx.update(signups).set({ attended }).where(eq(signups.id, signupId)).run();
    appendAudit(tx, actor, { action: "signup.attendance", decision: "info", partnerId: s.recruiter.partnerId, raceId: row.raceId, subjectType: "signup", subjectId: signupId, detail: attended === null ? "not taken" : attended ? "attended" : "no-show" }, now);
    return { ok: true as const, signupId };
  }, { behavior: "immediate" });
}
