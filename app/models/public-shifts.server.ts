import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, shiftLinks, shifts, signups, signupTokens } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { refuse, type Result } from "~/domain/errors";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { shiftHosts, type ShiftView } from "~/domain/field-views";
import { shiftName, signupCancelled, signupConfirmation, type ShiftFacts } from "~/domain/mail";
import { can } from "~/domain/permissions";
import { publicPlace, PUBLIC_SIGNUPS_PER_HOUR, type PublicSignupInput } from "~/domain/public-shift-forms";
import { localDateOf } from "~/domain/zoned-time";
import { appendAudit } from "./audit.server";
import { checkPolicyForShiftAct } from "./policy-gate.server";
import { affiliateSide, checkPlacement } from "./firewall.server";
import { cancelPendingMail, enqueueMail } from "./outbox.server";
import { notifyShiftSignup } from "./notifications.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { affiliateRefs, shiftQuery, shiftRow, shiftViews } from "./shift-rows.server";
import { ensureEventLinks } from "./event-pages.server";

/**
 * Public shift pages (issue 14): hosts publish a shift; each participating affiliate gets its
 * own share link (a sign-up through it is credited to that affiliate) and a plain link credits
 * the host. A volunteer signs up with no account, under the capacity rule (one IMMEDIATE
 * transaction), and gets a confirmation with an .ics and a single-use cancel link. The wall
 * roster is checked by email: a match is held for the recruiting lead's review, never refused
 * on the public page. What a stranger sees is the shift's own logistics, nothing more.
 */

type ShiftRef = ProgramRef & { shiftId: number };
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const token = () => randomBytes(18).toString("base64url");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The public facts of a shift: what the page and the volunteer's mail say. */
export function shiftFacts(s: ShiftView): ShiftFacts {
  return {
    shiftId: s.id,
    workLabel: WORK_TYPE_LABELS[s.workType],
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    when: s.when,
    place: publicPlace(s),
    hosts: [s.host, ...s.coHosts].filter((a) => a !== null).map((a) => a.name),
  };
}

export type ShareLink = { affiliateId: number | null; name: string; token: string };

/**
 * Publishes a shift (or takes it down): the plain link and one per participating affiliate
 * that does partisan field work (a 501(c)(3) recruits for none, rule F1). Publishing again adds
 * links for affiliates that joined since. A campaign-hosted shift is never public. Publishing
 * also makes the program's event page links (`ensureEventLinks`). `series`: every shift of this
 * shift's series that is still to come, not cancelled and that this person hosts, at once: rule
 * F6 checked once for the act, one IMMEDIATE transaction, one audit row per shift. The route
 * checks shift.edit on this shift.
 */
export function publishShift(db: Db, actor: Actor, input: ShiftRef & { publish: boolean; series?: readonly number[] }, now: Date = new Date()): Result<{ published: boolean; count: number }> {
  const row = shiftRow(db, input);
  if (input.publish) {
    if (row.shift.hostKind === "campaign") return refuse("_form", "A shift a campaign hosts is not published to a public page.");
    if (row.shift.cancelledAt) return refuse("_form", "This shift was cancelled.");
    if (Date.parse(row.shift.endsAt) <= now.getTime()) return refuse("_form", "This shift is over.");
  }
  const mine = new Set(input.series ?? []);
  const targets = input.series ? seriesTargets(db, "system", { coalitionId: input.coalitionId, shiftId: input.shiftId, seriesId: row.shift.seriesId, now }).map((v) => v.id).filter((id) => mine.has(id)) : [input.shiftId];
  if (targets.length === 0) return refuse("_form", "This shift is not part of a series.");
  const program = getProgram(db, "system", input);
  const recruiters = input.publish ? programAffiliates(db, "system", program).filter((a) => affiliateSide(db, a.id, program.race.id) !== "none") : [];
  return db.transaction(
    (tx) => {
      // rule F6 on the act: the person publishing has acknowledged the policy of each member they host for here
      const f6 = checkPolicyForShiftAct(tx, actor, { coalitionId: input.coalitionId, shiftId: input.shiftId, raceId: row.raceId, act: "shift", now });
      if (!f6.ok) return f6;
      const wanted = [0, ...recruiters.map((a) => a.id)];
      for (const shiftId of targets) {
        const was = shiftId === input.shiftId ? row.shift.publishedAt : (tx.select({ p: shifts.publishedAt }).from(shifts).where(eq(shifts.id, shiftId)).get()?.p ?? null);
        tx.update(shifts).set({ publishedAt: input.publish ? (was ?? now.toISOString()) : null }).where(eq(shifts.id, shiftId)).run();
        if (input.publish) {
          const have = new Set(tx.select({ a: shiftLinks.affiliateId }).from(shiftLinks).where(eq(shiftLinks.shiftId, shiftId)).all().map((l) => l.a ?? 0));
          for (const id of wanted.filter((id) => !have.has(id))) tx.insert(shiftLinks).values({ shiftId, affiliateId: id || null, token: token(), createdAt: now.toISOString() }).run();
        }
        const detail = input.series ? `the series of shift ${input.shiftId}` : undefined;
        appendAudit(tx, actor, { action: input.publish ? "shift.publish" : "shift.unpublish", decision: "info", raceId: row.raceId, subjectType: "shift", subjectId: shiftId, detail }, now);
      }
      if (input.publish) ensureEventLinks(tx, input.programId, wanted, now);
      return { ok: true as const, published: input.publish, count: targets.length };
    },
    { behavior: "immediate" },
  );
}

