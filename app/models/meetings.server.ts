import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, affiliates, agendaItems, agendaNotes, candidates, coalitionPartners, decisionPartners, decisions, meetingInvitees, meetings, partners, races, subCoalitionMembers, subCoalitions, type ActionItem, type AgendaItem, type AgendaNote, type Meeting } from "../../db/schema";
import { type ActionStatus, type MeetingKind, type SourceKind } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { isNearingCriticalMass } from "~/domain/critical-mass";
import { addDays } from "~/domain/dates";
import { withheldNotice, withholdCampaign } from "~/domain/firewall";
import {
  ACTION_STATUS_LABELS,
  draftAgenda,
  formatMeetingTime,
  isOverdue,
  MEETING_KIND_LABELS,
  newDraftItems,
  utcToZoned,
  type MeetingExport,
} from "~/domain/meetings";
import type { PartyRef } from "~/domain/meeting-forms";
import { can } from "~/domain/permissions";
import { localToUtc } from "~/domain/zoned-time";
import { memberPartnerIds } from "./programs.server";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./endorsements.server";
import { NotFoundError, type Result } from "~/domain/errors";
import { campaignInfoGate, logWithheld } from "./firewall.server";
import { affiliatesCovering } from "./partners.server";
import { raceLabel } from "./races.server";
import { getTablePicture } from "./table-picture.server";

export type MeetingInput = {
  title: string;
  kind: MeetingKind;
  date: string;
  time: string;
  /** null: the race's zone when the meeting is about one, else DEFAULT_MEETING_ZONE. */
  timeZone: string | null;
  location: string | null;
  subCoalitionId: number | null;
  candidateId: number | null;
};

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The zone of a meeting about no race, when none is given (a federal table's organizers mostly sit in the East). */
export const DEFAULT_MEETING_ZONE = "America/New_York";

/** May this viewer read drafts and manage meetings of the table? The system (scripts, seed) may. */
function manages(viewer: Viewer, coalitionId: number): boolean {
  return viewer === "system" || can(viewer, { action: "table.manage", coalitionId }).ok;
}

function meetingRow(db: Db, coalitionId: number, meetingId: number): Meeting {
  const m = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.coalitionId, coalitionId)))
    .get();
  if (!m) throw new NotFoundError("Meeting");
  return m;
}

/** The meeting, or a 404: for routes that check the id before acting. */
export function requireMeeting(db: Db, coalitionId: number, meetingId: number): Meeting {
  return meetingRow(db, coalitionId, meetingId);
}

/** The table's meetings, latest first; the count of open and overdue action items of each. */
export function listMeetings(db: Db, coalitionId: number, today: string) {
  const rows = db
    .select({ meeting: meetings, candidateName: candidates.name })
    .from(meetings)
    .leftJoin(candidates, eq(candidates.id, meetings.candidateId))
    .where(eq(meetings.coalitionId, coalitionId))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .all();
  const items = rows.length
    ? db
        .select({ meetingId: actionItems.meetingId, status: actionItems.status, dueDate: actionItems.dueDate })
        .from(actionItems)
        .where(inArray(actionItems.meetingId, rows.map((r) => r.meeting.id)))
        .all()
    : [];
  return rows.map(({ meeting, candidateName }) => {
    const mine = items.filter((i) => i.meetingId === meeting.id);
    return {
      ...meeting,
      candidateName,
      kindLabel: MEETING_KIND_LABELS[meeting.kind],
      when: formatMeetingTime(meeting.startsAt, meeting.timeZone),
      open: mine.filter((i) => i.status === "open").length,
      overdue: mine.filter((i) => isOverdue(i, today)).length,
    };
  });
}

