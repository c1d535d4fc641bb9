import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, coalitions, partners, races, subCoalitionMembers, subCoalitions, users, type SubCoalition } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { subTableStatus, type SubTableStatus } from "~/domain/critical-mass";
import { appendAudit } from "./audit.server";
import { NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { affiliatesCovering } from "./partners.server";

export type SubCoalitionSummary = SubCoalition & {
  candidateName: string;
  raceId: number;
  raceOffice: string;
  raceState: string;
  raceDistrict: string | null;
  primaryDate: string;
  memberCount: number;
  threshold: number;
  status: SubTableStatus;
};

type SubCoalitionsInput = { coalitionId: number; today: string; candidateId?: number; id?: number };

/** Sub-tables of a table with their member counts and status as of `today`. */
// every read takes the viewer; this one does not ask it yet
export function listSubCoalitions(db: Db, _viewer: Viewer, input: SubCoalitionsInput): SubCoalitionSummary[] {
  return subCoalitionSummaries(db, input.coalitionId, input.today, input);
}

/** listSubCoalitions without a viewer, for getTablePicture until it takes one (see its comment). */
export function subCoalitionSummaries(
  db: Db,
  coalitionId: number,
  today: string,
  only: { candidateId?: number; id?: number; candidateIds?: readonly number[]; formedAfter?: string; limit?: number } = {},
): SubCoalitionSummary[] {
  // one statement whatever the data (the members counted in it), so a page's statements stay constant
  const q = db
    .select({
      sub: subCoalitions,
      candidateName: candidates.name,
      raceId: races.id,
      raceOffice: races.office,
      raceState: races.state,
      raceDistrict: races.district,
      primaryDate: races.primaryDate,
      threshold: coalitions.threshold,
      memberCount: sql<number>`(select count(*) from sub_coalition_members m where m.sub_coalition_id = ${subCoalitions.id} and m.left_at is null)`,
    })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .innerJoin(races, eq(races.id, candidates.raceId))
    .innerJoin(coalitions, eq(coalitions.id, subCoalitions.coalitionId))
    .where(
      and(
        // for some candidates or one sub-table, their unique index; the unary plus keeps SQLite
        // from walking every sub-table of the table by (coalition) instead (issue 11)
        only.candidateId || only.id || only.candidateIds ? sql`+${subCoalitions.coalitionId} = ${coalitionId}` : eq(subCoalitions.coalitionId, coalitionId),
        only.candidateId ? eq(subCoalitions.candidateId, only.candidateId) : undefined,
        only.id ? eq(subCoalitions.id, only.id) : undefined,
        only.candidateIds ? (only.candidateIds.length ? inArray(subCoalitions.candidateId, [...only.candidateIds]) : sql`0`) : undefined,
        only.formedAfter ? gt(subCoalitions.formedAt, only.formedAfter) : undefined,
      ),
    )
    .orderBy(asc(races.primaryDate), asc(candidates.name));
  const rows = only.limit ? q.limit(only.limit).all() : q.all();
  return rows.map(({ sub, memberCount, ...r }) => {
    return {
      ...sub,
      ...r,
      memberCount,
      status: subTableStatus({ closedAt: sub.closedAt, primaryDate: r.primaryDate, activeUntil: sub.activeUntil, today, memberCount, threshold: r.threshold }),
    };
  });
}

/**
 * One keyset page of a table's sub-tables (by the race's primary date, then the candidate's
 * name), filtered in SQL by the race's state and by status as of `today`, with the number
 * that match. Member counts come from the same statement (an indexed count per row of the
 * page), never from reading every membership of the table.
 */
// every read takes the viewer; sub-tables are table-wide information
export function pageSubCoalitions(
  db: Db,
  _viewer: Viewer,
  input: { coalitionId: number; today: string; state?: string | null; status?: SubTableStatus | null; cursor?: Cursor | null; limit?: number },
): KeysetPage<SubCoalitionSummary> & { total: number } {
  const { coalitionId, today } = input;
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 3 && typeof k[0] === "string" && typeof k[1] === "string" && typeof k[2] === "number" ? input.cursor : null;
  const memberCount = sql<number>`(select count(*) from sub_coalition_members m where m.sub_coalition_id = ${subCoalitions.id} and m.left_at is null)`;
  const closed = sql`(${subCoalitions.closedAt} is not null or coalesce(${subCoalitions.activeUntil}, ${races.primaryDate}) < ${today})`;
  const statusCond =
    input.status === "closed"
      ? closed
      : input.status === "active"
        ? sql`(not ${closed} and ${memberCount} >= ${coalitions.threshold})`
        : input.status === "below_critical_mass"
          ? sql`(not ${closed} and ${memberCount} < ${coalitions.threshold})`
          : undefined;
  const where = and(eq(subCoalitions.coalitionId, coalitionId), input.state ? eq(races.state, input.state) : undefined, statusCond);
  const backwards = cursor?.dir === "before";
  const keyCond = cursor
    ? backwards
      ? sql`(${races.primaryDate}, ${candidates.name}, ${subCoalitions.id}) < (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})`
      : sql`(${races.primaryDate}, ${candidates.name}, ${subCoalitions.id}) > (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})`
    : undefined;
  const fetched = db
    .select({
      sub: subCoalitions,
      candidateName: candidates.name,
      raceId: races.id,
      raceOffice: races.office,
      raceState: races.state,
      raceDistrict: races.district,
      primaryDate: races.primaryDate,
      threshold: coalitions.threshold,
      memberCount,
    })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .innerJoin(races, eq(races.id, candidates.raceId))
    .innerJoin(coalitions, eq(coalitions.id, subCoalitions.coalitionId))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(races.primaryDate), desc(candidates.name), desc(subCoalitions.id)] : [asc(races.primaryDate), asc(candidates.name), asc(subCoalitions.id)]))
    .limit(limit + 1)
    .all()
    .map(({ sub, ...r }) => ({ ...sub, ...r, status: subTableStatus({ closedAt: sub.closedAt, primaryDate: r.primaryDate, activeUntil: sub.activeUntil, today, memberCount: r.memberCount, threshold: r.threshold }) }));
  const page = keysetPage(fetched, limit, cursor, (r) => [r.primaryDate, r.candidateName, r.id]);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(subCoalitions)
      .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
      .innerJoin(races, eq(races.id, candidates.raceId))
      .innerJoin(coalitions, eq(coalitions.id, subCoalitions.coalitionId))
      .where(where)
      .get()?.n ?? 0;
  return { ...page, total };
}