/**
 * The shifts of a series one "publish all" acts on: still to come, not cancelled, hosted by an
 * affiliate, and hosted by this person (shift.edit on each). A series is at most SERIES_MAX
 * shifts: one query and the batched decoration.
 */
export function seriesTargets(db: Db | Tx, viewer: Viewer, { coalitionId, seriesId, now = new Date() }: { coalitionId: number; shiftId: number; seriesId: number | null; now?: Date }): ShiftView[] {
  if (seriesId === null) return [];
  const rows = shiftQuery(db)
    .where(and(eq(shifts.seriesId, seriesId), isNull(shifts.cancelledAt), eq(shifts.hostKind, "affiliate"), gt(shifts.endsAt, now.toISOString())))
    .orderBy(shifts.startsAt, shifts.id)
    .all();
  return shiftViews(db, rows).filter((v) => viewer === "system" || can(viewer, { action: "shift.edit", coalitionId, hosts: shiftHosts(v) }).ok);
}

/**
 * A published shift's share links this person may hand out: all of them for the shift's hosts
 * (shift.edit), else those of the affiliates they recruit for (signup.create).
 */
export function shareLinks(db: Db, viewer: Viewer, { coalitionId, shift }: { coalitionId: number; shift: Pick<ShiftView, "id" | "host" | "coHosts"> }): ShareLink[] {
  const rows = db.select().from(shiftLinks).where(eq(shiftLinks.shiftId, shift.id)).orderBy(shiftLinks.id).all();
  const refs = affiliateRefs(db, rows.map((r) => r.affiliateId).filter((a): a is number => a !== null), { always: true });
  const hosts = viewer === "system" || can(viewer, { action: "shift.edit", coalitionId, hosts: shiftHosts(shift) }).ok;
  return rows
    .filter((r) => {
      if (hosts) return true;
      const a = r.affiliateId === null ? null : refs.get(r.affiliateId);
      return !!a && can(viewer as Exclude<Viewer, "system">, { action: "signup.create", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok;
    })
    .map((r) => ({ affiliateId: r.affiliateId, name: r.affiliateId === null ? `Plain link (credits ${shift.host?.name ?? "the host"})` : refs.get(r.affiliateId)!.name, token: r.token }));
}

export type PublicShift = {
  facts: ShiftFacts;
  workType: ShiftView["workType"];
  capacity: number;
  placesLeft: number;
  state: "open" | "full" | "cancelled" | "over";
  /** Who the link credits (shown to the volunteer as "invited by"). */
  invitedBy: string;
};

type Opened = { link: typeof shiftLinks.$inferSelect; view: ShiftView; recruiterId: number; recruiterPartnerId: number; coalitionId: number };

function openLink(db: Db | Tx, shareToken: string): Opened | null {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(shareToken)) return null;
  const link = db.select().from(shiftLinks).where(eq(shiftLinks.token, shareToken)).get();
  if (!link) return null;
  const row = shiftQuery(db).where(eq(shifts.id, link.shiftId)).get();
  if (!row || !row.shift.publishedAt || row.shift.hostKind !== "affiliate") return null;
  const [view] = shiftViews(db, [row]);
  const recruiter = link.affiliateId === null ? view.host : link.affiliateId === view.host?.id ? view.host : (affiliateRefs(db, [link.affiliateId], { always: true }).get(link.affiliateId) ?? null);
  if (!recruiter) return null;
  const program = db.select({ coalitionId: canvassPrograms.coalitionId }).from(canvassPrograms).where(eq(canvassPrograms.id, row.shift.programId)).get()!;
  return { link, view, recruiterId: recruiter.id, recruiterPartnerId: recruiter.partnerId, coalitionId: program.coalitionId };
}

/** The public page of a share link, or null (unknown token, or the shift is not published): a 404. */
export function publicShift(db: Db, _viewer: Viewer, { shareToken, now = new Date() }: { shareToken: string; now?: Date }): PublicShift | null {
  const o = openLink(db, shareToken);
  if (!o) return null;
  const v = o.view;
  const state = v.cancelledAt ? "cancelled" : Date.parse(v.startsAt) <= now.getTime() ? "over" : v.seatsLeft <= 0 ? "full" : "open";
  const invitedBy = (o.link.affiliateId === null ? v.host : [v.host, ...v.coHosts].find((a) => a?.id === o.recruiterId)) ?? affiliateRefs(db, [o.recruiterId], { always: true }).get(o.recruiterId)!;
  return { facts: shiftFacts(v), workType: v.workType, capacity: v.capacity, placesLeft: Math.max(0, v.seatsLeft), state, invitedBy: invitedBy!.name };
}

export type PublicSignupResult = Result<{ cancelToken: string; signupId: number }>;

/**
 * A volunteer signs up through a share link, credited to the link's affiliate. In one BEGIN
 * IMMEDIATE transaction: the shift is read again, open and not full (held sign-ups hold their
 * place), the same email not already on it, the per-address limit, the wall roster by email
 * (rules F3/F4: a match is held for the recruiting lead, with the reason only they and counsel
 * see; the volunteer's page and mail are the same as anyone's), the insert, the confirmation
 * mail queued. `links.base`: the site's origin, for the cancel link.
 */
/** `actor`: null, the volunteer on the public page (no account). */
export function publicSignUp(db: Db, actor: Actor | null, input: PublicSignupInput & { shareToken: string; base: string }, now: Date = new Date()): PublicSignupResult {
  return db.transaction(
    (tx): PublicSignupResult => {
      const o = openLink(tx, input.shareToken);
      if (!o) return refuse("_form", "This sign-up link no longer works.");
      const v = o.view;
      if (v.cancelledAt) return refuse("_form", "This shift was cancelled.");
      if (Date.parse(v.startsAt) <= now.getTime()) return refuse("_form", "This shift has started; sign-ups are closed.");
      const active = tx.select({ email: signups.email, phone: signups.phone }).from(signups).where(and(eq(signups.shiftId, v.id), isNull(signups.cancelledAt))).all();
      if (active.length >= v.capacity) return refuse("_form", "This shift is full.");
      if (active.some((s) => s.email === input.email)) return refuse("email", "This email is already signed up for this shift: look for the confirmation in your inbox.");
      const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
      const recent = tx.select({ n: sql<number>`count(*)` }).from(signups).where(and(eq(signups.email, input.email), gt(signups.createdAt, hourAgo), eq(signups.source, "public"))).get()?.n ?? 0;
      if (recent >= PUBLIC_SIGNUPS_PER_HOUR) return refuse("email", "Too many sign-ups from this email address in the last hour. Try again later.");
      const recruiterSide = affiliateSide(tx, o.recruiterId, v.raceId);
      const placed = checkPlacement(tx, actor, {
        coalitionId: o.coalitionId,
        raceId: v.raceId,
        partnerId: o.recruiterPartnerId,
        side: v.side === "coordinated" && recruiterSide === "coordinated" ? "coordinated" : "independent",
        workDate: localDateOf(v.startsAt, v.timeZone),
        person: { email: input.email, name: input.volunteerName },
        subjectType: "signup",
      });
      const cancelToken = token();
      const row = tx
        .insert(signups)
        .values({
          shiftId: v.id,
          volunteerName: input.volunteerName,
          email: input.email,
          phone: input.phone,
          recruitedByAffiliateId: o.recruiterId,
          createdBy: null,
          createdAt: now.toISOString(),
          source: "public",
          cancelTokenHash: sha256(cancelToken),
          holdReason: placed.ok ? null : placed.message,
        })
        .returning({ id: signups.id })
        .get();
      appendAudit(tx, actor, { action: placed.ok ? "signup.create" : "signup.hold", decision: "info", partnerId: o.recruiterPartnerId, raceId: v.raceId, subjectType: "signup", subjectId: row.id, detail: `shift ${v.id}, public page` }, now);
      const to = { email: input.email, name: input.volunteerName };
      const mail = signupConfirmation(shiftFacts(v), to, { cancel: `${input.base}/volunteer/${cancelToken}` }, now);
      if (v.callLink) mail.text += `\n\nThe meeting link: ${v.callLink}`;
      enqueueMail(tx, { ...mail, signupId: row.id, shiftId: v.id }, now);
      const recruiterName = affiliateRefs(tx, [o.recruiterId]).get(o.recruiterId)?.name ?? "";
      notifyShiftSignup(tx, { coalitionId: o.coalitionId, programId: v.programId, shiftId: v.id, hostAffiliateId: v.hostAffiliateId, shiftName: shiftName(shiftFacts(v)), when: v.when, volunteerName: input.volunteerName, recruiter: recruiterName, placesLeft: v.capacity - active.length - 1 }, now);
      return { ok: true as const, cancelToken, signupId: row.id };
    },
    { behavior: "immediate" },
  );
}

export type VolunteerSignup = { facts: ShiftFacts; volunteerName: string; cancelledAt: string | null; over: boolean; shiftCancelled: boolean };

/**
 * Another single-use cancel link for a sign-up (a reminder's): a fresh secret, its hash stored
 * beside the confirmation's. Any of them cancels once; after that each says it is already done.
 */
export function addCancelToken(tx: Tx, signupId: number, now: Date = new Date()): string {
  const cancelToken = token();
  tx.insert(signupTokens).values({ signupId, tokenHash: sha256(cancelToken), createdAt: now.toISOString() }).run();
  return cancelToken;
}

function byCancelToken(db: Db | Tx, cancelToken: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(cancelToken)) return null;
  const hash = sha256(cancelToken);
  const s =
    db.select().from(signups).where(eq(signups.cancelTokenHash, hash)).get() ??
    db.select({ s: signups }).from(signupTokens).innerJoin(signups, eq(signups.id, signupTokens.signupId)).where(eq(signupTokens.tokenHash, hash)).get()?.s;
  if (!s) return null;
  const row = shiftQuery(db).where(eq(shifts.id, s.shiftId)).get()!;
  return { signup: s, view: shiftViews(db, [row])[0] };
}

