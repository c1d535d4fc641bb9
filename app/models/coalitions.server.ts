import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coalitions, type Coalition } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { Decider } from "~/domain/vocabulary";
import { can } from "~/domain/permissions";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import { formSubTablesAtThreshold } from "./endorsements.server";
import type { Viewer } from "./firewall.server";

export type CoalitionInput = Pick<Coalition, "name" | "level" | "cycle" | "threshold">;

/** The tables this viewer may open (every table for the system), with their counts. */
export function listCoalitions(db: Db, viewer: Viewer) {
  const rows = db
    .select({
      id: coalitions.id,
      name: coalitions.name,
      level: coalitions.level,
      cycle: coalitions.cycle,
      threshold: coalitions.threshold,
      partnerCount: sql<number>`(select count(*) from coalition_partners cp where cp.coalition_id = "coalitions"."id")`,
      raceCount: sql<number>`(select count(*) from races r where r.coalition_id = "coalitions"."id")`,
      candidateCount: sql<number>`(select count(*) from candidates c join races r on r.id = c.race_id where r.coalition_id = "coalitions"."id")`,
    })
    .from(coalitions)
    .orderBy(asc(coalitions.cycle), asc(coalitions.name))
    .all();
  return viewer === "system" ? rows : rows.filter((c) => can(viewer, { action: "table.view", coalitionId: c.id }).ok);
}

/** A table, or a 404. */
// every read takes the viewer; this one does not ask it yet
export function getCoalition(db: Db, _viewer: Viewer, input: { coalitionId: number }): Coalition {
  return coalitionRow(db, input.coalitionId);
}

/** The table row or a 404, for other models' checks inside a write (they have an actor, not a viewer). */
export function coalitionRow(db: Pick<Db, "select">, coalitionId: number): Coalition {
  const row = db.select().from(coalitions).where(eq(coalitions.id, coalitionId)).get();
  if (!row) throw new NotFoundError("Table");
  return row;
}

const DUPLICATE_NAME = { ok: false as const, field: "name", message: "A table with this name already exists." };

export function createCoalition(db: Db, actor: Actor, input: CoalitionInput): Result<{ coalition: Coalition }> {
  try {
    return db.transaction((tx) => {
      const coalition = tx.insert(coalitions).values(input).returning().get();
      appendAudit(tx, actor, { action: "coalition.create", decision: "info", subjectType: "coalition", subjectId: coalition.id, detail: input.name });
      return { ok: true as const, coalition };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_NAME;
    throw err;
  }
}

/**
 * Updates a table. Lowering the threshold forms, in the same transaction, the sub-tables
 * that candidates already endorsed by enough partners now call for.
 */
export function updateCoalition(
  db: Db,
  actor: Actor,
  id: number,
  input: CoalitionInput,
  now: Date = new Date(),
): Result<{ coalition: Coalition; formedFor: number[] }> {
  const before = coalitionRow(db, id);
  try {
    return db.transaction((tx) => {
      const coalition = tx.update(coalitions).set(input).where(eq(coalitions.id, id)).returning().get();
      const formedFor = input.threshold < before.threshold ? formSubTablesAtThreshold(tx, actor, id, input.threshold, now) : [];
      appendAudit(tx, actor, {
        action: "coalition.update",
        decision: "info",
        subjectType: "coalition",
        subjectId: id,
        detail: `threshold ${before.threshold} → ${input.threshold}`,
      }, now);
      return { ok: true as const, coalition, formedFor };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_NAME;
    throw err;
  }
}

export type DecidingInput = { decider: Decider; rankedMax: number | null };

/**
 * Whose stance counts toward critical mass at a table, and whether it takes ranked endorsements
 * (issue 13). In one IMMEDIATE transaction: the tallies are recounted by the database (migration
 * 0021's trigger), the sub-tables the new count calls for are formed (as when the threshold is
 * lowered), and the change is audited. Lowering or ending ranks is refused while endorsements
 * stand ranked past the new maximum.
 */
export function setDeciding(db: Db, actor: Actor, coalitionId: number, input: DecidingInput, now: Date = new Date()): Result<{ coalition: Coalition; formedFor: number[] }> {
  return db.transaction(
    (tx) => {
      const before = coalitionRow(tx, coalitionId);
      const limit = input.rankedMax ?? 0;
      const past = tx.all<{ n: number }>(
        sql`select count(*) as n from current_stances where coalition_id = ${coalitionId} and stance = 'endorsed' and rank > ${limit}`,
      )[0].n;
      if (past > 0) {
        return {
          ok: false as const,
          field: "rankedMax",
          message:
            input.rankedMax === null
              ? `${past} endorsement${past === 1 ? " is" : "s are"} ranked at this table: ask their partners to clear the ranks before turning ranking off.`
              : `${past} endorsement${past === 1 ? " is" : "s are"} ranked past ${input.rankedMax}: ask their partners to re-rank them first.`,
        };
      }
      const coalition = tx.update(coalitions).set(input).where(eq(coalitions.id, coalitionId)).returning().get();
      const formedFor = formSubTablesAtThreshold(tx, actor, coalitionId, coalition.threshold, now);
      appendAudit(
        tx,
        actor,
        {
          action: "coalition.deciding",
          decision: "info",
          subjectType: "coalition",
          subjectId: coalitionId,
          detail: `decider ${before.decider} → ${input.decider}; ranked ${before.rankedMax ?? "no"} → ${input.rankedMax ?? "no"}`,
        },
        now,
      );
      return { ok: true as const, coalition, formedFor };
    },
    { behavior: "immediate" },
  );
}
