/**
 * Notice of independent action (issue 17): a member tells one of its sub-tables, in advance,
 * what it will do outside it and why. The notice is on the sub-table's page and goes onto the
 * next meeting's draft agenda by itself. The health page shows members that left a sub-table,
 * or endorsed a rival in its race, without one (app/domain/notices.ts decides which).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notices, type Notice } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { addDays } from "~/domain/dates";
import type { Result } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { actingWithoutNotice, NOTICE_WINDOW_DAYS, noticeAgendaTitle, type Departure, type NoticeGiven, type NoticeInput, type RivalEndorsement } from "~/domain/notices";
import type { NoticeKind } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { appendAgendaItem, nextDraftMeeting, q, qAll } from "./concerns.server";
import type { Tx } from "./meetings.server";

type Sub = { id: number; candidateId: number; candidateName: string; raceId: number };
const subOf = (tx: Tx | Db, coalitionId: number, subCoalitionId: number) =>
  q<Sub>(tx, "select s.id, s.candidate_id as candidateId, c.name as candidateName, c.race_id as raceId from sub_coalitions s join candidates c on c.id = s.candidate_id where s.coalition_id = ? and s.id = ?", coalitionId, subCoalitionId);

function putOnAgenda(tx: Tx, actor: Actor, meetingId: number, n: { id: number; kind: NoticeKind }, shortName: string, sub: Sub): void {
  const id = appendAgendaItem(tx, actor, meetingId, { title: noticeAgendaTitle(shortName, n.kind, sub.candidateName), raceId: null, candidateId: sub.candidateId });
  tx.update(notices).set({ agendaItemId: id }).where(eq(notices.id, n.id)).run();
}

/** A member gives its sub-table notice; only a current member may. One IMMEDIATE transaction, with the agenda item when a meeting is ahead. */
export function giveNotice(db: Db, actor: Actor, input: NoticeInput & { coalitionId: number; subCoalitionId: number; partnerId: number }, now = new Date()): Result<{ notice: Notice; meetingId: number | null }> {
  return db.transaction(
    (tx) => {
      const sub = subOf(tx, input.coalitionId, input.subCoalitionId);
      if (!sub) return { ok: false as const, field: "_form", message: "Choose a sub-table of this table." };
      const member = q<{ shortName: string }>(
        tx,
        "select p.short_name as shortName from sub_coalition_members m join partners p on p.id = m.partner_id where m.sub_coalition_id = ? and m.partner_id = ? and m.left_at is null",
        sub.id,
        input.partnerId,
      );
      if (!member) return { ok: false as const, field: "_form", message: "Only a member of this sub-table gives it notice." };
      const nowIso = now.toISOString();
      const notice = tx
        .insert(notices)
        .values({ coalitionId: input.coalitionId, subCoalitionId: sub.id, partnerId: input.partnerId, kind: input.kind, what: input.what, why: input.why, plannedOn: input.plannedOn, givenBy: actor.id, createdAt: nowIso })
        .returning()
        .get();
      const meeting = nextDraftMeeting(tx, input.coalitionId, sub.id, nowIso);
      if (meeting) putOnAgenda(tx, actor, meeting.id, notice, member.shortName, sub);
      appendAudit(tx, actor, { action: "notice.give", decision: "info", partnerId: input.partnerId, raceId: sub.raceId, subjectType: "sub_coalition", subjectId: sub.id, detail: `${input.kind}: ${input.what}` }, now);
      return { ok: true as const, notice, meetingId: meeting?.id ?? null };
    },
    { behavior: "immediate" },
  );
}

/** Notices still waiting for an agenda go onto this meeting's draft, oldest first (with the waiting concerns). */
export function scheduleWaitingNotices(tx: Tx, actor: Actor, meeting: { id: number; coalitionId: number; subCoalitionId: number | null; startsAt: string }): number {
  const waiting = qAll<{ id: number; kind: NoticeKind; shortName: string; subId: number; candidateId: number; candidateName: string; raceId: number }>(
    tx,
    `select n.id, n.kind, p.short_name as shortName, s.id as subId, c.id as candidateId, c.name as candidateName, c.race_id as raceId
     from notices n join partners p on p.id = n.partner_id join sub_coalitions s on s.id = n.sub_coalition_id join candidates c on c.id = s.candidate_id
     where n.coalition_id = ? and n.agenda_item_id is null and n.created_at < ? and (? is null or n.sub_coalition_id = ?)
     order by n.created_at, n.id limit 100`,
    meeting.coalitionId,
    meeting.startsAt,
    meeting.subCoalitionId,
    meeting.subCoalitionId,
  );
  for (const n of waiting) putOnAgenda(tx, actor, meeting.id, n, n.shortName, { id: n.subId, candidateId: n.candidateId, candidateName: n.candidateName, raceId: n.raceId });
  return waiting.length;
}

export type NoticeRow = { id: number; partnerId: number; partnerShortName: string; kind: NoticeKind; what: string; why: string; plannedOn: string | null; meetingId: number | null; meetingTitle: string | null; createdAt: string };

