import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { turfAssignments, turfUnits } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { listPledges, setPledge } from "~/models/pledges.server";
import { getSplitView, listUnits, runSplit } from "~/models/split.server";
import { addUnit, deleteUnit, importUnits, moveUnit, previewImport, setUnitLock, updateUnit } from "~/models/turf.server";
import { testActor, testDb } from "../db";
import { buildProgramWorld } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildProgramWorld>;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildProgramWorld(db, actor);
});

const HEADER = "unit_id,kind,name,size,state,district,county";
const csv = (rows: string[]) => [HEADER, ...rows].join("\n");
const unitInput = (code: string, over: Partial<{ county: string; district: string; kind: "walk_packet" | "call_list" | "text_list" }> = {}) => ({
  code,
  kind: over.kind ?? ("walk_packet" as const),
  name: `Packet ${code}`,
  size: 100,
  state: "PA",
  district: over.district ?? "07",
  county: over.county ?? "Lehigh",
  precinct: null,
});
const pledge = (affiliateId: number, hours: number, workType: "doorknock" | "phonebank" = "doorknock") =>
  setPledge(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, affiliateId, workType, weekStart: "2027-03-01", hours });
const holders = () => Object.fromEntries(listUnits(db, "system", { programId: w.program.id }).map((u) => [u.code, u.holderId]));

describe("turf import", () => {
  it("previews without saving, then saves all units and splits them in one go", () => {
    const content = csv(["A1,walk_packet,Ward 1,120,PA,07,Lehigh", "A2,walk_packet,Ward 2,80,PA,7,Northampton"]);
    const p = previewImport(db, "system", { coalitionId: w.coalition.id, programId: w.program.id, content });
    expect(p).toMatchObject({ ok: true, total: 2, valid: 2 });
    expect(db.select({ n: count() }).from(turfUnits).get()!.n).toBe(0);
    const r = importUnits(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, content });
    expect(r).toEqual({ ok: true, count: 2 });
    const units = listUnits(db, "system", { programId: w.program.id });
    expect(units.map((u) => [u.code, u.district])).toEqual([["A1", "07"], ["A2", "07"]]);
    // nobody pledged yet: covered units still go to covering affiliates
    expect(units.every((u) => u.holderId !== null)).toBe(true);
  });

  it("saves nothing when one row is bad, or when the file is refused", () => {
    const r = importUnits(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, content: csv(["A1,walk_packet,Ward 1,120,PA,07,Lehigh", "A2,walk_packet,Ward 2,x,PA,07,Lehigh"]) });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("Nothing was saved") });
    expect(importUnits(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, content: "unit_id,kind\nA,walk_packet" })).toMatchObject({ ok: false, field: "csv" });
    expect(db.select({ n: count() }).from(turfUnits).get()!.n).toBe(0);
  });

  it("refuses a unit id already in the program on a second import", () => {
    importUnits(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, content: csv(["A1,walk_packet,Ward 1,120,PA,07,Lehigh"]) });
    const p = previewImport(db, "system", { coalitionId: w.coalition.id, programId: w.program.id, content: csv(["A1,walk_packet,Again,1,PA,07,Lehigh"]) });
    expect(p.ok && p.errorRows[0].errors.code).toMatch(/already in this program/);
  });

  it("404s another table's program", () => {
    const other = buildProgramWorld(db, actor);
    expect(() => previewImport(db, "system", { coalitionId: w.coalition.id, programId: other.program.id, content: csv([]) })).toThrow(NotFoundError);
  });
});

describe("units by hand", () => {
  it("adds, edits and deletes a unit; refuses a duplicate id and a place outside the race", () => {
    const r = addUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...unitInput("H1") });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(addUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...unitInput("H1") })).toMatchObject({ ok: false, field: "code" });
    expect(addUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...unitInput("H2", { district: "30" }) })).toMatchObject({ ok: false, field: "district" });
    expect(updateUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, unitId: r.unit.id, ...unitInput("H1b"), size: 7 })).toMatchObject({ ok: true, unit: { code: "H1b", size: 7 } });
    expect(deleteUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, unitId: r.unit.id })).toEqual({ ok: true });
    expect(listUnits(db, "system", { programId: w.program.id })).toEqual([]);
    expect(() => updateUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, unitId: 99999, ...unitInput("Z") })).toThrow(NotFoundError);
  });
});

