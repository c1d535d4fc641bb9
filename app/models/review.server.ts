import type { Db } from "../../db/client";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { reviewGroups, reviewRow, type ReviewGroup, type ReviewRow, type ReviewSource } from "~/domain/review";
import type { Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * The cycle review of a table (issue 16): one row per race with a result, for the candidate
 * the table backed most there (most endorsing partners, then the one with a sub-table), at
 * the last election that candidate has a result in. Two statements per page: the keyset page
 * of rows (by that election's date, then race) and the chart's counts, both summed in SQL.
 */

const ROWS = `
with res as (
  select er.race_id, er.candidate_id, er.election, er.votes, er.outcome,
    case er.election when 'primary' then r.primary_date when 'runoff' then r.runoff_date when 'special' then r.special_date else r.general_date end as day
  from election_results er join races r on r.id = er.race_id where r.coalition_id = @coalition),
backed as (
  select c.race_id, c.candidate_id, coalesce(t.endorsers, 0) as endorsers, s.id as sub_id, s.formed_at,
    row_number() over (partition by c.race_id order by coalesce(t.endorsers, 0) desc, s.id is null, c.candidate_id) as rn
  from (select distinct race_id, candidate_id from res) c left join candidate_tallies t on t.candidate_id = c.candidate_id left join sub_coalitions s on s.candidate_id = c.candidate_id),
latest as (select res.*, row_number() over (partition by res.race_id, res.candidate_id order by res.day desc) as rn from res)
select b.race_id as raceId, ra.office, ra.state, ra.district, b.candidate_id as candidateId, ca.name as candidateName, b.endorsers, b.formed_at as formedAt, b.sub_id as subId,
  l.election, l.day as electionDate, l.outcome, l.votes,
  (select sum(o.votes) from election_results o where o.race_id = l.race_id and o.election = l.election) as totalVotes,
  coalesce((select max(o.votes) from election_results o where o.race_id = l.race_id and o.election = l.election and o.candidate_id <> l.candidate_id), 0) as runnerUp,
  coalesce((select sum((julianday(sh.ends_at) - julianday(sh.starts_at)) * 24) from canvass_programs p join shifts sh on sh.program_id = p.id and sh.cancelled_at is null
     join signups g on g.shift_id = sh.id and g.cancelled_at is null and g.attended = 1 where p.sub_coalition_id = b.sub_id), 0) as hoursDelivered
from backed b join latest l on l.race_id = b.race_id and l.candidate_id = b.candidate_id and l.rn = 1
join races ra on ra.id = b.race_id join candidates ca on ca.id = b.candidate_id
where b.rn = 1`;

type Raw = Omit<ReviewSource, "raceLabel"> & { office: string; state: string; district: string | null; subId: number | null };

// every read takes the viewer; results, endorsement counts and hours are table-wide information
export function cycleReview(db: Db, _viewer: Viewer, input: { coalitionId: number; cursor?: Cursor | null; limit?: number }): KeysetPage<ReviewRow> & { groups: ReviewGroup[]; total: number } {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const keyCond = cursor ? `and (electionDate, raceId) ${back ? "<" : ">"} (@d, @r)` : "";
  const fetched = (
    db.$client
      .prepare(`select * from (${ROWS}) where 1 ${keyCond} order by electionDate ${back ? "desc" : "asc"}, raceId ${back ? "desc" : "asc"} limit @n`)
      .all({ coalition: input.coalitionId, d: cursor?.key[0] ?? null, r: cursor?.key[1] ?? null, n: limit + 1 }) as Raw[]
  ).map(({ office, state, district, subId: _s, ...r }) => reviewRow({ ...r, raceLabel: raceLabel({ office, state, district }) }));
  const page = keysetPage(fetched, limit, cursor, (r) => [r.electionDate, r.raceId]);
  const counts = db.$client
    .prepare(
      `select subId is not null as withSubTable, count(*) as races, sum(outcome in ('won', 'advanced_general', 'advanced_runoff')) as succeeded,
         sum(case when totalVotes > 0 then (votes - runnerUp) * 100.0 / totalVotes end) as marginSum, sum(totalVotes > 0) as margins
       from (${ROWS}) group by 1`,
    )
    .all({ coalition: input.coalitionId }) as { withSubTable: 0 | 1; races: number; succeeded: number; marginSum: number | null; margins: number }[];
  return { ...page, groups: reviewGroups(counts), total: counts.reduce((n, c) => n + c.races, 0) };
}
