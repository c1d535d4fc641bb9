/** Calendar-date helpers on YYYY-MM-DD strings. Pure: no clock is read here. */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Built once: toLocaleDateString builds a formatter on every call (about 0.1 ms; a list of dates cost milliseconds, issue 11). */
let DATE_FORMAT: Intl.DateTimeFormat | null = null;

export function formatDate(date: string | null | undefined): string {
  if (!date) return "";
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  const year = d.getUTCFullYear();
  // "Nov 3, 2026", written directly: toLocaleDateString builds a formatter per call, and lists
  // show a date per row (issue 11); other years go to Intl
  if (year >= 1000 && year <= 9999) return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${year}`;
  DATE_FORMAT ??= new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return DATE_FORMAT.format(d);
}
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
