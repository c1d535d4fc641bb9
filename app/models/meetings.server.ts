import { and, asc, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, candidates, coalitionPartners, meetingInvitees, meetings, partners, races, subCoalitions, type Meeting } from "../../db/schema";
import { type MeetingKind } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { formatMeetingTime, MEETING_KIND_LABELS } from "~/domain/meetings";
import type { PartyRef } from "~/domain/meeting-forms";
import { can } from "~/domain/permissions";
import { localToUtc } from "~/domain/zoned-time";
import { memberPartnerIds } from "./programs.server";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { NotFoundError, type Result } from "~/domain/errors";
import { affiliatesCovering } from "./partners.server";
import { raceLabel } from "./races.server";
import { nameSearch } from "./matrix.server";
import { scheduleWaitingConcerns } from "./concerns.server";
import { scheduleWaitingNotices } from "./notices.server";
import { notifyMeeting } from "./notification-kinds.server";

/**
 * Meetings of a table (issue 6): creating and editing one, who is invited and who came, and
 * the table's parties (who can be invited, own an action item or take part in a decision).
 * Agendas, decisions and action items have their own modules, which build on this one; the
 * meeting as its page and its Markdown export show it is in meeting-record.server.ts.
 */

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

/** Which meeting: its table and its id (another table's meeting is a 404). */
export type MeetingRef = { coalitionId: number; meetingId: number };

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The zone of a meeting about no race, when none is given (a federal table's organizers mostly sit in the East). */
export const DEFAULT_MEETING_ZONE = "America/New_York";

/** May this viewer read drafts and manage meetings of the table? The system (scripts, seed) may. */
export function managesMeetings(viewer: Viewer, coalitionId: number): boolean {
  return viewer === "system" || can(viewer, { action: "table.manage", coalitionId }).ok;
}

/**
 * The meeting, or a 404: for routes that check the id before acting, and for the meeting
 * modules' writes, which read it as "system" (the route has checked the permission).
 */
export function requireMeeting(db: Db, _viewer: Viewer, { coalitionId, meetingId }: MeetingRef): Meeting {
  const m = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.coalitionId, coalitionId)))
    .get();
  if (!m) throw new NotFoundError("Meeting");
  return m;
}

/**
 * One keyset page of a table's meetings, newest first (meetings_coalition_start in index
 * order), filtered in SQL by kind and a search of titles, with the number that match; open
 * and overdue action items counted per meeting in the same statement (issue 11).
 */
// every read takes the viewer; meeting titles and times are table-wide
export function pageMeetings(
  db: Db,
  _viewer: Viewer,
  input: { coalitionId: number; today: string; kind?: MeetingKind | null; q?: string | null; cursor?: Cursor | null; limit?: number },
): KeysetPage<ReturnType<typeof meetingRow>> & { total: number } {
  const { coalitionId, today } = input;
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = and(eq(meetings.coalitionId, coalitionId), input.kind ? eq(meetings.kind, input.kind) : undefined, q ? sql`instr(lower(${meetings.title}), ${q}) > 0` : undefined);
  const keyCond = cursor
    ? backwards
      ? sql`(${meetings.startsAt}, ${meetings.id}) > (${cursor.key[0]}, ${cursor.key[1]})`
      : sql`(${meetings.startsAt}, ${meetings.id}) < (${cursor.key[0]}, ${cursor.key[1]})`
    : undefined;
  const fetched = db
    .select({
      meeting: meetings,
      candidateName: candidates.name,
      open: sql<number>`(select count(*) from action_items i where i.meeting_id = ${meetings.id} and i.status = 'open')`,
      overdue: sql<number>`(select count(*) from action_items i where i.meeting_id = ${meetings.id} and i.status = 'open' and i.due_date < ${today})`,
    })
    .from(meetings)
    .leftJoin(candidates, eq(candidates.id, meetings.candidateId))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [asc(meetings.startsAt), asc(meetings.id)] : [desc(meetings.startsAt), desc(meetings.id)]))
    .limit(limit + 1)
    .all()
    .map(meetingRow);
  const page = keysetPage(fetched, limit, cursor, (m) => [m.startsAt, m.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(meetings).where(where).get()?.n ?? 0;
  return { ...page, total };
}

function meetingRow({ meeting, candidateName, open, overdue }: { meeting: Meeting; candidateName: string | null; open: number; overdue: number }) {
  return { ...meeting, candidateName, kindLabel: MEETING_KIND_LABELS[meeting.kind], when: formatMeetingTime(meeting.startsAt, meeting.timeZone), open, overdue };
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

/** The meeting's instant: a time the clocks skip for daylight saving is refused, never moved. */
function meetingInstant(input: MeetingInput, timeZone: string): Result<{ startsAt: string }> {
  const r = localToUtc(`${input.date}T${input.time}`, timeZone);
  return r.ok ? { ok: true, startsAt: r.iso } : { ok: false, field: "time", message: r.message };
}

/**
 * Creates a meeting and its first invitations: every seated partner for a table meeting or
 * a candidate interview; the sub-table's members for a meeting held for a sub-table; and for a joint organizing call, the
 * members and their affiliates that cover the race. Nothing is written on a refusal.
 */
export function createMeeting(db: Db, actor: Actor, input: MeetingInput & { coalitionId: number }): Result<{ meeting: Meeting }> {
  const { coalitionId } = input;
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
    // members' concerns waiting for an agenda go on the next meeting's by themselves (issue 17)
    if (meeting.startsAt > new Date().toISOString() && meeting.kind !== "candidate_interview") {
      scheduleWaitingConcerns(tx, actor, meeting);
      scheduleWaitingNotices(tx, actor, meeting);
    }
    // the invited members' people and the facilitators hear of it, with its .ics (issue 14)
    if (meeting.startsAt > new Date().toISOString()) notifyMeeting(tx, meeting, "scheduled");
    return { ok: true as const, meeting };
  });
}

