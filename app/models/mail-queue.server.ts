import type { Db } from "../../db/client";
import type { OutboxRow } from "../../db/schema";
import { workMailQueue, type SendMail } from "./outbox.server";
import { sendDigests } from "./digests.server";
import { notifyOverdueActionItems } from "./notification-kinds.server";
import { scheduleReminders } from "./reminders.server";

/**
 * The scheduled work that turns into mail, run before each pass of the queue: the reminders now
 * due, the digests now due, and the action items that fell overdue (each told once).
 */
export function scheduleMail(db: Db, now: Date = new Date()): void {
  scheduleReminders(db, now);
  notifyOverdueActionItems(db, now);
  sendDigests(db, now);
}

/**
 * The queue worker's loop (issue 14): every `intervalMs` it runs the scheduled work that turns
 * into mail (`schedule`: the reminders now due) and one pass of the outbox. One pass at a time;
 * a pass that throws is logged and the loop goes on. Run in exactly one process (the server's
 * primary): the claims are atomic anyway, so a second worker could not send a message twice
 * while a claim's lease runs, but one is all the mail needs.
 */
export function startMailQueue(
  db: Db,
  send: SendMail | null,
  o: { intervalMs?: number; host?: string; base?: string; schedule?: (db: Db, now: Date) => void; onKept?: (row: OutboxRow) => void; onError?: (err: unknown) => void; onPass?: (done: Awaited<ReturnType<typeof workMailQueue>>) => void } = {},
) {
  let stopped = false;
  let running: Promise<void> | null = null;
  const pass = async () => {
    if (running) return running;
    if (stopped) return;
    running = (async () => {
      try {
        o.schedule?.(db, new Date());
        const done = await workMailQueue(db, send, { host: o.host, base: o.base, onKept: o.onKept });
        if (done.sent + done.kept + done.failed + done.dead > 0) o.onPass?.(done);
      } catch (err) {
        o.onError?.(err);
      }
    })().finally(() => {
      running = null;
    });
    await running;
  };
  const timer = setInterval(() => void pass(), o.intervalMs ?? 5_000);
  timer.unref();
  void pass();
  return {
    /** Runs one pass now (tests; after a burst). */
    pass,
    /** Stops the loop and waits for the pass in flight. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
