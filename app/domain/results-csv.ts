import { parse as parseCsv, CsvError } from "csv-parse/sync";
import type { FieldErrors } from "./forms";
import { MAX_VOTES, OUTCOME_LABELS, outcomeProblem, resultsProblem, type RaceElections } from "./results";
import { RESULT_OUTCOMES, type ResultOutcome } from "./vocabulary";
import type { ElectionKind } from "./windows";

/**
 * The CSV import of an election's results (issue 16), parsed by csv-parse like the turf
 * import: one row per candidate (candidate, votes, outcome), every row checked before
 * anything is saved. The election and the public source are the form's, for the whole file.
 */

export const RESULT_COLUMNS = ["candidate", "votes", "outcome"] as const;
export const MAX_RESULT_BYTES = 256 * 1024;
export const MAX_RESULT_ROWS = 200;

export type ResultRowInput = { candidateId: number; votes: number; outcome: ResultOutcome };
export type ResultPreviewRow = { line: number; values: Record<(typeof RESULT_COLUMNS)[number], string>; errors: FieldErrors };
export type ResultsPreview =
  | { ok: false; message: string }
  | { ok: true; total: number; valid: number; errorRows: ResultPreviewRow[]; rows: ResultPreviewRow[]; results: ResultRowInput[]; problem: string | null };

const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
/** An outcome as a file may spell it: the code or the label ("Advanced to the runoff"), any case. */
function readOutcome(raw: string): ResultOutcome | null {
  const v = norm(raw).replace(/ /g, "_");
  if ((RESULT_OUTCOMES as readonly string[]).includes(v)) return v as ResultOutcome;
  const byLabel = RESULT_OUTCOMES.find((o) => norm(OUTCOME_LABELS[o]) === norm(raw));
  return byLabel ?? null;
}

/**
 * Checks a results file against the race's candidates: an unknown candidate (by name, any
 * case), a bad number of votes, an outcome the election cannot give and a candidate listed
 * twice are each a row's error; more winners than seats is the file's problem. Nothing is
 * returned to save unless every row is clean.
 */
export function previewResultsCsv(content: string, ctx: { election: ElectionKind; race: RaceElections; candidates: readonly { id: number; name: string }[] }): ResultsPreview {
  if (new TextEncoder().encode(content).length > MAX_RESULT_BYTES) return { ok: false, message: `The file is over ${MAX_RESULT_BYTES / 1024} KB: a results file has one line per candidate.` };
  if (content.trim() === "") return { ok: false, message: "The file is empty. It needs a header line (candidate, votes, outcome) and one line per candidate." };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(content, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, to: MAX_RESULT_ROWS + 2 }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, message: `This is not a readable CSV file: ${err.message}` };
    throw err;
  }
  const [header, ...lines] = records;
  const keys = header.record.map(headerKey);
  const missing = RESULT_COLUMNS.filter((c) => !keys.includes(c));
  if (missing.length) return { ok: false, message: `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. The header must name candidate, votes and outcome.` };
  if (lines.length === 0) return { ok: false, message: "The file has a header but no candidates." };
  if (lines.length > MAX_RESULT_ROWS) return { ok: false, message: `The file has more than ${MAX_RESULT_ROWS} rows; a race's results have one row per candidate.` };
  const byName = new Map(ctx.candidates.map((c) => [norm(c.name), c]));
  const seen = new Map<number, number>();
  const rows: ResultPreviewRow[] = [];
  const results: ResultRowInput[] = [];
  for (const { record, info } of lines) {
    const values = { candidate: record[keys.indexOf("candidate")] ?? "", votes: record[keys.indexOf("votes")] ?? "", outcome: record[keys.indexOf("outcome")] ?? "" };
    const errors: FieldErrors = {};
    const candidate = byName.get(norm(values.candidate));
    if (!values.candidate) errors.candidate = "Candidate is required.";
    else if (!candidate) errors.candidate = `No candidate named "${values.candidate}" runs in this race.`;
    else if (seen.has(candidate.id)) errors.candidate = `${candidate.name} is already on line ${seen.get(candidate.id)}.`;
    else seen.set(candidate.id, info.lines);
    const digits = values.votes.replace(/[,\s]/g, "");
    const votes = /^\d+$/.test(digits) ? Number(digits) : NaN;
    if (!Number.isSafeInteger(votes) || votes > MAX_VOTES) errors.votes = values.votes ? `"${values.votes}" is not a number of votes.` : "Votes are required.";
    const outcome = readOutcome(values.outcome);
    if (!outcome) errors.outcome = values.outcome ? `"${values.outcome}" is not an outcome (${RESULT_OUTCOMES.join(", ")}).` : "Outcome is required.";
    else {
      const p = outcomeProblem(ctx.election, ctx.race, outcome);
      if (p) errors.outcome = p;
    }
    rows.push({ line: info.lines, values, errors });
    if (Object.keys(errors).length === 0) results.push({ candidateId: candidate!.id, votes, outcome: outcome! });
  }
  const errorRows = rows.filter((r) => Object.keys(r.errors).length > 0);
  const problem = errorRows.length ? null : resultsProblem(ctx.election, ctx.race, results.map((r) => r.outcome));
  return { ok: true, total: rows.length, valid: rows.length - errorRows.length, errorRows, rows, results: errorRows.length || problem ? [] : results, problem };
}
