import { describe, expect, it } from "vitest";
import { parseForm } from "~/domain/forms";
import { endorsedOnProblem, kindCount, outsideSupportEditForm, outsideSupportForm, readOutsideFilter, supportSummary } from "~/domain/outside-support";
import { can, type Principal } from "~/domain/permissions";

const good = { kind: "union", name: "SEIU Local 668", sourceUrl: "https://seiu668.org/endorsements", endorsedOn: "2026-11-10", note: "", partnerId: "" };

describe("the outside support form", () => {
  it("reads a kind, a name, a public source URL and the date; the partner is optional (neutral staff)", () => {
    expect(parseForm(outsideSupportForm, good)).toEqual({ ok: true, data: { kind: "union", name: "SEIU Local 668", sourceUrl: "https://seiu668.org/endorsements", endorsedOn: "2026-11-10", note: null, partnerId: null } });
    expect(parseForm(outsideSupportForm, { ...good, partnerId: "4" })).toMatchObject({ ok: true, data: { partnerId: 4 } });
  });

  it("requires the public source, as a web address, and says so next to each field", () => {
    const r = parseForm(outsideSupportForm, { ...good, sourceUrl: "", name: " ", kind: "pac", endorsedOn: "10/11/2026" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.sourceUrl).toBe("Public source is required.");
    expect(r.errors.name).toBe("Name is required.");
    expect(r.errors.kind).toMatch(/organization, a union, an elected official or a local group/);
    expect(r.errors.endorsedOn).toMatch(/YYYY-MM-DD/);
    const notUrl = parseForm(outsideSupportForm, { ...good, sourceUrl: "seiu668.org" });
    expect(notUrl.ok ? null : notUrl.errors.sourceUrl).toMatch(/web address starting with http/);
  });

  it("a change names the endorsement it changes", () => {
    expect(parseForm(outsideSupportEditForm, good).ok).toBe(false);
    expect(parseForm(outsideSupportEditForm, { ...good, outsideId: "7" })).toMatchObject({ ok: true, data: { outsideId: 7 } });
  });

  it("the date endorsed may be today, not after", () => {
    expect(endorsedOnProblem("2026-12-01", "2026-12-01")).toBeNull();
    expect(endorsedOnProblem("2026-12-02", "2026-12-01")).toMatch(/cannot be after today/);
  });
});

describe("words and the filter", () => {
  it("counts each kind in the singular or plural, leaving out kinds with none", () => {
    expect(kindCount("elected_official", 1)).toBe("1 elected official");
    expect(supportSummary({ union: 2, organization: 1, local_group: 0 })).toBe("1 organization, 2 unions");
    expect(supportSummary({})).toBe("none");
  });

  it("reads a known kind and a US state from the URL, anything else as no filter", () => {
    expect(readOutsideFilter(new URL("http://x/?kind=union&state=pa"))).toEqual({ kind: "union", state: "PA" });
    expect(readOutsideFilter(new URL("http://x/?kind=pac&state=ZZ"))).toEqual({ kind: null, state: null });
  });
});

describe("who adds and changes outside support", () => {
  const person = (grants: Principal["grants"], over: Partial<Principal> = {}): Principal => ({ id: 10, name: "P", email: "p@x", isAdmin: false, grants, partnerSeats: { 1: [1], 2: [1], 3: [9] }, affiliatePartner: { 5: 1 }, ...over });
  const g = (role: Principal["grants"][number]["role"], over: Partial<Principal["grants"][number]>) => ({ id: 1, role, coalitionId: null, partnerId: null, affiliateId: null, ...over });
  const rep = person([g("partner_rep", { partnerId: 1 })]);
  const facilitator = person([g("facilitator", { coalitionId: 1 })], { id: 11 });

  it("adds: the facilitator and any seated member's representative; not counsel, a lead, or a representative of a partner seated elsewhere", () => {
    expect(can(rep, { action: "outside.add", coalitionId: 1 }).ok).toBe(true);
    expect(can(facilitator, { action: "outside.add", coalitionId: 1 }).ok).toBe(true);
    expect(can(person([g("counsel", { partnerId: 1 })]), { action: "outside.add", coalitionId: 1 }).ok).toBe(false);
    expect(can(person([g("affiliate_lead", { affiliateId: 5 })]), { action: "outside.add", coalitionId: 1 }).ok).toBe(false);
    expect(can(person([g("partner_rep", { partnerId: 3 })]), { action: "outside.add", coalitionId: 1 }).ok).toBe(false);
  });

  it("changes: the one who added it, or the facilitator; not another representative", () => {
    expect(can(rep, { action: "outside.edit", coalitionId: 1, addedBy: 10 }).ok).toBe(true);
    expect(can(rep, { action: "outside.edit", coalitionId: 1, addedBy: 99 }).ok).toBe(false);
    expect(can(facilitator, { action: "outside.edit", coalitionId: 1, addedBy: 99 }).ok).toBe(true);
    expect(can(person([g("partner_rep", { partnerId: 2 })], { id: 12 }), { action: "outside.edit", coalitionId: 1, addedBy: 10 }).ok).toBe(false);
  });
});
