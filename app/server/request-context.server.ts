import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the server knows about the request being answered: its id (for the log line and the
 * error page) and, once a guard has read the session, who is asking. Set by the Express
 * layer (app/server/express.server.ts) around each request; absent in tests that call loaders directly.
 */
export type RequestStore = {
  requestId: string;
  userId?: number;
  busy?: boolean;
  /**
   * A read request's signed-in person, once a guard has read the session: the root, the layout
   * and the page loaders of one page view run in the same request and read it once (issue 11).
   * Never kept for a write: its action may change the grants its loaders then read.
   */
  session?: { sid: string; user: unknown };
};

// One storage for the whole process: the Express layer (run by tsx) and the Remix build
// (bundled by Vite) each load their own copy of this module.
const KEY = "__coalitionTableRequestContext";
function storage(): AsyncLocalStorage<RequestStore> {
  const g = globalThis as unknown as Record<string, AsyncLocalStorage<RequestStore> | undefined>;
  return (g[KEY] ??= new AsyncLocalStorage<RequestStore>());
}

export function runWithRequest<T>(store: RequestStore, fn: () => T): T {
  return storage().run(store, fn);
}

export function currentRequest(): RequestStore | undefined {
  return storage().getStore();
}

/** Records who is asking, for the request's log line (an id, never a name or a session). */
export function noteUser(userId: number): void {
  const store = currentRequest();
  if (store) store.userId = userId;
}
