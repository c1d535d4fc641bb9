import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { meetingInvitees } from "../../db/schema";
import { withheldNotice } from "~/domain/firewall";
import { ACTION_STATUS_LABELS, formatMeetingTime, isOverdue, MEETING_KIND_LABELS, utcToZoned, type MeetingExport } from "~/domain/meetings";
import { can } from "~/domain/permissions";
import type { Viewer } from "./firewall.server";
import { listActionItems } from "./action-items.server";
import { listAgenda } from "./agendas.server";
import { listDecisions } from "./decisions.server";
import { managesMeetings, meetingParties, requireMeeting, type MeetingRef } from "./meetings.server";

/**
 * A meeting as its page and its Markdown export show it: when (in its zone), who is invited
 * and came, the agenda with notes, decisions and action items, put together from the
 * meeting modules. A draft agenda and everything recorded under it are for the facilitator
 * (table.manage) only. Campaign-sourced notes are withheld from independent-side viewers in
 * the agenda model, counted and logged.
 */
export function getMeeting(db: Db, viewer: Viewer, input: MeetingRef & { today: string; partyQ?: string | null }) {
  const { coalitionId, meetingId, today } = input;
  const meeting = requireMeeting(db, viewer, input);
  const canManage = managesMeetings(viewer, coalitionId);
  const showBody = canManage || meeting.agendaStatus === "published";
  // the parties this meeting names, and those its forms offer (bounded; issue 11)
  const parties = meetingParties(db, viewer, { coalitionId, meetingId, q: input.partyQ });
  const partnerName = new Map(parties.partners.map((p) => [p.id, p.shortName]));
  const affiliate = new Map(parties.named.map((a) => [a.id, a]));
  const partyName = (partnerId: number | null, affiliateId: number | null) =>
    partnerId !== null ? (partnerName.get(partnerId) ?? "a former partner") : affiliate.has(affiliateId!) ? `${affiliate.get(affiliateId!)!.name} (${affiliate.get(affiliateId!)!.partnerShortName})` : "a former affiliate";

  // partners, then affiliates: each half by its (meeting, party) index (a bare meeting_id scans the table)
  const invitees = db
    .select()
    .from(meetingInvitees)
    .where(and(eq(meetingInvitees.meetingId, meetingId), isNotNull(meetingInvitees.partnerId)))
    .unionAll(db.select().from(meetingInvitees).where(and(eq(meetingInvitees.meetingId, meetingId), isNotNull(meetingInvitees.affiliateId))))
    .all()
    .map((i) => ({ ...i, name: partyName(i.partnerId, i.affiliateId) }))
    .sort((a, b) => Number(a.partnerId === null) - Number(b.partnerId === null) || a.name.localeCompare(b.name));

  const { items, withheld } = showBody ? listAgenda(db, viewer, { meeting }) : { items: [], withheld: 0 };
  const itemTitle = new Map(items.map((i) => [i.id, i.title]));
  const decisionList = (showBody ? listDecisions(db, viewer, { meetingId }) : []).map((d) => ({
    id: d.id,
    text: d.text,
    item: d.agendaItemId ? (itemTitle.get(d.agendaItemId) ?? null) : null,
    partners: d.partnerIds.map((id) => partnerName.get(id) ?? "a former partner").sort(),
  }));
  const actionList = (showBody ? listActionItems(db, viewer, { meetingId }) : []).map((a) => {
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

  // the sub-table and the interviewee in one statement, asked whether or not the meeting names them
  const named = db.$client
    .prepare(
      `select s.id as subId, sc.name as subCandidateName, c.id as candidateId, c.name as candidateName
       from (select 1) left join sub_coalitions s on s.id = @subId left join candidates sc on sc.id = s.candidate_id
       left join candidates c on c.id = @candidateId`,
    )
    .get({ subId: meeting.subCoalitionId, candidateId: meeting.candidateId }) as { subId: number | null; subCandidateName: string | null; candidateId: number | null; candidateName: string | null };
  const sub = named.subId !== null && named.subCandidateName !== null ? { id: named.subId, candidateName: named.subCandidateName } : null;
  const interviewee = named.candidateId !== null ? { id: named.candidateId, name: named.candidateName! } : null;

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
    /** What the invite and owner lists offer: for the facilitator only. */
    parties: canManage ? { partners: parties.partners, affiliates: parties.affiliates, more: parties.more } : { partners: [], affiliates: [], more: false },
  };
}

export type MeetingView = ReturnType<typeof getMeeting>;

/** The meeting as the Markdown export sees it: the same model call, so the same firewall. */
export function meetingExport(db: Db, viewer: Viewer, input: MeetingRef & { today: string }): MeetingExport {
  const v = getMeeting(db, viewer, input);
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