/** Checks that a sub-table and a candidate named by a meeting belong to the table; returns the race whose zone applies. */
function meetingContext(db: Db, coalitionId: number, input: Pick<MeetingInput, "subCoalitionId" | "candidateId" | "timeZone">): Result<{ raceId: number | null; subCandidateId: number | null; timeZone: string }> {
  let raceId: number | null = null;
  let subCandidateId: number | null = null;
  if (input.subCoalitionId !== null) {
    const sub = db
      .select({ candidateId: subCoalitions.candidateId, raceId: candidates.raceId })
      .from(subCoalitions)
      .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
      .where(and(eq(subCoalitions.id, input.subCoalitionId), eq(subCoalitions.coalitionId, coalitionId)))
      .get();
    if (!sub) return { ok: false, field: "subCoalitionId", message: "Choose a sub-table of this table." };
    raceId = sub.raceId;
    subCandidateId = sub.candidateId;
  }
  if (input.candidateId !== null) {
    const c = db
      .select({ raceId: candidates.raceId })
      .from(candidates)
      .innerJoin(races, eq(races.id, candidates.raceId))
      .where(and(eq(candidates.id, input.candidateId), eq(races.coalitionId, coalitionId)))
      .get();
    if (!c) return { ok: false, field: "candidateId", message: "Choose a candidate at this table." };
    raceId ??= c.raceId;
  }
  const raceZone = raceId !== null ? db.select({ timeZone: races.timeZone }).from(races).where(eq(races.id, raceId)).get()?.timeZone : undefined;
  return { ok: true, raceId, subCandidateId, timeZone: input.timeZone ?? raceZone ?? DEFAULT_MEETING_ZONE };
}

/**
 * Creates a meeting and its first invitations: every seated partner for a table meeting or
 * a candidate interview; the sub-table's members for a meeting held for a sub-table; and for a joint organizing call, the
 * members and their affiliates that cover the race. Nothing is written on a refusal.
 */
/** The meeting's instant: a time the clocks skip for daylight saving is refused, never moved. */
function meetingInstant(input: MeetingInput, timeZone: string): Result<{ startsAt: string }> {
  const r = localToUtc(`${input.date}T${input.time}`, timeZone);
  return r.ok ? { ok: true, startsAt: r.iso } : { ok: false, field: "time", message: r.message };
}

export function createMeeting(db: Db, actor: Actor, coalitionId: number, input: MeetingInput): Result<{ meeting: Meeting }> {
  const ctx = meetingContext(db, coalitionId, input);
  if (!ctx.ok) return ctx;
  const at = meetingInstant(input, ctx.timeZone);
  if (!at.ok) return at;
  const startsAt = at.startsAt;
  const members = input.subCoalitionId ? memberPartnerIds(db, "system", { subCoalitionId: input.subCoalitionId }) : null;
  const seated = db.select({ partnerId: coalitionPartners.partnerId }).from(coalitionPartners).where(eq(coalitionPartners.coalitionId, coalitionId)).all().map((r) => r.partnerId);
  // a table meeting and a candidate interview are the whole table's, unless held for a sub-table
  const invitedPartners = members ?? (input.kind === "table" || input.kind === "candidate_interview" ? seated : []);
  let invitedAffiliates: number[] = [];
  if (input.kind === "joint_call" && members && ctx.raceId !== null) {
    const race = db.select().from(races).where(eq(races.id, ctx.raceId)).get()!;
    invitedAffiliates = affiliatesCovering(db, members, race).map((a) => a.id);
  }
  return db.transaction((tx) => {
    const meeting = tx
      .insert(meetings)
      .values({
        coalitionId,
        subCoalitionId: input.subCoalitionId,
        candidateId: input.candidateId ?? (input.kind === "candidate_interview" ? ctx.subCandidateId : null),
        kind: input.kind,
        title: input.title,
        startsAt,
        timeZone: ctx.timeZone,
        location: input.location,
        createdBy: actor.id,
      })
      .returning()
      .get();
    const rows = [...invitedPartners.map((partnerId) => ({ meetingId: meeting.id, partnerId })), ...invitedAffiliates.map((affiliateId) => ({ meetingId: meeting.id, affiliateId }))];
    if (rows.length) tx.insert(meetingInvitees).values(rows).run();
    appendAudit(tx, actor, { action: "meeting.create", decision: "allow", subjectType: "meeting", subjectId: meeting.id, detail: `${meeting.kind}: ${meeting.title} at ${startsAt}` });
    return { ok: true as const, meeting };
  });
}

export function updateMeeting(db: Db, actor: Actor, coalitionId: number, meetingId: number, input: MeetingInput): Result<{ meeting: Meeting }> {
  meetingRow(db, coalitionId, meetingId);
  const ctx = meetingContext(db, coalitionId, input);
  if (!ctx.ok) return ctx;
  const at = meetingInstant(input, ctx.timeZone);
  if (!at.ok) return at;
  const startsAt = at.startsAt;
  return db.transaction((tx) => {
    const meeting = tx
      .update(meetings)
      .set({ title: input.title, kind: input.kind, startsAt, timeZone: ctx.timeZone, location: input.location, subCoalitionId: input.subCoalitionId, candidateId: input.candidateId })
      .where(eq(meetings.id, meetingId))
      .returning()
      .get();
    appendAudit(tx, actor, { action: "meeting.update", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: `${meeting.title} at ${startsAt}` });
    return { ok: true as const, meeting };
  });
}

