/**
 * Each partner's own endorsement process (issue 17): the steps it names, in order, and where
 * each candidate stands in it with the date it expects to decide. A partner writes only its
 * own (permission `process.record`); nothing here reads or changes another partner's process.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidateProcesses, candidates, coalitionPartners, processSteps, races, type ProcessStep } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { isUniqueViolation, type Result } from "~/domain/errors";
import { isMidProcess, MAX_PROCESS_STEPS, moveStep, type CandidateProcessInput } from "~/domain/processes";
import type { Stance } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { checkPolicyForAct } from "./policy-gate.server";

/** A partner's steps in order. */
// every read takes the viewer; a partner's steps are read table-wide (they carry no campaign information)
export function listProcessSteps(db: Db, _viewer: Viewer, input: { partnerId: number }): ProcessStep[] {
  return db.select().from(processSteps).where(eq(processSteps.partnerId, input.partnerId)).orderBy(asc(processSteps.position), asc(processSteps.id)).all();
}

/** The steps of some partners (the ones this person records for), in one statement. */
export function stepsOfPartners(db: Db, _viewer: Viewer, input: { partnerIds: readonly number[] }): { id: number; partnerId: number; label: string; position: number }[] {
  if (input.partnerIds.length === 0) return [];
  return db.$client
    .prepare(`select id, partner_id as partnerId, label, position from process_steps where partner_id in (${input.partnerIds.map(() => "?").join(",")}) order by partner_id, position, id`)
    .all(...input.partnerIds) as never;
}

export function addProcessStep(db: Db, actor: Actor, input: { partnerId: number; label: string }): Result<{ step: ProcessStep }> {
  try {
    return db.transaction(
      (tx) => {
        const n = tx.select({ n: sql<number>`count(*)`, max: sql<number>`coalesce(max(${processSteps.position}), 0)` }).from(processSteps).where(eq(processSteps.partnerId, input.partnerId)).get()!;
        if (n.n >= MAX_PROCESS_STEPS) return { ok: false as const, field: "label", message: `A process has at most ${MAX_PROCESS_STEPS} steps; remove one first.` };
        const step = tx.insert(processSteps).values({ partnerId: input.partnerId, position: n.max + 1, label: input.label, createdBy: actor.id }).returning().get();
        appendAudit(tx, actor, { action: "process.step_add", decision: "info", partnerId: input.partnerId, subjectType: "process_step", subjectId: step.id, detail: input.label });
        return { ok: true as const, step };
      },
      { behavior: "immediate" },
    );
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "label", message: "This partner already has a step with this name." };
    throw err;
  }
}