/** A sub-table with its members, membership history and the member partners' affiliates in the district. */
export function getSubCoalition(db: Db, viewer: Viewer, input: { coalitionId: number; subCoalitionId: number; today: string }) {
  const { coalitionId, subCoalitionId, today } = input;
  const [summary] = listSubCoalitions(db, viewer, { coalitionId, today, id: subCoalitionId });
  if (!summary) throw new NotFoundError("Sub-table");
  const race = db.select().from(races).where(eq(races.id, summary.raceId)).get()!;
  const history = db
    .select({
      id: subCoalitionMembers.id,
      partnerId: subCoalitionMembers.partnerId,
      partnerName: partners.name,
      partnerShortName: partners.shortName,
      legalType: partners.legalType,
      joinedAt: subCoalitionMembers.joinedAt,
      leftAt: subCoalitionMembers.leftAt,
      actorName: users.name,
    })
    .from(subCoalitionMembers)
    .innerJoin(partners, eq(partners.id, subCoalitionMembers.partnerId))
    .leftJoin(users, eq(users.id, subCoalitionMembers.actorId))
    .where(eq(subCoalitionMembers.subCoalitionId, subCoalitionId))
    .orderBy(asc(subCoalitionMembers.id))
    .all();
  const members = history.filter((h) => h.leftAt === null);
  const memberAffiliates = affiliatesCovering(
    db,
    members.map((m) => m.partnerId),
    race,
  );
  return { subTable: summary, race, members, history, affiliates: memberAffiliates };
}

export function getSubCoalitionForCandidate(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number; today: string }): SubCoalitionSummary | null {
  return listSubCoalitions(db, viewer, input)[0] ?? null;
}

/** The facilitator closes a sub-table. Closing is final: the history stays. */
export function closeSubCoalition(db: Db, actor: Actor, coalitionId: number, subCoalitionId: number, now: Date = new Date()): Result<object> {
  const sub = db.select().from(subCoalitions).where(and(eq(subCoalitions.id, subCoalitionId), eq(subCoalitions.coalitionId, coalitionId))).get();
  if (!sub) throw new NotFoundError("Sub-table");
  if (sub.closedAt) return { ok: false, message: "This sub-table is already closed." };
  db.transaction((tx) => {
    tx.update(subCoalitions).set({ closedAt: now.toISOString(), closedBy: actor.id }).where(eq(subCoalitions.id, subCoalitionId)).run();
    appendAudit(tx, actor, { action: "subtable.close", decision: "info", subjectType: "subCoalition", subjectId: subCoalitionId }, now);
  });
  return { ok: true };
}

/** The sub-table's field program (its first by start date), named for a link: one indexed read, no unit counts. */
export function subTableProgram(db: Db, _viewer: Viewer, input: { coalitionId: number; subCoalitionId: number }): { id: number; name: string } | null {
  return (
    (db.$client
      .prepare(`select id, name from canvass_programs where coalition_id = ? and sub_coalition_id = ? order by start_date, id limit 1`)
      .get(input.coalitionId, input.subCoalitionId) as { id: number; name: string } | undefined) ?? null
  );
}
