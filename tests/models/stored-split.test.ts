/**
 * Issue 11: the split is computed when its inputs change, stored, and only read on GET. After
 * each kind of change made in a program (a pledge, an import, a unit added, edited or removed, a
 * move, a lock, a re-split) the stored split equals `splitTurf` of the inputs; a change that
 * fails part-way leaves the old stored split; changes made outside the program mark it stale.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { setPledge } from "~/models/pledges.server";
import { getSplitView, listUnits, runSplit } from "~/models/split.server";
import { addUnit, deleteUnit, importUnits, moveUnit, setUnitLock, updateUnit } from "~/models/turf.server";
import { updateAffiliateCoverage, seatPartner } from "~/models/partners.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildPartner, buildProgramWorld, stance } from "../factories";
import { expected, stored } from "./support/stored-split";
import { countStatements } from "../support/statements";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildProgramWorld>;
let ref: { coalitionId: number; programId: number };
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  // county coverage only, so the Erie units are covered by nobody
  w = buildProgramWorld(db, actor, {
    affiliates: [
      { partner: 0, districts: [], counties: ["Lehigh"] },
      { partner: 1, districts: [], counties: ["Northampton", "Lehigh"] },
      { partner: 2, districts: [], counties: ["Berks"] },
      { partner: 3, districts: [], counties: ["Lehigh", "Berks"] },
    ],
  });
  ref = { coalitionId: w.coalition.id, programId: w.program.id };
});

const HEADER = "unit_id,kind,name,size,state,district,county";
const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const kind = k % 3 === 0 ? "call_list" : "walk_packet";
    const county = ["Lehigh", "Northampton", "Berks", "Erie"][k % 4];
    return `U${String(k).padStart(3, "0")},${kind},Unit ${k},${50 + k},PA,07,${county}`;
  });
const unit = (code: string, county = "Lehigh") => ({ code, kind: "walk_packet" as const, name: `Packet ${code}`, size: 100, state: "PA", district: "07", county, precinct: null });
const pledge = (affiliateId: number, hours: number, workType: "doorknock" | "phonebank" = "doorknock") => setPledge(db, actor, { ...ref, affiliateId, workType, weekStart: "2027-03-01", hours });
const fresh = () => expect(stored(db, ref.programId)).toEqual(expected(db, ref));

describe("the stored split equals splitTurf of its inputs after each kind of change", () => {
  it("import, pledges, units by hand, a move, a lock and an unlock, a removal, a re-split", () => {
    expect(importUnits(db, actor, { ...ref, content: [HEADER, ...rows(40)].join("\n") })).toMatchObject({ ok: true });
    fresh();
    const [a1, a2, a3, a4] = w.affiliates;
    pledge(a1.id, 10);
    fresh();
    pledge(a2.id, 30);
    pledge(a3.id, 5, "phonebank");
    fresh();
    const added = addUnit(db, actor, { ...ref, ...unit("H1", "Northampton") });
    if (!added.ok) throw new Error("add");
    fresh();
    expect(updateUnit(db, actor, { ...ref, unitId: added.unit.id, ...unit("H1", "Lehigh") })).toMatchObject({ ok: true });
    fresh();
    const held = listUnits(db, "system", { programId: ref.programId }).find((u) => u.county === "Lehigh" && u.holderId !== a4.id && u.kind === "walk_packet")!;
    expect(moveUnit(db, actor, { ...ref, unitId: held.id, affiliateId: a4.id })).toEqual({ ok: true });
    fresh();
    expect(stored(db, ref.programId).assignment).toContainEqual([held.id, a4.id]);
    const other = listUnits(db, "system", { programId: ref.programId }).find((u) => u.holderId === a1.id && !u.locked)!;
    expect(setUnitLock(db, actor, { ...ref, unitId: other.id, locked: true })).toEqual({ ok: true });
    fresh();
    expect(setUnitLock(db, actor, { ...ref, unitId: held.id, locked: false })).toEqual({ ok: true });
    fresh();
    expect(deleteUnit(db, actor, { ...ref, unitId: added.unit.id })).toEqual({ ok: true });
    fresh();
    runSplit(db, actor, ref);
    fresh();
    const s = stored(db, ref.programId);
    expect(s.summary).toMatchObject({ totalUnits: 40, stale: false });
    // Erie walk packets: nobody covers them (Erie call lists are remote work since issue 13: any caller takes them)
    expect(s.uncovered.length).toBe(6);
    expect(s.summary!.locked).toBe(1);
  });

  it("reads the stored split on GET without computing it: a fixed number of statements, whatever the turf", async () => {
    importUnits(db, actor, { ...ref, content: [HEADER, ...rows(10)].join("\n") });
    const small = await countStatements(db, () => getSplitView(db, "system", { ...ref, cursor: null }));
    importUnits(db, actor, { ...ref, content: [HEADER, ...rows(300, 11)].join("\n") });
    const large = await countStatements(db, () => getSplitView(db, "system", { ...ref, cursor: null }));
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.join("\n")).not.toMatch(/pledges|affiliate_coverage/); // the split's inputs are not read
    expect(large.rowsReturned).toBeLessThan(70);
    expect(large.result.uncovered.length).toBe(10); // the first ten by code
    expect(large.result.summary.uncovered).toBe(51); // the Erie walk packets (Erie call lists are remote work, issue 13)
  });
});

describe("a change that fails part-way leaves the old stored split", () => {
  it("a pledge whose re-split fails while storing: nothing of it is saved", () => {
    importUnits(db, actor, { ...ref, content: [HEADER, ...rows(20)].join("\n") });
    pledge(w.affiliates[0].id, 10);
    const before = stored(db, ref.programId);
    db.$client.exec("create trigger fail_split before insert on split_shares begin select raise(abort, 'disk full'); end");
    expect(() => pledge(w.affiliates[1].id, 50)).toThrow(/disk full/);
    db.$client.exec("drop trigger fail_split");
    expect(stored(db, ref.programId)).toEqual(before);
    expect(db.$client.prepare("select count(*) as n from pledges").get()).toEqual({ n: 1 });
    fresh();
  });
});

describe("changes outside the program mark the stored split stale", () => {
  const isStale = () => getSplitView(db, "system", { ...ref, cursor: null }).stale;
  beforeEach(() => {
    importUnits(db, actor, { ...ref, content: [HEADER, ...rows(12)].join("\n") });
    expect(isStale()).toBe(false);
  });

  it("an affiliate's coverage edited; a re-split clears it", () => {
    updateAffiliateCoverage(db, actor, w.coalition.id, w.affiliates[2].id, { districts: [], counties: ["Berks"] });
    expect(isStale()).toBe(true);
    expect(getSplitView(db, "system", { ...ref, cursor: null }).summary.staleReason).toMatch(/coverage changed/);
    runSplit(db, actor, ref);
    expect(isStale()).toBe(false);
    fresh();
  });

  it("an affiliate added to a member partner in the race's state (not one elsewhere)", () => {
    buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { state: "OH", districts: ["03"] });
    expect(isStale()).toBe(false);
    buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { districts: ["07"] });
    expect(isStale()).toBe(true);
  });

  it("a partner joining the sub-table, and one leaving it", () => {
    const joiner = w.partners[4];
    expect(stance(db, actor, w.coalition.id, w.candidate.id, joiner.id, "endorsed").ok).toBe(true);
    expect(isStale()).toBe(true);
    runSplit(db, actor, ref);
    expect(isStale()).toBe(false);
    expect(stance(db, actor, w.coalition.id, w.candidate.id, joiner.id, "withdrawn").ok).toBe(true);
    expect(isStale()).toBe(true);
  });

  it("a partner seated at the table that is in the sub-table already counts; an unrelated one does not", () => {
    const elsewhere = buildPartner(db, actor, buildProgramWorld(db, actor).coalition.id);
    expect(seatPartner(db, actor, w.coalition.id, elsewhere.id)).toMatchObject({ ok: true });
    expect(isStale()).toBe(false);
  });
});