export function updateMeeting(db: Db, actor: Actor, input: MeetingInput & MeetingRef): Result<{ meeting: Meeting }> {
  const { coalitionId, meetingId } = input;
  requireMeeting(db, "system", input);
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

/** Names for partners and affiliates that may be invited, own an action item or take part in a decision: everyone seated at the table. */
export function tableParties(db: Db, _viewer: Viewer, { coalitionId }: { coalitionId: number }) {
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

/** How many affiliates a meeting's party lists offer beside those the meeting names (the rest are found by name). */
export const PARTY_CHOICES = 50;

type PartyAffiliate = { id: number; name: string; partnerId: number; partnerShortName: string };

/**
 * The table's parties as a meeting page needs them, bounded (issue 11): every seated partner
 * (a few dozen); the affiliates this meeting names (invited, owning an action item); and, to
 * offer in its forms, the affiliates whose name matches the search `q` (trimmed, at most 100
 * characters), or when there is no search the whole list if the table has at most
 * PARTY_CHOICES affiliates. `more` says that some affiliates are only found by a search.
 * Three statements, whatever the table holds.
 */
export function meetingParties(db: Db, _viewer: Viewer, input: MeetingRef & { q?: string | null }) {
  const { coalitionId, meetingId } = input;
  const seated = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName })
    .from(partners)
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .orderBy(asc(partners.shortName))
    .all();
  const cols = `a.id as id, a.name as name, a.partner_id as partnerId, p.short_name as partnerShortName
    from affiliates a join coalition_partners cp on cp.partner_id = a.partner_id and cp.coalition_id = @coalitionId join partners p on p.id = a.partner_id`;
  const named = db.$client
    .prepare(
      `select ${cols} where a.id in (select affiliate_id from meeting_invitees where meeting_id = @meetingId and affiliate_id is not null
         union select owner_affiliate_id from action_items where meeting_id = @meetingId)`,
    )
    .all({ coalitionId, meetingId }) as PartyAffiliate[];
  const like = nameSearch(input.q);
  const offered = db.$client
    .prepare(`select ${cols}${like ? " where a.name like @like escape '\\'" : ""} order by a.name, a.id limit @limit`)
    .all({ coalitionId, limit: PARTY_CHOICES + 1, ...(like ? { like } : {}) }) as PartyAffiliate[];
  const more = offered.length > PARTY_CHOICES;
  // without a search, a long list is not offered at all (a first page of names in the alphabet helps no one)
  const found = like ? offered.slice(0, PARTY_CHOICES) : more ? [] : offered;
  const byName = (a: PartyAffiliate, b: PartyAffiliate) => a.name.localeCompare(b.name) || a.id - b.id;
  return {
    partners: seated,
    /** Named by the meeting: for its invitees' and owners' names. */
    named,
    /** Offered in the invite and owner lists: the named ones, then those found. */
    affiliates: [...new Map([...named.sort(byName), ...found].map((a) => [a.id, a])).values()],
    more,
  };
}

/** A party of the table (a seated partner, or an affiliate of one), or a refusal on the field. */
export function checkParty(db: Db, coalitionId: number, party: PartyRef, field: string): Result<{ partnerId: number; affiliateId: number | null }> {
  const { partners: ps, affiliates: as } = tableParties(db, "system", { coalitionId });
  if (party.partnerId !== null) {
    return ps.some((p) => p.id === party.partnerId) ? { ok: true, partnerId: party.partnerId, affiliateId: null } : { ok: false, field, message: "Choose a partner that sits at this table." };
  }
  const a = as.find((x) => x.id === party.affiliateId);
  return a ? { ok: true, partnerId: a.partnerId, affiliateId: a.id } : { ok: false, field, message: "Choose an affiliate of a partner at this table." };
}

