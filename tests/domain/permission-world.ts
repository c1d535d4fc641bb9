import { expect } from "vitest";
import type { Role } from "../../app/domain/vocabulary";
import { can, type Grant, type Permission, type Principal } from "~/domain/permissions";

/**
 * The world of the permission matrix tests (permissions.test.ts, field-permissions.test.ts):
 * table A (1) and table B (2). Partners P1 and P2 sit at A, P3 sits at B only.
 * Affiliates X1 (of P1), X2 (of P2), X3 (of P3). One person per role.
 */
export const A = 1;
export const B = 2;
export const P1 = 11;
export const P2 = 12;
export const P3 = 13;
export const X1 = 101;
export const X2 = 102;
export const X3 = 103;
export const SEATS: Record<number, number[]> = { [P1]: [A], [P2]: [A], [P3]: [B] };
export const AFFILIATE_OF: Record<number, number> = { [X1]: P1, [X2]: P2, [X3]: P3 };

let grantId = 0;
export function person(id: number, grants: Omit<Grant, "id">[], isAdmin = false): Principal {
  // What loadPrincipal would load: seats of every partner named directly or through an affiliate.
  const affiliatePartner: Record<number, number> = {};
  for (const g of grants) if (g.affiliateId !== null) affiliatePartner[g.affiliateId] = AFFILIATE_OF[g.affiliateId];
  const partnerSeats: Record<number, number[]> = {};
  for (const pid of [...grants.map((g) => g.partnerId), ...Object.values(affiliatePartner)]) {
    if (pid !== null) partnerSeats[pid] = SEATS[pid] ?? [];
  }
  return { id, name: `Person ${id}`, email: `p${id}@example.test`, isAdmin, grants: grants.map((g) => ({ id: ++grantId, ...g })), partnerSeats, affiliatePartner };
}
export const g = (role: Role, over: Partial<Omit<Grant, "id" | "role">> = {}): Omit<Grant, "id"> => ({
  role,
  coalitionId: null,
  partnerId: null,
  affiliateId: null,
  ...over,
});

export const people = {
  admin: person(1, [], true),
  facA: person(2, [g("facilitator", { coalitionId: A })]),
  facB: person(3, [g("facilitator", { coalitionId: B })]),
  rep1: person(4, [g("partner_rep", { partnerId: P1 })]),
  rep2: person(5, [g("partner_rep", { partnerId: P2 })]),
  rep3: person(6, [g("partner_rep", { partnerId: P3 })]),
  counsel1: person(7, [g("counsel", { partnerId: P1 })]),
  lead1: person(8, [g("affiliate_lead", { affiliateId: X1 })]),
  lead2: person(9, [g("affiliate_lead", { affiliateId: X2 })]),
  lead3: person(10, [g("affiliate_lead", { affiliateId: X3 })]),
  nobody: person(11, []),
};
export type Who = keyof typeof people;
export const EVERYONE = Object.keys(people) as Who[];

/** Asserts exactly `allowed` may do `perm`; everybody else is denied with a message. */
export function matrix(perm: Permission, allowed: Who[]) {
  for (const who of EVERYONE) {
    const d = can(people[who], perm);
    if (allowed.includes(who)) {
      expect(d, `${who} should be allowed ${JSON.stringify(perm)}`).toEqual({ ok: true });
    } else {
      expect(d.ok, `${who} should be denied ${JSON.stringify(perm)}`).toBe(false);
      if (!d.ok) expect(d.missing.length).toBeGreaterThan(10);
    }
  }
}

