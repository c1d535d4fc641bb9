import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_FOLDER, schema, type Db } from "../../db/client";
import { verifyAuditChain } from "./audit.server";

/**
 * Backups, restores and the server's hold on the database file (issue 12).
 *
 * A backup is taken with SQLite's online backup API (better-sqlite3's `backup()`), from a
 * connection of its own, while the server keeps serving: it copies the database as one
 * consistent snapshot, WAL included (a copy of the file alone would miss the writes still
 * in the WAL). It is then checked like a restore checks a file — `PRAGMA integrity_check`,
 * the audit log's hash chain (the code behind `npm run audit:verify`), migrations this
 * version knows — and only then named `coalition-<time>.db` in the backup folder; the
 * oldest beyond the last N are removed, and the result is written to `last-backup.json`
 * for the admin page.
 */

export const BACKUP_PREFIX = "coalition-";
export const STATUS_FILE = "last-backup.json";

export type Check = { ok: boolean; problems: string[]; auditRows: number; migrations: number };

export type BackupStatus =
  | { ok: true; file: string; bytes: number; auditRows: number; startedAt: string; finishedAt: string; kept: number; removed: string[] }
  | { ok: false; error: string; startedAt: string; finishedAt: string };

function stamp(d: Date): string {
  return d.toISOString().replace(/:/g, "-").replace(/\./g, "-");
}

/** The migrations this version of the app ships, oldest first. */
function knownMigrations(): { hash: string; folderMillis: number }[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => ({ hash: m.hash, folderMillis: m.folderMillis }));
}

function appliedMigrations(sqlite: Database.Database): { hash: string; created_at: number }[] | null {
  const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return null;
  return sqlite.prepare("select hash, created_at from __drizzle_migrations order by created_at").all() as { hash: string; created_at: number }[];
}

/** How a database stands against this version's migrations. */
export function migrationState(sqlite: Database.Database): { applied: number; known: number; current: boolean; newer: boolean; missingTable: boolean } {
  const known = knownMigrations();
  const applied = appliedMigrations(sqlite);
  if (!applied) return { applied: 0, known: known.length, current: false, newer: false, missingTable: true };
  const lastKnown = known.at(-1)?.folderMillis ?? 0;
  const lastApplied = applied.at(-1)?.created_at ?? 0;
  return {
    applied: applied.length,
    known: known.length,
    current: lastApplied >= lastKnown && applied.length >= known.length,
    newer: Number(lastApplied) > lastKnown,
    missingTable: false,
  };
}

/**
 * Checks a database file the way a backup and a restore must: it opens as SQLite, passes
 * `PRAGMA integrity_check`, its audit chain is intact, and it holds no migration newer than
 * this version of the app. Opens it read-write (a WAL file needs it) but writes nothing.
 */
export function checkDatabaseFile(file: string): Check {
  const problems: string[] = [];
  let auditRows = 0;
  let migrations = 0;
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file} does not exist.`], auditRows, migrations };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== "ok") problems.push(`integrity_check: ${integrity.slice(0, 5).join("; ")}`);
    const state = migrationState(sqlite);
    migrations = state.applied;
    if (state.missingTable) problems.push("It is not a Coalition Table database (no migrations table).");
    else if (state.newer) problems.push("It was made by a newer version of the app (it has migrations this version does not know); upgrade the app first.");
    const hasAudit = sqlite.prepare("select name from sqlite_master where type = 'table' and name = 'audit_log'").get();
    if (!state.missingTable && hasAudit) {
      const audit = verifyAuditChain(drizzle(sqlite, { schema }) as Db);
      auditRows = audit.rows;
      if (!audit.ok) problems.push(`The audit log is broken at row ${audit.brokenAt}: ${audit.reason}.`);
    } else if (!state.missingTable) {
      problems.push("It has no audit log.");
    }
  } catch (err) {
    problems.push(`It cannot be read as a database: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    sqlite?.close();
  }
  return { ok: problems.length === 0, problems, auditRows, migrations };
}

/** The backups in a folder, newest first. */
export function listBackups(dir: string): { file: string; bytes: number; modifiedAt: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(BACKUP_PREFIX) && name.endsWith(".db"))
    .sort()
    .reverse()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { file: path.join(dir, name), bytes: stat.size, modifiedAt: stat.mtime.toISOString() };
    });
}

/** Removes all but the newest `keep` backups; returns the removed files. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const b of listBackups(dir).slice(Math.max(1, keep))) {
    fs.rmSync(b.file, { force: true });
    removed.push(b.file);
  }
  return removed;
}

function writeStatus(dir: string, status: BackupStatus): void {
  const tmp = path.join(dir, `.${STATUS_FILE}.${process.pid}`);
  fs.writeFileSync(tmp, `${JSON.stringify(status, null, 2)}\n`);
  fs.renameSync(tmp, path.join(dir, STATUS_FILE));
}

/** The last backup's result, as the backup command or the server's schedule wrote it. */
export function lastBackup(dir: string): BackupStatus | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATUS_FILE), "utf8")) as BackupStatus;
  } catch {
    return null;
  }
}

/**
 * Takes a verified backup of the database open on `source` (a connection of the backup's
 * own: the server's connections keep working). The copy is made in one step of the backup
 * API, so it is one consistent snapshot: every write committed before it began is in it,
 * and a writer that commits meanwhile neither waits for it nor restarts it (WAL).
 */
