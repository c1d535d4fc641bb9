/**
 * The production server: the Express layer (app/server/express.server.ts) around the Remix build.
 * Migrations run at start; the database is marked as held by this server (restore refuses
 * while it is); backups run on a schedule when BACKUP_INTERVAL_MINUTES is set; SIGTERM stops
 * accepting, finishes the requests in flight, and closes the database.
 *
 * Both cores (issue 11): with WEB_CONCURRENCY above 1 (the default: one per core, at most 8)
 * this process is node's cluster primary. It migrates, checks, holds the database and takes
 * the scheduled backups, then forks the workers that answer on the one port, each with its own
 * SQLite connection (WAL: readers never wait for the writer; writers take turns with a busy
 * timeout, and the sign-up capacity rule is one IMMEDIATE transaction, so it holds across
 * processes). Each worker counts its share of the write limit; the primary restarts a worker
 * that dies, and on SIGTERM has every worker finish its requests before it lets the
 * database go. No worker caches table data in memory, so no write in another process can leave
 * a page stale.
 *
 *   npm start   (after the build)
 */
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { openDb, defaultDatabasePath } from "../db/client";
import { demoUsersPresent, startupRefusal } from "~/models/accounts.server";
import { claimServerHold, lockFile, releaseServerHold, takeBackup } from "~/models/backups.server";
import { healthReport } from "~/models/healthz.server";
import { isProduction } from "~/server/env.server";
import { log } from "~/server/log.server";
import { backupSettings, serverSettings, SettingsError, type BackupSettings, type ServerSettings } from "~/server/settings.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed-users";
import { mailSettings, smtpSender, type MailSettings } from "~/server/mailer.server";
import { scheduleMail, startMailQueue } from "~/models/mail-queue.server";

function fail(message: string): never {
  log.fatal(message);
  process.exit(1);
}

let settings: ServerSettings;
let backups: BackupSettings;
let mail: MailSettings | null;
try {
  settings = serverSettings();
  backups = backupSettings();
  mail = mailSettings();
} catch (err) {
  if (err instanceof SettingsError) fail(err.message);
  throw err;
}

const dbFile = defaultDatabasePath();
/** V8 flags for the cluster's workers (issue 11: memory after a burst); see startWorkers. */
const WORKER_HEAP_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=256"];
const clustered = settings.workers > 1;

if (cluster.isPrimary) await primary();
else await worker();

