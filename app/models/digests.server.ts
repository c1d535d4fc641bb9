import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { digestSettings, notifications, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { DEFAULT_DIGEST_HOUR, digestMail, nextDigestAt } from "~/domain/notifications";
import { localDateOf } from "~/domain/zoned-time";
import type { Principal } from "~/domain/permissions";
import { enqueueMail } from "./outbox.server";
import { tokenFor } from "./notifications.server";

/**
 * The daily digest (issue 14): each person chooses the hour and the time zone (UTC unless
 * set). `digest_settings.nextAt` holds when their digest is next due; the queue worker, before
 * each pass, takes the people whose time has come (along digest_settings_next), mails each one
 * digest of what waited for it, and moves their time on by a day. So a digest goes out once a
 * day at the chosen hour, and what arrives after it waits for the next day's.
 */

/** The most people one pass looks at (the rest wait for the next pass, seconds later). */
const BATCH = 200;

export type DigestTime = { hour: number; timeZone: string; nextAt: string | null };

/** This person's digest hour and zone (the default: 12:00 UTC). */
export function digestTime(db: Db, viewer: Principal): DigestTime {
  const row = db.select().from(digestSettings).where(eq(digestSettings.userId, viewer.id)).get();
  return row ? { hour: row.hour, timeZone: row.timeZone, nextAt: row.nextAt } : { hour: DEFAULT_DIGEST_HOUR, timeZone: "UTC", nextAt: null };
}

/** Saves the hour and zone; the next digest is due at the next such hour. */
export function setDigestTime(db: Db, actor: Actor, input: { hour: number; timeZone: string }, now: Date = new Date()): void {
  const nextAt = nextDigestAt(input.hour, input.timeZone, now);
  db.insert(digestSettings)
    .values({ userId: actor.id, hour: input.hour, timeZone: input.timeZone, nextAt })
    .onConflictDoUpdate({ target: digestSettings.userId, set: { hour: input.hour, timeZone: input.timeZone, nextAt } })
    .run();
}

/** Sends the digests now due; returns how many were queued. */
export function sendDigests(db: Db, now: Date = new Date()): number {
  const due = db.select().from(digestSettings).where(lte(digestSettings.nextAt, now.toISOString())).orderBy(asc(digestSettings.nextAt)).limit(BATCH).all();
  if (due.length === 0) return 0;
  const ids = due.map((d) => d.userId);
  const waiting = db
    .select()
    .from(notifications)
    .where(and(eq(notifications.pending, "digest"), inArray(notifications.userId, ids), lte(notifications.createdAt, now.toISOString())))
    .orderBy(notifications.userId, notifications.id)
    .all();
  const byUser = new Map<number, typeof waiting>();
  for (const n of waiting) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
  const people = new Map(db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, [...byUser.keys(), 0])).all().map((u) => [u.id, u]));
  let sent = 0;
  db.transaction(
    (tx) => {
      for (const d of due) {
        // read again under the write lock: another process may have sent this one a moment ago
        const still = tx.select({ nextAt: digestSettings.nextAt }).from(digestSettings).where(eq(digestSettings.userId, d.userId)).get();
        if (!still || still.nextAt !== d.nextAt) continue;
        tx.update(digestSettings).set({ nextAt: nextDigestAt(d.hour, d.timeZone, now) }).where(eq(digestSettings.userId, d.userId)).run();
        const list = byUser.get(d.userId);
        const p = people.get(d.userId);
        if (!list || !p) continue;
        const date = localDateOf(d.nextAt, d.timeZone);
        const mail = digestMail(list, { email: p.email, name: p.name }, tokenFor(tx, d.userId), date);
        if (enqueueMail(tx, { ...mail, dedupeKey: `digest:${d.userId}:${date}` }, now) === null) continue;
        sent++;
        tx.update(notifications).set({ pending: null, emailedAt: now.toISOString() }).where(inArray(notifications.id, list.map((n) => n.id))).run();
      }
    },
    { behavior: "immediate" },
  );
  return sent;
}
