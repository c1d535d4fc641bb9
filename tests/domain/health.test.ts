import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/dates";
import { attendanceByMonth, isQuiet, quietestFirst, latestDate, overdueByOwner, pledgeDelivery, QUIET_DAYS, shiftHours } from "~/domain/health";

const TODAY = "2026-11-22";
const SEATED = "2026-01-05";

describe("isQuiet: no attendance or stance change in 30 days", () => {
  it("uses 30 days", () => expect(QUIET_DAYS).toBe(30));
  it("at 29 days since the last activity: not quiet", () => {
    expect(isQuiet(addDays(TODAY, -29), SEATED, TODAY)).toBe(false);
  });
  it("at exactly 30 days: quiet", () => {
    expect(isQuiet(addDays(TODAY, -30), SEATED, TODAY)).toBe(true);
  });
  it("at 31 days: quiet", () => {
    expect(isQuiet(addDays(TODAY, -31), SEATED, TODAY)).toBe(true);
  });
  it("activity today is not quiet; an ISO instant counts by its date", () => {
    expect(isQuiet(TODAY, SEATED, TODAY)).toBe(false);
    expect(isQuiet(`${addDays(TODAY, -30)}T23:59:59.000Z`, SEATED, TODAY)).toBe(true);
  });
  // issue 15 (changed deliberately): a partner with no activity at all used to count from the
  // day it was seated, so the page said "no partner has gone quiet" above a partner that had
  // never attended and never changed a stance. It is the quietest of all, however new.
  it("a partner with no activity at all is quiet, even one seated yesterday", () => {
    expect(isQuiet(null, addDays(TODAY, -1), TODAY)).toBe(true);
    expect(isQuiet(null, addDays(TODAY, -29), TODAY)).toBe(true);
    expect(isQuiet(null, TODAY, TODAY)).toBe(true);
  });
  it("activity from before it was seated counts from its seating", () => {
    // old activity from before it was seated (at another table) does not make it quiet sooner
    expect(isQuiet(addDays(TODAY, -200), addDays(TODAY, -3), TODAY)).toBe(false);
  });
});

describe("quietestFirst", () => {
  it("puts partners never active first, then the oldest last activity, then by name", () => {
    const rows = [
      { shortName: "B", lastActivity: "2026-10-01" },
      { shortName: "Z", lastActivity: null },
      { shortName: "A", lastActivity: "2026-10-01" },
      { shortName: "C", lastActivity: "2026-09-01" },
      { shortName: "M", lastActivity: null },
    ];
    expect(quietestFirst(rows).map((r) => r.shortName)).toEqual(["M", "Z", "C", "A", "B"]);
  });
});

describe("latestDate", () => {
  it("takes the later date and ignores nulls", () => {
    expect(latestDate(null, undefined)).toBeNull();
    expect(latestDate("2026-10-01", null, "2026-11-01T10:00:00Z")).toBe("2026-11-01");
  });
});

describe("overdueByOwner", () => {
  const item = (id: number, ownerKey: string, dueDate: string, status: "open" | "done" | "dropped" = "open") => ({ id, ownerKey, ownerName: ownerKey.toUpperCase(), status, dueDate });
  it("an open item is overdue from the day after its due date", () => {
    expect(overdueByOwner([item(1, "a", TODAY)], TODAY)).toEqual([]);
    const [g] = overdueByOwner([item(1, "a", addDays(TODAY, -1))], TODAY);
    expect(g.items.map((i) => i.id)).toEqual([1]);
    expect(g.daysLate).toBe(1);
  });
  it("done and dropped items are never overdue", () => {
    expect(overdueByOwner([item(1, "a", "2026-01-01", "done"), item(2, "a", "2026-01-01", "dropped")], TODAY)).toEqual([]);
  });
  it("groups by owner, owners with the most overdue first", () => {
    const groups = overdueByOwner([item(1, "a", "2026-11-01"), item(2, "b", "2026-11-20"), item(3, "b", "2026-11-21"), item(4, "a", "2026-12-30")], TODAY);
    expect(groups.map((g) => [g.ownerKey, g.items.length])).toEqual([
      ["b", 2],
      ["a", 1],
    ]);
    expect(groups[1].daysLate).toBe(21);
  });
});

