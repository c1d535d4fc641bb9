import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, outsideEndorsements } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { readCursor } from "~/domain/keyset";
import type { OutsideSupporterKind } from "~/domain/vocabulary";
import { addOutsideSupport, listOutsideSupport, outsideCountsOfRace, outsideSupportByRace, removeOutsideSupport, updateOutsideSupport } from "~/models/outside-support.server";
import { testActor, testDb } from "../db";
import { buildCandidate, buildRace, buildTableWithRace } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;
const TODAY = "2026-12-01";

function add(candidateId: number, kind: OutsideSupporterKind, name: string, endorsedOn = "2026-11-01", coalitionId = w.coalition.id) {
  const r = addOutsideSupport(db, actor, { coalitionId, candidateId, kind, name, sourceUrl: `https://example.org/${encodeURIComponent(name)}`, endorsedOn, note: null, partnerId: null, today: TODAY });
  if (!r.ok) throw new Error(r.message);
  return r.support;
}

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 2, candidates: 2 });
});

describe("adding, changing and removing outside support", () => {
  it("keeps the kind, name, source and date with the race and its state; each write is on the audit log", () => {
    const s = add(w.candidates[0].id, "union", "SEIU Local 668");
    expect(s).toMatchObject({ raceId: w.race.id, state: w.race.state, kind: "union", addedBy: actor.id, partnerId: null });
    const changed = updateOutsideSupport(db, actor, { coalitionId: w.coalition.id, candidateId: w.candidates[0].id, outsideId: s.id, kind: "union", name: "SEIU Local 668 (statewide)", sourceUrl: s.sourceUrl, endorsedOn: "2026-11-02", note: "Announced at a rally", today: TODAY });
    expect(changed).toMatchObject({ ok: true, support: { name: "SEIU Local 668 (statewide)", endorsedOn: "2026-11-02", note: "Announced at a rally" } });
    expect(removeOutsideSupport(db, actor, { coalitionId: w.coalition.id, candidateId: w.candidates[0].id, outsideId: s.id })).toEqual({ ok: true });
    expect(db.select().from(outsideEndorsements).all()).toEqual([]);
    expect(db.select().from(auditLog).all().filter((a) => a.action.startsWith("outside.")).map((a) => a.action)).toEqual(["outside.add", "outside.edit", "outside.remove"]);
  });

  it("refuses a date after today, and a candidate of another table is not found (nothing written)", () => {
    const r = addOutsideSupport(db, actor, { coalitionId: w.coalition.id, candidateId: w.candidates[0].id, kind: "organization", name: "Future Group", sourceUrl: "https://example.org/f", endorsedOn: "2026-12-02", note: null, partnerId: null, today: TODAY });
    expect(r).toMatchObject({ ok: false, field: "endorsedOn" });
    const other = buildTableWithRace(db, actor, { partners: 1, candidates: 1 });
    expect(() => add(other.candidates[0].id, "union", "Wrong table")).toThrow(NotFoundError);
    expect(() => removeOutsideSupport(db, actor, { coalitionId: w.coalition.id, candidateId: w.candidates[0].id, outsideId: 999 })).toThrow(NotFoundError);
    expect(db.select().from(outsideEndorsements).all()).toEqual([]);
  });

  it("refuses a partner not seated at the table", () => {
    const other = buildTableWithRace(db, actor, { partners: 1, candidates: 1 });
    const r = addOutsideSupport(db, actor, { coalitionId: w.coalition.id, candidateId: w.candidates[0].id, kind: "union", name: "X", sourceUrl: "https://example.org/x", endorsedOn: "2026-11-01", note: null, partnerId: other.partners[0].id, today: TODAY });
    expect(r).toMatchObject({ ok: false, field: "partnerId" });
  });
});