describe("pledges and the split", () => {
  it("splits in proportion to pledges, and re-splits when a pledge changes, keeping locks", () => {
    const [a1, a2] = w.affiliates; // both cover the whole district
    for (let i = 1; i <= 12; i++) addUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...unitInput(`U${String(i).padStart(2, "0")}`, { county: "Berks" }) });
    expect(pledge(a1.id, 10)).toMatchObject({ ok: true });
    expect(pledge(a2.id, 20)).toMatchObject({ ok: true });
    let view = getSplitView(db, "system", { coalitionId: w.coalition.id, programId: w.program.id });
    expect(view.shares.map((s) => [s.affiliateId, s.units, Math.round(s.pledgePercent)])).toEqual([
      [a1.id, 4, 33],
      [a2.id, 8, 67],
    ]);
    expect(view.stale).toBe(false);
    // a1 locks one of a2's units by moving it; then pledges change
    const moved = listUnits(db, "system", { programId: w.program.id }).find((u) => u.holderId === a2.id)!;
    expect(moveUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, unitId: moved.id, affiliateId: a1.id })).toEqual({ ok: true });
    pledge(a1.id, 0);
    view = getSplitView(db, "system", { coalitionId: w.coalition.id, programId: w.program.id });
    expect(holders()[moved.code]).toBe(a1.id);
    expect(view.shares.find((s) => s.affiliateId === a1.id)).toMatchObject({ units: 1, locked: 1 });
    expect(view.shares.find((s) => s.affiliateId === a2.id)).toMatchObject({ units: 11 });
    // the database holds one row per unit
    expect(db.select({ n: count() }).from(turfAssignments).get()!.n).toBe(12);
  });

  it("reports units nobody covers, and the unique index refuses a second holder", () => {
    addUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...unitInput("OUT", { county: "Berks", district: "07" }) });
    const nobody = buildProgramWorld(db, actor, { affiliates: [{ partner: 0, districts: [], counties: ["Lehigh"] }] });
    addUnit(db, actor, { coalitionId: nobody.coalition.id, programId: nobody.program.id, ...unitInput("X1", { county: "Berks" }) });
    const view = getSplitView(db, "system", { coalitionId: nobody.coalition.id, programId: nobody.program.id });
    expect(view.uncovered.map((u) => u.code)).toEqual(["X1"]);
    const unit = listUnits(db, "system", { programId: w.program.id })[0];
    expect(() => db.insert(turfAssignments).values({ turfUnitId: unit.id, affiliateId: w.affiliates[2].id, assignedAt: "2027-01-01" }).run()).toThrow(/UNIQUE/);
  });

  it("refuses a move to an affiliate that does not cover the unit, and a lock on an unheld unit", () => {
    const nobody = buildProgramWorld(db, actor, { affiliates: [{ partner: 0, districts: [], counties: ["Lehigh"] }] });
    const r = addUnit(db, actor, { coalitionId: nobody.coalition.id, programId: nobody.program.id, ...unitInput("X1", { county: "Berks" }) });
    if (!r.ok) throw new Error("add");
    expect(moveUnit(db, actor, { coalitionId: nobody.coalition.id, programId: nobody.program.id, unitId: r.unit.id, affiliateId: nobody.affiliates[0].id })).toMatchObject({ ok: false, field: "affiliateId" });
    expect(moveUnit(db, actor, { coalitionId: nobody.coalition.id, programId: nobody.program.id, unitId: r.unit.id, affiliateId: w.affiliates[0].id })).toMatchObject({ ok: false, field: "affiliateId" });
    expect(setUnitLock(db, actor, { coalitionId: nobody.coalition.id, programId: nobody.program.id, unitId: r.unit.id, locked: true })).toMatchObject({ ok: false });
  });

  it("locks and unlocks a held unit; runSplit keeps the lock", () => {
    const r = addUnit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...unitInput("L1") });
    if (!r.ok) throw new Error("add");
    expect(setUnitLock(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, unitId: r.unit.id, locked: true })).toEqual({ ok: true });
    const holder = holders().L1;
    pledge(w.affiliates.find((a) => a.id !== holder)!.id, 50);
    expect(runSplit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id })).toMatchObject({ ok: true, assigned: 1 });
    expect(holders().L1).toBe(holder);
    expect(listUnits(db, "system", { programId: w.program.id })[0].locked).toBe(true);
    setUnitLock(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, unitId: r.unit.id, locked: false });
    runSplit(db, actor, { coalitionId: w.coalition.id, programId: w.program.id });
    expect(holders().L1).not.toBe(holder);
  });

  it("refuses a pledge for an affiliate outside the sub-table or a week outside the program", () => {
    const outsider = buildProgramWorld(db, actor).affiliates[0];
    expect(pledge(outsider.id, 5)).toMatchObject({ ok: false, field: "affiliateId" });
    expect(setPledge(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, affiliateId: w.affiliates[0].id, workType: "doorknock", weekStart: "2030-01-07", hours: 5 })).toMatchObject({
      ok: false,
      field: "weekStart",
    });
    expect(pledge(w.affiliates[0].id, 5)).toMatchObject({ ok: true });
    expect(pledge(w.affiliates[0].id, 7)).toMatchObject({ ok: true });
    expect(listPledges(db, "system", { programId: w.program.id }).map((p) => p.hours)).toEqual([7]);
  });
});
