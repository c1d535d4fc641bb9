import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { calendarFeeds, canvassPrograms, shiftCoHosts, shifts } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { CALENDAR_END, calendarEvents, calendarHead, type CalendarEvent } from "~/domain/ical";
import { feedWindow, feedWindowText } from "~/domain/field-lists";
import { formatSpan } from "~/domain/zoned-time";
import { NotFoundError, refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { affiliateRefs, groupBy, hostedBy, shiftQuery, type ShiftRow } from "./shift-rows.server";

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

/** Shifts a feed reads per statement: the feed is written a batch at a time. */
export const FEED_BATCH = 500;

export type OpenFeed = { name: string; description: string; chunks: Iterable<string> };

/**
 * The calendar behind a feed token, or null for an unknown or revoked token. A calendar app
 * signs in as nobody: the token is the credential, and the route reads as "system". For the
 * affiliate's own volunteers: times, place, call link, host, notes; never sign-ups.
 *
 * Windowed and streamed (DESIGN.md "Scale"): only shifts starting from FEED_DAYS_BACK days
 * ago to FEED_DAYS_AHEAD ahead (the calendar says so in X-WR-CALDESC), read FEED_BATCH at a
 * time by keyset on (startsAt, id) as the response is written, so memory stays constant
 * whatever the history. `chunks` is lazy: nothing past the token is read until it is iterated.
 */
export function openFeed(db: Db, _viewer: Viewer, { token, now = new Date() }: { token: string; now?: Date }): OpenFeed | null {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return null;
  const feed = db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token))).get();
  if (!feed || feed.revokedAt) return null;
  let name: string;
  let owner: SQL;
  if (feed.scope === "affiliate" && feed.affiliateId) {
    const a = affiliateRefs(db, [feed.affiliateId]).get(feed.affiliateId);
    if (!a) return null;
    name = `${a.name}: shifts`;
    owner = hostedBy(db, a.id);
  } else if (feed.scope === "program" && feed.programId) {
    const p = db.select({ name: canvassPrograms.name }).from(canvassPrograms).where(eq(canvassPrograms.id, feed.programId)).get();
    if (!p) return null;
    name = `${p.name}: shifts`;
    owner = eq(shifts.programId, feed.programId);
  } else return null;
  const window = feedWindow(now);
  const description = feedWindowText();
  function* chunks() {
    yield calendarHead({ name, description });
    let after: [string, number] | null = null;
    for (;;) {
      const rows = feedBatch(db, owner, window, after);
      yield calendarEvents(feedEvents(db, rows), now);
      if (rows.length < FEED_BATCH) break;
      const last = rows[rows.length - 1].shift;
      after = [last.startsAt, last.id];
    }
    yield CALENDAR_END;
  }
  return { name, description, chunks: { [Symbol.iterator]: chunks } };
}

/** One batch of a feed's shifts in its window, after a key, in (startsAt, id) order. */
export function feedBatch(db: Db, owner: SQL, window: { from: string; to: string }, after: readonly [string, number] | null): ShiftRow[] {
  return feedQuery(db, owner, window, after).all();
}

/** The query behind feedBatch (exported for the query-plan test). */
export function feedQuery(db: Db, owner: SQL, window: { from: string; to: string }, after: readonly [string, number] | null) {
  return shiftQuery(db)
    .where(and(owner, gte(shifts.startsAt, window.from), lt(shifts.startsAt, window.to), after ? sql`(${shifts.startsAt}, ${shifts.id}) > (${after[0]}, ${after[1]})` : undefined))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .limit(FEED_BATCH);
}

/** A batch of shift rows as calendar events: hosts and co-hosts by two batched queries, nothing else. */
function feedEvents(db: Db, rows: ShiftRow[]): CalendarEvent[] {
  const co = groupBy(db.select().from(shiftCoHosts).where(inArray(shiftCoHosts.shiftId, rows.map((r) => r.shift.id))).all(), (c) => c.shiftId);
  const refs = affiliateRefs(db, [...rows.map((r) => r.shift.hostAffiliateId).filter((x): x is number => x !== null), ...[...co.values()].flat().map((c) => c.affiliateId)], { always: true });
  return rows.map(({ shift: s, timeZone, programName }) => {
    const host = s.hostAffiliateId ? refs.get(s.hostAffiliateId) : undefined;
    const coHosts = (co.get(s.id) ?? []).map((c) => refs.get(c.affiliateId)).filter((a): a is NonNullable<typeof a> => !!a).sort((a, b) => a.name.localeCompare(b.name));
    return {
      uid: `shift-${s.id}@coalition-table`,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      summary: `${s.title || WORK_TYPE_LABELS[s.workType]}${host ? ` (${[host, ...coHosts].map((h) => h.name).join(", ")})` : ""}`,
      description: [`${WORK_TYPE_LABELS[s.workType]} for ${programName}.`, `${formatSpan(s.startsAt, s.endsAt, timeZone)}.`, s.callLink ? "Meeting link: on the shift's page, for its hosts and recruiters." : "", s.notes].filter(Boolean).join("\n"),
      // a feed is a URL anyone holding it reads: the meeting link stays on the shift's page (issue 13)
      location: s.location ?? (s.callLink ? "Online" : null),
      cancelled: s.cancelledAt !== null,
    };
  });
}

/** The whole calendar behind a feed token as one string (tests; the route streams `openFeed`'s chunks), or null. */
export function feedCalendar(db: Db, viewer: Viewer, input: { token: string; now?: Date }): string | null {
  const feed = openFeed(db, viewer, input);
  return feed ? [...feed.chunks].join("") : null;
}