describe("reading it", () => {
  it("a candidate's list: most recent endorsement first, keyset-paged with the total", () => {
    const c = w.candidates[0].id;
    ["2026-10-01", "2026-11-05", "2026-09-12", "2026-11-05"].forEach((d, i) => add(c, "organization", `Group ${i}`, d));
    add(w.candidates[1].id, "union", "Elsewhere");
    const first = listOutsideSupport(db, "system", { coalitionId: w.coalition.id, candidateId: c, limit: 3 });
    expect(first.total).toBe(4);
    expect(first.rows.map((r) => r.name)).toEqual(["Group 3", "Group 1", "Group 0"]);
    const second = listOutsideSupport(db, "system", { coalitionId: w.coalition.id, candidateId: c, limit: 3, cursor: readCursor(first.next) });
    expect(second.rows.map((r) => r.name)).toEqual(["Group 2"]);
    expect(second.next).toBeNull();
    const back = listOutsideSupport(db, "system", { coalitionId: w.coalition.id, candidateId: c, limit: 3, cursor: readCursor(second.prev) });
    expect(back.rows.map((r) => r.name)).toEqual(["Group 3", "Group 1", "Group 0"]);
  });

  it("counts per candidate of a race", () => {
    add(w.candidates[0].id, "union", "A");
    add(w.candidates[0].id, "local_group", "B");
    add(w.candidates[1].id, "union", "C");
    expect(outsideCountsOfRace(db, "system", { raceId: w.race.id })).toEqual({ [w.candidates[0].id]: 2, [w.candidates[1].id]: 1 });
  });

  it("the table-wide view: per race by state, each candidate's count by kind, filtered by kind and state, paged", () => {
    const ohio = buildRace(db, actor, w.coalition.id, { state: "OH" });
    const ohioCandidate = buildCandidate(db, actor, w.coalition.id, ohio.id, { name: "Olive Ohio" });
    const texas = buildRace(db, actor, w.coalition.id, { state: "TX" });
    const texasCandidate = buildCandidate(db, actor, w.coalition.id, texas.id, { name: "Tex Texan" });
    add(w.candidates[0].id, "union", "A");
    add(w.candidates[0].id, "union", "B");
    add(w.candidates[1].id, "elected_official", "Mayor C");
    add(ohioCandidate.id, "local_group", "D");
    add(texasCandidate.id, "union", "E");
    const all = outsideSupportByRace(db, "system", { coalitionId: w.coalition.id, kind: null, state: null });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.state)).toEqual(["OH", "PA", "TX"]);
    const pa = all.rows[1];
    expect(pa).toMatchObject({ raceId: w.race.id, total: 3, byKind: { union: 2, elected_official: 1 } });
    expect(pa.candidates.map((c) => [c.id, c.total])).toEqual([
      [w.candidates[0].id, 2],
      [w.candidates[1].id, 1],
    ]);
    const unions = outsideSupportByRace(db, "system", { coalitionId: w.coalition.id, kind: "union", state: null });
    expect(unions.rows.map((r) => [r.state, r.total])).toEqual([
      ["PA", 2],
      ["TX", 1],
    ]);
    expect(unions.rows[0].candidates.map((c) => c.id)).toEqual([w.candidates[0].id]);
    expect(outsideSupportByRace(db, "system", { coalitionId: w.coalition.id, kind: null, state: "OH" }).rows.map((r) => r.raceId)).toEqual([ohio.id]);
    const p1 = outsideSupportByRace(db, "system", { coalitionId: w.coalition.id, kind: null, state: null, limit: 2 });
    expect(p1.rows.map((r) => r.state)).toEqual(["OH", "PA"]);
    const p2 = outsideSupportByRace(db, "system", { coalitionId: w.coalition.id, kind: null, state: null, limit: 2, cursor: readCursor(p1.next) });
    expect(p2.rows.map((r) => r.state)).toEqual(["TX"]);
    expect(p2.next).toBeNull();
    const p0 = outsideSupportByRace(db, "system", { coalitionId: w.coalition.id, kind: null, state: null, limit: 2, cursor: readCursor(p2.prev) });
    expect(p0.rows.map((r) => r.state)).toEqual(["OH", "PA"]);
  });

  it("the table-wide view uses an index, never a scan of the whole table", () => {
    const plan = db.$client.prepare("explain query plan select o.race_id, o.state, count(*) from outside_endorsements o where o.coalition_id = ? and o.kind = ? group by o.state, o.race_id order by o.state, o.race_id limit 51").all(1, "union") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/USING (COVERING )?INDEX outside_endorsements_table/);
  });
});
