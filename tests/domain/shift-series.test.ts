import { describe, expect, it } from "vitest";
import { expandSeries, seriesFields, SERIES_MAX } from "~/domain/shift-series";
import { localToUtc } from "~/domain/zoned-time";

const first = { startsAt: "2027-03-06T10:00", endsAt: "2027-03-06T12:00" };
const spec = (over: Partial<{ repeat: "once" | "slots" | "weekly"; slots: string; until: string | null }>) => ({ repeat: "once" as const, slots: "", until: null, ...over });

describe("expanding a series of shifts", () => {
  it("once: the shift as typed", () => {
    expect(expandSeries(first, spec({}))).toEqual({ ok: true, shifts: [first] });
  });

  it("slots the same day: each as long as the first, in time order, a repeated time made once", () => {
    const r = expandSeries(first, spec({ repeat: "slots", slots: "16:00, 13:00 10:00" }));
    expect(r).toEqual({
      ok: true,
      shifts: [first, { startsAt: "2027-03-06T13:00", endsAt: "2027-03-06T15:00" }, { startsAt: "2027-03-06T16:00", endsAt: "2027-03-06T18:00" }],
    });
  });

  it("slots that overlap are refused next to the slots field", () => {
    expect(expandSeries(first, spec({ repeat: "slots", slots: "11:00" }))).toMatchObject({ ok: false, field: "slots", message: expect.stringContaining("11:00 starts before") });
  });

  it("weekly until a date, inclusive, keeping the wall-clock time across the change to daylight saving time", () => {
    const r = expandSeries(first, spec({ repeat: "weekly", until: "2027-03-20" }));
    if (!r.ok) throw new Error(r.message);
    expect(r.shifts.map((s) => s.startsAt)).toEqual(["2027-03-06T10:00", "2027-03-13T10:00", "2027-03-20T10:00"]);
    // in New York the clocks go forward on 2027-03-14: 10:00 is 15:00 UTC before, 14:00 UTC after
    const utc = r.shifts.map((s) => (localToUtc(s.startsAt, "America/New_York") as { iso: string }).iso);
    expect(utc).toEqual(["2027-03-06T15:00:00.000Z", "2027-03-13T15:00:00.000Z", "2027-03-20T14:00:00.000Z"]);
  });

  it(`caps a series at ${SERIES_MAX} shifts, saying how many the date would make`, () => {
    const ok = expandSeries(first, spec({ repeat: "weekly", until: "2027-08-28" }));
    expect(ok.ok && ok.shifts.length).toBe(SERIES_MAX);
    expect(expandSeries(first, spec({ repeat: "weekly", until: "2027-09-04" }))).toEqual({ ok: false, field: "until", message: `A series makes at most ${SERIES_MAX} shifts; weekly until 2027-09-04 makes 27. Choose an earlier date.` });
    expect(expandSeries(first, spec({ repeat: "weekly", until: "2027-03-01" }))).toMatchObject({ ok: false, field: "until" });
  });

  it("the form: slots must be times, weekly needs its last date", () => {
    expect(seriesFields.safeParse({ repeat: "slots", slots: "13:00, 1pm" }).success).toBe(false);
    expect(seriesFields.safeParse({ repeat: "slots", slots: "" }).success).toBe(false);
    expect(seriesFields.safeParse({ repeat: "weekly" }).success).toBe(false);
    expect(seriesFields.safeParse({ repeat: "weekly", until: "2027-13-01" }).success).toBe(false);
    expect(seriesFields.parse({})).toEqual({ repeat: "once", slots: "", until: null });
    expect(seriesFields.parse({ repeat: "slots", slots: "9:30;13:00" }).slots).toBe("9:30;13:00");
  });
});
