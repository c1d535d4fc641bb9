import { toCsv } from "~/domain/csv";

/**
 * A CSV body streamed in chunks: the header line, then `chunk` rows at a time, each written by
 * toCsv (app/domain/csv.ts: the one writer, formula cells defused). Rows are pulled from the
 * iterable as the client reads, so memory stays constant whatever the number of rows.
 */
export function csvStream<T>(head: readonly string[], rows: Iterable<T>, toCells: (row: T) => readonly unknown[], chunk = 200): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const headLine = toCsv(head, []);
  let iterator: Iterator<T> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(headLine));
    },
    pull(controller) {
      iterator ??= rows[Symbol.iterator]();
      const batch: (readonly unknown[])[] = [];
      while (batch.length < chunk) {
        const next = iterator.next();
        if (next.done) break;
        batch.push(toCells(next.value));
      }
      // toCsv always writes the header line first: cut it off every batch after the first line
      if (batch.length > 0) controller.enqueue(encoder.encode(toCsv(head, batch).slice(headLine.length)));
      if (batch.length < chunk) controller.close();
    },
    cancel() {
      iterator?.return?.();
    },
  });
}
