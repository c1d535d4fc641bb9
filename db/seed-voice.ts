/**
 * Demo data for the members' own voice (issue 17): the demo partner's own endorsement
 * process, and where a few candidates stand in it, recorded by its representative (the demo
 * "rep" account). Deterministic: fixed dates, candidates in id order.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, currentStances, races, roleGrants as grants, users } from "./schema";
import { addProcessStep, recordCandidateProcess } from "../app/models/processes.server";
import { raiseConcern } from "../app/models/concerns.server";
import { giveNotice } from "../app/models/notices.server";
import { recordDecision } from "../app/models/decisions.server";
import { subCoalitionMembers, subCoalitions, partners } from "./schema";
import { buildMeeting } from "../tests/factories";
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
  const desk = seedVoiceDesk(db, rep, coalitionId, partnerId);
  return `Its own endorsement process: ${steps.length} steps, ${considering.length} candidates it is still deciding on moved through them; ${desk}`;
}

const SUB_TABLE_CANDIDATE = "Renata Oyelaran";

/**
 * On Renata Oyelaran's sub-table: a past sub-table call with a decision, another member's
 * concern about that decision (open since November 2, so the health page counts it), and a
 * notice of independent action from a third member.
 */
function seedVoiceDesk(db: Db, rep: { id: number; name: string }, coalitionId: number, demoPartnerId: number): string {
  const sub = db
    .select({ id: subCoalitions.id })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .where(and(eq(subCoalitions.coalitionId, coalitionId), eq(candidates.name, SUB_TABLE_CANDIDATE)))
    .get();
  if (!sub) throw new Error(`seed: no sub-table for ${SUB_TABLE_CANDIDATE}`);
  const members = db
    .select({ id: partners.id, shortName: partners.shortName })
    .from(subCoalitionMembers)
    .innerJoin(partners, eq(partners.id, subCoalitionMembers.partnerId))
    .where(and(eq(subCoalitionMembers.subCoalitionId, sub.id), isNull(subCoalitionMembers.leftAt)))
    .orderBy(asc(partners.shortName))
    .all();
  const others = members.filter((m) => m.id !== demoPartnerId);
  if (others.length < 2) throw new Error("seed: the sub-table needs two members besides the demo partner");
  const call = buildMeeting(db, rep, coalitionId, { title: `Sub-table call: ${SUB_TABLE_CANDIDATE}`, kind: "sub_table", subCoalitionId: sub.id, date: "2026-11-12", time: "18:00", timeZone: "America/New_York" });
  const decision = recordDecision(db, rep, { coalitionId, meetingId: call.id, text: "Doors in the Allentown wards go first; phones start in December.", agendaItemId: null, partnerIds: members.map((m) => m.id) });
  if (!decision.ok) throw new Error("seed: the sub-table's decision was refused");
  const concern = raiseConcern(
    db,
    rep,
    {
      coalitionId,
      partnerId: others[0].id,
      about: { subject: "decision", id: decision.decisionId },
      concern: "Starting phones only in December",
      reason: "Our phone volunteers are ready now and lose interest if they wait a month.",
      sourceKind: "research",
      sourceUrl: null,
      capturedAt: null,
    },
    new Date("2026-11-02T15:00:00Z"),
  );
  if (!concern.ok) throw new Error("seed: the concern was refused");
  const notice = giveNotice(
    db,
    rep,
    { coalitionId, subCoalitionId: sub.id, partnerId: others[1].id, kind: "public_statement", what: "A press release on the candidate's housing plan", why: "Our housing members asked us to speak on it in our own name.", plannedOn: "2026-12-08" },
    new Date("2026-11-18T15:00:00Z"),
  );
  if (!notice.ok) throw new Error("seed: the notice was refused");
  return `on ${SUB_TABLE_CANDIDATE}'s sub-table a decision, ${others[0].shortName}'s concern about it, ${others[1].shortName}'s notice of a public statement`;
}
