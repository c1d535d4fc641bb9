import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, affiliates, candidates, coalitionPartners, currentStances, meetingInvitees, meetings, partners, races, roleGrants, type ActionItem, type EndorsementEvent, type FirewallPolicy, type Meeting } from "../../db/schema";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { buildCalendar } from "~/domain/ical";
import { placeLabel } from "~/domain/jurisdictions";
import { formatInZone } from "~/domain/zoned-time";
import { notify, repsOf, type Tx } from "./notifications.server";

/**
 * The producers of issue 14's later kinds: a stance changed on a candidate one's partner is
 * considering, a meeting scheduled or its agenda published (with its .ics), an action item
 * assigned or overdue, a new firewall policy version to acknowledge. Each is called inside the
 * transaction of the write that causes it and only writes rows (the inbox, the outbox); the
 * queue worker sends. Like the others, they carry the table's own facts, never anything a
 * campaign said (F2): a stance's note goes along only when it is the table's research or
 * public and not private to its partner.
 */

const reps = (tx: Tx, coalitionId: number | null, partnerIds: readonly number[], roles: readonly ("partner_rep" | "counsel")[] = ["partner_rep"]): number[] =>
  tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        isNull(roleGrants.revokedAt),
        inArray(roleGrants.role, [...roles]),
        inArray(roleGrants.partnerId, [...partnerIds, 0]),
        coalitionId === null ? undefined : or(eq(roleGrants.coalitionId, coalitionId), isNull(roleGrants.coalitionId)),
      ),
    )
    .all()
    .map((r) => r.userId);

const leads = (tx: Tx, affiliateIds: readonly number[]): number[] =>
  tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(isNull(roleGrants.revokedAt), eq(roleGrants.role, "affiliate_lead"), inArray(roleGrants.affiliateId, [...affiliateIds, 0])))
    .all()
    .map((r) => r.userId);

/** A note that may go out with a stance's notification: neither private to its partner nor from a campaign (F2). */
export function shareableNote(e: Pick<EndorsementEvent, "note" | "notePrivate" | "noteSource">): string | null {
  if (!e.note || e.notePrivate || e.noteSource === "campaign") return null;
  return e.note;
}

/**
 * Inside a stance's transaction: the representatives of every other partner whose own current
 * stance on the candidate is "considering" hear that this one changed.
 */
export function notifyStanceChanged(tx: Tx, e: Pick<EndorsementEvent, "coalitionId" | "candidateId" | "partnerId" | "affiliateId" | "fromStance" | "stance" | "note" | "notePrivate" | "noteSource">, now: Date = new Date()): number {
  const considering = tx
    .select({ partnerId: currentStances.partnerId })
    .from(currentStances)
    .where(and(eq(currentStances.candidateId, e.candidateId), eq(currentStances.holderAffiliate, 0), eq(currentStances.stance, "considering")))
    .all()
    .map((r) => r.partnerId)
    .filter((p) => p !== e.partnerId);
  if (considering.length === 0) return 0;
  const who = tx.select({ name: partners.name }).from(partners).where(eq(partners.id, e.partnerId)).get()!.name;
  const holder = e.affiliateId ? `${tx.select({ name: affiliates.name }).from(affiliates).where(eq(affiliates.id, e.affiliateId)).get()!.name} (${who})` : who;
  const c = tx.select({ name: candidates.name, state: races.state, district: races.district, chamber: races.chamber, locality: races.locality, seatKind: races.seatKind }).from(candidates).innerJoin(races, eq(races.id, candidates.raceId)).where(eq(candidates.id, e.candidateId)).get()!;
  const note = shareableNote(e);
  const change = `${e.fromStance ? STANCE_LABELS[e.fromStance] : "No stance"} → ${STANCE_LABELS[e.stance]}.`;
  return notify(
    tx,
    reps(tx, e.coalitionId, considering),
    { kind: "stance_changed", coalitionId: e.coalitionId, title: `${holder}: ${STANCE_LABELS[e.stance].toLowerCase()} on ${c.name} (${placeLabel(c)})`, body: note ? `${change} Note: ${note}` : change, link: `/tables/${e.coalitionId}/candidates/${e.candidateId}` },
    now,
  );
}

/** A meeting as one calendar event (an hour from its start; the same UID whenever it is sent). */
export function meetingInvite(m: Pick<Meeting, "id" | "title" | "startsAt" | "location">, now: Date): string {
  return buildCalendar({
    name: m.title,
    now,
    prodId: "-//Coalition Table//Meetings//EN",
    events: [{ uid: `meeting-${m.id}@coalition-table`, startsAt: m.startsAt, endsAt: new Date(Date.parse(m.startsAt) + 3_600_000).toISOString(), summary: m.title, location: m.location }],
  });
}

/**
 * Inside a meeting's transaction (scheduled, or its agenda published): the people of the
 * invited members (representatives and counsel of an invited partner, leads of an invited
 * affiliate) and the table's facilitators, with the meeting's .ics.
 */
