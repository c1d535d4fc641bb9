/**
 * Public shift pages (issue 14) through their loaders and actions: the page signed out, credit
 * by each affiliate's link and the plain link, the full state, cancel by token and its reuse,
 * the wall-roster hold (reason only to the lead and counsel), the honeypot, the per-address
 * limit, and the hosts publishing. Capacity under concurrent processes is in
 * tests/models/signup-concurrency.test.ts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as publicPage from "~/routes/s.$shareToken";
import * as volunteerPage from "~/routes/volunteer.$cancelToken";
import { grantRole } from "~/models/accounts.server";
import { parseForm } from "~/domain/forms";
import { wallForm } from "~/domain/firewall-forms";
import { PUBLIC_SIGNUPS_PER_HOUR } from "~/domain/public-shift-forms";
import { addWall } from "~/models/walls.server";
import { publishShift, shareLinks } from "~/models/public-shifts.server";
import { outbox, signups } from "../../db/schema";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle, signInAs } from "./helpers";
import { auditRows, freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function setup(over: { capacity?: number } = {}) {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const lead = (name: string, affiliateId: number) => {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId });
    return u;
  };
  const alphaLead = lead("Alan Alpha", alpha.id);
  const bravoLead = lead("Bea Bravo", bravo.id);
  const bravoCounsel = testActor(db, "Cora Counsel");
  grantRole(db, actor, bravoCounsel.id, { role: "counsel", coalitionId: w.coalition.id, partnerId: bravo.partnerId });
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [alphaLead.id, bravoLead.id, bravoCounsel.id]);
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, alpha.id, { coHostIds: [bravo.id], capacity: over.capacity ?? 10, notes: "Campaign field director says: focus on ward 5 (campaign plan)", location: "Union hall, 12 Main St" });
  const params = { coalitionId: String(w.coalition.id), programId: String(w.program.id), shiftId: String(shift.id) };
  const shiftPath = `/tables/${params.coalitionId}/programs/${params.programId}/shifts/${shift.id}`;
  return { ...w, alpha, bravo, alphaLead, bravoLead, bravoCounsel, shift, params, shiftPath };
}
type World = ReturnType<typeof setup>;

/** Publishes as the host's lead, through the shift page's action; returns the links by affiliate (null: the plain link). */
async function publish(w: World) {
  signInAs(db, w.alphaLead.id);
  await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "publish", publish: "on" }), /\?saved$/);
  const links = shareLinks(db, "system", { coalitionId: w.coalition.id, shift: { id: w.shift.id, host: { id: w.alpha.id, name: w.alpha.name, partnerId: w.alpha.partnerId, partnerName: "" }, coHosts: [] } });
  const by = (id: number | null) => links.find((l) => l.affiliateId === id)!.token;
  return { plain: by(null), alpha: by(w.alpha.id), bravo: by(w.bravo.id), all: links };
}

/** The mail to volunteers (the hosts' leads' notifications of sign-ups are tests/routes/notifications.test.ts's). */
const volunteerMail = () => db.select().from(outbox).all().filter((m) => m.kind !== "notification");

const volunteer = (over: Record<string, string> = {}) => ({ intent: "signup", volunteerName: "Vera Volunteer", email: "Vera@Example.test", phone: "", website: "", ...over });

async function signUpVia(token: string, fields: Record<string, string> = {}) {
  return settle(act(publicPage.action, `/s/${token}`, { shareToken: token }, volunteer(fields)));
}

