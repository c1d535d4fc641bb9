import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, agendaItems, agendaNotes, candidates, meetings, races, type AgendaItem, type AgendaNote, type Meeting } from "../../db/schema";
import { type SourceKind } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { addDays } from "~/domain/dates";
import { withholdCampaign } from "~/domain/firewall";
import { draftAgenda, newDraftItems } from "~/domain/meetings";
import { appendAudit } from "./audit.server";
import type { Result } from "~/domain/errors";
import { campaignInfoGate, logWithheld, type Viewer } from "./firewall.server";
import { requireMeeting, type MeetingRef, type Tx } from "./meetings.server";
import { RACE_PLACE, raceLabel } from "./races.server";
import { coalitionRow } from "./coalitions.server";
import { HOME_LIST, nearingCriticalMass, splitRaces } from "./table-picture.server";
import { subCoalitionSummaries } from "./sub-coalitions.server";
import { scheduleWaitingConcerns } from "./concerns.server";
import { scheduleWaitingNotices } from "./notices.server";
import { notifyMeeting } from "./notification-kinds.server";

/** At most this many new sub-tables and stance changes go into a drafted agenda. */
const AGENDA_LIST = 200;

/**
 * A meeting's agenda: its items (about a race or a candidate, in order), the notes under
 * them (each with its source; campaign notes withheld under rule F2), the draft built from
 * the table's state, and publishing it.
 */

function checkAbout(db: Db, coalitionId: number, raceId: number | null, candidateId: number | null): Result<object> {
  if (raceId !== null && !db.select({ id: races.id }).from(races).where(and(eq(races.id, raceId), eq(races.coalitionId, coalitionId))).get()) {
    return { ok: false, field: "about", message: "Choose a race at this table." };
  }
  if (
    candidateId !== null &&
    !db
      .select({ id: candidates.id })
      .from(candidates)
      .innerJoin(races, eq(races.id, candidates.raceId))
      .where(and(eq(candidates.id, candidateId), eq(races.coalitionId, coalitionId)))
      .get()
  ) {
    return { ok: false, field: "about", message: "Choose a candidate at this table." };
  }
  return { ok: true };
}

