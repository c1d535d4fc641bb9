/**
 * The field pages over HTTP from one server process (WEB_CONCURRENCY=1) on a COPY of the bench
 * DB, with the server's CPU time per request (from /proc: steadier than wall time on a busy
 * machine). Not part of npm test.
 *   npm run build && PROFILE_DB=/tmp/pf/bench.db node --import tsx scripts/profile-http.ts
 * PROFILE_CPU=1 writes a CPU profile of the server to /tmp/pf/srv-prof.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { cleanEnv, freePort, LOOPBACK, ROOT } from "./bench-http";

/** utime + stime of a process, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}
const file = process.env.PROFILE_DB ?? "/tmp/pf/bench.db";
const N = Number(process.env.PROFILE_N ?? 40);
const ONLY = (process.env.PROFILE_ONLY ?? "").split(",").filter(Boolean);
const secret = "profile-secret-profile-secret-profile";
process.env.SESSION_SECRET = secret;
const manifest = JSON.parse(fs.readFileSync(fs.readdirSync(`${ROOT}/data/bench`).filter((f) => f.endsWith(".db.json")).map((f) => `${ROOT}/data/bench/${f}`)[0], "utf8"));
const { sessionStorage } = await import("~/server/session.server");
const sdb = new Database(file);
const cookies: Record<string, string> = {};
for (const r of ["facilitator", "rep", "counsel", "lead"]) {
  const sid = randomBytes(16).toString("hex");
  const now = new Date().toISOString();
  sdb.prepare("insert into sessions (id, user_id, created_at, last_seen_at, ip, user_agent) values (?, ?, ?, ?, '127.0.0.1', 'profile')").run(sid, manifest.users[r].id, now, now);
  const s = await sessionStorage().getSession();
  s.set("sid", sid);
  cookies[r] = (await sessionStorage().commitSession(s)).split(";")[0];
}
sdb.close();
const port = await freePort();
const args = [...(process.env.PROFILE_CPU ? ["--cpu-prof", "--cpu-prof-dir=/tmp/pf/srv-prof"] : []), "--import", "tsx", "scripts/serve.ts"];
const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...cleanEnv(), NODE_ENV: "production", HOST: LOOPBACK, PORT: String(port), DATABASE_PATH: file, SESSION_SECRET: secret, WEB_CONCURRENCY: "1" }, stdio: ["ignore", "ignore", "inherit"] });
const base = `http://${LOOPBACK}:${port}`;
for (;;) {
  try {
    const r = await fetch(`${base}/login`);
    await r.arrayBuffer();
    if (r.ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 50));
}
const s = manifest.showcase;
const t = `/tables/${s.coalitionId}`;
const pages: [string, string, string][] = [
  ["programs", `${t}/programs`, "facilitator"],
  ["program", `${t}/programs/${s.programId}`, "facilitator"],
  ["program-shifts", `${t}/programs/${s.programId}/shifts`, "facilitator"],
  ["shift", `${t}/programs/${s.programId}/shifts/${s.shiftId}`, "facilitator"],
  ["week", `${t}/shifts/week?week=${manifest.week}`, "facilitator"],
  ["my-affiliate", `${t}/my-affiliate`, "lead"],
  ["feed", `/calendar/${manifest.feeds.program}.ics`, "anonymous"],
  ["export-shifts", `${t}/programs/${s.programId}/export.csv?kind=shifts`, "facilitator"],
  ["export-signups", `${t}/programs/${s.programId}/export.csv?kind=signups`, "facilitator"],
  ["export-results", `${t}/programs/${s.programId}/export.csv?kind=results`, "facilitator"],
];
for (const [key, path, role] of pages.filter((p) => ONLY.length === 0 || ONLY.includes(p[0]))) {
  const headers: Record<string, string> = role === "anonymous" ? {} : { Cookie: cookies[role] };
  const n = key === "feed" || key.startsWith("export") ? 5 : N;
  const times: number[] = [];
  const cpu0 = cpuMs(child.pid!);
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < n + 2; i++) {
    const t0 = performance.now();
    const r = await fetch(`${base}${path}`, { headers, redirect: "manual" });
    const b = await r.arrayBuffer();
    if (i >= 2) times.push(performance.now() - t0);
    bytes = b.byteLength;
    status = r.status;
  }
  times.sort((a, b) => a - b);
  const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(1);
  const cpu = (cpuMs(child.pid!) - cpu0) / (n + 2);
  console.log(`${key.padEnd(16)} ${status} p50 ${q(0.5).padStart(7)}  p95 ${q(0.95).padStart(7)}  server CPU/req ${cpu.toFixed(1).padStart(6)} ms  ${(bytes / 1024).toFixed(0)} KB`);
}
child.kill("SIGINT");
await new Promise((r) => child.once("exit", r));
