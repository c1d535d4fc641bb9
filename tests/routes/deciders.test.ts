/**
 * Who decides at a table (issue 13), through the model and the settings page: a facilitator
 * sets whose stance counts and ranked endorsements (anyone else gets a 403); at a municipal
 * table where chapters decide, four chapters' endorsements of a ward candidate form the
 * sub-table, two chapters of one partner count once, a chapter outside the ward does not
 * count, and only a first choice counts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as settings from "~/routes/tables.$coalitionId.settings";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { setDeciding } from "~/models/coalitions.server";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { dump, freshDb, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function coalitionRow(id: number) {
  return db.query.coalitions.findFirst({ where: (c, { eq }) => eq(c.id, id) }).sync()!;
}

/** A municipal table with a Chicago Ward 5 race, five partners and their chapters. */
function wardTable() {
  const c = buildCoalition(db, actor, { level: "municipal", threshold: 4 });
  const race = buildRace(db, actor, c.id, { office: "City Council", state: "IL", district: "5", locality: "Chicago", localityKind: "city", seatKind: "ward" });
  const [ana, ben] = [buildCandidate(db, actor, c.id, race.id, { name: "Ana Ruiz" }), buildCandidate(db, actor, c.id, race.id, { name: "Ben Cole" })];
  const partners = Array.from({ length: 5 }, () => buildPartner(db, actor, c.id));
  const ward5 = partners.map((p) => buildAffiliate(db, actor, c.id, p.id, { state: "IL", districts: [], wards: [{ city: "Chicago", ward: "5" }] }));
  const cityWide = buildAffiliate(db, actor, c.id, partners[0].id, { state: "IL", districts: [], cities: ["Chicago"] });
  const ward25 = buildAffiliate(db, actor, c.id, partners[4].id, { state: "IL", districts: [], wards: [{ city: "Chicago", ward: "25" }] });
  return { c, race, ana, ben, partners, ward5, cityWide, ward25 };
}

const tally = (candidateId: number) => (db.$client.prepare("select endorsers from candidate_tallies where candidate_id = ?").get(candidateId) as { endorsers: number }).endorsers;
const members = (candidateId: number) =>
  (db.$client.prepare("select m.partner_id as p from sub_coalition_members m join sub_coalitions s on s.id = m.sub_coalition_id where s.candidate_id = ? and m.left_at is null order by 1").all(candidateId) as { p: number }[]).map((r) => r.p);

