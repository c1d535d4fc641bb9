import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Viewer } from "~/domain/actor";

/**
 * Whose stance counts toward critical mass, in SQL (issue 13): the one rule of
 * `countsTowardCriticalMass` (app/domain/critical-mass.ts) over the projection `s`
 * (current_stances) and the table `co` (coalitions). Migration 0024's triggers count the
 * tallies by the same expression; tests/models/stance-projection.test.ts proves both equal the
 * fold. Callers count DISTINCT partners.
 */
export const COUNTS_SQL = `s.stance = 'endorsed' and coalesce(s.rank, 1) = 1 and case when co.decider = 'affiliate'
  then s.holder_affiliate <> 0 and exists (
    select 1 from race_areas ra join affiliate_coverage ac
      on ac.affiliate_id = s.affiliate_id and ac.state = ra.state and ac.kind = ra.kind and ac.area_key = ra.area_key
    where ra.race_id = s.race_id)
  else s.holder_affiliate = 0 end`;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Reader = Pick<Db | Tx, "all">;

/** The seated partners whose stance on a candidate counts, by id. */
export function endorsingPartnerIds(db: Reader, candidateId: number): number[] {
  return db
    .all<{ id: number }>(
      sql`select distinct s.partner_id as id from current_stances s
         join coalitions co on co.id = s.coalition_id
         join coalition_partners cp on cp.coalition_id = s.coalition_id and cp.partner_id = s.partner_id
         where s.candidate_id = ${candidateId} and ${sql.raw(COUNTS_SQL)} order by s.partner_id`,
    )
    .map((r) => r.id);
}

/** How many seated partners' stances count toward the candidate's critical mass (the candidate page; the page has checked the viewer may read it). */
export function countingEndorsers(db: Reader, _viewer: Viewer, input: { candidateId: number }): number {
  return endorsingPartnerIds(db, input.candidateId).length;
}

/** Every candidate of a table with the partners whose stance counts (a settings change, a threshold lowered). */
export function endorsingByCandidate(db: Reader, coalitionId: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of db.all<{ candidateId: number; partnerId: number }>(
    sql`select distinct s.candidate_id as candidateId, s.partner_id as partnerId from current_stances s
       join coalitions co on co.id = s.coalition_id
       join coalition_partners cp on cp.coalition_id = s.coalition_id and cp.partner_id = s.partner_id
       where s.coalition_id = ${coalitionId} and ${sql.raw(COUNTS_SQL)} order by s.candidate_id, s.partner_id`,
  )) {
    out.set(r.candidateId, [...(out.get(r.candidateId) ?? []), r.partnerId]);
  }
  return out;
}
