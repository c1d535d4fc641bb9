import { stringify } from "csv-stringify/sync";

/**
 * The one CSV writer (audit log, program exports), on csv-stringify: a header line, then one
 * line per row, CRLF line ends (RFC 4180). A cell is quoted when it holds a comma, a quote,
 * or a line break. A text cell a spreadsheet would read as a formula (starting with = + - @,
 * a tab or a carriage return) is defused with a leading apostrophe (OWASP's CSV injection
 * advice; csv-stringify's `escape_formulas`); a negative number stays a number. null and
 * undefined are empty cells; true and false are written as words.
 *
 * A streamed export writes the header with its first batch and passes null after it: the
 * batches joined are the file toCsv would write in one go.
 */
export function toCsv(head: readonly string[] | null, rows: readonly (readonly unknown[])[]): string {
  return csvLines(head ? [head, ...rows] : rows);
}

/** Lines of a CSV without its header, written as toCsv writes them: the later batches of a streamed export. */
export function csvLines(rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return "";
  return stringify(rows as unknown[][], {
    record_delimiter: "windows",
    eof: true,
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  });
}
