import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clean, killServers, send, serve, type Served } from "./server-process";

/**
 * Both cores (issue 11): scripts/serve.ts with WEB_CONCURRENCY=2 is a cluster primary with two
 * server processes on one port, each with its own SQLite connection. Over real HTTP: the two
 * processes both answer; the write limit holds per client address across them (each counts its
 * share of the connections dealt round-robin); and a shift's capacity holds when sign-ups race through both processes at once.
 */

const ROOT = process.cwd();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalition-cluster-"));
const dbFile = path.join(dir, "cluster.db");
let server: Served;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function signIn(email: string): Promise<string> {
  const r = await send(server.base, "POST", "/login", { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" }, form({ intent: "login", email, password: "coalition-demo-2028", redirectTo: "/" }));
  expect(r.status).toBe(302);
  return (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).find((c) => c.startsWith("__coalition_session="))!;
}

/** The pids of the server's children that are node processes (the workers). */
function workerPids(pid: number): number[] {
  const out = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([p, comm]) => p && comm === "node")
    .map(([p]) => Number(p));
}

beforeAll(async () => {
  const env = { ...clean, DATABASE_PATH: dbFile };
  execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], { cwd: ROOT, env, stdio: "ignore" });
  execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/seed.ts"], { cwd: ROOT, env, stdio: "ignore" });
  server = await serve(dbFile, { WEB_CONCURRENCY: "2", WRITES_PER_MINUTE: "40", NODE_ENV: "production" });
}, 120_000);

afterAll(async () => {
  if (server?.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  killServers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the server on both cores", () => {
  it("runs two server processes under one primary, on one port", async () => {
    expect(server.out().join("\n")).toContain("(2 server processes)");
    expect(workerPids(server.child.pid!)).toHaveLength(2);
    const replies = await Promise.all(Array.from({ length: 8 }, () => send(server.base, "GET", "/healthz")));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
  });

  it("keeps a shift's capacity when sign-ups race through both processes", async () => {
    // The demo's affiliate lead signs volunteers up for a shift their affiliate hosts.
    const cookie = await signIn("lead@demo.coalition.test");
    const db = new Database(dbFile);
    const shift = db
      .prepare(
        `select s.id, s.program_id as programId, p.coalition_id as coalitionId, s.host_affiliate_id as hostId,
                (select count(*) from signups where shift_id = s.id and cancelled_at is null) as taken
           from shifts s join canvass_programs p on p.id = s.program_id
          where s.host_affiliate_id in (select g.affiliate_id from role_grants g join users u on u.id = g.user_id
                                         where u.email = 'lead@demo.coalition.test' and g.role = 'affiliate_lead')
          order by s.starts_at desc limit 1`,
      )
      .get() as { id: number; programId: number; coalitionId: number; hostId: number; taken: number } | undefined;
    if (!shift) throw new Error("the demo has no shift hosted by the lead's affiliate");
    db.prepare("update shifts set capacity = ? where id = ?").run(shift.taken + 5, shift.id);
    db.close();
    const url = `/tables/${shift.coalitionId}/programs/${shift.programId}/shifts/${shift.id}`;
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        send(
          server.base,
          "POST",
          url,
          { Origin: server.base, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          form({ intent: "signup", volunteerName: `Racer ${i}`, email: `racer${i}@example.org`, phone: "", recruitedByAffiliateId: String(shift.hostId) }),
        ),
      ),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const after = new Database(dbFile, { readonly: true });
    const count = (after.prepare("select count(*) as n from signups where shift_id = ? and cancelled_at is null").get(shift.id) as { n: number }).n;
    const racers = (after.prepare("select count(*) as n from signups where shift_id = ? and volunteer_name like 'Racer %'").get(shift.id) as { n: number }).n;
    after.close();
    expect(racers).toBe(5);
    expect(count).toBe(shift.taken + 5);
    expect(attempts.filter((r) => r.body.includes("full")).length).toBeGreaterThanOrEqual(11);
  }, 60_000);

  it("holds the write limit per client address across both processes", async () => {
    // 40 a minute for this server (20 for each process); the sign-ups above spent some. A client
    // that keeps posting gets at most 40 through in the minute, not 40 per process.
    const statuses: number[] = [];
    for (let i = 0; i < 90; i++) {
      const r = await send(server.base, "POST", "/logout", { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" }, "");
      statuses.push(r.status);
    }
    const through = statuses.filter((s) => s !== 429).length;
    // 17 writes went before (a sign-in, 16 sign-ups); one over is the round-robin's rounding.
    expect(through + 17).toBeLessThanOrEqual(41);
    expect(through).toBeGreaterThan(0);
    expect(statuses.slice(-20).every((s) => s === 429)).toBe(true);
  }, 60_000);

  it("stops both processes on SIGTERM and lets the database go", async () => {
    const pids = workerPids(server.child.pid!);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(fs.existsSync(`${dbFile}.server.json`)).toBe(false);
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
  }, 40_000);
});
