import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capacityItemForm, capacityItemWords, combinedReaders, mayReadCapacityItem, readableCapacity } from "~/domain/capacity";
import { parseForm } from "~/domain/forms";
import { can, type Grant, type Principal } from "~/domain/permissions";
import { CAPACITY_READERS, ROLES, type CapacityReaders } from "~/domain/vocabulary";

// a small world: table 1 seats partners 1..3, table 2 seats partners 3..4; affiliates 11..14 belong to partners 1..4
const SEATS: Record<number, number[]> = { 1: [1], 2: [1], 3: [1, 2], 4: [2] };
const AFFILIATE_PARTNER: Record<number, number> = { 11: 1, 12: 2, 13: 3, 14: 4 };

function principal(grants: Grant[], isAdmin = false): Principal {
  const partnerSeats: Record<number, number[]> = {};
  for (const g of grants) {
    const partner = g.partnerId ?? (g.affiliateId ? AFFILIATE_PARTNER[g.affiliateId] : null);
    if (partner) partnerSeats[partner] = SEATS[partner];
  }
  return { id: 1, name: "P", email: "p@x", isAdmin, grants, partnerSeats, affiliatePartner: AFFILIATE_PARTNER };
}
const grant = (role: Grant["role"], over: Partial<Grant>): Grant => ({ id: 1, role, coalitionId: null, partnerId: null, affiliateId: null, ...over });

/** Who the issue says may read an item, written out apart from the rule: its own people, and per setting the table or its facilitator. */
function allowedReader(p: Principal, coalitionId: number, item: { partnerId: number; readers: CapacityReaders }): boolean {
  const own = p.grants.some((g) => ((g.role === "partner_rep" || g.role === "counsel") && g.partnerId === item.partnerId) || (g.role === "affiliate_lead" && g.affiliateId !== null && AFFILIATE_PARTNER[g.affiliateId] === item.partnerId));
  if (own) return true;
  const facilitator = p.grants.some((g) => g.role === "facilitator" && g.coalitionId === coalitionId);
  if (item.readers === "facilitator") return facilitator;
  if (item.readers === "table") return can(p, { action: "table.view", coalitionId }).ok;
  return false;
}

const arbGrant = fc.record({
  id: fc.constant(1),
  role: fc.constantFrom(...ROLES),
  coalitionId: fc.constantFrom(1, 2, null),
  partnerId: fc.constantFrom(1, 2, 3, 4, null),
  affiliateId: fc.constantFrom(11, 12, 13, 14, null),
});
const arbPrincipal = fc.tuple(fc.array(arbGrant, { maxLength: 4 }), fc.boolean()).map(([g, admin]) => principal(g, admin));
const arbItem = fc.record({ id: fc.nat(), partnerId: fc.constantFrom(...[1, 2, 3, 4].filter((p) => SEATS[p].includes(1))), readers: fc.constantFrom(...CAPACITY_READERS) });

