import { describe, expect, it } from "vitest";
import { formatDay, formatTimeSpan } from "~/domain/event-page";

describe("event page timeslots", () => {
  it("heads a day with its weekday and date", () => {
    expect(formatDay("2027-06-26")).toBe("Saturday, Jun 26, 2027");
  });
  it("writes a slot's times in the race's zone, the zone once", () => {
    // 14:00Z is 10:00 in New York in June (EDT)
    expect(formatTimeSpan("2027-06-26T14:00:00.000Z", "2027-06-26T17:00:00.000Z", "America/New_York")).toBe("10:00 AM – 1:00 PM EDT");
  });
  it("writes the whole span of a shift that runs past midnight", () => {
    const s = formatTimeSpan("2027-06-27T02:00:00.000Z", "2027-06-27T05:00:00.000Z", "America/New_York");
    expect(s).toContain("Jun 26");
    expect(s).toContain("Jun 27");
  });
});
