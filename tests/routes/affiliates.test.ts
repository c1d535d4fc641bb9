import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as affiliatesIndex from "~/routes/tables.$coalitionId.affiliates._index";
import * as affiliatePage from "~/routes/tables.$coalitionId.affiliates.$affiliateId";
import { buildAffiliate, buildCoalition, buildPartner, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { actWith, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const affiliateFields = (partnerId: number, over: Record<string, string> = {}) => ({
  intent: "create",
  partnerId: String(partnerId),
  name: "Pittsburgh Chapter",
  state: "pa",
  legalType: "",
  districts: "7, 12,AL",
  counties: "Allegheny, Butler",
  leadName: "Sam Lee",
  leadContact: "sam@example.org",
  ...over,
});

function coverage(affiliateId: number) {
  return (db.$client.prepare("select state, kind, value from affiliate_coverage where affiliate_id = ? order by kind, value").all(affiliateId) as {
    state: string;
    kind: string;
    value: string;
  }[]).map((c) => `${c.state}:${c.kind}:${c.value}`);
}

function affiliateRow(id: number) {
  return db.query.affiliates.findFirst({ where: (a, { eq }) => eq(a.id, id) }).sync();
}

describe("/tables/:id/affiliates loader", () => {
  function world() {
    const c = buildCoalition(db, actor);
    const p1 = buildPartner(db, actor, c.id);
    const p2 = buildPartner(db, actor, c.id);
    const paOne = buildAffiliate(db, actor, c.id, p1.id, { state: "PA" });
    const ohOne = buildAffiliate(db, actor, c.id, p1.id, { state: "OH" });
    const paTwo = buildAffiliate(db, actor, c.id, p2.id, { state: "PA" });
    // an affiliate of a partner at another table is never listed here
    const other = buildCoalition(db, actor);
    buildAffiliate(db, actor, other.id, buildPartner(db, actor, other.id).id, { state: "PA" });
    return { c, p1, p2, paOne, ohOne, paTwo };
  }

  it("lists the affiliates of the table's partners, with the states to filter by", async () => {
    const w = world();
    const data = await load(affiliatesIndex.loader, `/tables/${w.c.id}/affiliates`, { coalitionId: String(w.c.id) });
    expect(data.affiliates.map((a) => a.id).sort()).toEqual([w.paOne.id, w.ohOne.id, w.paTwo.id].sort());
    expect(data.states).toEqual(["OH", "PA"]);
    expect(data.partners).toHaveLength(2);
    expect(data.filter).toEqual({ state: null, partnerId: null, q: null });
    expect(data.total).toBe(3);
  });

  it("filters by ?state= (any case) and ?partner=", async () => {
    const w = world();
    const params = { coalitionId: String(w.c.id) };
    const byState = await load(affiliatesIndex.loader, `/tables/${w.c.id}/affiliates?state=pa`, params);
    expect(byState.filter.state).toBe("PA");
    expect(byState.affiliates.map((a) => a.id).sort()).toEqual([w.paOne.id, w.paTwo.id].sort());
    const both = await load(affiliatesIndex.loader, `/tables/${w.c.id}/affiliates?state=PA&partner=${w.p1.id}`, params);
    expect(both.affiliates.map((a) => a.id)).toEqual([w.paOne.id]);
  });

  it("pages the affiliates (by state, partner, name) with a total and a name search; a junk cursor reads as the first page", async () => {
    const w = world();
    for (const n of ["Alpha", "Beta", "Gamma"]) buildAffiliate(db, actor, w.c.id, w.p2.id, { state: "NY", name: `${n} chapter` });
    const params = { coalitionId: String(w.c.id) };
    const url = `/tables/${w.c.id}/affiliates`;
    const all = await load(affiliatesIndex.loader, `${url}?size=100`, params);
    expect(all.total).toBe(6);
    expect(all.affiliates.map((a) => a.state)).toEqual(["NY", "NY", "NY", "OH", "PA", "PA"]);
    const first = await load(affiliatesIndex.loader, `${url}?size=4`, params);
    expect(first.affiliates.map((a) => a.id)).toEqual(all.affiliates.slice(0, 4).map((a) => a.id));
    expect(first.affiliates[0].coverage).toBeDefined();
    const second = await load(affiliatesIndex.loader, `${url}?size=4&page=${first.next}`, params);
    expect(second.affiliates.map((a) => a.id)).toEqual(all.affiliates.slice(4).map((a) => a.id));
    expect(second.next).toBeNull();
    const back = await load(affiliatesIndex.loader, `${url}?size=4&page=${second.prev}`, params);
    expect(back.affiliates.map((a) => a.id)).toEqual(first.affiliates.map((a) => a.id));
    expect((await load(affiliatesIndex.loader, `${url}?size=4&page=bad!`, params)).affiliates.map((a) => a.id)).toEqual(first.affiliates.map((a) => a.id));
    const search = await load(affiliatesIndex.loader, `${url}?q=GAMMA`, params);
    expect(search.total).toBe(1);
    expect(search.affiliates[0].name).toBe("Gamma chapter");
    expect(search.states).toEqual(["NY", "OH", "PA"]);
  });

  it.each(["abc", "1.5", "-1", "0", "'; drop table affiliates; --"])("ignores a junk ?partner=%j instead of failing", async (junk) => {
    const w = world();
    const data = await load(affiliatesIndex.loader, `/tables/${w.c.id}/affiliates?partner=${encodeURIComponent(junk)}`, { coalitionId: String(w.c.id) });
    expect(data.filter.partnerId).toBeNull();
    expect(data.affiliates).toHaveLength(3);
  });

  it("gives an empty list, not an error, for a state nobody covers or a partner not at the table", async () => {
    const w = world();
    const params = { coalitionId: String(w.c.id) };
    expect((await load(affiliatesIndex.loader, `/tables/${w.c.id}/affiliates?state=zz`, params)).affiliates).toEqual([]);
    expect((await load(affiliatesIndex.loader, `/tables/${w.c.id}/affiliates?partner=999`, params)).affiliates).toEqual([]);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    buildCoalition(db, actor);
    await expectStatus(load(affiliatesIndex.loader, `/tables/${id}/affiliates`, { coalitionId: id }), 404);
  });
});

describe("/tables/:id/affiliates action (create)", () => {
  it("creates the affiliate with its coverage and redirects to it", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const location = await expectRedirect(
      act(affiliatesIndex.action, `/tables/${c.id}/affiliates`, { coalitionId: String(c.id) }, affiliateFields(p.id)),
      new RegExp(`^/tables/${c.id}/affiliates/\\d+$`),
    );
    const id = Number(location.split("/").pop());
    expect(affiliateRow(id)).toMatchObject({ partnerId: p.id, name: "Pittsburgh Chapter", state: "PA", legalType: null, leadName: "Sam Lee" });
    expect(coverage(id)).toEqual(["PA:county:Allegheny", "PA:county:Butler", "PA:district:07", "PA:district:12", "PA:district:AL"]);
  });

  it("refuses bad input field by field, keeps what was typed, and writes nothing", async () => {
    const c = buildCoalition(db, actor);
    buildPartner(db, actor, c.id);
    const before = dump(db);
    const typed = affiliateFields(0, { partnerId: "abc", name: " ", state: "XX", legalType: "c9", districts: "7, seven, 0" });
    const data = await expectInvalid(act(affiliatesIndex.action, `/tables/${c.id}/affiliates`, { coalitionId: String(c.id) }, typed), [
      "partnerId",
      "name",
      "state",
      "legalType",
      "districts",
    ]);
    expect(data.errors.state).toBe("State must be a two-letter US state code, like PA.");
    expect(data.errors.districts).toMatch(/not: seven, 0/);
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses a partner that does not sit at this table", async () => {
    const c = buildCoalition(db, actor);
    const outsider = buildPartner(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    const data = await expectInvalid(
      act(affiliatesIndex.action, `/tables/${c.id}/affiliates`, { coalitionId: String(c.id) }, affiliateFields(outsider.id)),
      ["partnerId"],
    );
    expect(data.errors.partnerId).toMatch(/sits at this table/);
    expect(dump(db)).toEqual(before);
  });

  it("answers a duplicate name for the same partner with a field error, not a 500", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    buildAffiliate(db, actor, c.id, p.id, { name: "Pittsburgh Chapter" });
    const before = dump(db);
    const data = await expectInvalid(act(affiliatesIndex.action, `/tables/${c.id}/affiliates`, { coalitionId: String(c.id) }, affiliateFields(p.id)), ["name"]);
    expect(data.errors.name).toMatch(/already has an affiliate with this name/);
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(actWith(affiliatesIndex.action, rawPost(`/tables/${c.id}/affiliates`, body, type), { coalitionId: String(c.id) }), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j, even with a partner of another table in the form", async (id) => {
    const p = buildPartner(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    await expectStatus(act(affiliatesIndex.action, `/tables/${id}/affiliates`, { coalitionId: id }, affiliateFields(p.id)), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/affiliates/:affiliateId", () => {
  it("loads the affiliate with its coverage and the table's partners", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id, { legalType: "c5" });
    const a = buildAffiliate(db, actor, c.id, p.id, { districts: ["03"], counties: ["Erie"] });
    const params = { coalitionId: String(c.id), affiliateId: String(a.id) };
    const data = await load(affiliatePage.loader, `/tables/${c.id}/affiliates/${a.id}`, params);
    expect(data.affiliate).toMatchObject({ id: a.id, partnerId: p.id, effectiveLegalType: "c5" });
    expect(data.affiliate.coverage.map((v) => v.value).sort()).toEqual(["03", "Erie"]);
    expect(data.partners.map((x) => x.id)).toEqual([p.id]);
    expect(data.saved).toBe(false);
    expect((await load(affiliatePage.loader, `/tables/${c.id}/affiliates/${a.id}?saved`, params)).saved).toBe(true);
  });

  it("updates the affiliate, replaces its coverage, and redirects back with ?saved", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const a = buildAffiliate(db, actor, c.id, p.id, { districts: ["01", "02"], counties: ["Erie"] });
    const fields = affiliateFields(p.id, { intent: "update", name: "Renamed", state: "OH", legalType: "pac", districts: "9", counties: "" });
    await expectRedirect(
      act(affiliatePage.action, `/tables/${c.id}/affiliates/${a.id}`, { coalitionId: String(c.id), affiliateId: String(a.id) }, fields),
      new RegExp(`^/tables/${c.id}/affiliates/${a.id}\\?saved$`),
    );
    expect(affiliateRow(a.id)).toMatchObject({ name: "Renamed", state: "OH", legalType: "pac" });
    expect(coverage(a.id)).toEqual(["OH:district:09"]);
  });

  it("refuses bad input and changes nothing, coverage included", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const a = buildAffiliate(db, actor, c.id, p.id);
    const before = dump(db);
    const typed = affiliateFields(p.id, { intent: "update", state: "", districts: "banana" });
    const data = await expectInvalid(
      act(affiliatePage.action, `/tables/${c.id}/affiliates/${a.id}`, { coalitionId: String(c.id), affiliateId: String(a.id) }, typed),
      ["state", "districts"],
    );
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses moving the affiliate to a partner not at this table, and a name its partner already uses", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const a = buildAffiliate(db, actor, c.id, p.id);
    buildAffiliate(db, actor, c.id, p.id, { name: "Taken Name" });
    const outsider = buildPartner(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    const params = { coalitionId: String(c.id), affiliateId: String(a.id) };
    await expectInvalid(act(affiliatePage.action, `/tables/${c.id}/affiliates/${a.id}`, params, affiliateFields(outsider.id, { intent: "update" })), ["partnerId"]);
    await expectInvalid(act(affiliatePage.action, `/tables/${c.id}/affiliates/${a.id}`, params, affiliateFields(p.id, { intent: "update", name: "Taken Name" })), ["name"]);
    expect(dump(db)).toEqual(before);
  });

  it("refuses making an affiliate with its own standing endorsement a 501(c)(3) (F1), and changes nothing", async () => {
    const t = buildTableWithRace(db, actor, { partners: 1 });
    const p = t.partners[0];
    const a = buildAffiliate(db, actor, t.coalition.id, p.id);
    stance(db, actor, t.coalition.id, t.candidates[0].id, p.id, "endorsed", { affiliateId: a.id });
    const before = dump(db);
    const params = { coalitionId: String(t.coalition.id), affiliateId: String(a.id) };
    const data = await expectInvalid(
      act(affiliatePage.action, `/tables/${t.coalition.id}/affiliates/${a.id}`, params, affiliateFields(p.id, { intent: "update", legalType: "c3" })),
      ["legalType"],
    );
    expect(data.errors.legalType).toMatch(/F1/);
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const a = buildAffiliate(db, actor, c.id, buildPartner(db, actor, c.id).id);
    const before = dump(db);
    const r = rawPost(`/tables/${c.id}/affiliates/${a.id}`, body, type);
    await expectStatus(actWith(affiliatePage.action, r, { coalitionId: String(c.id), affiliateId: String(a.id) }), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from loader and action for affiliate id %j", async (id) => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    buildAffiliate(db, actor, c.id, p.id);
    const before = dump(db);
    const params = { coalitionId: String(c.id), affiliateId: id };
    await expectStatus(load(affiliatePage.loader, `/tables/${c.id}/affiliates/${id}`, params), 404);
    await expectStatus(act(affiliatePage.action, `/tables/${c.id}/affiliates/${id}`, params, affiliateFields(p.id, { intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from loader and action for table id %j", async (id) => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const a = buildAffiliate(db, actor, c.id, p.id);
    const before = dump(db);
    const params = { coalitionId: id, affiliateId: String(a.id) };
    await expectStatus(load(affiliatePage.loader, `/tables/${id}/affiliates/${a.id}`, params), 404);
    await expectStatus(act(affiliatePage.action, `/tables/${id}/affiliates/${a.id}`, params, affiliateFields(p.id, { intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for an affiliate of a partner seated only at another table", async () => {
    const a = buildCoalition(db, actor);
    const b = buildCoalition(db, actor);
    const theirs = buildAffiliate(db, actor, b.id, buildPartner(db, actor, b.id).id);
    const mine = buildPartner(db, actor, a.id);
    const before = dump(db);
    const params = { coalitionId: String(a.id), affiliateId: String(theirs.id) };
    await expectStatus(load(affiliatePage.loader, `/tables/${a.id}/affiliates/${theirs.id}`, params), 404);
    await expectStatus(act(affiliatePage.action, `/tables/${a.id}/affiliates/${theirs.id}`, params, affiliateFields(mine.id, { intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });
});
