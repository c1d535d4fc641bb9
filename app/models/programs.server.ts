import { and, asc, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, canvassPrograms, programGoals, races, subCoalitionMembers, subCoalitions, type CanvassProgram, type Race } from "../../db/schema";
import { WORK_TYPES, type WorkType } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { can, partnersOf } from "~/domain/permissions";
import type { ProgramInput } from "~/domain/field-forms";
import { appendAudit } from "./audit.server";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { listAffiliates, type AffiliateRow } from "./partners.server";

/** Where a program is: its table and its id (an id of another table's program is a 404). */
export type ProgramRef = { coalitionId: number; programId: number };

export type ProgramSummary = CanvassProgram & {
  candidateName: string;
  raceOffice: string;
  raceState: string;
  raceDistrict: string | null;
  unitCount: number;
};

export type ProgramDetail = {
  program: CanvassProgram;
  candidateName: string;
  race: Race;
  /** Goals in work-type order; work types without a goal are left out. */
  goals: { workType: WorkType; target: number }[];
};

const DUPLICATE_PROGRAM = { ok: false as const, field: "name", message: "This sub-table already has a program." };

function goalRows(programId: number, goals: ProgramInput["goals"]) {
  return WORK_TYPES.filter((w) => goals[w] !== undefined).map((workType) => ({ programId, workType, target: goals[workType]! }));
}

/**
 * A table's programs, soonest start first (of one sub-table, when given). A program is seen
 * by anyone who may see the table, so the viewer is taken for the rule's sake.
 */
export function listPrograms(db: Db, _viewer: Viewer, { coalitionId, subCoalitionId }: { coalitionId: number; subCoalitionId?: number }): ProgramSummary[] {
  return db
    .select({
      program: canvassPrograms,
      candidateName: candidates.name,
      raceOffice: races.office,
      raceState: races.state,
      raceDistrict: races.district,
      unitCount: sql<number>`(select count(*) from turf_units t where t.program_id = ${canvassPrograms.id})`,
    })
    .from(canvassPrograms)
    .innerJoin(candidates, eq(candidates.id, canvassPrograms.candidateId))
    .innerJoin(races, eq(races.id, canvassPrograms.raceId))
    .where(and(eq(canvassPrograms.coalitionId, coalitionId), subCoalitionId ? eq(canvassPrograms.subCoalitionId, subCoalitionId) : undefined))
    .orderBy(asc(canvassPrograms.startDate), asc(canvassPrograms.id))
    .all()
    .map(({ program, ...rest }) => ({ ...program, ...rest }));
}

/** A table's programs as links (id, name, candidate), soonest start first: listPrograms without counting each one's turf. */
export function programLinks(db: Db, _viewer: Viewer, { coalitionId }: { coalitionId: number }): { id: number; name: string; candidateName: string }[] {
  return db
    .select({ id: canvassPrograms.id, name: canvassPrograms.name, candidateName: candidates.name })
    .from(canvassPrograms)
    .innerJoin(candidates, eq(candidates.id, canvassPrograms.candidateId))
    .where(eq(canvassPrograms.coalitionId, coalitionId))
    .orderBy(asc(canvassPrograms.startDate), asc(canvassPrograms.id))
    .all();
}

/**
 * One keyset page of a table's programs (by start date), optionally of races in one state,
 * with the number that match (issue 11).
 */
