import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatInZone,
  formatSpan,
  isLocalDateTime,
  isTimeZone,
  localDateOf,
  localDaysSpan,
  localToUtc,
  mondayOf,
  offsetMinutes,
  offsetRuns,
  parseLocal,
  utcToLocal,
  zoneAbbreviation,
} from "~/domain/zoned-time";

const NY = "America/New_York";
const PHX = "America/Phoenix";

const iso = (local: string, zone: string, prefer: "earlier" | "later" = "earlier") => {
  const r = localToUtc(local, zone, prefer);
  if (!r.ok) throw new Error(r.message);
  return r.iso;
};

describe("parseLocal", () => {
  it.each(["2026-11-01T09:00", "2026-11-01 09:00", "2026-11-01T09:00:30", "2028-02-29T23:59", "2026-11-01T00:00:00.000"])("reads %s", (v) => {
    expect(isLocalDateTime(v)).toBe(true);
  });
  it.each(["", "2026-11-01", "2026-11-01T24:00", "2026-11-01T09:60", "2027-02-29T10:00", "2026-13-01T10:00", "2026-11-31T10:00", "9:00", "2026-11-01T9:00", "abc", "2026-11-01T09:00Z", "1800-01-01T00:00"])(
    "refuses %j",
    (v) => {
      expect(parseLocal(v)).toBeNull();
    },
  );
});

describe("Arizona (America/Phoenix): no daylight saving time", () => {
  it("is seven hours behind UTC all year", () => {
    expect(iso("2026-11-01T09:00", PHX)).toBe("2026-11-01T16:00:00.000Z");
    expect(iso("2027-03-14T02:30", PHX)).toBe("2027-03-14T09:30:00.000Z"); // New York's gap is an ordinary time here
    expect(iso("2027-07-04T18:00", PHX)).toBe("2027-07-05T01:00:00.000Z");
    expect(offsetMinutes(new Date("2027-01-15T12:00:00Z"), PHX)).toBe(-420);
    expect(offsetMinutes(new Date("2027-07-15T12:00:00Z"), PHX)).toBe(-420);
  });
  it("shows UTC instants back in the race's zone", () => {
    expect(utcToLocal("2026-11-01T16:00:00.000Z", PHX)).toBe("2026-11-01T09:00");
    expect(localDateOf("2026-11-02T05:30:00.000Z", PHX)).toBe("2026-11-01"); // 10:30 PM the day before
    expect(zoneAbbreviation("2027-07-01T12:00:00Z", PHX)).toBe("MST");
    expect(formatInZone("2026-11-01T16:00:00.000Z", PHX)).toBe("Sun, Nov 1, 2026, 9:00 AM MST");
  });
});

describe("New York around the fall-back change (2026-11-01)", () => {
  it("is UTC−4 before and UTC−5 after", () => {
    expect(iso("2026-10-31T12:00", NY)).toBe("2026-10-31T16:00:00.000Z");
    expect(iso("2026-11-01T12:00", NY)).toBe("2026-11-01T17:00:00.000Z");
  });
  it("takes the earlier of a time that happens twice, and says it was ambiguous", () => {
    const r = localToUtc("2026-11-01T01:30", NY);
    expect(r).toMatchObject({ ok: true, iso: "2026-11-01T05:30:00.000Z", ambiguous: true });
    expect(iso("2026-11-01T01:30", NY, "later")).toBe("2026-11-01T06:30:00.000Z");
    expect(localToUtc("2026-11-01T00:59", NY)).toMatchObject({ ok: true, ambiguous: false });
    expect(localToUtc("2026-11-01T02:00", NY)).toMatchObject({ ok: true, iso: "2026-11-01T07:00:00.000Z", ambiguous: false });
  });
  it("shows both 1:30s with their own abbreviation", () => {
    expect(formatInZone("2026-11-01T05:30:00.000Z", NY)).toBe("Sun, Nov 1, 2026, 1:30 AM EDT");
    expect(formatInZone("2026-11-01T06:30:00.000Z", NY)).toBe("Sun, Nov 1, 2026, 1:30 AM EST");
  });
  it("a shift from midnight to 3 AM that night lasts four hours", () => {
    const start = Date.parse(iso("2026-11-01T00:00", NY));
    const end = Date.parse(iso("2026-11-01T03:00", NY));
    expect((end - start) / 3_600_000).toBe(4);
    expect(formatSpan(new Date(start).toISOString(), new Date(end).toISOString(), NY)).toBe("Sun, Nov 1, 2026, 12:00 AM EDT – 3:00 AM EST");
  });
});

