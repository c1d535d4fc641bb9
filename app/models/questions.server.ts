/**
 * The shared questionnaire (issue 17): the table's questions to its candidates (a table is one
 * cycle at one level), members' proposed questions the facilitator accepts or answers, each
 * partner's own questions, and the candidates' answers with their source. Answers pass rule F2
 * exactly as notes do: a campaign answer about race R is withheld from R's independent-side
 * viewers, counted and logged once per request.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { questionAnswers, questions, type Question, type QuestionAnswer } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import type { Result } from "~/domain/errors";
import { NotFoundError } from "~/domain/errors";
import { withholdCampaign } from "~/domain/firewall";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { answerSourceProblem, questionOwner, type AnswerInput } from "~/domain/questions";
import type { ProposalStatus, SourceKind } from "~/domain/vocabulary";
import { can, partnersOf } from "~/domain/permissions";
import { appendAudit } from "./audit.server";
import { q, qAll } from "./concerns.server";
import { campaignInfoGate, logWithheld } from "./firewall.server";
import type { Tx } from "./meetings.server";

/** A two-part sort key from a cursor, or null when the cursor is not one of ours. */
export function cursorKey(cursor: Cursor | null | undefined, types: readonly ("string" | "number")[]): Cursor | null {
  const k = cursor?.key;
  return cursor && k && k.length === types.length && k.every((v, i) => typeof v === types[i]) ? cursor : null;
}

function nextPosition(tx: Tx | Db, coalitionId: number): number {
  return (q<{ n: number }>(tx, "select coalesce(max(position), 0) as n from questions where coalition_id = ? and status = 'accepted'", coalitionId)?.n ?? 0) + 1;
}

function seatedPartner(tx: Tx | Db, coalitionId: number, partnerId: number) {
  return q<{ shortName: string }>(tx, "select p.short_name as shortName from partners p join coalition_partners cp on cp.partner_id = p.id where cp.coalition_id = ? and p.id = ?", coalitionId, partnerId);
}

/** The facilitator adds a question of the table's own; it goes last in the questionnaire. */
export function addQuestion(db: Db, actor: Actor, input: { coalitionId: number; text: string }, now = new Date()): Result<{ question: Question }> {
  return db.transaction(
    (tx) => {
      const question = tx
        .insert(questions)
        .values({ coalitionId: input.coalitionId, status: "accepted", position: nextPosition(tx, input.coalitionId), text: input.text, createdBy: actor.id, createdAt: now.toISOString() })
        .returning()
        .get();
      appendAudit(tx, actor, { action: "question.add", decision: "info", subjectType: "question", subjectId: question.id, detail: input.text.slice(0, 120) }, now);
      return { ok: true as const, question };
    },
    { behavior: "immediate" },
  );
}

/**
 * A member's representative proposes a question to the table (it waits for the facilitator), or
 * adds one of its own partner's (`own`: in the questionnaire at once, marked as the partner's).
 */
export function proposeQuestion(db: Db, actor: Actor, input: { coalitionId: number; partnerId: number; text: string; why: string | null; own: boolean }, now = new Date()): Result<{ question: Question }> {
  return db.transaction(
    (tx) => {
      if (!seatedPartner(tx, input.coalitionId, input.partnerId)) return { ok: false as const, field: "partnerId", message: "Choose a partner seated at this table." };
      const question = tx
        .insert(questions)
        .values({
          coalitionId: input.coalitionId,
          partnerId: input.own ? input.partnerId : null,
          proposedBy: input.own ? null : input.partnerId,
          status: input.own ? "accepted" : "proposed",
          position: input.own ? nextPosition(tx, input.coalitionId) : 0,
          text: input.text,
          why: input.why,
          createdBy: actor.id,
          createdAt: now.toISOString(),
        })
        .returning()
        .get();
      appendAudit(tx, actor, { action: input.own ? "question.own" : "question.propose", decision: "info", partnerId: input.partnerId, subjectType: "question", subjectId: question.id, detail: input.text.slice(0, 120) }, now);
      return { ok: true as const, question };
    },
    { behavior: "immediate" },
  );
}

