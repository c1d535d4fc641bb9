import { describe, expect, it } from "vitest";
import type { Role } from "../../app/domain/vocabulary";
import { can, type Grant, type Permission, type Principal } from "~/domain/permissions";

/**
 * The permission actions of firewall rules F3–F5 (contact.record, wall.read, wall.manage,
 * vendor.manage, vendor.use), as a matrix: the people allowed are listed, everyone else is
 * denied with a message saying what is missing.
 *
 * Table A (1) seats P1 and P2; P3 sits at table B (2) only. X1 is P1's affiliate.
 */
const A = 1;
const B = 2;
const P1 = 11;
const P2 = 12;
const P3 = 13;
const X1 = 101;
const SEATS: Record<number, number[]> = { [P1]: [A], [P2]: [A], [P3]: [B] };

function person(grants: Omit<Grant, "id">[], isAdmin = false): Principal {
  const affiliatePartner: Record<number, number> = {};
  for (const gr of grants) if (gr.affiliateId !== null) affiliatePartner[gr.affiliateId] = P1;
  const partnerSeats: Record<number, number[]> = {};
  for (const pid of [...grants.map((gr) => gr.partnerId), ...Object.values(affiliatePartner)]) if (pid !== null) partnerSeats[pid] = SEATS[pid] ?? [];
  return { id: 1, name: "P", email: "p@example.test", isAdmin, grants: grants.map((gr, i) => ({ id: i + 1, ...gr })), partnerSeats, affiliatePartner };
}
const g = (role: Role, over: Partial<Omit<Grant, "id" | "role">> = {}): Omit<Grant, "id"> => ({ role, coalitionId: null, partnerId: null, affiliateId: null, ...over });

const PEOPLE = {
  admin: person([], true),
  facilitatorA: person([g("facilitator", { coalitionId: A })]),
  facilitatorB: person([g("facilitator", { coalitionId: B })]),
  repP1: person([g("partner_rep", { partnerId: P1 })]),
  counselP1: person([g("counsel", { partnerId: P1 })]),
  counselP2: person([g("counsel", { partnerId: P2 })]),
  repP3: person([g("partner_rep", { partnerId: P3 })]),
  counselP3: person([g("counsel", { partnerId: P3 })]),
  leadX1: person([g("affiliate_lead", { affiliateId: X1 })]),
  nobody: person([]),
};
type Who = keyof typeof PEOPLE;

const MATRIX: [Permission, Who[]][] = [
  [{ action: "contact.record", coalitionId: A }, ["admin", "facilitatorA", "repP1", "counselP1", "counselP2"]],
  [{ action: "contact.record", coalitionId: B }, ["admin", "facilitatorB", "repP3", "counselP3"]],
  [{ action: "wall.read", coalitionId: A }, ["admin", "facilitatorA", "counselP1", "counselP2"]],
  [{ action: "wall.manage", coalitionId: A, partnerId: P1 }, ["counselP1"]],
  [{ action: "wall.manage", coalitionId: A, partnerId: P3 }, []],
  [{ action: "wall.manage", coalitionId: B, partnerId: P3 }, ["counselP3"]],
  [{ action: "vendor.manage", coalitionId: A }, ["admin", "facilitatorA", "counselP1", "counselP2"]],
  [{ action: "vendor.use", coalitionId: A, partnerId: P1 }, ["repP1", "counselP1"]],
  [{ action: "vendor.use", coalitionId: A, partnerId: P3 }, []],
  [{ action: "vendor.use", coalitionId: A, partnerId: Number.NaN }, []],
];

describe("firewall F3–F5 permissions", () => {
  it.each(MATRIX.map(([perm, allowed]) => [JSON.stringify(perm), perm, allowed] as const))("%s", (_name, perm, allowed) => {
    for (const [who, p] of Object.entries(PEOPLE) as [Who, Principal][]) {
      const d = can(p, perm);
      expect(d.ok, `${who}`).toBe(allowed.includes(who));
      if (!d.ok) expect(d.missing, who).toMatch(/needs|only/i);
    }
  });

  it("denies a signed-out visitor", () => {
    for (const [perm] of MATRIX) expect(can(null, perm)).toEqual({ ok: false, missing: expect.stringMatching(/sign in/) });
  });

  it("a counsel whose partner sits at another table gets nothing here: P3's counsel cannot read table A's roster", () => {
    expect(can(PEOPLE.counselP3, { action: "wall.read", coalitionId: A }).ok).toBe(false);
  });
});
