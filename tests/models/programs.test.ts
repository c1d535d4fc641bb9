import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, canvassPrograms, programGoals, subCoalitions } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { programForm } from "~/domain/field-forms";
import { parseForm } from "~/domain/forms";
import { NotFoundError } from "~/domain/errors";
import { createProgram, getProgram, listPrograms, updateProgram } from "~/models/programs.server";
import { testActor, testDb } from "../db";
import { buildProgramWorld } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const input = { name: "PA-07 joint program", startDate: "2027-03-01", endDate: "2027-05-18", side: "independent" as const, goals: { doorknock: 1000, textbank: 0 } };

describe("programs", () => {
  it("the world factory builds a sub-table of four endorsers, covering affiliates and a program", () => {
    const w = buildProgramWorld(db, actor);
    expect(w.endorsers).toHaveLength(4);
    expect(w.affiliates).toHaveLength(4);
    const detail = getProgram(db, "system", { coalitionId: w.coalition.id, programId: w.program.id });
    expect(detail.program.subCoalitionId).toBe(w.subTable.id);
    expect(detail.program.raceId).toBe(w.race.id);
    expect(detail.program.candidateId).toBe(w.candidate.id);
    expect(detail.candidateName).toBe(w.candidate.name);
    expect(detail.goals.map((g) => g.workType)).toEqual(["doorknock", "phonebank", "textbank", "public_event"]);
  });

  it("creates a program with its goals and an audit row, one per sub-table", () => {
    const w = buildProgramWorld(db, actor);
    db.delete(canvassPrograms).run();
    const r = createProgram(db, actor, { coalitionId: w.coalition.id, subCoalitionId: w.subTable.id, ...input });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(getProgram(db, "system", { coalitionId: w.coalition.id, programId: r.program.id }).goals).toEqual([
      { workType: "doorknock", target: 1000 },
      { workType: "textbank", target: 0 },
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "program.create")).all()).toHaveLength(2);
    const again = createProgram(db, actor, { coalitionId: w.coalition.id, subCoalitionId: w.subTable.id, ...input });
    expect(again).toMatchObject({ ok: false, field: "name" });
    expect(db.select({ n: count() }).from(canvassPrograms).get()!.n).toBe(1);
    expect(listPrograms(db, "system", { coalitionId: w.coalition.id }).map((p) => p.id)).toEqual([r.program.id]);
    expect(listPrograms(db, "system", { coalitionId: w.coalition.id })[0]).toMatchObject({ candidateName: w.candidate.name, raceState: "PA", raceDistrict: "07", unitCount: 0 });
  });

  it("refuses a closed sub-table and 404s an unknown or foreign one", () => {
    const w = buildProgramWorld(db, actor);
    const other = buildProgramWorld(db, actor);
    expect(() => createProgram(db, actor, { coalitionId: w.coalition.id, subCoalitionId: other.subTable.id, ...input })).toThrow(NotFoundError);
    expect(() => createProgram(db, actor, { coalitionId: w.coalition.id, subCoalitionId: 999999, ...input })).toThrow(NotFoundError);
    expect(() => getProgram(db, "system", { coalitionId: w.coalition.id, programId: other.program.id })).toThrow(NotFoundError);
    db.delete(canvassPrograms).run();
    db.update(subCoalitions).set({ closedAt: "2027-01-01T00:00:00Z" }).where(eq(subCoalitions.id, w.subTable.id)).run();
    expect(createProgram(db, actor, { coalitionId: w.coalition.id, subCoalitionId: w.subTable.id, ...input })).toMatchObject({ ok: false });
  });

  it("updates name, dates and replaces the goals", () => {
    const w = buildProgramWorld(db, actor);
    const r = updateProgram(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, ...input, name: "Renamed", goals: { phonebank: 5 } });
    expect(r.ok).toBe(true);
    const d = getProgram(db, "system", { coalitionId: w.coalition.id, programId: w.program.id });
    expect(d.program.name).toBe("Renamed");
    expect(d.goals).toEqual([{ workType: "phonebank", target: 5 }]);
    expect(db.select({ n: count() }).from(programGoals).get()!.n).toBe(1);
  });
});

describe("programForm", () => {
  const base = { name: "P", startDate: "2027-03-01", endDate: "2027-05-18" };
  it("parses goals, blank meaning none", () => {
    const r = parseForm(programForm, { ...base, goal_doorknock: "1,500", goal_phonebank: "" });
    expect(r).toEqual({ ok: true, data: { name: "P", startDate: "2027-03-01", endDate: "2027-05-18", side: "independent", goals: { doorknock: 1500 } } });
  });
  it("refuses a negative or fractional goal, bad dates, and an end before the start", () => {
    const r = parseForm(programForm, { ...base, goal_doorknock: "-3", goal_textbank: "1.5", endDate: "2027-02-01" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["endDate", "goal_doorknock", "goal_textbank"]);
    const r2 = parseForm(programForm, { name: "", startDate: "March", endDate: "" , side: "campaign" });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(Object.keys(r2.errors).sort()).toEqual(["endDate", "name", "side", "startDate"]);
  });
});