export async function takeBackup(source: Database.Database, settings: { dir: string; keep: number }, now: () => Date = () => new Date()): Promise<BackupStatus> {
  const started = now();
  const startedAt = started.toISOString();
  fs.mkdirSync(settings.dir, { recursive: true });
  const name = `${BACKUP_PREFIX}${stamp(started)}.db`;
  const final = path.join(settings.dir, name);
  const partial = path.join(settings.dir, `.${name}.partial`);
  let status: BackupStatus;
  try {
    fs.rmSync(partial, { force: true });
    // The first step (0 pages) opens the backup; the next copies every page at once.
    await source.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 1) });
    // A self-contained file: no WAL beside it, so it can be copied and opened anywhere.
    const copy = new Database(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    const check = checkDatabaseFile(partial);
    if (!check.ok) throw new Error(`the copy failed its checks: ${check.problems.join(" ")}`);
    const fd = fs.openSync(partial, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, final);
    const removed = pruneBackups(settings.dir, settings.keep);
    status = {
      ok: true,
      file: final,
      bytes: fs.statSync(final).size,
      auditRows: check.auditRows,
      startedAt,
      finishedAt: now().toISOString(),
      kept: listBackups(settings.dir).length,
      removed,
    };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    status = { ok: false, error: err instanceof Error ? err.message : String(err), startedAt, finishedAt: now().toISOString() };
  }
  writeStatus(settings.dir, status);
  return status;
}

// ---- the server's hold on the database ----------------------------------------------------

export type ServerHold = { pid: number; host: string; port: number | null; startedAt: string };

export function lockFile(dbFile: string): string {
  return `${path.resolve(dbFile)}.server.json`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live server that holds this database, if any (a lock file left by a killed server is ignored). */
export function serverHolding(dbFile: string): ServerHold | null {
  let hold: ServerHold;
  try {
    hold = JSON.parse(fs.readFileSync(lockFile(dbFile), "utf8")) as ServerHold;
  } catch {
    return null;
  }
  if (hold.host !== os.hostname()) return hold; // another machine's server: cannot tell, so assume it lives
  if (hold.pid === process.pid) return hold;
  return processAlive(hold.pid) ? hold : null;
}

/** The server marks the database as its own while it runs; refused when another live server holds it. */
export function claimServerHold(dbFile: string, port: number | null): { ok: true } | { ok: false; holder: ServerHold } {
  const holder = serverHolding(dbFile);
  if (holder && holder.pid !== process.pid) return { ok: false, holder };
  const hold: ServerHold = { pid: process.pid, host: os.hostname(), port, startedAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(lockFile(dbFile)), { recursive: true });
  fs.writeFileSync(lockFile(dbFile), `${JSON.stringify(hold)}\n`);
  return { ok: true };
}

export function releaseServerHold(dbFile: string): void {
  const holder = serverHolding(dbFile);
  if (holder?.pid === process.pid) fs.rmSync(lockFile(dbFile), { force: true });
}

// ---- restore ------------------------------------------------------------------------------

export type RestoreResult = { ok: true; auditRows: number; savedAs: string | null } | { ok: false; problems: string[] };

/**
 * Puts a backup in place of the database at `target`. Refused while a server holds the
 * database, and refused for a file that fails the backup's own checks (checked on the copy
 * that would be installed). The database it replaces is kept beside it as
 * `<name>.before-restore-<time>`; its WAL is checkpointed first and removed, so nothing of
 * it can be replayed onto the restored file.
 */
export function restoreBackup(file: string, target: string, now: Date = new Date()): RestoreResult {
  const holder = serverHolding(target);
  if (holder) {
    const elsewhere = holder.host !== os.hostname() ? ` If that server is gone (the file came with a copy of the folder), remove ${lockFile(target)}.` : "";
    return { ok: false, problems: [`A server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}) holds ${target}. Stop it first, then restore.${elsewhere}`] };
  }
  if (path.resolve(file) === path.resolve(target)) return { ok: false, problems: ["That is the database itself; name a backup file."] };
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const incoming = `${path.resolve(target)}.restoring`;
  fs.rmSync(incoming, { force: true });
  try {
    fs.copyFileSync(file, incoming);
  } catch (err) {
    return { ok: false, problems: [`It cannot be read: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const check = checkDatabaseFile(incoming);
  if (!check.ok) {
    fs.rmSync(incoming, { force: true });
    for (const ext of ["-wal", "-shm", "-journal"]) fs.rmSync(`${incoming}${ext}`, { force: true });
    return { ok: false, problems: check.problems };
  }
  let savedAs: string | null = null;
  if (fs.existsSync(target)) {
    // Fold the current WAL into the file, then keep the file as it was (with its WAL, if
    // the checkpoint could not run on a damaged file).
    try {
      const current = new Database(target, { fileMustExist: true });
      current.pragma("wal_checkpoint(TRUNCATE)");
      current.close();
    } catch {
      // kept as it is, below
    }
    savedAs = `${path.resolve(target)}.before-restore-${stamp(now)}`;
    fs.copyFileSync(target, savedAs);
    if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${savedAs}-wal`);
  }
  for (const ext of ["-wal", "-shm", "-journal"]) fs.rmSync(`${target}${ext}`, { force: true });
  const fd = fs.openSync(incoming, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(incoming, target);
  return { ok: true, auditRows: check.auditRows, savedAs };
}
