/**
 * Credit for each partner of a sub-table (issue 16): who endorsed and when, and what each
 * affiliate did in the sub-table's program. The figures per affiliate are summed in SQL
 * (app/models/credit.server.ts); these rules roll them up per partner and for the
 * sub-table, and lay them out for the CSV a partner can use in its own communications.
 *
 * What counts:
 * - a shift counts (hosted, co-hosted, its sign-ups, hours and results) unless it was cancelled;
 * - volunteers recruited: sign-ups not cancelled, credited to the recruiting affiliate, walk-ins
 *   (signed up once the shift had started) included and also counted apart;
 * - hours delivered: each attended sign-up's shift length, to the recruiting affiliate;
 * - hours pledged: every pledge, and those of weeks begun by today (what was owed so far).
 */

export type CreditFigures = {
  shiftsHosted: number;
  shiftsCoHosted: number;
  recruited: number;
  walkIns: number;
  attended: number;
  hoursPledged: number;
  hoursPledgedToDate: number;
  hoursDelivered: number;
  doors: number;
  calls: number;
  texts: number;
};

export type AffiliateCredit = CreditFigures & { affiliateId: number; affiliateName: string; partnerId: number; partnerName: string };
export type PartnerEndorsement = { partnerId: number; partnerName: string; firstEndorsed: string | null; stance: string | null };
export type PartnerCredit = CreditFigures & { partnerId: number; partnerName: string; endorsedOn: string | null; stance: string | null; affiliates: AffiliateCredit[]; deliveredShare: number | null };

export const CREDIT_FIELDS = ["shiftsHosted", "shiftsCoHosted", "recruited", "walkIns", "attended", "hoursPledged", "hoursPledgedToDate", "hoursDelivered", "doors", "calls", "texts"] as const satisfies readonly (keyof CreditFigures)[];

export const CREDIT_LABELS: Record<keyof CreditFigures, string> = {
  shiftsHosted: "Shifts hosted",
  shiftsCoHosted: "Shifts co-hosted",
  recruited: "Volunteers recruited",
  walkIns: "of them walk-ins",
  attended: "Volunteers who came",
  hoursPledged: "Hours pledged",
  hoursPledgedToDate: "Hours pledged to date",
  hoursDelivered: "Hours delivered",
  doors: "Doors knocked",
  calls: "Calls made",
  texts: "Texts sent",
};

export const emptyFigures = (): CreditFigures => Object.fromEntries(CREDIT_FIELDS.map((f) => [f, 0])) as CreditFigures;

const round1 = (n: number) => Math.round(n * 10) / 10;

function add(into: CreditFigures, from: CreditFigures): CreditFigures {
  for (const f of CREDIT_FIELDS) into[f] += from[f];
  return into;
}

function tidy<T extends CreditFigures>(f: T): T {
  return { ...f, hoursPledged: round1(f.hoursPledged), hoursPledgedToDate: round1(f.hoursPledgedToDate), hoursDelivered: round1(f.hoursDelivered) };
}

/** Delivered against pledged to date, as a share (null when nothing was owed yet). */
export function deliveredShare(f: Pick<CreditFigures, "hoursPledgedToDate" | "hoursDelivered">): number | null {
  return f.hoursPledgedToDate > 0 ? Math.round((f.hoursDelivered / f.hoursPledgedToDate) * 100) / 100 : null;
}

/**
 * Per partner (every partner that endorsed, and every partner whose affiliates worked, by
 * name) with its affiliates, and the sub-table's total.
 */
export function rollUpCredit(endorsements: readonly PartnerEndorsement[], affiliates: readonly AffiliateCredit[]): { partners: PartnerCredit[]; total: CreditFigures & { deliveredShare: number | null } } {
  const byPartner = new Map<number, PartnerCredit>();
  const at = (partnerId: number, partnerName: string) => {
    let p = byPartner.get(partnerId);
    if (!p) byPartner.set(partnerId, (p = { ...emptyFigures(), partnerId, partnerName, endorsedOn: null, stance: null, affiliates: [], deliveredShare: null }));
    return p;
  };
  for (const e of endorsements) Object.assign(at(e.partnerId, e.partnerName), { endorsedOn: e.firstEndorsed, stance: e.stance });
  for (const a of affiliates) {
    const p = at(a.partnerId, a.partnerName);
    add(p, a);
    p.affiliates.push(tidy(a));
  }
  const partners = [...byPartner.values()]
    .map((p) => ({ ...tidy(p), deliveredShare: deliveredShare(p), affiliates: p.affiliates.sort((x, y) => x.affiliateName.localeCompare(y.affiliateName)) }))
    .sort((x, y) => x.partnerName.localeCompare(y.partnerName));
  const total = tidy(partners.reduce((t, p) => add(t, p), emptyFigures()));
  return { partners, total: { ...total, deliveredShare: deliveredShare(total) } };
}

/** The CSV's header and one line per affiliate (and one per partner without field work). */
export const CREDIT_CSV_HEAD = ["partner", "affiliate", "endorsed_on", "stance", ...CREDIT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))];

export function creditCsvRows(partners: readonly PartnerCredit[]): (string | number | null)[][] {
  return partners.flatMap((p) =>
    p.affiliates.length
      ? p.affiliates.map((a) => [p.partnerName, a.affiliateName, p.endorsedOn, p.stance, ...CREDIT_FIELDS.map((f) => a[f])])
      : [[p.partnerName, "", p.endorsedOn, p.stance, ...CREDIT_FIELDS.map((f) => p[f])]],
  );
}
