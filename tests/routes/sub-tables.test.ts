import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as subTablesIndex from "~/routes/tables.$coalitionId.sub-tables._index";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { buildAffiliate, buildCoalition, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { actWith, auditRows, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

/** A table whose first candidate has a sub-table: `threshold` partners endorsed it. */
function withSubTable(threshold = 2) {
  const t = buildTableWithRace(db, actor, { partners: threshold + 1, threshold });
  const [k] = t.candidates;
  let subId = 0;
  for (const p of t.partners.slice(0, threshold)) {
    const r = stance(db, actor, t.coalition.id, k.id, p.id, "endorsed");
    if (r.ok && r.subTable.kind === "form") subId = r.subTable.subCoalitionId!;
  }
  expect(subId).toBeGreaterThan(0);
  const base = `/tables/${t.coalition.id}/sub-tables`;
  return { ...t, k, subId, base, path: `${base}/${subId}`, params: { coalitionId: String(t.coalition.id), subTableId: String(subId) } };
}

describe("/tables/:id/sub-tables loader", () => {
  it("lists the table's sub-tables with member counts and status", async () => {
    const w = withSubTable(2);
    withSubTable(2); // another table's sub-table is not listed here
    const data = await load(subTablesIndex.loader, w.base, { coalitionId: String(w.coalition.id) });
    expect(data.coalition.id).toBe(w.coalition.id);
    expect(data.subTables).toEqual([expect.objectContaining({ id: w.subId, candidateId: w.k.id, memberCount: 2, threshold: 2, status: "active" })]);
  });

  it("pages the sub-tables with keyset cursors and a total, filtered by state and status in SQL; a junk cursor reads as the first page", async () => {
    const t = buildTableWithRace(db, actor, { partners: 3, threshold: 2, candidates: 5, seats: 5 });
    for (const k of t.candidates) for (const p of t.partners.slice(0, 2)) stance(db, actor, t.coalition.id, k.id, p.id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidates[1].id, t.partners[0].id, "withdrawn");
    const params = { coalitionId: String(t.coalition.id) };
    const base = `/tables/${t.coalition.id}/sub-tables`;
    const all = await load(subTablesIndex.loader, `${base}?size=100`, params);
    expect(all.total).toBe(5);
    expect(all.subTables).toHaveLength(5);
    const first = await load(subTablesIndex.loader, `${base}?size=2`, params);
    expect(first.subTables.map((s) => s.id)).toEqual(all.subTables.slice(0, 2).map((s) => s.id));
    expect(first.total).toBe(5);
    const second = await load(subTablesIndex.loader, `${base}?size=2&page=${first.next}`, params);
    expect(second.subTables.map((s) => s.id)).toEqual(all.subTables.slice(2, 4).map((s) => s.id));
    const back = await load(subTablesIndex.loader, `${base}?size=2&page=${second.prev}`, params);
    expect(back.subTables.map((s) => s.id)).toEqual(first.subTables.map((s) => s.id));
    expect((await load(subTablesIndex.loader, `${base}?size=2&page=%%%`, params)).subTables.map((s) => s.id)).toEqual(first.subTables.map((s) => s.id));
    const below = await load(subTablesIndex.loader, `${base}?status=below_critical_mass`, params);
    expect(below.total).toBe(1);
    expect(below.subTables).toEqual([expect.objectContaining({ candidateId: t.candidates[1].id, memberCount: 1, status: "below_critical_mass" })]);
    expect((await load(subTablesIndex.loader, `${base}?status=active`, params)).total).toBe(4);
    expect((await load(subTablesIndex.loader, `${base}?status=closed`, params)).total).toBe(0);
    expect((await load(subTablesIndex.loader, `${base}?state=ZZ`, params)).total).toBe(0);
    expect((await load(subTablesIndex.loader, `${base}?state=${t.race.state.toLowerCase()}`, params)).total).toBe(5);
    expect((await load(subTablesIndex.loader, `${base}?status=bogus`, params)).total).toBe(5);
  });

  it("lists nothing for a table without sub-tables", async () => {
    const c = buildCoalition(db, actor);
    expect((await load(subTablesIndex.loader, `/tables/${c.id}/sub-tables`, { coalitionId: String(c.id) })).subTables).toEqual([]);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    withSubTable();
    await expectStatus(load(subTablesIndex.loader, `/tables/${id}/sub-tables`, { coalitionId: id }), 404);
  });
});

describe("/tables/:id/sub-tables/:subTableId loader", () => {
  it("gives the sub-table, its race, members, history and the members' affiliates in the district", async () => {
    const w = withSubTable(2);
    const inDistrict = buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { state: "PA", districts: [w.race.district!] });
    buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { state: "PA", districts: ["99"] });
    buildAffiliate(db, actor, w.coalition.id, w.partners[2].id, { state: "PA", districts: [w.race.district!] }); // not a member
    const data = await load(subTablePage.loader, w.path, w.params);
    expect(data.coalitionId).toBe(w.coalition.id);
    expect(data.subTable).toMatchObject({ id: w.subId, status: "active" });
    expect(data.race.id).toBe(w.race.id);
    expect(data.members.map((m) => m.partnerId).sort()).toEqual(w.partners.slice(0, 2).map((p) => p.id).sort());
    expect(data.history).toHaveLength(2);
    expect(data.affiliates.map((a) => a.id)).toEqual([inDistrict.id]);
  });

  it("shows a partner that withdrew as having left", async () => {
    const w = withSubTable(2);
    stance(db, actor, w.coalition.id, w.k.id, w.partners[0].id, "withdrawn");
    const data = await load(subTablePage.loader, w.path, w.params);
    expect(data.subTable.status).toBe("below_critical_mass");
    expect(data.members.map((m) => m.partnerId)).toEqual([w.partners[1].id]);
    expect(data.history.find((h) => h.partnerId === w.partners[0].id)!.leftAt).not.toBeNull();
  });

  it.each(BAD_IDS)("is a 404 for sub-table id %j", async (id) => {
    const w = withSubTable();
    await expectStatus(load(subTablePage.loader, `${w.base}/${id}`, { ...w.params, subTableId: id }), 404);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    const w = withSubTable();
    await expectStatus(load(subTablePage.loader, `/tables/${id}/sub-tables/${w.subId}`, { ...w.params, coalitionId: id }), 404);
  });

  it("is a 404 for a sub-table of another table", async () => {
    const a = withSubTable();
    const b = withSubTable();
    await expectStatus(load(subTablePage.loader, `${b.base}/${a.subId}`, { ...b.params, subTableId: String(a.subId) }), 404);
  });
});

