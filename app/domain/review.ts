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

/**
 * The chart of margin against timing and strength (issue 16): the races of the review in a
 * few bands of one figure, each band with its count, how many succeeded and the mean margin
 * (points over the best other candidate, for the candidate the table backed most). A handful
 * of bands keeps the counts small enough to read; a band of one or two races says little.
 */
export const MARGIN_AXES = ["timing", "endorsers", "hours"] as const;
export type MarginAxis = (typeof MARGIN_AXES)[number];

/** A band [min, max) of a figure; `none` is the band of races without the figure (no sub-table: no days from critical mass). */
export type Band = { label: string; min: number; max: number | null } | { label: string; none: true };

export const MARGIN_AXIS_TITLES: Record<MarginAxis, string> = {
  timing: "Days from critical mass to the election",
  endorsers: "Endorsing partners",
  hours: "Hours delivered by the sub-table's program",
};

export const MARGIN_BANDS: Record<MarginAxis, readonly Band[]> = {
  timing: [
    { label: "No sub-table", none: true },
    { label: "Under 30 days", min: 0, max: 30 },
    { label: "30–89 days", min: 30, max: 90 },
    { label: "90–179 days", min: 90, max: 180 },
    { label: "180 days or more", min: 180, max: null },
  ],
  endorsers: [
    { label: "None", min: 0, max: 1 },
    { label: "1", min: 1, max: 2 },
    { label: "2–3", min: 2, max: 4 },
    { label: "4–5", min: 4, max: 6 },
    { label: "6 or more", min: 6, max: null },
  ],
  hours: [
    { label: "None", min: 0, max: 0.05 },
    { label: "Under 100", min: 0.05, max: 100 },
    { label: "100–499", min: 100, max: 500 },
    { label: "500–1,999", min: 500, max: 2000 },
    { label: "2,000 or more", min: 2000, max: null },
  ],
};

/** The band a value falls in (its index in MARGIN_BANDS[axis]); a negative day count (formed after the election) is the first counted band. */
export function bandOf(axis: MarginAxis, value: number | null): number {
  const bands = MARGIN_BANDS[axis];
  if (value === null) {
    const none = bands.findIndex((b) => "none" in b);
    return none >= 0 ? none : 0;
  }
  const i = bands.findIndex((b) => !("none" in b) && value >= b.min && (b.max === null || value < b.max));
  return i >= 0 ? i : bands.findIndex((b) => !("none" in b));
}

export type MarginPoint = { axis: MarginAxis; band: number; label: string; races: number; succeeded: number; meanMargin: number | null };
export type MarginSums = { axis: MarginAxis; band: number; races: number; succeeded: number; marginSum: number | null; margins: number };

/** Every band of an axis, from sums per band (summed in SQL, or by `marginPoints`); empty bands count 0. */
export function marginPointsFromSums(axis: MarginAxis, sums: readonly MarginSums[]): MarginPoint[] {
  return MARGIN_BANDS[axis].map((b, band) => {
    const s = sums.find((x) => x.axis === axis && x.band === band);
    return {
      axis,
      band,
      label: b.label,
      races: s?.races ?? 0,
      succeeded: s?.succeeded ?? 0,
      meanMargin: s && s.margins > 0 && s.marginSum !== null ? Math.round((s.marginSum / s.margins) * 10) / 10 : null,
    };
  });
}

/** The chart's points from the review's rows themselves (the rule the SQL sums follow). */
export function marginPoints(rows: readonly Pick<ReviewRow, "daysFromCriticalMass" | "endorsers" | "hoursDelivered" | "succeeded" | "votes" | "runnerUp" | "totalVotes">[]): Record<MarginAxis, MarginPoint[]> {
  const value = (axis: MarginAxis, r: (typeof rows)[number]) => (axis === "timing" ? r.daysFromCriticalMass : axis === "endorsers" ? r.endorsers : r.hoursDelivered);
  const out = {} as Record<MarginAxis, MarginPoint[]>;
  for (const axis of MARGIN_AXES) {
    const sums = new Map<number, MarginSums>();
    for (const r of rows) {
      const band = bandOf(axis, value(axis, r));
      const s = sums.get(band) ?? { axis, band, races: 0, succeeded: 0, marginSum: 0, margins: 0 };
      s.races += 1;
      s.succeeded += r.succeeded ? 1 : 0;
      if (r.totalVotes > 0) {
        s.marginSum = (s.marginSum ?? 0) + ((r.votes - r.runnerUp) * 100) / r.totalVotes;
        s.margins += 1;
      }
      sums.set(band, s);
    }
    out[axis] = marginPointsFromSums(axis, [...sums.values()]);
  }
  return out;
}
