import { z } from "zod";
import { addDays } from "./dates";
import { chosenId, isoDate, required, wholeNumber } from "./forms";
import { RESULT_OUTCOMES, type ResultOutcome } from "./vocabulary";
import { ELECTION_KINDS, ELECTION_LABELS, type ElectionKind } from "./windows";

/**
 * Results of a race's elections (issue 16): each candidate's votes, share and outcome, with a
 * public source. Pure rules: which outcomes an election can give, shares and margins, and
 * when a sub-table may be carried into the election its candidate advanced to.
 */

export const OUTCOME_LABELS: Record<ResultOutcome, string> = {
  won: "Won",
  lost: "Lost",
  advanced_runoff: "Advanced to the runoff",
  advanced_general: "Advanced to the general",
  withdrew: "Withdrew",
};

export type RaceElections = { primaryDate: string; generalDate: string; runoffDate?: string | null; specialDate?: string | null; seats: number };

/** The date of one election of a race, or null when the race has no such election. */
export function electionDate(race: RaceElections, kind: ElectionKind): string | null {
  const d = { primary: race.primaryDate, runoff: race.runoffDate, special: race.specialDate, general: race.generalDate }[kind];
  return d ?? null;
}

/** The elections a race has, in date order. */
export function raceElections(race: RaceElections): { kind: ElectionKind; date: string }[] {
  return ELECTION_KINDS.map((kind) => ({ kind, date: electionDate(race, kind) }))
    .filter((e): e is { kind: ElectionKind; date: string } => !!e.date)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** A runoff after the general (as Georgia holds them) decides the seat; one before it decides the nomination. */
const runoffDecidesSeat = (race: RaceElections) => !!race.runoffDate && race.runoffDate > race.generalDate;

/**
 * The outcomes an election can give a candidate:
 * - a primary nominates: advanced to the general, or to the runoff when the race has one
 *   before the general; nobody "wins" a seat in a primary;
 * - a runoff before the general nominates (advanced to the general); one after it decides the seat;
 * - a special election and the general decide the seat, or go to a runoff the race has after them;
 * - anyone may lose or withdraw.
 */
export function allowedOutcomes(kind: ElectionKind, race: RaceElections): ResultOutcome[] {
  const date = electionDate(race, kind);
  const runoffAfter = !!race.runoffDate && !!date && race.runoffDate > date;
  const out: ResultOutcome[] = [];
  if (kind === "primary" || (kind === "runoff" && !runoffDecidesSeat(race))) out.push("advanced_general");
  else out.push("won");
  if (kind !== "runoff" && runoffAfter && (kind !== "primary" || !runoffDecidesSeat(race))) out.push("advanced_runoff");
  out.push("lost", "withdrew");
  return out;
}

/** Why an outcome does not fit an election, or null. */
export function outcomeProblem(kind: ElectionKind, race: RaceElections, outcome: ResultOutcome): string | null {
  if (!electionDate(race, kind)) return `This race has no ${ELECTION_LABELS[kind].toLowerCase()} date.`;
  if (allowedOutcomes(kind, race).includes(outcome)) return null;
  const allowed = allowedOutcomes(kind, race).map((o) => OUTCOME_LABELS[o].toLowerCase());
  return `${OUTCOME_LABELS[outcome]} is not an outcome of this race's ${ELECTION_LABELS[kind].toLowerCase()}: it can be ${allowed.join(", ")}.`;
}

/** Why a whole election's outcomes do not add up, or null: no more winners than seats. */
export function resultsProblem(kind: ElectionKind, race: RaceElections, outcomes: readonly ResultOutcome[]): string | null {
  const won = outcomes.filter((o) => o === "won").length;
  if (won > race.seats) return `${won} candidates marked as won, for ${race.seats} seat${race.seats > 1 ? "s" : ""}.`;
  return null;
}

/** Share of the votes cast for the listed candidates, in percent to one decimal (null when no votes). */
export function withShares<T extends { votes: number }>(rows: readonly T[]): (T & { share: number | null })[] {
  const total = rows.reduce((s, r) => s + r.votes, 0);
  return rows.map((r) => ({ ...r, share: total > 0 ? Math.round((r.votes / total) * 1000) / 10 : null }));
}

/**
 * A candidate's margin in percentage points: its share minus the best share of anyone else
 * (positive for the leader, negative behind). Null without votes or without an opponent.
 */
export function marginOf(rows: readonly { candidateId: number; votes: number }[], candidateId: number): number | null {
  const total = rows.reduce((s, r) => s + r.votes, 0);
  const mine = rows.find((r) => r.candidateId === candidateId);
  const others = rows.filter((r) => r.candidateId !== candidateId);
  if (!mine || total === 0 || others.length === 0) return null;
  const best = Math.max(...others.map((r) => r.votes));
  return Math.round(((mine.votes - best) / total) * 1000) / 10;
}

/** The election an outcome sends the candidate to, if any. */
export function advancesTo(outcome: ResultOutcome): ElectionKind | null {
  return outcome === "advanced_general" ? "general" : outcome === "advanced_runoff" ? "runoff" : null;
}

// ---------------------------------------------------------------------------------------
// Carrying a sub-table into the next election

export type CarryInput = {
  race: RaceElections;
  today: string;
  /** The sub-table: closed by the facilitator, and the election it works toward now. */
  subTable: { closedAt: string | null; election: ElectionKind };
  /** The candidate's recorded outcome in that election, if any. */
  outcome: ResultOutcome | null;
  /** The program's current dates, if the sub-table has one. */
  program: { startDate: string; endDate: string } | null;
};

export type CarryPlan = {
  ok: true;
  election: ElectionKind;
  electionDate: string;
  /** The program's new dates: from the day after the election just held to the next one. */
  programStart: string | null;
  programEnd: string | null;
};

/**
 * Whether a sub-table may be carried into the next election, and into which: only when its
 * candidate advanced from the election the sub-table works toward (recorded in the results),
 * to an election the race has and that is still ahead. Members and stances are untouched
 * (each partner keeps and may change its own); the program's dates move to the new election.
 */
export function planCarry(input: CarryInput): CarryPlan | { ok: false; message: string } {
  const { race, today, subTable, outcome } = input;
  if (subTable.closedAt) return { ok: false, message: "The facilitator closed this sub-table; it cannot be carried forward." };
  const from = ELECTION_LABELS[subTable.election].toLowerCase();
  if (!outcome) return { ok: false, message: `Record the ${from} results first: the candidate must have advanced.` };
  const next = advancesTo(outcome);
  if (!next) return { ok: false, message: `The candidate's ${from} outcome is "${OUTCOME_LABELS[outcome].toLowerCase()}": only a candidate who advanced can be carried forward.` };
  const date = electionDate(race, next);
  if (!date) return { ok: false, message: `The race has no ${ELECTION_LABELS[next].toLowerCase()} date. Add it to the race first.` };
  const heldOn = electionDate(race, subTable.election)!;
  if (date <= heldOn) return { ok: false, message: `The ${ELECTION_LABELS[next].toLowerCase()} (${date}) is not after the ${from} (${heldOn}).` };
  if (date < today) return { ok: false, message: `The ${ELECTION_LABELS[next].toLowerCase()} (${date}) is already past.` };
  const start = input.program ? (input.program.startDate > heldOn ? input.program.startDate : addDays(heldOn, 1)) : null;
  return { ok: true, election: next, electionDate: date, programStart: start, programEnd: input.program ? date : null };
}

/** The last day a sub-table is open: its election's day (the primary unless it was carried). */
export function subTableOpenUntil(primaryDate: string, activeUntil: string | null | undefined): string {
  return activeUntil ?? primaryDate;
}

// ---------------------------------------------------------------------------------------
// Forms

const election = z.enum(ELECTION_KINDS, { error: "Choose an election." });
const source = {
  sourceUrl: required("Source address", 500).refine((v) => /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), "Source address must be a web address starting with http:// or https://."),
  sourceDate: isoDate("Source date"),
};
export const MAX_VOTES = 200_000_000;