describe("/tables/:id/sub-tables/:subTableId action (close)", () => {
  it("refuses a post without intent=close and leaves the sub-table open", async () => {
    const w = withSubTable();
    await expectInvalid(act(subTablePage.action, w.path, w.params, {}), ["_form"]);
    const sub = db.query.subCoalitions.findFirst({ where: (s, { eq }) => eq(s.id, w.subId) }).sync();
    expect(sub!.closedAt).toBeNull();
  });

  it("closes the sub-table, logs it, and redirects back to it", async () => {
    const w = withSubTable();
    await expectRedirect(act(subTablePage.action, w.path, w.params, { intent: "close" }), new RegExp(`^${w.path}$`));
    const sub = db.query.subCoalitions.findFirst({ where: (s, { eq }) => eq(s.id, w.subId) }).sync();
    expect(sub!.closedAt).not.toBeNull();
    expect(sub!.closedBy).toBe(actor.id);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "subtable.close", decision: "info" });
    expect((await load(subTablePage.loader, w.path, w.params)).subTable.status).toBe("closed");
  });

  it("refuses closing it twice with a 400 and writes nothing", async () => {
    const w = withSubTable();
    await expectRedirect(act(subTablePage.action, w.path, w.params, { intent: "close" }), /sub-tables/);
    const before = dump(db);
    const data = await expectInvalid(act(subTablePage.action, w.path, w.params, { intent: "close" }), ["_form"]);
    expect(data.errors._form).toMatch(/already closed/);
    expect(data.values).toEqual({ intent: "close" });
    expect(dump(db)).toEqual(before);
  });

  it("a partner endorsing after the close does not join it", async () => {
    const w = withSubTable(2);
    await expectRedirect(act(subTablePage.action, w.path, w.params, { intent: "close" }), /sub-tables/);
    stance(db, actor, w.coalition.id, w.k.id, w.partners[2].id, "endorsed");
    const data = await load(subTablePage.loader, w.path, w.params);
    expect(data.members).toHaveLength(2);
  });

  it.each(NON_FORM_BODIES)("does not fail on a %s body", async (_what, body, type) => {
    const w = withSubTable();
    const r = await actWith(subTablePage.action, rawPost(w.path, body, type), w.params).then(
      (v) => v,
      (e) => e,
    );
    // closing takes no fields, so what the body says does not matter; it must not be a 500
    expect(r).not.toBeInstanceOf(Error);
  });

  it.each(BAD_IDS)("is a 404 for sub-table id %j, and writes nothing", async (id) => {
    const w = withSubTable();
    const before = dump(db);
    await expectStatus(act(subTablePage.action, `${w.base}/${id}`, { ...w.params, subTableId: id }, { intent: "close" }), 404);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j, and writes nothing", async (id) => {
    const w = withSubTable();
    const before = dump(db);
    await expectStatus(act(subTablePage.action, `/tables/${id}/sub-tables/${w.subId}`, { ...w.params, coalitionId: id }, { intent: "close" }), 404);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for a sub-table of another table, which stays open", async () => {
    const a = withSubTable();
    const b = withSubTable();
    const before = dump(db);
    await expectStatus(act(subTablePage.action, `${b.base}/${a.subId}`, { ...b.params, subTableId: String(a.subId) }, { intent: "close" }), 404);
    expect(dump(db)).toEqual(before);
  });
});
