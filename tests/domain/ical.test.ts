import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, icsDateTime, unfold } from "~/domain/ical";

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });
  it("drops other control characters", () => {
    expect(escapeText("bell\u0007 tab\tok")).toBe("bell tab\tok");
  });
});

describe("foldLine", () => {
  it("leaves short lines alone", () => {
    expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
    const exactly75 = `X:${"a".repeat(73)}`;
    expect(foldLine(exactly75)).toBe(exactly75);
  });
  it("folds at 75 octets with a leading space on each continuation", () => {
    const folded = foldLine(`DESCRIPTION:${"x".repeat(200)}`);
    const parts = folded.split("\r\n");
    expect(parts.length).toBe(3);
    expect(bytes(parts[0])).toBe(75);
    for (const p of parts.slice(1)) expect(p.startsWith(" ")).toBe(true);
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(75);
  });
  it("never splits a multi-byte character, and unfolds to the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => {
        const line = `SUMMARY:${s}`;
        const folded = foldLine(line);
        for (const p of folded.split("\r\n")) expect(bytes(p)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(line);
      }),
    );
  });
});

describe("icsDateTime", () => {
  it("writes UTC date-times in the basic form", () => {
    expect(icsDateTime("2026-11-01T16:00:00.000Z")).toBe("20261101T160000Z");
    expect(() => icsDateTime("junk")).toThrow();
  });
});

describe("buildCalendar", () => {
  const cal = buildCalendar({
    name: "Alpha Chapter, shifts",
    now: new Date("2026-10-01T12:00:00Z"),
    events: [
      {
        uid: "shift-7@coalition-table",
        startsAt: "2026-11-01T05:30:00.000Z",
        endsAt: "2026-11-01T09:00:00.000Z",
        summary: "Doorknocking; Lehigh, turf A",
        description: "Bring water.\nMeet at the union hall, back door.",
        location: "12 Main St, Allentown",
        url: "https://example.test/s/7",
        sequence: 2,
      },
      { uid: "shift-8@coalition-table", startsAt: "2026-11-02T14:00:00.000Z", endsAt: "2026-11-02T16:00:00.000Z", summary: "Phonebank", cancelled: true },
    ],
  });

  it("uses CRLF line ends everywhere and ends with one", () => {
    expect(cal.endsWith("\r\n")).toBe(true);
    expect(cal.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
  it("has one VEVENT per shift with UTC DTSTART/DTEND and its UID", () => {
    const lines = unfold(cal);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines).toContain("UID:shift-7@coalition-table");
    expect(lines).toContain("DTSTART:20261101T053000Z");
    expect(lines).toContain("DTEND:20261101T090000Z");
    expect(lines).toContain("DTSTAMP:20261001T120000Z");
    expect(lines).toContain("SUMMARY:Doorknocking\\; Lehigh\\, turf A");
    expect(lines).toContain("DESCRIPTION:Bring water.\\nMeet at the union hall\\, back door.");
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("X-WR-CALNAME:Alpha Chapter\\, shifts");
  });
  it("an empty calendar is still a valid calendar", () => {
    const empty = unfold(buildCalendar({ name: "None", events: [], now: new Date("2026-10-01T00:00:00Z") }));
    expect(empty).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Coalition Table//Field shifts//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:None", "END:VCALENDAR"]);
  });
});
