import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatDate, isIsoDate } from "~/domain/dates";
import { localDateOf } from "~/domain/zoned-time";

describe("isIsoDate", () => {
  it("accepts real calendar dates", () => {
    for (const d of ["2026-01-01", "2026-12-31", "2024-02-29", "2000-02-29"]) expect(isIsoDate(d)).toBe(true);
  });

  it("rejects impossible dates and other shapes", () => {
    for (const d of ["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5", "26-01-01", "2026/01/01", "2026-01-01T00:00:00Z", "", "yesterday"]) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });
});

describe("daysBetween", () => {
  it("counts whole days, positive when the second date is later", () => {
    expect(daysBetween("2026-05-01", "2026-05-19")).toBe(18);
    expect(daysBetween("2026-05-19", "2026-05-01")).toBe(-18);
    expect(daysBetween("2026-05-19", "2026-05-19")).toBe(0);
  });

  it("crosses month, year, leap-day and DST boundaries exactly", () => {
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });
});

describe("addDays", () => {
  it("adds and subtracts days across boundaries", () => {
    expect(addDays("2026-05-19", 1)).toBe("2026-05-20");
    expect(addDays("2026-05-31", 1)).toBe("2026-06-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-03", -90)).toBe("2026-08-05");
    expect(addDays("2026-05-19", 0)).toBe("2026-05-19");
  });

  it("is the inverse of daysBetween", () => {
    for (const n of [-400, -120, -1, 0, 1, 90, 365]) expect(daysBetween("2026-05-19", addDays("2026-05-19", n))).toBe(n);
  });
});

describe("localDateOf (the calendar date of an instant in a zone)", () => {
  it("gives the calendar date of an instant in the zone", () => {
    const instant = new Date("2026-11-04T03:30:00Z");
    expect(localDateOf(instant, "UTC")).toBe("2026-11-04");
    expect(localDateOf(instant, "America/New_York")).toBe("2026-11-03");
    expect(localDateOf(instant, "America/Los_Angeles")).toBe("2026-11-03");
    expect(localDateOf(instant, "Asia/Tokyo")).toBe("2026-11-04");
  });

  it("turns the date at local midnight", () => {
    expect(localDateOf(new Date("2026-05-19T03:59:59Z"), "America/New_York")).toBe("2026-05-18");
    expect(localDateOf(new Date("2026-05-19T04:00:00Z"), "America/New_York")).toBe("2026-05-19");
    expect(localDateOf(new Date("2026-01-01T09:59:59Z"), "Pacific/Honolulu")).toBe("2025-12-31");
  });

  it("returns a valid ISO date", () => {
    expect(isIsoDate(localDateOf(new Date("2026-07-04T12:00:00Z"), "America/Chicago"))).toBe(true);
  });
});

describe("formatDate", () => {
  it("formats a date (or the date part of a timestamp) for people, and blanks nothing", () => {
    expect(formatDate("2026-05-19")).toBe("May 19, 2026");
    expect(formatDate("2026-11-03T23:59:00.000Z")).toBe("Nov 3, 2026");
    expect(formatDate(null)).toBe("");
    // the same text as Intl's, a day at a time over some years
    const intl = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2030, 0, 1); t += 86_400_000) expect(formatDate(new Date(t).toISOString().slice(0, 10))).toBe(intl.format(t));
    expect(formatDate(undefined)).toBe("");
    expect(formatDate("not a date")).toBe("not a date");
  });
});
