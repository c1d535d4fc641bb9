import { describe, expect, it } from "vitest";
import { defaultSide, mayReceiveCampaignInfo, withheldNotice, withholdCampaign } from "~/domain/firewall";
import { LEGAL_TYPES } from "../../app/domain/vocabulary";

describe("sides from the legal-type table", () => {
  it("a 501(c)(3) has no side; every other type starts independent until its counsel says otherwise", () => {
    for (const t of LEGAL_TYPES) expect(defaultSide(t)).toBe(t === "c3" ? "none" : "independent");
  });
});

describe("F2: an independent-side user never receives campaign information", () => {
  it("neutral staff with no member role may receive it", () => {
    expect(mayReceiveCampaignInfo([])).toBe(true);
  });
  it("a person acting for an independent or nonpartisan member may not", () => {
    expect(mayReceiveCampaignInfo(["independent"])).toBe(false);
    expect(mayReceiveCampaignInfo(["none"])).toBe(false);
  });
  it("a person holding roles in a c4 and in its connected coordinated PAC is walled", () => {
    expect(mayReceiveCampaignInfo(["independent", "coordinated"])).toBe(false);
    expect(mayReceiveCampaignInfo(["coordinated"])).toBe(true);
  });
  it("withholds exactly the campaign items and counts them", () => {
    const items = [
      { id: 1, sourceKind: "public" as const },
      { id: 2, sourceKind: "campaign" as const },
      { id: 3, sourceKind: "research" as const },
      { id: 4, sourceKind: "campaign" as const },
    ];
    expect(withholdCampaign(items, false)).toEqual({ visible: [items[0], items[2]], withheld: 2 });
    expect(withholdCampaign(items, true)).toEqual({ visible: items, withheld: 0 });
  });
  it("says how many were withheld, and nothing when none were", () => {
    expect(withheldNotice(0)).toBeNull();
    expect(withheldNotice(1)).toMatch(/^1 note from the campaign is withheld under your firewall/);
    // issue 15: counsel is told what counsel can do, never to "ask your counsel"
    const toCounsel = withheldNotice(2, "note", "counsel")!;
    expect(toCounsel).toMatch(/^2 notes from the campaign are withheld/);
    expect(toCounsel).not.toMatch(/ask your counsel/i);
    expect(toCounsel).toMatch(/Sides page/);
    expect(toCounsel).toMatch(/wall roster/);
    expect(withheldNotice(2)).toMatch(/^2 notes from the campaign are withheld under your firewall/);
  });
});
