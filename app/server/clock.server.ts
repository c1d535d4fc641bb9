/** Today's date (UTC) as YYYY-MM-DD. Pages about a race use the race's own zone where it matters. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
