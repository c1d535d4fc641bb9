/**
 * In-process timing of the field pages' loaders on a COPY of the bench DB (it writes session
 * rows; never point it at the shared file). Not part of npm test. For a flame graph add
 * `node --cpu-prof --cpu-prof-dir=/tmp/pf/prof`.
 *   mkdir -p /tmp/pf && cp data/bench/national-*.db /tmp/pf/bench.db
 *   PROFILE_DB=/tmp/pf/bench.db PROFILE_ONLY=program,week PROFILE_N=100 node --import tsx scripts/profile-pages.ts
 */
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openDb } from "../db/client";
import { setDb } from "~/server/db.server";

process.env.SESSION_SECRET ??= "profile-secret-profile-secret-profile";
const file = process.env.PROFILE_DB ?? "/tmp/pf/bench.db";
const manifest = JSON.parse(fs.readFileSync(fs.readdirSync("data/bench").filter((f) => f.endsWith(".db.json")).map((f) => `data/bench/${f}`)[0], "utf8"));
const N = Number(process.env.PROFILE_N ?? 100);
const ONLY = (process.env.PROFILE_ONLY ?? "").split(",").filter(Boolean);

const db = openDb(file);
setDb(db);
const { sessionStorage } = await import("~/server/session.server");
async function cookieFor(userId: number) {
  const sid = randomBytes(16).toString("hex");
  const now = new Date().toISOString();
  db.$client.prepare("insert into sessions (id, user_id, created_at, last_seen_at, ip, user_agent) values (?, ?, ?, ?, '127.0.0.1', 'profile')").run(sid, userId, now, now);
  const s = await sessionStorage().getSession();
  s.set("sid", sid);
  return (await sessionStorage().commitSession(s)).split(";")[0];
}
const cookies: Record<string, string> = {};
for (const r of ["facilitator", "rep", "counsel", "lead"]) cookies[r] = await cookieFor(manifest.users[r].id);
const s = manifest.showcase;
const t = `/tables/${s.coalitionId}`;
const P = { coalitionId: String(s.coalitionId), programId: String(s.programId) };
type Page = { key: string; mod: string; path: string; params: Record<string, string>; role: string };
const pages: Page[] = [
  { key: "programs", mod: "tables.$coalitionId.programs._index", path: `${t}/programs`, params: P, role: "facilitator" },
  { key: "program", mod: "tables.$coalitionId.programs.$programId._index", path: `${t}/programs/${s.programId}`, params: P, role: "facilitator" },
  { key: "program-lead", mod: "tables.$coalitionId.programs.$programId._index", path: `${t}/programs/${s.programId}`, params: P, role: "lead" },
  { key: "program-shifts", mod: "tables.$coalitionId.programs.$programId.shifts._index", path: `${t}/programs/${s.programId}/shifts`, params: P, role: "facilitator" },
  { key: "shift", mod: "tables.$coalitionId.programs.$programId.shifts.$shiftId", path: `${t}/programs/${s.programId}/shifts/${s.shiftId}`, params: { ...P, shiftId: String(s.shiftId) }, role: "facilitator" },
  { key: "week", mod: "tables.$coalitionId.shifts.week", path: `${t}/shifts/week?week=${manifest.week}`, params: P, role: "facilitator" },
  { key: "my-affiliate", mod: "tables.$coalitionId.my-affiliate", path: `${t}/my-affiliate`, params: P, role: "lead" },
  { key: "feed", mod: "calendar.$feedToken[.]ics", path: `/calendar/${manifest.feeds.program}.ics`, params: { feedToken: manifest.feeds.program }, role: "anonymous" },
  { key: "feed-aff", mod: "calendar.$feedToken[.]ics", path: `/calendar/${manifest.feeds.affiliate}.ics`, params: { feedToken: manifest.feeds.affiliate }, role: "anonymous" },
  ...["shifts", "signups", "results"].map((k) => ({ key: `export-${k}`, mod: "tables.$coalitionId.programs.$programId.export[.]csv", path: `${t}/programs/${s.programId}/export.csv?kind=${k}`, params: P, role: "facilitator" })),
];
for (const p of pages.filter((p) => ONLY.length === 0 || ONLY.includes(p.key))) {
  const mod = await import(`../app/routes/${p.mod}.tsx`);
  const n = p.key.startsWith("feed") || p.key.startsWith("export") ? Math.max(3, Math.floor(N / 20)) : N;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const headers: Record<string, string> = p.role === "anonymous" ? {} : { Cookie: cookies[p.role] };
    const request = new Request(`http://localhost:3000${p.path}`, { headers });
    const t0 = performance.now();
    let out = await mod.loader({ request, params: p.params, context: { ip: "127.0.0.1" } });
    if (out instanceof Response) {
      const txt = await out.text();
      bytes = txt.length;
    } else bytes = JSON.stringify(out).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(2);
  console.log(`${p.key.padEnd(16)} p50 ${q(0.5).padStart(7)}  p95 ${q(0.95).padStart(7)}  ${(bytes / 1024).toFixed(0)} KB (n=${n})`);
}
