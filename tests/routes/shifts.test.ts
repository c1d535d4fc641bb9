import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as week from "~/routes/tables.$coalitionId.shifts.week";
import * as myAffiliate from "~/routes/tables.$coalitionId.my-affiliate";
import * as calendar from "~/routes/calendar.$feedToken[.]ics";
import * as exportCsv from "~/routes/tables.$coalitionId.programs.$programId.export[.]csv";
import { grantRole } from "~/models/accounts.server";
import { createFeed, revokeFeed } from "~/models/calendar-feeds.server";
import { acknowledgePolicy, currentPolicy } from "~/models/policies.server";
import { programResults } from "~/models/shift-results.server";
import { addVendorClient, createVendor } from "~/models/vendors.server";
import { shifts, signups } from "../../db/schema";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift, buildSignup, shiftTurfUnit } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, getRequest, load, settle, signInAs, withCookie } from "./helpers";
import { actWith, auditRows, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

/** A program on PA-07 (New York time) with Alpha and Bravo taking part, and a lead for each. */
/** Rule F6: this person acknowledges the partner's current policy (setup writes one per partner). */
function acknowledgeCurrent(partnerId: number, userId: number) {
  const policy = currentPolicy(db, partnerId)!;
  acknowledgePolicy(db, { id: userId, name: "acknowledger" }, { policyId: policy.id, version: policy.version });
}

function setup() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  const lead = (name: string, affiliateId: number) => {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId });
    return u;
  };
  const alphaLead = lead("Alan Alpha", alpha.id);
  const bravoLead = lead("Bea Bravo", bravo.id);
  // rule F6: the program's pages open for people who acknowledged their member's policy
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [alphaLead.id, bravoLead.id]);
  const base = `/tables/${c}/programs/${p}/shifts`;
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, alpha.id, { coHostIds: [bravo.id] });
  const shiftParams = { coalitionId: c, programId: p, shiftId: String(shift.id) };
  return { ...w, alpha, bravo, c, p, alphaLead, bravoLead, base, shift, params: { coalitionId: c, programId: p }, shiftParams, shiftPath: `${base}/${shift.id}` };
}

const shiftFields = (hostAffiliateId: number, over: Record<string, string | string[]> = {}) => ({
  intent: "create",
  workType: "doorknock",
  title: "Saturday doors",
  startsAt: "2027-04-17T09:00",
  endsAt: "2027-04-17T12:00",
  location: "Union hall",
  callLink: "",
  hostAffiliateId: String(hostAffiliateId),
  hostKind: "affiliate",
  campaignHost: "",
  capacity: "10",
  notes: "",
  ...over,
});