/** The process that owns the database: migrations, checks, the hold, backups, and (clustered) the workers. */
async function primary() {
  // The primary's own connection: migrations at start, the health check (single process),
  // scheduled backups. The pages use other connections, opened by the build on first use.
  const db = openDb(dbFile);
  const refusal = startupRefusal(db, { APP_ENV: process.env.APP_ENV, ALLOW_DEMO_USERS: process.env.ALLOW_DEMO_USERS });
  if (refusal) fail(`${refusal} (database: ${dbFile})`);
  if (demoUsersPresent(db) && !isProduction()) {
    console.log("Demo accounts (development only; every one has the same password):");
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(28)} ${u.email}`);
    console.log(`  password: ${DEMO_PASSWORD}`);
  }
  const hold = claimServerHold(dbFile, settings.port);
  if (!hold.ok) {
    fail(
      `Another server (pid ${hold.holder.pid} on ${hold.holder.host}, since ${hold.holder.startedAt}) holds ${dbFile}; stop it first. ` +
        `If that server is gone (the file came with a copy of the folder from another machine), remove ${lockFile(dbFile)}.`,
    );
  }

  let stopping = false;
  // Single process: this process serves too.
  const single = clustered ? null : await serveHttp({ db, stopping: () => stopping });
  const workers = clustered ? startWorkers(() => stopping) : null;

  // The mail queue (issue 14): here, in the one process that holds the database, never once per worker.
  const sender = mail ? smtpSender(mail) : null;
  const mailQueue = startMailQueue(db, sender, {
    intervalMs: Number(process.env.MAIL_QUEUE_INTERVAL_MS) || 5_000,
    host: new URL(process.env.PUBLIC_URL || `http://localhost:${settings.port}`).hostname,
    base: process.env.PUBLIC_URL || `http://localhost:${settings.port}`,
    schedule: scheduleMail,
    onKept: (row) => {
      if (!isProduction()) log.info({ to: row.toAddress, subject: row.subject, outbox: row.id }, "mail kept in the outbox (no SMTP configured)");
    },
    onPass: (done) => log.info(done, "mail queue pass"),
    onError: (err) => log.error({ err }, "mail queue pass failed"),
  });
  log.info({ smtp: mail ? (mail.url ? new URL(mail.url).host : `${mail.host}:${mail.port}`) : null }, mail ? "mail goes out over SMTP" : "no SMTP configured: mail stays in the outbox (Admin → Outbox)");

  // Scheduled backups: off unless BACKUP_INTERVAL_MINUTES is set; never two at once.
  let backupRunning: Promise<void> | null = null;
  function scheduledBackup() {
    if (backupRunning || stopping) return;
    backupRunning = takeBackup(db.$client, backups)
      .then((status) => {
        if (status.ok) log.info({ file: status.file, bytes: status.bytes, auditRows: status.auditRows, removed: status.removed.length }, "scheduled backup taken");
        else log.error({ error: status.error }, "scheduled backup FAILED");
      })
      .finally(() => {
        backupRunning = null;
      });
  }
  const schedule = backups.intervalMinutes > 0 ? setInterval(scheduledBackup, backups.intervalMinutes * 60_000) : null;
  if (schedule) log.info({ everyMinutes: backups.intervalMinutes, dir: backups.dir, keep: backups.keep }, "scheduled backups on");

  // SIGTERM (systemd stop, a deploy) and SIGINT: stop accepting, let requests in flight
  // finish (up to SHUTDOWN_GRACE_SECONDS), then close the database connections cleanly.
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    if (schedule) clearInterval(schedule);
    if (single) {
      log.info({ signal }, "stopping: no new connections, finishing requests in flight");
      await single.stop();
    } else {
      await workers!.stop(signal);
    }
    await backupRunning;
    await mailQueue.stop();
    sender?.close();
    db.$client.close();
    releaseServerHold(dbFile);
    log.info("stopped: database closed");
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/**
 * Forks settings.workers workers and keeps them running: one that dies unexpectedly is
 * replaced (at most 10 times a minute, then the server stops: something is wrong at start).
 * stop() has each worker close its listener (the primary logs "no new connections" once every
 * worker has), finish its requests and close its database, then resolves.
 */
function startWorkers(stopping: () => boolean) {
  const restarts: number[] = [];
  let announced = false;
  // Each worker's V8 heap: a young generation of 4 MB semi-spaces (node's default lets it reach
  // 3 x 16 MB per process, most of it garbage that stays resident after a burst) and the old
  // generation capped at 256 MB (far above a page's needs, so the heap is collected before it
  // grows past it). Flags given on node's own command line come after these, so they win.
  cluster.setupPrimary({ execArgv: [...WORKER_HEAP_FLAGS, ...process.execArgv] });
  const fork = () => cluster.fork({ COALITION_WORKER: "1" });
  cluster.on("listening", () => {
    if (announced) return;
    announced = true;
    log.info({ port: settings.port, host: settings.host, database: dbFile, workers: settings.workers, trustProxy: settings.trustProxy, writesPerMinute: settings.writesPerMinute }, "listening");
    console.log(`Coalition Table on http://localhost:${settings.port} (${settings.workers} server processes)`);
  });
  cluster.on("exit", (w: Worker, code, signal) => {
    if (stopping()) return;
    log.error({ worker: w.process.pid, code, signal }, "a server process stopped unexpectedly: starting another");
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > 10) fail("server processes keep stopping at start (10 in a minute): see the errors above");
    fork();
  });
  for (let i = 0; i < settings.workers; i++) fork();

  return {
    async stop(signal: string) {
      const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      let closed = 0;
      const allClosed = new Promise<void>((resolve) => {
        if (all.length === 0) resolve();
        for (const w of all) {
          w.on("message", (m: unknown) => {
            if (m === "listener-closed" && ++closed === all.length) resolve();
          });
        }
      });
      const exited = Promise.all(all.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once("exit", () => resolve())))));
      for (const w of all) w.send("shutdown");
      await Promise.race([allClosed, exited]);
      log.info({ signal }, "stopping: no new connections, finishing requests in flight");
      const force = setTimeout(() => {
        log.warn("grace period over: stopping the server processes still answering");
        for (const w of all) if (!w.isDead()) w.process.kill("SIGKILL");
      }, settings.shutdownGraceMs + 5_000);
      force.unref();
      await exited;
      clearTimeout(force);
    },
  };
}

