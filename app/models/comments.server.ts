/**
 * Comments on a candidate or a sub-table (issue 17): anyone at the table speaks on a
 * candidate, a sub-table's members and neutral staff on the sub-table. A comment carries its
 * source and passes rule F2 exactly as a note does: a campaign comment about race R is
 * withheld from R's independent-side viewers, counted and logged once per request. Its author
 * edits or deletes its own (a deleted comment is kept, unshown, for the trail).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { comments, type Comment } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { NotFoundError, type Result } from "~/domain/errors";
import { withholdCampaign } from "~/domain/firewall";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { can, partnersOf } from "~/domain/permissions";
import type { CommentView } from "~/domain/proposals";
import type { SourceKind } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { q, qAll } from "./concerns.server";
import { campaignInfoGate, logWithheld } from "./firewall.server";
import type { Tx } from "./meetings.server";
import { cursorKey } from "./questions.server";

export type CommentOn = { candidateId: number } | { subCoalitionId: number };
type Source = { sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null };

/** The race a comment's subject is in, checked to be at this table; null when it is not here. */
function raceOf(tx: Tx | Db, coalitionId: number, on: CommentOn): number | null {
  if ("candidateId" in on) return q<{ r: number }>(tx, "select c.race_id as r from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.id = ?", coalitionId, on.candidateId)?.r ?? null;
  return q<{ r: number }>(tx, "select c.race_id as r from sub_coalitions s join candidates c on c.id = s.candidate_id where s.coalition_id = ? and s.id = ?", coalitionId, on.subCoalitionId)?.r ?? null;
}

function isMember(tx: Tx | Db, subCoalitionId: number, partnerIds: readonly number[]): boolean {
  if (partnerIds.length === 0) return false;
  return q(tx, `select 1 as x from sub_coalition_members where sub_coalition_id = ? and left_at is null and partner_id in (${partnerIds.map(() => "?").join(",")})`, subCoalitionId, ...partnerIds) !== undefined;
}

/**
 * Who reads a sub-table's comments: its current members' people and neutral staff (the
 * table's facilitator, the admin; the system). A candidate's comments are the table's.
 */
export function mayReadComments(db: Db, viewer: Viewer, input: { coalitionId: number; on: CommentOn }): boolean {
  if (viewer === "system" || "candidateId" in input.on) return true;
  if (can(viewer, { action: "table.manage", coalitionId: input.coalitionId }).ok) return true;
  return isMember(db, input.on.subCoalitionId, partnersOf(viewer));
}

/** Writes a comment, for a member (its people) or as neutral staff (partnerId null); on a sub-table the member must be in it. */
export function addComment(db: Db, actor: Actor, input: { coalitionId: number; on: CommentOn; partnerId: number | null; body: string } & Source, now = new Date()): Result<{ comment: Comment }> {
  return db.transaction(
    (tx) => {
      const raceId = raceOf(tx, input.coalitionId, input.on);
      if (raceId === null) throw new NotFoundError("candidate" in input.on ? "Candidate" : "Sub-table");
      if (input.partnerId !== null && "subCoalitionId" in input.on && !isMember(tx, input.on.subCoalitionId, [input.partnerId])) {
        return { ok: false as const, field: "partnerId", message: "Only a current member of this sub-table comments on it." };
      }
      const comment = tx
        .insert(comments)
        .values({
          coalitionId: input.coalitionId,
          candidateId: "candidateId" in input.on ? input.on.candidateId : null,
          subCoalitionId: "subCoalitionId" in input.on ? input.on.subCoalitionId : null,
          raceId,
          partnerId: input.partnerId,
          body: input.body,
          sourceKind: input.sourceKind,
          sourceUrl: input.sourceKind === "public" ? input.sourceUrl : null,
          capturedAt: input.sourceKind === "public" ? input.capturedAt : null,
          authorId: actor.id,
          createdAt: now.toISOString(),
        })
        .returning()
        .get();
      appendAudit(tx, actor, { action: "comment.add", decision: "info", partnerId: input.partnerId, raceId, subjectType: "comment", subjectId: comment.id, detail: `${input.sourceKind} comment` }, now);
      return { ok: true as const, comment };
    },
    { behavior: "immediate" },
  );
}

/** A live comment of this table, for the route's author check; 404 otherwise. */
// every read takes the viewer; the route shows nothing of it, it only asks whose it is
export function commentOf(db: Db, _viewer: Viewer, input: { coalitionId: number; commentId: number }): Comment {
  const c = db.select().from(comments).where(and(eq(comments.id, input.commentId), eq(comments.coalitionId, input.coalitionId), isNull(comments.deletedAt))).get();
  if (!c) throw new NotFoundError("Comment");
  return c;
}

