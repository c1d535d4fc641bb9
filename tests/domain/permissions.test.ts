import { describe, expect, it } from "vitest";
import type { Role } from "../../app/domain/vocabulary";
import { can, partnersOf, recordablePartners, type Permission } from "~/domain/permissions";
import { A, B, g, matrix, P1, P2, P3, people, person, X1, X2, X3, type Who } from "./permission-world";

/**
 * The permission rule is a pure function of a principal and a request, so it is tested as a
 * matrix: for each request, the people allowed are listed and everybody else must be denied
 * with a message saying what is missing.
 *
 * The world: table A (1) and table B (2). Partners P1 and P2 sit at A, P3 sits at B only.
 * Affiliates X1 (of P1), X2 (of P2), X3 (of P3).
 */
type Case = [string, Permission, Who[]];
const CASES: Case[] = [
  ["admin", { action: "admin" }, ["admin"]],
  ["table.create", { action: "table.create" }, ["admin"]],
  ["table.view at A", { action: "table.view", coalitionId: A }, ["admin", "facA", "rep1", "rep2", "counsel1", "lead1", "lead2"]],
  ["table.view at B", { action: "table.view", coalitionId: B }, ["admin", "facB", "rep3", "lead3"]],
  ["table.view of an unknown table", { action: "table.view", coalitionId: 99 }, ["admin"]],
  ["table.manage at A", { action: "table.manage", coalitionId: A }, ["admin", "facA"]],
  ["table.manage at B", { action: "table.manage", coalitionId: B }, ["admin", "facB"]],
  ["people.manage at A", { action: "people.manage", coalitionId: A }, ["admin", "facA"]],
  ["people.manage at B", { action: "people.manage", coalitionId: B }, ["admin", "facB"]],
  ["partner.manage P1 at A", { action: "partner.manage", coalitionId: A, partnerId: P1 }, ["admin", "facA", "rep1"]],
  ["partner.manage P2 at A", { action: "partner.manage", coalitionId: A, partnerId: P2 }, ["admin", "facA", "rep2"]],
  ["partner.manage P3 at A (not seated there)", { action: "partner.manage", coalitionId: A, partnerId: P3 }, ["admin", "facA"]],
  ["partner.manage P3 at B", { action: "partner.manage", coalitionId: B, partnerId: P3 }, ["admin", "facB", "rep3"]],
  ["affiliate.coverage X1", { action: "affiliate.coverage", coalitionId: A, partnerId: P1, affiliateId: X1 }, ["admin", "facA", "rep1", "lead1"]],
  ["affiliate.coverage X2", { action: "affiliate.coverage", coalitionId: A, partnerId: P2, affiliateId: X2 }, ["admin", "facA", "rep2", "lead2"]],
  ["affiliate.coverage X1 claimed under P2", { action: "affiliate.coverage", coalitionId: A, partnerId: P2, affiliateId: X1 }, ["admin", "facA", "rep2"]],
  ["affiliate.coverage X3 at A (not seated)", { action: "affiliate.coverage", coalitionId: A, partnerId: P3, affiliateId: X3 }, ["admin", "facA"]],
  ["stance.record P1 at A", { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: null }, ["admin", "facA", "rep1"]],
  ["stance.record P2 at A", { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: null }, ["admin", "facA", "rep2"]],
  ["stance.record X1's own stance", { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: X1 }, ["admin", "facA", "rep1", "lead1"]],
  ["stance.record X2's own stance", { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: X2 }, ["admin", "facA", "rep2", "lead2"]],
  ["stance.record X1 claimed under P2", { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: X1 }, ["admin", "facA", "rep2"]],
  ["stance.record P3 at A (not seated)", { action: "stance.record", coalitionId: A, partnerId: P3, affiliateId: null }, ["admin", "facA"]],
  ["stance.record X3 at A (not seated)", { action: "stance.record", coalitionId: A, partnerId: P3, affiliateId: X3 }, ["admin", "facA"]],
  ["stance.record P3 at B", { action: "stance.record", coalitionId: B, partnerId: P3, affiliateId: null }, ["admin", "facB", "rep3"]],
  // issue 17: a partner's own process is its representative's alone: not the facilitator's, the admin's, its counsel's or its leads'
  ["process.record P1 at A", { action: "process.record", coalitionId: A, partnerId: P1 }, ["rep1"]],
  ["process.record P2 at A", { action: "process.record", coalitionId: A, partnerId: P2 }, ["rep2"]],
  ["process.record P3 at A (not seated)", { action: "process.record", coalitionId: A, partnerId: P3 }, []],
  ["concern.raise for P1 at A", { action: "concern.raise", coalitionId: A, partnerId: P1 }, ["rep1"]],
  ["concern.raise for P3 at A (not seated)", { action: "concern.raise", coalitionId: A, partnerId: P3 }, []],
  ["notice.give for P2 at A", { action: "notice.give", coalitionId: A, partnerId: P2 }, ["rep2"]],
  ["notice.give for P3 at A (not seated)", { action: "notice.give", coalitionId: A, partnerId: P3 }, []],
  ["stance.record X3 at B", { action: "stance.record", coalitionId: B, partnerId: P3, affiliateId: X3 }, ["admin", "facB", "rep3", "lead3"]],
  ["stance.private P1", { action: "stance.private", partnerId: P1 }, ["rep1", "counsel1", "lead1"]],
  ["stance.private P2", { action: "stance.private", partnerId: P2 }, ["rep2", "lead2"]],
  ["stance.private P3", { action: "stance.private", partnerId: P3 }, ["rep3", "lead3"]],
  ["audit.read P1", { action: "audit.read", partnerId: P1 }, ["counsel1"]],
  ["audit.read P2", { action: "audit.read", partnerId: P2 }, []],
  ["firewall.manage P1", { action: "firewall.manage", partnerId: P1 }, ["counsel1"]],
  ["firewall.manage P2", { action: "firewall.manage", partnerId: P2 }, []],
  ["shift.manage X1", { action: "shift.manage", coalitionId: A, partnerId: P1, affiliateId: X1 }, ["rep1", "lead1"]],
  ["shift.manage X1 claimed under P2", { action: "shift.manage", coalitionId: A, partnerId: P2, affiliateId: X1 }, ["rep2"]],
  ["shift.manage X3 at B", { action: "shift.manage", coalitionId: B, partnerId: P3, affiliateId: X3 }, ["rep3", "lead3"]],
  ["shift.manage X3 at A (not seated)", { action: "shift.manage", coalitionId: A, partnerId: P3, affiliateId: X3 }, []],
  ["invite a facilitator to A", { action: "invite", coalitionId: A, role: "facilitator", partnerId: null, affiliateId: null }, ["admin"]],
  ["invite a facilitator to B", { action: "invite", coalitionId: B, role: "facilitator", partnerId: null, affiliateId: null }, ["admin"]],
  ["invite P1's rep at A", { action: "invite", coalitionId: A, role: "partner_rep", partnerId: P1, affiliateId: null }, ["admin", "facA"]],
  ["invite P1's counsel at A", { action: "invite", coalitionId: A, role: "counsel", partnerId: P1, affiliateId: null }, ["admin", "facA"]],
  ["invite X1's lead at A", { action: "invite", coalitionId: A, role: "affiliate_lead", partnerId: P1, affiliateId: X1 }, ["admin", "facA", "rep1"]],
  ["invite X2's lead at A", { action: "invite", coalitionId: A, role: "affiliate_lead", partnerId: P2, affiliateId: X2 }, ["admin", "facA", "rep2"]],
  ["invite a lead without a partner at A", { action: "invite", coalitionId: A, role: "affiliate_lead", partnerId: null, affiliateId: X1 }, ["admin", "facA"]],
  ["invite X3's lead at B", { action: "invite", coalitionId: B, role: "affiliate_lead", partnerId: P3, affiliateId: X3 }, ["admin", "facB", "rep3"]],
  ["invite X3's lead at A (P3 not seated)", { action: "invite", coalitionId: A, role: "affiliate_lead", partnerId: P3, affiliateId: X3 }, ["admin", "facA"]],
  ["invite P3's rep at B", { action: "invite", coalitionId: B, role: "partner_rep", partnerId: P3, affiliateId: null }, ["admin", "facB"]],
];

