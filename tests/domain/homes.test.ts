import { describe, expect, it } from "vitest";
import { ALL_TABS, homeRole, homeRoles, navFor, ROLE_TABS } from "~/domain/homes";
import type { Principal } from "~/domain/permissions";

const user = (grants: Partial<Principal["grants"][number]>[], over: Partial<Principal> = {}): Principal => ({
  id: 1,
  name: "P",
  email: "p@example.test",
  isAdmin: false,
  grants: grants.map((g, i) => ({ id: i + 1, role: "partner_rep", coalitionId: 1, partnerId: null, affiliateId: null, ...g })),
  partnerSeats: { 10: [1], 11: [2] },
  affiliatePartner: { 100: 10, 101: 11 },
  ...over,
});

describe("homeRoles: the roles a person holds at this table", () => {
  it("reads each role's grant, only for a partner seated at this table, facilitator first", () => {
    const u = user([{ role: "affiliate_lead", affiliateId: 100 }, { role: "counsel", partnerId: 10 }, { role: "partner_rep", partnerId: 10 }, { role: "facilitator", coalitionId: 1 }]);
    expect(homeRoles(u, 1)).toEqual(["facilitator", "partner_rep", "counsel", "affiliate_lead"]);
    // at table 2 none of those partners sits, and the facilitator grant is table 1's
    expect(homeRoles(u, 2)).toEqual([]);
    expect(homeRoles(user([{ role: "affiliate_lead", affiliateId: 101 }]), 2)).toEqual(["affiliate_lead"]);
  });
  it("an instance admin without a grant reads as the facilitator", () => {
    expect(homeRoles(user([], { isAdmin: true }), 1)).toEqual(["facilitator"]);
  });
});

describe("homeRole: the home shown", () => {
  it("the role asked for when held, else the first", () => {
    expect(homeRole(["partner_rep", "counsel"], "counsel")).toBe("counsel");
    expect(homeRole(["partner_rep", "counsel"], "facilitator")).toBe("partner_rep");
    expect(homeRole(["partner_rep"], null)).toBe("partner_rep");
    expect(homeRole([], "counsel")).toBeNull();
  });
});

describe("navFor: each role's tabs in its order, the rest under More", () => {
  const everything = () => true;
  it("a lead's tabs lead with the field and end with My affiliate; the others stay reachable under More", () => {
    const nav = navFor("affiliate_lead", everything);
    expect(nav.main.map(([p]) => p)).toEqual(["", "programs", "shifts/week", "sub-tables", "my-affiliate"]);
    expect(nav.main.at(-1)).toEqual(["my-affiliate", "My affiliate"]);
    expect([...nav.main, ...nav.more].map(([p]) => p).sort()).toEqual([...ALL_TABS].sort());
  });
  it("counsel's second tab is the firewall, then the audit trail", () => {
    expect(navFor("counsel", everything).main.slice(0, 3).map(([, label]) => label)).toEqual(["Home", "Firewall", "Audit"]);
  });
  it("never shows a tab the person may not open, in either list", () => {
    const noAdmin = (p: string) => !["settings", "people", "health", "audit", "my-affiliate"].includes(p);
    const nav = navFor("partner_rep", noAdmin);
    const shown = [...nav.main, ...nav.more].map(([p]) => p);
    for (const hidden of ["settings", "people", "health", "audit", "my-affiliate"]) expect(shown).not.toContain(hidden);
    expect(nav.main.map(([p]) => p)).toEqual(ROLE_TABS.partner_rep);
  });
  it("no role here: every allowed tab in the default order, nothing under More", () => {
    const nav = navFor(null, everything);
    expect(nav.main.map(([p]) => p)).toEqual(ALL_TABS);
    expect(nav.more).toEqual([]);
  });
});
