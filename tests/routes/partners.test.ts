import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as partnersIndex from "~/routes/tables.$coalitionId.partners._index";
import * as partnerPage from "~/routes/tables.$coalitionId.partners.$partnerId";
import { buildAffiliate, buildCoalition, buildPartner, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle, signInAs } from "./helpers";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { invitations } from "../../db/schema";
import { actWith, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const partnerFields = (over: Record<string, string> = {}) => ({
  intent: "create",
  name: "Working Families Alliance",
  shortName: "WFA",
  legalType: "c4",
  website: "https://wfa.example.org",
  contactName: "Dana Reyes",
  contactEmail: "dana@wfa.example.org",
  ...over,
});

function partnerRow(id: number) {
  return db.query.partners.findFirst({ where: (p, { eq }) => eq(p.id, id) }).sync();
}

function seated(coalitionId: number, partnerId: number): boolean {
  return !!db.$client.prepare("select 1 from coalition_partners where coalition_id = ? and partner_id = ?").get(coalitionId, partnerId);
}

describe("/tables/:id/partners loader", () => {
  it("lists the seated partners and, separately, partners of other tables that could be seated", async () => {
    const a = buildCoalition(db, actor);
    const b = buildCoalition(db, actor);
    const mine = buildPartner(db, actor, a.id, { name: "Aardvark Action" });
    buildAffiliate(db, actor, a.id, mine.id);
    const theirs = buildPartner(db, actor, b.id);
    const data = await load(partnersIndex.loader, `/tables/${a.id}/partners`, { coalitionId: String(a.id) });
    expect(data.coalition.id).toBe(a.id);
    expect(data.partners.map((p) => p.id)).toEqual([mine.id]);
    expect(data.partners[0].affiliateCount).toBe(1);
    expect(data.unseated.map((p) => p.id)).toEqual([theirs.id]);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    buildCoalition(db, actor);
    await expectStatus(load(partnersIndex.loader, `/tables/${id}/partners`, { coalitionId: id }), 404);
  });
});

describe("/tables/:id/partners action: create", () => {
  it("creates the partner, seats it at the table and redirects to its page", async () => {
    const c = buildCoalition(db, actor);
    const location = await expectRedirect(
      act(partnersIndex.action, `/tables/${c.id}/partners`, { coalitionId: String(c.id) }, partnerFields()),
      new RegExp(`^/tables/${c.id}/partners/\\d+$`),
    );
    const id = Number(location.split("/").pop());
    expect(partnerRow(id)).toMatchObject({ name: "Working Families Alliance", shortName: "WFA", legalType: "c4", contactEmail: "dana@wfa.example.org" });
    expect(seated(c.id, id)).toBe(true);
  });

  it("stores empty optional fields as null", async () => {
    const c = buildCoalition(db, actor);
    const location = await expectRedirect(
      act(partnersIndex.action, `/tables/${c.id}/partners`, { coalitionId: String(c.id) }, partnerFields({ website: "", contactName: "", contactEmail: "" })),
      /partners\/\d+$/,
    );
    expect(partnerRow(Number(location.split("/").pop()))).toMatchObject({ website: null, contactName: null, contactEmail: null });
  });

  it("refuses bad input field by field, keeps what was typed, and writes nothing", async () => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    const typed = partnerFields({ name: "", shortName: "X".repeat(25), legalType: "c9", website: "ftp://files.example.org", contactEmail: "not-an-email" });
    const data = await expectInvalid(act(partnersIndex.action, `/tables/${c.id}/partners`, { coalitionId: String(c.id) }, typed), [
      "name",
      "shortName",
      "legalType",
      "website",
      "contactEmail",
    ]);
    expect(data.errors.shortName).toBe("Short name must be at most 24 characters.");
    expect(data.errors.legalType).toBe("Choose a legal type.");
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("answers a short name already used (at any table) with a field error, not a 500", async () => {
    const c = buildCoalition(db, actor);
    const other = buildCoalition(db, actor);
    buildPartner(db, actor, other.id, { shortName: "WFA" });
    const before = dump(db);
    const data = await expectInvalid(act(partnersIndex.action, `/tables/${c.id}/partners`, { coalitionId: String(c.id) }, partnerFields()), ["shortName"]);
    expect(data.errors.shortName).toMatch(/already uses this short name/);
    expect(data.values.shortName).toBe("WFA");
    expect(dump(db)).toEqual(before);
  });

  it("answers a name already used with a field error, not a 500", async () => {
    const c = buildCoalition(db, actor);
    buildPartner(db, actor, c.id, { name: "Working Families Alliance" });
    const before = dump(db);
    const data = await expectInvalid(act(partnersIndex.action, `/tables/${c.id}/partners`, { coalitionId: String(c.id) }, partnerFields()), ["name"]);
    expect(data.errors.name).toMatch(/already exists/);
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(actWith(partnersIndex.action, rawPost(`/tables/${c.id}/partners`, body, type), { coalitionId: String(c.id) }), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j, and writes nothing", async (id) => {
    buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(act(partnersIndex.action, `/tables/${id}/partners`, { coalitionId: id }, partnerFields()), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/partners action: seat an existing partner", () => {
  it("seats a partner from another table and redirects to its page here", async () => {
    const a = buildCoalition(db, actor);
    const b = buildCoalition(db, actor);
    const p = buildPartner(db, actor, b.id);
    await expectRedirect(
      act(partnersIndex.action, `/tables/${a.id}/partners`, { coalitionId: String(a.id) }, { intent: "seat", partnerId: String(p.id) }),
      new RegExp(`^/tables/${a.id}/partners/${p.id}$`),
    );
    expect(seated(a.id, p.id)).toBe(true);
    expect(seated(b.id, p.id)).toBe(true);
    expect(rows(db, "partners")).toBe(1);
  });

  it.each([
    ["no partner chosen", "", /Choose a partner/],
    ["a junk id", "abc", /Choose a partner/],
    ["a fraction", "1.5", /Choose a partner/],
    ["a negative id", "-1", /Choose a partner/],
    ["an unknown partner", "999", /Choose a partner/],
  ])("refuses %s with a partnerId error and writes nothing", async (_what, partnerId, message) => {
    const a = buildCoalition(db, actor);
    buildPartner(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    const data = await expectInvalid(
      act(partnersIndex.action, `/tables/${a.id}/partners`, { coalitionId: String(a.id) }, { intent: "seat", partnerId }),
      ["partnerId"],
    );
    expect(data.errors.partnerId).toMatch(message);
    expect(data.values.partnerId).toBe(partnerId);
    expect(dump(db)).toEqual(before);
  });

  it("reads the intent once when the browser posts it twice (the form's hidden field and the pressed button)", async () => {
    const a = buildCoalition(db, actor);
    const p = buildPartner(db, actor, buildCoalition(db, actor).id);
    const body = `intent=seat&partnerId=${p.id}&intent=seat`;
    await expectRedirect(
      actWith(partnersIndex.action, rawPost(`/tables/${a.id}/partners`, body, "application/x-www-form-urlencoded"), { coalitionId: String(a.id) }),
      new RegExp(`^/tables/${a.id}/partners/${p.id}$`),
    );
    expect(seated(a.id, p.id)).toBe(true);
  });

  it("refuses a partner already seated here", async () => {
    const a = buildCoalition(db, actor);
    const p = buildPartner(db, actor, a.id);
    const before = dump(db);
    const data = await expectInvalid(
      act(partnersIndex.action, `/tables/${a.id}/partners`, { coalitionId: String(a.id) }, { intent: "seat", partnerId: String(p.id) }),
      ["partnerId"],
    );
    expect(data.errors.partnerId).toMatch(/already sits at this table/);
    expect(dump(db)).toEqual(before);
  });

  it.each(["999", "abc"])("is a 404 for table id %j", async (id) => {
    const p = buildPartner(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    await expectStatus(act(partnersIndex.action, `/tables/${id}/partners`, { coalitionId: id }, { intent: "seat", partnerId: String(p.id) }), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/partners/:partnerId", () => {
  it("loads the partner with its affiliates and its current stances", async () => {
    const t = buildTableWithRace(db, actor, { partners: 2 });
    const p = t.partners[0];
    buildAffiliate(db, actor, t.coalition.id, p.id, { name: "PA Chapter" });
    stance(db, actor, t.coalition.id, t.candidates[0].id, p.id, "considering");
    stance(db, actor, t.coalition.id, t.candidates[0].id, p.id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidates[1].id, t.partners[1].id, "endorsed");
    const params = { coalitionId: String(t.coalition.id), partnerId: String(p.id) };
    const data = await load(partnerPage.loader, `/tables/${t.coalition.id}/partners/${p.id}`, params);
    expect(data.partner.id).toBe(p.id);
    expect(data.affiliates.map((a) => a.name)).toEqual(["PA Chapter"]);
    expect(data.current.rows.map((e) => [e.candidateId, e.stance])).toEqual([[t.candidates[0].id, "endorsed"]]);
    expect(data.current).toMatchObject({ total: 1, next: null, prev: null });
    expect(data.saved).toBe(false);
    expect((await load(partnerPage.loader, `/tables/${t.coalition.id}/partners/${p.id}?saved`, params)).saved).toBe(true);
  });

  it("updates the partner and redirects back with ?saved", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const fields = partnerFields({ intent: "update", name: "Renamed Org", shortName: "RO", legalType: "super_pac" });
    await expectRedirect(
      act(partnerPage.action, `/tables/${c.id}/partners/${p.id}`, { coalitionId: String(c.id), partnerId: String(p.id) }, fields),
      new RegExp(`^/tables/${c.id}/partners/${p.id}\\?saved$`),
    );
    expect(partnerRow(p.id)).toMatchObject({ name: "Renamed Org", shortName: "RO", legalType: "super_pac" });
  });

  it("refuses bad input and changes nothing", async () => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const before = dump(db);
    const typed = partnerFields({ intent: "update", shortName: "", legalType: "", website: "www.example.org" });
    const data = await expectInvalid(
      act(partnerPage.action, `/tables/${c.id}/partners/${p.id}`, { coalitionId: String(c.id), partnerId: String(p.id) }, typed),
      ["shortName", "legalType", "website"],
    );
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("answers another partner's short name with a field error, not a 500", async () => {
    const c = buildCoalition(db, actor);
    buildPartner(db, actor, c.id, { shortName: "TAKEN" });
    const p = buildPartner(db, actor, c.id);
    const before = dump(db);
    const data = await expectInvalid(
      act(partnerPage.action, `/tables/${c.id}/partners/${p.id}`, { coalitionId: String(c.id), partnerId: String(p.id) }, partnerFields({ intent: "update", shortName: "TAKEN" })),
      ["shortName"],
    );
    expect(data.errors.shortName).toMatch(/already uses/);
    expect(dump(db)).toEqual(before);
  });

  it("refuses making a partner with standing endorsements a 501(c)(3) (F1), with a legalType error, and changes nothing", async () => {
    const t = buildTableWithRace(db, actor, { partners: 1 });
    const p = t.partners[0];
    stance(db, actor, t.coalition.id, t.candidates[0].id, p.id, "endorsed");
    const before = dump(db);
    const params = { coalitionId: String(t.coalition.id), partnerId: String(p.id) };
    const data = await expectInvalid(
      act(partnerPage.action, `/tables/${t.coalition.id}/partners/${p.id}`, params, partnerFields({ intent: "update", legalType: "c3" })),
      ["legalType"],
    );
    expect(data.errors.legalType).toMatch(/F1/);
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const p = buildPartner(db, actor, c.id);
    const before = dump(db);
    const r = rawPost(`/tables/${c.id}/partners/${p.id}`, body, type);
    await expectStatus(actWith(partnerPage.action, r, { coalitionId: String(c.id), partnerId: String(p.id) }), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from loader and action for partner id %j", async (id) => {
    const c = buildCoalition(db, actor);
    buildPartner(db, actor, c.id);
    const before = dump(db);
    const params = { coalitionId: String(c.id), partnerId: id };
    await expectStatus(load(partnerPage.loader, `/tables/${c.id}/partners/${id}`, params), 404);
    await expectStatus(act(partnerPage.action, `/tables/${c.id}/partners/${id}`, params, partnerFields({ intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from loader and action for table id %j", async (id) => {
    const p = buildPartner(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    const params = { coalitionId: id, partnerId: String(p.id) };
    await expectStatus(load(partnerPage.loader, `/tables/${id}/partners/${p.id}`, params), 404);
    await expectStatus(act(partnerPage.action, `/tables/${id}/partners/${p.id}`, params, partnerFields({ intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for a partner that exists but is not seated at this table", async () => {
    const a = buildCoalition(db, actor);
    const b = buildCoalition(db, actor);
    const theirs = buildPartner(db, actor, b.id);
    const before = dump(db);
    const params = { coalitionId: String(a.id), partnerId: String(theirs.id) };
    await expectStatus(load(partnerPage.loader, `/tables/${a.id}/partners/${theirs.id}`, params), 404);
    await expectStatus(act(partnerPage.action, `/tables/${a.id}/partners/${theirs.id}`, params, partnerFields({ intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("a partner's representative invites its own affiliates' leads from the partner page", () => {
  function world() {
    const c = buildCoalition(db, actor);
    const papa = buildPartner(db, actor, c.id, { shortName: "PAPA" });
    const quebec = buildPartner(db, actor, c.id, { shortName: "QUEB" });
    const alpha = buildAffiliate(db, actor, c.id, papa.id, { name: "Alpha Chapter" });
    const bravo = buildAffiliate(db, actor, c.id, quebec.id, { name: "Bravo Chapter" });
    const rep = createUserWithPassword(db, { name: "Rita", email: "rita@example.test", password: "a-long-test-password" });
    grantRole(db, actor, rep.id, { role: "partner_rep", partnerId: papa.id });
    return { c, papa, quebec, alpha, bravo, rep };
  }
  const invite = (over: Record<string, string> = {}) => ({ intent: "invite", name: "Alma Lead", email: "alma@example.test", affiliateId: "", ...over });

  it("offers its affiliates and makes a one-time link for a lead of one of them", async () => {
    const w = world();
    signInAs(db, w.rep.id);
    const params = { coalitionId: String(w.c.id), partnerId: String(w.papa.id) };
    const url = `/tables/${w.c.id}/partners/${w.papa.id}`;
    expect((await load(partnerPage.loader, url, params)).invitable.map((a) => a.name)).toEqual(["Alpha Chapter"]);
    const r = await settle(act(partnerPage.action, url, params, invite({ affiliateId: String(w.alpha.id) })));
    expect(r.status).toBe(200);
    expect((r.data as { link: string }).link).toMatch(/\/invitations\/[A-Za-z0-9_-]+$/);
    expect(db.select().from(invitations).all()).toEqual([expect.objectContaining({ role: "affiliate_lead", affiliateId: w.alpha.id, partnerId: w.papa.id, email: "alma@example.test" })]);
  });

  it("refuses another partner's affiliate and missing fields with field errors, writing nothing; another partner's page is a 403", async () => {
    const w = world();
    signInAs(db, w.rep.id);
    const params = { coalitionId: String(w.c.id), partnerId: String(w.papa.id) };
    const url = `/tables/${w.c.id}/partners/${w.papa.id}`;
    const before = dump(db);
    await expectInvalid(act(partnerPage.action, url, params, invite({ affiliateId: String(w.bravo.id) })), ["affiliateId"]);
    const bad = await expectInvalid(act(partnerPage.action, url, params, invite({ name: "", email: "nope", affiliateId: "x" })), ["name", "email", "affiliateId"]);
    expect(bad.values.email).toBe("nope");
    expect(dump(db)).toEqual(before);
    await expectStatus(act(partnerPage.action, `/tables/${w.c.id}/partners/${w.quebec.id}`, { coalitionId: String(w.c.id), partnerId: String(w.quebec.id) }, invite({ affiliateId: String(w.bravo.id) })), 403);
  });
});
