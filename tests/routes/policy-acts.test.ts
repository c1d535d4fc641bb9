/**
 * Rule F6 on every act, through the routes (issue 18): a refused act answers 403 with the
 * message above the form and a link to the member's policy page; acknowledging there comes
 * back to the form's page with what was typed in its query string (keep=<intent>&kept=<json>),
 * which the form reads back as its values. The export (a GET download) goes to the policy page.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { keptValues } from "~/domain/comeback";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as candidatePage from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as pledgesPage from "~/routes/tables.$coalitionId.programs.$programId.pledges";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as exportCsv from "~/routes/tables.$coalitionId.programs.$programId.export[.]csv";
import * as policies from "~/routes/tables.$coalitionId.firewall.policies";
import { grantRole } from "~/models/accounts.server";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift } from "../factories";
import { act, expectRedirect, load, settle, signInAs } from "./helpers";
import { auditRows, freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function world() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2030-12-31" } });
  const [alpha, bravo] = w.affiliates;
  const lead = testActor(db, "Alan Alpha");
  grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: alpha.id });
  const rep = testActor(db, "Rita Rep");
  grantRole(db, actor, rep.id, { role: "partner_rep", coalitionId: w.coalition.id, partnerId: alpha.partnerId });
  for (const p of w.partners) buildPolicy(db, actor, p.id, [lead.id, rep.id]);
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, alpha.id, { coHostIds: [bravo.id], startsAt: "2030-04-10T09:00", endsAt: "2030-04-10T12:00" });
  // counsel publishes a new version: every earlier acknowledgment of the member's policy stops counting
  const v2 = buildPolicy(db, actor, alpha.partnerId, [], { title: "Second version" });
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  const base = `/tables/${c}/programs/${p}`;
  return { ...w, alpha, bravo, lead, rep, shift, v2, c, base, params: { coalitionId: c, programId: p } };
}

type Failure = { intent: string; errors: Record<string, string>; values: Record<string, string>; acknowledge?: { href: string; text: string } };

/** The refusal's answer: 403, the message above the form, the link to version 2, and the page it comes back to. */
async function expectF6(p: Promise<unknown>, w: ReturnType<typeof world>, intent: string) {
  const r = await settle(p);
  expect(r.status).toBe(403);
  const data = r.data as Failure;
  expect(data.intent).toBe(intent);
  expect(data.errors._form).toMatch(/acknowledge version 2 of its firewall policy \(firewall rule F6\)/);
  expect(data.acknowledge?.text).toBe(`Read and acknowledge version 2 of ${w.partners.find((x) => x.id === w.alpha.partnerId)!.name}'s firewall policy`);
  const href = new URL(data.acknowledge!.href, "http://x");
  expect(href.pathname).toBe(`/tables/${w.c}/firewall/policies`);
  const back = href.searchParams.get("redirectTo")!;
  return { data, href: data.acknowledge!.href, back, kept: keptValues(new URL(back, "http://x").searchParams, intent) };
}