/** A sub-table's notices, newest first, keyset-paged by (created_at, id). */
// every read takes the viewer; a notice is a member's own plan, told to the table (no campaign source)
export function listNotices(db: Db, _viewer: Viewer, input: { coalitionId: number; subCoalitionId: number; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const fetched = qAll<NoticeRow>(
    db,
    `select n.id, n.partner_id as partnerId, p.short_name as partnerShortName, n.kind, n.what, n.why, n.planned_on as plannedOn, m.id as meetingId, m.title as meetingTitle, n.created_at as createdAt
     from notices n join partners p on p.id = n.partner_id left join agenda_items ai on ai.id = n.agenda_item_id left join meetings m on m.id = ai.meeting_id
     where n.coalition_id = ? and n.sub_coalition_id = ?${cursor ? ` and (n.created_at, n.id) ${back ? ">" : "<"} (?, ?)` : ""}
     order by n.created_at ${back ? "asc" : "desc"}, n.id ${back ? "asc" : "desc"} limit ?`,
    input.coalitionId,
    input.subCoalitionId,
    ...(cursor ? cursor.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, cursor, (r) => [r.createdAt, r.id]);
  const total = q<{ n: number }>(db, "select count(*) as n from notices where coalition_id = ? and sub_coalition_id = ?", input.coalitionId, input.subCoalitionId)?.n ?? 0;
  return { rows: page.rows, total, next: page.next, prev: page.prev };
}

/** At most this many acts of each kind are read for the health page's window. */
const HEALTH_ROWS = 500;

/**
 * Health: members that left a sub-table, or endorsed a rival candidate in its race after
 * sitting in it, in the last NOTICE_WINDOW_DAYS days without giving that sub-table notice first.
 * Three bounded reads (by the departures' and the events' time indexes), then the pure rule.
 */
// every read takes the viewer; who left or endorsed is table-wide information
export function actingWithoutNoticeRows(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string }) {
  const since = `${addDays(input.today, -NOTICE_WINDOW_DAYS)}T00:00:00.000Z`;
  const departures = qAll<Departure>(
    db,
    `select m.partner_id as partnerId, m.sub_coalition_id as subCoalitionId, m.left_at as at from sub_coalition_members m
     join sub_coalitions s on s.id = m.sub_coalition_id where m.left_at >= ? and s.coalition_id = ? order by m.left_at desc limit ?`,
    since,
    input.coalitionId,
    HEALTH_ROWS,
  );
  const rivals = qAll<RivalEndorsement>(
    db,
    `select e.partner_id as partnerId, s.id as subCoalitionId, e.candidate_id as candidateId, e.created_at as at
     from endorsement_events e
     join candidates c on c.id = e.candidate_id
     join candidates sc on sc.race_id = c.race_id and sc.id <> c.id
     join sub_coalitions s on s.candidate_id = sc.id
     where e.coalition_id = ? and e.created_at >= ? and e.stance = 'endorsed' and e.affiliate_id is null
       and exists (select 1 from sub_coalition_members m where m.sub_coalition_id = s.id and m.partner_id = e.partner_id and m.joined_at <= e.created_at)
     order by e.created_at desc limit ?`,
    input.coalitionId,
    since,
    HEALTH_ROWS,
  );
  const given = qAll<NoticeGiven>(db, "select partner_id as partnerId, sub_coalition_id as subCoalitionId, created_at as at from notices where coalition_id = ? and created_at >= ? limit ?", input.coalitionId, `${addDays(input.today, -2 * NOTICE_WINDOW_DAYS)}`, HEALTH_ROWS * 2);
  const acts = actingWithoutNotice(departures, rivals, given).slice(0, 100);
  if (acts.length === 0) return [];
  // names for what is shown: one statement for the partners, one for the sub-tables' and rivals' candidates
  const partnerIds = [...new Set(acts.map((a) => a.partnerId))];
  const shortNames = new Map(qAll<{ id: number; shortName: string }>(db, `select id, short_name as shortName from partners where id in (${partnerIds.map(() => "?").join(",")})`, ...partnerIds).map((p) => [p.id, p.shortName]));
  const subIds = [...new Set(acts.map((a) => a.subCoalitionId))];
  const subNames = new Map(
    qAll<{ id: number; name: string }>(db, `select s.id, c.name from sub_coalitions s join candidates c on c.id = s.candidate_id where s.id in (${subIds.map(() => "?").join(",")})`, ...subIds).map((s) => [s.id, s.name]),
  );
  const rivalIds = [...new Set(acts.flatMap((a) => (a.kind === "endorsed_rival" ? [a.candidateId] : [])))];
  const rivalNames = new Map(rivalIds.length ? qAll<{ id: number; name: string }>(db, `select id, name from candidates where id in (${rivalIds.map(() => "?").join(",")})`, ...rivalIds).map((c) => [c.id, c.name]) : []);
  return acts.map((a) => ({
    kind: a.kind,
    at: a.at,
    partnerId: a.partnerId,
    partnerShortName: shortNames.get(a.partnerId) ?? "?",
    subCoalitionId: a.subCoalitionId,
    subTableCandidate: subNames.get(a.subCoalitionId) ?? "?",
    rivalName: a.kind === "endorsed_rival" ? (rivalNames.get(a.candidateId) ?? null) : null,
  }));
}
