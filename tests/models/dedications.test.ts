/**
 * Hybrid PAC accounts (issue 18): counsel dedicates a hybrid PAC's person to one account,
 * audited; only a person on both accounts is walled by the other.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { dedicateAccount, listDedications } from "~/models/dedications.server";
import { campaignInfoAllowed, campaignInfoGate, viewerSides } from "~/models/firewall.server";
import { setSide } from "~/models/sides.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildCoalition, buildPartner, buildRace } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

function world() {
  const table = buildCoalition(db, actor);
  const hybrid = buildPartner(db, actor, table.id, { legalType: "hybrid_pac", shortName: "HYB" });
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CFOUR" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const other = buildRace(db, actor, table.id, { state: "PA", district: "08" });
  const chapter = buildAffiliate(db, actor, table.id, hybrid.id, { state: "PA", districts: ["07"] });
  let n = 0;
  const person = (grants: Parameters<typeof grantRole>[3][]) => {
    const u = db.insert(users).values({ name: `Person ${++n}`, email: `p${n}@example.org` }).returning().get();
    for (const g of grants) grantRole(db, actor, u.id, g);
    return u;
  };
  const counsel = person([{ role: "counsel", partnerId: hybrid.id }]);
  const rep = person([{ role: "partner_rep", partnerId: hybrid.id }]);
  const lead = person([{ role: "affiliate_lead", affiliateId: chapter.id }]);
  const outsider = person([{ role: "partner_rep", partnerId: c4.id }]);
  // counsel sets the contribution account coordinated in the race; the non-contribution account stays independent
  const set = setSide(db, actor, table.id, { partnerId: hybrid.id, raceId: race.id, account: "contribution", side: "coordinated", reason: "Contribution account coordinates with the campaign" });
  if (!set.ok) throw new Error(set.message);
  return { table, hybrid, c4, race, other, counsel, rep, lead, outsider };
}

const p = (id: number) => loadPrincipal(db, id)!;

describe("a hybrid PAC's person dedicated to one account", () => {
  it("on both accounts (no dedication) the person is walled by the non-contribution account", () => {
    const w = world();
    expect(viewerSides(db, p(w.rep.id), w.race.id)).toEqual(["coordinated", "independent"]);
    expect(campaignInfoAllowed(db, p(w.rep.id), w.race.id)).toBe(false);
  });

  it("dedicated to the contribution account: that account's side only, so campaign information of a coordinated race reaches them; not of another race", () => {
    const w = world();
    const r = dedicateAccount(db, p(w.counsel.id), { partnerId: w.hybrid.id, userId: w.rep.id, account: "contribution", reason: "Works only on the contribution side" });
    expect(r).toEqual({ ok: true, account: "contribution" });
    expect(viewerSides(db, p(w.rep.id), w.race.id)).toEqual(["coordinated"]);
    expect(campaignInfoAllowed(db, p(w.rep.id), w.race.id)).toBe(true);
    expect(campaignInfoAllowed(db, p(w.rep.id), w.other.id)).toBe(false);
    // the gate's prefetched path (many races at once) agrees
    const gate = campaignInfoGate(db, p(w.rep.id), [w.race.id, w.other.id]);
    expect([gate(w.race.id), gate(w.other.id)]).toEqual([true, false]);
    // an affiliate's lead of the hybrid PAC is still on both accounts
    expect(campaignInfoAllowed(db, p(w.lead.id), w.race.id)).toBe(false);
    const row = db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;
    expect(row).toMatchObject({ action: "firewall.account_dedication", decision: "info", rule: "F2", actorId: w.counsel.id, partnerId: w.hybrid.id, subjectType: "user", subjectId: w.rep.id });
    expect(row.detail).toBe("Person 2: both accounts → Contribution account; Works only on the contribution side");
  });

  it("dedicated to the non-contribution account: independent, walled; put back on both: walled again, each change audited", () => {
    const w = world();
    dedicateAccount(db, p(w.counsel.id), { partnerId: w.hybrid.id, userId: w.lead.id, account: "non_contribution", reason: null });
    expect(viewerSides(db, p(w.lead.id), w.race.id)).toEqual(["independent"]);
    expect(campaignInfoAllowed(db, p(w.lead.id), w.race.id)).toBe(false);
    dedicateAccount(db, p(w.counsel.id), { partnerId: w.hybrid.id, userId: w.lead.id, account: "contribution", reason: null });
    expect(campaignInfoAllowed(db, p(w.lead.id), w.race.id)).toBe(true);
    dedicateAccount(db, p(w.counsel.id), { partnerId: w.hybrid.id, userId: w.lead.id, account: "both", reason: "Back on both" });
    expect(viewerSides(db, p(w.lead.id), w.race.id)).toEqual(["coordinated", "independent"]);
    expect(campaignInfoAllowed(db, p(w.lead.id), w.race.id)).toBe(false);
    expect(db.select().from(auditLog).all().filter((a) => a.action === "firewall.account_dedication").map((a) => a.detail)).toEqual([
      "Person 3: both accounts → Non-contribution (independent expenditure) account",
      "Person 3: Non-contribution (independent expenditure) account → Contribution account",
      "Person 3: Contribution account → both accounts; Back on both",
    ]);
  });

  it("a person who also acts for another member stays walled by that member's independent side", () => {
    const w = world();
    grantRole(db, actor, w.rep.id, { role: "partner_rep", partnerId: w.c4.id });
    dedicateAccount(db, p(w.counsel.id), { partnerId: w.hybrid.id, userId: w.rep.id, account: "contribution", reason: null });
    expect(campaignInfoAllowed(db, p(w.rep.id), w.race.id)).toBe(false);
  });

  it("refused: a member that is not a hybrid PAC, a person who is not the member's; nothing written", () => {
    const w = world();
    const before = db.select().from(auditLog).all().length;
    expect(dedicateAccount(db, actor, { partnerId: w.c4.id, userId: w.outsider.id, account: "contribution", reason: null })).toMatchObject({ ok: false, field: "account" });
    expect(dedicateAccount(db, actor, { partnerId: w.hybrid.id, userId: w.outsider.id, account: "contribution", reason: null })).toMatchObject({ ok: false, field: "userId" });
    expect(() => dedicateAccount(db, actor, { partnerId: 999, userId: w.rep.id, account: "contribution", reason: null })).toThrow(/Member not found/);
    expect(db.select().from(auditLog).all().length).toBe(before);
    // "both" is never refused: counsel confirms a person stands on every account (as every c4 person does), recorded
    expect(dedicateAccount(db, actor, { partnerId: w.c4.id, userId: w.outsider.id, account: "both", reason: null })).toEqual({ ok: true, account: null });
    expect(db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)?.detail).toBe("Person 4: both accounts → both accounts (confirmed)");
  });

  it("the accounts page's list: the hybrid PACs among the members, each person with the account they stand on", () => {
    const w = world();
    dedicateAccount(db, p(w.counsel.id), { partnerId: w.hybrid.id, userId: w.rep.id, account: "contribution", reason: "r" });
    const list = listDedications(db, p(w.counsel.id), { partnerIds: [w.hybrid.id, w.c4.id] });
    expect(list.map((m) => m.member.id)).toEqual([w.hybrid.id]);
    expect(list[0].people.map((x) => [x.id, x.account])).toEqual([
      [w.counsel.id, null],
      [w.rep.id, "contribution"],
      [w.lead.id, null],
    ]);
  });
});
