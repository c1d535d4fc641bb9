import type { Db } from "../../db/client";
import { lessons } from "../../db/schema";
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "~/domain/actor";
import { NotFoundError, refuse, type Result } from "~/domain/errors";
import { withholdCampaign } from "~/domain/firewall";
import { lessonOrigin, placeKey, type EditLessonInput, type LessonInput } from "~/domain/lessons";
import type { CoalitionLevel, LessonScope, SourceKind } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { campaignInfoGate, logWithheld, type Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * What the table learned (issue 16): lessons on a cycle review, about a reviewed race and/or
 * the candidate the table backed there. Shown on the review, on the next cycles' races in the
 * same place at the same level, and on the person's other candidacies, each with where it
 * came from. Rule F2: a campaign-sourced lesson is withheld from a viewer who may not receive
 * campaign information about the race it came from or the race it is shown on.
 */

/** At most this many lessons on one race or person page (newest cycle first). */
export const MAX_LESSONS = 20;

export type LessonView = {
  id: number;
  raceId: number;
  candidateId: number | null;
  scope: LessonScope;
  body: string;
  sourceKind: SourceKind;
  sourceUrl: string | null;
  capturedAt: string | null;
  cycle: number;
  coalitionId: number;
  coalitionName: string;
  raceLabel: string;
  candidateName: string | null;
  origin: string;
  createdAt: string;
  updatedAt: string | null;
};

const SELECT = `select l.id, l.race_id as raceId, l.candidate_id as candidateId, l.scope, l.body, l.source_kind as sourceKind, l.source_url as sourceUrl,
  l.captured_at as capturedAt, l.cycle, l.coalition_id as coalitionId, co.name as coalitionName, r.office, r.state, r.district, r.chamber, r.locality, r.seat_kind as seatKind,
  c.name as candidateName, l.created_at as createdAt, l.updated_at as updatedAt
  from lessons l join coalitions co on co.id = l.coalition_id join races r on r.id = l.race_id left join candidates c on c.id = l.candidate_id`;

type Raw = Omit<LessonView, "raceLabel" | "origin"> & { office: string; state: string; district: string | null; chamber: string | null; locality: string | null; seatKind: string | null };

const view = ({ office, state, district, chamber, locality, seatKind, ...r }: Raw): LessonView => ({
  ...r,
  raceLabel: raceLabel({ office, state, district, chamber, locality, seatKind } as Parameters<typeof raceLabel>[0]),
  origin: lessonOrigin(r.cycle),
});

/**
 * Rule F2 over lessons shown on `shownOn` (a race, or null on the review where each lesson is
 * shown on its own race): withheld unless the viewer may receive campaign information about
 * both the lesson's race and that one. One read of counsel's settings for all of them.
 */
function gate(db: Db, viewer: Viewer, rows: LessonView[], shownOn: number | null, what: string): { lessons: LessonView[]; withheld: number } {
  const ask = campaignInfoGate(db, viewer, [...new Set([...rows.map((r) => r.raceId), ...(shownOn === null ? [] : [shownOn])])]);
  const withheldRaces = new Map<number, number>();
  const visible: LessonView[] = [];
  for (const r of rows) {
    const allowed = ask(r.raceId) && (shownOn === null || ask(shownOn));
    const { visible: v, withheld } = withholdCampaign([r], allowed);
    visible.push(...v);
    if (withheld) withheldRaces.set(shownOn ?? r.raceId, (withheldRaces.get(shownOn ?? r.raceId) ?? 0) + withheld);
  }
  for (const [raceId, n] of withheldRaces) logWithheld(db, viewer, raceId, what, n);
  return { lessons: visible, withheld: [...withheldRaces.values()].reduce((a, b) => a + b, 0) };
}

/** The lessons of a review's page of races (one statement), by race. */
export function lessonsOnReview(db: Db, viewer: Viewer, input: { coalitionId: number; raceIds: readonly number[] }): { byRace: Record<number, LessonView[]>; withheld: number } {
  if (input.raceIds.length === 0) return { byRace: {}, withheld: 0 };
  const rows = (
    db.$client
      .prepare(`${SELECT} where l.coalition_id = ? and l.race_id in (${input.raceIds.map(() => "?").join(",")}) and l.removed_at is null order by l.race_id, l.id`)
      .all(input.coalitionId, ...input.raceIds) as Raw[]
  ).map(view);
  const { lessons: visible, withheld } = gate(db, viewer, rows, null, "lessons of the cycle review");
  const byRace: Record<number, LessonView[]> = {};
  for (const l of visible) (byRace[l.raceId] ??= []).push(l);
  return { byRace, withheld };
}

/**
 * Lessons for a race from earlier cycles' reviews at the same level in the same place (the
 * next cycle's table for the same race), newest cycle first. Two statements.
 */
export function lessonsForRace(db: Db, viewer: Viewer, input: { coalitionId: number; raceId: number }): { lessons: LessonView[]; withheld: number } {
  const race = db.$client
    .prepare(`select r.office, r.state, r.district, r.chamber, r.locality, co.level, co.cycle from races r join coalitions co on co.id = r.coalition_id where r.id = ? and r.coalition_id = ?`)
    .get(input.raceId, input.coalitionId) as { office: string; state: string; district: string | null; chamber: string | null; locality: string | null; level: CoalitionLevel; cycle: number } | undefined;
  if (!race) throw new NotFoundError("Race");
  const rows = (
    db.$client
      .prepare(`${SELECT} where l.place_key = ? and l.cycle < ? and l.scope in ('race', 'both') and l.removed_at is null order by l.cycle desc, l.id desc limit ${MAX_LESSONS}`)
      .all(placeKey(race.level, race), race.cycle) as Raw[]
  ).map(view);
  return gate(db, viewer, rows, input.raceId, "lessons from earlier cycles");
}

/**
 * Lessons about the person behind a candidacy, from the reviews of their other candidacies
 * (the candidate page of a new candidacy) or of all of them (`includeOwn`, the person's
 * page). Two statements.
 */
export function lessonsForCandidate(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number; includeOwn?: boolean }): { lessons: LessonView[]; withheld: number } {
  const me = db.$client
    .prepare(`select c.id, c.person_id as personId, c.race_id as raceId from candidates c join races r on r.id = c.race_id where c.id = ? and r.coalition_id = ?`)
    .get(input.candidateId, input.coalitionId) as { id: number; personId: number | null; raceId: number } | undefined;
  if (!me) throw new NotFoundError("Candidate");
  const who = me.personId === null ? `l.candidate_id = @me` : `l.candidate_id in (select id from candidates where person_id = @person)`;
  const rows = (
    db.$client
      .prepare(
        `${SELECT} where ${who} ${input.includeOwn ? "" : "and l.candidate_id <> @me"} and l.scope in ('person', 'both') and l.removed_at is null order by l.cycle desc, l.id desc limit ${MAX_LESSONS}`,
      )
      .all({ me: me.id, person: me.personId }) as Raw[]
  ).map(view);
  return gate(db, viewer, rows, me.raceId, "lessons about the candidate");
}