describe("program shifts page", () => {
  it("lists the shifts, upcoming first, and the hosts this person may choose (results are on the program page)", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const data = await load(shiftsIndex.loader, w.base, w.params);
    expect(data.program.timeZone).toBe("America/New_York");
    expect(data.shifts.map((s) => s.id)).toEqual([w.shift.id]);
    expect(data.shifts[0]).toMatchObject({ id: w.shift.id, when: "Sat, Apr 10, 2027, 9:00 AM – 12:00 PM EDT", signedUp: 0, capacity: 10 });
    expect(data.pages).toEqual({ prev: null, next: null, total: 1 });
    expect(data.hosts.map((h) => h.id)).toEqual([w.alpha.id]);
    expect(data.feeds).toEqual([]);
  });

  it("a lead schedules a joint shift: stored UTC, co-host and turf kept", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const to = await expectRedirect(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { coHosts: String(w.bravo.id) })), /\/shifts\/\d+\?created$/);
    const id = Number(/shifts\/(\d+)/.exec(to)![1]);
    const data = await load(shiftPage.loader, `${w.base}/${id}`, { ...w.params, shiftId: String(id) });
    expect(data.shift).toMatchObject({ startsAt: "2027-04-17T13:00:00.000Z", startsLocal: "2027-04-17T09:00" });
    expect(data.shift.coHosts.map((h) => h.id)).toEqual([w.bravo.id]);
  });

  it("co-hosts and turf units post as lists (one name per ticked box); the host is never its own co-host", async () => {
    const w = setup();
    const [u1, u2] = [shiftTurfUnit(db, w.program.id, { code: "W-1" }), shiftTurfUnit(db, w.program.id, { code: "W-2" })];
    signInAs(db, w.alphaLead.id);
    const to = await expectRedirect(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { coHosts: [String(w.bravo.id), String(w.alpha.id)], turf: [String(u2.id), String(u1.id)] })), /\/shifts\/\d+\?created$/);
    const id = /shifts\/(\d+)/.exec(to)![1];
    const data = await load(shiftPage.loader, `${w.base}/${id}`, { ...w.params, shiftId: id });
    expect(data.shift.coHosts.map((h) => h.id)).toEqual([w.bravo.id]);
    expect(data.shift.turfUnitIds).toEqual([u1.id, u2.id].sort((a, b) => a - b));
  });

  it("a junk id in a list, another program's unit or an affiliate not taking part is a 400 next to the list, nothing written", async () => {
    const w = setup();
    const other = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
    const foreign = shiftTurfUnit(db, other.program.id, { code: "F-1" });
    signInAs(db, w.alphaLead.id);
    const before = dump(db);
    const junk = await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { coHosts: [String(w.bravo.id), "x"] })), ["coHosts"]);
    expect(junk.values.coHosts).toEqual([String(w.bravo.id), "x"]);
    await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { turf: "0" })), ["turf"]);
    await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { turf: String(foreign.id) })), ["turf"]);
    await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { coHosts: String(other.affiliates[0].id) })), ["coHosts"]);
    expect(dump(db)).toEqual(before);
  });

  it("issue 15: a call list is refused as the turf of a doorknock, next to the turf list, keeping what was typed; a phonebank takes it", async () => {
    const w = setup();
    const calls = shiftTurfUnit(db, w.program.id, { code: "CL-001", kind: "call_list", name: "Call list 1" });
    signInAs(db, w.alphaLead.id);
    const before = dump(db);
    const refused = await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { title: "Doors with a call list", turf: String(calls.id) })), ["turf"]);
    expect(refused.errors.turf).toMatch(/CL-001 is a call list; a doorknock works walk packets only/);
    expect(refused.values.title).toBe("Doors with a call list");
    expect(dump(db)).toEqual(before);
    const phones = shiftFields(w.alpha.id, { workType: "phonebank", location: "", callLink: "https://meet.example.org/pb", turf: String(calls.id) });
    await act(shiftsIndex.action, w.base, w.params, phones);
    expect(dump(db)).not.toEqual(before);
  });

  it("reads the intent a browser posts twice (the form's hidden field and the pressed button)", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    await expectRedirect(act(shiftsIndex.action, w.base, w.params, { ...shiftFields(w.alpha.id), intent: ["create", "create"] }), /\/shifts\/\d+\?created$/);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.shiftParams, { ...shiftFields(w.alpha.id, { startsAt: "2027-04-10T10:00", endsAt: "2027-04-10T13:00" }), intent: ["update", "update"] }), /\?saved$/);
  });

  it("Arizona: typed in America/Phoenix, stored UTC, shown back in Phoenix time", async () => {
    const w = buildProgramWorld(db, actor, { state: "AZ", affiliates: [{ partner: 0, state: "AZ", districts: ["07"] }, { partner: 1, state: "AZ", districts: ["07"] }], program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
    const lead = testActor(db, "Ari Zona");
    grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[0].id });
    buildPolicy(db, actor, w.partners[0].id, [lead.id]);
    signInAs(db, lead.id);
    const params = { coalitionId: String(w.coalition.id), programId: String(w.program.id) };
    const base = `/tables/${w.coalition.id}/programs/${w.program.id}/shifts`;
    const to = await expectRedirect(act(shiftsIndex.action, base, params, shiftFields(w.affiliates[0].id, { startsAt: "2027-03-14T02:30", endsAt: "2027-03-14T05:00" })), /\/shifts\/\d+/);
    const id = /shifts\/(\d+)/.exec(to)![1];
    const page = await load(shiftPage.loader, `${base}/${id}`, { ...params, shiftId: id });
    expect(page.shift).toMatchObject({ startsAt: "2027-03-14T09:30:00.000Z", endsAt: "2027-03-14T12:00:00.000Z", startsLocal: "2027-03-14T02:30", when: "Sun, Mar 14, 2027, 2:30 AM – 5:00 AM MST" });
    expect(page.program.timeZone).toBe("America/Phoenix");
  });

  it.each([
    [{ endsAt: "2027-04-17T08:00" }, "endsAt"],
    [{ startsAt: "2027-06-01T09:00", endsAt: "2027-06-01T10:00" }, "startsAt"],
    [{ startsAt: "2027-03-14T02:30", endsAt: "2027-03-14T05:00" }, "startsAt"],
    [{ startsAt: "tomorrow", endsAt: "" }, "startsAt"],
    [{ capacity: "0" }, "capacity"],
    [{ capacity: "ten" }, "capacity"],
    [{ workType: "bake_sale" }, "workType"],
    [{ hostKind: "campaign" }, "campaignHost"],
    [{ callLink: "javascript:alert(1)" }, "callLink"],
    [{ location: "" }, "location"],
  ])("bad input %j is a 400 next to %s, values kept, nothing written", async (over, field) => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const before = dump(db);
    const data = await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, over)), [field]);
    expect(data.values.title).toBe("Saturday doors");
    expect(dump(db)).toEqual(before);
  });

  it("F7: a campaign host is refused next to the field, naming the rule; only the audit row is written", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const before = rows(db, "shifts");
    const data = await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(w.alpha.id, { hostKind: "campaign", campaignHost: "Kilo for Congress" })), ["hostKind"]);
    expect(data.errors.hostKind).toMatch(/F7/);
    expect(data.errors.hostKind).toMatch(/override|counsel/i);
    expect(rows(db, "shifts")).toBe(before);
    expect(auditRows(db).at(-1)).toMatchObject({ decision: "deny", rule: "F7" });
  });

  it("a lead cannot schedule for another affiliate (403); an unknown host is a field error", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    await expectStatus(act(shiftsIndex.action, w.base, w.params, shiftFields(w.bravo.id)), 403);
    await expectInvalid(act(shiftsIndex.action, w.base, w.params, shiftFields(999)), ["hostAffiliateId"]);
  });

  it("a program feed URL is shown once and revocable", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const r = await settle(act(shiftsIndex.action, w.base, w.params, { intent: "feed" }));
    const link = (r.data as { link: string }).link;
    expect(link).toMatch(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feeds = (await load(shiftsIndex.loader, w.base, w.params)).feeds!;
    expect(feeds).toHaveLength(1);
    await expectRedirect(act(shiftsIndex.action, w.base, w.params, { intent: "revokeFeed", feedId: String(feeds[0].id) }), /revoked/);
    await expectInvalid(act(shiftsIndex.action, w.base, w.params, { intent: "revokeFeed", feedId: "x" }), ["_form"]);
    await expectStatus(act(shiftsIndex.action, w.base, w.params, { intent: "revokeFeed", feedId: "999" }), 404);
  });

  it.each(NON_FORM_BODIES)("a %s body is a 400, not a 500", async (_n, body, type) => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    await expectStatus(actWith(shiftsIndex.action, rawPost(w.base, body, type), w.params), 400);
  });

  it.each(BAD_IDS)("program id %j is a 404", async (bad) => {
    const w = setup();
    await expectStatus(load(shiftsIndex.loader, `/tables/${w.c}/programs/${bad}/shifts`, { ...w.params, programId: bad }), 404);
  });

  it("another table's program is a 404", async () => {
    const w = setup();
    const other = buildProgramWorld(db, actor);
    await expectStatus(load(shiftsIndex.loader, w.base, { coalitionId: w.c, programId: String(other.program.id) }), 404);
  });
});