/** A cluster worker: serves until the primary says stop (SIGTERM/SIGINT from a terminal are the primary's to handle). */
async function worker() {
  // The worker's connection for the health check; migrations already ran in the primary.
  const db = openDb(dbFile);
  let stopping = false;
  const served = await serveHttp({ db, stopping: () => stopping, shared: true });
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await served.stop(() => process.send?.("listener-closed"));
    db.$client.close();
    process.exit(0);
  };
  process.on("message", (m) => {
    if (m === "shutdown") void stop();
  });
  // Ctrl-C in a terminal reaches the whole process group: the primary coordinates.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => void stop());
  process.on("disconnect", () => void stop());
}

/**
 * The Remix server build: bundled beside this file by `npm run build` (build/bundle/remix.js,
 * sharing its dependencies' chunks with this file), or, when this file runs as TypeScript under
 * tsx, the one `remix vite:build` wrote (build/server/index.js).
 */
function remixBuildUrl(): string {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith("/build/bundle/serve.js") ? new URL("./remix.js", here).href : pathToFileURL(path.resolve("build/server/index.js")).href;
}

/** The Express app around the Remix build, listening; stop() closes it gracefully and closes the build's database. */
async function serveHttp(o: { db: ReturnType<typeof openDb>; stopping: () => boolean; shared?: boolean }) {
  // Loaded here, not at the top: a cluster primary never serves, so it never loads Express or the build.
  const [{ createApp, remixHandler }, build] = await Promise.all([
    import("~/server/express.server"),
    import(remixBuildUrl()) as Promise<ServerBuild>,
  ]);
  const entry = build.entry.module as ServerBuild["entry"]["module"] & { closeDatabase?: () => void };
  const app = createApp({
    remix: remixHandler(build),
    settings,
    production: isProduction(),
    health: () => healthReport(o.db, path.dirname(path.resolve(dbFile))),
    staticRoot: "build/client",
    stopping: o.stopping,
    processes: o.shared ? settings.workers : 1,
  });

  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(settings.port, settings.host, () => resolve(s));
  });
  if (!o.shared) {
    log.info({ port: settings.port, host: settings.host, database: dbFile, workers: 1, trustProxy: settings.trustProxy, writesPerMinute: settings.writesPerMinute }, "listening");
    console.log(`Coalition Table on http://localhost:${settings.port}`);
  }

  return {
    /** Stops accepting (then calls onClosed), lets requests in flight finish within the grace period, closes the build's database. */
    async stop(onClosed?: () => void) {
      const force = setTimeout(() => {
        log.warn("grace period over: closing the connections still open");
        server.closeAllConnections();
      }, settings.shutdownGraceMs);
      force.unref();
      const idle = setInterval(() => server.closeIdleConnections(), 250);
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      onClosed?.();
      await done;
      clearInterval(idle);
      clearTimeout(force);
      entry.closeDatabase?.();
    },
  };
}
