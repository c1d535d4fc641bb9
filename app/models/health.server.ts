import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  actionItems,
  affiliates,
  candidates,
  canvassPrograms,
  coalitionPartners,
  endorsementEvents,
  meetingInvitees,
  meetings,
  partners,
  pledges,
  races,
  shifts,
  signups,
} from "../../db/schema";
import { attendanceByMonth, isQuiet, quietestFirst, latestDate, overdueByOwner, pledgeDelivery, QUIET_DAYS, shiftHours, DELIVERY_FLOOR } from "~/domain/health";
import { localDateOf } from "~/domain/zoned-time";
import { listSubCoalitions } from "./sub-coalitions.server";
import { raceLabel } from "./races.server";
import { getCoalition } from "./coalitions.server";
import type { Viewer } from "./firewall.server";

/**
 * The table's health as of `today`: attendance per partner over time, quiet partners,
 * overdue action items per owner, and sub-tables whose pledged field hours are not being
 * delivered. Reads the meeting tables and the field-work tables; writes nothing.
 */
export function getTableHealth(db: Db, viewer: Viewer, input: { coalitionId: number; today: string }) {
  const { coalitionId, today } = input;
  getCoalition(db, viewer, input);
  const seated = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName, joinedAt: coalitionPartners.joinedAt })
    .from(partners)
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .orderBy(partners.shortName)
    .all();
  const affiliatePartner = new Map(
    (seated.length ? db.select({ id: affiliates.id, partnerId: affiliates.partnerId, name: affiliates.name }).from(affiliates).where(inArray(affiliates.partnerId, seated.map((p) => p.id))).all() : []).map((a) => [
      a.id,
      a,
    ]),
  );
  const shortName = new Map(seated.map((p) => [p.id, p.shortName]));

  // ---- attendance: meetings that have started by the end of today (UTC)
  const past = db
    .select({ id: meetings.id, startsAt: meetings.startsAt, timeZone: meetings.timeZone })
    .from(meetings)
    .where(eq(meetings.coalitionId, coalitionId))
    .orderBy(meetings.startsAt)
    .all()
    // each meeting's own calendar day, in its zone (a 7 pm Pacific meeting is not the next day)
    .map((m) => ({ ...m, date: localDateOf(m.startsAt, m.timeZone) }))
    .filter((m) => m.date <= today);
  const invitations = past.length ? db.select().from(meetingInvitees).where(inArray(meetingInvitees.meetingId, past.map((m) => m.id))).all() : [];
  const partnerOf = (i: { partnerId: number | null; affiliateId: number | null }) => i.partnerId ?? affiliatePartner.get(i.affiliateId!)?.partnerId ?? null;
  const attendanceMeetings = past.map((m) => {
    const mine = invitations.filter((i) => i.meetingId === m.id);
    return {
      date: m.date,
      invitedPartnerIds: [...new Set(mine.map(partnerOf).filter((x): x is number => x !== null))],
      attendedPartnerIds: [...new Set(mine.filter((i) => i.attended).map(partnerOf).filter((x): x is number => x !== null))],
    };
  });
  const attendance = attendanceByMonth(attendanceMeetings, seated);

  // ---- quiet partners: no attendance and no stance change (its own or its affiliates') in 30 days
  const lastAttended = new Map<number, string>();
  for (const m of attendanceMeetings) for (const id of m.attendedPartnerIds) lastAttended.set(id, m.date);
  const lastStance = new Map(
    db
      .select({ partnerId: endorsementEvents.partnerId, last: sql<string>`max(${endorsementEvents.decidedOn})` })
      .from(endorsementEvents)
      .innerJoin(candidates, eq(candidates.id, endorsementEvents.candidateId))
      .innerJoin(races, eq(races.id, candidates.raceId))
      .where(and(eq(races.coalitionId, coalitionId), sql`${endorsementEvents.decidedOn} <= ${today}`))
      .groupBy(endorsementEvents.partnerId)
      .all()
      .map((r) => [r.partnerId, r.last]),
  );
  const partnerActivity = seated.map((p) => {
    const last = latestDate(lastAttended.get(p.id), lastStance.get(p.id));
    return {
      partnerId: p.id,
      shortName: p.shortName,
      name: p.name,
      lastAttended: lastAttended.get(p.id) ?? null,
      lastStance: lastStance.get(p.id) ?? null,
      seatedOn: p.joinedAt.slice(0, 10),
      lastActivity: last,
      quiet: isQuiet(last, p.joinedAt.slice(0, 10), today),
    };
  });

  // ---- overdue action items per owner
  const items = db
    .select({ id: actionItems.id, text: actionItems.text, status: actionItems.status, dueDate: actionItems.dueDate, ownerPartnerId: actionItems.ownerPartnerId, ownerAffiliateId: actionItems.ownerAffiliateId, meetingId: meetings.id, meetingTitle: meetings.title })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(meetings.coalitionId, coalitionId), eq(actionItems.status, "open")))
    .all()
    .map((a) => {
      const aff = a.ownerAffiliateId !== null ? affiliatePartner.get(a.ownerAffiliateId) : undefined;
      const ownerName = a.ownerPartnerId !== null ? (shortName.get(a.ownerPartnerId) ?? "a former partner") : aff ? `${aff.name} (${shortName.get(aff.partnerId) ?? ""})` : "a former affiliate";
      return { ...a, ownerKey: a.ownerPartnerId !== null ? `partner:${a.ownerPartnerId}` : `affiliate:${a.ownerAffiliateId}`, ownerName };
    });
  const overdue = overdueByOwner(items, today);

  // ---- pledges against delivery, per sub-table with a field program
  const subTables = listSubCoalitions(db, viewer, { coalitionId, today }).filter((s) => s.status !== "closed");
  const programs = subTables.length
    ? db.select({ id: canvassPrograms.id, subCoalitionId: canvassPrograms.subCoalitionId }).from(canvassPrograms).where(inArray(canvassPrograms.subCoalitionId, subTables.map((s) => s.id))).all()
    : [];
  const pledgeRows = programs.length ? db.select().from(pledges).where(inArray(pledges.programId, programs.map((p) => p.id))).all() : [];
  const workRows = programs.length
    ? db
        .select({ programId: shifts.programId, affiliateId: signups.recruitedByAffiliateId, startsAt: shifts.startsAt, endsAt: shifts.endsAt, timeZone: races.timeZone })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId))
        .innerJoin(races, eq(races.id, canvassPrograms.raceId))
        .where(and(inArray(shifts.programId, programs.map((p) => p.id)), eq(signups.attended, true), isNull(signups.cancelledAt), isNull(shifts.cancelledAt)))
        .all()
    : [];
  const pledgesBySub = subTables.flatMap((s) => {
    const program = programs.find((p) => p.subCoalitionId === s.id);
    if (!program) return [];
    const result = pledgeDelivery(
      pledgeRows.filter((p) => p.programId === program.id),
      workRows.filter((w) => w.programId === program.id).map((w) => ({ affiliateId: w.affiliateId, date: localDateOf(w.startsAt, w.timeZone), hours: shiftHours(w.startsAt, w.endsAt) })),
      today,
    );
    return [
      {
        subTableId: s.id,
        candidateName: s.candidateName,
        raceLabel: raceLabel({ office: s.raceOffice, state: s.raceState, district: s.raceDistrict }),
        pledged: result.pledged,
        delivered: result.delivered,
        share: result.share,
        behind: result.behind,
        affiliates: [...result.byAffiliate.entries()]
          .map(([id, d]) => ({ affiliateId: id, name: affiliatePartner.get(id)?.name ?? "an affiliate", ...d }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    ];
  });

  return {
    today,
    quietDays: QUIET_DAYS,
    deliveryFloor: DELIVERY_FLOOR,
    attendance,
    meetingsHeld: past.length,
    partners: partnerActivity,
    quiet: quietestFirst(partnerActivity.filter((p) => p.quiet)),
    overdue,
    pledges: pledgesBySub,
    behind: pledgesBySub.filter((p) => p.behind),
  };
}

export type TableHealth = ReturnType<typeof getTableHealth>;
