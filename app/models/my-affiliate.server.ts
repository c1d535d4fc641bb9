import type { AffiliateRef, ShiftView } from "~/domain/field-views";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, shifts, signups, turfAssignments, turfUnits, type CalendarFeed } from "../../db/schema";
import { addDays } from "~/domain/dates";
import type { Principal } from "~/domain/permissions";
import { listFeeds } from "./calendar-feeds.server";
import { affiliateRefs, hostedBy, shiftQuery, shiftViews } from "./shift-rows.server";

/** "My affiliate": what a lead's affiliates have at a table (turf, shifts, volunteers, calendar feeds). */

export type MyAffiliate = {
  affiliate: AffiliateRef;
  units: { id: number; code: string; name: string; kind: string; size: number; programId: number; programName: string; locked: boolean }[];
  shifts: (ShiftView & { role: "host" | "co-host" })[];
  signups: { id: number; volunteerName: string; email: string | null; phone: string | null; attended: boolean | null; shift: ShiftView }[];
  feeds: Pick<CalendarFeed, "id" | "createdAt">[];
};

/** The affiliates a person leads at a table. */
function ledAffiliates(viewer: Principal, coalitionId: number): number[] {
  const ids = viewer.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId).map((g) => g.affiliateId as number);
  return [...new Set(ids)].filter((id) => (viewer.partnerSeats[viewer.affiliatePartner[id]] ?? []).includes(coalitionId));
}

/**
 * For a lead: each affiliate they lead with its turf units, shifts (hosted or co-hosted),
 * the sign-ups it recruited (from two weeks back) and its calendar feeds, at this table.
 * The viewer is who is asking: only their own affiliates are shown. `now` dates the two weeks.
 */
export function myAffiliate(db: Db, viewer: Principal, { coalitionId, now = new Date() }: { coalitionId: number; now?: Date }): MyAffiliate[] {
  const ids = ledAffiliates(viewer, coalitionId);
  const refs = affiliateRefs(db, ids);
  return ids
    .filter((id) => refs.has(id))
    .map((id) => {
      const units = db
        .select({ id: turfUnits.id, code: turfUnits.code, name: turfUnits.name, kind: turfUnits.kind, size: turfUnits.size, programId: canvassPrograms.id, programName: canvassPrograms.name, locked: turfAssignments.locked })
        .from(turfAssignments)
        .innerJoin(turfUnits, eq(turfUnits.id, turfAssignments.turfUnitId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, turfUnits.programId))
        .where(and(eq(turfAssignments.affiliateId, id), eq(canvassPrograms.coalitionId, coalitionId)))
        .orderBy(asc(canvassPrograms.id), asc(turfUnits.code))
        .all();
      const shiftRows = shiftQuery(db)
        .where(and(eq(canvassPrograms.coalitionId, coalitionId), hostedBy(db, id)))
        .orderBy(asc(shifts.startsAt), asc(shifts.id))
        .all();
      const mine = shiftViews(db, shiftRows).map((s) => ({ ...s, role: (s.hostAffiliateId === id ? "host" : "co-host") as "host" | "co-host" }));
      const recruited = db
        .select({ signup: signups, shiftId: shifts.id })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId))
        .where(and(eq(signups.recruitedByAffiliateId, id), isNull(signups.cancelledAt), eq(canvassPrograms.coalitionId, coalitionId), gt(shifts.endsAt, addDays(now.toISOString().slice(0, 10), -14))))
        .orderBy(asc(shifts.startsAt), asc(signups.id))
        .all();
      const signupShifts = new Map(shiftViews(db, recruited.length ? shiftQuery(db).where(inArray(shifts.id, [...new Set(recruited.map((r) => r.shiftId))])).all() : []).map((s) => [s.id, s]));
      return {
        affiliate: refs.get(id)!,
        units,
        shifts: mine,
        signups: recruited.map((r) => ({ id: r.signup.id, volunteerName: r.signup.volunteerName, email: r.signup.email, phone: r.signup.phone, attended: r.signup.attended, shift: signupShifts.get(r.shiftId)! })),
        feeds: listFeeds(db, viewer, { affiliateId: id }),
      };
    });
}
