import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, partners, pledges, type Pledge } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import type { WorkType } from "~/domain/vocabulary";
import { programWeeks, type PledgeInput } from "~/domain/field-forms";
import { appendAudit } from "./audit.server";
import { checkPolicyForAct } from "./policy-gate.server";
import type { Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { remotePledgeRefusal } from "~/domain/remote-work";
import { resplit } from "./split.server";

export type PledgeRow = Pledge & { affiliateName: string; partnerShortName: string };

/** A program's pledges, by affiliate, work type and week. Anyone who may see the program sees them. */
export function listPledges(db: Db, _viewer: Viewer, { programId }: { programId: number }): PledgeRow[] {
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

/** A cursor whose key has these types, else null (a junk cursor reads as the first page). */
function shaped(cursor: Cursor | null, shape: ("string" | "number")[]): Cursor | null {
  if (!cursor || cursor.key.length !== shape.length) return null;
  return cursor.key.every((v, i) => typeof v === shape[i]) ? cursor : null;
}

/**
 * A page of a program's pledges, by affiliate, work type and week (keyset on the pledges'
 * unique index), optionally of one partner's affiliates.
 */
export function pagePledges(
  db: Db,
  _viewer: Viewer,
  { programId, partnerId = null, cursor, size = PAGE_SIZE }: { programId: number; partnerId?: number | null; cursor: Cursor | null; size?: number },
): KeysetPage<PledgeRow> {
  const c = shaped(cursor, ["number", "string", "string"]);
  const back = c?.dir === "before";
  const key = c ? sql`(${pledges.affiliateId}, ${pledges.workType}, ${pledges.weekStart}) ${back ? sql`<` : sql`>`} (${c.key[0]}, ${c.key[1]}, ${c.key[2]})` : undefined;
  const order = back ? [desc(pledges.affiliateId), desc(pledges.workType), desc(pledges.weekStart)] : [asc(pledges.affiliateId), asc(pledges.workType), asc(pledges.weekStart)];
  const rows = db
    .select({ pledge: pledges, affiliateName: affiliates.name, partnerShortName: partners.shortName })
    .from(pledges)
    .innerJoin(affiliates, eq(affiliates.id, pledges.affiliateId))
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(and(eq(pledges.programId, programId), partnerId ? eq(affiliates.partnerId, partnerId) : undefined, key))
    .orderBy(...order)
    .limit(size + 1)
    .all()
    .map(({ pledge, ...rest }) => ({ ...pledge, ...rest }));
  return keysetPage(rows, size, c, (p) => [p.affiliateId, p.workType, p.weekStart]);
}

export type PledgeTotal = { affiliateId: number; affiliateName: string; partnerShortName: string; workType: WorkType; hours: number; weeks: number };

/** A page of each affiliate's pledged hours per work type (summed over the weeks), by affiliate and work type. */
export function pagePledgeTotals(
  db: Db,
  _viewer: Viewer,
  { programId, partnerId = null, cursor, size = PAGE_SIZE }: { programId: number; partnerId?: number | null; cursor: Cursor | null; size?: number },
): KeysetPage<PledgeTotal> {
  const c = shaped(cursor, ["number", "string"]);
  const back = c?.dir === "before";
  const key = c ? sql`(${pledges.affiliateId}, ${pledges.workType}) ${back ? sql`<` : sql`>`} (${c.key[0]}, ${c.key[1]})` : undefined;
  const order = back ? [desc(pledges.affiliateId), desc(pledges.workType)] : [asc(pledges.affiliateId), asc(pledges.workType)];
  const rows = db
    .select({
      affiliateId: pledges.affiliateId,
      affiliateName: affiliates.name,
      partnerShortName: partners.shortName,
      workType: pledges.workType,
      hours: sql<number>`sum(${pledges.hours})`,
      weeks: sql<number>`count(*)`,
    })
    .from(pledges)
    .innerJoin(affiliates, eq(affiliates.id, pledges.affiliateId))
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(and(eq(pledges.programId, programId), partnerId ? eq(affiliates.partnerId, partnerId) : undefined, key))
    .groupBy(pledges.affiliateId, pledges.workType)
    .orderBy(...order)
    .limit(size + 1)
    .all();
  return keysetPage(rows, size, c, (t) => [t.affiliateId, t.workType]);
}

/**
 * Sets (or replaces) an affiliate's pledge for one work type and week, then re-splits the
 * program's turf (locks kept), all in one transaction. 0 hours withdraws the pledge.
 */
export function setPledge(db: Db, actor: Actor, input: PledgeInput & ProgramRef, now: Date = new Date()): Result<{ pledge: Pledge | null }> {
  const { programId } = input;
  const detail = getProgram(db, "system", input);
  const { program } = detail;
  const affiliate = programAffiliates(db, "system", detail).find((a) => a.id === input.affiliateId);
  if (!affiliate) return { ok: false, field: "affiliateId", message: "Choose an affiliate of a partner in this sub-table." };
  const away = input.hours > 0 ? remotePledgeRefusal(affiliate, detail.race.state, input.workType) : null;
  if (away) return { ok: false, field: "workType", message: away };
  if (!programWeeks(program.startDate, program.endDate).includes(input.weekStart)) {
    return { ok: false, field: "weekStart", message: "Choose a week within the program's dates." };
  }
  return db.transaction(
    (tx): Result<{ pledge: Pledge | null }> => {
      // rule F6 on the act: the person pledging has acknowledged the affiliate's member's policy
      const f6 = checkPolicyForAct(tx, actor, { coalitionId: input.coalitionId, partnerId: affiliate.partnerId, raceId: program.raceId, act: "pledge", subjectType: "affiliate", subjectId: affiliate.id, now });
      if (!f6.ok) return f6;
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
    resplit(db, actor, { program: detail }, now);
    return { ok: true as const, pledge };
    },
    { behavior: "immediate" },
  );
}
