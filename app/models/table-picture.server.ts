/**
 * The table's picture as its pages show it, read from the projection of the stance history
 * (migration 0012: current_stances, candidate_tallies) and by index, never by folding a
 * table's whole history in a request (issue 11). The matrix lives in matrix.server.ts.
 */
import type { Db } from "../../db/client";
import type { Viewer } from "./endorsements.server";
import { listStanceEvents } from "./endorsements.server";
import { coalitionRow } from "./coalitions.server";
import { nearingCriticalMass, splitRaces } from "./matrix.server";
import { subCoalitionSummaries } from "./sub-coalitions.server";

export { MATRIX_STATUSES, MATRIX_STATUS_LABELS, type MatrixStatus } from "~/domain/matrix";
export {
  getMatrix,
  matrixExportRows,
  raceCandidateRows,
  splitRaces,
  nearingCriticalMass,
  type MatrixQuery,
  type MatrixRow,
  type MatrixPartner,
  type SplitRace,
} from "./matrix.server";

/** How many of each list the table's home shows (each with its total and a link to the whole list). */
export const HOME_LIST = 20;

/**
 * National partners' endorsements standing over time, one point per week that had a decision
 * (dated by the week's last decision day): a SQL aggregate by week over endorsement_days, the
 * per-day net change (+1 an endorsement made, −1 one ended) the stance's own transaction keeps
 * (migration 0012), so no request reads the history. The last point is the number standing now.
 */
export function endorsementTimelineByWeek(db: Db, coalitionId: number): { date: string; endorsed: number }[] {
  return db.$client
    .prepare(
      `select max(decided_on) as date, sum(sum(delta)) over (order by week) as endorsed
       from (select decided_on, date(decided_on, '-6 days', 'weekday 1') as week, delta from endorsement_days where coalition_id = ?)
       group by week order by week`,
    )
    .all(coalitionId) as { date: string; endorsed: number }[];
}

/** The table in numbers (two statements): every role's home shows them. */
export function tableCounts(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string }) {
  const { coalitionId, today } = input;
  const tallies = db.$client
    .prepare(
      `select count(*) as candidates, coalesce(sum(endorsers), 0) as endorsements,
         (select count(*) from (select race_id from candidate_tallies where coalition_id = @coalitionId group by race_id)) as racesWithCandidates
       from candidate_tallies where coalition_id = @coalitionId`,
    )
    .get({ coalitionId }) as { candidates: number; racesWithCandidates: number; endorsements: number };
  const other = db.$client
    .prepare(
      `select
         (select count(*) from coalition_partners where coalition_id = @coalitionId) as partners,
         (select count(*) from affiliates a join coalition_partners cp on cp.partner_id = a.partner_id and cp.coalition_id = @coalitionId) as affiliates,
         (select count(*) from races where coalition_id = @coalitionId) as races,
         (select count(*) from sub_coalitions s join candidate_tallies t on t.candidate_id = s.candidate_id
            where s.coalition_id = @coalitionId and s.closed_at is null and t.primary_date >= @today) as openSubTables,
         (select count(*) from sub_coalitions where coalition_id = @coalitionId) as subTables`,
    )
    .get({ coalitionId, today }) as { partners: number; affiliates: number; races: number; openSubTables: number; subTables: number };
  return {
    partners: other.partners,
    affiliates: other.affiliates,
    races: other.races,
    racesWithCandidates: tallies.racesWithCandidates,
    candidates: tallies.candidates,
    endorsements: tallies.endorsements,
    subTables: other.openSubTables,
    allSubTables: other.subTables,
  };
}

/** The table's home: counts, races nearing critical mass, split races, sub-tables, newest stances, timeline. */
export function getTableHome(db: Db, viewer: Viewer, input: { coalitionId: number; today: string }) {
  const { coalitionId, today } = input;
  const coalition = coalitionRow(db, coalitionId);
  const counts = tableCounts(db, viewer, { coalitionId, today });
  const nearing = nearingCriticalMass(db, { coalitionId, threshold: coalition.threshold, today, limit: HOME_LIST });
  const split = splitRaces(db, { coalitionId, limit: HOME_LIST });
  return {
    coalition,
    counts,
    nearing: nearing.rows,
    nearingTotal: nearing.total,
    splitRaces: split.rows,
    splitRacesTotal: split.total,
    // each list as the home shows it, no more (issue 11: the loader's data is half the page)
    subTables: subCoalitionSummaries(db, coalitionId, today, { limit: HOME_LIST }).map((s) => ({
      id: s.id,
      candidateName: s.candidateName,
      raceState: s.raceState,
      raceDistrict: s.raceDistrict,
      memberCount: s.memberCount,
      threshold: s.threshold,
      status: s.status,
    })),
    subTablesTotal: counts.allSubTables,
    newest: listStanceEvents(db, viewer, { coalitionId, limit: 10 }).map((e) => ({
      id: e.id,
      partnerId: e.partnerId,
      affiliateId: e.affiliateId,
      partnerShortName: e.partnerShortName,
      affiliateName: e.affiliateName,
      candidateId: e.candidateId,
      candidateName: e.candidateName,
      stance: e.stance,
      decidedOn: e.decidedOn,
      note: e.note,
      noteWithheld: e.noteWithheld,
    })),
    timeline: endorsementTimelineByWeek(db, coalitionId),
  };
}