describe("rule F6 on every act, through the routes", () => {
  it("pledge: refused with the link; acknowledging comes back to the pledge form with what was typed", async () => {
    const w = world();
    signInAs(db, w.lead.id);
    const fields = { intent: "pledge", affiliateId: String(w.alpha.id), workType: "phonebank", weekStart: "2027-03-08", hours: "7.5" };
    const { href, back, kept } = await expectF6(act(pledgesPage.action, `${w.base}/pledges`, w.params, fields), w, "pledge");
    expect(back.startsWith(`${w.base}/pledges?`)).toBe(true);
    expect(kept).toEqual({ affiliateId: String(w.alpha.id), workType: "phonebank", weekStart: "2027-03-08", hours: "7.5" });
    expect(auditRows(db).filter((a) => a.rule === "F6" && a.decision === "deny").map((a) => a.detail)).toEqual(["pledge refused: version 2 not acknowledged"]);
    // the policy page says what is missing and comes back after the acknowledgment
    const page = await load(policies.loader, href, { coalitionId: w.c });
    expect(page.redirectTo).toBe(back);
    expect(page.gaps).toEqual([expect.objectContaining({ partnerId: w.alpha.partnerId, problem: "not_acknowledged", version: 2 })]);
    const location = await expectRedirect(act(policies.action, href, { coalitionId: w.c }, { intent: "acknowledge", policyId: String(w.v2.id), version: "2" }), /\/pledges\?/);
    expect(location).toBe(back);
    // back on the page (the workspace opens now), the form's values come from the query string; the same post goes through
    const again = await load(pledgesPage.loader, location, w.params);
    expect(again.program.id).toBe(w.program.id);
    await expectRedirect(act(pledgesPage.action, `${w.base}/pledges`, w.params, fields), /\/pledges/);
  });

  it("sign-up and shift edit on the shift page, a new shift on the shifts page: refused with the link and the typed values", async () => {
    const w = world();
    signInAs(db, w.lead.id);
    const shiftParams = { ...w.params, shiftId: String(w.shift.id) };
    const signup = { intent: "signup", volunteerName: "Val Volunteer", email: "val@example.test", phone: "", recruitedByAffiliateId: String(w.alpha.id) };
    const s = await expectF6(act(shiftPage.action, `${w.base}/shifts/${w.shift.id}`, shiftParams, signup), w, "signup");
    expect(s.kept).toMatchObject({ volunteerName: "Val Volunteer", email: "val@example.test" });
    expect(s.back.startsWith(`${w.base}/shifts/${w.shift.id}?keep=signup&`)).toBe(true);
    const shiftFields = { workType: "phonebank", title: "Evening calls", startsAt: "2030-04-17T18:00", endsAt: "2030-04-17T20:00", location: "", callLink: "https://meet.example.test/x", hostAffiliateId: String(w.alpha.id), hostKind: "affiliate", campaignHost: "", capacity: "12", notes: "Bring a headset" };
    const u = await expectF6(act(shiftPage.action, `${w.base}/shifts/${w.shift.id}`, shiftParams, { intent: "update", ...shiftFields }), w, "update");
    expect(u.kept).toMatchObject({ title: "Evening calls", notes: "Bring a headset" });
    const c = await expectF6(act(shiftsIndex.action, `${w.base}/shifts`, w.params, { intent: "create", ...shiftFields }), w, "create");
    expect(c.back.startsWith(`${w.base}/shifts?keep=create&`)).toBe(true);
    expect(c.kept).toMatchObject({ title: "Evening calls", capacity: "12" });
  });

  it("a stance from the matrix cell comes back to that cell's editor; from the candidate page, to the page", async () => {
    const w = world();
    signInAs(db, w.rep.id);
    const fields = { intent: "stance", candidateId: String(w.candidate.id), partnerId: String(w.alpha.partnerId), stance: "withdrawn", decidedOn: "2027-01-05", note: "Board vote 7-2", noteSource: "research", inplace: "1" };
    const m = await expectF6(act(matrix.action, `/tables/${w.c}/matrix?state=PA`, { coalitionId: w.c }, fields), w, "stance");
    const back = new URL(m.back, "http://x");
    expect(back.pathname).toBe(`/tables/${w.c}/matrix`);
    expect(back.searchParams.get("cell")).toBe(`${w.candidate.id}-${w.alpha.partnerId}`);
    expect(back.searchParams.get("state")).toBe("PA");
    expect(m.kept).toMatchObject({ stance: "withdrawn", note: "Board vote 7-2", decidedOn: "2027-01-05" });
    const cand = await expectF6(act(candidatePage.action, `/tables/${w.c}/candidates/${w.candidate.id}`, { coalitionId: w.c, candidateId: String(w.candidate.id) }, { ...fields, inplace: "" }), w, "stance");
    expect(cand.back.startsWith(`/tables/${w.c}/candidates/${w.candidate.id}?keep=stance&`)).toBe(true);
  });

  it("export: the download goes to the policy page, which comes back to the download with the choices kept", async () => {
    const w = world();
    signInAs(db, w.lead.id);
    // the download's own guard asks first (a GET of the workspace), and comes back to the same download
    const r = await settle(load(exportCsv.loader, `${w.base}/export.csv?kind=signups&recipient=member`, w.params));
    expect(r.status).toBe(302);
    const href = new URL(r.location!, "http://x");
    expect(href.pathname).toBe(`/tables/${w.c}/firewall/policies`);
    expect(href.searchParams.get("redirectTo")).toBe(`${w.base}/export.csv?kind=signups&recipient=member`);
    const location = await expectRedirect(act(policies.action, `${href.pathname}${href.search}`, { coalitionId: w.c }, { intent: "acknowledge", policyId: String(w.v2.id), version: "2" }), /export\.csv/);
    const file = await settle(load(exportCsv.loader, location, w.params));
    expect(file.status).toBe(200);
  });
});
