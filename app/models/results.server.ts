import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, electionResults, type Race } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { refuse, type Result } from "~/domain/errors";
import { electionDate, outcomeProblem, raceElections, resultsProblem, withShares, type ResultInput } from "~/domain/results";
import { previewResultsCsv, type ResultsPreview } from "~/domain/results-csv";
import type { ResultOutcome } from "~/domain/vocabulary";
import { ELECTION_LABELS, type ElectionKind } from "~/domain/windows";
import { localDateOf } from "~/domain/zoned-time";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { raceRow } from "./races.server";

export type ResultRow = { candidateId: number; name: string; party: string; votes: number; share: number | null; outcome: ResultOutcome; sourceUrl: string; sourceDate: string };
export type ElectionResults = { kind: ElectionKind; date: string; rows: ResultRow[]; totalVotes: number };

/**
 * A race's results, election by election in date order, with each candidate's share of the
 * votes. Two indexed reads (the race, its results) whatever the data: a race has a handful
 * of candidates. Results are public information: every viewer at the table reads them.
 */
// every read takes the viewer; results are public
export function raceResults(db: Db, _viewer: Viewer, input: { coalitionId: number; raceId: number }): { race: Race; elections: ElectionResults[] } {
  const race = raceRow(db, input.coalitionId, input.raceId);
  const rows = db
    .select({ r: electionResults, name: candidates.name, party: candidates.party })
    .from(electionResults)
    .innerJoin(candidates, eq(candidates.id, electionResults.candidateId))
    .where(eq(electionResults.raceId, race.id))
    .orderBy(asc(electionResults.election), asc(candidates.name))
    .all();
  const elections = raceElections(race).map(({ kind, date }) => {
    const mine = rows.filter((x) => x.r.election === kind).sort((a, b) => b.r.votes - a.r.votes || a.name.localeCompare(b.name));
    const shared = withShares(mine.map((x) => ({ candidateId: x.r.candidateId, name: x.name, party: x.party, votes: x.r.votes, outcome: x.r.outcome, sourceUrl: x.r.sourceUrl, sourceDate: x.r.sourceDate })));
    return { kind, date, rows: shared, totalVotes: mine.reduce((s, x) => s + x.r.votes, 0) };
  });
  return { race, elections };
}

/** A race's candidates as choices (a race has a handful): one indexed read. */
// every read takes the viewer; a candidate's name is public
export function raceCandidateChoices(db: Db, _viewer: Viewer, input: { raceId: number }): { id: number; name: string }[] {
  return db.select({ id: candidates.id, name: candidates.name }).from(candidates).where(eq(candidates.raceId, input.raceId)).orderBy(asc(candidates.name), asc(candidates.id)).all();
}

/** Why results cannot be recorded for this election yet, or null. */
function electionProblem(race: Race, election: ElectionKind, now: Date): string | null {
  const date = electionDate(race, election);
  if (!date) return `This race has no ${ELECTION_LABELS[election].toLowerCase()} date.`;
  if (localDateOf(now, race.timeZone) < date) return `The ${ELECTION_LABELS[election].toLowerCase()} is on ${date}: its results come after it.`;
  return null;
}

/**
 * One candidate's result, entered by hand (a new one, or a correction of the one recorded).
 * The checks and the write run in one IMMEDIATE transaction: the candidate runs in the race,
 * the outcome fits the election, and the election has no more winners than seats.
 */
