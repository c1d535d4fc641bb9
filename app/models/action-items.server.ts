import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, affiliates, meetings, type ActionItem } from "../../db/schema";
import { type ActionStatus } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import type { PartyRef } from "~/domain/meeting-forms";
import { appendAudit } from "./audit.server";
import type { Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { itemOf } from "./agendas.server";
import { checkParty, requireMeeting, type MeetingRef } from "./meetings.server";
import { notifyActionItemAssigned } from "./notification-kinds.server";

/** A meeting's action items: what is to be done, by which partner or affiliate, by when, and its status. */

export type ActionItemInput = { text: string; owner: PartyRef; dueDate: string; agendaItemId: number | null };

export function addActionItem(db: Db, actor: Actor, input: MeetingRef & ActionItemInput): Result<{ item: ActionItem }> {
  const { coalitionId, meetingId } = input;
  const meeting = requireMeeting(db, "system", input);
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
    notifyActionItemAssigned(tx, meeting, item);
    return { ok: true as const, item };
  });
}

/** The owner of an action item of the table, as the permission rule needs it (partner, and affiliate if one owns it). */
export function actionItemOwner(db: Db, _viewer: Viewer, { coalitionId, actionItemId, meetingId }: { coalitionId: number; actionItemId: number; meetingId?: number }): { partnerId: number; affiliateId: number | null } | null {
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

export function setActionItemStatus(db: Db, actor: Actor, input: { coalitionId: number; actionItemId: number; status: ActionStatus }, now: Date = new Date()): Result<object> {
  const { actionItemId, status } = input;
  const owner = actionItemOwner(db, "system", input);
  if (!owner) return { ok: false, field: "actionItemId", message: "Choose an action item of this table." };
  db.transaction((tx) => {
    tx.update(actionItems).set({ status, statusChangedAt: now.toISOString(), statusChangedBy: actor.id }).where(eq(actionItems.id, actionItemId)).run();
    appendAudit(tx, actor, { action: "meeting.action_status", decision: "allow", partnerId: owner.partnerId, subjectType: "action_item", subjectId: actionItemId, detail: status }, now);
  });
  return { ok: true };
}

/** A meeting's action items, soonest due first. */
export function listActionItems(db: Db, _viewer: Viewer, { meetingId }: { meetingId: number }): ActionItem[] {
  return db.select().from(actionItems).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.dueDate), asc(actionItems.id)).all();
}