describe("pledgeDelivery", () => {
  // weeks start on Mondays: Nov 2, 9, 16 (ended by Nov 23's... ) and Nov 23 in progress on TODAY+1
  const pledges = [
    { affiliateId: 1, weekStart: "2026-11-02", hours: 10 },
    { affiliateId: 1, weekStart: "2026-11-09", hours: 10 },
    { affiliateId: 2, weekStart: "2026-11-09", hours: 5 },
    { affiliateId: 1, weekStart: "2026-11-16", hours: 10 }, // ends Nov 22 = TODAY: not ended yet
  ];
  it("counts only weeks that have ended, and only hours delivered in them", () => {
    const r = pledgeDelivery(
      pledges,
      [
        { affiliateId: 1, date: "2026-11-03", hours: 9 },
        { affiliateId: 1, date: "2026-11-10", hours: 8 },
        { affiliateId: 2, date: "2026-11-12", hours: 1 },
        { affiliateId: 1, date: "2026-11-17", hours: 50 }, // the week in progress: not credited yet
      ],
      TODAY,
    );
    expect(r.pledged).toBe(25);
    expect(r.delivered).toBe(18);
    expect(r.share).toBeCloseTo(0.72);
    expect(r.behind).toBe(true); // below 80% of what was pledged
    expect(r.byAffiliate.get(1)).toMatchObject({ pledged: 20, delivered: 17, behind: false }); // 85%
    expect(r.byAffiliate.get(2)).toMatchObject({ pledged: 5, delivered: 1, behind: true });
  });
  it("exactly 80% delivered is not behind; nothing pledged is never behind", () => {
    const r = pledgeDelivery([{ affiliateId: 1, weekStart: "2026-11-02", hours: 10 }], [{ affiliateId: 1, date: "2026-11-08", hours: 8 }], TODAY);
    expect(r.behind).toBe(false);
    const none = pledgeDelivery([], [{ affiliateId: 1, date: "2026-11-08", hours: 3 }], TODAY);
    expect(none).toMatchObject({ pledged: 0, share: null, behind: false });
  });
  it("a week ends after its seventh day", () => {
    const p = [{ affiliateId: 1, weekStart: "2026-11-16", hours: 10 }];
    expect(pledgeDelivery(p, [], "2026-11-22").pledged).toBe(0);
    expect(pledgeDelivery(p, [], "2026-11-23")).toMatchObject({ pledged: 10, delivered: 0, behind: true });
  });
});

describe("shiftHours", () => {
  it("is the length of the shift in hours; nonsense is zero", () => {
    expect(shiftHours("2026-11-03T14:00:00.000Z", "2026-11-03T17:30:00.000Z")).toBe(3.5);
    expect(shiftHours("2026-11-03T17:00:00.000Z", "2026-11-03T14:00:00.000Z")).toBe(0);
    expect(shiftHours("junk", "2026-11-03T14:00:00.000Z")).toBe(0);
  });
});

describe("attendanceByMonth", () => {
  it("counts meetings attended per partner per month, and invitations against attendance", () => {
    const partners = [
      { id: 1, shortName: "KA" },
      { id: 2, shortName: "BVA" },
    ];
    const r = attendanceByMonth(
      [
        { date: "2026-10-05", invitedPartnerIds: [1, 2], attendedPartnerIds: [1, 2] },
        { date: "2026-10-19", invitedPartnerIds: [1, 2], attendedPartnerIds: [1] },
        { date: "2026-11-02", invitedPartnerIds: [1, 2], attendedPartnerIds: [2, 2] },
      ],
      partners,
    );
    expect(r.months).toEqual(["2026-10", "2026-11"]);
    expect(r.rows).toEqual([
      { month: "2026-10", KA: 2, BVA: 1 },
      { month: "2026-11", KA: 0, BVA: 1 },
    ]);
    expect(r.totals).toEqual([
      { partnerId: 1, shortName: "KA", invited: 3, attended: 2 },
      { partnerId: 2, shortName: "BVA", invited: 3, attended: 2 },
    ]);
  });
});
