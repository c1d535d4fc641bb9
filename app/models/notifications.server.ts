import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, candidates, digestSettings, notificationPrefs, notifications, partners, races, roleGrants, unsubscribeTokens, users } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { refuse, type Result } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { DEFAULT_DIGEST_HOUR, nextDigestAt, notificationMail, type NotificationFacts } from "~/domain/notifications";
import type { SubTableChange } from "~/domain/critical-mass";
import type { Principal } from "~/domain/permissions";
import { NOTIFICATION_KINDS, type NotificationKind, type NotifyMode } from "~/domain/vocabulary";
import { enqueueMail } from "./outbox.server";

/**
 * Notifications to people at the table (issue 14): a row in each recipient's inbox, and by
 * email as each chose for the kind (at once, in the daily digest, or not). Written in the
 * transaction of the change that causes them; the mail goes through the outbox.
 */

export type Tx = Pick<Db, "select" | "insert" | "update">;

export function tokenFor(tx: Tx, userId: number): string {
  const have = tx.select({ token: unsubscribeTokens.token }).from(unsubscribeTokens).where(eq(unsubscribeTokens.userId, userId)).get();
  if (have) return have.token;
  const token = randomBytes(18).toString("base64url");
  tx.insert(unsubscribeTokens).values({ userId, token }).run();
  return token;
}

/** Puts a notification in each person's inbox and mails it to those who want it at once. */
export function notify(tx: Tx, userIds: readonly number[], n: NotificationFacts & { coalitionId: number | null }, now: Date = new Date()): number {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const people = tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids)).all();
  const modes = new Map(tx.select().from(notificationPrefs).where(and(inArray(notificationPrefs.userId, ids), eq(notificationPrefs.kind, n.kind))).all().map((p) => [p.userId, p.mode]));
  for (const p of people) {
    const mode = modes.get(p.id) ?? "instant";
    tx.insert(notifications)
      .values({ userId: p.id, kind: n.kind, coalitionId: n.coalitionId, title: n.title, body: n.body, link: n.link, ics: n.ics ?? null, createdAt: now.toISOString(), emailedAt: mode === "instant" ? now.toISOString() : null, pending: mode === "digest" ? "digest" : null })
      .run();
    // a person's first digest notification sets when their digest is due (the default hour, UTC)
    if (mode === "digest") tx.insert(digestSettings).values({ userId: p.id, hour: DEFAULT_DIGEST_HOUR, timeZone: "UTC", nextAt: nextDigestAt(DEFAULT_DIGEST_HOUR, "UTC", now) }).onConflictDoNothing().run();
    if (mode === "instant") enqueueMail(tx, notificationMail(n, { email: p.email, name: p.name }, tokenFor(tx, p.id)), now);
  }
  return people.length;
}

/** The people who act for these partners at this table (representatives), and its facilitators. */
export function repsOf(tx: Tx, coalitionId: number, partnerIds: readonly number[]): number[] {
  return tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(isNull(roleGrants.revokedAt), sql`(${roleGrants.role} = 'partner_rep' and (${roleGrants.coalitionId} = ${coalitionId} or ${roleGrants.coalitionId} is null) and ${inArray(roleGrants.partnerId, [...partnerIds, 0])}) or (${roleGrants.role} = 'facilitator' and ${roleGrants.coalitionId} = ${coalitionId})`))
    .all()
    .map((r) => r.userId);
}

/** Inside a stance's transaction: a sub-table formed, or a partner joined or left one. */
export function notifySubTable(tx: Tx, q: { coalitionId: number; candidateId: number; subCoalitionId: number; change: SubTableChange; members: readonly number[] }, now: Date = new Date()): number {
  if (q.change.kind === "none") return 0;
  const c = tx.select({ name: candidates.name, office: races.office, state: races.state, district: races.district }).from(candidates).innerJoin(races, eq(races.id, candidates.raceId)).where(eq(candidates.id, q.candidateId)).get()!;
  const race = `${c.state}${c.district ? `-${c.district}` : ""}`;
  const link = `/tables/${q.coalitionId}/sub-tables/${q.subCoalitionId}`;
  const names = (ids: readonly number[]) => tx.select({ name: partners.name }).from(partners).where(inArray(partners.id, [...ids])).orderBy(partners.name).all().map((p) => p.name);
  if (q.change.kind === "form") {
    return notify(tx, repsOf(tx, q.coalitionId, q.change.members), { kind: "sub_table_formed", coalitionId: q.coalitionId, title: `A sub-table formed for ${c.name} (${race})`, body: `Endorsing: ${names(q.change.members).join(", ")}.`, link }, now);
  }
  const [who] = names([q.change.partnerId]);
  const joined = q.change.kind === "join";
  return notify(tx, repsOf(tx, q.coalitionId, [...q.members, q.change.partnerId]), { kind: "sub_table_changed", coalitionId: q.coalitionId, title: `${who} ${joined ? "joined" : "left"} the sub-table for ${c.name} (${race})`, body: "", link }, now);
}