/** Its author edits a comment's words and source (the route checks authorship, `comment.own`; checked here too). */
export function editComment(db: Db, actor: Actor, input: { coalitionId: number; commentId: number; body: string } & Source, now = new Date()): Result<{ comment: Comment }> {
  return db.transaction(
    (tx) => {
      const c = tx.select().from(comments).where(and(eq(comments.id, input.commentId), eq(comments.coalitionId, input.coalitionId), isNull(comments.deletedAt))).get();
      if (!c || c.authorId !== actor.id) return { ok: false as const, field: "commentId", message: "Only its author edits a comment." };
      const comment = tx
        .update(comments)
        .set({ body: input.body, sourceKind: input.sourceKind, sourceUrl: input.sourceKind === "public" ? input.sourceUrl : null, capturedAt: input.sourceKind === "public" ? input.capturedAt : null, editedAt: now.toISOString() })
        .where(eq(comments.id, c.id))
        .returning()
        .get();
      appendAudit(tx, actor, { action: "comment.edit", decision: "info", partnerId: c.partnerId, raceId: c.raceId, subjectType: "comment", subjectId: c.id, detail: `${input.sourceKind} comment` }, now);
      return { ok: true as const, comment };
    },
    { behavior: "immediate" },
  );
}

/** Its author deletes a comment: it is no longer shown (the row stays, with when). */
export function deleteComment(db: Db, actor: Actor, input: { coalitionId: number; commentId: number }, now = new Date()): Result<object> {
  return db.transaction(
    (tx) => {
      const c = tx.select().from(comments).where(and(eq(comments.id, input.commentId), eq(comments.coalitionId, input.coalitionId), isNull(comments.deletedAt))).get();
      if (!c || c.authorId !== actor.id) return { ok: false as const, field: "commentId", message: "Only its author deletes a comment." };
      tx.update(comments).set({ deletedAt: now.toISOString() }).where(eq(comments.id, c.id)).run();
      appendAudit(tx, actor, { action: "comment.delete", decision: "info", partnerId: c.partnerId, raceId: c.raceId, subjectType: "comment", subjectId: c.id }, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

export type CommentRow = CommentView;

/**
 * One keyset page of a candidate's or a sub-table's comments, newest first, with the total.
 * A sub-table's comments go to its members' people and neutral staff only (`hidden` otherwise);
 * campaign comments are withheld from the race's independent-side viewers (rule F2).
 */
export function listComments(db: Db, viewer: Viewer, input: { coalitionId: number; on: CommentOn; cursor?: Cursor | null; limit?: number }) {
  const empty = { rows: [] as CommentRow[], total: 0, withheld: 0, next: null as string | null, prev: null as string | null };
  if (!mayReadComments(db, viewer, input)) return { ...empty, hidden: true };
  const limit = input.limit ?? PAGE_SIZE;
  const c = cursorKey(input.cursor, ["string", "number"]);
  const back = c?.dir === "before";
  const [column, id] = "candidateId" in input.on ? ["candidate_id", input.on.candidateId] : ["sub_coalition_id", input.on.subCoalitionId];
  const where = `cm.coalition_id = ? and cm.${column} = ? and cm.deleted_at is null`;
  const fetched = qAll<CommentRow & { raceId: number }>(
    db,
    `select cm.id, cm.body, cm.source_kind as sourceKind, cm.source_url as sourceUrl, cm.captured_at as capturedAt, cm.author_id as authorId, u.name as authorName,
       p.short_name as partnerShortName, cm.created_at as createdAt, cm.edited_at as editedAt, cm.race_id as raceId
     from comments cm join users u on u.id = cm.author_id left join partners p on p.id = cm.partner_id
     where ${where}${c ? ` and (cm.created_at, cm.id) ${back ? ">" : "<"} (?, ?)` : ""}
     order by cm.created_at ${back ? "asc" : "desc"}, cm.id ${back ? "asc" : "desc"} limit ?`,
    input.coalitionId,
    id,
    ...(c ? c.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, c, (r) => [r.createdAt, r.id]);
  const total = q<{ n: number }>(db, `select count(*) as n from comments cm where ${where}`, input.coalitionId, id)?.n ?? 0;
  // one subject, one race: the gate is asked once, only when there is campaign content on the page
  const raceId = page.rows[0]?.raceId ?? null;
  const allowed = page.rows.some((r) => r.sourceKind === "campaign") ? campaignInfoGate(db, viewer, [raceId])(raceId) : true;
  const { visible, withheld } = withholdCampaign(page.rows, allowed);
  logWithheld(db, viewer, raceId, `comments on ${"candidateId" in input.on ? `candidate ${id}` : `sub-table ${id}`}`, withheld);
  const rows: CommentRow[] = visible.map(({ raceId: _race, ...r }) => r);
  return { rows, total, withheld, next: page.next, prev: page.prev, hidden: false };
}

/** Whom this person may comment for at this table: the seated partners it acts for, and whether it may speak as neutral staff. */
export function commentVoices(db: Db, viewer: Viewer, input: { coalitionId: number }) {
  if (viewer === "system") return { partners: [], asStaff: false };
  const ids = partnersOf(viewer).filter((partnerId) => can(viewer, { action: "comment.write", coalitionId: input.coalitionId, partnerId }).ok);
  const partners = ids.length ? qAll<{ id: number; shortName: string }>(db, `select id, short_name as shortName from partners where id in (${ids.map(() => "?").join(",")}) order by short_name`, ...ids) : [];
  return { partners, asStaff: can(viewer, { action: "comment.write", coalitionId: input.coalitionId, partnerId: null }).ok };
}
