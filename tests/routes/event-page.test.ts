/**
 * Issue 14, the last two pieces through loaders and actions: publishing a whole series at once
 * (the hosts only, F6 once, one audit row per shift) and the program's public event page (signed
 * out; only upcoming published shifts; an affiliate's event link leads to its share links, so
 * sign-ups are credited to it; the plain one credits the host; an unknown token is a 404).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as programPage from "~/routes/tables.$coalitionId.programs.$programId._index";
import * as eventRoute from "~/routes/e.$eventToken";
import * as publicPage from "~/routes/s.$shareToken";
import { grantRole } from "~/models/accounts.server";
import { programLinks, shifts, signups } from "../../db/schema";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift } from "../factories";
import { act, expectRedirect, expectStatus, load, settle, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function setup() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const alphaLead = testActor(db, "Alan Alpha");
  grantRole(db, actor, alphaLead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: alpha.id });
  const bravoLead = testActor(db, "Bea Bravo");
  grantRole(db, actor, bravoLead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: bravo.id });
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [alphaLead.id, bravoLead.id]);
  // a series of three Saturdays, made as the form makes one (the series' id is its first shift's)
  const series = ["2027-04-10", "2027-04-17", "2027-04-24"].map((d) => buildShift(db, actor, w.coalition.id, w.program.id, alpha.id, { startsAt: `${d}T09:00`, endsAt: `${d}T12:00`, notes: "Campaign plan: ward 5", capacity: 4 }));
  db.update(shifts).set({ seriesId: series[0].id }).where(eq(shifts.programId, w.program.id)).run();
  const params = { coalitionId: String(w.coalition.id), programId: String(w.program.id), shiftId: String(series[1].id) };
  const shiftPath = `/tables/${params.coalitionId}/programs/${params.programId}/shifts/${series[1].id}`;
  return { ...w, alpha, bravo, alphaLead, bravoLead, series, params, shiftPath };
}
type World = ReturnType<typeof setup>;

const published = () => db.select({ id: shifts.id, p: shifts.publishedAt }).from(shifts).all().filter((s) => s.p !== null).map((s) => s.id);

async function publishSeries(w: World) {
  signInAs(db, w.alphaLead.id);
  await expectRedirect(act(shiftPage.action, w.shiftPath, w.params, { intent: "publishSeries", publish: "on" }), /\?saved$/);
}

const eventToken = (w: World, affiliateId: number | null) =>
  db.select().from(programLinks).where(eq(programLinks.programId, w.program.id)).all().find((l) => l.affiliateId === affiliateId)!.token;

describe("publishing a series at once", () => {
  it("offers it to the host, publishes every shift of the series in one act, audited per shift", async () => {
    const w = setup();
    signInAs(db, w.alphaLead.id);
    const before = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(before.share.series).toEqual({ total: 3, unpublished: 3 });
    await publishSeries(w);
    expect(published().sort()).toEqual(w.series.map((s) => s.id).sort());
    const audit = db.$client.prepare("select subject_id as id, detail from audit_log where action = 'shift.publish' order by id").all() as { id: number; detail: string }[];
    expect(audit).toEqual(w.series.map((s) => ({ id: s.id, detail: `the series of shift ${w.series[1].id}` })));
    const after = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(after.share.series).toEqual({ total: 3, unpublished: 0 });
  });

  it("is refused to a lead who does not host the series, and writes nothing", async () => {
    const w = setup();
    signInAs(db, w.bravoLead.id);
    const page = await load(shiftPage.loader, w.shiftPath, w.params);
    expect(page.share.series).toBeNull();
    await expectStatus(act(shiftPage.action, w.shiftPath, w.params, { intent: "publishSeries", publish: "on" }), 403);
    expect(published()).toEqual([]);
  });

  it("is refused under F6 when the host has not acknowledged the policy, and writes nothing", async () => {
    const w = setup();
    const newLead = testActor(db, "Nia New");
    grantRole(db, actor, newLead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.alpha.id });
    signInAs(db, newLead.id);
    const r = await settle(act(shiftPage.action, w.shiftPath, w.params, { intent: "publishSeries", publish: "on" }));
    // refused next to the form, as publishing one shift is
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.data)).toMatch(/polic/i);
    expect(published()).toEqual([]);
  });
});

describe("the program's public event page", () => {
  it("renders signed out: upcoming published shifts by day, with places left and the place, nothing private", async () => {
    const w = setup();
    await publishSeries(w);
    // one more shift, not published; and one of the series cancelled
    buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2027-05-01T09:00", endsAt: "2027-05-01T12:00" });
    db.update(shifts).set({ cancelledAt: "2026-12-01T00:00:00.000Z" }).where(eq(shifts.id, w.series[2].id)).run();
    signInAs(db, null);
    const token = eventToken(w, null);
    const page = await load(eventRoute.loader, `/e/${token}`, { eventToken: token });
    expect(page.total).toBe(2);
    expect(page.days.map((d) => d.label)).toEqual(["Saturday, Apr 10, 2027", "Saturday, Apr 17, 2027"]);
    expect(page.days[0].slots[0]).toMatchObject({ workLabel: "Doorknocking", place: "Union hall, 12 Main St", placesLeft: 4, hosts: [w.alpha.name] });
    expect(page.days[0].slots[0].time).toMatch(/9:00 AM – 12:00 PM/);
    expect(JSON.stringify(page)).not.toMatch(/Campaign plan|ward 5/);
  });

  it("does not list past shifts", async () => {
    const w = setup();
    await publishSeries(w);
    signInAs(db, null);
    const token = eventToken(w, null);
    const later = await eventRoute.loader({ request: new Request(`http://localhost:3000/e/${token}`), params: { eventToken: token }, context: {} });
    expect(later.total).toBe(3);
    const { eventPage } = await import("~/models/event-pages.server");
    const afterTwo = eventPage(db, "system", { eventToken: token, cursor: null, size: 30, now: new Date("2027-04-18T00:00:00Z") });
    expect(afterTwo!.days.map((d) => d.day)).toEqual(["2027-04-24"]);
  });

  it("an affiliate's event link leads to its share links, so the sign-up is credited to it; the plain link to the host's", async () => {
    const w = setup();
    await publishSeries(w);
    signInAs(db, null);
    for (const [affiliateId, email] of [
      [w.bravo.id, "b@example.test"],
      [null, "p@example.test"],
    ] as const) {
      const token = eventToken(w, affiliateId);
      const page = await load(eventRoute.loader, `/e/${token}`, { eventToken: token });
      const share = page.days[0].slots[0].shareToken!;
      const r = await settle(act(publicPage.action, `/s/${share}`, { shareToken: share }, { volunteerName: "Vera", email, phone: "" }));
      expect(r.status).toBe(302);
    }
    const rows = db.select().from(signups).all();
    expect(rows.map((s) => [s.email, s.recruitedByAffiliateId])).toEqual([
      ["b@example.test", w.bravo.id],
      ["p@example.test", w.alpha.id],
    ]);
  });

  it("an unknown token is a 404", async () => {
    setup();
    signInAs(db, null);
    await expectStatus(load(eventRoute.loader, "/e/no-such-event-token", { eventToken: "no-such-event-token" }), 404);
  });

  it("the program page hands out the event links: all to the facilitator, a lead its affiliate's and the plain one", async () => {
    const w = setup();
    await publishSeries(w);
    const path = `/tables/${w.params.coalitionId}/programs/${w.params.programId}`;
    const p = { coalitionId: w.params.coalitionId, programId: w.params.programId };
    signInAs(db, w.bravoLead.id);
    const lead = await load(programPage.loader, path, p);
    expect(lead.eventLinks.map((l) => l.affiliateId)).toEqual([null, w.bravo.id]);
    signInAs(db, actor.id);
    const fac = await load(programPage.loader, path, p);
    expect(fac.eventLinks.map((l) => l.affiliateId).sort()).toEqual([null, ...w.affiliates.map((a) => a.id)].sort());
  });
});
