/**
 * Demo data for the members' own voice (issue 17): the demo partner's own endorsement
 * process, and where a few candidates stand in it, recorded by its representative (the demo
 * "rep" account). Deterministic: fixed dates, candidates in id order.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, currentStances, races, roleGrants as grants, users } from "./schema";
import { addProcessStep, recordCandidateProcess } from "../app/models/processes.server";
import { DEMO_USERS } from "./seed-users";

const STEPS = ["Questionnaire sent", "Questionnaire returned", "Interview done", "Chapter recommendation", "Board vote", "Announced"];

export function seedVoice(db: Db, coalitionId: number): string {
  const email = DEMO_USERS.find((u) => u.key === "rep")!.email;
  const rep = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, email)).get();
  const grant = rep && db.select({ partnerId: grants.partnerId }).from(grants).where(and(eq(grants.userId, rep.id), eq(grants.role, "partner_rep"))).get();
  if (!rep || !grant?.partnerId) throw new Error("seed: the demo representative has no partner");
  const partnerId = grant.partnerId;
  const must = <T extends { ok: boolean }>(r: T, what: string) => {
    if (!r.ok) throw new Error(`seed: ${what} was refused: ${JSON.stringify(r)}`);
    return r as Extract<T, { ok: true }>;
  };
  const steps = STEPS.map((label) => must(addProcessStep(db, rep, { partnerId, label }), `step ${label}`).step);
  // candidates the partner has no stance on yet (it is still deciding), in id order: each a step further along
  const considering = db
    .select({ candidateId: candidates.id })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .leftJoin(currentStances, and(eq(currentStances.candidateId, candidates.id), eq(currentStances.partnerId, partnerId), eq(currentStances.holderAffiliate, 0)))
    .where(and(eq(races.coalitionId, coalitionId), isNull(currentStances.candidateId)))
    .orderBy(asc(candidates.id))
    .limit(4)
    .all();
  considering.forEach((c, i) => {
    const step = steps[Math.min(i + 1, steps.length - 1)];
    must(
      recordCandidateProcess(db, rep, { coalitionId, partnerId, candidateId: c.candidateId, stepId: step.id, expectedOn: `2026-12-${String(4 + 7 * i).padStart(2, "0")}` }, new Date(`2026-11-${10 + i}T16:00:00Z`)),
      "a candidate's step",
    );
  });
  return `Its own endorsement process: ${steps.length} steps, ${considering.length} candidates it is still deciding on moved through them`;
}