describe("New York around the spring-forward change (2027-03-14)", () => {
  it("refuses a time in the gap, saying why", () => {
    const r = localToUtc("2027-03-14T02:30", NY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("gap");
      expect(r.message).toMatch(/does not exist in America\/New_York/);
    }
    expect(localToUtc("2027-03-14T02:00", NY).ok).toBe(false);
  });
  it("converts the minutes either side of the gap", () => {
    expect(iso("2027-03-14T01:59", NY)).toBe("2027-03-14T06:59:00.000Z");
    expect(iso("2027-03-14T03:00", NY)).toBe("2027-03-14T07:00:00.000Z");
    expect(utcToLocal("2027-03-14T07:00:00.000Z", NY)).toBe("2027-03-14T03:00");
  });
  it("a shift from 1 AM to 4 AM that night lasts two hours", () => {
    expect((Date.parse(iso("2027-03-14T04:00", NY)) - Date.parse(iso("2027-03-14T01:00", NY))) / 3_600_000).toBe(2);
  });
  it("a day's span is 23 hours long", () => {
    const s = localDaysSpan("2027-03-14", "2027-03-14", NY);
    expect(s).toEqual({ from: "2027-03-14T05:00:00.000Z", to: "2027-03-15T04:00:00.000Z" });
    const f = localDaysSpan("2026-11-01", "2026-11-01", NY);
    expect((Date.parse(f.to) - Date.parse(f.from)) / 3_600_000).toBe(25);
  });
});

describe("other zones", () => {
  it("handles half-hour offsets and southern-hemisphere daylight saving", () => {
    expect(iso("2026-11-01T09:00", "Asia/Kolkata")).toBe("2026-11-01T03:30:00.000Z");
    expect(localToUtc("2026-10-04T02:30", "Australia/Sydney").ok).toBe(false); // spring forward in October
    expect(iso("2026-11-01T09:00", "UTC")).toBe("2026-11-01T09:00:00.000Z");
  });
  it("knows a zone from junk", () => {
    expect(isTimeZone(NY)).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(localToUtc("2026-11-01T09:00", "Nowhere/Land")).toMatchObject({ ok: false, reason: "invalid" });
    expect(localToUtc("not a time", NY)).toMatchObject({ ok: false, reason: "invalid" });
  });
});

describe("mondayOf", () => {
  it.each([
    ["2026-11-02", "2026-11-02"],
    ["2026-11-01", "2026-10-26"],
    ["2026-11-04", "2026-11-02"],
    ["2027-01-01", "2026-12-28"],
  ])("%s → %s", (d, m) => expect(mondayOf(d)).toBe(m));
});