// every read takes the viewer; a program's name, dates and candidate are table-wide
export function pagePrograms(db: Db, _viewer: Viewer, input: { coalitionId: number; state?: string | null; cursor?: Cursor | null; limit?: number }): KeysetPage<ProgramSummary> & { total: number } {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const where = and(eq(canvassPrograms.coalitionId, input.coalitionId), input.state ? eq(races.state, input.state) : undefined);
  const keyCond = cursor
    ? backwards
      ? sql`(${canvassPrograms.startDate}, ${canvassPrograms.id}) < (${cursor.key[0]}, ${cursor.key[1]})`
      : sql`(${canvassPrograms.startDate}, ${canvassPrograms.id}) > (${cursor.key[0]}, ${cursor.key[1]})`
    : undefined;
  const fetched = db
    .select({
      program: canvassPrograms,
      candidateName: candidates.name,
      raceOffice: races.office,
      raceState: races.state,
      raceDistrict: races.district,
      unitCount: sql<number>`(select count(*) from turf_units t where t.program_id = ${canvassPrograms.id})`,
    })
    .from(canvassPrograms)
    .innerJoin(candidates, eq(candidates.id, canvassPrograms.candidateId))
    .innerJoin(races, eq(races.id, canvassPrograms.raceId))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(canvassPrograms.startDate), desc(canvassPrograms.id)] : [asc(canvassPrograms.startDate), asc(canvassPrograms.id)]))
    .limit(limit + 1)
    .all()
    .map(({ program, ...rest }) => ({ ...program, ...rest }));
  const page = keysetPage(fetched, limit, cursor, (p) => [p.startDate, p.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(canvassPrograms).innerJoin(races, eq(races.id, canvassPrograms.raceId)).where(where).get()?.n ?? 0;
  return { ...page, total };
}

/** How many sub-tables the "Start a program" choice offers at most (the soonest primaries; a state filter narrows it). */
export const STARTABLE_LIMIT = 100;

/**
 * Open sub-tables without a program that this person may start one for (program.manage): all
 * of them for the facilitator and the admin, those with a member partner they represent for a
 * representative. One statement, at most STARTABLE_LIMIT rows, soonest primary first; every row
 * is checked again with can() (fail closed).
 */
export function startableSubTables(db: Db, viewer: Viewer, input: { coalitionId: number; today: string; state?: string | null }) {
  const { coalitionId, today } = input;
  const everyone = viewer === "system" || can(viewer, { action: "program.manage", coalitionId, memberPartnerIds: [] }).ok;
  const mine = viewer === "system" ? [] : partnersOf(viewer).filter((id) => can(viewer, { action: "program.manage", coalitionId, memberPartnerIds: [id] }).ok);
  const membersOf = sql<string | null>`(select group_concat(m.partner_id) from sub_coalition_members m where m.sub_coalition_id = ${subCoalitions.id} and m.left_at is null)`;
  const rows = db
    .select({ id: subCoalitions.id, candidateName: candidates.name, raceState: races.state, raceDistrict: races.district, members: membersOf })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(
      and(
        eq(subCoalitions.coalitionId, coalitionId),
        isNull(subCoalitions.closedAt),
        sql`coalesce(${subCoalitions.activeUntil}, ${races.primaryDate}) >= ${today}`,
        input.state ? eq(races.state, input.state) : undefined,
        sql`not exists (select 1 from canvass_programs p where p.sub_coalition_id = ${subCoalitions.id})`,
        everyone
          ? undefined
          : mine.length
            ? sql`exists (select 1 from sub_coalition_members m where m.sub_coalition_id = ${subCoalitions.id} and m.left_at is null and m.partner_id in (${sql.join(mine.map((id) => sql`${id}`), sql`, `)}))`
            : sql`0`,
      ),
    )
    .orderBy(asc(races.primaryDate), asc(candidates.name), asc(subCoalitions.id))
    .limit(STARTABLE_LIMIT)
    .all();
  return rows
    .filter((r) => viewer === "system" || can(viewer, { action: "program.manage", coalitionId, memberPartnerIds: (r.members ?? "").split(",").filter(Boolean).map(Number) }).ok)
    .map((r) => ({ id: r.id, label: `${r.candidateName} (${r.raceState}${r.raceDistrict ? `-${r.raceDistrict}` : ""})` }));
}

/**
 * A program of this table with its candidate, race and goals; unknown or another table's id
 * → 404. The models' writes read it as "system" (the route has checked the permission).
 */
export function getProgram(db: Db, _viewer: Viewer, { coalitionId, programId }: ProgramRef): ProgramDetail {
  const row = db
    .select({ program: canvassPrograms, candidateName: candidates.name, race: races })
    .from(canvassPrograms)
    .innerJoin(candidates, eq(candidates.id, canvassPrograms.candidateId))
    .innerJoin(races, eq(races.id, canvassPrograms.raceId))
    .where(and(eq(canvassPrograms.id, programId), eq(canvassPrograms.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Program");
  const goals = db
    .select({ workType: programGoals.workType, target: programGoals.target })
    .from(programGoals)
    .where(eq(programGoals.programId, programId))
    .all()
    .sort((a, b) => WORK_TYPES.indexOf(a.workType) - WORK_TYPES.indexOf(b.workType));
  return { ...row, goals };
}

/**
 * Creates a sub-table's program for its candidate, with its goals, in one transaction.
 * One program per sub-table (unique index); a closed sub-table gets none.
 */
export function createProgram(db: Db, actor: Actor, input: ProgramInput & { coalitionId: number; subCoalitionId: number }): Result<{ program: CanvassProgram }> {
  const { coalitionId, subCoalitionId } = input;
  const sub = db
    .select({ sub: subCoalitions, raceId: candidates.raceId })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .where(and(eq(subCoalitions.id, subCoalitionId), eq(subCoalitions.coalitionId, coalitionId)))
    .get();
  if (!sub) throw new NotFoundError("Sub-table");
  if (sub.sub.closedAt) return { ok: false, field: "name", message: "This sub-table is closed: it cannot start a program." };
  try {
    return db.transaction((tx) => {
      if (tx.select({ id: canvassPrograms.id }).from(canvassPrograms).where(eq(canvassPrograms.subCoalitionId, subCoalitionId)).get()) return DUPLICATE_PROGRAM;
      const program = tx
        .insert(canvassPrograms)
        .values({
          coalitionId,
          subCoalitionId,
          candidateId: sub.sub.candidateId,
          raceId: sub.raceId,
          name: input.name,
          startDate: input.startDate,
          endDate: input.endDate,
          side: input.side,
          createdBy: actor.id,
        })
        .returning()
        .get();
      const goals = goalRows(program.id, input.goals);
      if (goals.length) tx.insert(programGoals).values(goals).run();
      appendAudit(tx, actor, { action: "program.create", decision: "info", raceId: sub.raceId, subjectType: "canvassProgram", subjectId: program.id, detail: input.name });
      return { ok: true as const, program };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_PROGRAM;
    throw err;
  }
}

/** Edits a program's name, dates, side and goals (goals are replaced), in one transaction. */
export function updateProgram(db: Db, actor: Actor, input: ProgramInput & ProgramRef): Result<{ program: CanvassProgram }> {
  const { programId } = input;
  const before = getProgram(db, "system", input);
  return db.transaction((tx) => {
    const program = tx
      .update(canvassPrograms)
      .set({ name: input.name, startDate: input.startDate, endDate: input.endDate, side: input.side })
      .where(eq(canvassPrograms.id, programId))
      .returning()
      .get();
    tx.delete(programGoals).where(eq(programGoals.programId, programId)).run();
    const goals = goalRows(programId, input.goals);
    if (goals.length) tx.insert(programGoals).values(goals).run();
    appendAudit(tx, actor, { action: "program.update", decision: "info", raceId: before.race.id, subjectType: "canvassProgram", subjectId: programId, detail: input.name });
    return { ok: true as const, program };
  });
}

/** The sub-table's current member partners: who may manage the program and whose affiliates take part. */
export function memberPartnerIds(db: Db, _viewer: Viewer, { subCoalitionId }: { subCoalitionId: number }): number[] {
  return db
    .select({ partnerId: subCoalitionMembers.partnerId })
    .from(subCoalitionMembers)
    .where(and(eq(subCoalitionMembers.subCoalitionId, subCoalitionId), isNull(subCoalitionMembers.leftAt)))
    .orderBy(asc(subCoalitionMembers.partnerId))
    .all()
    .map((m) => m.partnerId);
}

/**
 * The affiliates taking part in a program, the one definition every part of field work uses
 * (pledges, the split, hosts and co-hosts of shifts, recruiters, results, exports): the
 * affiliates in the race's state of the sub-table's current member partners (seated at the
 * table), with their coverage, by partner and name. Coverage down to the district or county
 * is the split's business; the state keeps another state's chapters off the program.
 */
export function programAffiliates(db: Db, viewer: Viewer, { program, race }: Pick<ProgramDetail, "program" | "race">): (AffiliateRow & { remote: boolean })[] {
  const members = new Set(memberPartnerIds(db, viewer, { subCoalitionId: program.subCoalitionId }));
  // the race's state's affiliates, those of other states that joined the program remotely, and its regional allies (issue 13)
  return listAffiliates(db, viewer, { coalitionId: program.coalitionId, state: race.state, orRemoteOfProgram: program.id })
    .filter((a) => members.has(a.partnerId) || a.ally)
    .map((a) => ({ ...a, remote: a.state !== race.state }));
}
