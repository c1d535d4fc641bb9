import type { AffiliateRef, ShiftView } from "~/domain/field-views";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, shifts, signups, turfAssignments, turfUnits, type CalendarFeed } from "../../db/schema";
import { SHIFT_MAX_MS } from "~/domain/field-lists";
import type { Principal } from "~/domain/permissions";
import type { TurfKind } from "~/domain/vocabulary";
import { listFeeds } from "./calendar-feeds.server";
import { affiliateRefs, hostedBy, shiftQuery, shiftViews } from "./shift-rows.server";

/** "My affiliate": what a lead's affiliates have at a table (turf, shifts, volunteers, calendar feeds). */

/** A list cut at its limit, with how many there are in all (counted in SQL). */
export type Capped<T> = { rows: T[]; total: number };

export type MyAffiliate = {
  affiliate: AffiliateRef;
  /** Its turf units at this table, by program and code (the first MY_LIMIT). */
  units: Capped<{ id: number; code: string; name: string; kind: TurfKind; size: number; programId: number; programName: string; locked: boolean }>;
  /** The shifts it hosts or co-hosts that ended at most two weeks ago or are still to come, soonest first (the first MY_LIMIT). */
  shifts: Capped<ShiftView & { role: "host" | "co-host" }>;
  /** The volunteers it recruited for those shifts (the first MY_LIMIT). */
  signups: Capped<{ id: number; volunteerName: string; email: string | null; phone: string | null; attended: boolean | null; shift: ShiftView }>;
  feeds: Pick<CalendarFeed, "id" | "createdAt">[];
};

/** The most rows each of the page's lists shows (the program pages page through the rest). */
export const MY_LIMIT = 50;
const RECENT_DAYS = 14;

/** The affiliates a person leads at a table. */
function ledAffiliates(viewer: Principal, coalitionId: number): number[] {
  const ids = viewer.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId).map((g) => g.affiliateId as number);
  return [...new Set(ids)].filter((id) => (viewer.partnerSeats[viewer.affiliatePartner[id]] ?? []).includes(coalitionId));
}

/**
 * For a lead: each affiliate they lead with its turf units, its shifts (hosted or co-hosted)
 * and the sign-ups it recruited, from two weeks back on, and its calendar feeds, at this
 * table. Each list is cut at MY_LIMIT with its total counted in SQL: the same statements per
 * affiliate whatever the data. The viewer is who is asking: only their own affiliates are
 * shown. `now` dates the two weeks.
 */
export function myAffiliate(db: Db, viewer: Principal, { coalitionId, now = new Date() }: { coalitionId: number; now?: Date }): MyAffiliate[] {
  const ids = ledAffiliates(viewer, coalitionId);
  const refs = affiliateRefs(db, ids);
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  // a shift that ended after `since` started at most a day before it (shifts last at most 24 hours)
  const recent = and(gt(shifts.startsAt, new Date(since.getTime() - SHIFT_MAX_MS).toISOString()), gt(shifts.endsAt, since.toISOString()));
  const count = sql<number>`count(*)`;
  return ids
    .filter((id) => refs.has(id))
    .map((id) => {
      const unitWhere = and(eq(turfAssignments.affiliateId, id), eq(canvassPrograms.coalitionId, coalitionId));
      const units = db
        .select({ id: turfUnits.id, code: turfUnits.code, name: turfUnits.name, kind: turfUnits.kind, size: turfUnits.size, programId: canvassPrograms.id, programName: canvassPrograms.name, locked: turfAssignments.locked })
        .from(turfAssignments)
        .innerJoin(turfUnits, eq(turfUnits.id, turfAssignments.turfUnitId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, turfUnits.programId))
        .where(unitWhere)
        .orderBy(asc(canvassPrograms.id), asc(turfUnits.code))
        .limit(MY_LIMIT)
        .all();
      const unitTotal = db.select({ n: count }).from(turfAssignments).innerJoin(turfUnits, eq(turfUnits.id, turfAssignments.turfUnitId)).innerJoin(canvassPrograms, eq(canvassPrograms.id, turfUnits.programId)).where(unitWhere).get()?.n ?? 0;
      // the unary + keeps SQLite from driving this by the table's programs (every recent shift of
      // the table, checked one by one): it reads the affiliate's own shifts by shifts_host_start
      // and shift_co_hosts_affiliate, then keeps this table's
      const shiftWhere = and(sql`+${canvassPrograms.coalitionId} = ${coalitionId}`, hostedBy(db, id), recent);
      const shiftRows = shiftQuery(db).where(shiftWhere).orderBy(asc(shifts.startsAt), asc(shifts.id)).limit(MY_LIMIT).all();
      const shiftTotal = db.select({ n: count }).from(shifts).innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId)).where(shiftWhere).get()?.n ?? 0;
      const mine = shiftViews(db, shiftRows, viewer).map((s) => ({ ...s, role: (s.hostAffiliateId === id ? "host" : "co-host") as "host" | "co-host" }));
      const signupWhere = and(eq(signups.recruitedByAffiliateId, id), isNull(signups.cancelledAt), eq(canvassPrograms.coalitionId, coalitionId), recent);
      const recruited = db
        .select({ signup: signups, shiftId: shifts.id })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId))
        .where(signupWhere)
        .orderBy(asc(shifts.startsAt), asc(signups.id))
        .limit(MY_LIMIT)
        .all();
      const signupTotal = db.select({ n: count }).from(signups).innerJoin(shifts, eq(shifts.id, signups.shiftId)).innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId)).where(signupWhere).get()?.n ?? 0;
      const signupShifts = new Map(shiftViews(db, shiftQuery(db).where(inArray(shifts.id, [...new Set(recruited.map((r) => r.shiftId))])).all(), viewer).map((s) => [s.id, s]));
      return {
        affiliate: refs.get(id)!,
        units: { rows: units, total: unitTotal },
        shifts: { rows: mine, total: shiftTotal },
        signups: { rows: recruited.map((r) => ({ id: r.signup.id, volunteerName: r.signup.volunteerName, email: r.signup.email, phone: r.signup.phone, attended: r.signup.attended, shift: signupShifts.get(r.shiftId)! })), total: signupTotal },
        feeds: listFeeds(db, viewer, { affiliateId: id }),
      };
    });
}