/** The candidate the review backs in a race with results: most endorsing partners, then the one with a sub-table. */
function backedCandidate(db: Pick<Db, "$client">, raceId: number): number | null {
  const row = db.$client
    .prepare(
      `select er.candidate_id as id from election_results er left join candidate_tallies t on t.candidate_id = er.candidate_id left join sub_coalitions s on s.candidate_id = er.candidate_id
       where er.race_id = ? group by er.candidate_id order by max(coalesce(t.endorsers, 0)) desc, max(s.id) is null, er.candidate_id limit 1`,
    )
    .get(raceId) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Adds a lesson to a reviewed race (one with a result), in one IMMEDIATE transaction with its checks and an audit row. */
export function addLesson(db: Db, actor: Actor, input: { coalitionId: number } & LessonInput, now: Date = new Date()): Result<{ lessonId: number }> {
  return db.transaction(
    (tx): Result<{ lessonId: number }> => {
      // raw reads go through the same connection, inside this transaction
      const race = db.$client
        .prepare(`select r.id, r.office, r.state, r.district, r.chamber, r.locality, co.level, co.cycle from races r join coalitions co on co.id = r.coalition_id where r.id = ? and r.coalition_id = ?`)
        .get(input.raceId, input.coalitionId) as { id: number; office: string; state: string; district: string | null; chamber: string | null; locality: string | null; level: CoalitionLevel; cycle: number } | undefined;
      if (!race) throw new NotFoundError("Race");
      const candidateId = backedCandidate(db, race.id);
      if (candidateId === null) return refuse("raceId", "Lessons go on races with a result: record the race's results first.");
      const at = now.toISOString();
      const row = tx
        .insert(lessons)
        .values({
          coalitionId: input.coalitionId,
          raceId: race.id,
          candidateId,
          scope: input.scope,
          cycle: race.cycle,
          placeKey: placeKey(race.level, race),
          body: input.body,
          sourceKind: input.sourceKind,
          sourceUrl: input.sourceUrl,
          capturedAt: input.capturedAt,
          createdBy: actor.id,
          createdAt: at,
        })
        .returning({ id: lessons.id })
        .get();
      // the audit row names the source, never the words (they may be a campaign's, rule F2)
      appendAudit(tx, actor, { action: "lesson.add", decision: "info", raceId: race.id, subjectType: "lesson", subjectId: row.id, detail: `about the ${input.scope}, from a ${input.sourceKind} source` }, now);
      return { ok: true, lessonId: row.id };
    },
    { behavior: "immediate" },
  );
}

function liveLesson(tx: Pick<Db, "select">, coalitionId: number, lessonId: number) {
  const row = tx
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, lessonId), eq(lessons.coalitionId, coalitionId), isNull(lessons.removedAt)))
    .get();
  if (!row) throw new NotFoundError("Lesson");
  return row;
}

