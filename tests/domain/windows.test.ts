import { describe, expect, it } from "vitest";
import { contentWindows, windowsOn, WINDOW_DAYS } from "~/domain/windows";
import { parseForm, raceForm } from "~/domain/forms";

const race = { primaryDate: "2028-04-25", generalDate: "2028-11-07", runoffDate: "2028-05-23", specialDate: null };

describe("F8: each election's content window is [E − 90 days, E], inclusive", () => {
  it("gives one window per election of the race, in date order", () => {
    expect(contentWindows(race, WINDOW_DAYS)).toEqual([
      { kind: "primary", election: "2028-04-25", opens: "2028-01-26", closes: "2028-04-25" },
      { kind: "runoff", election: "2028-05-23", opens: "2028-02-23", closes: "2028-05-23" },
      { kind: "general", election: "2028-11-07", opens: "2028-08-09", closes: "2028-11-07" },
    ]);
    expect(WINDOW_DAYS).toBe(90);
  });

  it("includes E − 90 and E, excludes E − 91 and E + 1", () => {
    const [primary] = contentWindows({ primaryDate: "2028-04-25", generalDate: "2028-11-07" }, WINDOW_DAYS);
    expect(windowsOn([primary], "2028-01-26")).toHaveLength(1); // E − 90
    expect(windowsOn([primary], "2028-01-25")).toHaveLength(0); // E − 91
    expect(windowsOn([primary], "2028-04-25")).toHaveLength(1); // E
    expect(windowsOn([primary], "2028-04-26")).toHaveLength(0); // E + 1
  });

  it("counts across a leap day and a year end", () => {
    const [w] = contentWindows({ primaryDate: "2028-03-07", generalDate: "2028-11-07" }, WINDOW_DAYS);
    expect(w.opens).toBe("2027-12-08");
  });

  it("a date can be in two windows at once (primary and runoff)", () => {
    expect(windowsOn(contentWindows(race, WINDOW_DAYS), "2028-04-01").map((w) => w.kind)).toEqual(["primary", "runoff"]);
  });

  it("a special election gets its own window", () => {
    const ws = contentWindows({ primaryDate: "2028-04-25", generalDate: "2028-11-07", specialDate: "2028-02-13" }, WINDOW_DAYS);
    expect(ws[0]).toEqual({ kind: "special", election: "2028-02-13", opens: "2027-11-15", closes: "2028-02-13" });
  });
});

describe("F8 at a table whose counsel set its own window (issue 13)", () => {
  it("a 60-day window opens on E − 60 and leaves E − 61 out", () => {
    const [primary] = contentWindows({ primaryDate: "2028-04-25", generalDate: "2028-11-07" }, 60);
    expect(primary).toEqual({ kind: "primary", election: "2028-04-25", opens: "2028-02-25", closes: "2028-04-25" });
    expect(windowsOn([primary], "2028-02-25")).toHaveLength(1);
    expect(windowsOn([primary], "2028-02-24")).toHaveLength(0);
  });
  it("a 120-day window takes in dates the federal 90 leave out", () => {
    const date = "2028-01-10";
    expect(windowsOn(contentWindows(race, WINDOW_DAYS), date)).toHaveLength(0);
    expect(windowsOn(contentWindows(race, 120), date).map((w) => w.kind)).toEqual(["primary"]);
  });
});

describe("race form: runoff and special dates", () => {
  const base = { office: "U.S. House", state: "GA", district: "6", seats: "1", primaryDate: "2028-05-23", generalDate: "2028-11-07" };
  it("accepts them optional, refuses a runoff on or before the primary", () => {
    expect(parseForm(raceForm, { ...base, runoffDate: "", specialDate: "" }).ok).toBe(true);
    expect(parseForm(raceForm, { ...base, runoffDate: "2028-06-20" }).ok).toBe(true);
    const r = parseForm(raceForm, { ...base, runoffDate: "2028-05-23" });
    expect(r.ok || r.errors.runoffDate).toBe("A runoff comes after the primary.");
    const bad = parseForm(raceForm, { ...base, specialDate: "soon" });
    expect(bad.ok || bad.errors.specialDate).toBe("Special election date must be a date (YYYY-MM-DD).");
  });
});