export function notifyMeeting(tx: Tx, meeting: Meeting, what: "scheduled" | "agenda", now: Date = new Date(), agendaItems = 0): number {
  const invited = tx.select({ partnerId: meetingInvitees.partnerId, affiliateId: meetingInvitees.affiliateId }).from(meetingInvitees).where(eq(meetingInvitees.meetingId, meeting.id)).all();
  const partnerIds = invited.flatMap((i) => (i.partnerId ? [i.partnerId] : []));
  const affiliateIds = invited.flatMap((i) => (i.affiliateId ? [i.affiliateId] : []));
  const people = [...repsOf(tx, meeting.coalitionId, []), ...(partnerIds.length ? reps(tx, meeting.coalitionId, partnerIds, ["partner_rep", "counsel"]) : []), ...(affiliateIds.length ? leads(tx, affiliateIds) : [])];
  const when = formatInZone(meeting.startsAt, meeting.timeZone, { date: true, zone: true });
  const title = what === "scheduled" ? `Meeting scheduled: ${meeting.title}, ${when}` : `Agenda published: ${meeting.title}, ${when}`;
  const body = [what === "agenda" ? `The agenda has ${agendaItems} item${agendaItems === 1 ? "" : "s"}.` : "", meeting.location ? `Where: ${meeting.location}` : ""].filter(Boolean).join(" ");
  return notify(tx, people, { kind: "meeting", coalitionId: meeting.coalitionId, title, body, link: `/tables/${meeting.coalitionId}/meetings/${meeting.id}`, ics: meetingInvite(meeting, now) }, now);
}

/** The people an action item is assigned to: its partner's representatives at the table, or its affiliate's leads. */
function ownersOf(tx: Tx, coalitionId: number, item: Pick<ActionItem, "ownerPartnerId" | "ownerAffiliateId">): number[] {
  return item.ownerAffiliateId ? leads(tx, [item.ownerAffiliateId]) : reps(tx, coalitionId, [item.ownerPartnerId!]);
}

/** Inside an action item's transaction: its owner's people hear it is theirs. */
export function notifyActionItemAssigned(tx: Tx, meeting: Pick<Meeting, "id" | "coalitionId" | "title">, item: ActionItem, now: Date = new Date()): number {
  return notify(
    tx,
    ownersOf(tx, meeting.coalitionId, item),
    { kind: "action_item_assigned", coalitionId: meeting.coalitionId, title: `Action item for you: ${item.text}`, body: `Due ${item.dueDate}. From "${meeting.title}".`, link: `/tables/${meeting.coalitionId}/meetings/${meeting.id}#actions` },
    now,
  );
}

/** The most overdue items one pass takes. */
const OVERDUE_BATCH = 200;

/**
 * Run by the queue worker before each pass: action items still open the day after their due
 * date (UTC) are marked told and their owners' people notified, in one IMMEDIATE transaction,
 * so each item is told once however many passes or processes look (along action_items_overdue).
 */
export function notifyOverdueActionItems(db: Db, now: Date = new Date()): number {
  const today = now.toISOString().slice(0, 10);
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ item: actionItems, meeting: { id: meetings.id, coalitionId: meetings.coalitionId, title: meetings.title } })
        .from(actionItems)
        .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
        .where(and(isNull(actionItems.overdueNotifiedAt), eq(actionItems.status, "open"), lt(actionItems.dueDate, today)))
        .orderBy(asc(actionItems.dueDate))
        .limit(OVERDUE_BATCH)
        .all();
      if (due.length === 0) return 0;
      tx.update(actionItems).set({ overdueNotifiedAt: now.toISOString() }).where(inArray(actionItems.id, due.map((d) => d.item.id))).run();
      for (const { item, meeting } of due) {
        notify(
          tx,
          ownersOf(tx, meeting.coalitionId, item),
          { kind: "action_item_overdue", coalitionId: meeting.coalitionId, title: `Overdue: ${item.text}`, body: `It was due ${item.dueDate} and is still open. From "${meeting.title}".`, link: `/tables/${meeting.coalitionId}/meetings/${meeting.id}#actions` },
          now,
        );
      }
      return due.length;
    },
    { behavior: "immediate" },
  );
}

/**
 * Inside a policy's transaction: everyone who must acknowledge the new version (the member's
 * representatives and counsel, its affiliates' leads) but the person who published it. The
 * link opens the firewall policies of the first table the member sits at.
 */
export function notifyPolicyVersion(tx: Tx, policy: FirewallPolicy, actorId: number, now: Date = new Date()): number {
  const member = tx.select({ name: partners.name }).from(partners).where(eq(partners.id, policy.partnerId)).get()!;
  const table = tx.select({ id: coalitionPartners.coalitionId }).from(coalitionPartners).where(eq(coalitionPartners.partnerId, policy.partnerId)).orderBy(asc(coalitionPartners.coalitionId)).limit(1).get();
  const people = [
    ...reps(tx, null, [policy.partnerId], ["partner_rep", "counsel"]),
    ...tx
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(and(isNull(roleGrants.revokedAt), eq(roleGrants.role, "affiliate_lead"), sql`${roleGrants.affiliateId} in (select ${affiliates.id} from ${affiliates} where ${affiliates.partnerId} = ${policy.partnerId})`))
      .all()
      .map((r) => r.userId),
  ].filter((id) => id !== actorId);
  return notify(
    tx,
    people,
    {
      kind: "policy_version",
      coalitionId: table?.id ?? null,
      title: `${member.name}: firewall policy version ${policy.version} to acknowledge`,
      body: `"${policy.title}". Until you acknowledge it you cannot open a race's work for ${member.name} (rule F6).`,
      link: table ? `/tables/${table.id}/firewall/policies` : null,
    },
    now,
  );
}
