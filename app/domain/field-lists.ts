import { TURF_KINDS, WORK_TYPES, type TurfKind, type WorkType } from "./vocabulary";
import type { Cursor } from "./keyset";

/**
 * The bounded field lists (issue 11): the filters of a program's shift list and of the turf
 * picker, read from a URL's query, and the calendar feed's window. Pure: no I/O.
 *
 * Bad input never fails a page: an unknown value is dropped and named in `ignored`, so the
 * page can say so next to the filters.
 */

export type ShiftWhen = "upcoming" | "past";

export type ShiftListFilters = {
  when: ShiftWhen;
  workType: WorkType | null;
  /** One host affiliate (hosting or co-hosting), one of the program's. */
  host: number | null;
  /** Only the shifts of the affiliates this person manages. */
  mine: boolean;
  /** Query parameters whose values were not understood (and were dropped). */
  ignored: string[];
};

const POSITIVE_ID = /^[1-9]\d{0,15}$/;

/** `?when=upcoming|past&type=<work type>&host=<affiliate id>&mine=1`, checked against the program's affiliates. */
export function shiftListFilters(q: URLSearchParams, hostIds: readonly number[]): ShiftListFilters {
  const ignored: string[] = [];
  const when = q.get("when");
  const type = q.get("type");
  const host = q.get("host");
  const mine = q.get("mine");
  if (when && when !== "upcoming" && when !== "past") ignored.push("when");
  if (type && !(WORK_TYPES as readonly string[]).includes(type)) ignored.push("type");
  const hostId = host && POSITIVE_ID.test(host) && hostIds.includes(Number(host)) ? Number(host) : null;
  if (host && hostId === null) ignored.push("host");
  if (mine && mine !== "1" && mine !== "on") ignored.push("mine");
  return {
    when: when === "past" ? "past" : "upcoming",
    workType: type && (WORK_TYPES as readonly string[]).includes(type) ? (type as WorkType) : null,
    host: hostId,
    mine: mine === "1" || mine === "on",
    ignored,
  };
}

/**
 * A shift's sort key in a cursor: [startsAt, id]. Anything else (a cursor of another list,
 * a hand-edited one) reads as the first page.
 */
export function shiftCursor(cursor: Cursor | null): (Cursor & { key: readonly [string, number] }) | null {
  if (!cursor || cursor.key.length !== 2) return null;
  const [at, id] = cursor.key;
  if (typeof at !== "string" || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) || typeof id !== "number" || !Number.isInteger(id)) return null;
  return { dir: cursor.dir, key: [at, id] };
}

export type TurfFilters = {
  kind: TurfKind | null;
  /** A county, a district or a precinct, as the turf file names it. */
  area: string | null;
  /** The start of a unit's code, as written (e.g. "PA-00"). */
  code: string | null;
  ignored: string[];
};

/** The turf picker's filters: `?turfKind=&turfArea=&turfCode=` (trimmed; at most 60 characters). */
export function turfFilters(q: URLSearchParams): TurfFilters {
  const ignored: string[] = [];
  const kind = q.get("turfKind");
  const text = (name: string) => {
    const v = (q.get(name) ?? "").trim();
    if (v.length > 60) {
      ignored.push(name);
      return null;
    }
    return v || null;
  };
  if (kind && !(TURF_KINDS as readonly string[]).includes(kind)) ignored.push("turfKind");
  return {
    kind: kind && (TURF_KINDS as readonly string[]).includes(kind) ? (kind as TurfKind) : null,
    area: text("turfArea"),
    code: text("turfCode"),
    ignored,
  };
}

/** A turf unit's sort key in a cursor: [code, id]. */
export function turfCursor(cursor: Cursor | null): (Cursor & { key: readonly [string, number] }) | null {
  if (!cursor || cursor.key.length !== 2) return null;
  const [code, id] = cursor.key;
  if (typeof code !== "string" || typeof id !== "number" || !Number.isInteger(id)) return null;
  return { dir: cursor.dir, key: [code, id] };
}

/**
 * The calendar feed's window: shifts starting from 30 days ago to 180 days ahead. A calendar
 * app keeps what it has already seen; older shifts fall out of the feed, never out of the app.
 */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;

export function feedWindow(now: Date): { from: string; to: string } {
  const day = 86_400_000;
  return { from: new Date(now.getTime() - FEED_DAYS_BACK * day).toISOString(), to: new Date(now.getTime() + FEED_DAYS_AHEAD * day).toISOString() };
}

/** What the feed says about its window (X-WR-CALDESC). */
export function feedWindowText(): string {
  return `Shifts starting from ${FEED_DAYS_BACK} days ago to ${FEED_DAYS_AHEAD} days ahead; older shifts drop out of this feed.`;
}

/** The longest a shift lasts (shiftTimes refuses longer): an upcoming shift started at most this long ago. */
export const SHIFT_MAX_MS = 24 * 3_600_000;