describe("shift page", () => {
  it("a co-host's lead edits but cannot cancel; the host's lead cancels", async () => {
    const w = setup();
    signInAs(db, w.bravoLead.id);
    const page = await load(shiftPage.loader, w.shiftPath, w.shiftParams);
    expect(page.may).toMatchObject({ edit: true, cancel: false });
    const { intent: _i, ...fields } = shiftFields(w.alpha.id, { startsAt: "2027-04-10T10:00", endsAt: "2027-04-10T13:00", coHosts: String(w.bravo.id) });
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "update", ...fields }), /\?saved$/);
    expect(db.select().from(shifts).all()[0]).toMatchObject({ startsAt: "2027-04-10T14:00:00.000Z", hostAffiliateId: w.alpha.id });
    await expectStatus(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "cancel" }), 403);
    signInAs(db, w.alphaLead.id);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "cancel" }), /\?saved$/);
    expect(db.select().from(shifts).all()[0].cancelledAt).not.toBeNull();
  });

  it("edit: capacity below the sign-ups is a field error", async () => {
    const w = setup();
    buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.alpha.id, {}, new Date());
    buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.bravo.id, {}, new Date());
    signInAs(db, w.alphaLead.id);
    const { intent: _i, ...fields } = shiftFields(w.alpha.id, { startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T12:00", capacity: "1" });
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "update", ...fields }), ["capacity"]);
  });

  it("signs volunteers up, credited; a full shift refuses; bad input is a field error", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const vol = (name: string, email: string) => ({ intent: "signup", volunteerName: name, email, phone: "", recruitedByAffiliateId: String(w.alpha.id) });
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { ...vol("No Contact", ""), phone: "" }), ["email"]);
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, vol("", "a@example.test")), ["volunteerName"]);
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { ...vol("Bad Phone", ""), phone: "call me" }), ["phone"]);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.shiftParams, vol("Vera", "vera@example.test")), /\?saved$/);
    // a lead may not credit another affiliate
    await expectStatus(act(shiftPage.action, w.shiftPath, w.shiftParams, { ...vol("Bo", "bo@example.test"), recruitedByAffiliateId: String(w.bravo.id) }), 403);
    db.update(shifts).set({ capacity: 1 }).run();
    const full = await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, vol("Cy", "cy@example.test")), ["_form"]);
    expect(full.errors._form).toMatch(/full/);
    expect(rows(db, "signups")).toBe(1);
  });

  it("double-booking their own volunteer warns first, then books when confirmed", async () => {
    const w = setup();
    const other = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2027-04-10T11:00", endsAt: "2027-04-10T14:00" });
    buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.alpha.id, { volunteerName: "Vera", email: "vera@example.test" }, new Date());
    signInAs(db, w.alphaLead.id);
    const params = { ...w.params, shiftId: String(other.id) };
    const fields = { intent: "signup", volunteerName: "Vera", email: "vera@example.test", phone: "", recruitedByAffiliateId: String(w.alpha.id) };
    const warned = await expectInvalid(act(shiftPage.action, `${w.base}/${other.id}`, params, fields), ["email"]);
    expect(warned.errors.email).toMatch(/Book them anyway/);
    expect(warned.values.doubleBooking).toBe("on");
    await expectRedirect(act(shiftPage.action, `${w.base}/${other.id}`, params, { ...fields, confirmDouble: "on" }), /\?saved$/);
  });

  it("volunteers' contact details are for the hosts, the recruiter and the facilitator only", async () => {
    const w = setup();
    buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.alpha.id, { volunteerName: "Vera", email: "vera@example.test" }, new Date());
    const outsider = testActor(db, "Otto Outsider");
    grantRole(db, actor, outsider.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[2].id });
    acknowledgeCurrent(w.affiliates[2].partnerId, outsider.id);
    signInAs(db, outsider.id);
    const hidden = await load(shiftPage.loader, w.shiftPath, w.shiftParams);
    expect(hidden.signups[0]).toMatchObject({ volunteerName: "Vera", email: null, contactsHidden: true });
    expect(JSON.stringify(hidden)).not.toContain("vera@example.test");
    signInAs(db, w.bravoLead.id);
    expect((await load(shiftPage.loader, w.shiftPath, w.shiftParams)).signups[0].email).toBe("vera@example.test");
  });

  it("cancels a sign-up; attendance and results wait for the shift to start", async () => {
    const w = setup();
    const id = buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.alpha.id, {}, new Date());
    signInAs(db, w.alphaLead.id);
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "attendance", signupId: String(id), attended: "yes" }), ["_form"]);
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "attendance", signupId: String(id), attended: "maybe" }), ["attended"]);
    const counts = { intent: "results", affiliateId: String(w.alpha.id), doorsKnocked: "80", conversations: "20", callsDialed: "0", contactsMade: "0", textsSent: "0" };
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, counts), ["_form"]);
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { ...counts, doorsKnocked: "-3" }), ["doorsKnocked"]);
    await expectStatus(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "cancelSignup", signupId: "999" }), 404);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "cancelSignup", signupId: String(id) }), /\?saved$/);
    expect(db.select().from(signups).all()[0].cancelledAt).not.toBeNull();
  });

  it("after the shift: attendance and results are recorded and reach the program's results", async () => {
    const w = setup();
    const id = buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.alpha.id, {}, new Date());
    db.update(shifts).set({ startsAt: "2026-10-10T13:00:00.000Z", endsAt: "2026-10-10T16:00:00.000Z" }).run();
    signInAs(db, w.bravoLead.id);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "attendance", signupId: String(id), attended: "yes" }), /\?saved$/);
    await expectRedirect(
      act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "results", affiliateId: String(w.bravo.id), doorsKnocked: "1,200", conversations: "300", callsDialed: "0", contactsMade: "0", textsSent: "0" }),
      /\?saved$/,
    );
    // the program page shows them (its loader is the program half's): the model it calls
    const data = { results: programResults(db, "system", { coalitionId: w.coalition.id, programId: w.program.id }) };
    expect(data.results.byAffiliate).toEqual([expect.objectContaining({ affiliateId: w.bravo.id, doorsKnocked: 1200, conversations: 300 })]);
    expect(data.results.byDay).toEqual([expect.objectContaining({ date: "2026-10-10", doorsKnocked: 1200 })]);
  });

  it("an unknown intent is a 400; bodies that are not forms are 400s", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    await expectInvalid(act(shiftPage.action, w.shiftPath, w.shiftParams, { intent: "explode" }), ["_form"]);
    for (const [, body, type] of NON_FORM_BODIES) await expectStatus(actWith(shiftPage.action, rawPost(w.shiftPath, body, type), w.shiftParams), 400);
  });

  it.each(BAD_IDS)("shift id %j is a 404", async (bad) => {
    const w = setup();
    await expectStatus(load(shiftPage.loader, `${w.base}/${bad}`, { ...w.shiftParams, shiftId: bad }), 404);
  });

  it("a shift of another program is a 404", async () => {
    const w = setup();
    const other = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
    const s = buildShift(db, actor, other.coalition.id, other.program.id, other.affiliates[0].id);
    await expectStatus(load(shiftPage.loader, `${w.base}/${s.id}`, { ...w.params, shiftId: String(s.id) }), 404);
  });
});

