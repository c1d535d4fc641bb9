import { describe, expect, it } from "vitest";
import type { Role } from "../../db/schema/users";
import { can, type Grant, type Permission, type Principal } from "~/domain/permissions";

/**
 * The shift permissions (issue 5) as a matrix, like permissions.test.ts. Table A (1);
 * partners P1, P2 seated at A, P3 at table B only. Affiliates X1 (P1), X2 (P2), X3 (P3).
 * The shift is hosted by X1 and co-hosted by X2.
 */
const A = 1;
const B = 2;
const [P1, P2, P3] = [11, 12, 13];
const [X1, X2, X3] = [101, 102, 103];
const SEATS: Record<number, number[]> = { [P1]: [A], [P2]: [A], [P3]: [B] };
const AFFILIATE_OF: Record<number, number> = { [X1]: P1, [X2]: P2, [X3]: P3 };

let grantId = 0;
function person(id: number, grants: Omit<Grant, "id">[], isAdmin = false): Principal {
  const affiliatePartner: Record<number, number> = {};
  for (const gr of grants) if (gr.affiliateId !== null) affiliatePartner[gr.affiliateId] = AFFILIATE_OF[gr.affiliateId];
  const partnerSeats: Record<number, number[]> = {};
  for (const pid of [...grants.map((gr) => gr.partnerId), ...Object.values(affiliatePartner)]) if (pid !== null) partnerSeats[pid] = SEATS[pid] ?? [];
  return { id, name: `Person ${id}`, email: `p${id}@example.test`, isAdmin, grants: grants.map((gr) => ({ id: ++grantId, ...gr })), partnerSeats, affiliatePartner };
}
const g = (role: Role, over: Partial<Omit<Grant, "id" | "role">> = {}): Omit<Grant, "id"> => ({ role, coalitionId: null, partnerId: null, affiliateId: null, ...over });

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

function matrix(perm: Permission, allowed: Who[]) {
  for (const who of EVERYONE) {
    const d = can(people[who], perm);
    expect(d.ok, `${who}: ${JSON.stringify(perm)}`).toBe(allowed.includes(who));
    if (!d.ok) expect(d.missing).toMatch(/needs|only|for /i);
  }
}

const host = { partnerId: P1, affiliateId: X1 };
const coHost = { partnerId: P2, affiliateId: X2 };

describe("shift permissions", () => {
  it("shift.manage (create, cancel): the host affiliate's lead and its partner's representative", () => {
    matrix({ action: "shift.manage", coalitionId: A, ...host }, ["rep1", "lead1"]);
  });
  it("shift.edit: the host's and every co-host's lead and representative; not the admin or facilitator", () => {
    matrix({ action: "shift.edit", coalitionId: A, hosts: [host, coHost] }, ["rep1", "lead1", "rep2", "lead2"]);
    matrix({ action: "shift.edit", coalitionId: A, hosts: [] }, []);
  });
  it("shift.edit at a table where the partner is not seated: nobody", () => {
    matrix({ action: "shift.edit", coalitionId: B, hosts: [host, coHost] }, []);
  });
  it("signup.create: the recruiting affiliate's lead and its partner's representative", () => {
    matrix({ action: "signup.create", coalitionId: A, ...coHost }, ["rep2", "lead2"]);
    // a lead cannot credit an affiliate that is not theirs, even of the same table
    expect(can(people.lead1, { action: "signup.create", coalitionId: A, ...coHost }).ok).toBe(false);
  });
  it("signup.contacts: the table's facilitator, the hosts and the recruiter", () => {
    matrix({ action: "signup.contacts", coalitionId: A, hosts: [host], recruiter: coHost }, ["facA", "rep1", "lead1", "rep2", "lead2"]);
    matrix({ action: "signup.contacts", coalitionId: A, hosts: [host], recruiter: host }, ["facA", "rep1", "lead1"]);
  });
  it("a signed-out person may do none of it", () => {
    expect(can(null, { action: "shift.edit", coalitionId: A, hosts: [host] }).ok).toBe(false);
  });
});
