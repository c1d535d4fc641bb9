/**
 * Issue 13 through the routes: an out-of-state lead joins a program from the pledges page,
 * schedules a virtual phonebank; its meeting link is in the loader data of the host and the
 * facilitator, not in that of another lead at the table.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as pledgesPage from "~/routes/tables.$coalitionId.programs.$programId.pledges";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as week from "~/routes/tables.$coalitionId.shifts.week";
import { grantRole } from "~/models/accounts.server";
import { programRemoteAffiliates, shifts } from "../../db/schema";
import { testActor } from "../db";
import { buildAffiliate, buildPolicy, buildProgramWorld } from "../factories";
import { act, expectInvalid, expectRedirect, load, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const LINK = "https://meet.example.org/nj-calls-pa";

function setup() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const jersey = buildAffiliate(db, actor, w.coalition.id, alpha.partnerId, { name: "Jersey Chapter", state: "NJ", districts: ["05"], counties: [] });
  const lead = (name: string, affiliateId: number) => {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId });
    return u;
  };
  const jen = lead("Jen Jersey", jersey.id);
  const bea = lead("Bea Bravo", bravo.id);
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [jen.id, bea.id]);
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  return { ...w, alpha, bravo, jersey, jen, bea, c, p, params: { coalitionId: c, programId: p }, base: `/tables/${c}/programs/${p}` };
}

describe("an out-of-state lead", () => {
  it("joins remotely from the pledges page, then schedules a virtual phonebank (an in-person one is refused)", async () => {
    const w = setup();
    signInAs(db, w.jen.id);
    const before = await load(pledgesPage.loader, `${w.base}/pledges`, w.params);
    expect(before.remoteChoices).toEqual([{ value: String(w.jersey.id), label: "Jersey Chapter (NJ)" }]);
    expect(before.mayPledgeFor).toEqual([]);
    await expectRedirect(act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "join-remote", affiliateId: String(w.jersey.id) }), /pledges$/);
    expect(db.select().from(programRemoteAffiliates).all()).toMatchObject([{ programId: w.program.id, affiliateId: w.jersey.id, joinedBy: w.jen.id }]);
    const after = await load(pledgesPage.loader, `${w.base}/pledges`, w.params);
    expect(after.remoteChoices).toEqual([]);
    expect(after.mayPledgeFor.map((a) => a.id)).toEqual([w.jersey.id]);
    const doors = await expectInvalid(
      act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "pledge", affiliateId: String(w.jersey.id), workType: "doorknock", weekStart: "2027-03-29", hours: "5" }),
      ["workType"],
    );
    expect(doors.errors.workType).toMatch(/from outside Pennsylvania/);

    const fields = { intent: "create", workType: "phonebank", title: "Jersey calls PA-07", startsAt: "2027-04-17T18:00", endsAt: "2027-04-17T20:00", location: "", callLink: LINK, hostAffiliateId: String(w.jersey.id), hostKind: "affiliate", campaignHost: "", capacity: "25", notes: "" };
    const inPerson = await expectInvalid(act(shiftsIndex.action, `${w.base}/shifts`, w.params, { ...fields, location: "Union hall, Newark" }), ["hostAffiliateId"]);
    expect(inPerson.errors.hostAffiliateId).toMatch(/virtual phonebank/);
    await expectRedirect(act(shiftsIndex.action, `${w.base}/shifts`, w.params, fields), /shifts\/\d+\?created$/);
  });

  it("the meeting link is in the host's loader data, not in another lead's (shift page, shift list, week)", async () => {
    const w = setup();
    signInAs(db, w.jen.id);
    await expectRedirect(act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "join-remote", affiliateId: String(w.jersey.id) }), /pledges$/);
    const fields = { intent: "create", workType: "phonebank", title: "Jersey calls PA-07", startsAt: "2027-04-17T18:00", endsAt: "2027-04-17T20:00", location: "", callLink: LINK, hostAffiliateId: String(w.jersey.id), hostKind: "affiliate", campaignHost: "", capacity: "25", notes: "" };
    await expectRedirect(act(shiftsIndex.action, `${w.base}/shifts`, w.params, fields), /shifts\/\d+\?created$/);
    const shift = db.select().from(shifts).get()!;
    const shiftParams = { ...w.params, shiftId: String(shift.id) };
    const mine = await load(shiftPage.loader, `${w.base}/shifts/${shift.id}`, shiftParams);
    expect(JSON.stringify(mine)).toContain(LINK);

    signInAs(db, w.bea.id);
    const theirs = await load(shiftPage.loader, `${w.base}/shifts/${shift.id}`, shiftParams);
    expect(theirs.shift).toMatchObject({ callLink: null, linkHidden: true });
    expect(JSON.stringify(theirs)).not.toContain("meet.example.org");
    expect(JSON.stringify(await load(shiftsIndex.loader, `${w.base}/shifts?when=all`, w.params))).not.toContain("meet.example.org");
    expect(JSON.stringify(await load(week.loader, `/tables/${w.c}/shifts/week?week=2027-04-12`, { coalitionId: w.c }))).not.toContain("meet.example.org");
  });
});
