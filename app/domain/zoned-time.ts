/**
 * Wall-clock times in an IANA time zone ↔ UTC instants, with Intl only (no dependency).
 * Shifts are stored as UTC instants and shown and entered in the race's zone. Pure: no
 * clock is read here.
 *
 * Daylight-saving transitions are handled explicitly:
 * - a gap (a local time that never happens, e.g. 02:30 on the spring-forward night in New
 *   York) is refused with a message, never silently moved;
 * - an overlap (a local time that happens twice, e.g. 01:30 on the fall-back night) takes
 *   the earlier instant unless told otherwise, and says it was ambiguous.
 */

/** "YYYY-MM-DDTHH:mm", what an <input type="datetime-local"> sends (seconds tolerated and dropped). */
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number };

/** Parses a local date-time; null when it is not one (Feb 30, 25:00 and the like included). */
export function parseLocal(value: string): LocalParts | null {
  const m = LOCAL_RE.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || year < 1900 || year > 2200) return null;
  return { year, month, day, hour, minute };
}

export function isLocalDateTime(value: string): boolean {
  return parseLocal(value) !== null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function formatLocal(p: LocalParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is this an IANA time zone the runtime knows? */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

function wallParts(instant: number, timeZone: string): LocalParts & { second: number } {
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? "0");
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const w = wallParts(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The wall-clock time of a UTC instant in a zone, as "YYYY-MM-DDTHH:mm". */
export function utcToLocal(instant: Date | string, timeZone: string): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const off = zoneOffset(ms, timeZone);
  if (off === null) return formatLocal(wallParts(ms, timeZone));
  return new Date(Math.floor(ms / 60_000) * 60_000 + off * 60_000).toISOString().slice(0, 16);
}

/** The calendar date (YYYY-MM-DD) of a UTC instant in a zone. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  return utcToLocal(instant, timeZone).slice(0, 10);
}

export type ToUtc =
  | { ok: true; instant: Date; iso: string; ambiguous: boolean }
  | { ok: false; reason: "invalid" | "gap"; message: string };

/**
 * The UTC instant of a wall-clock time in a zone. Every offset the zone uses within a day
 * of the time is tried; the candidates that map back to the same wall clock are the
 * answers: none is a DST gap (refused), two is an overlap (`prefer` picks; earlier by default).
 */
export function localToUtc(local: string, timeZone: string, prefer: "earlier" | "later" = "earlier"): ToUtc {
  const p = parseLocal(local);
  if (!p) return { ok: false, reason: "invalid", message: "Enter a date and time (YYYY-MM-DDTHH:mm)." };
  if (!isTimeZone(timeZone)) return { ok: false, reason: "invalid", message: `Unknown time zone ${timeZone}.` };
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  const offsets = new Set([-36, -12, 0, 12, 36].map((h) => offsetMinutes(naive + h * 3_600_000, timeZone)));
  const wanted = formatLocal(p);
  const found = [...new Set([...offsets].map((o) => naive - o * 60_000))].filter((t) => formatLocal(wallParts(t, timeZone)) === wanted).sort((a, b) => a - b);
  if (found.length === 0) {
    return {
      ok: false,
      reason: "gap",
      message: `${wanted.replace("T", " ")} does not exist in ${timeZone}: the clocks skip it for daylight saving time. Choose a time after the change.`,
    };
  }
  const t = prefer === "later" ? found[found.length - 1] : found[0];
  const instant = new Date(t);
  return { ok: true, instant, iso: instant.toISOString(), ambiguous: found.length > 1 };
}

/**
 * An Intl.DateTimeFormat for a zone and options, built once and kept: building one costs far
 * more than formatting with it, and pages format a time per shift (issue 11 traced three
 * quarters of the shifts loader's time to building formatters). Zones and option sets are
 * few, so the cache stays small; it is bounded anyway.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const FORMATTERS_MAX = 500;
export function formatterFor(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    if (FORMATTERS.size >= FORMATTERS_MAX) FORMATTERS.clear();
    f = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
    FORMATTERS.set(key, f);
  }
  return f;
}

/** The zone's short name at an instant ("EST", "EDT", "MST"); falls back to "UTC−05:00". */
export function zoneAbbreviation(instant: Date | string, timeZone: string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  const off = zoneOffset(d.getTime(), timeZone);
  if (off === null) return zoneName(d, timeZone);
  // a zone's name follows its offset (EST at -300, EDT at -240): found once per zone and offset
  const key = `${timeZone}|${off}`;
  let name = ABBREVIATIONS.get(key);
  if (name === undefined) {
    name = zoneName(d, timeZone);
    if (ABBREVIATIONS.size >= 1000) ABBREVIATIONS.clear();
    ABBREVIATIONS.set(key, name);
  }
  return name;
}
const ABBREVIATIONS = new Map<string, string>();

function zoneName(d: Date, timeZone: string): string {
  const name = formatterFor(timeZone, { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value;
  if (name && !/^GMT[+-]/.test(name)) return name;
  const o = offsetMinutes(d, timeZone);
  return `UTC${o < 0 ? "−" : "+"}${pad(Math.floor(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`;
}

/** "Sun, Nov 1, 2026, 1:30 AM EST": how a shift's time reads on a page, in the race's zone. */
export function formatInZone(instant: Date | string, timeZone: string, opts: { date?: boolean; zone?: boolean } = {}): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  const fast = wallText(d.getTime(), timeZone, opts.date !== false);
  if (fast !== null) return opts.zone === false ? fast : `${fast} ${zoneAbbreviation(d, timeZone)}`;
  const time = formatterFor(timeZone, {
    ...(opts.date === false ? {} : { weekday: "short", month: "short", day: "numeric", year: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
  }).format(d);
  return opts.zone === false ? time : `${time} ${zoneAbbreviation(d, timeZone)}`;
}

/** "1:30 AM – 4:00 AM EST" (same day) or the two full times: a shift's span in the race's zone. */
export function formatSpan(startsAt: string, endsAt: string, timeZone: string): string {
  const sameDay = localDateOf(startsAt, timeZone) === localDateOf(endsAt, timeZone);
  if (!sameDay) return `${formatInZone(startsAt, timeZone)} – ${formatInZone(endsAt, timeZone)}`;
  return `${formatInZone(startsAt, timeZone, { zone: zoneAbbreviation(startsAt, timeZone) !== zoneAbbreviation(endsAt, timeZone) })} – ${formatInZone(endsAt, timeZone, { date: false })}`;
}

/** The Monday on or before a calendar date (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/**
 * The UTC span [from, to) covering whole local days `first`..`last` in a zone: from the
 * first local midnight to the one after the last day. Midnight that falls in a gap (rare:
 * some zones switch at 00:00) moves to the first instant after it.
 */
export function localDaysSpan(first: string, last: string, timeZone: string): { from: string; to: string } {
  const start = (date: string) => {
    for (const hm of ["00:00", "01:00", "02:00", "03:00"]) {
      const r = localToUtc(`${date}T${hm}`, timeZone);
      if (r.ok) return r.iso;
    }
    return `${date}T00:00:00.000Z`;
  };
  const next = new Date(`${last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: start(first), to: start(next.toISOString().slice(0, 10)) };
}

/**
 * The zone's UTC offsets over [from, to]: runs of one offset, each with the instant it ends
 * (exclusive; null for the last). Lets SQL turn stored UTC instants into local dates
 * (`date(startsAt, CASE WHEN startsAt < end1 THEN '-240 minutes' ... END)`) so results can be
 * summed per local day in the database. Offsets change a few times a year: sampled every six
 * hours, each change then found to the minute by halving.
 */
export function offsetRuns(from: string, to: string, timeZone: string): { until: string | null; minutes: number }[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return [{ until: null, minutes: 0 }];
  const runs: { until: string | null; minutes: number }[] = [];
  let current = offsetMinutes(start, timeZone);
  for (let year = new Date(start).getUTCFullYear(); year <= new Date(end).getUTCFullYear(); year++) {
    for (const change of yearChanges(timeZone, year)) {
      if (change.at <= start || change.at > end || change.minutes === current) continue;
      runs.push({ until: new Date(change.at).toISOString(), minutes: current });
      current = change.minutes;
    }
  }
  runs.push({ until: null, minutes: current });
  return runs;
}

/**
 * The instants in a UTC year at which a zone's offset changes (each the first minute of the new
 * offset, with that offset), found once per zone and year and kept: sampled every six hours,
 * each change then found to the minute by halving. Pages ask for the same few zones and years.
 */
type YearOffsets = { start: number; changes: { at: number; minutes: number }[] };
/** Known years by zone (a zone's map exists only once Intl has said it knows the zone). */
const ZONE_YEARS = new Map<string, Map<number, YearOffsets>>();
let knownYears = 0;
function yearOffsets(timeZone: string, year: number): YearOffsets {
  let years = ZONE_YEARS.get(timeZone);
  const known = years?.get(year);
  if (known) return known;
  if (knownYears >= 2000) {
    ZONE_YEARS.clear();
    knownYears = 0;
    years = undefined;
  }
  if (!years) ZONE_YEARS.set(timeZone, (years = new Map()));
  const changes: YearOffsets["changes"] = [];
  const step = 6 * 3_600_000;
  const end = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  const start = offsetMinutes(t, timeZone);
  let current = start;
  while (t < end) {
    const next = Math.min(t + step, end);
    const o = offsetMinutes(next, timeZone);
    if (o !== current) {
      let lo = t;
      let hi = next; // offset(lo) = current, offset(hi) = o
      while (hi - lo > 60_000) {
        const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
        if (mid <= lo) break;
        if (offsetMinutes(mid, timeZone) === current) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, minutes: o });
      current = o;
    }
    t = next;
  }
  const out = { start, changes };
  years.set(year, out);
  knownYears++;
  return out;
}

function yearChanges(timeZone: string, year: number): YearOffsets["changes"] {
  return yearOffsets(timeZone, year).changes;
}

/**
 * The zone's offset at an instant from the year's known changes (no Intl call once the year is
 * known), or null for an unknown zone or an instant outside 1900–2200 (callers then ask Intl).
 */
function zoneOffset(ms: number, timeZone: string): number | null {
  if (!(ms >= FAST_FROM && ms < FAST_TO)) return null;
  if (!ZONE_YEARS.has(timeZone) && !isTimeZone(timeZone)) return null;
  const { start, changes } = yearOffsets(timeZone, new Date(ms).getUTCFullYear());
  let minutes = start;
  for (const c of changes) {
    if (c.at > ms) break;
    minutes = c.minutes;
  }
  return minutes;
}
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(2200, 0, 1);

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/**
 * The space Intl puts before AM/PM (a plain or a narrow no-break space, by ICU version), learned
 * from Intl itself; null when Intl's en-US shape is not the one wallText writes (then Intl formats).
 */
const MERIDIEM_SPACE = (() => {
  const probe = (date: boolean) =>
    new Intl.DateTimeFormat("en-US", { timeZone: "UTC", ...(date ? { weekday: "short", month: "short", day: "numeric", year: "numeric" } : {}), hour: "numeric", minute: "2-digit" }).format(Date.UTC(2026, 10, 1, 13, 5));
  const m = /^Sun, Nov 1, 2026, 1:05(\s)PM$/u.exec(probe(true));
  return m && probe(false) === `1:05${m[1]}PM` ? m[1] : null;
})();

/**
 * "Sun, Nov 1, 2026, 1:30 AM" (or "1:30 AM" without the date), written from the wall clock
 * once the zone's offset is known: what formatInZone's Intl formatter gives, without asking it
 * per shift. Null when the offset or Intl's shape is unknown.
 */
function wallText(ms: number, timeZone: string, withDate: boolean): string | null {
  if (MERIDIEM_SPACE === null) return null;
  const off = zoneOffset(ms, timeZone);
  if (off === null) return null;
  const w = new Date(Math.floor(ms / 60_000) * 60_000 + off * 60_000);
  const h = w.getUTCHours();
  const m = w.getUTCMinutes();
  const time = `${h % 12 === 0 ? 12 : h % 12}:${m < 10 ? "0" : ""}${m}${MERIDIEM_SPACE}${h < 12 ? "AM" : "PM"}`;
  return withDate ? `${WEEKDAYS[w.getUTCDay()]}, ${MONTHS[w.getUTCMonth()]} ${w.getUTCDate()}, ${w.getUTCFullYear()}, ${time}` : time;
}
