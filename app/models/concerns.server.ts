/**
 * Concerns with reasons (issue 17). A member raises one in writing, with its reason, about a
 * candidate, a sub-table, its agreement or a decision recorded at a meeting; it blocks nothing.
 * It goes onto the next meeting's draft agenda by itself (or the next one drafted) and the
 * facilitator marks it answered once the table has discussed it. Its words carry a source
 * (rule F2): a campaign concern about race R is withheld from R's independent-side viewers,
 * and one tied to no race goes to neutral staff only, as meeting notes do.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agendaItems, concerns, type Concern } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { concernAgendaTitle, staleBefore, type ConcernAbout, type ConcernInput } from "~/domain/concerns";
import type { Result } from "~/domain/errors";
import { withholdCampaign } from "~/domain/firewall";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { formatDate } from "~/domain/dates";
import type { ConcernStatus } from "~/domain/vocabulary";
import { can, partnersOf } from "~/domain/permissions";
import { appendAudit } from "./audit.server";
import { campaignInfoGate, logWithheld } from "./firewall.server";
import type { Tx } from "./meetings.server";
import { raceLabel } from "./races.server";

type Subject = Pick<Concern, "subject" | "candidateId" | "subCoalitionId" | "agreementId" | "decisionId" | "raceId" | "about">;

/** One row of raw SQL with `?` placeholders, inside a transaction or not (drizzle's sql, so it runs on the transaction's connection). */
export function q<T>(tx: Tx | Db, text: string, ...params: unknown[]): T | undefined {
  return (tx as Db).get<T>(bound(text, params)) ?? undefined;
}
export function qAll<T>(tx: Tx | Db, text: string, ...params: unknown[]): T[] {
  return (tx as Db).all<T>(bound(text, params));
}
function bound(text: string, params: unknown[]) {
  const pieces = text.split("?");
  const query = sql.empty();
  pieces.forEach((piece, i) => {
    query.append(sql.raw(piece));
    if (i < params.length) query.append(sql`${params[i]}`);
  });
  return query;
}

/** What a concern is about, checked to be at this table, with its race and its words; null when it names nothing here. */
function resolveAbout(tx: Tx | Db, coalitionId: number, about: ConcernAbout): Subject | null {
  type Cand = { id: number; name: string; raceId: number; office: string; state: string; district: string | null };
  const candidateSql = `select c.id, c.name, c.race_id as raceId, r.office, r.state, r.district from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.id = ?`;
  const subSql = `select s.id, c.id as candidateId, c.name, c.race_id as raceId, r.office, r.state, r.district from sub_coalitions s join candidates c on c.id = s.candidate_id join races r on r.id = c.race_id where s.coalition_id = ? and s.id = ?`;
  const none = { candidateId: null, subCoalitionId: null, agreementId: null, decisionId: null };
  switch (about.subject) {
    case "candidate": {
      const c = q<Cand>(tx, candidateSql, coalitionId, about.id);
      return c ? { ...none, subject: "candidate", candidateId: c.id, raceId: c.raceId, about: `${c.name} (${raceLabel(c)})` } : null;
    }
    case "sub_table": {
      const s = q<Cand & { candidateId: number }>(tx, subSql, coalitionId, about.id);
      return s ? { ...none, subject: "sub_table", subCoalitionId: s.id, raceId: s.raceId, about: `the sub-table for ${s.name} (${raceLabel(s)})` } : null;
    }
    case "agreement": {
      const a = q<{ id: number; subId: number }>(tx, "select a.id, a.sub_coalition_id as subId from agreements a join sub_coalitions s on s.id = a.sub_coalition_id where s.coalition_id = ? and a.id = ?", coalitionId, about.id);
      const s = a && q<Cand>(tx, subSql, coalitionId, a.subId);
      return a && s ? { ...none, subject: "agreement", agreementId: a.id, subCoalitionId: a.subId, raceId: s.raceId, about: `the agreement of the sub-table for ${s.name}` } : null;
    }
    case "decision": {
      const d = q<{ id: number; text: string; subId: number | null; startsAt: string }>(
        tx,
        "select d.id, d.text, m.sub_coalition_id as subId, m.starts_at as startsAt from decisions d join meetings m on m.id = d.meeting_id where m.coalition_id = ? and d.id = ?",
        coalitionId,
        about.id,
      );
      if (!d) return null;
      const s = d.subId === null ? null : q<Cand>(tx, subSql, coalitionId, d.subId);
      const words = d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text;
      return { ...none, subject: "decision", decisionId: d.id, subCoalitionId: d.subId, raceId: s?.raceId ?? null, about: `the decision of ${formatDate(d.startsAt.slice(0, 10))} "${words}"` };
    }
  }
}