describe("publishing", () => {
  it("the host publishes: a plain link and one per participating affiliate; leads see their own, hosts all", async () => {
    const w = setup();
    const links = await publish(w);
    expect(links.all.length).toBeGreaterThanOrEqual(3);
    // publishing again adds nothing
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "publish", publish: "on" }), /\?saved$/);
    const host = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(host.share.published).toBe(true);
    expect(host.share.links).toHaveLength(links.all.length);
    // a lead of an affiliate that only recruits sees its own link only
    const charlie = w.affiliates[2];
    const charlieLead = testActor(db, "Cal Charlie");
    grantRole(db, actor, charlieLead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: charlie.id });
    buildPolicy(db, actor, charlie.partnerId, [charlieLead.id]);
    signInAs(db, charlieLead.id);
    const theirs = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(theirs.share.links.map((l) => l.affiliateId)).toEqual([charlie.id]);
    // and may not publish or unpublish
    await expectStatus(act(shiftPage.action, w.shiftPath, w.params, { intent: "publish", publish: "off" }), 403);
  });

  it("the hosts turn the reminders off and on from the shift page; others may not", async () => {
    const w = setup();
    signInAs(db, w.bravoLead.id);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "reminders", remind24h: "on" }), /\?saved$/);
    expect((await load(shiftPage.loader, w.shiftPath, w.params)).shift).toMatchObject({ remind24h: true, remind2h: false });
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "reminders", remind2h: "on" }), /\?saved$/);
    expect((await load(shiftPage.loader, w.shiftPath, w.params)).shift).toMatchObject({ remind24h: false, remind2h: true });
    const charlieLead = testActor(db, "Cal Charlie");
    grantRole(db, actor, charlieLead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[2].id });
    buildPolicy(db, actor, w.affiliates[2].partnerId, [charlieLead.id]);
    signInAs(db, charlieLead.id);
    await expectStatus(act(shiftPage.action, w.shiftPath, w.params, { intent: "reminders", remind24h: "on", remind2h: "on" }), 403);
  });

  it("an unpublished shift's links are a 404, and unknown tokens too", async () => {
    const w = setup();
    const links = await publish(w);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "publish", publish: "off" }), /\?saved$/);
    signInAs(db, null);
    await expectStatus(load(publicPage.loader, `/s/${links.alpha}`, { shareToken: links.alpha }), 404);
    await expectStatus(load(publicPage.loader, "/s/nope", { shareToken: "nope" }), 404);
    await expectStatus(load(publicPage.loader, "/s/AAAAAAAAAAAAAAAAAAAAAAAA", { shareToken: "AAAAAAAAAAAAAAAAAAAAAAAA" }), 404);
  });

  it("a campaign-hosted shift is never published", () => {
    const w = setup();
    const r = publishShift(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, shiftId: w.shift.id, publish: true });
    expect(r.ok).toBe(true);
    db.$client.prepare("update shifts set host_kind = 'campaign', campaign_host = 'Field office' where id = ?").run(w.shift.id);
    const again = publishShift(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, shiftId: w.shift.id, publish: true });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("campaign") });
  });
});