/** Swaps a step with its neighbour; positions stay 1..n. */
export function moveProcessStep(db: Db, actor: Actor, input: { partnerId: number; stepId: number; direction: "up" | "down" }): Result<object> {
  return db.transaction(
    (tx) => {
      const steps = tx.select().from(processSteps).where(eq(processSteps.partnerId, input.partnerId)).orderBy(asc(processSteps.position), asc(processSteps.id)).all();
      if (!steps.some((s) => s.id === input.stepId)) return { ok: false as const, field: "stepId", message: "Choose one of this partner's steps." };
      moveStep(steps, input.stepId, input.direction).forEach((s, k) => tx.update(processSteps).set({ position: k + 1 }).where(eq(processSteps.id, s.id)).run());
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Removes a step no candidate stands at (else refuses, saying how many do). */
export function removeProcessStep(db: Db, actor: Actor, input: { partnerId: number; stepId: number }): Result<object> {
  return db.transaction(
    (tx) => {
      const step = tx.select().from(processSteps).where(and(eq(processSteps.id, input.stepId), eq(processSteps.partnerId, input.partnerId))).get();
      if (!step) return { ok: false as const, field: "stepId", message: "Choose one of this partner's steps." };
      const used = tx.select({ n: sql<number>`count(*)` }).from(candidateProcesses).where(eq(candidateProcesses.stepId, step.id)).get()?.n ?? 0;
      if (used > 0) return { ok: false as const, field: "stepId", message: `${used} ${used === 1 ? "candidate stands" : "candidates stand"} at "${step.label}": move them to another step first.` };
      tx.delete(processSteps).where(eq(processSteps.id, step.id)).run();
      const rest = tx.select({ id: processSteps.id }).from(processSteps).where(eq(processSteps.partnerId, input.partnerId)).orderBy(asc(processSteps.position), asc(processSteps.id)).all();
      rest.forEach((s, k) => tx.update(processSteps).set({ position: k + 1 }).where(eq(processSteps.id, s.id)).run());
      appendAudit(tx, actor, { action: "process.step_remove", decision: "info", partnerId: input.partnerId, subjectType: "process_step", subjectId: step.id, detail: step.label });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * Records where a candidate stands in a partner's process: the step reached and the date it
 * expects to decide. Both empty: not started (the row goes). Checked and written in one
 * IMMEDIATE transaction.
 */
export function recordCandidateProcess(db: Db, actor: Actor, input: CandidateProcessInput & { coalitionId: number }, now = new Date()): Result<{ stepLabel: string | null }> {
  const { coalitionId, partnerId, candidateId, stepId, expectedOn } = input;
  return db.transaction(
    (tx) => {
      const candidate = tx
        .select({ id: candidates.id, name: candidates.name, raceId: candidates.raceId })
        .from(candidates)
        .innerJoin(races, eq(races.id, candidates.raceId))
        .where(and(eq(candidates.id, candidateId), eq(races.coalitionId, coalitionId)))
        .get();
      if (!candidate) return { ok: false as const, field: "candidateId", message: "Choose a candidate at this table." };
      const seat = tx.select({ p: coalitionPartners.partnerId }).from(coalitionPartners).where(and(eq(coalitionPartners.coalitionId, coalitionId), eq(coalitionPartners.partnerId, partnerId))).get();
      if (!seat) return { ok: false as const, field: "partnerId", message: "Choose a partner seated at this table." };
      // rule F6 on the act: the person recording has acknowledged its member's current policy
      const f6 = checkPolicyForAct(tx, actor, { coalitionId, partnerId, raceId: candidate.raceId, act: "process", subjectType: "candidate", subjectId: candidateId });
      if (!f6.ok) return f6;
      let stepLabel: string | null = null;
      if (stepId !== null) {
        const step = tx.select().from(processSteps).where(and(eq(processSteps.id, stepId), eq(processSteps.partnerId, partnerId))).get();
        if (!step) return { ok: false as const, field: "stepId", message: "Choose one of this partner's steps." };
        stepLabel = step.label;
      }
      const key = and(eq(candidateProcesses.candidateId, candidateId), eq(candidateProcesses.partnerId, partnerId));
      if (stepId === null && expectedOn === null) {
        tx.delete(candidateProcesses).where(key).run();
      } else {
        const row = { stepId, expectedOn, coalitionId, raceId: candidate.raceId, updatedBy: actor.id, updatedAt: now.toISOString() };
        tx.insert(candidateProcesses)
          .values({ candidateId, partnerId, ...row })
          .onConflictDoUpdate({ target: [candidateProcesses.candidateId, candidateProcesses.partnerId], set: row })
          .run();
      }
      appendAudit(
        tx,
        actor,
        {
          action: "process.record",
          decision: "info",
          partnerId,
          raceId: candidate.raceId,
          subjectType: "candidate",
          subjectId: candidateId,
          detail: `${candidate.name}: ${stepLabel ?? "not started"}${expectedOn ? `, decision expected ${expectedOn}` : ""}`,
        },
        now,
      );
      return { ok: true as const, stepLabel };
    },
    { behavior: "immediate" },
  );
}

export type CellProcess = { candidateId: number; partnerId: number; stepId: number | null; label: string | null; expectedOn: string | null };

/** Where some candidates stand in every partner's process: one statement for a page of rows. */
// every read takes the viewer; steps and dates carry no campaign information
export function processesOfCandidates(db: Db, _viewer: Viewer, input: { candidateIds: readonly number[] }): CellProcess[] {
  if (input.candidateIds.length === 0) return [];
  return db.$client
    .prepare(
      `select cp.candidate_id as candidateId, cp.partner_id as partnerId, cp.step_id as stepId, s.label as label, cp.expected_on as expectedOn
       from candidate_processes cp left join process_steps s on s.id = cp.step_id
       where cp.candidate_id in (${input.candidateIds.map(() => "?").join(",")})`,
    )
    .all(...input.candidateIds) as CellProcess[];
}

export type RaceProcessRow = {
  candidateId: number;
  candidateName: string;
  partnerId: number;
  partnerShortName: string;
  partnerName: string;
  stance: Stance | null;
  stepId: number | null;
  stepLabel: string | null;
  position: number | null;
  steps: number;
  expectedOn: string | null;
};

/** At most this many processes show on a race page (a race has a handful of candidates and partners). */
export const RACE_PROCESS_LIMIT = 200;

/**
 * Per race, the seated partners that are mid-process on its candidates (a step reached or a
 * date named, and no decision yet), soonest expected decision first: one statement.
 */
// every read takes the viewer; steps and dates carry no campaign information
export function raceProcesses(db: Db, _viewer: Viewer, input: { coalitionId: number; raceId: number }): RaceProcessRow[] {
  const rows = db.$client
    .prepare(
      `select cp.candidate_id as candidateId, c.name as candidateName, cp.partner_id as partnerId, p.short_name as partnerShortName, p.name as partnerName,
         cs.stance as stance, cp.step_id as stepId, s.label as stepLabel, s.position as position,
         (select count(*) from process_steps x where x.partner_id = cp.partner_id) as steps, cp.expected_on as expectedOn
       from candidate_processes cp
       join coalition_partners seat on seat.coalition_id = cp.coalition_id and seat.partner_id = cp.partner_id
       join candidates c on c.id = cp.candidate_id
       join partners p on p.id = cp.partner_id
       left join process_steps s on s.id = cp.step_id
       left join current_stances cs on cs.candidate_id = cp.candidate_id and cs.partner_id = cp.partner_id and cs.holder_affiliate = 0
       where cp.race_id = ? and cp.coalition_id = ?
       order by cp.expected_on is null, cp.expected_on, p.short_name, c.name, cp.candidate_id limit ?`,
    )
    .all(input.raceId, input.coalitionId, RACE_PROCESS_LIMIT) as RaceProcessRow[];
  return rows.filter(isMidProcess);
}

/** How many of this table's candidates stand at each of a partner's steps: one grouped statement. */
// every read takes the viewer; counts carry no campaign information
export function stepUse(db: Db, _viewer: Viewer, input: { partnerId: number; coalitionId: number }): Record<number, number> {
  const rows = db.$client
    .prepare("select step_id as stepId, count(*) as n from candidate_processes where partner_id = ? and coalition_id = ? and step_id is not null group by step_id")
    .all(input.partnerId, input.coalitionId) as { stepId: number; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.stepId, r.n]));
}
