/**
 * Issue 13, national hosts: a partner's national staff host, co-host, recruit and pledge as the
 * partner itself (its national office), under the partner's legal type and side; the credit
 * report counts the partner's national hours.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, auditLog, partners, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { can } from "~/domain/permissions";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { subTableCredit } from "~/models/credit.server";
import { affiliateSide, checkCampaignCounterparty } from "~/models/firewall.server";
import { joinProgramAsNational, nationalChoices, nationalOffice } from "~/models/national-hosts.server";
import { setPledge } from "~/models/pledges.server";
import { getProgram, programAffiliates } from "~/models/programs.server";
import { joinProgramRemotely, remoteCandidates } from "~/models/remote-work.server";
import { createShift, getShift } from "~/models/shifts.server";
import { signUp } from "~/models/signups.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildPolicy, buildProgramWorld, shiftInput } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const LINK = "https://meet.example.org/national-textbank";

function world() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const national = w.partners[0]; // alpha's partner, on the sub-table
  const jersey = buildAffiliate(db, actor, w.coalition.id, bravo.partnerId, { name: "Jersey Chapter", state: "NJ", districts: ["05"], counties: [] });
  const ref = { coalitionId: w.coalition.id, programId: w.program.id };
  const person = (name: string, grants: Parameters<typeof grantRole>[3][]) => {
    const u = testActor(db, name);
    for (const g of grants) grantRole(db, actor, u.id, g);
    return loadPrincipal(db, u.id)!;
  };
  const staff = person("Nat Staff", [{ role: "partner_rep", partnerId: national.id }]);
  const otherRep = person("Other Rep", [{ role: "partner_rep", partnerId: w.partners[1].id }]);
  // F6: every member keeps a policy; the national staffer acknowledged its partner's
  for (const p of w.partners) buildPolicy(db, actor, p.id, p.id === national.id ? [staff.id] : []);
  return { ...w, alpha, bravo, national, jersey, ref, staff, otherRep };
}

const virtualTextbank = (host: number, over: Partial<ReturnType<typeof shiftInput>> = {}) =>
  shiftInput(host, { workType: "textbank", title: "National textbank", location: null, callLink: LINK, ...over });

describe("a partner's national staff take part as the partner itself", () => {
  it("joining makes the partner's one national office (no state, no coverage, the partner's legal type) and joins it once; audited", () => {
    const w = world();
    expect(nationalOffice(db, "system", { partnerId: w.national.id })).toBeNull();
    const r = joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id });
    if (!r.ok) throw new Error(r.message);
    expect(r.joined).toBe(true);
    expect(joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id })).toEqual({ ok: true, officeId: r.officeId, joined: false });
    const office = nationalOffice(db, "system", { partnerId: w.national.id })!;
    expect(office).toMatchObject({ id: r.officeId, national: true, state: "US", legalType: null, partnerId: w.national.id });
    expect(db.select().from(affiliates).where(eq(affiliates.national, true)).all()).toHaveLength(1);
    const who = programAffiliates(db, "system", getProgram(db, "system", w.ref)).find((a) => a.id === office.id);
    expect(who).toMatchObject({ remote: true, national: true, coverage: [] });
    expect(db.select().from(auditLog).all().filter((a) => a.action === "program.join_national")).toHaveLength(1);
    // not a chapter "from another state": the remote-join list leaves it out
    expect(remoteCandidates(db, "system", { coalitionId: w.coalition.id, detail: getProgram(db, "system", w.ref) }).map((a) => a.id)).not.toContain(office.id);
  });

  it("only a partner on the sub-table; the choices are the partners this person manages whose staff have not joined", () => {
    const w = world();
    expect(joinProgramAsNational(db, actor, { ...w.ref, partnerId: w.partners[4].id })).toMatchObject({ ok: false, field: "partnerId" });
    const detail = getProgram(db, "system", w.ref);
    expect(nationalChoices(db, w.staff, { coalitionId: w.coalition.id, detail }).map((p) => p.id)).toEqual([w.national.id]);
    joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id });
    expect(nationalChoices(db, w.staff, { coalitionId: w.coalition.id, detail })).toEqual([]);
    expect(nationalChoices(db, w.otherRep, { coalitionId: w.coalition.id, detail }).map((p) => p.id)).toEqual([w.partners[1].id]);
  });

  it("the partner's representatives manage the national office's shifts; another partner's do not", () => {
    const w = world();
    const r = joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id });
    if (!r.ok) throw new Error(r.message);
    expect(can(w.staff, { action: "shift.manage", coalitionId: w.coalition.id, partnerId: w.national.id, affiliateId: r.officeId }).ok).toBe(true);
    expect(can(w.otherRep, { action: "shift.manage", coalitionId: w.coalition.id, partnerId: w.national.id, affiliateId: r.officeId }).ok).toBe(false);
  });
});

describe("a national host's virtual shift with an out-of-state co-host", () => {
  it("national staff host a virtual textbank co-hosted by a New Jersey chapter, recruit for it, and the credit report counts the partner's national hours", () => {
    const w = world();
    const office = joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id });
    if (!office.ok) throw new Error(office.message);
    joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id });
    const made = createShift(db, w.staff, { ...w.ref, ...virtualTextbank(office.officeId, { coHostIds: [w.jersey.id] }) });
    if (!made.ok) throw new Error(made.message);
    const seen = getShift(db, w.staff, { ...w.ref, shiftId: made.shift.id }).shift;
    expect(seen.hostAffiliateId).toBe(office.officeId);
    expect(seen.coHosts.map((c) => c.id)).toEqual([w.jersey.id]);
    expect(seen.callLink).toBe(LINK); // the national staff host it: they see its link
    const vol = signUp(db, w.staff, { ...w.ref, shiftId: made.shift.id, volunteerName: "Val Texter", email: "val@example.test", phone: null, recruitedByAffiliateId: office.officeId, confirmDouble: false }, new Date("2027-03-01T12:00:00Z"));
    expect(vol.ok).toBe(true);
    // pledges as the partner itself: text hours yes, doors no (the national office covers no turf)
    expect(setPledge(db, w.staff, { ...w.ref, affiliateId: office.officeId, workType: "textbank", weekStart: "2027-03-29", hours: 25 })).toMatchObject({ ok: true });
    const doors = setPledge(db, w.staff, { ...w.ref, affiliateId: office.officeId, workType: "doorknock", weekStart: "2027-03-29", hours: 5 });
    expect(doors).toMatchObject({ ok: false, field: "workType" });
    expect(!doors.ok && doors.message).toMatch(/as the partner itself/);
    // an in-person shift is refused for the national staff
    expect(createShift(db, w.staff, { ...w.ref, ...shiftInput(office.officeId) })).toMatchObject({ ok: false, field: "hostAffiliateId" });

    const credit = subTableCredit(db, "system", { coalitionId: w.coalition.id, subCoalitionId: w.subTable.id, today: "2027-04-30" });
    const mine = credit.partners.find((p) => p.partnerId === w.national.id)!;
    const nat = mine.affiliates.find((a) => a.affiliateId === office.officeId)!;
    expect(nat).toMatchObject({ shiftsHosted: 1, recruited: 1, hoursPledged: 25 });
    expect(mine.shiftsHosted).toBeGreaterThanOrEqual(1);
    expect(mine.hoursPledged).toBeGreaterThanOrEqual(25);
    const bravoPartner = credit.partners.find((p) => p.partnerId === w.bravo.partnerId)!;
    expect(bravoPartner.affiliates.find((a) => a.affiliateId === w.jersey.id)).toMatchObject({ shiftsCoHosted: 1 });
  });
});

describe("the firewall treats national staff as the partner", () => {
  it("the national office stands on the partner's side: a c4 partner's staff are refused a campaign-hosted shift (F7); a 501(c)(3) partner's never has a side (F1)", () => {
    const w = world();
    const office = joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id });
    if (!office.ok) throw new Error(office.message);
    expect(affiliateSide(db, office.officeId, w.race.id)).toBe("independent");
    const d = db.transaction((tx) => checkCampaignCounterparty(tx, w.staff, { partnerId: w.national.id, affiliateId: office.officeId, raceId: w.race.id, counterpartyIsCampaign: true, what: "shift", onDate: "2027-04-10" }));
    expect(d).toMatchObject({ ok: false, rule: "F7" });
    db.update(partners).set({ legalType: "c3" }).where(eq(partners.id, w.national.id)).run();
    expect(affiliateSide(db, office.officeId, w.race.id)).toBe("none");
  });

  it("a walled national staffer cannot be signed up on the independent side (F4), as for any member's person", () => {
    const w = world();
    const office = joinProgramAsNational(db, w.staff, { ...w.ref, partnerId: w.national.id });
    if (!office.ok) throw new Error(office.message);
    const made = createShift(db, w.staff, { ...w.ref, ...virtualTextbank(office.officeId) });
    if (!made.ok) throw new Error(made.message);
    db.insert(walls).values({ coalitionId: w.coalition.id, partnerId: w.national.id, personName: "Wes Walled", email: "wes@example.test", reason: "candidate_service", raceId: w.race.id, startDate: "2026-01-01", lastServiceDate: "2027-03-01", createdBy: actor.id, createdAt: "2027-03-02T00:00:00Z" }).run();
    const r = signUp(db, w.staff, { ...w.ref, shiftId: made.shift.id, volunteerName: "Wes Walled", email: "wes@example.test", phone: null, recruitedByAffiliateId: office.officeId, confirmDouble: false }, new Date("2027-03-05T12:00:00Z"));
    expect(r).toMatchObject({ ok: false, field: "email" });
    expect(!r.ok && r.message).toMatch(/Wes Walled.*F4/s);
  });
});
