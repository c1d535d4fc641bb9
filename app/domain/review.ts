import { daysBetween } from "./dates";
import type { ResultOutcome } from "./vocabulary";
import type { ElectionKind } from "./windows";

/**
 * The cycle review (issue 16): for every race with a result, how strong the coalition was
 * beside the outcome. These figures show association, never cause: a sub-table tends to
 * form behind candidates who were already strong.
 */

export const ASSOCIATION_NOTE =
  "These figures show association, not cause: partners tend to back candidates who were already strong, and a handful of races cannot separate the table's work from everything else that happened.";

export type ReviewSource = {
  raceId: number;
  raceLabel: string;
  candidateId: number;
  candidateName: string;
  endorsers: number;
  /** When the sub-table formed (the day critical mass was reached), if it did. */
  formedAt: string | null;
  hoursDelivered: number;
  election: ElectionKind;
  electionDate: string;
  outcome: ResultOutcome;
  votes: number;
  totalVotes: number;
  /** The best other candidate's votes in that election (0 when unopposed). */
  runnerUp: number;
};

export type ReviewRow = ReviewSource & { daysFromCriticalMass: number | null; margin: number | null; succeeded: boolean };

/** Won or advanced: the outcome the table worked for. */
export const succeeded = (o: ResultOutcome) => o === "won" || o === "advanced_general" || o === "advanced_runoff";

/** One race's figures: days from critical mass to the election, the margin in points. */
export function reviewRow(s: ReviewSource): ReviewRow {
  return {
    ...s,
    hoursDelivered: Math.round(s.hoursDelivered * 10) / 10,
    daysFromCriticalMass: s.formedAt ? daysBetween(s.formedAt.slice(0, 10), s.electionDate) : null,
    margin: s.totalVotes > 0 && s.runnerUp >= 0 ? Math.round(((s.votes - s.runnerUp) / s.totalVotes) * 1000) / 10 : null,
    succeeded: succeeded(s.outcome),
  };
}

export type ReviewGroup = { group: "with a sub-table" | "without a sub-table"; races: number; succeeded: number; meanMargin: number | null };

/** The chart's groups, from counts summed in SQL: races with and without a sub-table, how many succeeded, the mean margin. */
export function reviewGroups(counts: readonly { withSubTable: 0 | 1; races: number; succeeded: number; marginSum: number | null; margins: number }[]): ReviewGroup[] {
  return ([1, 0] as const).map((w) => {
    const c = counts.find((x) => x.withSubTable === w);
    return {
      group: w ? "with a sub-table" : "without a sub-table",
      races: c?.races ?? 0,
      succeeded: c?.succeeded ?? 0,
      meanMargin: c && c.margins > 0 && c.marginSum !== null ? Math.round((c.marginSum / c.margins) * 10) / 10 : null,
    };
  });
}