export function recordResult(db: Db, actor: Actor, input: { coalitionId: number; raceId: number } & ResultInput, now: Date = new Date()): Result<{ raceId: number }> {
  const race = raceRow(db, input.coalitionId, input.raceId);
  // a withdrawal is known before election day; votes and other outcomes come after it
  const when = input.outcome === "withdrew" ? null : electionProblem(race, input.election, now);
  if (when) return refuse("election", when);
  const fit = outcomeProblem(input.election, race, input.outcome);
  if (fit) return refuse("outcome", fit);
  return db.transaction(
    (tx): Result<{ raceId: number }> => {
      const candidate = tx.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.id, input.candidateId), eq(candidates.raceId, race.id))).get();
      if (!candidate) return refuse("candidateId", "Choose a candidate who runs in this race.");
      const others = tx
        .select({ outcome: electionResults.outcome, candidateId: electionResults.candidateId })
        .from(electionResults)
        .where(and(eq(electionResults.raceId, race.id), eq(electionResults.election, input.election)))
        .all()
        .filter((o) => o.candidateId !== input.candidateId);
      const problem = resultsProblem(input.election, race, [...others.map((o) => o.outcome), input.outcome]);
      if (problem) return refuse("outcome", problem);
      const values = { votes: input.votes, outcome: input.outcome, sourceUrl: input.sourceUrl, sourceDate: input.sourceDate, recordedBy: actor.id, recordedAt: now.toISOString() };
      tx.insert(electionResults)
        .values({ raceId: race.id, election: input.election, candidateId: input.candidateId, ...values })
        .onConflictDoUpdate({ target: [electionResults.raceId, electionResults.election, electionResults.candidateId], set: values })
        .run();
      appendAudit(tx, actor, { action: "result.record", decision: "info", raceId: race.id, subjectType: "candidate", subjectId: input.candidateId, detail: `${input.election}: ${input.votes} votes, ${input.outcome}` }, now);
      return { ok: true, raceId: race.id };
    },
    { behavior: "immediate" },
  );
}

type ImportInput = { coalitionId: number; raceId: number; election: ElectionKind; content: string };

/** Checks a results file against the race's candidates; nothing is written. */
export function previewResults(db: Db, _viewer: Viewer, input: ImportInput): ResultsPreview {
  const race = raceRow(db, input.coalitionId, input.raceId);
  const list = raceCandidateChoices(db, "system", { raceId: race.id });
  return previewResultsCsv(input.content, { election: input.election, race, candidates: list });
}

/**
 * Saves a file's results for one election, all or none, in one IMMEDIATE transaction: the
 * file is checked again inside it (a candidate may have changed since the preview), and the
 * election's results become the file's (rows of candidates not in the file are removed).
 */
export function importResults(
  db: Db,
  actor: Actor,
  input: ImportInput & { sourceUrl: string; sourceDate: string },
  now: Date = new Date(),
): Result<{ count: number }> | { ok: false; field: string; message: string; preview: ResultsPreview } {
  const race = raceRow(db, input.coalitionId, input.raceId);
  const when = electionProblem(race, input.election, now);
  if (when) return refuse("election", when);
  return db.transaction(
    (tx) => {
      const preview = previewResults(tx as unknown as Db, "system", input);
      if (!preview.ok) return refuse("csv", preview.message);
      if (preview.errorRows.length) return { ok: false as const, field: "csv", message: `${preview.errorRows.length} row(s) have errors. Nothing was saved.`, preview };
      if (preview.problem) return { ok: false as const, field: "csv", message: `${preview.problem} Nothing was saved.`, preview };
      tx.delete(electionResults).where(and(eq(electionResults.raceId, race.id), eq(electionResults.election, input.election))).run();
      const at = now.toISOString();
      tx.insert(electionResults)
        .values(preview.results.map((r) => ({ ...r, raceId: race.id, election: input.election, sourceUrl: input.sourceUrl, sourceDate: input.sourceDate, recordedBy: actor.id, recordedAt: at })))
        .run();
      appendAudit(tx, actor, { action: "result.import", decision: "info", raceId: race.id, subjectType: "race", subjectId: race.id, detail: `${input.election}: ${preview.results.length} results from ${input.sourceUrl}` }, now);
      return { ok: true as const, count: preview.results.length };
    },
    { behavior: "immediate" },
  );
}

/** A candidate's outcome in one election, or null: for the carry step. */
export function outcomeOf(db: Pick<Db, "select">, candidateId: number, election: ElectionKind): ResultOutcome | null {
  return (
    db
      .select({ outcome: electionResults.outcome })
      .from(electionResults)
      .where(and(eq(electionResults.candidateId, candidateId), eq(electionResults.election, election)))
      .get()?.outcome ?? null
  );
}
