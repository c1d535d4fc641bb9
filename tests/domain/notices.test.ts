import { describe, expect, it } from "vitest";
import { actingWithoutNotice, noticeAgendaTitle, noticeGiveForm } from "~/domain/notices";
import { parseForm } from "~/domain/forms";

const t = (d: string) => `2026-11-${d}T12:00:00.000Z`;

describe("acting without notice (issue 17)", () => {
  it("a departure with a notice to that sub-table before it is fine; without one, or with one only after, it shows", () => {
    const departures = [
      { partnerId: 1, subCoalitionId: 10, at: t("10") },
      { partnerId: 2, subCoalitionId: 10, at: t("11") },
      { partnerId: 3, subCoalitionId: 10, at: t("12") },
    ];
    const notices = [
      { partnerId: 1, subCoalitionId: 10, at: t("05") }, // before: fine
      { partnerId: 2, subCoalitionId: 10, at: t("15") }, // after: too late
      { partnerId: 3, subCoalitionId: 11, at: t("01") }, // to another sub-table: does not count
    ];
    expect(actingWithoutNotice(departures, [], notices).map((a) => [a.kind, a.partnerId])).toEqual([
      ["withdrew", 3],
      ["withdrew", 2],
    ]);
  });

  it("a rival endorsement in the race shows unless that sub-table was told first; a notice at the same instant counts", () => {
    const rivals = [
      { partnerId: 1, subCoalitionId: 10, candidateId: 7, at: t("20") },
      { partnerId: 2, subCoalitionId: 10, candidateId: 7, at: t("21") },
    ];
    const notices = [{ partnerId: 2, subCoalitionId: 10, at: t("21") }];
    expect(actingWithoutNotice([], rivals, notices)).toEqual([{ kind: "endorsed_rival", partnerId: 1, subCoalitionId: 10, candidateId: 7, at: t("20") }]);
  });

  it("lists newest first, both kinds together", () => {
    const out = actingWithoutNotice([{ partnerId: 1, subCoalitionId: 10, at: t("02") }], [{ partnerId: 4, subCoalitionId: 10, candidateId: 7, at: t("09") }], []);
    expect(out.map((a) => a.kind)).toEqual(["endorsed_rival", "withdrew"]);
  });

  it("the form needs what and why; the agenda title names who, what kind and the sub-table", () => {
    expect(parseForm(noticeGiveForm, { partnerId: "3", kind: "endorsement", what: "We endorse on Monday", why: "Our board voted.", plannedOn: "" })).toMatchObject({ ok: true, data: { plannedOn: null } });
    const bad = parseForm(noticeGiveForm, { partnerId: "3", kind: "nonsense", what: "", why: "", plannedOn: "soon" });
    expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(["kind", "plannedOn", "what", "why"]);
    expect(noticeAgendaTitle("KA", "endorsement", "Renata Oyelaran")).toBe("Notice from KA: an endorsement announcement, outside the sub-table for Renata Oyelaran");
  });
});
