import { describe, expect, it } from "vitest";
import { candidateProcessForm, cellText, isMidProcess, moveStep, processStepForm, stepProgress } from "~/domain/processes";
import { parseForm } from "~/domain/forms";

describe("a partner's own endorsement process (issue 17)", () => {
  it("a matrix cell reads the stance, then the step reached", () => {
    expect(cellText("considering", "Interview done")).toBe("Considering · Interview done");
    expect(cellText("endorsed", null)).toBe("Endorsed");
    expect(cellText(null, "Questionnaire sent")).toBe("Questionnaire sent");
    expect(cellText(null, null)).toBe("");
  });

  it("says how far along a step is", () => {
    expect(stepProgress(3, 6)).toBe("step 3 of 6");
  });

  it("a partner is mid-process while it has a step or a date and has not decided", () => {
    expect(isMidProcess({ stance: "considering", stepId: 4, expectedOn: null })).toBe(true);
    expect(isMidProcess({ stance: null, stepId: null, expectedOn: "2027-01-10" })).toBe(true);
    expect(isMidProcess({ stance: "considering", stepId: null, expectedOn: null })).toBe(false);
    for (const decided of ["endorsed", "declined", "withdrawn"] as const) expect(isMidProcess({ stance: decided, stepId: 4, expectedOn: "2027-01-10" })).toBe(false);
  });

  it("moves a step by one place, and not past either end", () => {
    const steps = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(moveStep(steps, 2, "up").map((s) => s.id)).toEqual([2, 1, 3]);
    expect(moveStep(steps, 2, "down").map((s) => s.id)).toEqual([1, 3, 2]);
    expect(moveStep(steps, 1, "up").map((s) => s.id)).toEqual([1, 2, 3]);
    expect(moveStep(steps, 3, "down").map((s) => s.id)).toEqual([1, 2, 3]);
    expect(moveStep(steps, 9, "up").map((s) => s.id)).toEqual([1, 2, 3]);
  });

  it("parses the forms, with a message per field", () => {
    const ok = parseForm(candidateProcessForm, { candidateId: "4", partnerId: "2", stepId: "", expectedOn: "2027-01-10" });
    expect(ok).toEqual({ ok: true, data: { candidateId: 4, partnerId: 2, stepId: null, expectedOn: "2027-01-10" } });
    const bad = parseForm(candidateProcessForm, { candidateId: "4", partnerId: "2", stepId: "x", expectedOn: "next week" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["expectedOn", "stepId"]);
    const empty = parseForm(processStepForm, { label: "  " });
    expect(empty.ok ? null : empty.errors.label).toMatch(/required/);
  });
});