/** Names for partners and affiliates that may be invited or own an action item: everyone seated at the table. */
export function tableParties(db: Db, coalitionId: number) {
  const seated = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName })
    .from(partners)
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .orderBy(asc(partners.shortName))
    .all();
  const affs = seated.length
    ? db
        .select({ id: affiliates.id, name: affiliates.name, partnerId: affiliates.partnerId })
        .from(affiliates)
        .where(inArray(affiliates.partnerId, seated.map((p) => p.id)))
        .orderBy(asc(affiliates.name))
        .all()
    : [];
  const short = new Map(seated.map((p) => [p.id, p.shortName]));
  return {
    partners: seated,
    affiliates: affs.map((a) => ({ ...a, partnerShortName: short.get(a.partnerId) ?? "" })),
  };
}

function checkParty(db: Db, coalitionId: number, party: PartyRef, field: string): Result<{ partnerId: number; affiliateId: number | null }> {
  const { partners: ps, affiliates: as } = tableParties(db, coalitionId);
  if (party.partnerId !== null) {
    return ps.some((p) => p.id === party.partnerId) ? { ok: true, partnerId: party.partnerId, affiliateId: null } : { ok: false, field, message: "Choose a partner that sits at this table." };
  }
  const a = as.find((x) => x.id === party.affiliateId);
  return a ? { ok: true, partnerId: a.partnerId, affiliateId: a.id } : { ok: false, field, message: "Choose an affiliate of a partner at this table." };
}

export function addInvitee(db: Db, actor: Actor, coalitionId: number, meetingId: number, party: PartyRef): Result<object> {
  meetingRow(db, coalitionId, meetingId);
  const checked = checkParty(db, coalitionId, party, "invitee");
  if (!checked.ok) return checked;
  const existing = db
    .select({ id: meetingInvitees.id })
    .from(meetingInvitees)
    .where(
      and(
        eq(meetingInvitees.meetingId, meetingId),
        party.partnerId !== null ? eq(meetingInvitees.partnerId, party.partnerId) : eq(meetingInvitees.affiliateId, party.affiliateId!),
      ),
    )
    .get();
  if (existing) return { ok: false, field: "invitee", message: "Already invited." };
  db.insert(meetingInvitees).values({ meetingId, partnerId: party.partnerId, affiliateId: party.affiliateId }).run();
  return { ok: true };
}

/** Takes attendance: the listed invitations attended, every other invitation of the meeting did not. */
export function recordAttendance(db: Db, actor: Actor, coalitionId: number, meetingId: number, attendedInviteeIds: number[]): Result<{ attended: number }> {
  meetingRow(db, coalitionId, meetingId);
  const invitees = db.select({ id: meetingInvitees.id }).from(meetingInvitees).where(eq(meetingInvitees.meetingId, meetingId)).all();
  const ids = new Set(invitees.map((i) => i.id));
  if (attendedInviteeIds.some((id) => !ids.has(id))) return { ok: false, field: "_form", message: "Only invited partners and affiliates can be marked present; invite them first." };
  const present = new Set(attendedInviteeIds);
  return db.transaction((tx) => {
    for (const i of invitees) tx.update(meetingInvitees).set({ attended: present.has(i.id) }).where(eq(meetingInvitees.id, i.id)).run();
    appendAudit(tx, actor, { action: "meeting.attendance", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: `${present.size} of ${invitees.length} present` });
    return { ok: true as const, attended: present.size };
  });
}

// ---------------------------------------------------------------------------------------
// Agenda

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

export function addAgendaItem(db: Db, actor: Actor, coalitionId: number, meetingId: number, input: { title: string; raceId: number | null; candidateId: number | null }): Result<{ item: AgendaItem }> {
  meetingRow(db, coalitionId, meetingId);
  const about = checkAbout(db, coalitionId, input.raceId, input.candidateId);
  if (!about.ok) return about;
  return db.transaction((tx) => {
    const item = tx.insert(agendaItems).values({ meetingId, position: nextPosition(tx, meetingId), title: input.title, raceId: input.raceId, candidateId: input.candidateId, createdBy: actor.id }).returning().get();
    return { ok: true as const, item };
  });
}