describe("can(): the permission matrix", () => {
  it.each(CASES)("%s", (_name, perm, allowed) => matrix(perm, allowed));

  it("covers every action of the Permission type", () => {
    const actions = new Set(CASES.map(([, p]) => p.action));
    expect([...actions].sort()).toEqual(
      [
        "admin",
        "table.create",
        "table.view",
        "table.manage",
        "people.manage",
        "partner.manage",
        "affiliate.coverage",
        "stance.record",
        "stance.private",
        "audit.read",
        "firewall.manage",
        "shift.manage",
        "invite",
        "process.record",
        "concern.raise",
        "notice.give",
      ].sort(),
    );
  });

  it.each(CASES)("denies a signed-out visitor: %s", (_name, perm) => {
    expect(can(null, perm)).toEqual({ ok: false, missing: "You need to sign in." });
  });

  it("fails closed on an action it does not know", () => {
    const d = can(people.admin, { action: "nonsense" } as unknown as Permission) as ReturnType<typeof can> | undefined;
    expect(d?.ok).not.toBe(true);
  });
});

describe("can(): the rules in words", () => {
  it("a facilitator of table A has no power at table B", () => {
    expect(can(people.facA, { action: "table.view", coalitionId: B }).ok).toBe(false);
    expect(can(people.facA, { action: "table.manage", coalitionId: B }).ok).toBe(false);
    expect(can(people.facA, { action: "stance.record", coalitionId: B, partnerId: P3, affiliateId: null }).ok).toBe(false);
    expect(can(people.facA, { action: "invite", coalitionId: B, role: "partner_rep", partnerId: P3, affiliateId: null }).ok).toBe(false);
  });

  it("a lead records its own affiliate's stance, never its national partner's", () => {
    expect(can(people.lead1, { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: X1 }).ok).toBe(true);
    const national = can(people.lead1, { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: null });
    expect(national.ok).toBe(false);
    if (!national.ok) expect(national.missing).toMatch(/representative/);
    // nor another affiliate of the same partner, nor its own affiliate dressed up as another partner's
    expect(can(people.lead1, { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: X2 }).ok).toBe(false);
    expect(can(people.lead1, { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: X1 }).ok).toBe(false);
  });

  it("a lead who also acts for another partner cannot pass its affiliate off as that partner's", () => {
    const leadAndCounsel = person(52, [g("affiliate_lead", { affiliateId: X1 }), g("counsel", { partnerId: P2 })]);
    expect(can(leadAndCounsel, { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: X1 }).ok).toBe(true);
    expect(can(leadAndCounsel, { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: X1 }).ok).toBe(false);
    expect(can(leadAndCounsel, { action: "affiliate.coverage", coalitionId: A, partnerId: P2, affiliateId: X1 }).ok).toBe(false);
  });

  it("a rep records its own partner's stance, never another partner's", () => {
    expect(can(people.rep1, { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: null }).ok).toBe(true);
    expect(can(people.rep1, { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: null }).ok).toBe(false);
    expect(can(people.rep1, { action: "stance.record", coalitionId: A, partnerId: P2, affiliateId: X2 }).ok).toBe(false);
  });

  it("a rep of a partner that does not sit at the table records nothing there", () => {
    const d = can(people.rep3, { action: "stance.record", coalitionId: A, partnerId: P3, affiliateId: null });
    expect(d.ok).toBe(false);
  });

  it("a private note is for the partner's own people: not the facilitator, not the admin", () => {
    const facilitator = can(people.facA, { action: "stance.private", partnerId: P1 });
    expect(facilitator).toEqual({ ok: false, missing: "A private note is for this partner's own people." });
    expect(can(people.admin, { action: "stance.private", partnerId: P1 }).ok).toBe(false);
    expect(can(people.rep2, { action: "stance.private", partnerId: P1 }).ok).toBe(false);
    expect(can(people.lead2, { action: "stance.private", partnerId: P1 }).ok).toBe(false);
  });

  it("the audit trail and the firewall belong to counsel alone, not even the admin", () => {
    for (const who of ["admin", "facA", "rep1", "lead1"] as const) {
      const d = can(people[who], { action: "audit.read", partnerId: P1 });
      expect(d).toEqual({ ok: false, missing: "This needs this partner's compliance counsel." });
      expect(can(people[who], { action: "firewall.manage", partnerId: P1 }).ok).toBe(false);
    }
    expect(can(people.counsel1, { action: "audit.read", partnerId: P2 }).ok).toBe(false);
  });

  it("only the admin invites facilitators, and the facilitator is told so", () => {
    expect(can(people.facA, { action: "invite", coalitionId: A, role: "facilitator", partnerId: null, affiliateId: null })).toEqual({
      ok: false,
      missing: "Only the instance admin invites facilitators.",
    });
  });

  it("a rep invites leads of its own partner, but not reps or counsel, and not other partners' leads", () => {
    const invite = (role: Role, partnerId: number | null, affiliateId: number | null) =>
      can(people.rep1, { action: "invite", coalitionId: A, role, partnerId, affiliateId }).ok;
    expect(invite("affiliate_lead", P1, X1)).toBe(true);
    expect(invite("affiliate_lead", P2, X2)).toBe(false);
    expect(invite("partner_rep", P1, null)).toBe(false);
    expect(invite("counsel", P1, null)).toBe(false);
    expect(invite("facilitator", null, null)).toBe(false);
  });

  it("counsel and leads cannot invite anyone", () => {
    for (const role of ["facilitator", "partner_rep", "affiliate_lead", "counsel"] as const) {
      expect(can(people.counsel1, { action: "invite", coalitionId: A, role, partnerId: P1, affiliateId: X1 }).ok).toBe(false);
      expect(can(people.lead1, { action: "invite", coalitionId: A, role, partnerId: P1, affiliateId: X1 }).ok).toBe(false);
    }
  });

  it("a revoked grant is simply absent from the principal, so nothing is allowed", () => {
    expect(can(people.nobody, { action: "table.view", coalitionId: A }).ok).toBe(false);
  });

  it("a person holding several roles gets the union of them", () => {
    const both = person(50, [g("partner_rep", { partnerId: P1 }), g("counsel", { partnerId: P1 })]);
    expect(can(both, { action: "stance.record", coalitionId: A, partnerId: P1, affiliateId: null }).ok).toBe(true);
    expect(can(both, { action: "audit.read", partnerId: P1 }).ok).toBe(true);
    const facAndRep = person(51, [g("facilitator", { coalitionId: B }), g("partner_rep", { partnerId: P1 })]);
    expect(can(facAndRep, { action: "table.manage", coalitionId: B }).ok).toBe(true);
    expect(can(facAndRep, { action: "table.manage", coalitionId: A }).ok).toBe(false);
    expect(can(facAndRep, { action: "table.view", coalitionId: A }).ok).toBe(true);
  });
});

