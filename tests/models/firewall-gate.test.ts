/**
 * The one firewall gate (app/models/firewall.server.ts) against a real database: each rule's
 * decision, its audit row, and rule F11's failing closed.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, partners, users, vendorClients, vendors, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { addDays } from "~/domain/dates";
import { can } from "~/domain/permissions";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { affiliateSide, campaignInfoAllowed, checkCampaignCounterparty, checkPlacement, checkVendorUse, fieldSide, viewerSides, workspaceGaps } from "~/models/firewall.server";
import { approveOverride, createOverride, revokeOverride } from "~/models/overrides.server";
import { setSide } from "~/models/sides.server";
import { buildAffiliate, buildCoalition, buildPartner, buildPolicy, buildRace } from "../factories";
import { testActor, testDb } from "../db";
import { LEVEL_CASES, levelRace, levelTable, type LevelCase } from "../levels";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

/** The level the tests below run at (issue 13: every F-rule test runs at every level). */
let lc: LevelCase = LEVEL_CASES[0];

function world() {
  const table = levelTable(db, actor, lc);
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CFOUR" });
  const pac = buildPartner(db, actor, table.id, { legalType: "pac", shortName: "CPAC" });
  const hybrid = buildPartner(db, actor, table.id, { legalType: "hybrid_pac", shortName: "HYB" });
  const c3 = buildPartner(db, actor, table.id, { legalType: "c3", shortName: "EDU" });
  const raceA = levelRace(db, actor, table.id, lc, 0, { primaryDate: "2026-05-19", generalDate: "2026-11-03" });
  const raceB = levelRace(db, actor, table.id, lc, 1, { primaryDate: "2026-05-19", generalDate: "2026-11-03" });
  const c3Chapter = buildAffiliate(db, actor, table.id, c4.id, { state: "PA", districts: ["07"], legalType: "c3" });
  let n = 0;
  const person = (grants: Parameters<typeof grantRole>[3][]) => {
    const u = db
      .insert(users)
      .values({ name: `Person ${++n}`, email: `p${n}@example.org` })
      .returning()
      .get();
    for (const g of grants) grantRole(db, actor, u.id, g);
    return loadPrincipal(db, u.id)!;
  };
  return {
    table,
    c4,
    pac,
    hybrid,
    c3,
    raceA,
    raceB,
    c4rep: person([{ role: "partner_rep", partnerId: c4.id }]),
    pacrep: person([{ role: "partner_rep", partnerId: pac.id }]),
    both: person([
      { role: "partner_rep", partnerId: c4.id },
      { role: "counsel", partnerId: pac.id },
    ]),
    hybridrep: person([{ role: "partner_rep", partnerId: hybrid.id }]),
    c3lead: person([{ role: "affiliate_lead", affiliateId: c3Chapter.id }]),
    staff: person([{ role: "facilitator", coalitionId: table.id }]),
    pacCounsel: person([{ role: "counsel", partnerId: pac.id }]),
    pacCounsel2: person([{ role: "counsel", partnerId: pac.id }]),
  };
}

const lastAudit = () => db.select().from(auditLog).orderBy(auditLog.id).all().at(-1);