describe("the public page", () => {
  it("opens signed out with the shift's logistics only: work type, time in the race's zone, place, places left, hosts", async () => {
    const w = setup();
    const links = await publish(w);
    signInAs(db, null);
    const data = await load(publicPage.loader, `/s/${links.bravo}`, { shareToken: links.bravo });
    expect(data.shift.facts).toMatchObject({ workLabel: "Doorknocking", place: "Union hall, 12 Main St", hosts: [w.alpha.name, w.bravo.name] });
    expect(data.shift.facts.when).toMatch(/E[DS]T$/);
    expect(data.shift).toMatchObject({ capacity: 10, placesLeft: 10, state: "open", invitedBy: w.bravo.name });
    // nothing beyond the logistics: not the hosts' notes (here campaign-sourced), the program, the candidate
    const json = JSON.stringify(data);
    expect(json).not.toContain("campaign plan");
    expect(json).not.toContain(w.program.name);
    expect(json).not.toContain(w.candidate.name);
  });

  it("credits the affiliate whose link was used, and the host for the plain link; queues the confirmation with its .ics", async () => {
    const w = setup();
    const links = await publish(w);
    signInAs(db, null);
    for (const [token, email] of [
      [links.bravo, "b@example.test"],
      [links.alpha, "a@example.test"],
      [links.plain, "p@example.test"],
    ] as const) {
      const r = await signUpVia(token, { email });
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/^\/volunteer\/[A-Za-z0-9_-]+\?new$/);
    }
    const rows = db.select().from(signups).all();
    expect(rows.map((s) => [s.email, s.recruitedByAffiliateId, s.source, s.createdBy])).toEqual([
      ["b@example.test", w.bravo.id, "public", null],
      ["a@example.test", w.alpha.id, "public", null],
      ["p@example.test", w.alpha.id, "public", null],
    ]);
    const mail = volunteerMail();
    expect(mail.map((m) => [m.kind, m.toAddress])).toEqual([
      ["signup_confirmation", "b@example.test"],
      ["signup_confirmation", "a@example.test"],
      ["signup_confirmation", "p@example.test"],
    ]);
    expect(mail[0].textBody).toMatch(/Cancel here \(the link works once\): http:\/\/localhost:3000\/volunteer\/[A-Za-z0-9_-]+/);
    expect(mail[0].ics).toContain("LOCATION:Union hall\\, 12 Main St");
    expect(mail[0].textBody).not.toContain("campaign plan");
    // the lead sees the credit on the shift page
    signInAs(db, w.bravoLead.id);
    const page = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(page.signups.map((s) => [s.recruitedBy.id, s.source])).toEqual([
      [w.bravo.id, "public"],
      [w.alpha.id, "public"],
      [w.alpha.id, "public"],
    ]);
  });

  it("keeps what was typed and says what is wrong; the same email twice is refused", async () => {
    const w = setup();
    const links = await publish(w);
    signInAs(db, null);
    const bad = await expectInvalid(act(publicPage.action, `/s/${links.alpha}`, { shareToken: links.alpha }, volunteer({ volunteerName: "", email: "not-an-email" })), ["volunteerName", "email"]);
    expect(bad.values.email).toBe("not-an-email");
    expect((await signUpVia(links.alpha)).status).toBe(302);
    const twice = await expectInvalid(act(publicPage.action, `/s/${links.bravo}`, { shareToken: links.bravo }, volunteer()), ["email"]);
    expect(twice.errors.email).toMatch(/already signed up/);
    expect(db.select().from(signups).all()).toHaveLength(1);
  });

  it("shows a clear full state, and refuses a sign-up once every place is taken", async () => {
    const w = setup({ capacity: 2 });
    const links = await publish(w);
    signInAs(db, null);
    expect((await signUpVia(links.alpha, { email: "one@example.test" })).status).toBe(302);
    expect((await signUpVia(links.alpha, { email: "two@example.test" })).status).toBe(302);
    const page = await load(publicPage.loader, `/s/${links.alpha}`, { shareToken: links.alpha });
    expect(page.shift).toMatchObject({ state: "full", placesLeft: 0 });
    const full = await expectInvalid(act(publicPage.action, `/s/${links.alpha}`, { shareToken: links.alpha }, volunteer({ email: "three@example.test" })), ["_form"]);
    expect(full.errors._form).toBe("This shift is full.");
  });

  it("cancels by the token once: the place frees up, the pending mail is dropped, a reuse is refused and unknown tokens are a 404", async () => {
    const w = setup({ capacity: 1 });
    const links = await publish(w);
    signInAs(db, null);
    const r = await signUpVia(links.alpha);
    const token = r.location!.match(/volunteer\/([^?]+)/)![1];
    const confirm = await load(volunteerPage.loader, `/volunteer/${token}?new`, { cancelToken: token });
    expect(confirm).toMatchObject({ justSigned: true, signup: { volunteerName: "Vera Volunteer", cancelledAt: null } });
    expect((await load(publicPage.loader, `/s/${links.alpha}`, { shareToken: links.alpha })).shift.state).toBe("full");
    await expectRedirect(act(volunteerPage.action, `/volunteer/${token}`, { cancelToken: token }, {}), /\?cancelled$/);
    expect((await load(publicPage.loader, `/s/${links.alpha}`, { shareToken: links.alpha })).shift).toMatchObject({ state: "open", placesLeft: 1 });
    const again = await settle(act(volunteerPage.action, `/volunteer/${token}`, { cancelToken: token }, {}));
    expect(again.data).toEqual({ error: "This sign-up is already cancelled: the link works once." });
    expect(db.select().from(signups).all().filter((s) => s.cancelledAt)).toHaveLength(1);
    expect(volunteerMail().map((m) => m.kind)).toEqual(["signup_confirmation", "signup_cancelled"]);
    expect(auditRows(db).filter((a) => a.action === "signup.cancel")).toHaveLength(1);
    await expectStatus(load(volunteerPage.loader, "/volunteer/AAAAAAAAAAAAAAAAAAAAAAAA", { cancelToken: "AAAAAAAAAAAAAAAAAAAAAAAA" }), 404);
    await expectStatus(act(volunteerPage.action, "/volunteer/x", { cancelToken: "x" }, {}), 404);
  });
});

