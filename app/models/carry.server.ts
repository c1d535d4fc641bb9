import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, candidates, races, subCoalitions, subCoalitionSteps, users, type Race } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { NotFoundError, refuse, type Result } from "~/domain/errors";
import { electionDate, planCarry, type CarryPlan } from "~/domain/results";
import { lengthsAt } from "./firewall-lengths.server";
import { contentWindows, type ContentWindow, type ElectionKind } from "~/domain/windows";
import { localDateOf } from "~/domain/zoned-time";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { outcomeOf } from "./results.server";

/**
 * Carrying a sub-table into the runoff or the general its candidate advanced to (issue 16).
 * Members and stances are not touched: they carry over as they are, and each partner keeps
 * changing its own. The sub-table works toward the new election (it stays open until that
 * day), its program's dates move to it, and the step is kept for the history.
 */

type Loaded = { sub: typeof subCoalitions.$inferSelect; race: Race; program: { id: number; startDate: string; endDate: string } | null };

function load(db: Pick<Db, "select">, coalitionId: number, subCoalitionId: number): Loaded {
  const row = db
    .select({ sub: subCoalitions, race: races })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(and(eq(subCoalitions.id, subCoalitionId), eq(subCoalitions.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Sub-table");
  const program =
    db
      .select({ id: canvassPrograms.id, startDate: canvassPrograms.startDate, endDate: canvassPrograms.endDate })
      .from(canvassPrograms)
      .where(eq(canvassPrograms.subCoalitionId, subCoalitionId))
      .get() ?? null;
  return { ...row, program };
}

const planFor = (db: Pick<Db, "select">, l: Loaded, today: string) =>
  planCarry({ race: l.race, today, subTable: { closedAt: l.sub.closedAt, election: l.sub.election }, outcome: outcomeOf(db, l.sub.candidateId, l.sub.election), program: l.program });

export type CarryStep = { id: number; fromElection: ElectionKind; toElection: ElectionKind; electionDate: string; programStart: string | null; programEnd: string | null; programStartBefore: string | null; programEndBefore: string | null; note: string | null; actorName: string | null; createdAt: string };

/**
 * What the sub-table page shows of the election it works toward: that election, its F8
 * content window, the steps taken, and whether it can be carried forward now (and why not).
 * A constant handful of indexed reads.
 */
// every read takes the viewer; a sub-table's elections are table-wide information
export function subTableElection(db: Db, _viewer: Viewer, input: { coalitionId: number; subCoalitionId: number; today: string }) {
  const l = load(db, input.coalitionId, input.subCoalitionId);
  const steps: CarryStep[] = db
    .select({
      id: subCoalitionSteps.id,
      fromElection: subCoalitionSteps.fromElection,
      toElection: subCoalitionSteps.toElection,
      electionDate: subCoalitionSteps.electionDate,
      programStart: subCoalitionSteps.programStart,
      programEnd: subCoalitionSteps.programEnd,
      programStartBefore: subCoalitionSteps.programStartBefore,
      programEndBefore: subCoalitionSteps.programEndBefore,
      note: subCoalitionSteps.note,
      actorName: users.name,
      createdAt: subCoalitionSteps.createdAt,
    })
    .from(subCoalitionSteps)
    .leftJoin(users, eq(users.id, subCoalitionSteps.actorId))
    .where(eq(subCoalitionSteps.subCoalitionId, input.subCoalitionId))
    .orderBy(asc(subCoalitionSteps.id))
    .all();
  const window: ContentWindow | null = contentWindows(l.race, lengthsAt(db, input.coalitionId).windowDays).find((w) => w.kind === l.sub.election) ?? null;
  const plan = planFor(db, l, input.today);
  return { election: l.sub.election, electionDate: electionDate(l.race, l.sub.election), window, steps, plan: plan.ok ? plan : null, notYet: plan.ok ? null : plan.message };
}

/**
 * The facilitator carries the sub-table forward: checked and written in one IMMEDIATE
 * transaction (the results may change meanwhile). The route checks table.manage.
 */
export function carrySubTable(db: Db, actor: Actor, input: { coalitionId: number; subCoalitionId: number; note?: string | null }, now: Date = new Date()): Result<{ plan: CarryPlan }> {
  return db.transaction(
    (tx): Result<{ plan: CarryPlan }> => {
      const l = load(tx, input.coalitionId, input.subCoalitionId);
      const plan = planFor(tx, l, localDateOf(now, l.race.timeZone));
      if (!plan.ok) return refuse("_form", plan.message);
      const at = now.toISOString();
      tx.update(subCoalitions).set({ election: plan.election, activeUntil: plan.electionDate }).where(eq(subCoalitions.id, l.sub.id)).run();
      if (l.program && plan.programStart && plan.programEnd) {
        tx.update(canvassPrograms).set({ startDate: plan.programStart, endDate: plan.programEnd }).where(eq(canvassPrograms.id, l.program.id)).run();
      }
      tx.insert(subCoalitionSteps)
        .values({
          subCoalitionId: l.sub.id,
          fromElection: l.sub.election,
          toElection: plan.election,
          electionDate: plan.electionDate,
          programId: l.program?.id ?? null,
          programStartBefore: l.program?.startDate ?? null,
          programEndBefore: l.program?.endDate ?? null,
          programStart: plan.programStart,
          programEnd: plan.programEnd,
          note: input.note ?? null,
          actorId: actor.id,
          createdAt: at,
        })
        .run();
      appendAudit(tx, actor, { action: "subtable.carry", decision: "info", raceId: l.race.id, subjectType: "subCoalition", subjectId: l.sub.id, detail: `${l.sub.election} → ${plan.election} (${plan.electionDate})` }, now);
      return { ok: true, plan };
    },
    { behavior: "immediate" },
  );
}