describe.each(LEVEL_CASES)("at a $name", (c) => {
  /** The table's lookback: 120 days federally and at the municipal stand-in, counsel's 180 at the state table. */
  const LB = c.lengths.lookbackDays;
  beforeEach(() => {
    lc = c;
  });

  describe("F2 through the gate: campaign information per race and side", () => {
    it("a PAC set coordinated in race A may receive A's campaign information and not B's; its c4 sibling never", () => {
      const w = world();
      setSide(db, actor, w.table.id, { partnerId: w.pac.id, raceId: w.raceA.id, account: "main", side: "coordinated", reason: null });
      expect(campaignInfoAllowed(db, w.pacrep, w.raceA.id)).toBe(true);
      expect(campaignInfoAllowed(db, w.pacrep, w.raceB.id)).toBe(false);
      expect(campaignInfoAllowed(db, w.c4rep, w.raceA.id)).toBe(false);
    });

    it("a person holding roles in a c4 and in its connected PAC is walled even where the PAC coordinates", () => {
      const w = world();
      setSide(db, actor, w.table.id, { partnerId: w.pac.id, raceId: w.raceA.id, account: "main", side: "coordinated", reason: null });
      expect(viewerSides(db, w.both, w.raceA.id)?.sort()).toEqual(["coordinated", "independent"]);
      expect(campaignInfoAllowed(db, w.both, w.raceA.id)).toBe(false);
    });

    it("a hybrid PAC's two accounts are two sides: its people are walled unless both coordinate, and the non-contribution account never does", () => {
      const w = world();
      setSide(db, actor, w.table.id, { partnerId: w.hybrid.id, raceId: w.raceA.id, account: "contribution", side: "coordinated", reason: null });
      expect(viewerSides(db, w.hybridrep, w.raceA.id)).toEqual(["coordinated", "independent"]);
      expect(campaignInfoAllowed(db, w.hybridrep, w.raceA.id)).toBe(false);
      expect(fieldSide(db, w.hybrid.id, w.raceA.id)).toBe("independent");
    });

    it("an affiliate lead acts under the chapter's own legal type: a 501(c)(3) chapter of a c4 is nonpartisan", () => {
      const w = world();
      expect(viewerSides(db, w.c3lead, w.raceA.id)).toEqual(["none"]);
      expect(campaignInfoAllowed(db, w.c3lead, w.raceA.id)).toBe(false);
    });

    it("neutral staff may; information tied to no race goes only to neutral staff", () => {
      const w = world();
      expect(campaignInfoAllowed(db, w.staff, w.raceA.id)).toBe(true);
      expect(campaignInfoAllowed(db, w.staff, null)).toBe(true);
      setSide(db, actor, w.table.id, { partnerId: w.pac.id, raceId: w.raceA.id, account: "main", side: "coordinated", reason: null });
      expect(campaignInfoAllowed(db, w.pacrep, null)).toBe(false);
    });
  });

  describe("F11: the gate fails closed", () => {
    it("a member the gate cannot find walls the person", () => {
      const w = world();
      const ghost = { ...w.c4rep, grants: [...w.c4rep.grants, { id: 0, role: "partner_rep" as const, coalitionId: null, partnerId: 424242, affiliateId: null }] };
      expect(viewerSides(db, ghost, w.raceA.id)).toBeNull();
      expect(campaignInfoAllowed(db, ghost, w.raceA.id)).toBe(false);
    });

    it("an action the permission rule does not know is denied, with a message", () => {
      const w = world();
      const d = can(w.staff, { action: "firewall.disable" } as never);
      expect(d).toEqual({ ok: false, missing: expect.stringMatching(/not known/) });
    });

    it("a member's side falls back to its legal type's default if a stored setting is no longer allowed", () => {
      const w = world();
      setSide(db, actor, w.table.id, { partnerId: w.pac.id, raceId: w.raceA.id, account: "main", side: "coordinated", reason: null });
      db.update(partners).set({ legalType: "c4" }).where(eq(partners.id, w.pac.id)).run();
      expect(campaignInfoAllowed(db, w.pacrep, w.raceA.id)).toBe(false);
      expect(fieldSide(db, w.pac.id, w.raceA.id)).toBe("independent");
    });
  });

  describe("F7: a joint shift with a campaign field office is refused for the independent side, audited in the same transaction", () => {
    const joint = (w: ReturnType<typeof world>, partnerId: number, onDate = "2026-10-10") =>
      db.transaction((tx) => checkCampaignCounterparty(tx, actor, { partnerId, raceId: w.raceA.id, counterpartyIsCampaign: true, what: "shift", onDate, subjectType: "shift", field: "hostKind" }));

    it("a c4 is refused (rule F7, with how to seek an override) and the denial is logged; a coordinated PAC is allowed and logged", () => {
      const w = world();
      const refused = joint(w, w.c4.id);
      expect(refused).toMatchObject({ ok: false, rule: "F7", field: "hostKind", message: expect.stringMatching(/F7.*two counsel approvals.*F9/s) });
      expect(lastAudit()).toMatchObject({ action: "firewall.campaign_shift", decision: "deny", rule: "F7", partnerId: w.c4.id, raceId: w.raceA.id });
      setSide(db, actor, w.table.id, { partnerId: w.pac.id, raceId: w.raceA.id, account: "main", side: "coordinated", reason: null });
      expect(joint(w, w.pac.id)).toEqual({ ok: true, overrideId: null });
      expect(lastAudit()).toMatchObject({ decision: "allow", rule: "F7", partnerId: w.pac.id });
    });

    it("a 501(c)(3) is refused under F1 and no override can allow it", () => {
      const w = world();
      expect(joint(w, w.c3.id)).toMatchObject({ ok: false, rule: "F1" });
    });

    it("F9: the override allows the joint canvass only with two counsel approvals, until it expires or is revoked", () => {
      const w = world();
      const o = createOverride(
        db,
        w.pacCounsel,
        w.table.id,
        { partnerId: w.pac.id, raceId: w.raceA.id, scope: "joint_canvass", subjectId: null, reason: "Co-hosted public rally, reviewed.", expiresOn: "2026-10-31" },
        "2026-10-01"
      );
      if (!o.ok) throw new Error(o.message);
      expect(joint(w, w.pac.id)).toMatchObject({ ok: false, rule: "F7" });
      expect(approveOverride(db, w.pacCounsel, o.override.id, [w.pac.id])).toMatchObject({ ok: false, message: expect.stringMatching(/another counsel/) });
      expect(approveOverride(db, w.pacCounsel2, o.override.id, [w.pac.id]).ok).toBe(true);
      expect(joint(w, w.pac.id)).toEqual({ ok: true, overrideId: o.override.id });
      expect(lastAudit()).toMatchObject({ decision: "allow", detail: expect.stringContaining(`override #${o.override.id}`) });
      expect(joint(w, w.pac.id, "2026-11-01")).toMatchObject({ ok: false });
      revokeOverride(db, w.pacCounsel, o.override.id, [w.pac.id]);
      expect(joint(w, w.pac.id)).toMatchObject({ ok: false });
    });

    it("a forced failure after the check leaves neither the act nor its audit row", () => {
      const w = world();
      const before = db.select().from(auditLog).all().length;
      expect(() =>
        db.transaction((tx) => {
          checkCampaignCounterparty(tx, actor, { partnerId: w.c4.id, raceId: w.raceA.id, counterpartyIsCampaign: true, what: "export", onDate: "2026-10-10" });
          throw new Error("disk full");
        })
      ).toThrow("disk full");
      expect(db.select().from(auditLog).all().length).toBe(before);
    });

    it("an export to a campaign is refused for the independent side; an override needs one approval", () => {
      const w = world();
      const exportTo = () =>
        db.transaction((tx) => checkCampaignCounterparty(tx, actor, { partnerId: w.c4.id, raceId: w.raceA.id, counterpartyIsCampaign: true, what: "export", onDate: "2026-10-10" }));
      expect(exportTo()).toMatchObject({ ok: false, rule: "F7", message: expect.stringMatching(/exported to a campaign/) });
      const c4Counsel = loadPrincipal(db, db.insert(users).values({ name: "C4 Counsel", email: "c4c@example.org" }).returning().get().id)!;
      createOverride(
        db,
        c4Counsel,
        w.table.id,
        { partnerId: w.c4.id, raceId: w.raceA.id, scope: "campaign_share", subjectId: null, reason: "Public results only, reviewed.", expiresOn: "2026-12-31" },
        "2026-10-01"
      );
      expect(exportTo()).toMatchObject({ ok: true });
    });
  });

  describe("F3/F4 through the gate: placing a walled person on independent-side work", () => {
    function wall(w: ReturnType<typeof world>, over: Partial<typeof walls.$inferInsert>) {
      return db
        .insert(walls)
        .values({
          coalitionId: w.table.id,
          personName: "Sam Stafford",
          email: "Sam@Example.org",
          reason: "candidate_service",
          raceId: w.raceA.id,
          startDate: "2026-01-01",
          lastServiceDate: "2026-06-01",
          createdBy: actor.id,
          createdAt: "2026-06-02T00:00:00Z",
          ...over,
        })
        .returning()
        .get();
    }
    const place = (w: ReturnType<typeof world>, raceId: number, workDate: string, side: "independent" | "coordinated" = "independent") =>
      db.transaction((tx) => checkPlacement(tx, actor, { coalitionId: w.table.id, raceId, partnerId: w.c4.id, side, workDate, person: { email: "sam@example.org", name: "Sam" }, field: "email" }));

    it(`T − L of ${LB} days (the table's lookback) is refused under F4, ${LB + 1} days is placed; matching the email in any case`, () => {
      const w = world();
      wall(w, {});
      expect(place(w, w.raceA.id, addDays("2026-06-01", LB))).toMatchObject({ ok: false, rule: "F4", field: "email", message: expect.stringMatching(new RegExp(`Sam Stafford.*${LB} days.*F4`, "s")) });
      expect(lastAudit()).toMatchObject({ action: "firewall.placement", decision: "deny", rule: "F4" });
      expect(place(w, w.raceA.id, addDays("2026-06-01", LB + 1))).toEqual({ ok: true, overrideId: null });
      expect(place(w, w.raceB.id, "2026-06-15")).toEqual({ ok: true, overrideId: null });
    });

    it("party committee service taints every race; coordinated-side work is not walled", () => {
      const w = world();
      wall(w, { reason: "party_service", raceId: null, servedFor: "County Democratic Committee" });
      expect(place(w, w.raceA.id, "2026-07-01")).toMatchObject({ ok: false, rule: "F4" });
      expect(place(w, w.raceB.id, "2026-07-01")).toMatchObject({ ok: false, rule: "F4" });
      expect(place(w, w.raceB.id, "2026-07-01", "coordinated")).toEqual({ ok: true, overrideId: null });
    });

    it("F3: a contact wall holds until the general election; a counsel override of that entry lets the placement through", () => {
      const w = world();
      const entry = wall(w, { reason: "campaign_contact", lastServiceDate: null, startDate: "2026-09-01", untilDate: "2026-11-03" });
      expect(place(w, w.raceA.id, "2026-11-03")).toMatchObject({ ok: false, rule: "F3" });
      expect(place(w, w.raceA.id, "2026-11-04")).toEqual({ ok: true, overrideId: null });
      const c4Counsel = loadPrincipal(db, db.insert(users).values({ name: "C4 Counsel", email: "c4c@example.org" }).returning().get().id)!;
      const o = createOverride(
        db,
        c4Counsel,
        w.table.id,
        { partnerId: w.c4.id, raceId: w.raceA.id, scope: "wall", subjectId: entry.id, reason: "Heard only the public schedule.", expiresOn: "2026-12-31" },
        "2026-09-02"
      );
      expect(o.ok).toBe(true);
      expect(place(w, w.raceA.id, "2026-10-01")).toMatchObject({ ok: true, overrideId: o.ok ? o.override.id : -1 });
    });
  });

  describe("F5 through the gate: a vendor's recent campaign or party service needs its policy on file", () => {
    it(`refuses ${LB} days after the last service, allows ${LB + 1}; a policy on file allows it; every decision audited`, () => {
      const w = world();
      const v = db.insert(vendors).values({ coalitionId: w.table.id, name: "Doorstep Data", createdBy: actor.id, createdAt: "2026-01-01T00:00:00Z" }).returning().get();
      db.insert(vendorClients).values({ vendorId: v.id, kind: "candidate", raceId: w.raceA.id, servedFor: "Vale for Congress", startDate: "2026-01-01", lastServiceDate: "2026-05-01" }).run();
      const use = (useDate: string) => db.transaction((tx) => checkVendorUse(tx, actor, { vendorId: v.id, partnerId: w.c4.id, raceId: w.raceA.id, useDate, field: "vendorId" }));
      expect(use(addDays("2026-05-01", LB))).toMatchObject({ ok: false, rule: "F5", field: "vendorId" });
      expect(lastAudit()).toMatchObject({ action: "firewall.vendor_use", decision: "deny" });
      expect(use(addDays("2026-05-01", LB + 1))).toMatchObject({ ok: true });
      expect(lastAudit()).toMatchObject({ decision: "allow" });
      db.update(vendors).set({ policyOnFileAt: "2026-04-01" }).where(eq(vendors.id, v.id)).run();
      expect(use("2026-05-02")).toMatchObject({ ok: true });
    });
  });

  describe("F6 through the gate", () => {
    it("names what is missing per member; neutral staff need nothing", () => {
      const w = world();
      expect(
        workspaceGaps(db, w.both, { coalitionId: w.table.id })
          .map((g) => [g.partnerId, g.problem])
          .sort()
      ).toEqual([
        [w.c4.id, "no_policy"],
        [w.pac.id, "no_policy"],
      ]);
      buildPolicy(db, actor, w.c4.id, [w.both.id]);
      buildPolicy(db, actor, w.pac.id);
      expect(workspaceGaps(db, w.both, { coalitionId: w.table.id })).toEqual([expect.objectContaining({ partnerId: w.pac.id, problem: "not_acknowledged", version: 1 })]);
      expect(workspaceGaps(db, w.staff, { coalitionId: w.table.id })).toEqual([]);
    });
  });

  describe("review mends: the gate's edges", () => {
    it("F9: an override limited to one item allows only that item, not a new one nor another", () => {
      const w = world();
      const o = createOverride(
        db,
        w.pacCounsel,
        w.table.id,
        { partnerId: w.c4.id, raceId: w.raceA.id, scope: "campaign_share", subjectId: 7, reason: "Only the results file of program 7.", expiresOn: "2026-12-31" },
        "2026-10-01"
      );
      expect(o.ok).toBe(true);
      const exportOf = (subjectId: number | null) =>
        db.transaction((tx) =>
          checkCampaignCounterparty(tx, actor, { partnerId: w.c4.id, raceId: w.raceA.id, counterpartyIsCampaign: true, what: "export", onDate: "2026-10-10", subjectType: "canvassProgram", subjectId })
        );
      expect(exportOf(7)).toMatchObject({ ok: true });
      expect(exportOf(8)).toMatchObject({ ok: false, rule: "F7" });
      expect(exportOf(null)).toMatchObject({ ok: false, rule: "F7" });
    });

    it("F5: a vendor's policy counts from the day it was filed, not for a use before it", () => {
      const w = world();
      const v = db.insert(vendors).values({ coalitionId: w.table.id, name: "Late Policy Co", policyOnFileAt: "2026-06-01", createdBy: actor.id, createdAt: "2026-01-01T00:00:00Z" }).returning().get();
      db.insert(vendorClients).values({ vendorId: v.id, kind: "party", raceId: null, servedFor: "State party", startDate: "2026-01-01", lastServiceDate: "2026-05-01" }).run();
      const use = (useDate: string) => db.transaction((tx) => checkVendorUse(tx, actor, { vendorId: v.id, partnerId: w.c4.id, raceId: w.raceA.id, useDate }));
      expect(use("2026-05-20")).toMatchObject({ ok: false, rule: "F5" });
      expect(use("2026-06-01")).toMatchObject({ ok: true });
    });

    it("F1: a 501(c)(3) chapter of a c4 cannot take part in a campaign-hosted shift, whatever its partner's side", () => {
      const w = world();
      const chapter = buildAffiliate(db, actor, w.table.id, w.c4.id, { state: "PA", districts: ["07"], legalType: "c3", name: "Civic Education Chapter" });
      expect(affiliateSide(db, chapter.id, w.raceA.id)).toBe("none");
      const d = db.transaction((tx) =>
        checkCampaignCounterparty(tx, actor, { partnerId: w.c4.id, affiliateId: chapter.id, raceId: w.raceA.id, counterpartyIsCampaign: true, what: "shift", onDate: "2026-10-10" })
      );
      expect(d).toMatchObject({ ok: false, rule: "F1" });
    });

    it("F10: a placement the firewall allows is on the audit log too", () => {
      const w = world();
      const before = db.select().from(auditLog).all().length;
      expect(
        db.transaction((tx) =>
          checkPlacement(tx, actor, {
            coalitionId: w.table.id,
            raceId: w.raceA.id,
            partnerId: w.c4.id,
            side: "independent",
            workDate: "2026-10-01",
            person: { email: "clear@example.org", name: "Clear Person" },
          })
        )
      ).toMatchObject({ ok: true });
      expect(db.select().from(auditLog).all().length).toBe(before + 1);
      expect(lastAudit()).toMatchObject({ action: "firewall.placement", decision: "allow", detail: expect.stringContaining("no wall") });
    });

    it("F6: a member seated only at another table does not lock this table's race pages", () => {
      const w = world();
      const other = buildCoalition(db, actor);
      const elsewhere = buildPartner(db, actor, other.id, { legalType: "c4", shortName: "ELSE" });
      const u = db.insert(users).values({ name: "Two Tables", email: "two@example.org" }).returning().get();
      grantRole(db, actor, u.id, { role: "partner_rep", partnerId: w.c4.id });
      grantRole(db, actor, u.id, { role: "partner_rep", partnerId: elsewhere.id });
      buildPolicy(db, actor, w.c4.id, [u.id]);
      const who = loadPrincipal(db, u.id)!;
      expect(workspaceGaps(db, who, { coalitionId: w.table.id })).toEqual([]);
      expect(workspaceGaps(db, who, { coalitionId: other.id })).toEqual([expect.objectContaining({ partnerId: elsewhere.id, problem: "no_policy" })]);
    });
  });
});
