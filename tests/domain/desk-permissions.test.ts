import { describe, expect, it } from "vitest";
import type { Role } from "../../app/domain/vocabulary";
import { can, type Grant, type Principal } from "~/domain/permissions";

/**
 * The facilitator's desk's permissions: a partner's representative signs off its own
 * partner's agreement version (no one signs for it, not even the facilitator), and an action
 * item's status is changed by the facilitator or by its owner (the owning partner's
 * representative, or the owning affiliate's lead).
 *
 * Table A (1) seats P1 and P2; P3 sits at table B (2) only. X1 is P1's affiliate, X2 another of P1's.
 */
const A = 1;
const P1 = 11;
const P2 = 12;
const P3 = 13;
const X1 = 101;
const X2 = 102;
const SEATS: Record<number, number[]> = { [P1]: [A], [P2]: [A], [P3]: [2] };
const AFFILIATE_OF: Record<number, number> = { [X1]: P1, [X2]: P1 };

function person(grants: { role: Role; coalitionId?: number; partnerId?: number; affiliateId?: number }[], isAdmin = false): Principal {
  const full: Grant[] = grants.map((g, i) => ({ id: i + 1, role: g.role, coalitionId: g.coalitionId ?? null, partnerId: g.partnerId ?? null, affiliateId: g.affiliateId ?? null }));
  const affiliatePartner: Record<number, number> = {};
  for (const g of full) if (g.affiliateId !== null) affiliatePartner[g.affiliateId] = AFFILIATE_OF[g.affiliateId];
  const partnerSeats: Record<number, number[]> = {};
  for (const pid of [...full.map((g) => g.partnerId), ...Object.values(affiliatePartner)]) if (pid !== null) partnerSeats[pid] = SEATS[pid] ?? [];
  return { id: 1, name: "P", email: "p@example.test", isAdmin, grants: full, partnerSeats, affiliatePartner };
}

const admin = person([], true);
const facilitator = person([{ role: "facilitator", coalitionId: A }]);
const otherFacilitator = person([{ role: "facilitator", coalitionId: 2 }]);
const rep1 = person([{ role: "partner_rep", partnerId: P1 }]);
const rep2 = person([{ role: "partner_rep", partnerId: P2 }]);
const rep3 = person([{ role: "partner_rep", partnerId: P3 }]);
const counsel1 = person([{ role: "counsel", partnerId: P1 }]);
const leadX1 = person([{ role: "affiliate_lead", affiliateId: X1 }]);
const leadX2 = person([{ role: "affiliate_lead", affiliateId: X2 }]);
const nobody = person([]);

describe("agreement.signoff", () => {
  const perm = { action: "agreement.signoff" as const, coalitionId: A, partnerId: P1 };
  it("allows only the partner's own representative, seated at the table", () => {
    expect(can(rep1, perm).ok).toBe(true);
  });
  it.each([
    ["the admin", admin],
    ["the facilitator", facilitator],
    ["another partner's representative", rep2],
    ["the partner's counsel", counsel1],
    ["a lead of the partner's affiliate", leadX1],
    ["someone with no role", nobody],
  ])("denies %s, saying what is needed", (_, who) => {
    const d = can(who, perm);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.missing).toMatch(/representative/);
  });
  it("denies a representative whose partner does not sit at the table", () => {
    expect(can(rep3, { action: "agreement.signoff", coalitionId: A, partnerId: P3 }).ok).toBe(false);
  });
  it("denies signed-out visitors", () => {
    expect(can(null, perm).ok).toBe(false);
  });
});

describe("actionItem.status", () => {
  const ownedByP1 = { action: "actionItem.status" as const, coalitionId: A, partnerId: P1, affiliateId: null };
  const ownedByX1 = { action: "actionItem.status" as const, coalitionId: A, partnerId: P1, affiliateId: X1 };
  it.each([
    ["the admin", admin, ownedByP1],
    ["the facilitator", facilitator, ownedByP1],
    ["the owning partner's representative", rep1, ownedByP1],
    ["the representative of the owning affiliate's partner", rep1, ownedByX1],
    ["the owning affiliate's lead", leadX1, ownedByX1],
  ])("allows %s", (_, who, perm) => {
    expect(can(who, perm).ok).toBe(true);
  });
  it.each([
    ["another table's facilitator", otherFacilitator, ownedByP1],
    ["another partner's representative", rep2, ownedByP1],
    ["the owning partner's counsel", counsel1, ownedByP1],
    ["a lead of an affiliate when the partner owns the item", leadX1, ownedByP1],
    ["a lead of a sibling affiliate", leadX2, ownedByX1],
    ["someone with no role", nobody, ownedByP1],
  ])("denies %s", (_, who, perm) => {
    const d = can(who, perm);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.missing).toMatch(/owner|facilitator/);
  });
});
