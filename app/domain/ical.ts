/**
 * iCalendar (RFC 5545) written by hand: text escaping (3.3.11), line folding at 75 octets
 * (3.1), CRLF line ends, UTC DATE-TIME values (3.3.5, form #2) and one stable UID per shift.
 * Pure: the caller passes the stamp time.
 */

export type CalendarEvent = {
  /** Stable across feeds and edits: the same shift always has the same UID. */
  uid: string;
  startsAt: string;
  endsAt: string;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string | null;
  cancelled?: boolean;
  /** Bumped on each edit so clients replace their copy (SEQUENCE). */
  sequence?: number;
};

/** TEXT escaping: backslash, semicolon, comma and newlines (CR LF, LF or CR → \n). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

const encoder = new TextEncoder();

/**
 * Folds a content line so no physical line is longer than 75 octets (the CRLF not counted):
 * continuation lines start with one space, which counts toward their 75. Never splits a
 * UTF-8 character.
 */
export function foldLine(line: string): string {
  // most lines are short ASCII: their length is their size in octets
  if (ASCII.test(line)) {
    if (line.length <= 75) return line;
    const out = [line.slice(0, 75)];
    for (let i = 75; i < line.length; i += 74) out.push(` ${line.slice(i, i + 74)}`);
    return out.join("\r\n");
  }
  if (line.length <= 25 || encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (size + n > 75) {
      out.push(current);
      current = " ";
      size = 1;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join("\r\n");
}
const ASCII = /^[\u0000-\u007f]*$/;

/** 2026-11-01T16:00:00.000Z → 20261101T160000Z */
export function icsDateTime(isoInstant: string): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) throw new Error(`not an instant: ${isoInstant}`);
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * The opening of a VCALENDAR (its properties, up to the first event), CRLF-terminated and
 * folded. `description` (X-WR-CALDESC) says what the calendar holds, e.g. its window.
 */
export function calendarHead(opts: { name: string; description?: string; prodId?: string }): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${opts.prodId ?? "-//Coalition Table//Field shifts//EN"}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  if (opts.description) lines.push(`X-WR-CALDESC:${escapeText(opts.description)}`);
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** Some VEVENTs, CRLF-terminated and folded (empty for none): a calendar can be written a batch of events at a time. */
export function calendarEvents(events: readonly CalendarEvent[], now: Date): string {
  const stamp = icsDateTime(now.toISOString());
  const lines: string[] = [];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsDateTime(e.startsAt)}`,
      `DTEND:${icsDateTime(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, "")}`);
    if (e.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`);
    lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  return lines.length ? lines.map(foldLine).join("\r\n") + "\r\n" : "";
}

export const CALENDAR_END = "END:VCALENDAR\r\n";

/** A whole VCALENDAR, CRLF-terminated lines, folded: the head, the events and the end. */
export function buildCalendar(opts: { name: string; description?: string; events: CalendarEvent[]; now: Date; prodId?: string }): string {
  return calendarHead(opts) + calendarEvents(opts.events, opts.now) + CALENDAR_END;
}

/** Reverses folding and escaping: for tests and for anyone checking a feed. */
export function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter((l) => l.length > 0);
}
