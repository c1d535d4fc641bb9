/**
 * Issue 13, regional allies through the routes: the facilitator (or a sub-table member's
 * representative) invites an ally into a program from its Pledges page; bad input comes back
 * with messages next to the fields and what was typed; others get a 403. The ally's lead then
 * opens that program's pages only: not the table, not the matrix, not another program.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as pledgesPage from "~/routes/tables.$coalitionId.programs.$programId.pledges";
import * as programPage from "~/routes/tables.$coalitionId.programs.$programId._index";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as tableLayout from "~/routes/tables.$coalitionId";
import * as matrixPage from "~/routes/tables.$coalitionId._index";
import * as home from "~/routes/_index";
import { acceptInvitation, grantRole } from "~/models/accounts.server";
import { partners, programAllies } from "../../db/schema";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld } from "../factories";
import { act, expectInvalid, expectStatus, load, settle, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const ALLY = { intent: "invite-ally", name: "Pilsen Neighbors Together", legalType: "c4", state: "IL", leadName: "Rosa Lead", leadEmail: "rosa@pilsen.example" };

function setup() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const person = (name: string, grant?: Parameters<typeof grantRole>[3]) => {
    const u = testActor(db, name);
    if (grant) grantRole(db, actor, u.id, grant);
    return u;
  };
  const facilitator = person("Fay Facilitator", { role: "facilitator", coalitionId: w.coalition.id });
  const memberRep = person("Mo Member", { role: "partner_rep", partnerId: w.partners[0].id });
  const outsider = person("Nell Notmember", { role: "partner_rep", partnerId: w.partners[4].id }); // seated, not in the sub-table
  for (const p of w.partners) buildPolicy(db, actor, p.id, [memberRep.id, outsider.id]);
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  return { ...w, facilitator, memberRep, outsider, c, params: { coalitionId: c, programId: p }, base: `/tables/${c}/programs/${p}` };
}

describe("inviting a regional ally from the Pledges page", () => {
  it("the facilitator invites: the ally is listed, its lead gets a one-time link", async () => {
    const w = setup();
    signInAs(db, w.facilitator.id);
    expect((await load(pledgesPage.loader, `${w.base}/pledges`, w.params)).mayInviteAlly).toBe(true);
    const r = await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, ALLY));
    expect(r.status).toBe(200);
    expect((r.data as { link: string }).link).toMatch(/\/invitations\/[\w-]+$/);
    const page = await load(pledgesPage.loader, `${w.base}/pledges`, w.params);
    expect(page.allies).toEqual([expect.objectContaining({ name: ALLY.name, legalType: "c4", state: "IL", leadName: "Rosa Lead" })]);
  });

  it("bad input: messages next to the fields, what was typed kept, nothing written", async () => {
    const w = setup();
    signInAs(db, w.facilitator.id);
    const partnersBefore = db.select().from(partners).all().length;
    const bad = await expectInvalid(act(pledgesPage.action, `${w.base}/pledges`, w.params, { ...ALLY, state: "ZZ", leadEmail: "not-an-email", legalType: "" }), ["state", "leadEmail", "legalType"]);
    expect(bad.values).toMatchObject({ name: ALLY.name, state: "ZZ", leadEmail: "not-an-email" });
    const dup = await expectInvalid(act(pledgesPage.action, `${w.base}/pledges`, w.params, { ...ALLY, name: w.partners[1].name }), ["name"]);
    expect(dup.values).toMatchObject({ name: w.partners[1].name });
    expect(db.select().from(partners).all().length).toBe(partnersBefore);
    expect(db.select().from(programAllies).all()).toEqual([]);
  });

  it("a sub-table member's representative may invite; a seated partner outside the sub-table gets a 403", async () => {
    const w = setup();
    signInAs(db, w.memberRep.id);
    expect((await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, ALLY))).status).toBe(200);
    signInAs(db, w.outsider.id);
    expect((await load(pledgesPage.loader, `${w.base}/pledges`, w.params)).mayInviteAlly).toBe(false);
    await expectStatus(act(pledgesPage.action, `${w.base}/pledges`, w.params, { ...ALLY, name: "Another Group", leadEmail: "a@b.example" }), 403);
    expect(db.select().from(programAllies).all()).toHaveLength(1);
  });
});

describe("the ally's lead", () => {
  it("accepts the invitation and lands on the program; opens its pages and pledges, but not the table, the matrix or another program", async () => {
    const w = setup();
    signInAs(db, w.facilitator.id);
    const link = ((await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, ALLY))).data as { link: string }).link;
    expect((await load(programPage.loader, w.base, w.params)).seesTable).toBe(true); // the facilitator's header links the sub-table and race
    const token = link.split("/").at(-1)!;
    const accepted = acceptInvitation(db, token, { name: "Rosa Lead", password: "correct horse battery staple" }, "127.0.0.1");
    if (!accepted.ok) throw new Error(accepted.message);
    const ally = db.select().from(programAllies).get()!;
    buildPolicy(db, actor, ally.partnerId, [accepted.userId]); // F6: the ally's policy, acknowledged
    signInAs(db, accepted.userId);

    const landing = await settle(load(home.loader, "/", {}));
    expect(landing.status).toBe(302);
    expect(landing.location).toBe(w.base);
    const layout = await load(tableLayout.loader, w.base, w.params);
    expect(layout.allyOnly).toBe(true);
    const programData = await load(programPage.loader, w.base, w.params);
    expect(programData.program.id).toBe(w.program.id);
    // its header has no links into the rest of the table (they would answer 403)
    expect(programData.seesTable).toBe(false);
    await load(shiftsIndex.loader, `${w.base}/shifts`, w.params);
    const pledges = await load(pledgesPage.loader, `${w.base}/pledges`, w.params);
    expect(pledges.mayInviteAlly).toBe(false);
    expect(pledges.seesTable).toBe(false);
    const own = pledges.mayPledgeFor.map((a) => a.id);
    expect(own).toHaveLength(1);
    await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, { intent: "pledge", affiliateId: String(own[0]), workType: "phonebank", weekStart: "2026-12-07", hours: "8" }));
    expect(db.$client.prepare("select hours from pledges where affiliate_id = ?").pluck().get(own[0])).toBe(8);

    // not the table, its matrix, nor another program at the same table
    await expectStatus(load(tableLayout.loader, `/tables/${w.c}`, { coalitionId: w.c }), 403);
    await expectStatus(load(matrixPage.loader, `/tables/${w.c}`, { coalitionId: w.c }), 403);
    const other = String(w.program.id + 1); // any other program id: refused before it is looked up
    await expectStatus(load(programPage.loader, `/tables/${w.c}/programs/${other}`, { coalitionId: w.c, programId: other }), 403);
    expect(db.select().from(partners).where(eq(partners.id, ally.partnerId)).get()).toMatchObject({ ally: true });
  });
});

describe("an ally's own written firewall policy (F6) and coverage, on its program", () => {
  it("its lead records the policy and acknowledges it (until then F6 refuses its pledge) and sets its coverage; nobody else may write either", async () => {
    const w = setup();
    signInAs(db, w.facilitator.id);
    const link = ((await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, ALLY))).data as { link: string }).link;
    const accepted = acceptInvitation(db, link.split("/").at(-1)!, { name: "Rosa Lead", password: "correct horse battery staple" }, "127.0.0.1");
    if (!accepted.ok) throw new Error(accepted.message);
    const ally = db.select().from(programAllies).get()!;
    const policy = { intent: "ally-policy", partnerId: String(ally.partnerId), title: "Pilsen firewall policy" };
    const body = "Our staff and volunteers never share plans, polling or messaging with any campaign; we tell counsel at once.";

    // the facilitator (or anyone not the ally's lead) may not write another organization's policy
    await expectStatus(act(programPage.action, w.base, w.params, { ...policy, body }), 403);
    await expectStatus(act(programPage.action, w.base, w.params, { intent: "ally-coverage", partnerId: String(ally.partnerId), counties: "Cook" }), 403);

    signInAs(db, accepted.userId);
    expect((await load(programPage.loader, w.base, w.params)).allyPolicies).toEqual([{ partnerId: ally.partnerId, name: ALLY.name, policy: null, acknowledged: false, state: "IL", coverage: [] }]);
    const pledgers = (await load(pledgesPage.loader, `${w.base}/pledges`, w.params)).mayPledgeFor.map((a) => a.id);
    const pledge = { intent: "pledge", affiliateId: String(pledgers[0]), workType: "phonebank", weekStart: "2026-12-07", hours: "8" };
    // F6: no policy acknowledged, no pledge (only the denial is written)
    expect((await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, pledge))).status).toBe(403);
    expect(db.$client.prepare("select count(*) from pledges where affiliate_id = ?").pluck().get(pledgers[0])).toBe(0);

    // a policy of one line is refused next to its field, the title kept
    const short = await expectInvalid(act(programPage.action, w.base, w.params, { ...policy, body: "Be careful." }), ["body"]);
    expect(short.values.title).toBe("Pilsen firewall policy");
    expect(await settle(act(programPage.action, w.base, w.params, { ...policy, body }))).toMatchObject({ status: 302, location: `${w.base}#ally-policy` });
    const recorded = (await load(programPage.loader, w.base, w.params)).allyPolicies[0];
    expect(recorded).toMatchObject({ policy: { version: 1, title: "Pilsen firewall policy" }, acknowledged: false });
    expect(await settle(act(programPage.action, w.base, w.params, { intent: "ally-acknowledge", policyId: String(recorded.policy!.id), version: "1" }))).toMatchObject({ status: 302 });
    expect((await load(programPage.loader, w.base, w.params)).allyPolicies[0].acknowledged).toBe(true);
    const audit = db.$client.prepare("select action from audit_log where partner_id = ? and action like 'firewall.policy_%' order by id").pluck().all(ally.partnerId);
    expect(audit).toEqual(["firewall.policy_act", "firewall.policy_published", "firewall.policy_acknowledged"]); // the F6 refusal, then the policy and its acknowledgment

    // where it works: its lead sets its coverage (the facilitator may not)
    expect((await load(programPage.loader, w.base, w.params)).allyPolicies[0]).toMatchObject({ state: "IL", coverage: [] });
    expect(await settle(act(programPage.action, w.base, w.params, { intent: "ally-coverage", partnerId: String(ally.partnerId), counties: "Cook" }))).toMatchObject({ status: 302 });
    expect((await load(programPage.loader, w.base, w.params)).allyPolicies[0].coverage).toEqual([expect.objectContaining({ state: "IL", kind: "county", value: "Cook" })]);
    expect(db.$client.prepare("select count(*) from audit_log where action = 'affiliate.coverage' and partner_id = ?").pluck().get(ally.partnerId)).toBe(1);

    // now F6 lets the pledge through
    await settle(act(pledgesPage.action, `${w.base}/pledges`, w.params, pledge));
    expect(db.$client.prepare("select hours from pledges where affiliate_id = ?").pluck().get(pledgers[0])).toBe(8);
  });
});
