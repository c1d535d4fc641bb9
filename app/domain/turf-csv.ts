import { parse as parseCsv, CsvError } from "csv-parse/sync";
import { parseForm, type FieldErrors } from "./forms";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, placeUnit, turfUnitForm, type RaceArea, type TurfUnitInput } from "./field-forms";

/**
 * The CSV import of turf units (issue 5), parsed by csv-parse (quotes, embedded commas and
 * line breaks, a byte-order mark), checked row by row before anything is saved. Server-side
 * only: the page shows its preview.
 */


/** The file's columns: its header names them (any order, any case). precinct may be left out. */
export const CSV_COLUMNS = ["unit_id", "kind", "name", "size", "state", "district", "county", "precinct"] as const;
const REQUIRED_COLUMNS = CSV_COLUMNS.filter((c) => c !== "precinct");
const FIELD_OF: Record<(typeof CSV_COLUMNS)[number], keyof TurfUnitInput> = {
  unit_id: "code",
  kind: "kind",
  name: "name",
  size: "size",
  state: "state",
  district: "district",
  county: "county",
  precinct: "precinct",
};
/** Column names that look like voter data, which the table never stores. */
const PERSONAL = /(phone|e-?mail|first_?name|last_?name|full_?name|voter|address|birth|dob|\bage\b)/i;

export type PreviewRow = { line: number; values: Record<string, string>; errors: FieldErrors };
export type CsvPreview =
  | { ok: false; message: string }
  | {
      ok: true;
      total: number;
      valid: number;
      /** Every row with an error, in file order. */
      errorRows: PreviewRow[];
      /** The first rows without errors, to look at. */
      sample: PreviewRow[];
      /** The units to save, when there are no errors at all. */
      units: TurfUnitInput[];
      ignoredColumns: string[];
    };

const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");

/**
 * Parses and checks a turf file before anything is saved: a refusal for the file as a
 * whole (not CSV, too big, too many rows, a missing column, voter data), otherwise every
 * row's errors. A unit id may appear once in the file and must not be in the program yet.
 */
export function previewTurfCsv(content: string, ctx: { race: RaceArea; existingCodes: ReadonlySet<string>; sampleSize?: number }): CsvPreview {
  const bytes = new TextEncoder().encode(content).length;
  if (bytes > MAX_IMPORT_BYTES) {
    return { ok: false, message: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.` };
  }
  if (content.trim() === "") return { ok: false, message: "The file is empty. It needs a header line and one line per unit." };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(content, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, to: MAX_IMPORT_ROWS + 2 }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, message: `This is not a readable CSV file: ${err.message}` };
    throw err;
  }
  const [header, ...rows] = records;
  const keys = header.record.map(headerKey);
  const personal = header.record.filter((h) => PERSONAL.test(h));
  if (personal.length) {
    return { ok: false, message: `The file has columns that look like voter data (${personal.join(", ")}). Upload units and their sizes only: the table never stores voters' names or numbers.` };
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !keys.includes(c) && !(c === "unit_id" && (keys.includes("id") || keys.includes("code"))));
  if (missing.length) {
    return { ok: false, message: `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. The header must name ${REQUIRED_COLUMNS.join(", ")} (precinct is optional).` };
  }
  if (rows.length === 0) return { ok: false, message: "The file has a header but no units." };
  if (rows.length > MAX_IMPORT_ROWS) {
    // parsing stopped past the limit; count the lines for the message
    const lines = content.split(/\r?\n/).filter((l) => l.trim() !== "").length - 1;
    return { ok: false, message: `The file has ${lines.toLocaleString("en-US")} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString("en-US")} per import. Split it into smaller files. Nothing was saved.` };
  }
  const col = (name: string) => {
    const i = keys.indexOf(name);
    if (i >= 0 || name !== "unit_id") return i;
    return keys.includes("id") ? keys.indexOf("id") : keys.indexOf("code");
  };
  const index = CSV_COLUMNS.map((c) => [c, col(c)] as const);
  const known = new Set(index.map(([, i]) => i));
  const ignoredColumns = header.record.filter((_, i) => !known.has(i) && header.record[i] !== "");

  const seen = new Map<string, number>();
  const errorRows: PreviewRow[] = [];
  const sample: PreviewRow[] = [];
  const units: TurfUnitInput[] = [];
  for (const { record, info } of rows) {
    const values: Record<string, string> = {};
    for (const [c, i] of index) values[FIELD_OF[c]] = i >= 0 ? (record[i] ?? "") : "";
    const line = info.lines;
    const parsed = parseForm(turfUnitForm, values);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (parsed.ok) {
      const placed = placeUnit(parsed.data, ctx.race);
      if (!placed.ok) errors[placed.field] = placed.message;
      else units.push(placed.unit);
    }
    const code = values.code.trim();
    if (code && !errors.code) {
      if (seen.has(code)) errors.code = `Unit id ${code} is already on line ${seen.get(code)}.`;
      else if (ctx.existingCodes.has(code)) errors.code = `A unit with id ${code} is already in this program.`;
      else seen.set(code, line);
    }
    const row = { line, values, errors };
    if (Object.keys(errors).length) errorRows.push(row);
    else if (sample.length < (ctx.sampleSize ?? 10)) sample.push(row);
  }
  return {
    ok: true,
    total: rows.length,
    valid: rows.length - errorRows.length,
    errorRows,
    sample,
    units: errorRows.length ? [] : units,
    ignoredColumns,
  };
}
