/**
 * Streaming a response body from a lazy sequence of text chunks (DESIGN.md "Scale": exports
 * and feeds stream rows in constant memory). The sequence is read one chunk per pull, so a
 * model that yields a batch of rows per chunk reads the database a batch at a time, as the
 * client takes them; a client that goes away stops the reading (the generator's `return`).
 */
export function streamChunks(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let it: Iterator<string> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        it ??= chunks[Symbol.iterator]();
        // skip empty chunks: an empty enqueue would end nothing and cost a round
        for (;;) {
          const next = it.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value.length > 0) {
            controller.enqueue(encoder.encode(next.value));
            return;
          }
        }
      },
      cancel() {
        it?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
