import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { clean, freePort, killServers, send, serve, type Reply, type Served } from "./server-process";

/**
 * Running it for real (issue 12), against the built app served by scripts/serve.ts: a copy
 * of the journeys' live database is taken with `npm run backup` while that server serves,
 * restored with `npm run restore`, and served by servers of this test's own, which then
 * answer a post with Origin "null" 403 (not 500), a `?_data=` request with one log line,
 * a busy database with 503 and what was typed, the health check, SIGTERM with a request in
 * flight, and a scheduled backup.
 */

const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalition-ops-"));
afterAll(() => {
  killServers();
  fs.rmSync(dir, { recursive: true, force: true });
});

const loginForm = (email: string, password: string) => new URLSearchParams({ intent: "login", email, password, redirectTo: "/" }).toString();

describe("running it for real", () => {
  const liveDb = inject("databasePath");
  const db = path.join(dir, "data", "coalition.db");
  let server: Served;

  it("backs up the journeys' database while its server serves, and restores the copy into a folder of its own", () => {
    const backups = path.join(dir, "backups");
    const backup = spawnSync(TSX, ["scripts/backup.ts", backups], { cwd: ROOT, env: { ...clean, DATABASE_PATH: liveDb }, encoding: "utf8" });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup taken: .* audit chain intact over \d+ rows/);
    const file = fs.readdirSync(backups).find((f) => f.endsWith(".db"))!;
    const restore = spawnSync(TSX, ["scripts/restore.ts", path.join(backups, file)], { cwd: ROOT, env: { ...clean, DATABASE_PATH: db }, encoding: "utf8" });
    expect(restore.status, restore.stderr).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
  });

  it("serves the restored database, and answers /healthz", async () => {
    server = await serve(db, { BACKUP_DIR: path.join(dir, "scheduled"), BACKUP_INTERVAL_MINUTES: "0.05" });
    const r = await send(server.base, "GET", "/healthz");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, checks: { database: "ok", migrations: "ok", disk: "ok" } });
    const page = await send(server.base, "GET", "/login");
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toMatch(/'nonce-/);
    expect(page.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a second server on the same database, and restore while the server holds it", async () => {
    const port = await freePort();
    const second = spawnSync(TSX, ["scripts/serve.ts"], { cwd: ROOT, env: { ...clean, DATABASE_PATH: db, PORT: String(port), HOST: "127.0.0.1" }, encoding: "utf8", timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stdout + second.stderr).toMatch(/Another server \(pid \d+.*holds/);
    const backups = path.join(dir, "backups");
    const file = fs.readdirSync(backups).find((f) => f.endsWith(".db"))!;
    const restore = spawnSync(TSX, ["scripts/restore.ts", path.join(backups, file)], { cwd: ROOT, env: { ...clean, DATABASE_PATH: db }, encoding: "utf8" });
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/Restore REFUSED[\s\S]*A server \(pid \d+ .*Stop it first/);
  });

  it('answers a post with Origin "null" and this site\'s Referer 403, not 500', async () => {
    const r = await send(server.base, "POST", "/login", { Origin: "null", Referer: `${server.base}/login`, "Content-Type": "application/x-www-form-urlencoded" }, loginForm("admin@demo.coalition.test", "nope"));
    expect(r.status).toBe(403);
    expect(r.body).toContain("This form was sent from another site");
  });

  it("logs a ?_data= request in one line, with no stack trace", async () => {
    await new Promise((res) => setTimeout(res, 200));
    const before = server.out().length;
    const r = await send(server.base, "GET", "/login?_data=routes%2Flogin");
    expect(r.status).toBe(400);
    await new Promise((res) => setTimeout(res, 200));
    const lines = server.out().slice(before).filter((l) => !l.includes("scheduled backup"));
    expect(lines, lines.join("\n")).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ reqId: r.headers["x-request-id"], req: { method: "GET", path: "/login" }, res: { status: 400 } });
    expect(lines[0]).not.toMatch(/stack|at /);
  });

  it("writes one line per request with the user id once signed in, and never the password or the session", async () => {
    const before = server.out().length;
    const r = await send(server.base, "POST", "/login", { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" }, loginForm("facilitator@demo.coalition.test", "coalition-demo-2028"));
    expect(r.status).toBe(302);
    const cookies = (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);
    const session = cookies.find((c) => c.startsWith("__coalition_session="))!;
    const page = await send(server.base, "GET", "/", { Cookie: session });
    expect(page.status).toBe(200);
    await new Promise((res) => setTimeout(res, 200));
    const lines = server.out().slice(before).filter((l) => !l.includes("scheduled backup"));
    expect(lines).toHaveLength(2);
    const [signIn, home] = lines.map((l) => JSON.parse(l));
    expect(signIn).toMatchObject({ req: { method: "POST", path: "/login" }, res: { status: 302 } });
    expect(home).toMatchObject({ req: { method: "GET", path: "/" }, res: { status: 200 }, userId: expect.any(Number) });
    expect(typeof home.ms).toBe("number");
    expect(home.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    const all = lines.join("\n");
    expect(all).not.toContain("coalition-demo-2028");
    expect(all).not.toContain(session.split("=")[1]);
  });

  it("answers a sign-in 503 'The table is busy' with the email kept while another connection holds the write lock", async () => {
    const holder = new Database(db);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const r = await send(server.base, "POST", "/login", { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" }, loginForm("rep@demo.coalition.test", "a wrong password"));
      expect(r.status).toBe(503);
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
      expect(r.body).toContain("The table is busy; try again in a moment.");
      expect(r.body).toMatch(/value="rep@demo\.coalition\.test"/);
      expect(r.body).not.toContain("a wrong password");
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const ok = await send(server.base, "POST", "/login", { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" }, loginForm("rep@demo.coalition.test", "coalition-demo-2028"));
    expect(ok.status).toBe(302);
  }, 30_000);

  it("takes scheduled backups while serving", async () => {
    const status = path.join(dir, "scheduled", "last-backup.json");
    const until = Date.now() + 30_000;
    while (!fs.existsSync(status) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(JSON.parse(fs.readFileSync(status, "utf8"))).toMatchObject({ ok: true, file: expect.stringMatching(/coalition-.*\.db$/) });
    expect(server.out().some((l) => l.includes("scheduled backup taken"))).toBe(true);
  }, 40_000);

  it("on SIGTERM stops accepting, finishes the request in flight, closes the database and lets it go", async () => {
    // A request in flight: a sign-in whose body is still arriving (a slow phone connection).
    const body = loginForm("lead@demo.coalition.test", "not the password");
    let answered!: Promise<Reply>;
    const req = await new Promise<http.ClientRequest>((resolve) => {
      answered = new Promise<Reply>((done, reject) => {
        const r = http.request(
          `${server.base}/login`,
          { method: "POST", agent: false, headers: { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) } },
          (res) => {
            let text = "";
            res.on("data", (c) => (text += c));
            res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body: text }));
          },
        );
        r.on("error", reject);
        r.write(body.slice(0, 10));
        r.on("socket", (socket) => socket.on("connect", () => resolve(r)));
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    const until = Date.now() + 10_000;
    while (!server.out().some((l) => l.includes("stopping: no new connections")) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    // no new connections
    await expect(send(server.base, "GET", "/healthz")).rejects.toThrow(/ECONNREFUSED/);
    // the one in flight is answered
    req.end(body.slice(10));
    const reply = await answered;
    expect(reply.status).toBe(400);
    expect(reply.body).toContain("That email and password do not match an account.");
    expect(await server.exited).toBe(0);
    const out = server.out().join("\n");
    expect(out).toContain("stopping: no new connections");
    expect(out).toContain("stopped: database closed");
    // closed cleanly: the WAL was folded in and removed, and the hold released
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
    expect(fs.existsSync(`${db}.server.json`)).toBe(false);
    // and the restore the server was holding off now goes through
    const backups = path.join(dir, "backups");
    const file = fs.readdirSync(backups).find((f) => f.endsWith(".db"))!;
    const restore = spawnSync(TSX, ["scripts/restore.ts", path.join(backups, file)], { cwd: ROOT, env: { ...clean, DATABASE_PATH: db }, encoding: "utf8" });
    expect(restore.status, restore.stderr).toBe(0);
  }, 60_000);
});