function itemOf(db: Db, meetingId: number, itemId: number, field = "itemId"): Result<{ item: AgendaItem }> {
  const item = db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .get();
  return item ? { ok: true, item } : { ok: false, field, message: "Choose an item of this meeting's agenda." };
}

/** Swaps an item with its neighbour above or below. Positions stay 1..n. */
export function moveAgendaItem(db: Db, actor: Actor, coalitionId: number, meetingId: number, itemId: number, direction: "up" | "down"): Result<object> {
  meetingRow(db, coalitionId, meetingId);
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

export function removeAgendaItem(db: Db, actor: Actor, coalitionId: number, meetingId: number, itemId: number): Result<object> {
  meetingRow(db, coalitionId, meetingId);
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
export function agendaDraftInput(db: Db, coalitionId: number, meetingId: number, today: string) {
  const meeting = meetingRow(db, coalitionId, meetingId);
  const prev = previousMeeting(db, meeting);
  const since = prev?.startsAt ?? `${addDays(meeting.startsAt.slice(0, 10), -30)}T00:00:00.000Z`;
  const picture = getTablePicture(db, coalitionId, today);
  const threshold = picture.coalition.threshold;
  const nearing = picture.candidates
    .filter((c) => isNearingCriticalMass(c.count, threshold) && c.primaryDate >= today)
    .sort((a, b) => b.count - a.count || a.primaryDate.localeCompare(b.primaryDate))
    .map((c) => ({ candidateId: c.id, candidateName: c.name, raceId: c.raceId, raceLabel: c.raceLabel, count: c.count }));
  const newSubTables = picture.subTables
    .filter((s) => s.formedAt > since && s.status !== "closed")
    .map((s) => ({ candidateId: s.candidateId, candidateName: s.candidateName, raceId: s.raceId, raceLabel: raceLabel({ office: s.raceOffice, state: s.raceState, district: s.raceDistrict }), memberCount: s.memberCount }));
  const seated = new Map(picture.partners.map((p) => [p.id, p.shortName]));
  const names = new Map(picture.candidates.map((c) => [c.id, c]));
  const stanceChanges = picture.events
    .filter((e) => e.affiliateId === null && e.createdAt > since && seated.has(e.partnerId) && names.has(e.candidateId))
    .map((e) => ({ candidateId: e.candidateId, candidateName: names.get(e.candidateId)!.name, raceId: names.get(e.candidateId)!.raceId, partnerShortName: seated.get(e.partnerId)!, stance: e.stance }));
  const openActionItems =
    db
      .select({ n: sql<number>`count(*)` })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .where(and(eq(meetings.coalitionId, coalitionId), eq(actionItems.status, "open")))
      .get()?.n ?? 0;
  return { since, input: { threshold, nearing, splitRaces: picture.splitRaces, newSubTables, stanceChanges, openActionItems } };
}

/** Adds the pre-filled items that are not on the agenda yet. Only a draft agenda is pre-filled. */
export function prefillAgenda(db: Db, actor: Actor, coalitionId: number, meetingId: number, today: string): Result<{ added: number }> {
  const meeting = meetingRow(db, coalitionId, meetingId);
  if (meeting.agendaStatus !== "draft") return { ok: false, field: "_form", message: "This agenda is published; add items one by one instead." };
  const { input } = agendaDraftInput(db, coalitionId, meetingId, today);
  const existing = db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all();
  const add = newDraftItems(existing.map((e) => e.title), draftAgenda(input));
  return db.transaction((tx) => {
    let position = nextPosition(tx, meetingId);
    for (const item of add) tx.insert(agendaItems).values({ meetingId, position: position++, title: item.title, raceId: item.raceId, candidateId: item.candidateId, createdBy: actor.id }).run();
    appendAudit(tx, actor, { action: "meeting.agenda_prefill", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: `${add.length} items added from the table's state` });
    return { ok: true as const, added: add.length };
  });
}

export function publishAgenda(db: Db, actor: Actor, coalitionId: number, meetingId: number, now: Date = new Date()): Result<object> {
  const meeting = meetingRow(db, coalitionId, meetingId);
  if (meeting.agendaStatus === "published") return { ok: true };
  db.transaction((tx) => {
    tx.update(meetings).set({ agendaStatus: "published", publishedAt: now.toISOString() }).where(eq(meetings.id, meetingId)).run();
    appendAudit(tx, actor, { action: "meeting.publish", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: meeting.title }, now);
  });
  return { ok: true };
}

export type NoteInput = { itemId: number; body: string; sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null };

export function addAgendaNote(db: Db, actor: Actor, coalitionId: number, meetingId: number, input: NoteInput): Result<{ note: AgendaNote }> {
  meetingRow(db, coalitionId, meetingId);
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

// ---------------------------------------------------------------------------------------
// Decisions and action items

export function recordDecision(db: Db, actor: Actor, coalitionId: number, meetingId: number, input: { text: string; agendaItemId: number | null; partnerIds: number[] }): Result<{ decisionId: number }> {
  meetingRow(db, coalitionId, meetingId);
  if (input.agendaItemId !== null) {
    const found = itemOf(db, meetingId, input.agendaItemId, "agendaItemId");
    if (!found.ok) return found;
  }
  const seated = new Set(tableParties(db, coalitionId).partners.map((p) => p.id));
  if (input.partnerIds.some((id) => !seated.has(id))) return { ok: false, field: "partners", message: "Only partners that sit at this table can take part." };
  return db.transaction((tx) => {
    const d = tx.insert(decisions).values({ meetingId, agendaItemId: input.agendaItemId, text: input.text, createdBy: actor.id }).returning().get();
    const ids = [...new Set(input.partnerIds)];
    if (ids.length) tx.insert(decisionPartners).values(ids.map((partnerId) => ({ decisionId: d.id, partnerId }))).run();
    appendAudit(tx, actor, { action: "meeting.decision", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: `${ids.length} partners took part` });
    return { ok: true as const, decisionId: d.id };
  });
}

export type ActionItemInput = { text: string; owner: PartyRef; dueDate: string; agendaItemId: number | null };

export function addActionItem(db: Db, actor: Actor, coalitionId: number, meetingId: number, input: ActionItemInput): Result<{ item: ActionItem }> {
  meetingRow(db, coalitionId, meetingId);
  const owner = checkParty(db, coalitionId, input.owner, "owner");
  if (!owner.ok) return owner;
  if (input.agendaItemId !== null) {
    const found = itemOf(db, meetingId, input.agendaItemId, "agendaItemId");
    if (!found.ok) return found;
  }
  return db.transaction((tx) => {
    const item = tx
      .insert(actionItems)
      .values({ meetingId, agendaItemId: input.agendaItemId, text: input.text, ownerPartnerId: input.owner.partnerId, ownerAffiliateId: input.owner.affiliateId, dueDate: input.dueDate, createdBy: actor.id })
      .returning()
      .get();
    appendAudit(tx, actor, { action: "meeting.action_item", decision: "allow", partnerId: owner.partnerId, subjectType: "action_item", subjectId: item.id, detail: `due ${input.dueDate}` });
    return { ok: true as const, item };
  });
}

/** The owner of an action item of the table, as the permission rule needs it (partner, and affiliate if one owns it). */
export function actionItemOwner(db: Db, coalitionId: number, actionItemId: number, meetingId?: number): { partnerId: number; affiliateId: number | null } | null {
  const row = db
    .select({ ownerPartnerId: actionItems.ownerPartnerId, ownerAffiliateId: actionItems.ownerAffiliateId, affiliatePartnerId: affiliates.partnerId })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(affiliates, eq(affiliates.id, actionItems.ownerAffiliateId))
    .where(and(eq(actionItems.id, actionItemId), eq(meetings.coalitionId, coalitionId), meetingId === undefined ? undefined : eq(meetings.id, meetingId)))
    .get();
  if (!row) return null;
  return { partnerId: row.ownerPartnerId ?? row.affiliatePartnerId!, affiliateId: row.ownerAffiliateId };
}

export function setActionItemStatus(db: Db, actor: Actor, coalitionId: number, actionItemId: number, status: ActionStatus, now: Date = new Date()): Result<object> {
  const owner = actionItemOwner(db, coalitionId, actionItemId);
  if (!owner) return { ok: false, field: "actionItemId", message: "Choose an action item of this table." };
  db.transaction((tx) => {
    tx.update(actionItems).set({ status, statusChangedAt: now.toISOString(), statusChangedBy: actor.id }).where(eq(actionItems.id, actionItemId)).run();
    appendAudit(tx, actor, { action: "meeting.action_status", decision: "allow", partnerId: owner.partnerId, subjectType: "action_item", subjectId: actionItemId, detail: status }, now);
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------
// Reading a meeting, with the firewall applied

/**
 * One meeting as its page shows it: when (in its zone), who is invited and came, the
 * agenda with notes, decisions and action items. A draft agenda and everything recorded
 * under it are for the facilitator (table.manage) only. Campaign-sourced notes are withheld
 * from independent-side viewers here, in the model, counted and logged.
 */
export function getMeeting(db: Db, coalitionId: number, meetingId: number, viewer: Viewer, today: string) {
  const meeting = meetingRow(db, coalitionId, meetingId);
  const canManage = manages(viewer, coalitionId);
  const showBody = canManage || meeting.agendaStatus === "published";
  const parties = tableParties(db, coalitionId);
  const partnerName = new Map(parties.partners.map((p) => [p.id, p.shortName]));
  const affiliate = new Map(parties.affiliates.map((a) => [a.id, a]));
  const partyName = (partnerId: number | null, affiliateId: number | null) =>
    partnerId !== null ? (partnerName.get(partnerId) ?? "a former partner") : affiliate.has(affiliateId!) ? `${affiliate.get(affiliateId!)!.name} (${affiliate.get(affiliateId!)!.partnerShortName})` : "a former affiliate";

  const invitees = db
    .select()
    .from(meetingInvitees)
    .where(eq(meetingInvitees.meetingId, meetingId))
    .orderBy(asc(meetingInvitees.id))
    .all()
    .map((i) => ({ ...i, name: partyName(i.partnerId, i.affiliateId) }))
    .sort((a, b) => Number(a.partnerId === null) - Number(b.partnerId === null) || a.name.localeCompare(b.name));

  const itemRows = showBody
    ? db
        .select({ item: agendaItems, candidateName: candidates.name, candidateRaceId: candidates.raceId })
        .from(agendaItems)
        .leftJoin(candidates, eq(candidates.id, agendaItems.candidateId))
        .where(eq(agendaItems.meetingId, meetingId))
        .orderBy(asc(agendaItems.position), asc(agendaItems.id))
        .all()
    : [];
  const raceIds = [...new Set(itemRows.flatMap((r) => [r.item.raceId, r.candidateRaceId]).filter((x): x is number => x !== null))];
  const raceRows = raceIds.length ? db.select().from(races).where(inArray(races.id, raceIds)).all() : [];
  const raceLabels = new Map(raceRows.map((r) => [r.id, raceLabel(r)]));
  const notes = itemRows.length
    ? db.select().from(agendaNotes).where(inArray(agendaNotes.agendaItemId, itemRows.map((r) => r.item.id))).orderBy(asc(agendaNotes.id)).all()
    : [];

  // rule F2 per race: a note is about its item's race (or its candidate's); a campaign note
  // tied to no race goes only to neutral staff (it could be about any race)
  const gate = campaignInfoGate(db, viewer);
  const withheldByRace = new Map<number | null, number>();
  const items = itemRows.map(({ item, candidateName, candidateRaceId }) => {
    const raceId = item.raceId ?? candidateRaceId;
    const mine = notes.filter((n) => n.agendaItemId === item.id);
    const { visible, withheld } = withholdCampaign(mine, gate(raceId));
    if (withheld) withheldByRace.set(raceId, (withheldByRace.get(raceId) ?? 0) + withheld);
    const about = candidateName ? `${candidateName}${raceId ? `, ${raceLabels.get(raceId)}` : ""}` : raceId ? (raceLabels.get(raceId) ?? null) : null;
    return { ...item, raceId, about, notes: visible.map((n) => ({ id: n.id, body: n.body, sourceKind: n.sourceKind, sourceUrl: n.sourceUrl, capturedAt: n.capturedAt, createdAt: n.createdAt })), withheld };
  });
  const withheld = [...withheldByRace.values()].reduce((a, b) => a + b, 0);
  for (const [raceId, count] of withheldByRace) {
    const what = `notes of meeting ${meetingId} (${meeting.title})`;
    logWithheld(db, viewer, raceId, raceId === null ? `${what}, tied to no race` : what, count);
  }

  const itemTitle = new Map(items.map((i) => [i.id, i.title]));
  const decisionRows = showBody ? db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.id)).all() : [];
  const takers = decisionRows.length
    ? db.select().from(decisionPartners).where(inArray(decisionPartners.decisionId, decisionRows.map((d) => d.id))).all()
    : [];
  const decisionList = decisionRows.map((d) => ({
    id: d.id,
    text: d.text,
    item: d.agendaItemId ? (itemTitle.get(d.agendaItemId) ?? null) : null,
    partners: takers.filter((t) => t.decisionId === d.id).map((t) => partnerName.get(t.partnerId) ?? "a former partner").sort(),
  }));
  const actionList = (showBody ? db.select().from(actionItems).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.dueDate), asc(actionItems.id)).all() : []).map((a) => {
    const partnerId = a.ownerPartnerId ?? affiliate.get(a.ownerAffiliateId!)?.partnerId ?? 0;
    return {
      id: a.id,
      text: a.text,
      owner: partyName(a.ownerPartnerId, a.ownerAffiliateId),
      dueDate: a.dueDate,
      status: a.status,
      statusLabel: ACTION_STATUS_LABELS[a.status],
      overdue: isOverdue(a, today),
      item: a.agendaItemId ? (itemTitle.get(a.agendaItemId) ?? null) : null,
      mayUpdate: viewer === "system" || can(viewer, { action: "actionItem.status", coalitionId, partnerId, affiliateId: a.ownerAffiliateId }).ok,
    };
  });

  const sub = meeting.subCoalitionId
    ? db
        .select({ id: subCoalitions.id, candidateName: candidates.name })
        .from(subCoalitions)
        .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
        .where(eq(subCoalitions.id, meeting.subCoalitionId))
        .get()
    : null;
  const interviewee = meeting.candidateId ? db.select({ id: candidates.id, name: candidates.name }).from(candidates).where(eq(candidates.id, meeting.candidateId)).get() : null;

  return {
    meeting: {
      ...meeting,
      kindLabel: MEETING_KIND_LABELS[meeting.kind],
      when: formatMeetingTime(meeting.startsAt, meeting.timeZone),
      local: utcToZoned(meeting.startsAt, meeting.timeZone),
      subTable: sub ?? null,
      candidate: interviewee ?? null,
    },
    canManage,
    showBody,
    invitees,
    items,
    decisions: decisionList,
    actionItems: actionList,
    withheld,
    withheldNotice: withheldNotice(withheld),
  };
}

export type MeetingView = ReturnType<typeof getMeeting>;

/** The meeting as the Markdown export sees it: the same model call, so the same firewall. */
export function meetingExport(db: Db, coalitionId: number, meetingId: number, viewer: Viewer, today: string): MeetingExport {
  const v = getMeeting(db, coalitionId, meetingId, viewer, today);
  return {
    title: v.meeting.title,
    kindLabel: v.meeting.kindLabel,
    when: v.meeting.when,
    location: v.meeting.location,
    agendaStatus: v.meeting.agendaStatus,
    invitees: v.invitees.map((i) => ({ name: i.name, attended: i.attended })),
    items: v.items.map((i) => ({ position: i.position, title: i.title, about: i.about, notes: i.notes })),
    decisions: v.decisions.map((d) => ({ text: d.text, item: d.item, partners: d.partners })),
    actionItems: v.actionItems.map((a) => ({ text: a.text, owner: a.owner, dueDate: a.dueDate, status: a.status, overdue: a.overdue })),
    withheldNotice: v.withheldNotice,
  };
}

/** What a meeting form offers: the table's open sub-tables and its candidates. */
export function meetingChoices(db: Db, coalitionId: number, today: string) {
  const picture = getTablePicture(db, coalitionId, today);
  return {
    subTables: picture.subTables.filter((s) => s.status !== "closed").map((s) => ({ id: s.id, label: `${s.candidateName} (${raceLabel({ office: s.raceOffice, state: s.raceState, district: s.raceDistrict })})` })),
    candidates: picture.candidates.map((c) => ({ id: c.id, label: `${c.name} (${c.raceLabel})` })),
    races: [...new Map(picture.candidates.map((c) => [c.raceId, { id: c.raceId, label: c.raceLabel }])).values()],
  };
}