describe("properties", () => {
  const zones = fc.constantFrom(NY, PHX, "America/Chicago", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata");
  const minute = fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000));

  it("every instant's wall clock converts back to it (one of the two, in an overlap)", () => {
    fc.assert(
      fc.property(minute, zones, (t, zone) => {
        const local = utcToLocal(t, zone);
        const earlier = localToUtc(local, zone, "earlier");
        const later = localToUtc(local, zone, "later");
        expect(earlier.ok && later.ok).toBe(true);
        if (earlier.ok && later.ok) {
          expect([earlier.instant.getTime(), later.instant.getTime()]).toContain(t.getTime());
          expect(earlier.instant.getTime() <= later.instant.getTime()).toBe(true);
          expect(earlier.ambiguous).toBe(earlier.instant.getTime() !== later.instant.getTime());
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a wall-clock time either converts to an instant showing that same time, or is a gap", () => {
    const local = fc.record({ y: fc.integer({ min: 2024, max: 2030 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) });
    fc.assert(
      fc.property(local, zones, ({ y, mo, d, h, mi }, zone) => {
        const s = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}`;
        const r = localToUtc(s, zone);
        if (r.ok) expect(utcToLocal(r.instant, zone)).toBe(s);
        else expect(r.reason).toBe("gap");
      }),
      { numRuns: 400 },
    );
  });
});

describe("formatterFor", () => {
  it("builds one formatter per zone and option set and reuses it (a page formats a time per shift)", async () => {
    const { formatterFor } = await import("~/domain/zoned-time");
    const a = formatterFor("America/New_York", { hour: "numeric" });
    expect(formatterFor("America/New_York", { hour: "numeric" })).toBe(a);
    expect(formatterFor("America/Chicago", { hour: "numeric" })).not.toBe(a);
    expect(formatterFor("America/New_York", { hour: "numeric", minute: "2-digit" })).not.toBe(a);
    expect(a.resolvedOptions().timeZone).toBe("America/New_York");
  });
});

describe("display without Intl per shift (issue 11): the same text as Intl's formatters", () => {
  const ZONES = ["America/New_York", "America/Phoenix", "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/London", "UTC"];
  const cache = new Map<string, Intl.DateTimeFormat>();
  const fmt = (zone: string, options: Intl.DateTimeFormatOptions) => {
    const key = `${zone}|${JSON.stringify(options)}`;
    if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat("en-US", { ...options, timeZone: zone }));
    return cache.get(key)!;
  };
  const intlWhen = (ms: number, zone: string, date: boolean) => fmt(zone, { ...(date ? { weekday: "short", month: "short", day: "numeric", year: "numeric" } : {}), hour: "numeric", minute: "2-digit" }).format(ms);
  const intlName = (ms: number, zone: string) => fmt(zone, { timeZoneName: "short" }).formatToParts(ms).find((p) => p.type === "timeZoneName")!.value;
  const intlLocal = (ms: number, zone: string) => {
    const p = Object.fromEntries(fmt(zone, { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(ms).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  };

  it("every day and a bit over 2026-2028, and a minute either side of each change, in ten zones", () => {
    for (const zone of ZONES) {
      const instants: number[] = [];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2029, 0, 1); t += 25 * 3_600_000 + 97 * 60_000 + 13_000) instants.push(t);
      for (const r of offsetRuns("2026-01-01T00:00:00.000Z", "2028-12-31T23:59:00.000Z", zone)) if (r.until) instants.push(Date.parse(r.until) - 60_000, Date.parse(r.until), Date.parse(r.until) + 60_000);
      for (const ms of instants) {
        const d = new Date(ms);
        expect(formatInZone(d, zone, { zone: false }), `${zone} ${d.toISOString()}`).toBe(intlWhen(ms, zone, true));
        expect(formatInZone(d, zone, { date: false, zone: false })).toBe(intlWhen(ms, zone, false));
        expect(utcToLocal(d, zone), `${zone} ${d.toISOString()}`).toBe(intlLocal(ms, zone));
        const name = intlName(ms, zone);
        if (!/^GMT[+-]/.test(name)) expect(zoneAbbreviation(d, zone), `${zone} ${d.toISOString()}`).toBe(name);
      }
    }
  });

  it("offset runs over several years match Intl at each change", () => {
    const runs = offsetRuns("2025-06-01T00:00:00.000Z", "2028-06-01T00:00:00.000Z", "America/New_York");
    expect(runs).toHaveLength(7);
    for (const r of runs.slice(0, -1)) expect(offsetMinutes(Date.parse(r.until!) - 60_000, "America/New_York")).toBe(r.minutes);
  });
});
