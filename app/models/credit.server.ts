import type { Db } from "../../db/client";
import { NotFoundError } from "~/domain/errors";
import { rollUpCredit, type AffiliateCredit, type PartnerEndorsement } from "~/domain/credit";
import type { Viewer } from "./firewall.server";

/**
 * A sub-table's credit report (issue 16). Three statements whatever the data: the sub-table,
 * the partners' stances on its candidate (from the projection, with each one's first
 * endorsement from the indexed history), and one aggregate per affiliate over the program's
 * shifts, sign-ups, pledges and results, summed in SQL. Rows: one per partner and one per
 * affiliate that took part.
 */

type SubTableHead = { id: number; coalitionId: number; candidateId: number; candidateName: string; raceId: number; office: string; state: string; district: string | null; programId: number | null; programName: string | null };

/** The sub-table, its candidate and program, and the partners ever in it (who may read its credit), or a 404. */
export function creditSubject(db: Db, _viewer: Viewer, input: { coalitionId: number; subCoalitionId: number }): SubTableHead & { partnerIds: number[] } {
  const row = db.$client
    .prepare(
      `select s.id, s.coalition_id as coalitionId, c.id as candidateId, c.name as candidateName, r.id as raceId, r.office, r.state, r.district,
         p.id as programId, p.name as programName,
         (select group_concat(distinct m.partner_id) from sub_coalition_members m where m.sub_coalition_id = s.id) as partnerIds
       from sub_coalitions s join candidates c on c.id = s.candidate_id join races r on r.id = c.race_id
       left join canvass_programs p on p.sub_coalition_id = s.id
       where s.id = ? and s.coalition_id = ?`,
    )
    .get(input.subCoalitionId, input.coalitionId) as (SubTableHead & { partnerIds: string | null }) | undefined;
  if (!row) throw new NotFoundError("Sub-table");
  return { ...row, partnerIds: (row.partnerIds ?? "").split(",").filter(Boolean).map(Number) };
}

const AFFILIATE_CREDIT = `
with live as (select id, host_kind, host_affiliate_id, starts_at, ends_at from shifts where program_id = @program and cancelled_at is null),
hosted as (select host_affiliate_id as a, count(*) as n from live where host_kind = 'affiliate' and host_affiliate_id is not null group by 1),
cohosted as (select c.affiliate_id as a, count(*) as n from shift_co_hosts c join live s on s.id = c.shift_id group by 1),
rec as (
  select g.recruited_by_affiliate_id as a, count(*) as recruited, sum(g.created_at >= s.starts_at) as walkIns, sum(g.attended = 1) as attended,
    sum(case when g.attended = 1 then (julianday(s.ends_at) - julianday(s.starts_at)) * 24 else 0 end) as hours
  from signups g join live s on s.id = g.shift_id where g.cancelled_at is null group by 1),
pl as (select affiliate_id as a, sum(hours) as pledged, sum(case when week_start <= @today then hours else 0 end) as toDate from pledges where program_id = @program group by 1),
res as (select r.affiliate_id as a, sum(r.doors_knocked) as doors, sum(r.calls_dialed) as calls, sum(r.texts_sent) as texts from shift_results r join live s on s.id = r.shift_id group by 1),
ids as (select a from hosted union select a from cohosted union select a from rec union select a from pl union select a from res)
select af.id as affiliateId, af.name as affiliateName, pa.id as partnerId, pa.name as partnerName,
  coalesce(hosted.n, 0) as shiftsHosted, coalesce(cohosted.n, 0) as shiftsCoHosted,
  coalesce(rec.recruited, 0) as recruited, coalesce(rec.walkIns, 0) as walkIns, coalesce(rec.attended, 0) as attended,
  coalesce(pl.pledged, 0) as hoursPledged, coalesce(pl.toDate, 0) as hoursPledgedToDate, coalesce(rec.hours, 0) as hoursDelivered,
  coalesce(res.doors, 0) as doors, coalesce(res.calls, 0) as calls, coalesce(res.texts, 0) as texts
from ids join affiliates af on af.id = ids.a join partners pa on pa.id = af.partner_id
left join hosted on hosted.a = ids.a left join cohosted on cohosted.a = ids.a left join rec on rec.a = ids.a
left join pl on pl.a = ids.a left join res on res.a = ids.a
where (@partner is null or pa.id = @partner)
order by pa.name, af.name`;

/** The report: the sub-table, each partner's endorsement and figures with its affiliates', and the total. The route checks credit.read. */
export function subTableCredit(db: Db, viewer: Viewer, input: { coalitionId: number; subCoalitionId: number; today: string; partnerId?: number | null }) {
  const head = creditSubject(db, viewer, input);
  const partner = input.partnerId ?? null;
  const endorsements = db.$client
    .prepare(
      `select cs.partner_id as partnerId, p.name as partnerName, cs.stance as stance,
         (select min(e.decided_on) from endorsement_events e where e.candidate_id = cs.candidate_id and e.partner_id = cs.partner_id and e.affiliate_id is null and e.stance = 'endorsed') as firstEndorsed
       from current_stances cs join partners p on p.id = cs.partner_id
       where cs.candidate_id = ? and cs.holder_affiliate = 0 and (? is null or cs.partner_id = ?)
         and (cs.stance = 'endorsed' or exists (select 1 from sub_coalition_members m where m.sub_coalition_id = ? and m.partner_id = cs.partner_id))`,
    )
    .all(head.candidateId, partner, partner, head.id) as PartnerEndorsement[];
  const affiliates = head.programId === null ? [] : (db.$client.prepare(AFFILIATE_CREDIT).all({ program: head.programId, today: input.today, partner }) as AffiliateCredit[]);
  return { subTable: head, ...rollUpCredit(endorsements, affiliates) };
}