describe("week view", () => {
  it("shows the week of ?week= from its Monday, each shift on its local day; junk weeks fall back to this week", async () => {
    const w = setup();
    const data = await load(week.loader, `/tables/${w.c}/shifts/week?week=2027-04-07`, { coalitionId: w.c });
    expect(data.week).toBe("2027-04-05");
    expect(data.days[5]).toMatchObject({ date: "2027-04-10" });
    expect(data.days[5].shifts.map((s) => s.id)).toEqual([w.shift.id]);
    expect([data.prev, data.next]).toEqual(["2027-03-29", "2027-04-12"]);
    for (const junk of ["junk", "2027-02-30", "", "<script>"]) {
      const d = await load(week.loader, `/tables/${w.c}/shifts/week?week=${encodeURIComponent(junk)}`, { coalitionId: w.c });
      expect(d.days).toHaveLength(7);
    }
  });
});

describe("my affiliate", () => {
  it("shows a lead their units, shifts and sign-ups, and makes and revokes their feed", async () => {
    const w = setup();
    buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.bravo.id, { volunteerName: "Bo" }, new Date());
    signInAs(db, w.bravoLead.id);
    const path = `/tables/${w.c}/my-affiliate`;
    const data = await load(myAffiliate.loader, path, { coalitionId: w.c });
    expect(data.mine.map((m) => m.affiliate.id)).toEqual([w.bravo.id]);
    expect(data.mine[0].shifts.rows.map((s) => [s.id, s.role])).toEqual([[w.shift.id, "co-host"]]);
    expect(data.mine[0].signups.rows.map((s) => s.volunteerName)).toEqual(["Bo"]);
    const made = await settle(act(myAffiliate.action, path, { coalitionId: w.c }, { intent: "feed", affiliateId: String(w.bravo.id) }));
    expect((made.data as { link: string }).link).toMatch(/\/calendar\/.+\.ics$/);
    await expectStatus(act(myAffiliate.action, path, { coalitionId: w.c }, { intent: "feed", affiliateId: String(w.alpha.id) }), 403);
    await expectInvalid(act(myAffiliate.action, path, { coalitionId: w.c }, { intent: "feed", affiliateId: "nope" }), ["_form"]);
    const feedId = (await load(myAffiliate.loader, path, { coalitionId: w.c })).mine[0].feeds[0].id;
    await expectRedirect(act(myAffiliate.action, path, { coalitionId: w.c }, { intent: "revokeFeed", affiliateId: String(w.bravo.id), feedId: String(feedId) }), /revoked/);
  });

  it("someone who leads no affiliate sees an empty page", async () => {
    const w = setup();
    expect((await load(myAffiliate.loader, `/tables/${w.c}/my-affiliate`, { coalitionId: w.c })).mine).toEqual([]);
  });
});