function nextPosition(tx: Tx | Db, meetingId: number): number {
  return (tx.select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)` }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).get()?.n ?? 0) + 1;
}

export function addAgendaItem(db: Db, actor: Actor, input: MeetingRef & { title: string; raceId: number | null; candidateId: number | null }): Result<{ item: AgendaItem }> {
  const { coalitionId, meetingId } = input;
  requireMeeting(db, "system", input);
  const about = checkAbout(db, coalitionId, input.raceId, input.candidateId);
  if (!about.ok) return about;
  return db.transaction((tx) => {
    const item = tx.insert(agendaItems).values({ meetingId, position: nextPosition(tx, meetingId), title: input.title, raceId: input.raceId, candidateId: input.candidateId, createdBy: actor.id }).returning().get();
    return { ok: true as const, item };
  });
}

/** An item of this meeting's agenda, or a refusal on the field. */
export function itemOf(db: Db, meetingId: number, itemId: number, field = "itemId"): Result<{ item: AgendaItem }> {
  const item = db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .get();
  return item ? { ok: true, item } : { ok: false, field, message: "Choose an item of this meeting's agenda." };
}

/** Swaps an item with its neighbour above or below. Positions stay 1..n. */
export function moveAgendaItem(db: Db, actor: Actor, input: MeetingRef & { itemId: number; direction: "up" | "down" }): Result<object> {
  const { meetingId, itemId, direction } = input;
  requireMeeting(db, "system", input);
  const found = itemOf(db, meetingId, itemId);
  if (!found.ok) return found;
  const list = db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id)).all();
  const i = list.findIndex((x) => x.id === itemId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return { ok: true };
  [list[i], list[j]] = [list[j], list[i]];
  db.transaction((tx) => {
    list.forEach((x, k) => tx.update(agendaItems).set({ position: k + 1 }).where(eq(agendaItems.id, x.id)).run());
  });
  return { ok: true };
}

export function removeAgendaItem(db: Db, actor: Actor, input: MeetingRef & { itemId: number }): Result<object> {
  const { meetingId, itemId } = input;
  requireMeeting(db, "system", input);
  const found = itemOf(db, meetingId, itemId);
  if (!found.ok) return found;
  db.transaction((tx) => {
    tx.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
    const rest = tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).all();
    rest.forEach((x, k) => tx.update(agendaItems).set({ position: k + 1 }).where(eq(agendaItems.id, x.id)).run());
    appendAudit(tx, actor, { action: "meeting.agenda_remove", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: found.item.title });
  });
  return { ok: true };
}

/** The previous meeting of the table, by time. */
function previousMeeting(db: Db, meeting: Meeting): Meeting | undefined {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.coalitionId, meeting.coalitionId), lt(meetings.startsAt, meeting.startsAt)))
    .orderBy(desc(meetings.startsAt))
    .limit(1)
    .get();
}

/**
 * What the pre-filled agenda is built from: the table's picture today, and what changed
 * since the previous meeting (or, for the first meeting, in the 30 days before it): stance
 * changes recorded since then, sub-tables formed since then.
 */
export function agendaDraftInput(db: Db, viewer: Viewer, input: MeetingRef & { today: string }) {
  const { coalitionId, today } = input;
  const meeting = requireMeeting(db, viewer, input);
  const prev = previousMeeting(db, meeting);
  const since = prev?.startsAt ?? `${addDays(meeting.startsAt.slice(0, 10), -30)}T00:00:00.000Z`;
  const threshold = coalitionRow(db, coalitionId).threshold;
  // the table's state now, bounded as its home shows it (issue 11: no read of the whole history)
  const nearing = nearingCriticalMass(db, { coalitionId, threshold, today, limit: HOME_LIST }).rows.map((c) => ({
    candidateId: c.id,
    candidateName: c.name,
    raceId: c.raceId,
    raceLabel: c.raceLabel,
    count: c.count,
  }));
  const newSubTables = subCoalitionSummaries(db, coalitionId, today, { formedAfter: since, limit: AGENDA_LIST })
    .filter((s) => s.status !== "closed")
    .map((s) => ({ candidateId: s.candidateId, candidateName: s.candidateName, raceId: s.raceId, raceLabel: raceLabel({ office: s.raceOffice, state: s.raceState, district: s.raceDistrict }), memberCount: s.memberCount }));
  // the seated partners' own stance changes recorded since, by the (table, recorded at) index: the newest AGENDA_LIST, oldest first
  const stanceChanges = (
    db.$client
      .prepare(
        `select e.candidate_id as candidateId, c.name as candidateName, c.race_id as raceId, p.short_name as partnerShortName, e.stance as stance
         from endorsement_events e
         join coalition_partners cp on cp.coalition_id = e.coalition_id and cp.partner_id = e.partner_id
         join partners p on p.id = e.partner_id
         join candidates c on c.id = e.candidate_id
         where e.coalition_id = ? and e.created_at > ? and e.affiliate_id is null
         order by e.created_at desc, e.id desc limit ?`,
      )
      .all(coalitionId, since, AGENDA_LIST) as { candidateId: number; candidateName: string; raceId: number; partnerShortName: string; stance: string }[]
  ).reverse();
  const openActionItems =
    db
      .select({ n: sql<number>`count(*)` })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .where(and(eq(meetings.coalitionId, coalitionId), eq(actionItems.status, "open")))
      .get()?.n ?? 0;
  return { since, input: { threshold, nearing, splitRaces: splitRaces(db, { coalitionId, limit: HOME_LIST }).rows, newSubTables, stanceChanges, openActionItems } };
}

/** Adds the pre-filled items that are not on the agenda yet. Only a draft agenda is pre-filled. */
export function prefillAgenda(db: Db, actor: Actor, input: MeetingRef & { today: string }): Result<{ added: number }> {
  const { meetingId } = input;
  const meeting = requireMeeting(db, "system", input);
  if (meeting.agendaStatus !== "draft") return { ok: false, field: "_form", message: "This agenda is published; add items one by one instead." };
  const draft = agendaDraftInput(db, "system", input).input;
  const existing = db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all();
  const add = newDraftItems(existing.map((e) => e.title), draftAgenda(draft));
  return db.transaction((tx) => {
    let position = nextPosition(tx, meetingId);
    for (const item of add) tx.insert(agendaItems).values({ meetingId, position: position++, title: item.title, raceId: item.raceId, candidateId: item.candidateId, createdBy: actor.id }).run();
    // members' concerns still waiting for an agenda go on it by themselves (issue 17)
    const concerns = scheduleWaitingConcerns(tx, actor, meeting) + scheduleWaitingNotices(tx, actor, meeting);
    appendAudit(tx, actor, { action: "meeting.agenda_prefill", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: `${add.length} items added from the table's state${concerns ? `, ${concerns} members' concerns and notices` : ""}` });
    return { ok: true as const, added: add.length + concerns };
  });
}

