import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as tablesIndex from "~/routes/_index";
import * as layout from "~/routes/tables.$coalitionId";
import * as home from "~/routes/tables.$coalitionId._index";
import * as settings from "~/routes/tables.$coalitionId.settings";
import { buildCoalition, buildPartner, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle, signInAs } from "./helpers";
import { grantRole } from "~/models/accounts.server";
import { coalitionPartners } from "../../db/schema";
import { testActor } from "../db";
import { actWith, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const table = (over: Record<string, string> = {}) => ({ intent: "create", name: "Keystone Table", level: "federal", cycle: "2026", threshold: "4", ...over });

function coalitionRow(id: number) {
  return db.query.coalitions.findFirst({ where: (c, { eq }) => eq(c.id, id) }).sync();
}

describe("/ loader", () => {
  it("lists no tables on a fresh database", async () => {
    expect((await load(tablesIndex.loader, "/")).coalitions).toEqual([]);
  });

  it("lists every table with its partner, race and candidate counts", async () => {
    const t = buildTableWithRace(db, actor, { partners: 3, candidates: 2 });
    buildCoalition(db, actor, { name: "Another Table" });
    const { coalitions } = await load(tablesIndex.loader, "/");
    expect(coalitions).toHaveLength(2);
    expect(coalitions.find((c) => c.id === t.coalition.id)).toMatchObject({ name: t.coalition.name, partnerCount: 3, raceCount: 1, candidateCount: 2 });
    expect(coalitions.find((c) => c.name === "Another Table")).toMatchObject({ partnerCount: 0, raceCount: 0, candidateCount: 0 });
  });
});

describe("/ for a person with one table (issue 15)", () => {
  it("goes straight to it; with two tables, or as the admin who creates tables, the list stays", async () => {
    const t = buildTableWithRace(db, actor, { partners: 2 });
    const rep = testActor(db, "Rita Rep");
    grantRole(db, actor, rep.id, { role: "partner_rep", coalitionId: t.coalition.id, partnerId: t.partners[0].id });
    signInAs(db, rep.id);
    await expectRedirect(load(tablesIndex.loader, "/"), new RegExp(`^/tables/${t.coalition.id}$`));
    const other = buildCoalition(db, actor, { name: "Second Table" });
    db.insert(coalitionPartners).values({ coalitionId: other.id, partnerId: t.partners[0].id }).run();
    signInAs(db, rep.id);
    expect((await load(tablesIndex.loader, "/")).coalitions).toHaveLength(2);
  });
});

describe("/ action (create a table)", () => {
  it("creates the table and redirects to it", async () => {
    const location = await expectRedirect(act(tablesIndex.action, "/", {}, table()), /^\/tables\/\d+$/);
    const id = Number(location.split("/").pop());
    expect(coalitionRow(id)).toMatchObject({ name: "Keystone Table", level: "federal", cycle: 2026, threshold: 4 });
    expect(rows(db, "coalitions")).toBe(1);
  });

  it("trims what was typed", async () => {
    const location = await expectRedirect(act(tablesIndex.action, "/", {}, table({ name: "  Spaced Table  ", cycle: " 2028 " })), /^\/tables\/\d+$/);
    expect(coalitionRow(Number(location.split("/").pop()))).toMatchObject({ name: "Spaced Table", cycle: 2028 });
  });

  it("refuses bad input field by field, keeps what was typed, and writes nothing", async () => {
    const before = dump(db);
    const typed = table({ name: "   ", level: "galactic", cycle: "20x6", threshold: "11" });
    const data = await expectInvalid(act(tablesIndex.action, "/", {}, typed), ["name", "level", "cycle", "threshold"]);
    expect(data.errors.name).toBe("Name is required.");
    expect(data.errors.cycle).toBe("Cycle year must be a whole number.");
    expect(data.errors.threshold).toBe("Critical-mass threshold must be from 2 to 10.");
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses a form with every field missing", async () => {
    const before = dump(db);
    await expectInvalid(act(tablesIndex.action, "/", {}, { intent: "create" }), ["name", "level", "cycle", "threshold"]);
    expect(dump(db)).toEqual(before);
  });

  it.each([
    ["threshold below 2", { threshold: "1" }, "threshold"],
    ["threshold a fraction", { threshold: "3.5" }, "threshold"],
    ["cycle out of range", { cycle: "1999" }, "cycle"],
    ["cycle absurdly large", { cycle: "99999999999999999999999" }, "cycle"],
    ["name too long", { name: "x".repeat(121) }, "name"],
  ])("refuses %s", async (_what, over, field) => {
    const before = dump(db);
    await expectInvalid(act(tablesIndex.action, "/", {}, table(over)), [field]);
    expect(dump(db)).toEqual(before);
  });

  it("answers a duplicate name with a field error, not a 500, and writes nothing", async () => {
    buildCoalition(db, actor, { name: "Keystone Table" });
    const before = dump(db);
    const data = await expectInvalid(act(tablesIndex.action, "/", {}, table({ name: " Keystone Table " })), ["name"]);
    expect(data.errors.name).toMatch(/already exists/);
    expect(data.values.name).toBe(" Keystone Table ");
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400, not 500", async (_what, body, type) => {
    const before = dump(db);
    await expectStatus(actWith(tablesIndex.action, rawPost("/", body, type), {}), 400);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:coalitionId layout loader", () => {
  it("gives the table's id, name and threshold", async () => {
    const c = buildCoalition(db, actor, { threshold: 5 });
    const data = await load(layout.loader, `/tables/${c.id}`, { coalitionId: String(c.id) });
    expect(data.coalition).toEqual({ id: c.id, name: c.name, threshold: 5 });
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    buildCoalition(db, actor);
    await expectStatus(load(layout.loader, `/tables/${id}`, { coalitionId: id }), 404);
  });
});

describe("/tables/:coalitionId (home) loader", () => {
  it("counts the table and lists the newest stances", async () => {
    const t = buildTableWithRace(db, actor, { partners: 3 });
    stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[0].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[1].id, "endorsed");
    const data = await load(home.loader, `/tables/${t.coalition.id}`, { coalitionId: String(t.coalition.id) });
    expect(data.role).toBe("facilitator");
    const table = data.table!;
    expect(table.counts).toMatchObject({ partners: 3, races: 1, candidates: 2, endorsements: 2, subTables: 0 });
    expect(table.newest).toHaveLength(2);
    // 2 of 4 is "nearing": threshold − 2 or more, below the threshold
    expect(table.nearing.map((c) => c.id)).toEqual([t.candidates[0].id]);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    await expectStatus(load(home.loader, `/tables/${id}`, { coalitionId: id }), 404);
  });
});

describe("/tables/:coalitionId/settings", () => {
  it("loads the table, and says when it was just saved", async () => {
    const c = buildCoalition(db, actor);
    const p = { coalitionId: String(c.id) };
    expect(await load(settings.loader, `/tables/${c.id}/settings`, p)).toMatchObject({ coalition: { id: c.id }, saved: false });
    expect(await load(settings.loader, `/tables/${c.id}/settings?saved`, p)).toMatchObject({ saved: true });
  });

  it("saves valid settings and redirects back with ?saved", async () => {
    const c = buildCoalition(db, actor);
    const fields = { intent: "update", name: "Renamed Table", level: "state_legislative", cycle: "2028", threshold: "6" };
    await expectRedirect(act(settings.action, `/tables/${c.id}/settings`, { coalitionId: String(c.id) }, fields), new RegExp(`^/tables/${c.id}/settings\\?saved$`));
    expect(coalitionRow(c.id)).toMatchObject({ name: "Renamed Table", level: "state_legislative", cycle: 2028, threshold: 6 });
  });

  it("keeps its own name without calling it a duplicate", async () => {
    const c = buildCoalition(db, actor, { name: "Same Name" });
    const fields = { intent: "update", name: "Same Name", level: "federal", cycle: "2026", threshold: "3" };
    await expectRedirect(act(settings.action, `/tables/${c.id}/settings`, { coalitionId: String(c.id) }, fields), /settings\?saved$/);
    expect(coalitionRow(c.id)!.threshold).toBe(3);
  });

  it("refuses bad settings and changes nothing", async () => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    const typed = { intent: "update", name: "", level: "federal", cycle: "soon", threshold: "0" };
    const data = await expectInvalid(act(settings.action, `/tables/${c.id}/settings`, { coalitionId: String(c.id) }, typed), ["name", "cycle", "threshold"]);
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses another table's name with a field error, not a 500", async () => {
    buildCoalition(db, actor, { name: "Taken" });
    const c = buildCoalition(db, actor);
    const before = dump(db);
    const fields = { intent: "update", name: "Taken", level: "federal", cycle: "2026", threshold: "4" };
    const data = await expectInvalid(act(settings.action, `/tables/${c.id}/settings`, { coalitionId: String(c.id) }, fields), ["name"]);
    expect(data.errors.name).toMatch(/already exists/);
    expect(dump(db)).toEqual(before);
  });

  it("lowering the threshold forms the sub-tables it now calls for", async () => {
    const t = buildTableWithRace(db, actor, { partners: 3, threshold: 4 });
    const [k] = t.candidates;
    stance(db, actor, t.coalition.id, k.id, t.partners[0].id, "endorsed");
    stance(db, actor, t.coalition.id, k.id, t.partners[1].id, "endorsed");
    expect(rows(db, "sub_coalitions")).toBe(0);
    const fields = { intent: "update", name: t.coalition.name, level: "federal", cycle: "2026", threshold: "2" };
    await expectRedirect(act(settings.action, `/tables/${t.coalition.id}/settings`, { coalitionId: String(t.coalition.id) }, fields), /settings\?saved$/);
    expect(db.$client.prepare("select candidate_id as k from sub_coalitions").all()).toEqual([{ k: k.id }]);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(actWith(settings.action, rawPost(`/tables/${c.id}/settings`, body, type), { coalitionId: String(c.id) }), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from the loader and the action for table id %j", async (id) => {
    buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(load(settings.loader, `/tables/${id}/settings`, { coalitionId: id }), 404);
    const fields = { intent: "update", name: "Valid Name", level: "federal", cycle: "2026", threshold: "4" };
    const r = await settle(act(settings.action, `/tables/${id}/settings`, { coalitionId: id }, fields));
    expect(r.status).toBe(404);
    expect(dump(db)).toEqual(before);
  });
});

describe("a partner is seated at one table, listed at others as unseated", () => {
  it("shows up in the table counts only where seated", async () => {
    const a = buildCoalition(db, actor);
    const b = buildCoalition(db, actor);
    buildPartner(db, actor, a.id);
    const { coalitions } = await load(tablesIndex.loader, "/");
    expect(coalitions.find((c) => c.id === a.id)!.partnerCount).toBe(1);
    expect(coalitions.find((c) => c.id === b.id)!.partnerCount).toBe(0);
  });
});