/** Inside a public sign-up's transaction: the host affiliate's leads hear of it. */
export function notifyShiftSignup(tx: Tx, q: { coalitionId: number; programId: number; shiftId: number; hostAffiliateId: number | null; shiftName: string; when: string; volunteerName: string; recruiter: string; placesLeft: number }, now: Date = new Date()): number {
  if (q.hostAffiliateId === null) return 0;
  const leads = tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .where(and(isNull(roleGrants.revokedAt), eq(roleGrants.role, "affiliate_lead"), eq(roleGrants.affiliateId, q.hostAffiliateId)))
    .all()
    .map((r) => r.userId);
  return notify(
    tx,
    leads,
    { kind: "shift_signups", coalitionId: q.coalitionId, title: `${q.volunteerName} signed up for ${q.shiftName}`, body: `${q.when}. Through ${q.recruiter}'s link; ${q.placesLeft} place${q.placesLeft === 1 ? "" : "s"} left.`, link: `/tables/${q.coalitionId}/programs/${q.programId}/shifts/${q.shiftId}` },
    now,
  );
}

// ---------------------------------------------------------------- the inbox

export type InboxRow = { id: number; kind: NotificationKind; title: string; body: string; link: string | null; createdAt: string; read: boolean };
export type Inbox = KeysetPage<InboxRow> & { unread: number; total: number };

/** How many notifications this person has not read (the layout's count): one indexed count. */
export function unreadCount(db: Db, viewer: Principal): number {
  return db.select({ n: sql<number>`count(*)` }).from(notifications).where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt))).get()?.n ?? 0;
}

/** A page of this person's own notifications, newest first (keyset on the id along notifications_user). */
export function inbox(db: Db, viewer: Principal, input: { cursor?: Cursor | null; limit?: number } = {}): Inbox {
  const limit = input.limit ?? PAGE_SIZE;
  const cursor = input.cursor && typeof input.cursor.key[0] === "number" ? input.cursor : null;
  const forwards = cursor?.dir !== "before";
  const rows = db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, viewer.id), cursor ? (forwards ? lt(notifications.id, cursor.key[0] as number) : sql`${notifications.id} > ${cursor.key[0]}`) : undefined))
    .orderBy(forwards ? desc(notifications.id) : notifications.id)
    .limit(limit + 1)
    .all();
  const page = keysetPage(rows, limit, cursor, (r) => [r.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(notifications).where(eq(notifications.userId, viewer.id)).get()?.n ?? 0;
  return {
    ...page,
    rows: page.rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.createdAt, read: r.readAt !== null })),
    unread: unreadCount(db, viewer),
    total,
  };
}

/** Marks every notification of this person read. */
export function markAllRead(db: Db, actor: Actor, now: Date = new Date()): void {
  db.update(notifications).set({ readAt: now.toISOString() }).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt))).run();
}

/** This person's setting for each kind (at once unless chosen otherwise). */
export function preferences(db: Db, viewer: Principal): Record<NotificationKind, NotifyMode> {
  const set = new Map(db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, viewer.id)).all().map((p) => [p.kind, p.mode]));
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, set.get(k) ?? "instant"])) as Record<NotificationKind, NotifyMode>;
}

/** Saves this person's settings (the kinds given). */
export function setPreferences(db: Db, actor: Actor, modes: Partial<Record<NotificationKind, NotifyMode>>): void {
  db.transaction((tx) => {
    for (const [kind, mode] of Object.entries(modes) as [NotificationKind, NotifyMode][]) {
      tx.insert(notificationPrefs).values({ userId: actor.id, kind, mode }).onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.kind], set: { mode } }).run();
    }
  });
}

/** The one-click unsubscribe: by the secret in the mail's link, one kind (or "all") set to inbox only. Null: an unknown link. */
/** `actor`: null, whoever holds the link (no sign-in). */
export function unsubscribe(db: Db, actor: Actor | null, { token, kind }: { token: string; kind: string }): Result<{ kinds: NotificationKind[] }> | null {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const owner = db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.token, token)).get();
  if (!owner) return null;
  const kinds = kind === "all" ? [...NOTIFICATION_KINDS] : (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? [kind as NotificationKind] : null;
  if (!kinds) return refuse("_form", "This link names no kind of email.");
  // the link's holder acts for its owner: the owner's settings change, whoever follows it
  setPreferences(db, { id: owner.userId, name: actor?.name ?? "" }, Object.fromEntries(kinds.map((k) => [k, "off"])));
  return { ok: true as const, kinds };
}

/** Whether an unsubscribe link is known (for its page). */
export function unsubscribeKnown(db: Db, _viewer: Viewer, { token }: { token: string }): boolean {
  return /^[A-Za-z0-9_-]{10,64}$/.test(token) && !!db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.token, token)).get();
}

export { sendDigests } from "./digests.server";
