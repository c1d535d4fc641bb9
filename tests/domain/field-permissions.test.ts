import { describe, expect, it } from "vitest";
import type { Role } from "../../db/schema/users";
import { can, type Grant, type Permission, type Principal } from "~/domain/permissions";

/**
 * The permissions of joint field work (issue 5), as a matrix like tests/domain/permissions.test.ts.
 * Table A (1) seats P1 and P2; B (2) seats P3. X1, X2, X3 are their affiliates.
 * The sub-table of the program has member partners P1 only, or P1 and P2.
 */
const A = 1;
const B = 2;
const P1 = 11;
const P2 = 12;
const P3 = 13;
const X1 = 101;
const X2 = 102;
const X3 = 103;
const SEATS: Record<number, number[]> = { [P1]: [A], [P2]: [A], [P3]: [B] };
const AFFILIATE_OF: Record<number, number> = { [X1]: P1, [X2]: P2, [X3]: P3 };

let grantId = 0;
function person(id: number, grants: Omit<Grant, "id">[], isAdmin = false): Principal {
  // What loadPrincipal would load: seats of every partner named directly or through an affiliate.
  const affiliatePartner: Record<number, number> = {};
  for (const g of grants) if (g.affiliateId !== null) affiliatePartner[g.affiliateId] = AFFILIATE_OF[g.affiliateId];
  const partnerSeats: Record<number, number[]> = {};
  for (const pid of [...grants.map((g) => g.partnerId), ...Object.values(affiliatePartner)]) {
    if (pid !== null) partnerSeats[pid] = SEATS[pid] ?? [];
  }
  return { id, name: `Person ${id}`, email: `p${id}@example.test`, isAdmin, grants: grants.map((g) => ({ id: ++grantId, ...g })), partnerSeats, affiliatePartner };
}
const g = (role: Role, over: Partial<Omit<Grant, "id" | "role">> = {}): Omit<Grant, "id"> => ({
  role,
  coalitionId: null,
  partnerId: null,
  affiliateId: null,
  ...over,
});

const people = {
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
type Who = keyof typeof people;
const EVERYONE = Object.keys(people) as Who[];

/** Asserts exactly `allowed` may do `perm`; everybody else is denied with a message. */
function matrix(perm: Permission, allowed: Who[]) {
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


const cases: [string, Permission, Who[]][] = [
  ["program.manage, members P1", { action: "program.manage", coalitionId: A, memberPartnerIds: [P1] }, ["admin", "facA", "rep1"]],
  ["program.manage, members P1 P2", { action: "program.manage", coalitionId: A, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep1", "rep2"]],
  ["program.manage at A by a member not seated", { action: "program.manage", coalitionId: A, memberPartnerIds: [P3] }, ["admin", "facA"]],
  ["program.turf, members P1", { action: "program.turf", coalitionId: A, memberPartnerIds: [P1] }, ["admin", "facA", "rep1", "lead1"]],
  ["program.turf, members P1 P2", { action: "program.turf", coalitionId: A, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep1", "rep2", "lead1", "lead2"]],
  ["program.turf at B", { action: "program.turf", coalitionId: B, memberPartnerIds: [P3] }, ["admin", "facB", "rep3", "lead3"]],
  ["pledge.record X1", { action: "pledge.record", coalitionId: A, partnerId: P1, affiliateId: X1, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep1", "lead1"]],
  ["pledge.record X2", { action: "pledge.record", coalitionId: A, partnerId: P2, affiliateId: X2, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep2", "lead2"]],
  ["pledge.record X2 when P2 is not a member", { action: "pledge.record", coalitionId: A, partnerId: P2, affiliateId: X2, memberPartnerIds: [P1] }, []],
  ["pledge.record X1 claimed under P2", { action: "pledge.record", coalitionId: A, partnerId: P2, affiliateId: X1, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep2"]],
  ["pledge.record X3 at A (not seated)", { action: "pledge.record", coalitionId: A, partnerId: P3, affiliateId: X3, memberPartnerIds: [P3] }, ["admin", "facA"]],
];

describe("can(): joint field work", () => {
  it.each(cases)("%s", (_name, perm, allowed) => matrix(perm, allowed));
  it("nobody signed in may do any of it", () => {
    for (const [, perm] of cases) expect(can(null, perm).ok).toBe(false);
  });
});