function proposal(tx: Tx | Db, coalitionId: number, questionId: number) {
  return tx.select().from(questions).where(and(eq(questions.id, questionId), eq(questions.coalitionId, coalitionId))).get();
}

/** The facilitator accepts a member's proposed question into the table's questionnaire (last), or answers it with a reply (declines). */
export function decideQuestion(db: Db, actor: Actor, input: { coalitionId: number; questionId: number; accept: boolean; reply?: string | null }, now = new Date()): Result<{ question: Question }> {
  return db.transaction(
    (tx) => {
      const found = proposal(tx, input.coalitionId, input.questionId);
      if (!found || found.removedAt) return { ok: false as const, field: "id", message: "Choose a proposed question of this table." };
      if (found.status !== "proposed") return { ok: false as const, field: "id", message: `This question was already ${found.status}.` };
      const question = tx
        .update(questions)
        .set(
          input.accept
            ? { status: "accepted", position: nextPosition(tx, input.coalitionId), reply: input.reply ?? null, decidedBy: actor.id, decidedAt: now.toISOString() }
            : { status: "declined", reply: input.reply ?? null, decidedBy: actor.id, decidedAt: now.toISOString() },
        )
        .where(eq(questions.id, found.id))
        .returning()
        .get();
      appendAudit(tx, actor, { action: input.accept ? "question.accept" : "question.decline", decision: "info", partnerId: found.proposedBy, subjectType: "question", subjectId: found.id, detail: found.text.slice(0, 120) }, now);
      return { ok: true as const, question };
    },
    { behavior: "immediate" },
  );
}

/** A question of this table, for the route's permission check (whose it is); 404 when it is not here. */
// every read takes the viewer; a question's words are the table's, shown to everyone at it
export function questionOf(db: Db, _viewer: Viewer, input: { coalitionId: number; questionId: number }): Question {
  const found = proposal(db, input.coalitionId, input.questionId);
  if (!found || found.removedAt) throw new NotFoundError("Question");
  return found;
}

