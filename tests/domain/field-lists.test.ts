import { describe, expect, it } from "vitest";
import { encodeCursor, readCursor } from "~/domain/keyset";
import { feedWindow, feedWindowText, shiftCursor, shiftListFilters, turfCursor, turfFilters } from "~/domain/field-lists";
import { offsetRuns } from "~/domain/zoned-time";
import { unitSize } from "~/domain/field-forms";

const q = (s: string) => new URLSearchParams(s);

describe("shift list filters", () => {
  it("reads when, type, host (one of the program's) and mine; the default is upcoming, anything else is dropped and named", () => {
    expect(shiftListFilters(q(""), [3])).toEqual({ when: "upcoming", workType: null, host: null, mine: false, ignored: [] });
    expect(shiftListFilters(q("when=past&type=phonebank&host=3&mine=1"), [3])).toEqual({ when: "past", workType: "phonebank", host: 3, mine: true, ignored: [] });
    expect(shiftListFilters(q("when=soon&type=x&host=4&mine=yes"), [3])).toEqual({ when: "upcoming", workType: null, host: null, mine: false, ignored: ["when", "type", "host", "mine"] });
    expect(shiftListFilters(q("host=03"), [3]).host).toBeNull();
  });

  it("a shift cursor is [an instant, an id]; anything else reads as the first page", () => {
    const ok = readCursor(encodeCursor({ dir: "after", key: ["2027-04-10T13:00:00.000Z", 7] }));
    expect(shiftCursor(ok)).toEqual({ dir: "after", key: ["2027-04-10T13:00:00.000Z", 7] });
    for (const key of [["W-001", 7], ["2027-04-10T13:00:00.000Z", "7"], ["2027-04-10T13:00:00.000Z", 1.5], ["2027-04-10T13:00:00.000Z"]]) {
      expect(shiftCursor(readCursor(encodeCursor({ dir: "after", key })))).toBeNull();
    }
    expect(shiftCursor(null)).toBeNull();
    expect(turfCursor(readCursor(encodeCursor({ dir: "before", key: ["W-001", 7] })))).toEqual({ dir: "before", key: ["W-001", 7] });
    expect(turfCursor(readCursor(encodeCursor({ dir: "before", key: [7, "W-001"] })))).toBeNull();
  });
});

describe("turf filters", () => {
  it("reads kind, area and code, trimmed; unknown kinds and overlong text are dropped and named", () => {
    expect(turfFilters(q("turfKind=call_list&turfArea=+Lehigh+&turfCode=PA-0"))).toEqual({ kind: "call_list", area: "Lehigh", code: "PA-0", ignored: [] });
    expect(turfFilters(q(`turfKind=signs&turfArea=${"x".repeat(61)}`))).toEqual({ kind: null, area: null, code: null, ignored: ["turfKind", "turfArea"] });
  });
});

describe("the feed's window", () => {
  it("is 30 days back to 180 ahead, and says so", () => {
    expect(feedWindow(new Date("2027-04-01T00:00:00Z"))).toEqual({ from: "2027-03-02T00:00:00.000Z", to: "2027-09-28T00:00:00.000Z" });
    expect(feedWindowText()).toMatch(/30 days ago to 180 days ahead/);
  });
});

describe("offsetRuns", () => {
  it("New York over a winter: EDT until 06:00 UTC on Nov 1, EST until 07:00 UTC on Mar 14, then EDT", () => {
    expect(offsetRuns("2026-10-01T00:00:00.000Z", "2027-05-01T00:00:00.000Z", "America/New_York")).toEqual([
      { until: "2026-11-01T06:00:00.000Z", minutes: -240 },
      { until: "2027-03-14T07:00:00.000Z", minutes: -300 },
      { until: null, minutes: -240 },
    ]);
  });
  it("Phoenix keeps one offset all year; one instant is one run", () => {
    expect(offsetRuns("2026-10-01T00:00:00.000Z", "2027-05-01T00:00:00.000Z", "America/Phoenix")).toEqual([{ until: null, minutes: -420 }]);
    expect(offsetRuns("2026-11-01T06:00:00.000Z", "2026-11-01T06:00:00.000Z", "America/New_York")).toEqual([{ until: null, minutes: -300 }]);
  });
});

describe("unitSize: a unit's size says what it counts (issue 15: a bare \"500\")", () => {
  it("doors for a walk packet, numbers for a call or text list, with thousands separated and one in the singular", () => {
    expect(unitSize("call_list", 500)).toBe("500 numbers");
    expect(unitSize("walk_packet", 1200)).toBe("1,200 doors");
    expect(unitSize("text_list", 2500)).toBe("2,500 numbers");
    expect(unitSize("walk_packet", 1)).toBe("1 door");
  });
});
