import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { calendarFeeds, canvassPrograms, shifts } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { buildCalendar, type CalendarEvent } from "~/domain/ical";
import { NotFoundError, refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { affiliateRefs, hostedBy, shiftQuery, shiftViews, type ShiftRow } from "./shift-rows.server";

/**
 * Calendar feeds: a subscribable iCalendar URL of an affiliate's shifts (hosted or
 * co-hosted) or of a program's. The token is shown once; only its SHA-256 is stored, and
 * revoking a feed stops it at once. A feed is for the affiliate's own volunteers: times,
 * places, call links, hosts and notes, never who signed up.
 */

/** Whose shifts a feed carries. */
export type FeedOwner = { affiliateId: number } | { programId: number };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Live feeds of an affiliate or a program (their tokens are never stored, only hashes). The route checks who may see them. */
export function listFeeds(db: Db, _viewer: Viewer, input: FeedOwner) {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and("affiliateId" in input ? eq(calendarFeeds.affiliateId, input.affiliateId) : eq(calendarFeeds.programId, input.programId), isNull(calendarFeeds.revokedAt)))
    .orderBy(asc(calendarFeeds.id))
    .all();
}

/**
 * A subscribable calendar URL's token for an affiliate's shifts or a program's. The token
 * is shown once; only its SHA-256 is kept. The route checks who may (the affiliate's
 * manager; for a program, the facilitator or a participating affiliate's manager).
 */
export function createFeed(db: Db, actor: Actor, of: FeedOwner, now: Date = new Date()): { ok: true; token: string; feedId: number } {
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
export function revokeFeed(db: Db, actor: Actor, input: FeedOwner & { feedId: number }, now: Date = new Date()): Result<{ feedId: number }> {
  const { feedId } = input;
  const feed = db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId)).get();
  const matches = feed && ("affiliateId" in input ? feed.affiliateId === input.affiliateId : feed.programId === input.programId);
  if (!feed || !matches) throw new NotFoundError("Calendar feed");
  if (feed.revokedAt) return refuse("_form", "This feed is already revoked.");
  return db.transaction((tx) => {
    tx.update(calendarFeeds).set({ revokedAt: now.toISOString() }).where(eq(calendarFeeds.id, feedId)).run();
    appendAudit(tx, actor, { action: "calendar.revoke", decision: "info", subjectType: "calendarFeed", subjectId: feedId, detail: feed.scope }, now);
    return { ok: true as const, feedId };
  });
}

/**
 * The iCalendar text behind a feed token, or null for an unknown or revoked token. A
 * calendar app signs in as nobody: the token is the credential, and the route reads as
 * "system". For the affiliate's own volunteers: times, place, call link, host, notes; never
 * sign-ups.
 */
export function feedCalendar(db: Db, _viewer: Viewer, { token, now = new Date() }: { token: string; now?: Date }): string | null {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return null;
  const feed = db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token))).get();
  if (!feed || feed.revokedAt) return null;
  let rows: ShiftRow[] = [];
  let name = "Shifts";
  if (feed.scope === "affiliate" && feed.affiliateId) {
    const a = affiliateRefs(db, [feed.affiliateId]).get(feed.affiliateId);
    if (!a) return null;
    name = `${a.name}: shifts`;
    rows = shiftQuery(db).where(hostedBy(db, a.id)).orderBy(asc(shifts.startsAt)).all();
  } else if (feed.scope === "program" && feed.programId) {
    const p = db.select({ name: canvassPrograms.name }).from(canvassPrograms).where(eq(canvassPrograms.id, feed.programId)).get();
    if (!p) return null;
    name = `${p.name}: shifts`;
    rows = shiftQuery(db).where(eq(shifts.programId, feed.programId)).orderBy(asc(shifts.startsAt)).all();
  }
  const events: CalendarEvent[] = shiftViews(db, rows).map((s) => ({
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