/**
 * The next meeting a concern goes to: the table's next meeting (or its sub-table's) whose
 * agenda is still a draft, after `nowIso`. A sub-table concern may go to a table meeting or to
 * its own sub-table's meeting, not to another sub-table's.
 */
export function nextDraftMeeting(tx: Tx | Db, coalitionId: number, subCoalitionId: number | null, nowIso: string) {
  return q<{ id: number; title: string }>(
    tx,
    `select id, title from meetings where coalition_id = ? and agenda_status = 'draft' and starts_at > ?
       and (sub_coalition_id is null or sub_coalition_id = ?) and kind <> 'candidate_interview'
     order by starts_at, id limit 1`,
    coalitionId,
    nowIso,
    subCoalitionId ?? -1,
  );
}

/** Appends an item to a meeting's agenda (a member's concern or notice going onto it by itself); its id. */
export function appendAgendaItem(tx: Tx, actor: Actor, meetingId: number, item: { title: string; raceId: number | null; candidateId: number | null }): number {
  const position = (q<{ n: number }>(tx, "select coalesce(max(position), 0) as n from agenda_items where meeting_id = ?", meetingId)?.n ?? 0) + 1;
  return tx.insert(agendaItems).values({ meetingId, position, ...item, createdBy: actor.id }).returning({ id: agendaItems.id }).get().id;
}

function putOnAgenda(tx: Tx, actor: Actor, meetingId: number, c: Pick<Concern, "id" | "about" | "raceId" | "candidateId">, partnerShortName: string): number {
  const id = appendAgendaItem(tx, actor, meetingId, { title: concernAgendaTitle(partnerShortName, c.about), raceId: c.candidateId ? null : c.raceId, candidateId: c.candidateId });
  tx.update(concerns).set({ agendaItemId: id }).where(eq(concerns.id, c.id)).run();
  return id;
}

/** Raises a concern for a member; it goes onto the next draft agenda at once when there is one. One IMMEDIATE transaction. */
export function raiseConcern(db: Db, actor: Actor, input: Omit<ConcernInput, "about"> & { coalitionId: number; about: ConcernAbout }, now = new Date()): Result<{ concern: Concern; meetingId: number | null }> {
  return db.transaction(
    (tx) => {
      const subject = resolveAbout(tx, input.coalitionId, input.about);
      if (!subject) return { ok: false as const, field: "about", message: "Choose something at this table: a candidate, a sub-table, its agreement or a decision." };
      const partner = q<{ shortName: string }>(tx, "select p.short_name as shortName from partners p join coalition_partners cp on cp.partner_id = p.id where cp.coalition_id = ? and p.id = ?", input.coalitionId, input.partnerId);
      if (!partner) return { ok: false as const, field: "partnerId", message: "Choose a partner seated at this table." };
      const nowIso = now.toISOString();
      const concern = tx
        .insert(concerns)
        .values({
          coalitionId: input.coalitionId,
          partnerId: input.partnerId,
          ...subject,
          concern: input.concern,
          reason: input.reason,
          sourceKind: input.sourceKind,
          sourceUrl: input.sourceKind === "public" ? input.sourceUrl : null,
          capturedAt: input.sourceKind === "public" ? input.capturedAt : null,
          raisedBy: actor.id,
          createdAt: nowIso,
        })
        .returning()
        .get();
      const meeting = nextDraftMeeting(tx, input.coalitionId, subject.subCoalitionId, nowIso);
      const agendaItemId = meeting ? putOnAgenda(tx, actor, meeting.id, concern, partner.shortName) : null;
      appendAudit(
        tx,
        actor,
        { action: "concern.raise", decision: "info", partnerId: input.partnerId, raceId: subject.raceId, subjectType: "concern", subjectId: concern.id, detail: `about ${subject.about}${meeting ? `; on the agenda of ${meeting.title}` : ""}` },
        now,
      );
      return { ok: true as const, concern: { ...concern, agendaItemId }, meetingId: meeting?.id ?? null };
    },
    { behavior: "immediate" },
  );
}

