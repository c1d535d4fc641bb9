/**
 * The production server: the Express layer (app/server/express.server.ts) around the Remix build.
 * Migrations run at start; the database is marked as held by this server (restore refuses
 * while it is); backups run on a schedule when BACKUP_INTERVAL_MINUTES is set; SIGTERM stops
 * accepting, finishes the requests in flight, and closes the database.
 *
 *   npm start   (after the build)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { openDb, defaultDatabasePath } from "../db/client";
import { createApp, loadContext } from "~/server/express.server";
import { demoUsersPresent, startupRefusal } from "~/models/accounts.server";
import { claimServerHold, lockFile, releaseServerHold, takeBackup } from "~/models/backups.server";
import { healthReport } from "~/models/healthz.server";
import { isProduction } from "~/server/env.server";
import { log } from "~/server/log.server";
import { backupSettings, serverSettings, SettingsError, type BackupSettings, type ServerSettings } from "~/server/settings.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed-users";

function fail(message: string): never {
  log.fatal(message);
  process.exit(1);
}

let settings: ServerSettings;
let backups: BackupSettings;
try {
  settings = serverSettings();
  backups = backupSettings();
} catch (err) {
  if (err instanceof SettingsError) fail(err.message);
  throw err;
}

const dbFile = defaultDatabasePath();
// The server's own connection: migrations at start, the health check, scheduled backups.
// (The app's pages use another, opened by the build on first use.)
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

const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
const entry = build.entry.module as ServerBuild["entry"]["module"] & { closeDatabase?: () => void };

let stopping = false;
const app = createApp({
  remix: createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: loadContext,
  }),
  settings,
  production: isProduction(),
  health: () => healthReport(db, path.dirname(path.resolve(dbFile))),
  staticRoot: "build/client",
  stopping: () => stopping,
});

const server = app.listen(settings.port, settings.host, () => {
  log.info({ port: settings.port, host: settings.host, database: dbFile, trustProxy: settings.trustProxy, writesPerMinute: settings.writesPerMinute }, "listening");
  console.log(`Coalition Table on http://localhost:${settings.port}`);
});

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
  log.info({ signal }, "stopping: no new connections, finishing requests in flight");
  if (schedule) clearInterval(schedule);
  const force = setTimeout(() => {
    log.warn("grace period over: closing the connections still open");
    server.closeAllConnections();
  }, settings.shutdownGraceMs);
  force.unref();
  const idle = setInterval(() => server.closeIdleConnections(), 250);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearInterval(idle);
  clearTimeout(force);
  await backupRunning;
  entry.closeDatabase?.();
  db.$client.close();
  releaseServerHold(dbFile);
  log.info("stopped: database closed");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