describe("who reads a capacity item", () => {
  const rep = principal([grant("partner_rep", { partnerId: 1 })]);
  const otherRep = principal([grant("partner_rep", { partnerId: 2 })]);
  const lead = principal([grant("affiliate_lead", { affiliateId: 11 })]);
  const facilitator = principal([grant("facilitator", { coalitionId: 1 })]);
  const otherFacilitator = principal([grant("facilitator", { coalitionId: 2 })]);
  const admin = principal([], true);

  it("the table's items: everyone at the table; not a facilitator of another table", () => {
    const item = { partnerId: 1, readers: "table" as const };
    for (const p of [rep, otherRep, lead, facilitator, admin]) expect(mayReadCapacityItem(p, 1, item)).toBe(true);
    expect(mayReadCapacityItem(otherFacilitator, 1, item)).toBe(false);
    expect(mayReadCapacityItem(null, 1, item)).toBe(false);
  });

  it("the facilitator's: the table's facilitator and the partner's own people; not another member, not the admin", () => {
    const item = { partnerId: 1, readers: "facilitator" as const };
    expect([rep, lead, facilitator].map((p) => mayReadCapacityItem(p, 1, item))).toEqual([true, true, true]);
    expect([otherRep, admin, otherFacilitator].map((p) => mayReadCapacityItem(p, 1, item))).toEqual([false, false, false]);
  });

  it("its own people's: only them (a representative, counsel, an affiliate lead of the partner)", () => {
    const item = { partnerId: 1, readers: "own" as const };
    expect([rep, lead, principal([grant("counsel", { partnerId: 1 })])].map((p) => mayReadCapacityItem(p, 1, item))).toEqual([true, true, true]);
    expect([otherRep, facilitator, admin].map((p) => mayReadCapacityItem(p, 1, item))).toEqual([false, false, false]);
  });

  it("property: nobody outside the allowed readers ever sees an item, and every allowed reader does", () => {
    fc.assert(
      fc.property(arbPrincipal, fc.array(arbItem, { maxLength: 12 }), (p, items) => {
        const seen = readableCapacity(p, 1, items);
        for (const i of seen) expect(allowedReader(p, 1, i)).toBe(true);
        expect(seen.length).toBe(items.filter((i) => allowedReader(p, 1, i)).length);
      }),
      { numRuns: 500 },
    );
  });

  it("property: the combined capacity counts only settings this person may read of any partner", () => {
    fc.assert(
      fc.property(arbPrincipal, arbItem, (p, item) => {
        if (combinedReaders(p, 1).includes(item.readers)) expect(allowedReader(p, 1, item)).toBe(true);
        expect(combinedReaders(p, 1)).not.toContain("own");
      }),
      { numRuns: 500 },
    );
  });

  it("combined: the facilitator counts the table's and its own; anyone else at the table the table's; someone not at it nothing", () => {
    expect(combinedReaders(facilitator, 1)).toEqual(["table", "facilitator"]);
    expect(combinedReaders(rep, 1)).toEqual(["table"]);
    expect(combinedReaders(admin, 1)).toEqual(["table"]);
    expect(combinedReaders(otherFacilitator, 1)).toEqual([]);
  });
});

describe("the capacity form", () => {
  const base = { kind: "members", readers: "table", state: "", amount: "", capability: "", detail: "" };
  it("asks what each kind needs, next to its field", () => {
    const errors = (v: Record<string, string>) => {
      const r = parseForm(capacityItemForm, { ...base, ...v });
      return r.ok ? {} : r.errors;
    };
    expect(errors({ kind: "members" }).amount).toBe("Give how many.");
    expect(errors({ kind: "strong_state" }).state).toMatch(/Name the state/);
    expect(errors({ kind: "can_do" }).capability).toMatch(/Choose what it can do/);
    expect(errors({ kind: "red_line" }).detail).toMatch(/in words/);
    expect(errors({ kind: "members", amount: "many" }).amount).toMatch(/whole number/);
    expect(errors({ kind: "members", amount: "5", readers: "everyone" }).readers).toMatch(/who may read/);
    expect(errors({ kind: "members", amount: "5", state: "ZZ" }).state).toMatch(/two-letter/);
  });

  it("keeps only what the kind uses", () => {
    expect(parseForm(capacityItemForm, { ...base, kind: "members", amount: "12,000", state: "pa", capability: "doors" })).toEqual({
      ok: true,
      data: { kind: "members", readers: "table", state: "PA", amount: 12000, capability: null, detail: null },
    });
    expect(parseForm(capacityItemForm, { ...base, kind: "red_line", state: "PA", amount: "3", detail: "No joint work with police unions" })).toMatchObject({ ok: true, data: { state: null, amount: null } });
    expect(parseForm(capacityItemForm, { ...base, kind: "can_do", capability: "money", amount: "$25,000" })).toMatchObject({ ok: true, data: { capability: "money", amount: 25000 } });
  });

  it("says each item in words", () => {
    expect(capacityItemWords({ kind: "members", state: "PA", amount: 12000, capability: null, detail: null })).toBe("12,000 members in PA");
    expect(capacityItemWords({ kind: "volunteers", state: null, amount: 40, capability: null, detail: null })).toBe("40 active volunteers across the country");
    expect(capacityItemWords({ kind: "can_do", state: null, amount: 25000, capability: "money", detail: null })).toBe("Can do: money ($25,000)");
    expect(capacityItemWords({ kind: "red_line", state: null, amount: null, capability: null, detail: "No police union money" })).toBe("Red line: No police union money");
  });
});
