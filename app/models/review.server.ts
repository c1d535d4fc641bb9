import type { Db } from "../../db/client";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import {
  MARGIN_AXES,
  MARGIN_BANDS,
  marginPointsFromSums,
  reviewGroups,
  reviewRow,
  type MarginAxis,
  type MarginPoint,
  type MarginSums,
  type ReviewGroup,
  type ReviewRow,
  type ReviewSource,
} from "~/domain/review";
import type { Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * The cycle review of a table (issue 16): one row per race with a result, for the candidate
 * the table backed most there (most endorsing partners, then the one with a sub-table), at
 * the last election that candidate has a result in. The rows come from the `race_reviews`
 * projection, kept by triggers in the transaction of every write it reads (migration 0025):
 * a page reads its rows by index (by that election's date, then race) and never the table's
 * results. Two statements per page: the page's rows, and the charts' sums per band.
 */

const COLUMNS = `rr.race_id as raceId, ra.office, ra.state, ra.district, ra.chamber, ra.locality, ra.seat_kind as seatKind, rr.candidate_id as candidateId, ca.name as candidateName,
  rr.endorsers, rr.formed_at as formedAt, rr.sub_id as subId, rr.election, rr.election_day as electionDate, rr.outcome, rr.votes, rr.total_votes as totalVotes, rr.runner_up as runnerUp,
  rr.hours_delivered as hoursDelivered`;

type Raw = Omit<ReviewSource, "raceLabel"> & { office: string; state: string; district: string | null; chamber: string | null; locality: string | null; seatKind: string | null; subId: number | null };

/** A band's SQL: the CASE that gives a row's band index on one axis, from the domain's bands. */
function bandCase(axis: MarginAxis): string {
  const column = axis === "timing" ? "days_from_critical_mass" : axis === "endorsers" ? "endorsers" : "hours_delivered";
  const arms = MARGIN_BANDS[axis].map((b, i) => ("none" in b ? `when ${column} is null then ${i}` : `when ${column} >= ${b.min}${b.max === null ? "" : ` and ${column} < ${b.max}`} then ${i}`));
  const first = MARGIN_BANDS[axis].findIndex((b) => !("none" in b));
  return `case ${arms.join(" ")} else ${first} end`;
}

const SUMS = `count(*) as races, sum(succeeded) as succeeded, sum(margin) as marginSum, count(margin) as margins`;
const CHART = [
  `select 'sub' as axis, sub_id is not null as band, ${SUMS} from race_reviews where coalition_id = @coalition group by 2`,
  ...MARGIN_AXES.map((axis) => `select '${axis}' as axis, ${bandCase(axis)} as band, ${SUMS} from race_reviews where coalition_id = @coalition group by 2`),
].join(" union all ");

// every read takes the viewer; results, endorsement counts and hours are table-wide information
export function cycleReview(
  db: Db,
  _viewer: Viewer,
  input: { coalitionId: number; cursor?: Cursor | null; limit?: number },
): KeysetPage<ReviewRow> & { groups: ReviewGroup[]; total: number; margins: Record<MarginAxis, MarginPoint[]> } {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const keyCond = cursor ? `and (rr.election_day, rr.race_id) ${back ? "<" : ">"} (@d, @r)` : "";
  const dir = back ? "desc" : "asc";
  const fetched = (
    db.$client
      .prepare(
        `select ${COLUMNS} from race_reviews rr join races ra on ra.id = rr.race_id join candidates ca on ca.id = rr.candidate_id
         where rr.coalition_id = @coalition ${keyCond} order by rr.election_day ${dir}, rr.race_id ${dir} limit @n`,
      )
      .all({ coalition: input.coalitionId, d: cursor?.key[0] ?? null, r: cursor?.key[1] ?? null, n: limit + 1 }) as Raw[]
  ).map(({ office, state, district, chamber, locality, seatKind, subId: _s, ...r }) =>
    reviewRow({ ...r, raceLabel: raceLabel({ office, state, district, chamber, locality, seatKind } as Parameters<typeof raceLabel>[0]) }),
  );
  const page = keysetPage(fetched, limit, cursor, (r) => [r.electionDate, r.raceId]);
  const sums = db.$client.prepare(CHART).all({ coalition: input.coalitionId }) as (Omit<MarginSums, "axis"> & { axis: MarginAxis | "sub" })[];
  const sub = sums.filter((s) => s.axis === "sub").map((s) => ({ withSubTable: (s.band ? 1 : 0) as 0 | 1, races: s.races, succeeded: s.succeeded, marginSum: s.marginSum, margins: s.margins }));
  const axisSums = sums.filter((s): s is MarginSums => s.axis !== "sub");
  const margins = Object.fromEntries(MARGIN_AXES.map((a) => [a, marginPointsFromSums(a, axisSums)])) as Record<MarginAxis, MarginPoint[]>;
  return { ...page, groups: reviewGroups(sub), total: sub.reduce((n, c) => n + c.races, 0), margins };
}