/** Takes a question out of the questionnaire (the facilitator; a partner's own question, also its representative). Its answers stay in the database, unshown. */
export function removeQuestion(db: Db, actor: Actor, input: { coalitionId: number; questionId: number }, now = new Date()): Result<object> {
  return db.transaction(
    (tx) => {
      const found = proposal(tx, input.coalitionId, input.questionId);
      if (!found || found.removedAt) return { ok: false as const, field: "questionId", message: "Choose a question of this table." };
      tx.update(questions).set({ removedAt: now.toISOString() }).where(eq(questions.id, found.id)).run();
      appendAudit(tx, actor, { action: "question.remove", decision: "info", partnerId: found.partnerId, subjectType: "question", subjectId: found.id, detail: found.text.slice(0, 120) }, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * Records (or replaces) a candidate's answer to an accepted question, with its source: the
 * source rule (answerSourceProblem) is checked here too, whatever the form said.
 */
export function recordAnswer(db: Db, actor: Actor, input: AnswerInput & { coalitionId: number }, now = new Date()): Result<{ answer: QuestionAnswer }> {
  const problem = answerSourceProblem({ sourceKind: input.sourceKind, sourceUrl: input.sourceUrl, capturedAt: input.capturedAt });
  if (problem) return { ok: false, ...problem };
  return db.transaction(
    (tx) => {
      const question = proposal(tx, input.coalitionId, input.questionId);
      if (!question || question.removedAt || question.status !== "accepted") return { ok: false as const, field: "questionId", message: "Choose a question of this table's questionnaire." };
      const candidate = q<{ id: number; raceId: number; name: string }>(tx, "select c.id, c.race_id as raceId, c.name from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.id = ?", input.coalitionId, input.candidateId);
      if (!candidate) return { ok: false as const, field: "candidateId", message: "Choose a candidate at this table." };
      const values = {
        body: input.body,
        sourceKind: input.sourceKind as SourceKind,
        sourceUrl: input.sourceKind === "public" ? input.sourceUrl : null,
        capturedAt: input.sourceKind === "public" ? input.capturedAt : null,
        recordedBy: actor.id,
        recordedAt: now.toISOString(),
      };
      const answer = tx
        .insert(questionAnswers)
        .values({ questionId: question.id, candidateId: candidate.id, raceId: candidate.raceId, ...values })
        .onConflictDoUpdate({ target: [questionAnswers.questionId, questionAnswers.candidateId], set: values })
        .returning()
        .get();
      appendAudit(tx, actor, { action: "question.answer", decision: "info", partnerId: question.partnerId, raceId: candidate.raceId, subjectType: "question", subjectId: question.id, detail: `${candidate.name}'s answer (${input.sourceKind})` }, now);
      return { ok: true as const, answer };
    },
    { behavior: "immediate" },
  );
}

export type QuestionRow = {
  id: number;
  text: string;
  why: string | null;
  partnerId: number | null;
  partnerShortName: string | null;
  proposedByShortName: string | null;
  position: number;
  owner: string;
};

const QUESTION_COLUMNS = `qn.id, qn.text, qn.why, qn.partner_id as partnerId, p.short_name as partnerShortName, pb.short_name as proposedByShortName, qn.position`;
const QUESTION_JOINS = `left join partners p on p.id = qn.partner_id left join partners pb on pb.id = qn.proposed_by`;

/** One keyset page of the questionnaire, in its order (by position, id), with the total. */
function questionPage(db: Db, coalitionId: number, cursor: Cursor | null | undefined, limit: number) {
  const c = cursorKey(cursor, ["number", "number"]);
  const back = c?.dir === "before";
  const where = "qn.coalition_id = ? and qn.status = 'accepted' and qn.removed_at is null";
  const fetched = qAll<Omit<QuestionRow, "owner">>(
    db,
    `select ${QUESTION_COLUMNS} from questions qn ${QUESTION_JOINS}
     where ${where}${c ? ` and (qn.position, qn.id) ${back ? "<" : ">"} (?, ?)` : ""}
     order by qn.position ${back ? "desc" : "asc"}, qn.id ${back ? "desc" : "asc"} limit ?`,
    coalitionId,
    ...(c ? c.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, c, (r) => [r.position, r.id]);
  const total = q<{ n: number }>(db, `select count(*) as n from questions qn where ${where}`, coalitionId)?.n ?? 0;
  return { ...page, rows: page.rows.map((r) => ({ ...r, owner: questionOwner(r) })), total };
}

/** The questionnaire: the table's and partners' accepted questions, paged in order. */
// every read takes the viewer; questions carry no race's campaign information (answers do)
export function listQuestionnaire(db: Db, _viewer: Viewer, input: { coalitionId: number; cursor?: Cursor | null; limit?: number }) {
  return questionPage(db, input.coalitionId, input.cursor, input.limit ?? PAGE_SIZE);
}

export type ProposalRow = { id: number; text: string; why: string | null; proposedByShortName: string | null; status: ProposalStatus; reply: string | null; createdAt: string; decidedAt: string | null };

/** Members' proposed questions to the table, newest first: waiting (`proposed`) or answered (`declined`). */
// every read takes the viewer; a proposal is a member's words to the whole table
export function listQuestionProposals(db: Db, _viewer: Viewer, input: { coalitionId: number; status: "proposed" | "declined"; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const c = cursorKey(input.cursor, ["string", "number"]);
  const back = c?.dir === "before";
  const where = "qn.coalition_id = ? and qn.status = ? and qn.removed_at is null";
  const fetched = qAll<ProposalRow>(
    db,
    `select qn.id, qn.text, qn.why, pb.short_name as proposedByShortName, qn.status, qn.reply, qn.created_at as createdAt, qn.decided_at as decidedAt
     from questions qn left join partners pb on pb.id = qn.proposed_by
     where ${where}${c ? ` and (qn.created_at, qn.id) ${back ? ">" : "<"} (?, ?)` : ""}
     order by qn.created_at ${back ? "asc" : "desc"}, qn.id ${back ? "asc" : "desc"} limit ?`,
    input.coalitionId,
    input.status,
    ...(c ? c.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, c, (r) => [r.createdAt, r.id]);
  const total = q<{ n: number }>(db, `select count(*) as n from questions qn where ${where}`, input.coalitionId, input.status)?.n ?? 0;
  return { ...page, total };
}

/** At most this many candidates side by side (a race has a handful; the grid stays bounded). */
export const GRID_CANDIDATES = 12;

export type GridCell = { candidateId: number; answer: { body: string; sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null; recordedAt: string } | null; withheld: boolean };

/**
 * A race's answers side by side: one page of the questionnaire (rows) × the race's candidates
 * (columns). Constant statements: the question page and its count, the candidates, the
 * answers of the page's questions in this race, the firewall gate. Campaign answers are
 * withheld from the race's independent-side viewers (the cell says so), counted and logged.
 */
export function answerGrid(db: Db, viewer: Viewer, input: { coalitionId: number; raceId: number; cursor?: Cursor | null; limit?: number }) {
  const page = questionPage(db, input.coalitionId, input.cursor, input.limit ?? PAGE_SIZE);
  const candidates = qAll<{ id: number; name: string; party: string }>(db, "select id, name, party from candidates where race_id = ? order by name, id limit ?", input.raceId, GRID_CANDIDATES + 1);
  const shown = candidates.slice(0, GRID_CANDIDATES);
  const ids = page.rows.map((r) => r.id);
  const answers = ids.length
    ? db
        .select()
        .from(questionAnswers)
        .where(and(eq(questionAnswers.raceId, input.raceId), sql`${questionAnswers.questionId} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`))
        .all()
    : [];
  const allowed = answers.some((a) => a.sourceKind === "campaign") ? campaignInfoGate(db, viewer, [input.raceId])(input.raceId) : true;
  const { visible, withheld } = withholdCampaign(answers, allowed);
  const byKey = new Map(visible.map((a) => [`${a.questionId}:${a.candidateId}`, a]));
  const hidden = new Set(answers.filter((a) => a.sourceKind === "campaign" && !allowed).map((a) => `${a.questionId}:${a.candidateId}`));
  logWithheld(db, viewer, input.raceId, `questionnaire answers in race ${input.raceId}`, withheld);
  const rows = page.rows.map((r) => ({
    ...r,
    cells: shown.map((c): GridCell => {
      const a = byKey.get(`${r.id}:${c.id}`);
      return { candidateId: c.id, answer: a ? { body: a.body, sourceKind: a.sourceKind, sourceUrl: a.sourceUrl, capturedAt: a.capturedAt, recordedAt: a.recordedAt } : null, withheld: hidden.has(`${r.id}:${c.id}`) };
    }),
  }));
  return { rows, candidates: shown, moreCandidates: candidates.length > GRID_CANDIDATES, withheld, total: page.total, next: page.next, prev: page.prev };
}

/** The seated partners this person may propose for at this table (its representatives' own), by short name. */
export function proposingPartners(db: Db, viewer: Viewer, input: { coalitionId: number }): { id: number; shortName: string; name: string }[] {
  if (viewer === "system") return [];
  const ids = partnersOf(viewer).filter((partnerId) => can(viewer, { action: "question.propose", coalitionId: input.coalitionId, partnerId }).ok);
  if (ids.length === 0) return [];
  return qAll(db, `select p.id, p.short_name as shortName, p.name from partners p where p.id in (${ids.map(() => "?").join(",")}) order by p.short_name`, ...ids);
}
