/**
 * Backup and restore (issue 12). The main test runs the real commands against a database
 * that another process is writing to as fast as it can: `npm run backup` takes its copy in
 * the middle of the burst, `npm run restore` puts it into a second folder, and every write
 * acknowledged before the backup began is there, with an intact audit chain. The others
 * check what backup keeps, and what restore refuses.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { invitations } from "../../db/schema";
import { verifyAuditChain } from "~/models/audit.server";
import { checkDatabaseFile, claimServerHold, lastBackup, listBackups, lockFile, releaseServerHold, restoreBackup, serverHolding, takeBackup } from "~/models/backups.server";
import { healthReport } from "~/models/healthz.server";
import { testActor } from "../db";
import { buildCoalition, buildTableWithRace, stance } from "../factories";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST"))) as NodeJS.ProcessEnv;

function run(script: string, args: string[], env: Record<string, string>) {
  return spawnSync(TSX, [script, ...args], { cwd: ROOT, encoding: "utf8", env: { ...cleanEnv, ...env } });
}

/** A database file with a table, some stances (audit rows) and its connection closed. */
function seededFile(name: string): { file: string; coalitionId: number; actor: { id: number; name: string } } {
  const file = path.join(dir, name);
  const db = openDb(file);
  const actor = testActor(db);
  const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 3 });
  for (const p of partners) stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed");
  db.$client.close();
  return { file, coalitionId: coalition.id, actor };
}

