import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aboutValue, CONCERN_STALE_DAYS, concernAgendaTitle, concernForm, isStaleConcern, readAbout, staleBefore } from "~/domain/concerns";
import { addDays } from "~/domain/dates";
import { parseForm } from "~/domain/forms";

describe("concerns with reasons (issue 17)", () => {
  it("reads what a concern is about, and nothing else", () => {
    expect(readAbout("candidate:12")).toEqual({ subject: "candidate", id: 12 });
    expect(readAbout("decision:9")).toEqual({ subject: "decision", id: 9 });
    for (const bad of ["", "candidate:", "candidate:0", "candidate:01", "race:3", "candidate:1.5", "x:1"]) expect(readAbout(bad), bad).toBeNull();
    expect(aboutValue({ subject: "agreement", id: 4 })).toBe("agreement:4");
  });

  it("needs a concern and a reason; a public source needs its URL and date", () => {
    const base = { about: "candidate:3", partnerId: "2", concern: "Her labor record", reason: "She voted against the PRO Act in the state senate." };
    expect(parseForm(concernForm, base)).toMatchObject({ ok: true, data: { sourceKind: "research", sourceUrl: null } });
    const none = parseForm(concernForm, { ...base, concern: "", reason: " " });
    expect(none.ok ? [] : Object.keys(none.errors).sort()).toEqual(["concern", "reason"]);
    const pub = parseForm(concernForm, { ...base, sourceKind: "public" });
    expect(pub.ok ? [] : Object.keys(pub.errors).sort()).toEqual(["capturedAt", "sourceUrl"]);
    const about = parseForm(concernForm, { ...base, about: "race:3" });
    expect(about.ok ? null : about.errors.about).toMatch(/about/);
  });

  it("the agenda item names who and what, never the concern's words (they may be a campaign's, rule F2)", () => {
    expect(concernAgendaTitle("KA", "Renata Oyelaran (U.S. House PA-07)")).toBe("Concern from KA about Renata Oyelaran (U.S. House PA-07)");
    expect(concernAgendaTitle("KA", "x".repeat(400)).length).toBe(300);
  });

  it("a concern is stale once open more than two weeks, and the SQL bound (created before staleBefore) says the same", () => {
    expect(isStaleConcern({ status: "open", createdAt: "2026-11-01T10:00:00.000Z" }, "2026-11-16")).toBe(true);
    expect(isStaleConcern({ status: "open", createdAt: "2026-11-02T10:00:00.000Z" }, "2026-11-16")).toBe(false);
    expect(isStaleConcern({ status: "answered", createdAt: "2026-01-01T10:00:00.000Z" }, "2026-11-16")).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 86_399 }), (age, second) => {
        const today = "2026-11-20";
        const createdAt = `${addDays(today, -age)}T${new Date(second * 1000).toISOString().slice(11, 23)}Z`;
        expect(createdAt < staleBefore(today)).toBe(isStaleConcern({ status: "open", createdAt }, today));
        expect(isStaleConcern({ status: "open", createdAt }, today)).toBe(age > CONCERN_STALE_DAYS);
      }),
    );
  });
});
