import { describe, expect, it } from "vitest";
import { parseForm } from "~/domain/forms";
import { answerForm, answerSourceProblem, questionOwner } from "~/domain/questions";
import { changed, wordDiff } from "~/domain/text-diff";
import fc from "fast-check";

const base = { questionId: "3", candidateId: "7", body: "Yes: Medicare for All." };

describe("an answer's source (rule F2)", () => {
  it("what the campaign gave the table is campaign information, and needs no URL", () => {
    const r = parseForm(answerForm, { ...base, sourceKind: "campaign" });
    expect(r).toMatchObject({ ok: true, data: { sourceKind: "campaign", sourceUrl: null } });
  });

  it("a published answer is public only with the URL where it was published and the date captured", () => {
    expect(parseForm(answerForm, { ...base, sourceKind: "public" })).toMatchObject({ ok: false, errors: { sourceUrl: expect.stringContaining("URL"), capturedAt: expect.any(String) } });
    const ok = parseForm(answerForm, { ...base, sourceKind: "public", sourceUrl: "https://example.com/q", capturedAt: "2026-11-02" });
    expect(ok).toMatchObject({ ok: true, data: { sourceKind: "public", sourceUrl: "https://example.com/q", capturedAt: "2026-11-02" } });
  });

  it("an answer is never the table's research, and the source must be chosen", () => {
    expect(parseForm(answerForm, { ...base, sourceKind: "research" })).toMatchObject({ ok: false, errors: { sourceKind: expect.any(String) } });
    expect(parseForm(answerForm, { ...base })).toMatchObject({ ok: false, errors: { sourceKind: expect.any(String) } });
  });

  it("the model's own check says the same, field by field", () => {
    expect(answerSourceProblem({ sourceKind: "research", sourceUrl: null, capturedAt: null })?.field).toBe("sourceKind");
    expect(answerSourceProblem({ sourceKind: "public", sourceUrl: null, capturedAt: "2026-11-02" })?.field).toBe("sourceUrl");
    expect(answerSourceProblem({ sourceKind: "public", sourceUrl: "https://e.org/a", capturedAt: null })?.field).toBe("capturedAt");
    expect(answerSourceProblem({ sourceKind: "public", sourceUrl: "https://e.org/a", capturedAt: "2026-11-02" })).toBeNull();
    expect(answerSourceProblem({ sourceKind: "campaign", sourceUrl: null, capturedAt: null })).toBeNull();
  });

  it("says whose a question is", () => {
    expect(questionOwner({ partnerShortName: null, proposedByShortName: null })).toBe("The table");
    expect(questionOwner({ partnerShortName: null, proposedByShortName: "KA" })).toBe("The table (proposed by KA)");
    expect(questionOwner({ partnerShortName: "KA", proposedByShortName: null })).toBe("KA's own");
  });
});

describe("the word diff of an agreement change", () => {
  it("marks the words removed and added, keeping the rest", () => {
    const parts = wordDiff("Members decide together on the joint field plan.", "Members decide together on the joint field plan and its budget.");
    expect(parts).toEqual([
      { kind: "same", text: "Members decide together on the joint field " },
      { kind: "removed", text: "plan." },
      { kind: "added", text: "plan and its budget." },
    ]);
    expect(changed(parts)).toBe(true);
    expect(changed(wordDiff("same text", "same text"))).toBe(false);
  });

  it("a replaced word in the middle", () => {
    expect(wordDiff("each keeps its own list", "each keeps its shared list")).toEqual([
      { kind: "same", text: "each keeps its " },
      { kind: "removed", text: "own" },
      { kind: "added", text: "shared" },
      { kind: "same", text: " list" },
    ]);
  });

  it("rebuilds both texts, for any texts", () => {
    const word = fc.constantFrom("a", "b", "plan", "the", "credit", "\n", "  ");
    const text = fc.array(word, { maxLength: 30 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = wordDiff(a, b);
        expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(a);
        expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(b);
        expect(parts.every((p, i) => i === 0 || p.kind !== parts[i - 1].kind)).toBe(true);
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it("stays bounded on long texts (one removal and one addition past the limit)", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(" ");
    const parts = wordDiff(a, b);
    expect(parts.map((p) => p.kind)).toEqual(["removed", "added"]);
  });
});
