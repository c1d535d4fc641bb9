import { describe, expect, it } from "vitest";
import { effectiveLegalType, LEGAL_TYPE_LABELS, mayEndorse } from "~/domain/legal-types";
import { LEGAL_TYPES } from "../../app/domain/vocabulary";

describe("mayEndorse", () => {
  it("F1: a 501(c)(3) is refused with rule F1 and a clear message", () => {
    const r = mayEndorse("c3");
    expect(r.allowed).toBe(false);
    if (!r.allowed) {
      expect(r.rule).toBe("F1");
      expect(r.message).toContain("501(c)(3)");
      expect(r.message).toContain("F1");
      expect(r.message).toMatch(/recorded/);
    }
  });

  it.each(LEGAL_TYPES.filter((t) => t !== "c3"))("allows %s to record an endorsement", (type) => {
    expect(mayEndorse(type)).toEqual({ allowed: true });
  });

  it("covers every legal type: only c3 is refused", () => {
    const refused = LEGAL_TYPES.filter((t) => !mayEndorse(t).allowed);
    expect(refused).toEqual(["c3"]);
  });
});

describe("effectiveLegalType", () => {
  it("an affiliate without its own legal type inherits the partner's", () => {
    expect(effectiveLegalType({ legalType: null }, { legalType: "c4" })).toBe("c4");
    expect(effectiveLegalType({ legalType: null }, { legalType: "c3" })).toBe("c3");
  });

  it("an affiliate's own legal type wins over the partner's", () => {
    expect(effectiveLegalType({ legalType: "c3" }, { legalType: "c4" })).toBe("c3");
    expect(effectiveLegalType({ legalType: "pac" }, { legalType: "c3" })).toBe("pac");
  });

  it("F1: a c3 affiliate of a c4 partner is refused; a c4 affiliate of a c3 partner is allowed", () => {
    expect(mayEndorse(effectiveLegalType({ legalType: "c3" }, { legalType: "c4" })).allowed).toBe(false);
    expect(mayEndorse(effectiveLegalType({ legalType: null }, { legalType: "c3" })).allowed).toBe(false);
    expect(mayEndorse(effectiveLegalType({ legalType: "c4" }, { legalType: "c3" })).allowed).toBe(true);
  });
});

describe("LEGAL_TYPE_LABELS", () => {
  it("labels every legal type", () => {
    expect(Object.keys(LEGAL_TYPE_LABELS).sort()).toEqual([...LEGAL_TYPES].sort());
    expect(LEGAL_TYPE_LABELS.c3).toBe("501(c)(3)");
  });
});
