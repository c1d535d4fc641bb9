import { formatDate } from "./dates";
import { formatInZone, formatSpan, localDateOf } from "./zoned-time";

/**
 * How a program's public event page (issue 14) writes its timeslots: a heading per day in the
 * race's zone, then each slot's times on that day (the full span when a shift runs past midnight).
 */

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "Saturday, Jun 26, 2027": the heading of a day ("YYYY-MM-DD", a local date). */
export function formatDay(date: string): string {
  return `${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]}, ${formatDate(date)}`;
}

/** "10:00 AM – 1:00 PM EDT" under its day's heading, or the whole span across midnight. */
export function formatTimeSpan(startsAt: string, endsAt: string, timeZone: string): string {
  if (localDateOf(startsAt, timeZone) !== localDateOf(endsAt, timeZone)) return formatSpan(startsAt, endsAt, timeZone);
  return `${formatInZone(startsAt, timeZone, { date: false, zone: false })} – ${formatInZone(endsAt, timeZone, { date: false })}`;
}
