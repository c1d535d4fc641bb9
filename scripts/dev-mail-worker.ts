/**
 * The mail queue under `npm run dev` (issue 14). The Vite plugin in vite.config.ts loads this
 * module through the dev server (so it shares the app's database handle and modules) once the
 * server listens, and stops it when the server closes. It runs the same work as `npm start`'s
 * primary (scripts/serve.ts): the reminders, the overdue action items and the digests now due,
 * then one pass of the outbox, every MAIL_QUEUE_INTERVAL_MS, on a timer, never inside a
 * request. Not started under vitest, by the build, or with MAIL_WORKER=off.
 */
import { scheduleMail, startMailQueue } from "~/models/mail-queue.server";
import { getDb } from "~/server/db.server";
import { log } from "~/server/log.server";
import { mailSettings, smtpSender } from "~/server/mailer.server";

type Worker = { stop: () => Promise<void> };
const KEY = Symbol.for("coalition-table.dev-mail-worker");

/** Starts the dev server's mail worker, once per process (a second call returns the first). */
export function startDevMailWorker(base: string): Worker {
  const holder = globalThis as unknown as Record<symbol, Worker | undefined>;
  const running = holder[KEY];
  if (running) return running;
  const mail = mailSettings();
  const sender = mail ? smtpSender(mail) : null;
  const queue = startMailQueue(getDb(), sender, {
    intervalMs: Number(process.env.MAIL_QUEUE_INTERVAL_MS) || 5_000,
    host: new URL(base).hostname,
    base,
    schedule: scheduleMail,
    onKept: (row) => log.info({ to: row.toAddress, subject: row.subject, outbox: row.id }, "mail kept in the outbox (no SMTP configured)"),
    onPass: (done) => log.info(done, "mail queue pass"),
    onError: (err) => log.error({ err }, "mail queue pass failed"),
  });
  log.info({ base, smtp: mail !== null }, "dev server: the mail queue runs in this process (MAIL_WORKER=off to stop it)");
  const worker: Worker = {
    async stop() {
      holder[KEY] = undefined;
      await queue.stop();
      sender?.close();
    },
  };
  holder[KEY] = worker;
  return worker;
}
