import { describe, expect, it } from "vitest";
import { CREDIT_CSV_HEAD, creditCsvRows, deliveredShare, emptyFigures, rollUpCredit, type AffiliateCredit } from "~/domain/credit";

const aff = (over: Partial<AffiliateCredit>): AffiliateCredit => ({ ...emptyFigures(), affiliateId: 0, affiliateName: "", partnerId: 0, partnerName: "", ...over });

describe("rolling credit up per partner and for the sub-table", () => {
  // hand-computed: Papa's two chapters and Quebec's one; Romeo endorsed and did no field work
  const affiliates = [
    aff({ affiliateId: 11, affiliateName: "Papa Lehigh", partnerId: 1, partnerName: "Papa", shiftsHosted: 2, recruited: 5, walkIns: 1, attended: 4, hoursPledged: 20, hoursPledgedToDate: 12, hoursDelivered: 10.5, doors: 300 }),
    aff({ affiliateId: 12, affiliateName: "Papa Easton", partnerId: 1, partnerName: "Papa", shiftsCoHosted: 1, recruited: 2, attended: 2, hoursPledged: 4, hoursPledgedToDate: 4, hoursDelivered: 6, calls: 150 }),
    aff({ affiliateId: 21, affiliateName: "Quebec PA", partnerId: 2, partnerName: "Quebec", shiftsHosted: 1, recruited: 3, walkIns: 2, attended: 3, hoursPledged: 0, hoursPledgedToDate: 0, hoursDelivered: 3, texts: 900 }),
  ];
  const endorsements = [
    { partnerId: 1, partnerName: "Papa", firstEndorsed: "2026-02-01", stance: "endorsed" },
    { partnerId: 2, partnerName: "Quebec", firstEndorsed: "2026-02-15", stance: "withdrawn" },
    { partnerId: 3, partnerName: "Romeo", firstEndorsed: "2026-03-01", stance: "endorsed" },
  ];
  const { partners, total } = rollUpCredit(endorsements, affiliates);

  it("sums each partner's affiliates and keeps its endorsement and when", () => {
    const papa = partners.find((p) => p.partnerName === "Papa")!;
    expect(papa).toMatchObject({ endorsedOn: "2026-02-01", shiftsHosted: 2, shiftsCoHosted: 1, recruited: 7, walkIns: 1, attended: 6, hoursPledged: 24, hoursPledgedToDate: 16, hoursDelivered: 16.5, doors: 300, calls: 150, deliveredShare: 1.03 });
    expect(papa.affiliates.map((a) => a.affiliateName)).toEqual(["Papa Easton", "Papa Lehigh"]);
    expect(partners.find((p) => p.partnerName === "Quebec")).toMatchObject({ stance: "withdrawn", recruited: 3, walkIns: 2, deliveredShare: null });
    expect(partners.find((p) => p.partnerName === "Romeo")).toMatchObject({ endorsedOn: "2026-03-01", recruited: 0, affiliates: [] });
  });

  it("totals the sub-table", () => {
    expect(total).toMatchObject({ shiftsHosted: 3, shiftsCoHosted: 1, recruited: 10, walkIns: 3, attended: 9, hoursPledged: 24, hoursPledgedToDate: 16, hoursDelivered: 19.5, doors: 300, calls: 150, texts: 900 });
    expect(total.deliveredShare).toBe(1.22);
    expect(deliveredShare({ hoursPledgedToDate: 0, hoursDelivered: 5 })).toBeNull();
  });

  it("lays the CSV out one line per affiliate, and a line for a partner without field work", () => {
    const rows = creditCsvRows(partners);
    expect(CREDIT_CSV_HEAD.slice(0, 6)).toEqual(["partner", "affiliate", "endorsed_on", "stance", "shifts_hosted", "shifts_co_hosted"]);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["Papa", "Papa Easton"],
      ["Papa", "Papa Lehigh"],
      ["Quebec", "Quebec PA"],
      ["Romeo", ""],
    ]);
    expect(rows[1][CREDIT_CSV_HEAD.indexOf("recruited")]).toBe(5);
  });
});