describe("partnersOf", () => {
  it("names the partners a person acts for, directly or through an affiliate", () => {
    expect(partnersOf(people.rep1)).toEqual([P1]);
    expect(partnersOf(people.counsel1)).toEqual([P1]);
    expect(partnersOf(people.lead2)).toEqual([P2]);
    expect(partnersOf(people.facA)).toEqual([]);
    expect(partnersOf(people.admin)).toEqual([]);
  });
});

describe("recordablePartners", () => {
  const seated = [P1, P2];
  it("is every seated partner for the admin and the table's facilitator", () => {
    expect(recordablePartners(people.admin, A, seated)).toEqual([P1, P2]);
    expect(recordablePartners(people.facA, A, seated)).toEqual([P1, P2]);
  });
  it("is none for a facilitator of another table", () => {
    expect(recordablePartners(people.facB, A, seated)).toEqual([]);
  });
  it("is only its own partner for a rep", () => {
    expect(recordablePartners(people.rep1, A, seated)).toEqual([P1]);
    expect(recordablePartners(people.rep2, A, seated)).toEqual([P2]);
  });
  it("is none for a rep whose partner does not sit there, for counsel and for leads (their national stance is not theirs)", () => {
    expect(recordablePartners(people.rep3, A, seated)).toEqual([]);
    expect(recordablePartners(people.counsel1, A, seated)).toEqual([]);
    expect(recordablePartners(people.lead1, A, seated)).toEqual([]);
    expect(recordablePartners(people.nobody, A, seated)).toEqual([]);
  });
});