export function addInvitee(db: Db, actor: Actor, input: MeetingRef & { invitee: PartyRef }): Result<object> {
  const { coalitionId, meetingId, invitee: party } = input;
  requireMeeting(db, "system", input);
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
export function recordAttendance(db: Db, actor: Actor, input: MeetingRef & { attendedInviteeIds: number[] }): Result<{ attended: number }> {
  const { meetingId, attendedInviteeIds } = input;
  requireMeeting(db, "system", input);
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

/** How many candidates, sub-tables and races a meeting form offers at most (the rest are found by a search or a state). */
export const MEETING_CHOICES = 50;
export const MEETING_CHOICE_LIMIT = MEETING_CHOICES;

/**
 * What a meeting form offers, bounded (issue 11): the table's open sub-tables (soonest primary
 * first), and as candidates and races those the meeting and its agenda already name, those whose
 * name matches the search `q` (trimmed, at most 100 characters), and the most endorsed, up to
 * MEETING_CHOICES of each, by the tally's indexes. A state narrows every list to that state.
 */
export function meetingChoices(
  db: Db,
  _viewer: Viewer,
  input: { coalitionId: number; today: string; meetingId?: number | null; q?: string | null; state?: string | null },
) {
  const { coalitionId, today } = input;
  const state = input.state ?? null;
  const inState = state ? " and t.state = @state" : "";
  const subs = db.$client
    .prepare(
      `select s.id as id, t.name as candidateName, r.office as office, r.state as state, r.district as district
       from sub_coalitions s join candidate_tallies t on t.candidate_id = s.candidate_id join races r on r.id = t.race_id
       where s.coalition_id = @coalitionId and s.closed_at is null and t.primary_date >= @today${inState}
       order by t.primary_date, t.name, s.id limit @limit`,
    )
    .all({ coalitionId, today, limit: MEETING_CHOICES, ...(state ? { state } : {}) }) as { id: number; candidateName: string; office: string; state: string; district: string | null }[];
  const cols = "t.candidate_id as id, t.name as name, t.race_id as raceId, r.office as office, r.state as state, r.district as district";
  type Row = { id: number; name: string; raceId: number; office: string; state: string; district: string | null };
  const named = input.meetingId
    ? (db.$client
        .prepare(
          `select ${cols} from candidate_tallies t join races r on r.id = t.race_id
           where t.coalition_id = @coalitionId and t.candidate_id in (
             select candidate_id from meetings where id = @meetingId and candidate_id is not null
             union select candidate_id from agenda_items where meeting_id = @meetingId and candidate_id is not null)`,
        )
        .all({ coalitionId, meetingId: input.meetingId }) as Row[])
    : [];
  const like = nameSearch(input.q);
  const found = like
    ? (db.$client
        .prepare(
          `select ${cols} from candidate_tallies t join races r on r.id = t.race_id where t.coalition_id = @coalitionId${inState} and t.name like @like escape '\\'
           order by t.sort_count, t.state, t.district_key, t.name, t.candidate_id limit @limit`,
        )
        .all({ coalitionId, like, limit: MEETING_CHOICES, ...(state ? { state } : {}) }) as Row[])
    : [];
  const top = db.$client
    .prepare(
      `select ${cols} from candidate_tallies t join races r on r.id = t.race_id where t.coalition_id = @coalitionId${inState}
       order by t.sort_count, t.state, t.district_key, t.name, t.candidate_id limit @limit`,
    )
    .all({ coalitionId, limit: MEETING_CHOICES, ...(state ? { state } : {}) }) as Row[];
  const agendaRaces = input.meetingId
    ? (db.$client
        .prepare(
          `select r.id as id, r.office as office, r.state as state, r.district as district from races r
           where r.coalition_id = ? and r.id in (select race_id from agenda_items where meeting_id = ? and race_id is not null)`,
        )
        .all(coalitionId, input.meetingId) as { id: number; office: string; state: string; district: string | null }[])
    : [];
  const candidatesOffered = [...new Map([...named, ...found, ...top].map((c) => [c.id, c])).values()].slice(0, named.length + MEETING_CHOICES);
  const races = new Map<number, { id: number; label: string }>();
  for (const r of agendaRaces) races.set(r.id, { id: r.id, label: raceLabel(r) });
  for (const c of candidatesOffered) if (!races.has(c.raceId)) races.set(c.raceId, { id: c.raceId, label: raceLabel(c) });
  return {
    subTables: subs.map((s) => ({ id: s.id, label: `${s.candidateName} (${raceLabel(s)})` })),
    candidates: candidatesOffered.map((c) => ({ id: c.id, label: `${c.name} (${raceLabel(c)})` })),
    races: [...races.values()],
    state,
    truncated: subs.length >= MEETING_CHOICES || top.length >= MEETING_CHOICES,
  };
}
