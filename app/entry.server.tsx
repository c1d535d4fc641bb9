import { Writable } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { isDatabaseBusy } from "~/domain/errors";
import { closeDb } from "~/server/db.server";
import { BUSY_RETRY_SECONDS } from "~/server/failures.server";
import { log } from "~/server/log.server";
import { currentRequest } from "~/server/request-context.server";

const ABORT_DELAY = 5_000;

/** What the Express layer (server/app.ts) passes to every request. */
type Context = { ip?: string; cspNonce?: string; requestId?: string };

/**
 * Renders a page. Security headers (the Content-Security-Policy with this request's nonce,
 * framing, sniffing, referrer) and compression are the Express layer's (helmet,
 * compression); here the nonce reaches Remix's inline scripts.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as Context).cspNonce ?? "";
  // A busy database that escaped a route's own handling is still a 503, not a 500.
  if (responseStatusCode === 500 && currentRequest()?.busy) responseStatusCode = 503;
  if (responseStatusCode === 503 && !responseHeaders.has("Retry-After")) responseHeaders.set("Retry-After", String(BUSY_RETRY_SECONDS));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The app has no Suspense boundary (every loader's data is there before the render), so
    // the shell is the whole page: it is rendered whole (for people and bots alike) and sent
    // as one buffer, one socket write instead of one per 2 KB chunk (issue 11's floor).
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timer);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error({ reqId: currentRequest()?.requestId, err: error }, "render error");
        },
      },
    );
    // Cleared once the page is rendered: a pending timer would keep the render's whole state
    // alive for ABORT_DELAY after the answer went out.
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors Remix caught outside the routes' own `handle()`: logged once. A client's mistake
 * (a route that has no action, an unknown URL) or a request the client abandoned is expected
 * and gets no stack: its access log line says enough. A busy database is one warning line.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  const reqId = (context as Context).requestId ?? currentRequest()?.requestId;
  if (isRouteErrorResponse(error) && error.status < 500) {
    log.debug({ reqId, status: error.status }, error.statusText);
    return;
  }
  if (isDatabaseBusy(error)) {
    const store = currentRequest();
    if (store) store.busy = true;
    log.warn({ reqId }, "database busy");
    return;
  }
  log.error({ reqId, err: error }, "unexpected error");
}

/**
 * A `.data` answer (the app's own fetches): a busy database's 503 says when to try again.
 * (Document answers get the same in handleRequest; a route's data() headers alone reach
 * the browser only through a `headers` export.)
 */
export function handleDataRequest(response: Response): Response {
  if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(BUSY_RETRY_SECONDS));
  return response;
}

/** For the server's shutdown: closes the app's database connection (checkpointing the WAL). */
export function closeDatabase(): void {
  closeDb();
}