describe("npm run backup in the middle of a burst of writes, then npm run restore", () => {
  it("finds every write acknowledged before the backup began, and an intact audit chain", async () => {
    const { file, coalitionId, actor } = seededFile("live.db");
    const backups = path.join(dir, "backups");
    const stopFile = path.join(dir, "stop");
    const acked: number[] = [];
    const writer = spawn(TSX, ["tests/models/support/write-burst-worker.ts", file, JSON.stringify({ stopFile, coalitionId, actor })], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    let buffered = "";
    writer.stderr.on("data", (d) => (err += d));
    writer.stdout.on("data", (d) => {
      buffered += d;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const l of lines) if (l.startsWith("ack ")) acked.push(Number(l.slice(4)));
    });
    const exited = new Promise<number | null>((resolve) => writer.on("close", resolve));

    // The burst is under way.
    while (acked.length < 200) {
      if (writer.exitCode !== null) throw new Error(`writer stopped: ${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = [...acked];
    const backup = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(TSX, ["scripts/backup.ts", backups], { cwd: ROOT, env: { ...cleanEnv, DATABASE_PATH: file, BACKUP_KEEP: "3" } });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    });
    const during = acked.length;
    // The writer keeps writing a little after the backup, then stops.
    while (acked.length < during + 100 && writer.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(stopFile, "stop");
    expect(await exited, err).toBe(0);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Backup taken: .*coalition-.*\.db .*integrity ok, audit chain intact over \d+ rows/);
    expect(acked.length).toBeGreaterThan(before.length);

    const [taken] = listBackups(backups);
    expect(taken).toBeTruthy();
    expect(fs.existsSync(`${taken.file}-wal`), "a self-contained file").toBe(false);
    expect(lastBackup(backups)).toMatchObject({ ok: true, file: taken.file });

    // Restore into a second folder, as on a standby machine.
    const second = path.join(dir, "second", "coalition.db");
    const restored = run("scripts/restore.ts", [taken.file], { DATABASE_PATH: second });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* \(integrity ok, audit chain intact over \d+ rows\)/);

    const db = openDb(second);
    const ids = new Set(db.select({ id: invitations.id }).from(invitations).all().map((r) => r.id));
    const missing = before.filter((id) => !ids.has(id));
    expect(missing, "acknowledged before the backup began, missing from it").toEqual([]);
    // A snapshot: no write it holds is newer than one it lacks.
    const all = [...acked].sort((x, y) => x - y);
    const held = all.filter((id) => ids.has(id));
    expect(held).toEqual(all.slice(0, held.length));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    // every invitation in the copy has its audit row
    const auditedInvites = db.$client.prepare("select count(*) as n from audit_log where action = 'auth.invite'").get() as { n: number };
    expect(auditedInvites.n).toBe(ids.size);
    db.$client.close();
  }, 120_000);
});

describe("takeBackup", () => {
  it("keeps the newest N, names them by time, and writes the last result for the admin page", async () => {
    const { file } = seededFile("keep.db");
    const out = path.join(dir, "keep");
    const source = new Database(file);
    let t = Date.parse("2026-12-01T10:00:00Z");
    const clock = () => new Date((t += 60_000));
    for (let i = 0; i < 4; i++) expect((await takeBackup(source, { dir: out, keep: 2 }, clock)).ok).toBe(true);
    source.close();
    const kept = listBackups(out).map((b) => path.basename(b.file));
    expect(kept).toEqual(["coalition-2026-12-01T10-07-00-000Z.db", "coalition-2026-12-01T10-05-00-000Z.db"]);
    expect(lastBackup(out)).toMatchObject({ ok: true, kept: 2, file: path.join(out, kept[0]) });
    expect(checkDatabaseFile(path.join(out, kept[0]))).toMatchObject({ ok: true });
  });

  it("reports a failure (and keeps no half-made file) when the copy cannot be written", async () => {
    const { file } = seededFile("fail.db");
    const blocked = path.join(dir, "blocked");
    fs.writeFileSync(blocked, "a file where the folder should be");
    const source = new Database(file);
    const status = await takeBackup(source, { dir: path.join(blocked, "sub"), keep: 2 }).catch((e: Error) => ({ ok: false as const, error: e.message }));
    source.close();
    expect(status.ok).toBe(false);
  });
});

describe("restoreBackup refuses", () => {
  function backupOf(name: string) {
    const { file } = seededFile(`${name}.db`);
    return file;
  }

  it("a file that is not a database", () => {
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "x".repeat(10_000));
    const target = path.join(dir, "t1", "coalition.db");
    const r = restoreBackup(junk, target);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toMatch(/cannot be read as a database|not a database/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a database whose audit chain was tampered with, naming the row", () => {
    const file = backupOf("tampered");
    const raw = new Database(file);
    raw.exec("DROP TRIGGER audit_log_no_update");
    const row = raw.prepare("select id from audit_log order by id limit 1 offset 2").get() as { id: number };
    raw.prepare("update audit_log set detail = 'nothing to see' where id = ?").run(row.id);
    raw.close();
    const r = restoreBackup(file, path.join(dir, "t2", "coalition.db"));
    expect(r).toEqual({ ok: false, problems: [`The audit log is broken at row ${row.id}: row content does not match its hash.`] });
  });

  it("a database made by a newer version of the app", () => {
    const file = backupOf("newer");
    const raw = new Database(file);
    raw.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.parse("2099-01-01"));
    raw.close();
    const r = restoreBackup(file, path.join(dir, "t3", "coalition.db"));
    expect(JSON.stringify(r)).toMatch(/newer version of the app/);
  });

  it("while a server holds the database, and not once it has gone (a lock left by a killed server)", () => {
    const good = backupOf("good");
    const target = path.join(dir, "t4", "coalition.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    expect(claimServerHold(target, 3000)).toEqual({ ok: true });
    const held = restoreBackup(good, target);
    expect(held.ok).toBe(false);
    expect(JSON.stringify(held)).toMatch(/A server \(pid \d+ .*holds .*Stop it first/);
    releaseServerHold(target);
    expect(serverHolding(target)).toBeNull();
    // a lock file naming a process that no longer runs
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    fs.writeFileSync(lockFile(target), JSON.stringify({ pid: gone, host: os.hostname(), port: 3000, startedAt: "2026-12-01T00:00:00Z" }));
    expect(restoreBackup(good, target)).toMatchObject({ ok: true, savedAs: null });
  });

  it("the command: refuses a bad file with the reason and exit code 1, and touches nothing", () => {
    const target = path.join(dir, "t5", "coalition.db");
    const { file } = seededFile("t5-current.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    const before = fs.readFileSync(target);
    const junk = path.join(dir, "junk2.db");
    fs.writeFileSync(junk, "SQLite format 3\0 but not really");
    const r = run("scripts/restore.ts", [junk], { DATABASE_PATH: target });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Restore REFUSED/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });
});

describe("restoreBackup", () => {
  it("keeps the database it replaces, and leaves no WAL of it to be replayed onto the restored file", () => {
    const { file: backup } = seededFile("r-backup.db");
    const target = path.join(dir, "r", "coalition.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // the current database, with writes still in its WAL, as a killed server leaves it
    const current = openDb(target);
    current.$client.pragma("wal_autocheckpoint = 0");
    const actor = testActor(current, "Someone Else");
    buildCoalition(current, actor, { name: "Only in the current database" });
    const wal = fs.readFileSync(`${target}-wal`);
    current.$client.close();
    fs.writeFileSync(`${target}-wal`, wal);
    const r = restoreBackup(backup, target);
    expect(r.ok).toBe(true);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    if (!r.ok) return;
    expect(r.savedAs).toMatch(/coalition\.db\.before-restore-/);
    const restored = openDb(target);
    expect(restored.$client.prepare("select count(*) as n from coalitions where name = 'Only in the current database'").get()).toEqual({ n: 0 });
    expect(verifyAuditChain(restored)).toMatchObject({ ok: true });
    restored.$client.close();
    const saved = openDb(r.savedAs!);
    expect(saved.$client.prepare("select count(*) as n from coalitions where name = 'Only in the current database'").get()).toEqual({ n: 1 });
    saved.$client.close();
  });
});

describe("healthReport", () => {
  it("is ok for a current database in a writable folder", () => {
    const { file } = seededFile("health.db");
    const db = openDb(file);
    expect(healthReport(db, dir)).toEqual({ ok: true, checks: { database: "ok", migrations: "ok", disk: "ok" } });
    db.$client.close();
  });

  it("says which check failed: migrations behind, a folder that takes no write, a closed database", () => {
    const { file } = seededFile("health2.db");
    const db = openDb(file);
    db.$client.exec("delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)");
    const notAFolder = path.join(dir, "health-file");
    fs.writeFileSync(notAFolder, "");
    const r = healthReport(db, notAFolder);
    expect(r.ok).toBe(false);
    expect(r.checks.migrations).toMatch(/^behind: \d+ of \d+ applied$/);
    expect(r.checks.disk).toMatch(/^not writable/);
    db.$client.close();
    expect(healthReport(db, dir).checks.database).toMatch(/^unreachable/);
  });
});