/** Edits a lesson's words, scope and source (the facilitator's); audited. */
export function updateLesson(db: Db, actor: Actor, input: { coalitionId: number } & EditLessonInput, now: Date = new Date()): Result<{ lessonId: number }> {
  return db.transaction(
    (tx): Result<{ lessonId: number }> => {
      const before = liveLesson(tx, input.coalitionId, input.lessonId);
      tx.update(lessons)
        .set({ scope: input.scope, body: input.body, sourceKind: input.sourceKind, sourceUrl: input.sourceUrl, capturedAt: input.capturedAt, updatedAt: now.toISOString() })
        .where(eq(lessons.id, before.id))
        .run();
      const detail = `about the ${input.scope}, from a ${input.sourceKind} source (was about the ${before.scope}, from a ${before.sourceKind} source)`;
      appendAudit(tx, actor, { action: "lesson.edit", decision: "info", raceId: before.raceId, subjectType: "lesson", subjectId: before.id, detail }, now);
      return { ok: true, lessonId: before.id };
    },
    { behavior: "immediate" },
  );
}

/** Removes a lesson from every page (the row stays, marked removed); audited. */
export function removeLesson(db: Db, actor: Actor, input: { coalitionId: number; lessonId: number }, now: Date = new Date()): Result<{ lessonId: number }> {
  return db.transaction(
    (tx): Result<{ lessonId: number }> => {
      const before = liveLesson(tx, input.coalitionId, input.lessonId);
      tx.update(lessons).set({ removedAt: now.toISOString() }).where(eq(lessons.id, before.id)).run();
      appendAudit(tx, actor, { action: "lesson.remove", decision: "info", raceId: before.raceId, subjectType: "lesson", subjectId: before.id, detail: `from a ${before.sourceKind} source` }, now);
      return { ok: true, lessonId: before.id };
    },
    { behavior: "immediate" },
  );
}
