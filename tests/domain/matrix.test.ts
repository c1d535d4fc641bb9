import { describe, expect, it } from "vitest";
import { countLabel, matchesStatus, neededLabel, readMatrixFilter, stanceAt, stanceCodes } from "~/domain/matrix";

describe("the matrix's words", () => {
  it("reads a count against the threshold as partners and threshold, never '5 of 4'", () => {
    expect(countLabel(5, 4)).toBe("5 partners, threshold 4");
    expect(countLabel(1, 4)).toBe("1 partner, threshold 4");
    expect(countLabel(0, 2)).toBe("0 partners, threshold 2");
  });

  it("says how many more are needed, or that critical mass is reached", () => {
    expect(neededLabel(1)).toBe("1 more needed");
    expect(neededLabel(3)).toBe("3 more needed");
    expect(neededLabel(0)).toBe("critical mass");
  });
});

describe("stance codes: a row's stances as one letter per partner column", () => {
  it("round-trips every stance and none, in the columns' order", () => {
    const codes = stanceCodes({ 7: "endorsed", 3: "considering", 9: "declined", 4: "withdrawn", 99: "endorsed" }, [3, 4, 5, 7, 9]);
    expect(codes).toBe("CW.ED");
    expect([0, 1, 2, 3, 4].map((i) => stanceAt(codes, i))).toEqual(["considering", "withdrawn", null, "endorsed", "declined"]);
    expect(stanceAt(codes, 40)).toBeNull();
    expect(stanceCodes({}, [])).toBe("");
  });
});

describe("readMatrixFilter", () => {
  const read = (qs: string) => readMatrixFilter(new URLSearchParams(qs));

  it("reads state (any case), race, status and a trimmed name search", () => {
    expect(read("state=pa&race=12&status=nearing&q=%20Ana%20")).toEqual({ state: "PA", raceId: 12, status: "nearing", q: "Ana" });
    expect(read("")).toEqual({ state: null, raceId: null, status: null, q: null });
  });

  it("ignores junk: never an error", () => {
    expect(read("state=&race=1.5&status=__proto__&q=%20%20")).toEqual({ state: null, raceId: null, status: null, q: null });
    expect(read("race=0").raceId).toBeNull();
    expect(read("race=-3").raceId).toBeNull();
    expect(read("race=99999999999999999999").raceId).toBeNull();
    expect(read("state=Pennsylvania").state).toBe("PE");
    expect(read(`q=${"y".repeat(300)}`).q).toHaveLength(100);
  });

  it("keeps matchesStatus as the status filter's rule", () => {
    expect(matchesStatus({ count: 3 }, "nearing", 4)).toBe(true);
    expect(matchesStatus({ count: 4 }, "critical_mass", 4)).toBe(true);
  });
});