describe("critical mass where the covering affiliates decide", () => {
  it("four chapters' endorsements form the sub-table; a second chapter of a partner counts once; a chapter outside the ward does not count", () => {
    const w = wardTable();
    expect(setDeciding(db, actor, w.c.id, { decider: "affiliate", rankedMax: null }).ok).toBe(true);
    // the national partners' own endorsements are recorded, and do not count here
    for (const p of w.partners.slice(0, 4)) expect(stance(db, actor, w.c.id, w.ana.id, p.id, "endorsed").ok).toBe(true);
    expect(tally(w.ana.id)).toBe(0);
    expect(rows(db, "sub_coalitions")).toBe(0);
    // partner 0 through two chapters (ward and city) counts once; partner 4's Ward 25 chapter does not cover the race
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[0].id, "endorsed", { affiliateId: w.ward5[0].id }).ok).toBe(true);
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[0].id, "endorsed", { affiliateId: w.cityWide.id }).ok).toBe(true);
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[4].id, "endorsed", { affiliateId: w.ward25.id }).ok).toBe(true);
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[1].id, "endorsed", { affiliateId: w.ward5[1].id }).ok).toBe(true);
    expect(tally(w.ana.id)).toBe(2);
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[2].id, "endorsed", { affiliateId: w.ward5[2].id }).ok).toBe(true);
    expect(rows(db, "sub_coalitions")).toBe(0);
    const fourth = stance(db, actor, w.c.id, w.ana.id, w.partners[3].id, "endorsed", { affiliateId: w.ward5[3].id });
    expect(fourth).toMatchObject({ ok: true, subTable: { kind: "form" } });
    expect(members(w.ana.id)).toEqual(w.partners.slice(0, 4).map((p) => p.id));
    // one of partner 0's chapters withdraws: the other still endorses, so the partner stays
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[0].id, "withdrawn", { affiliateId: w.cityWide.id })).toMatchObject({ ok: true, subTable: { kind: "none" } });
    expect(members(w.ana.id)).toHaveLength(4);
    // its last covering chapter withdraws: the partner leaves
    expect(stance(db, actor, w.c.id, w.ana.id, w.partners[0].id, "withdrawn", { affiliateId: w.ward5[0].id })).toMatchObject({ ok: true, subTable: { kind: "leave" } });
    expect(members(w.ana.id)).toEqual(w.partners.slice(1, 4).map((p) => p.id));
    expect(tally(w.ana.id)).toBe(3);
  });

  it("ranked endorsements: only a first choice counts; a rank past N or given twice is refused with its message", () => {
    const w = wardTable();
    expect(setDeciding(db, actor, w.c.id, { decider: "affiliate", rankedMax: 3 }).ok).toBe(true);
    const [p0, p1] = w.partners;
    expect(stance(db, actor, w.c.id, w.ana.id, p0.id, "endorsed", { affiliateId: w.ward5[0].id, rank: 1 }).ok).toBe(true);
    expect(stance(db, actor, w.c.id, w.ben.id, p0.id, "endorsed", { affiliateId: w.ward5[0].id, rank: 2 }).ok).toBe(true);
    expect(stance(db, actor, w.c.id, w.ben.id, p1.id, "endorsed", { affiliateId: w.ward5[1].id, rank: 2 }).ok).toBe(true);
    expect([tally(w.ana.id), tally(w.ben.id)]).toEqual([1, 0]);
    const before = dump(db);
    expect(stance(db, actor, w.c.id, w.ana.id, p1.id, "endorsed", { affiliateId: w.ward5[1].id, rank: 4 })).toEqual({ ok: false, field: "rank", message: "Rank from 1 to 3: this table takes up to 3 ranked endorsements in a race." });
    expect(stance(db, actor, w.c.id, w.ana.id, p1.id, "endorsed", { affiliateId: w.ward5[1].id, rank: 2 })).toEqual({ ok: false, field: "rank", message: "Ben Cole is already ranked 2nd in this race. Give each rank once." });
    expect(dump(db)).toEqual(before);
    // moving Ben from 2nd to 1st is refused while Ana is first (the rank is given once)
    expect(stance(db, actor, w.c.id, w.ben.id, p0.id, "endorsed", { affiliateId: w.ward5[0].id, rank: 1 })).toMatchObject({ ok: false, field: "rank" });
    // ranking off is refused while endorsements stand ranked
    expect(setDeciding(db, actor, w.c.id, { decider: "affiliate", rankedMax: null })).toMatchObject({ ok: false, field: "rankedMax" });
  });

  it("switching a table to its chapters forms the sub-tables their endorsements already call for", () => {
    const w = wardTable();
    for (let i = 0; i < 4; i++) stance(db, actor, w.c.id, w.ana.id, w.partners[i].id, "endorsed", { affiliateId: w.ward5[i].id });
    expect(rows(db, "sub_coalitions")).toBe(0);
    expect(setDeciding(db, actor, w.c.id, { decider: "affiliate", rankedMax: null })).toMatchObject({ ok: true, formedFor: [w.ana.id] });
    expect(tally(w.ana.id)).toBe(4);
  });
});

describe("/tables/:coalitionId/settings — who decides", () => {
  it("the facilitator saves whose stance counts and the ranks allowed", async () => {
    const w = wardTable();
    const p = { coalitionId: String(w.c.id) };
    expect(await load(settings.loader, `/tables/${w.c.id}/settings`, p)).toMatchObject({ coalition: { decider: "national", rankedMax: null } });
    await expectRedirect(act(settings.action, `/tables/${w.c.id}/settings`, p, { intent: "deciding", decider: "affiliate", rankedMax: "3" }), /settings\?saved$/);
    expect(coalitionRow(w.c.id)).toMatchObject({ decider: "affiliate", rankedMax: 3 });
    expect(db.$client.prepare("select detail from audit_log where action = 'coalition.deciding'").all()).toEqual([{ detail: "decider national → affiliate; ranked no → 3" }]);
  });

  it("refuses a bad setting next to its field, keeping what was typed and writing nothing", async () => {
    const w = wardTable();
    const before = dump(db);
    const typed = { intent: "deciding", decider: "everyone", rankedMax: "11" };
    const data = await expectInvalid(act(settings.action, `/tables/${w.c.id}/settings`, { coalitionId: String(w.c.id) }, typed), ["decider", "rankedMax"]);
    expect(data.errors.rankedMax).toMatch(/from 2 to 10/);
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("is a 403 for a partner's representative", async () => {
    const w = wardTable();
    const rep = createUserWithPassword(db, { name: "Rita", email: "rita@example.test", password: "a-long-test-password" });
    grantRole(db, actor, rep.id, { role: "partner_rep", partnerId: w.partners[0].id });
    signInAs(db, rep.id);
    await expectStatus(act(settings.action, `/tables/${w.c.id}/settings`, { coalitionId: String(w.c.id) }, { intent: "deciding", decider: "affiliate", rankedMax: "" }), 403);
    await expectStatus(load(settings.loader, `/tables/${w.c.id}/settings`, { coalitionId: String(w.c.id) }), 403);
    expect(coalitionRow(w.c.id)).toMatchObject({ decider: "national", rankedMax: null });
  });
});
