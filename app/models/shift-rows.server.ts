import type { AffiliateRef, ShiftView } from "~/domain/field-views";
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Viewer } from "~/domain/actor";
import { can } from "~/domain/permissions";
import type { Db } from "../../db/client";
import { affiliates, canvassPrograms, partners, races, shiftCoHosts, shifts, shiftTurf, signups, type Shift } from "../../db/schema";
import { seatsLeft } from "~/domain/shift-forms";
import { formatSpan, localDateOf, utcToLocal } from "~/domain/zoned-time";
import { NotFoundError } from "~/domain/errors";

/**
 * The building blocks the shift modules share (shifts, sign-ups, results, my affiliate,
 * calendar feeds, exports): the shift query with its race's zone, the decoration of rows
 * into `ShiftView`s, affiliate names, and a shift of a program or a 404. Routes do not import
 * this module; they call the reading and writing functions of the others.
 */

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A shift row with its race's zone and its program's name, as `shiftQuery` selects it. */
export type ShiftRow = { shift: Shift; timeZone: string; raceId: number; programName: string; coalitionId: number };

/** Affiliates by id, with their partner's name. */
export function affiliateRefs(db: Db | Tx, ids: number[], opts: { always?: boolean } = {}): Map<number, AffiliateRef> {
  // `always`: ask even for none, so a page runs the same statements whatever its data
  if (ids.length === 0 && !opts.always) return new Map();
  const rows = db
    .select({ id: affiliates.id, name: affiliates.name, partnerId: affiliates.partnerId, partnerName: partners.name })
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(inArray(affiliates.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

const shiftRowSelect = { shift: shifts, timeZone: races.timeZone, raceId: races.id, programName: canvassPrograms.name, coalitionId: canvassPrograms.coalitionId };

/**
 * Issue 13: a shift's meeting link is for its hosts and co-hosts, the recruiters of its
 * volunteers (their leads and partner representatives), and the table's facilitator; anyone
 * else at the table sees that there is one, not the link (pages, loader data, feeds, exports).
 */
export function maySeeMeetingLink(viewer: Viewer, coalitionId: number, hostsAndRecruiters: readonly AffiliateRef[]): boolean {
  if (viewer === "system") return true;
  if (can(viewer, { action: "table.manage", coalitionId }).ok) return true;
  return hostsAndRecruiters.some((a) => can(viewer, { action: "shift.manage", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok);
}

/** Shifts with their race's zone and their program's name; add a where and an order. */
export function shiftQuery(db: Db | Tx) {
  return db.select(shiftRowSelect).from(shifts).innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId)).innerJoin(races, eq(races.id, canvassPrograms.raceId));
}

/**
 * The condition "hosted or co-hosted by one of these affiliates", for a shift query: one SQL
 * condition (the co-hosts by a subquery on shift_co_hosts_affiliate), never a list read first.
 */
export function hostedBy(db: Db | Tx, affiliateIds: number | readonly number[]): SQL {
  const ids = typeof affiliateIds === "number" ? [affiliateIds] : [...affiliateIds];
  if (ids.length === 0) return sql`0`;
  const coHosted = db.select({ shiftId: shiftCoHosts.shiftId }).from(shiftCoHosts).where(inArray(shiftCoHosts.affiliateId, ids));
  return sql`(${inArray(shifts.hostAffiliateId, ids)} or ${inArray(shifts.id, coHosted)})`;
}

/** Groups rows by a key, in their order: one pass, no `filter` per key. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Decorates shift rows with their zone, hosts, turf and sign-up counts: three batched queries
 * (co-hosts, turf, sign-up counts) and one for the affiliates' names, whatever the number of
 * rows, and the same queries when there are none (a page's statements do not depend on the data).
 */
export function shiftViews(db: Db | Tx, rows: ShiftRow[], viewer: Viewer = "system"): ShiftView[] {
  const ids = rows.map((r) => r.shift.id);
  // who recruited the shift's volunteers: they see its meeting link (issue 13); asked even for none
  const recruiters =
    viewer === "system"
      ? new Map<number, { shiftId: number; affiliateId: number | null }[]>()
      : groupBy(
          db
            .selectDistinct({ shiftId: signups.shiftId, affiliateId: signups.recruitedByAffiliateId })
            .from(signups)
            .where(and(inArray(signups.shiftId, ids), isNull(signups.cancelledAt), isNotNull(signups.recruitedByAffiliateId)))
            .all(),
          (r) => r.shiftId,
        );
  const co = groupBy(db.select().from(shiftCoHosts).where(inArray(shiftCoHosts.shiftId, ids)).all(), (c) => c.shiftId);
  const turf = groupBy(db.select().from(shiftTurf).where(inArray(shiftTurf.shiftId, ids)).all(), (t) => t.shiftId);
  const counts = new Map(
    db
      .select({ shiftId: signups.shiftId, n: sql<number>`count(*)` })
      .from(signups)
      .where(and(inArray(signups.shiftId, ids), isNull(signups.cancelledAt)))
      .groupBy(signups.shiftId)
      .all()
      .map((c) => [c.shiftId, c.n]),
  );
  const recruiterIds = [...recruiters.values()].flat().map((r) => r.affiliateId).filter((x): x is number => x !== null);
  const refs = affiliateRefs(db, [...rows.map((r) => r.shift.hostAffiliateId).filter((x): x is number => x !== null), ...[...co.values()].flat().map((c) => c.affiliateId), ...recruiterIds], { always: true });
  return rows.map(({ shift, timeZone, raceId, programName, coalitionId }) => {
    const signedUp = counts.get(shift.id) ?? 0;
    const linkFor = [shift.hostAffiliateId, ...(co.get(shift.id) ?? []).map((c) => c.affiliateId), ...(recruiters.get(shift.id) ?? []).map((r) => r.affiliateId)]
      .map((id) => (id === null ? undefined : refs.get(id)))
      .filter((a): a is AffiliateRef => !!a);
    const showLink = !shift.callLink || maySeeMeetingLink(viewer, coalitionId, linkFor);
    return {
      ...shift,
      callLink: showLink ? shift.callLink : null,
      linkHidden: !showLink,
      timeZone,
      raceId,
      programName,
      host: shift.hostAffiliateId ? refs.get(shift.hostAffiliateId) ?? null : null,
      coHosts: byName((co.get(shift.id) ?? []).map((c) => refs.get(c.affiliateId)!).filter(Boolean)),
      turfUnitIds: (turf.get(shift.id) ?? []).map((t) => t.turfUnitId).sort((a, b) => a - b),
      signedUp,
      seatsLeft: seatsLeft(shift.capacity, signedUp),
      when: formatSpan(shift.startsAt, shift.endsAt, timeZone),
      localDate: localDateOf(shift.startsAt, timeZone),
      startsLocal: utcToLocal(shift.startsAt, timeZone),
      endsLocal: utcToLocal(shift.endsAt, timeZone),
    };
  });
}

/** Affiliates by name (most shifts have no co-host or one: nothing to compare). */
function byName(list: AffiliateRef[]): AffiliateRef[] {
  return list.length > 1 ? list.sort((a, b) => a.name.localeCompare(b.name)) : list;
}

/** A shift of this table and program; unknown ids, or another program's shift, are a 404. */
export function shiftRow(db: Db | Tx, { coalitionId, programId, shiftId }: { coalitionId: number; programId: number; shiftId: number }): ShiftRow {
  const row = shiftQuery(db)
    .where(and(eq(shifts.id, shiftId), eq(shifts.programId, programId), eq(canvassPrograms.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Shift");
  return row;
}