/** The volunteer's own page (the confirmation, and the cancel button), by the secret in their link; null: a 404. Never says whether the sign-up is held. */
export function volunteerSignup(db: Db, _viewer: Viewer, { cancelToken, now = new Date() }: { cancelToken: string; now?: Date }): VolunteerSignup | null {
  const found = byCancelToken(db, cancelToken);
  if (!found) return null;
  const { signup, view } = found;
  return { facts: shiftFacts(view), volunteerName: signup.volunteerName, cancelledAt: signup.cancelledAt, over: Date.parse(view.startsAt) <= now.getTime(), shiftCancelled: view.cancelledAt !== null };
}

/** The volunteer cancels with their link: once (the second time says it is already cancelled); the place frees up, pending reminders are dropped, a note is queued. */
export function cancelByToken(db: Db, actor: Actor | null, { cancelToken }: { cancelToken: string }, now: Date = new Date()): Result<{ signupId: number }> | null {
  return db.transaction(
    (tx) => {
      const found = byCancelToken(tx, cancelToken);
      if (!found) return null;
      const { signup, view } = found;
      if (signup.cancelledAt) return refuse("_form", "This sign-up is already cancelled: the link works once.");
      if (Date.parse(view.startsAt) <= now.getTime()) return refuse("_form", "This shift has started; tell the hosts instead.");
      tx.update(signups).set({ cancelledAt: now.toISOString() }).where(eq(signups.id, signup.id)).run();
      cancelPendingMail(tx, { signupId: signup.id });
      appendAudit(tx, actor, { action: "signup.cancel", decision: "info", raceId: view.raceId, subjectType: "signup", subjectId: signup.id, detail: `shift ${view.id}, by the volunteer's link` }, now);
      if (signup.email) enqueueMail(tx, { ...signupCancelled(shiftFacts(view), { email: signup.email, name: signup.volunteerName }), signupId: signup.id, shiftId: view.id }, now);
      return { ok: true as const, signupId: signup.id };
    },
    { behavior: "immediate" },
  );
}