describe("the firewall on the public page", () => {
  it("holds a walled volunteer for the recruiting lead's review: same confirmation for them; the reason to the lead and counsel only", async () => {
    const w = setup();
    const parsed = parseForm(wallForm, { partnerId: String(w.bravo.partnerId), personName: "Wally Walled", email: "wally@example.test", reason: "candidate_service", raceId: String(w.race.id), startDate: "2026-01-01", lastServiceDate: "2027-03-01" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(addWall(db, actor, w.coalition.id, parsed.data).ok).toBe(true);
    const links = await publish(w);
    signInAs(db, null);
    const held = await signUpVia(links.bravo, { volunteerName: "Wally Walled", email: "wally@example.test" });
    const clean = await signUpVia(links.bravo, { volunteerName: "Clara Clean", email: "clara@example.test" });
    // never refused on the public page, and the pages look alike
    expect(held.status).toBe(302);
    expect(clean.status).toBe(302);
    const heldPage = await load(volunteerPage.loader, held.location!, { cancelToken: held.location!.match(/volunteer\/([^?]+)/)![1] });
    expect(JSON.stringify(heldPage)).not.toMatch(/held|F4|firewall|served|review/i);
    // the confirmation mail is the same kind for both
    expect(volunteerMail().map((m) => m.kind)).toEqual(["signup_confirmation", "signup_confirmation"]);
    const rows = db.select().from(signups).all();
    expect(rows.map((r) => r.holdReason === null)).toEqual([false, true]);
    // the recruiting lead sees the reason; a host of another member sees only that it is held
    signInAs(db, w.bravoLead.id);
    const lead = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(lead.signups[0]).toMatchObject({ held: true, holdReason: expect.stringContaining("Wally Walled served a candidate in this race") });
    signInAs(db, w.bravoCounsel.id);
    expect((await load(shiftPage.loader, w.shiftPath, w.params)).signups[0].holdReason).toMatch(/F4/);
    signInAs(db, w.alphaLead.id);
    const host = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(host.signups[0]).toMatchObject({ held: true, holdReason: null });
    expect(JSON.stringify(host)).not.toContain("served a candidate");
    // the hold is in the audit trail, denied by the wall
    expect(auditRows(db).filter((a) => a.action === "firewall.placement" && a.decision === "deny")).toHaveLength(1);
    expect(auditRows(db).filter((a) => a.action === "signup.hold")).toHaveLength(1);
    // the lead cannot confirm it without counsel's override; cancelling tells the volunteer, with no reason
    signInAs(db, w.bravoLead.id);
    const tryConfirm = await expectInvalid(act(shiftPage.action, w.shiftPath, w.params, { intent: "confirmHeld", signupId: String(rows[0].id) }), ["_form"]);
    expect(tryConfirm.errors._form).toMatch(/override/);
    await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "cancelSignup", signupId: String(rows[0].id) }), /\?saved$/);
    const released = volunteerMail().at(-1)!;
    expect(released).toMatchObject({ kind: "signup_released", toAddress: "wally@example.test" });
    expect(released.textBody).not.toMatch(/firewall|served|roster|F3|F4|candidate/i);
  });
});

describe("against bots", () => {
  it("a filled honeypot is answered like a sign-up and writes nothing", async () => {
    const w = setup();
    const links = await publish(w);
    signInAs(db, null);
    const r = await signUpVia(links.alpha, { website: "http://spam.example" });
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/s/${links.alpha}?thanks`);
    expect(db.select().from(signups).all()).toHaveLength(0);
    expect(volunteerMail()).toHaveLength(0);
    expect((await load(publicPage.loader, `/s/${links.alpha}?thanks`, { shareToken: links.alpha })).thanks).toBe(true);
  });

  it(`one email address makes at most ${PUBLIC_SIGNUPS_PER_HOUR} public sign-ups an hour`, async () => {
    const w = setup();
    const tokens: string[] = [];
    for (let i = 0; i <= PUBLIC_SIGNUPS_PER_HOUR; i++) {
      const s = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: `2027-04-${String(10 + i).padStart(2, "0")}T09:00`, endsAt: `2027-04-${String(10 + i).padStart(2, "0")}T12:00` });
      expect(publishShift(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, shiftId: s.id, publish: true }).ok).toBe(true);
      tokens.push(db.$client.prepare("select token from shift_links where shift_id = ? and affiliate_id is null").pluck().get(s.id) as string);
    }
    signInAs(db, null);
    for (const t of tokens.slice(0, PUBLIC_SIGNUPS_PER_HOUR)) expect((await signUpVia(t)).status).toBe(302);
    const limited = await expectInvalid(act(publicPage.action, `/s/${tokens.at(-1)}`, { shareToken: tokens.at(-1)! }, volunteer()), ["email"]);
    expect(limited.errors.email).toMatch(/Too many sign-ups/);
    // another address is not limited
    expect((await signUpVia(tokens.at(-1)!, { email: "other@example.test" })).status).toBe(302);
  });

  it("refuses a post from another site", async () => {
    const w = setup();
    const links = await publish(w);
    signInAs(db, null);
    const request = new Request(`http://localhost:3000/s/${links.alpha}`, { method: "POST", body: new URLSearchParams(volunteer()), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example" } });
    await expectStatus(publicPage.action({ request, params: { shareToken: links.alpha }, context: {} }), 403);
    expect(db.select().from(signups).all()).toHaveLength(0);
  });
});
