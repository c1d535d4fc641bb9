import { describe, expect, it } from "vitest";
import { draftAgenda, formatMeetingTime, isOverdue, mdEscape, openActionsText, meetingMarkdown, newDraftItems, utcToZoned, type AgendaDraftInput } from "~/domain/meetings";
import { localToUtc } from "~/domain/zoned-time";

/** A meeting's instant, as createMeeting computes it (localToUtc; a refused time has none). */
const zonedToUtc = (date: string, time: string, zone: string) => {
  const r = localToUtc(`${date}T${time}`, zone);
  return r.ok ? r.iso : null;
};

describe("meeting times: wall clock in the meeting's zone ↔ UTC instant", () => {
  it("converts in winter and in summer", () => {
    expect(zonedToUtc("2026-12-01", "19:00", "America/New_York")).toBe("2026-12-02T00:00:00.000Z");
    expect(zonedToUtc("2026-07-01", "19:00", "America/New_York")).toBe("2026-07-01T23:00:00.000Z");
    expect(zonedToUtc("2026-07-01", "09:30", "America/Los_Angeles")).toBe("2026-07-01T16:30:00.000Z");
    expect(zonedToUtc("2026-07-01", "09:30", "UTC")).toBe("2026-07-01T09:30:00.000Z");
  });
  it("round-trips, across the change to and from daylight time", () => {
    for (const [d, t] of [
      ["2026-03-08", "03:30"],
      ["2026-11-01", "00:30"],
      ["2026-11-01", "03:00"],
      ["2027-01-15", "12:00"],
    ]) {
      expect(utcToZoned(zonedToUtc(d, t, "America/Chicago")!, "America/Chicago")).toEqual({ date: d, time: t });
    }
  });
  it("a time skipped when clocks go forward is refused with a message, not moved", () => {
    expect(localToUtc("2026-03-08T02:30", "America/New_York")).toMatchObject({ ok: false, reason: "gap", message: expect.stringMatching(/daylight saving/) });
  });
  it("a time repeated when clocks go back takes its first occurrence", () => {
    expect(zonedToUtc("2026-11-01", "01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });
  it("formats in the meeting's own zone", () => {
    expect(formatMeetingTime("2026-12-02T00:00:00.000Z", "America/New_York")).toBe("Tue, Dec 1, 2026, 7:00 PM EST");
    expect(formatMeetingTime("2026-12-02T00:00:00.000Z", "America/Los_Angeles")).toBe("Tue, Dec 1, 2026, 4:00 PM PST");
  });
});

describe("isOverdue", () => {
  it("an open item is overdue the day after its due date, not on it", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-11-21" }, "2026-11-21")).toBe(false);
    expect(isOverdue({ status: "open", dueDate: "2026-11-21" }, "2026-11-22")).toBe(true);
    expect(isOverdue({ status: "done", dueDate: "2026-11-01" }, "2026-11-22")).toBe(false);
    expect(isOverdue({ status: "dropped", dueDate: "2026-11-01" }, "2026-11-22")).toBe(false);
  });
});

const INPUT: AgendaDraftInput = {
  threshold: 4,
  nearing: [{ candidateId: 7, candidateName: "Ana Ruiz", raceId: 3, raceLabel: "PA-07", count: 3 }],
  splitRaces: [{ raceId: 5, raceLabel: "OH-09", candidates: [{ name: "Bo", partners: ["KA", "BVA"] }, { name: "Cy", partners: ["TCA"] }] }],
  newSubTables: [{ candidateId: 9, candidateName: "Dee Park", raceId: 4, raceLabel: "MI-11", memberCount: 4 }],
  stanceChanges: [
    { candidateId: 7, candidateName: "Ana Ruiz", raceId: 3, partnerShortName: "KA", stance: "considering" },
    { candidateId: 9, candidateName: "Dee Park", raceId: 4, partnerShortName: "PNA", stance: "endorsed" },
    { candidateId: 7, candidateName: "Ana Ruiz", raceId: 3, partnerShortName: "KA", stance: "endorsed" },
  ],
  openActionItems: 2,
};

describe("draftAgenda", () => {
  it("orders new sub-tables, races nearing critical mass, split races, stance changes, then open action items", () => {
    expect(draftAgenda(INPUT)).toEqual([
      { title: "New sub-table: Dee Park (MI-11), 4 partners", raceId: 4, candidateId: 9 },
      { title: "Nearing critical mass: Ana Ruiz (PA-07), 3 of 4", raceId: 3, candidateId: 7 },
      { title: "Split race: OH-09 (Bo: KA, BVA; Cy: TCA)", raceId: 5, candidateId: null },
      { title: "Stances changed: Ana Ruiz (KA endorsed)", raceId: 3, candidateId: 7 },
      { title: "Stances changed: Dee Park (PNA endorsed)", raceId: 4, candidateId: 9 },
      { title: "Review open action items (2)", raceId: null, candidateId: null },
    ]);
  });
  it("is empty for a quiet table", () => {
    expect(draftAgenda({ threshold: 4, nearing: [], splitRaces: [], newSubTables: [], stanceChanges: [], openActionItems: 0 })).toEqual([]);
  });
  it("pre-filling twice adds nothing twice", () => {
    const draft = draftAgenda(INPUT);
    expect(newDraftItems(draft.map((d) => d.title), draft)).toEqual([]);
    expect(newDraftItems([draft[0].title], draft)).toEqual(draft.slice(1));
    expect(newDraftItems([], [draft[0], draft[0]])).toEqual([draft[0]]);
  });
});

describe("meetingMarkdown", () => {
  it("writes the meeting with notes and their sources, decisions and action items, escaping markup", () => {
    const md = meetingMarkdown({
      title: "Table meeting *November*",
      kindLabel: "Table meeting",
      when: "Tue, Dec 1, 2026, 7:00 PM EST",
      location: "Zoom",
      agendaStatus: "published",
      invitees: [
        { name: "KA", attended: true },
        { name: "BVA", attended: false },
        { name: "TCA", attended: null },
      ],
      items: [{ position: 1, title: "Split race: OH-09", about: "OH-09", notes: [{ body: "Polling <b>close</b>", sourceKind: "public", sourceUrl: "https://example.org/poll", capturedAt: "2026-11-20" }] }],
      decisions: [{ text: "Convene OH-09 call", item: "Split race: OH-09", partners: ["BVA", "KA"] }],
      actionItems: [{ text: "Send turf list", owner: "KA", dueDate: "2026-11-21", status: "open", overdue: true }],
      withheldNotice: null,
    });
    expect(md).toContain("# Table meeting \\*November\\*");
    expect(md).toContain("- KA (attended)\n- BVA (absent)\n- TCA\n");
    expect(md).toContain("1. Split race: OH-09 (OH-09)\n    - Polling \\<b\\>close\\</b\\> _[source: public, https://example.org/poll, captured 2026-11-20]_");
    expect(md).toContain("- Convene OH-09 call (on: Split race: OH-09). Taking part: BVA, KA");
    expect(md).toContain("- [ ] Send turf list: KA, due 2026-11-21, open (OVERDUE)");
  });
  it("says when the agenda is a draft and when notes were withheld", () => {
    const md = meetingMarkdown({ title: "T", kindLabel: "Table meeting", when: "w", location: null, agendaStatus: "draft", invitees: [], items: [], decisions: [], actionItems: [], withheldNotice: "1 note from the campaign is withheld" });
    expect(md).toContain("_Draft agenda: not yet published._");
    expect(md).toContain("> 1 note from the campaign is withheld");
  });
  it("mdEscape keeps a note on one line", () => {
    expect(mdEscape("a\nb|c")).toBe("a b\\|c");
  });
});

describe("openActionsText: a meeting's open action items in words (issue 15: not \"1 [1 overdue]\")", () => {
  it("says none, the open count, and the overdue count apart", () => {
    expect(openActionsText(0, 0)).toEqual({ open: "None", overdue: null });
    expect(openActionsText(2, 0)).toEqual({ open: "2 open", overdue: null });
    expect(openActionsText(1, 1)).toEqual({ open: "1 open", overdue: "1 overdue" });
  });
});
