/**
 * A turn of the event loop before each test. Many of the tests here are synchronous all the way
 * down (better-sqlite3), so a long file would otherwise never give its worker's event loop a
 * turn: vitest's own calls to the main process (onTaskUpdate) then wait unanswered, and after
 * 60 s of wall time the worker reports "Timeout calling onTaskUpdate" and the run fails though
 * every test passed. Captured before any test can fake the timers.
 */
import { beforeEach } from "vitest";

const realSetImmediate = globalThis.setImmediate;
beforeEach(() => new Promise<void>((resolve) => realSetImmediate(() => resolve())));
