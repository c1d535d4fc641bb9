import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { decisionPartners, decisions } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { appendAudit } from "./audit.server";
import type { Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { itemOf } from "./agendas.server";
import { requireMeeting, tableParties, type MeetingRef } from "./meetings.server";

/** A meeting's decisions: what was decided, under which agenda item, and which partners took part. */

/** Records a decision and the seated partners that took part in it, in one transaction. */
export function recordDecision(db: Db, actor: Actor, input: MeetingRef & { text: string; agendaItemId: number | null; partnerIds: number[] }): Result<{ decisionId: number }> {
  const { coalitionId, meetingId } = input;
  requireMeeting(db, "system", input);
  if (input.agendaItemId !== null) {
    const found = itemOf(db, meetingId, input.agendaItemId, "agendaItemId");
    if (!found.ok) return found;
  }
  const seated = new Set(tableParties(db, "system", { coalitionId }).partners.map((p) => p.id));
  if (input.partnerIds.some((id) => !seated.has(id))) return { ok: false, field: "partners", message: "Only partners that sit at this table can take part." };
  return db.transaction((tx) => {
    const d = tx.insert(decisions).values({ meetingId, agendaItemId: input.agendaItemId, text: input.text, createdBy: actor.id }).returning().get();
    const ids = [...new Set(input.partnerIds)];
    if (ids.length) tx.insert(decisionPartners).values(ids.map((partnerId) => ({ decisionId: d.id, partnerId }))).run();
    appendAudit(tx, actor, { action: "meeting.decision", decision: "allow", subjectType: "meeting", subjectId: meetingId, detail: `${ids.length} partners took part` });
    return { ok: true as const, decisionId: d.id };
  });
}

/** A meeting's decisions in the order they were taken, each with the ids of the partners that took part. */
export function listDecisions(db: Db, _viewer: Viewer, { meetingId }: { meetingId: number }) {
  const rows = db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.id)).all();
  // one statement whatever the meeting holds (issue 11)
  const takers = db
    .select()
    .from(decisionPartners)
    .where(inArray(decisionPartners.decisionId, db.select({ id: decisions.id }).from(decisions).where(eq(decisions.meetingId, meetingId))))
    .all();
  return rows.map((d) => ({ id: d.id, text: d.text, agendaItemId: d.agendaItemId, partnerIds: takers.filter((t) => t.decisionId === d.id).map((t) => t.partnerId) }));
}
