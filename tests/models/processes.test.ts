import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { addProcessStep, listProcessSteps, moveProcessStep, processesOfCandidates, raceProcesses, recordCandidateProcess, removeProcessStep, stepUse } from "~/models/processes.server";
import { testActor, testDb } from "../db";
import { buildTableWithRace, stance } from "../factories";

let db: Db;
let actor: Actor;
let world: ReturnType<typeof buildTableWithRace>;

function steps(partnerId: number, labels: string[]) {
  return labels.map((label) => {
    const r = addProcessStep(db, actor, { partnerId, label });
    if (!r.ok) throw new Error(r.message);
    return r.step;
  });
}

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  world = buildTableWithRace(db, actor, { partners: 3, candidates: 2 });
});

describe("a partner's steps", () => {
  it("are kept in order, each partner its own", () => {
    const [p1, p2] = world.partners;
    steps(p1.id, ["Questionnaire sent", "Interview done", "Board vote"]);
    steps(p2.id, ["Chapter recommendation"]);
    expect(listProcessSteps(db, "system", { partnerId: p1.id }).map((s) => [s.position, s.label])).toEqual([
      [1, "Questionnaire sent"],
      [2, "Interview done"],
      [3, "Board vote"],
    ]);
    expect(listProcessSteps(db, "system", { partnerId: p2.id }).map((s) => s.label)).toEqual(["Chapter recommendation"]);
  });

  it("refuses a second step of the same name for one partner, not for another", () => {
    const [p1, p2] = world.partners;
    steps(p1.id, ["Interview done"]);
    expect(addProcessStep(db, actor, { partnerId: p1.id, label: "Interview done" })).toMatchObject({ ok: false, field: "label" });
    expect(addProcessStep(db, actor, { partnerId: p2.id, label: "Interview done" }).ok).toBe(true);
  });

  it("moves a step and keeps positions 1..n; refuses another partner's step", () => {
    const [p1, p2] = world.partners;
    const [a, b, c] = steps(p1.id, ["A", "B", "C"]);
    expect(moveProcessStep(db, actor, { partnerId: p1.id, stepId: c.id, direction: "up" }).ok).toBe(true);
    expect(listProcessSteps(db, "system", { partnerId: p1.id }).map((s) => `${s.position}${s.label}`)).toEqual(["1A", "2C", "3B"]);
    expect(moveProcessStep(db, actor, { partnerId: p2.id, stepId: a.id, direction: "down" })).toMatchObject({ ok: false, field: "stepId" });
    expect(b.partnerId).toBe(p1.id);
  });

  it("removes a step no candidate stands at, and refuses one that a candidate does", () => {
    const [p1] = world.partners;
    const [a, b] = steps(p1.id, ["A", "B"]);
    const [k] = world.candidates;
    expect(recordCandidateProcess(db, actor, { coalitionId: world.coalition.id, partnerId: p1.id, candidateId: k.id, stepId: b.id, expectedOn: null }).ok).toBe(true);
    expect(removeProcessStep(db, actor, { partnerId: p1.id, stepId: b.id })).toMatchObject({ ok: false, field: "stepId", message: expect.stringMatching(/1 candidate stands at "B"/) });
    expect(removeProcessStep(db, actor, { partnerId: p1.id, stepId: a.id }).ok).toBe(true);
    expect(listProcessSteps(db, "system", { partnerId: p1.id }).map((s) => `${s.position}${s.label}`)).toEqual(["1B"]);
  });
});

