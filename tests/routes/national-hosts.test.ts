/**
 * Issue 13, national hosts through the routes: a partner's representative (its national staff)
 * brings the partner's national office into a program from the pledges page, schedules a
 * virtual textbank co-hosted by an out-of-state chapter; another partner's representative
 * cannot, and does not see the meeting link.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as pledgesPage from "~/routes/tables.$coalitionId.programs.$programId.pledges";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import { grantRole } from "~/models/accounts.server";
import { nationalOffice } from "~/models/national-hosts.server";
import { joinProgramRemotely } from "~/models/remote-work.server";
import { shifts } from "../../db/schema";
import { testActor } from "../db";
import { buildAffiliate, buildPolicy, buildProgramWorld } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const LINK = "https://meet.example.org/national-texts";

function setup() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const jersey = buildAffiliate(db, actor, w.coalition.id, bravo.partnerId, { name: "Jersey Chapter", state: "NJ", districts: ["05"], counties: [] });
  joinProgramRemotely(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, affiliateId: jersey.id });
  const person = (name: string, grant: Parameters<typeof grantRole>[3]) => {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, grant);
    return u;
  };
  const nat = person("Nadia National", { role: "partner_rep", partnerId: alpha.partnerId });
  const other = person("Otto Other", { role: "partner_rep", partnerId: w.partners[2].id });
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [nat.id, other.id]);
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  return { ...w, alpha, bravo, jersey, nat, other, c, p, params: { coalitionId: c, programId: p }, base: `/tables/${c}/programs/${p}` };
}

describe("a partner's national staff", () => {
  it("join as the partner from the pledges page, pledge text hours and schedule a virtual textbank with an out-of-state co-host", async () => {
    const w = setup();
    signInAs(db, w.nat.id);
    const before = await load(pledgesPage.loader, `${w.base}/pledges`, w.params);
    expect(before.nationalChoices).toEqual([{ value: String(w.alpha.partnerId), label: w.partners[0].name }]);
    await expectRedirect(act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "join-national", partnerId: String(w.alpha.partnerId) }), /pledges$/);
    const office = nationalOffice(db, "system", { partnerId: w.alpha.partnerId })!;
    const after = await load(pledgesPage.loader, `${w.base}/pledges`, w.params);
    expect(after.nationalChoices).toEqual([]);
    expect(after.mayPledgeFor.map((a) => a.id)).toContain(office.id);
    expect(after.remoteParticipants.map((a) => a.name)).toContain(office.name);
    await expectRedirect(act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "pledge", affiliateId: String(office.id), workType: "textbank", weekStart: "2027-03-29", hours: "20" }), /pledges$/);

    const fields = { intent: "create", workType: "textbank", title: "National textbank", startsAt: "2027-04-17T18:00", endsAt: "2027-04-17T20:00", location: "", callLink: LINK, hostAffiliateId: String(office.id), hostKind: "affiliate", campaignHost: "", capacity: "40", notes: "", coHosts: String(w.jersey.id) };
    const inPerson = await expectInvalid(act(shiftsIndex.action, `${w.base}/shifts`, w.params, { ...fields, location: "Union hall" }), ["hostAffiliateId"]);
    expect(inPerson.errors.hostAffiliateId).toMatch(/as the partner itself/);
    await expectRedirect(act(shiftsIndex.action, `${w.base}/shifts`, w.params, fields), /shifts\/\d+\?created$/);
    const shift = db.select().from(shifts).get()!;
    expect(shift).toMatchObject({ hostAffiliateId: office.id, callLink: LINK });
    const page = await load(shiftPage.loader, `${w.base}/shifts/${shift.id}`, { ...w.params, shiftId: String(shift.id) });
    expect(JSON.stringify(page)).toContain(LINK);

    // another partner's representative: no link, and cannot bring this partner's staff in
    signInAs(db, w.other.id);
    const theirs = await load(shiftPage.loader, `${w.base}/shifts/${shift.id}`, { ...w.params, shiftId: String(shift.id) });
    expect(JSON.stringify(theirs)).not.toContain(LINK);
    await expectStatus(act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "join-national", partnerId: String(w.alpha.partnerId) }), 403);
  });
});