/** At most this many waiting concerns go onto one drafted agenda. */
const AGENDA_CONCERNS = 100;

/**
 * Puts the concerns still waiting for an agenda (open, on none) onto this meeting's draft
 * agenda, oldest first: the prefill calls it inside its transaction. Returns how many.
 */
export function scheduleWaitingConcerns(tx: Tx, actor: Actor, meeting: { id: number; coalitionId: number; subCoalitionId: number | null; startsAt: string }): number {
  const waiting = qAll<{ id: number; about: string; raceId: number | null; candidateId: number | null; shortName: string }>(
    tx,
    `select c.id, c.about, c.race_id as raceId, c.candidate_id as candidateId, p.short_name as shortName from concerns c join partners p on p.id = c.partner_id
     where c.coalition_id = ? and c.status = 'open' and c.agenda_item_id is null and c.created_at < ?
       and (? is null or c.sub_coalition_id = ?)
     order by c.created_at, c.id limit ?`,
    meeting.coalitionId,
    meeting.startsAt,
    meeting.subCoalitionId,
    meeting.subCoalitionId,
    AGENDA_CONCERNS,
  );
  for (const c of waiting) putOnAgenda(tx, actor, meeting.id, c, c.shortName);
  return waiting.length;
}

/** Marks a concern answered (the facilitator, once discussed), with what the table said and the meeting it was discussed at. */
export function answerConcern(db: Db, actor: Actor, input: { coalitionId: number; concernId: number; answer: string | null }, now = new Date()): Result<object> {
  return db.transaction(
    (tx) => {
      const c = tx.select().from(concerns).where(and(eq(concerns.id, input.concernId), eq(concerns.coalitionId, input.coalitionId))).get();
      if (!c) return { ok: false as const, field: "concernId", message: "Choose a concern of this table." };
      if (c.status === "answered") return { ok: false as const, field: "concernId", message: "This concern is already answered." };
      const meetingId = c.agendaItemId === null ? null : (tx.select({ id: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, c.agendaItemId)).get()?.id ?? null);
      tx.update(concerns).set({ status: "answered", answer: input.answer, answeredAt: now.toISOString(), answeredBy: actor.id, answeredMeetingId: meetingId }).where(eq(concerns.id, c.id)).run();
      appendAudit(tx, actor, { action: "concern.answer", decision: "info", partnerId: c.partnerId, raceId: c.raceId, subjectType: "concern", subjectId: c.id, detail: `about ${c.about}` }, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

export type ConcernRow = {
  id: number;
  partnerId: number;
  partnerShortName: string;
  subject: Concern["subject"];
  about: string;
  candidateId: number | null;
  subCoalitionId: number | null;
  raceId: number | null;
  concern: string;
  reason: string;
  sourceKind: Concern["sourceKind"];
  sourceUrl: string | null;
  capturedAt: string | null;
  status: ConcernStatus;
  answer: string | null;
  answeredAt: string | null;
  meetingId: number | null;
  meetingTitle: string | null;
  createdAt: string;
};

export type ConcernFilter = { coalitionId: number; candidateId?: number; subCoalitionId?: number; meetingId?: number; status?: ConcernStatus | null };

/**
 * One keyset page of a table's concerns, newest first (by created_at, id), filtered in SQL by
 * what they are about; campaign ones withheld per race (rule F2), counted and logged.
 */
export function listConcerns(db: Db, viewer: Viewer, input: ConcernFilter & { cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const parts = ["c.coalition_id = ?"];
  const params: unknown[] = [input.coalitionId];
  if (input.candidateId) (parts.push("c.candidate_id = ?"), params.push(input.candidateId));
  if (input.subCoalitionId) (parts.push("c.sub_coalition_id = ?"), params.push(input.subCoalitionId));
  if (input.meetingId) (parts.push("c.agenda_item_id in (select id from agenda_items where meeting_id = ?)"), params.push(input.meetingId));
  if (input.status) (parts.push("c.status = ?"), params.push(input.status));
  const where = parts.join(" and ");
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const seek = cursor ? ` and (c.created_at, c.id) ${back ? ">" : "<"} (?, ?)` : "";
  const fetched = db.$client
    .prepare(
      `select c.id, c.partner_id as partnerId, p.short_name as partnerShortName, c.subject, c.about, c.candidate_id as candidateId, c.sub_coalition_id as subCoalitionId,
         c.race_id as raceId, c.concern, c.reason, c.source_kind as sourceKind, c.source_url as sourceUrl, c.captured_at as capturedAt, c.status, c.answer,
         c.answered_at as answeredAt, m.id as meetingId, m.title as meetingTitle, c.created_at as createdAt
       from concerns c join partners p on p.id = c.partner_id
       left join agenda_items ai on ai.id = c.agenda_item_id left join meetings m on m.id = ai.meeting_id
       where ${where}${seek} order by c.created_at ${back ? "asc" : "desc"}, c.id ${back ? "asc" : "desc"} limit ?`,
    )
    .all(...params, ...(cursor ? cursor.key : []), limit + 1) as ConcernRow[];
  const page = keysetPage(fetched, limit, cursor, (r) => [r.createdAt, r.id]);
  const total = (db.$client.prepare(`select count(*) as n from concerns c where ${where}`).get(...params) as { n: number }).n;
  const gate = campaignInfoGate(db, viewer, page.rows.filter((r) => r.sourceKind === "campaign").map((r) => r.raceId));
  const withheldByRace = new Map<number | null, number>();
  const rows = page.rows.flatMap((r) => {
    if (r.sourceKind !== "campaign") return [r];
    const { visible, withheld } = withholdCampaign([r], gate(r.raceId));
    if (withheld) withheldByRace.set(r.raceId, (withheldByRace.get(r.raceId) ?? 0) + withheld);
    return visible;
  });
  for (const [raceId, count] of withheldByRace) logWithheld(db, viewer, raceId, "concerns", count);
  const withheld = [...withheldByRace.values()].reduce((a, b) => a + b, 0);
  return { rows, total, withheld, next: page.next, prev: page.prev };
}

/** Health: a table's concerns open longer than two weeks, counted by the (table, status, created) index. */
// every read takes the viewer; a count carries no campaign information
export function staleConcernCount(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string }): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(concerns)
      .where(and(eq(concerns.coalitionId, input.coalitionId), eq(concerns.status, "open"), sql`${concerns.createdAt} < ${staleBefore(input.today)}`))
      .get()?.n ?? 0
  );
}

/** The partners this person may raise a concern for at this table (its representatives' own), by short name. */
export function raisingPartners(db: Db, viewer: Viewer, input: { coalitionId: number }): { id: number; shortName: string; name: string }[] {
  if (viewer === "system") return [];
  const ids = partnersOf(viewer).filter((partnerId) => can(viewer, { action: "concern.raise", coalitionId: input.coalitionId, partnerId }).ok);
  if (ids.length === 0) return [];
  return db.$client
    .prepare(`select p.id, p.short_name as shortName, p.name from partners p where p.id in (${ids.map(() => "?").join(",")}) order by p.short_name`)
    .all(...ids) as never;
}

/** What a concern on a sub-table can be about: the sub-table, its agreement, the decisions of its meetings (newest first, bounded). */
// every read takes the viewer; a decision's words are shown on its meeting's page to the same people
export function subTableConcernSubjects(db: Db, _viewer: Viewer, input: { coalitionId: number; subCoalitionId: number }) {
  const agreement = q<{ id: number }>(db, "select id from agreements where sub_coalition_id = ?", input.subCoalitionId) ?? null;
  const decisions = db.$client
    .prepare(
      `select d.id, d.text, m.starts_at as startsAt from decisions d join meetings m on m.id = d.meeting_id
       where m.coalition_id = ? and m.sub_coalition_id = ? order by m.starts_at desc, d.id desc limit 50`,
    )
    .all(input.coalitionId, input.subCoalitionId) as { id: number; text: string; startsAt: string }[];
  return { agreementId: agreement?.id ?? null, decisions };
}