/** One candidate's result, entered by hand. Results are public: the source is a public address. */
export const resultForm = z.object({
  election,
  candidateId: chosenId("Choose a candidate."),
  votes: wholeNumber("Votes", 0, MAX_VOTES),
  outcome: z.enum(RESULT_OUTCOMES, { error: "Choose an outcome." }),
  ...source,
});
export type ResultInput = z.output<typeof resultForm>;

/** The results file's election and source (the file holds candidate, votes, outcome). */
export const resultsImportForm = z
  .object({ election, ...source, file: z.file().max(256 * 1024, "The file is over 256 KB: a results file has one line per candidate.").optional(), csv: z.string().optional() })
  .superRefine((v, ctx) => {
    if (!v.file?.size && !v.csv?.trim()) ctx.addIssue({ code: "custom", path: ["csv"], message: "Choose a CSV file or paste its lines." });
  });

/** Carrying a sub-table forward: nothing to type but the intent; the plan comes from the results. */
export const carryForm = z.object({ note: z.string().trim().max(1000, "Note must be at most 1000 characters.").optional().transform((v) => v || null) });

/** Linking this candidacy to another of the same person (issue 16). */
export const linkCandidacyForm = z.object({ otherCandidateId: chosenId("Choose a candidacy.") });
/** Starting a profile from the person's last one: nothing to type. */
export const copyProfileForm = z.object({});
/** Another name the person ran under or goes by (issue 16): a maiden name, a nickname. */
export const otherNameForm = z.object({ name: required("Other name", 120) });
export const removeOtherNameForm = z.object({ nameId: chosenId("Choose a name.") });
/** The person search asks for at least this many letters. */
export const MIN_SEARCH = 2;