describe("calendar feed", () => {
  it("answers iCalendar for a live token, signed in or not, and 404 once revoked", async () => {
    const w = setup();
    const { token, feedId } = createFeed(db, actor, { affiliateId: w.bravo.id });
    signInAs(db, null);
    const res = (await calendar.loader({ request: getRequest(`/calendar/${token}.ics`), params: { feedToken: token }, context: {} })) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    const body = await res.text();
    expect(body).toContain(`UID:shift-${w.shift.id}@coalition-table`);
    expect(body).toContain("DTSTART:20270410T130000Z");
    revokeFeed(db, actor, { affiliateId: w.bravo.id, feedId });
    await expectStatus(calendar.loader({ request: getRequest(`/calendar/${token}.ics`), params: { feedToken: token }, context: {} }), 404);
    await expectStatus(calendar.loader({ request: getRequest("/calendar/x.ics"), params: { feedToken: "x" }, context: {} }), 404);
  });
});

describe("CSV export", () => {
  const get = async (path: string, params: Record<string, string>) => (await exportCsv.loader({ request: await withCookie(getRequest(path)), params, context: {} })) as Response;

  it("exports shifts, sign-ups and results; a campaign recipient is refused under F7; junk is a 400", async () => {
    const w = setup();
    buildSignup(db, actor, w.coalition.id, w.program.id, w.shift.id, w.alpha.id, { volunteerName: "Vera" }, new Date());
    signInAs(db, w.alphaLead.id);
    const path = (q: string) => `/tables/${w.c}/programs/${w.p}/export.csv?${q}`;
    const shiftsCsv = await get(path("kind=shifts&recipient=member"), w.params);
    expect(shiftsCsv.status).toBe(200);
    expect(shiftsCsv.headers.get("Content-Disposition")).toMatch(/attachment; filename="program-\d+-shifts.csv"/);
    expect(await shiftsCsv.text()).toMatch(/^shift_id,work_type/);
    // issue 18: a vendor recipient is picked from the table's vendor roster (rule F5 asks about it)
    expect((await get(path("kind=signups&recipient=vendor"), w.params)).status).toBe(400);
    const vendor = createVendor(db, actor, w.coalition.id, { name: "Mailhouse", services: "mail" });
    if (!vendor.ok) throw new Error(vendor.message);
    expect(await (await get(path(`kind=signups&recipient=vendor&vendorId=${vendor.vendor.id}`), w.params)).text()).toContain("Vera");
    expect((await load(shiftsIndex.loader, `/tables/${w.c}/programs/${w.p}/shifts`, w.params)).vendors).toEqual([{ id: vendor.vendor.id, name: "Mailhouse", policyOnFile: false }]);
    addVendorClient(db, actor, w.coalition.id, { vendorId: vendor.vendor.id, kind: "party", raceId: null, servedFor: "State party", startDate: "2026-01-01", lastServiceDate: null });
    const f5 = await get(path(`kind=signups&recipient=vendor&vendorId=${vendor.vendor.id}`), w.params);
    expect(f5.status).toBe(403);
    expect(await f5.text()).toMatch(/Mailhouse served a candidate in this race or a party within 120 days.*F5/);
    const refused = await get(path("kind=results&recipient=campaign"), w.params);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/F7/);
    expect((await get(path("kind=everything&recipient=member"), w.params)).status).toBe(400);
    expect((await get(path("kind=shifts&recipient=press"), w.params)).status).toBe(400);
  });

  it("is for the facilitator and the program's leads: others at the table get a 403", async () => {
    const w = setup();
    const rep = testActor(db, "Rita Rep");
    grantRole(db, actor, rep.id, { role: "counsel", coalitionId: w.coalition.id, partnerId: w.partners[4].id });
    acknowledgeCurrent(w.partners[4].id, rep.id);
    signInAs(db, rep.id);
    await expectStatus(get(`/tables/${w.c}/programs/${w.p}/export.csv`, w.params), 403);
  });
});