export function publishAgenda(db: Db, actor: Actor, input: MeetingRef, now: Date = new Date()): Result<object> {
  const { meetingId } = input;
  const meeting = requireMeeting(db, "system", input);
  if (meeting.agendaStatus === "published") return { ok: true };
  db.transaction((tx) => {
    tx.update(meetings).set({ agendaStatus: "published", publishedAt: now.toISOString() }).where(eq(meetings.id, meetingId)).run();
    appendAudit(tx, actor, { action: "meeting.publish", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: meeting.title }, now);
    const items = tx.select({ n: sql<number>`count(*)` }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).get()?.n ?? 0;
    notifyMeeting(tx, meeting, "agenda", now, items);
  });
  return { ok: true };
}

export type NoteInput = { itemId: number; body: string; sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null };

export function addAgendaNote(db: Db, actor: Actor, input: MeetingRef & NoteInput): Result<{ note: AgendaNote }> {
  const { meetingId } = input;
  requireMeeting(db, "system", input);
  const found = itemOf(db, meetingId, input.itemId);
  if (!found.ok) return found;
  return db.transaction((tx) => {
    const note = tx
      .insert(agendaNotes)
      .values({ agendaItemId: input.itemId, body: input.body, sourceKind: input.sourceKind, sourceUrl: input.sourceUrl, capturedAt: input.capturedAt, createdBy: actor.id })
      .returning()
      .get();
    return { ok: true as const, note };
  });
}

/**
 * The agenda as a viewer reads it: items in order with what each is about and its notes.
 * Rule F2 per race: a note is about its item's race (or its candidate's); a campaign note
 * tied to no race goes only to neutral staff (it could be about any race). What is withheld
 * is counted per item and logged, here in the model.
 */
export function listAgenda(db: Db, viewer: Viewer, { meeting }: { meeting: Meeting }) {
  const meetingId = meeting.id;
  // the items with their race (their own, or their candidate's) in one statement, the notes of
  // them all in another: the same statements whatever the agenda holds (issue 11)
  const itemRows = db
    .select({ item: agendaItems, candidateName: candidates.name, candidateRaceId: candidates.raceId, race: { id: races.id, ...RACE_PLACE } })
    .from(agendaItems)
    .leftJoin(candidates, eq(candidates.id, agendaItems.candidateId))
    .leftJoin(races, eq(races.id, sql`coalesce(${agendaItems.raceId}, ${candidates.raceId})`))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id))
    .all();
  const raceLabels = new Map(itemRows.flatMap((r) => (r.race ? [[r.race.id, raceLabel(r.race)] as const] : [])));
  const notes = db
    .select()
    .from(agendaNotes)
    .where(inArray(agendaNotes.agendaItemId, db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId))))
    .orderBy(asc(agendaNotes.id))
    .all();
  const notesOf = new Map<number, AgendaNote[]>();
  for (const n of notes) notesOf.set(n.agendaItemId, [...(notesOf.get(n.agendaItemId) ?? []), n]);

  const campaignRaces = itemRows.filter((r) => notesOf.get(r.item.id)?.some((n) => n.sourceKind === "campaign")).map((r) => r.item.raceId ?? r.candidateRaceId);
  const gate = campaignInfoGate(db, viewer, campaignRaces);
  const withheldByRace = new Map<number | null, number>();
  const items = itemRows.map(({ item, candidateName, candidateRaceId }) => {
    const raceId = item.raceId ?? candidateRaceId;
    const mine = notesOf.get(item.id) ?? [];
    // the gate is asked only where there is something to withhold (its races were read at once above)
    const { visible, withheld } = withholdCampaign(mine, mine.some((n) => n.sourceKind === "campaign") ? gate(raceId) : true);
    if (withheld) withheldByRace.set(raceId, (withheldByRace.get(raceId) ?? 0) + withheld);
    const about = candidateName ? `${candidateName}${raceId ? `, ${raceLabels.get(raceId)}` : ""}` : raceId ? (raceLabels.get(raceId) ?? null) : null;
    return { ...item, raceId, about, notes: visible.map((n) => ({ id: n.id, body: n.body, sourceKind: n.sourceKind, sourceUrl: n.sourceUrl, capturedAt: n.capturedAt, createdAt: n.createdAt })), withheld };
  });
  const withheld = [...withheldByRace.values()].reduce((a, b) => a + b, 0);
  for (const [raceId, count] of withheldByRace) {
    const what = `notes of meeting ${meetingId} (${meeting.title})`;
    logWithheld(db, viewer, raceId, raceId === null ? `${what}, tied to no race` : what, count);
  }
  return { items, withheld };
}