describe("where a candidate stands", () => {
  it("records the step and the expected decision, replaces it, and clears it when both are empty", () => {
    const [p1] = world.partners;
    const [sent, interview] = steps(p1.id, ["Questionnaire sent", "Interview done"]);
    const [k] = world.candidates;
    const base = { coalitionId: world.coalition.id, partnerId: p1.id, candidateId: k.id };
    expect(recordCandidateProcess(db, actor, { ...base, stepId: sent.id, expectedOn: "2027-01-15" })).toEqual({ ok: true, stepLabel: "Questionnaire sent" });
    expect(recordCandidateProcess(db, actor, { ...base, stepId: interview.id, expectedOn: "2027-01-20" }).ok).toBe(true);
    expect(processesOfCandidates(db, "system", { candidateIds: [k.id] })).toEqual([{ candidateId: k.id, partnerId: p1.id, stepId: interview.id, label: "Interview done", expectedOn: "2027-01-20" }]);
    expect(stepUse(db, "system", { partnerId: p1.id, coalitionId: world.coalition.id })).toEqual({ [interview.id]: 1 });
    expect(recordCandidateProcess(db, actor, { ...base, stepId: null, expectedOn: null }).ok).toBe(true);
    expect(processesOfCandidates(db, "system", { candidateIds: [k.id] })).toEqual([]);
    // each change is on the audit log
    const audit = db.$client.prepare("select detail from audit_log where action = 'process.record' order by id").all() as { detail: string }[];
    expect(audit.map((a) => a.detail)).toEqual([
      `${k.name}: Questionnaire sent, decision expected 2027-01-15`,
      `${k.name}: Interview done, decision expected 2027-01-20`,
      `${k.name}: not started`,
    ]);
  });

  it("refuses another partner's step, a candidate of another table and a partner not seated, writing nothing", () => {
    const [p1, p2] = world.partners;
    const [theirs] = steps(p2.id, ["Their step"]);
    const [k] = world.candidates;
    const other = buildTableWithRace(db, actor, { partners: 1, candidates: 1 });
    const before = db.$client.prepare("select count(*) as n from candidate_processes").get();
    expect(recordCandidateProcess(db, actor, { coalitionId: world.coalition.id, partnerId: p1.id, candidateId: k.id, stepId: theirs.id, expectedOn: null })).toMatchObject({ ok: false, field: "stepId" });
    expect(recordCandidateProcess(db, actor, { coalitionId: world.coalition.id, partnerId: p1.id, candidateId: other.candidates[0].id, stepId: null, expectedOn: "2027-01-01" })).toMatchObject({ ok: false, field: "candidateId" });
    expect(recordCandidateProcess(db, actor, { coalitionId: world.coalition.id, partnerId: other.partners[0].id, candidateId: k.id, stepId: null, expectedOn: "2027-01-01" })).toMatchObject({ ok: false, field: "partnerId" });
    expect(db.$client.prepare("select count(*) as n from candidate_processes").get()).toEqual(before);
  });

  it("a race shows the partners still deciding, soonest first; one that decided drops off", () => {
    const [p1, p2, p3] = world.partners;
    const [k, l] = world.candidates;
    const [s1] = steps(p1.id, ["Interview done", "Board vote"]);
    const [s2] = steps(p2.id, ["Questionnaire sent"]);
    const [s3] = steps(p3.id, ["Board vote"]);
    const c = world.coalition.id;
    stance(db, actor, c, k.id, p1.id, "considering");
    recordCandidateProcess(db, actor, { coalitionId: c, partnerId: p1.id, candidateId: k.id, stepId: s1.id, expectedOn: "2027-02-01" });
    recordCandidateProcess(db, actor, { coalitionId: c, partnerId: p2.id, candidateId: l.id, stepId: s2.id, expectedOn: "2027-01-10" });
    recordCandidateProcess(db, actor, { coalitionId: c, partnerId: p3.id, candidateId: k.id, stepId: s3.id, expectedOn: "2027-01-05" });
    stance(db, actor, c, k.id, p3.id, "endorsed");
    const rows = raceProcesses(db, "system", { coalitionId: c, raceId: world.race.id });
    expect(rows.map((r) => [r.partnerId, r.candidateId, r.stance, r.stepLabel, r.position, r.steps, r.expectedOn])).toEqual([
      [p2.id, l.id, null, "Questionnaire sent", 1, 1, "2027-01-10"],
      [p1.id, k.id, "considering", "Interview done", 1, 2, "2027-02-01"],
    ]);
  });
});
