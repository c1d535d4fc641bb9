import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, partners, pledges, type Pledge } from "../../db/schema";
import { type WorkType } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { programWeeks, type PledgeInput } from "~/domain/field-forms";
import { appendAudit } from "./audit.server";
import type { Result } from "~/domain/errors";
import { getProgram, programAffiliates } from "./programs.server";
import { resplit } from "./turf.server";

export type PledgeRow = Pledge & { affiliateName: string; partnerShortName: string };

/** A program's pledges, by affiliate, work type and week. */
export function listPledges(db: Db, programId: number): PledgeRow[] {
  return db
    .select({ pledge: pledges, affiliateName: affiliates.name, partnerShortName: partners.shortName })
    .from(pledges)
    .innerJoin(affiliates, eq(affiliates.id, pledges.affiliateId))
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(eq(pledges.programId, programId))
    .orderBy(asc(partners.shortName), asc(affiliates.name), asc(pledges.workType), asc(pledges.weekStart))
    .all()
    .map(({ pledge, ...rest }) => ({ ...pledge, ...rest }));
}

/** Each affiliate's pledged hours per work type, summed over the weeks. */
export function pledgeTotals(db: Db, programId: number): Map<number, Partial<Record<WorkType, number>>> {
  const rows = db
    .select({ affiliateId: pledges.affiliateId, workType: pledges.workType, hours: sql<number>`sum(${pledges.hours})` })
    .from(pledges)
    .where(eq(pledges.programId, programId))
    .groupBy(pledges.affiliateId, pledges.workType)
    .all();
  const out = new Map<number, Partial<Record<WorkType, number>>>();
  for (const r of rows) out.set(r.affiliateId, { ...out.get(r.affiliateId), [r.workType]: r.hours });
  return out;
}

/**
 * Sets (or replaces) an affiliate's pledge for one work type and week, then re-splits the
 * program's turf (locks kept), all in one transaction. 0 hours withdraws the pledge.
 */
export function setPledge(db: Db, actor: Actor, coalitionId: number, programId: number, input: PledgeInput, now: Date = new Date()): Result<{ pledge: Pledge | null }> {
  const { program } = getProgram(db, coalitionId, programId);
  const affiliate = programAffiliates(db, coalitionId, program).find((a) => a.id === input.affiliateId);
  if (!affiliate) return { ok: false, field: "affiliateId", message: "Choose an affiliate of a partner in this sub-table." };
  if (!programWeeks(program.startDate, program.endDate).includes(input.weekStart)) {
    return { ok: false, field: "weekStart", message: "Choose a week within the program's dates." };
  }
  return db.transaction((tx) => {
    const key = and(eq(pledges.programId, programId), eq(pledges.affiliateId, input.affiliateId), eq(pledges.workType, input.workType), eq(pledges.weekStart, input.weekStart));
    let pledge: Pledge | null = null;
    if (input.hours === 0) tx.delete(pledges).where(key).run();
    else {
      pledge = tx
        .insert(pledges)
        .values({ programId, affiliateId: input.affiliateId, workType: input.workType, weekStart: input.weekStart, hours: input.hours, updatedBy: actor.id, updatedAt: now.toISOString() })
        .onConflictDoUpdate({
          target: [pledges.programId, pledges.affiliateId, pledges.workType, pledges.weekStart],
          set: { hours: input.hours, updatedBy: actor.id, updatedAt: now.toISOString() },
        })
        .returning()
        .get();
    }
    appendAudit(
      tx,
      actor,
      { action: "pledge.set", decision: "info", partnerId: affiliate.partnerId, raceId: program.raceId, subjectType: "affiliate", subjectId: affiliate.id, detail: `${input.workType} ${input.weekStart}: ${input.hours} h` },
      now,
    );
    resplit(db, actor, coalitionId, program, now);
    return { ok: true as const, pledge };
  });
}
