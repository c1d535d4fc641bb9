import { describe, expect, it } from "vitest";
import { effectiveLengths, FEDERAL_LENGTHS, governingLaw, lengthsBasisText, lengthsForm, lengthsRefusal } from "~/domain/firewall-lengths";
import { parseForm } from "~/domain/forms";

const stored = { windowDays: 60, lookbackDays: 180, basisNote: "Minn. Stat. 10A (counsel's reading)", setByName: "Cass Counsel", setAt: "2026-11-20T10:00:00.000Z" };

describe("the firewall by level: whose lengths a table applies", () => {
  it("a federal table applies the federal rules until counsel sets its own", () => {
    expect(effectiveLengths("federal", null)).toMatchObject({ windowDays: 90, lookbackDays: 120, basis: "federal_rules" });
    expect(effectiveLengths("federal", { ...stored, windowDays: 120, lookbackDays: 120 })).toMatchObject({ windowDays: 120, basis: "counsel" });
  });
  it("a state or municipal table unset applies the federal lengths as a stand-in, labelled as not the state's law", () => {
    for (const level of ["state_legislative", "municipal"] as const) {
      const l = effectiveLengths(level, null);
      expect(l).toMatchObject({ ...FEDERAL_LENGTHS, basis: "federal_stand_in" });
      expect(lengthsBasisText(l)).toContain("Counsel has not set");
      expect(lengthsBasisText(l)).toContain("not the state's law");
      expect(governingLaw(level)).toMatch(/^State law governs/);
    }
    expect(governingLaw("federal")).toMatch(/^Federal law governs/);
  });
  it("once counsel sets them, a state table applies counsel's lengths and says who set them, when, and on what", () => {
    const l = effectiveLengths("state_legislative", stored);
    expect(l).toMatchObject({ windowDays: 60, lookbackDays: 180, basis: "counsel" });
    expect(lengthsBasisText(l)).toBe("Set by counsel (Cass Counsel) on 2026-11-20: Minn. Stat. 10A (counsel's reading)");
  });
});

describe("counsel's lengths form", () => {
  it("takes whole days in range and refuses the rest with a message on the field", () => {
    const ok = parseForm(lengthsForm, { partnerId: "3", windowDays: "60", lookbackDays: "180", basisNote: "" });
    expect(ok.ok && ok.data).toEqual({ partnerId: 3, windowDays: 60, lookbackDays: 180, basisNote: null });
    const bad = parseForm(lengthsForm, { windowDays: "0", lookbackDays: "2.5" });
    expect(bad.ok || bad.errors.windowDays).toBe("Content window (days) must be from 1 to 365.");
    expect(bad.ok || bad.errors.lookbackDays).toBe("Lookback (days) must be a whole number.");
  });
  it("a federal table may lengthen the federal periods but not shorten them; a state table may set any length", () => {
    expect(lengthsRefusal("federal", { windowDays: 89, lookbackDays: 120 })?.field).toBe("windowDays");
    expect(lengthsRefusal("federal", { windowDays: 90, lookbackDays: 119 })?.field).toBe("lookbackDays");
    expect(lengthsRefusal("federal", { windowDays: 120, lookbackDays: 150 })).toBeNull();
    expect(lengthsRefusal("state_legislative", { windowDays: 30, lookbackDays: 60 })).toBeNull();
    expect(lengthsRefusal("municipal", { windowDays: 30, lookbackDays: 60 })).toBeNull();
  });
});
