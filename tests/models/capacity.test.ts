import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, capacityItems } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { CapacityItemInput } from "~/domain/capacity";
import { NotFoundError } from "~/domain/errors";
import { readCursor } from "~/domain/keyset";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { addCapacityItem, combinedCapacity, listCapacity, removeCapacityItem, updateCapacityItem } from "~/models/capacity.server";
import { testActor, testDb } from "../db";
import { buildPartner, buildTableWithRace } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;

const item = (over: Partial<CapacityItemInput>): CapacityItemInput => ({ kind: "members", readers: "table", state: null, amount: null, capability: null, detail: null, ...over });
function add(partnerId: number, over: Partial<CapacityItemInput>) {
  const r = addCapacityItem(db, actor, { ...item(over), partnerId });
  if (!r.ok) throw new Error(r.message);
  return r.item;
}
function person(name: string, g: Parameters<typeof grantRole>[3]) {
  const a = testActor(db, name);
  grantRole(db, actor, a.id, g);
  return loadPrincipal(db, a.id)!;
}

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 3, candidates: 1 });
});

describe("a partner's profile", () => {
  it("each reader gets the items it may: its own people all, another member the table's, the facilitator the table's and its own", () => {
    const [p1, p2] = w.partners;
    add(p1.id, { kind: "members", amount: 12000, state: "PA", readers: "table" });
    add(p1.id, { kind: "organizers", amount: 4, state: "PA", readers: "facilitator" });
    add(p1.id, { kind: "red_line", detail: "No joint work with police unions", readers: "own" });
    const rep = person("Rita", { role: "partner_rep", coalitionId: w.coalition.id, partnerId: p1.id });
    const other = person("Quinn", { role: "partner_rep", coalitionId: w.coalition.id, partnerId: p2.id });
    const facilitator = person("Fay", { role: "facilitator", coalitionId: w.coalition.id });
    const kinds = (viewer: Parameters<typeof listCapacity>[1]) => listCapacity(db, viewer, { coalitionId: w.coalition.id, partnerId: p1.id }).map((i) => i.kind);
    expect(kinds(rep)).toEqual(["members", "organizers", "red_line"]);
    expect(kinds(other)).toEqual(["members"]);
    expect(kinds(facilitator)).toEqual(["members", "organizers"]);
  });

  it("changes and removals stay within the partner's own items, each on the audit log without the item's words", () => {
    const [p1, p2] = w.partners;
    const line = add(p1.id, { kind: "red_line", detail: "No money from developers", readers: "own" });
    expect(updateCapacityItem(db, actor, { ...item({ kind: "red_line", detail: "No money from developers or landlords", readers: "facilitator" }), partnerId: p1.id, itemId: line.id })).toMatchObject({ ok: true, item: { readers: "facilitator" } });
    expect(() => removeCapacityItem(db, actor, { partnerId: p2.id, itemId: line.id })).toThrow(NotFoundError);
    expect(removeCapacityItem(db, actor, { partnerId: p1.id, itemId: line.id })).toEqual({ ok: true });
    expect(db.select().from(capacityItems).all()).toEqual([]);
    const audit = db.select().from(auditLog).all().filter((a) => a.action.startsWith("capacity."));
    expect(audit.map((a) => a.action)).toEqual(["capacity.add", "capacity.edit", "capacity.remove"]);
    for (const a of audit) expect(a.detail).not.toMatch(/developers/);
  });
});

describe("the table's combined capacity per state", () => {
  it("sums what the facilitator may read of the seated partners, one row per state; own-people items and unseated partners never count", () => {
    const [p1, p2, p3] = w.partners;
    add(p1.id, { kind: "members", amount: 12000, state: "PA", readers: "table" });
    add(p2.id, { kind: "members", amount: 3000, state: "PA", readers: "facilitator" });
    add(p3.id, { kind: "members", amount: 999999, state: "PA", readers: "own" });
    add(p1.id, { kind: "volunteers", amount: 250, state: "PA" });
    add(p2.id, { kind: "strong_state", state: "PA" });
    add(p1.id, { kind: "can_do", capability: "doors", state: "PA" });
    add(p2.id, { kind: "can_do", capability: "money", amount: 50000, state: "OH" });
    add(p1.id, { kind: "organizers", amount: 6, readers: "facilitator" });
    const elsewhere = buildTableWithRace(db, actor, { partners: 1, candidates: 1 });
    add(elsewhere.partners[0].id, { kind: "members", amount: 777, state: "PA" });
    const facilitator = person("Fay", { role: "facilitator", coalitionId: w.coalition.id });
    const page = combinedCapacity(db, facilitator, { coalitionId: w.coalition.id });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.state)).toEqual(["OH", "PA"]);
    expect(page.rows[1]).toMatchObject({ state: "PA", members: 15000, volunteers: 250, organizers: 0, strong: [p2.shortName], capabilities: ["doors"] });
    expect(page.rows[0]).toMatchObject({ money: 50000, capabilities: ["money"] });
    expect(page.national).toMatchObject({ organizers: 6, partners: [p1.shortName] });
    // a member's representative counts only what the table may read (the page itself is the facilitator's)
    const rep = person("Rita", { role: "partner_rep", coalitionId: w.coalition.id, partnerId: p3.id });
    expect(combinedCapacity(db, rep, { coalitionId: w.coalition.id }).rows.find((r) => r.state === "PA")).toMatchObject({ members: 12000 });
  });

  it("pages by state", () => {
    const [p1] = w.partners;
    for (const s of ["PA", "OH", "MI", "WI", "GA"]) add(p1.id, { kind: "strong_state", state: s });
    buildPartner(db, actor, w.coalition.id);
    const facilitator = person("Fay", { role: "facilitator", coalitionId: w.coalition.id });
    const first = combinedCapacity(db, facilitator, { coalitionId: w.coalition.id, limit: 2 });
    expect(first.rows.map((r) => r.state)).toEqual(["GA", "MI"]);
    const second = combinedCapacity(db, facilitator, { coalitionId: w.coalition.id, limit: 2, cursor: readCursor(first.next) });
    expect(second.rows.map((r) => r.state)).toEqual(["OH", "PA"]);
    const back = combinedCapacity(db, facilitator, { coalitionId: w.coalition.id, limit: 2, cursor: readCursor(second.prev) });
    expect(back.rows.map((r) => r.state)).toEqual(["GA", "MI"]);
    expect(first.total).toBe(5);
  });
});
