/**
 * `npm run bench`: the app at national scale, over HTTP, beside its ceiling (issue 11).
 *
 *   1. grows (or reuses) the deterministic national-scale database (scripts/bench-data.ts) and
 *      copies it, so every run starts from the same rows;
 *   2. builds the app when build/ is stale, starts the real server (scripts/serve.ts, APP_ENV
 *      unset) on a loopback port, and times its cold start;
 *   3. signs a session cookie per role (facilitator, a 501(c)(4)'s representative, its counsel,
 *      an affiliate lead) the way app/server/session.server.ts does, for session rows it writes;
 *   4. for every main page and role: fetches it once (its bytes), has a bare node:http server
 *      serve those bytes, then loads both with autocannon at concurrency 1 and 8, page by page;
 *      counts audit_log rows written per request;
 *   5. prints the table, the server's memory after the run, and writes data/bench/last-run.json.
 *
 * Also times the pure split (20,000 units among 500 affiliates). Not part of `npm test`.
 *
 *   npm run bench                   the full run (about 10-15 minutes while pages are slow)
 *   BENCH_QUICK=1 npm run bench     one role per page, shorter runs (about 3 minutes)
 *   BENCH_SECONDS=5                 the time one measurement aims at (default 3; quick 1)
 *   BENCH_SCALE=0.1                 a smaller database (default 1: the issue's national scale)
 *   BENCH_ONLY=matrix,race          only these pages (keys as printed)
 *   BENCH_ROLES=rep,counsel         only these roles
 *
 * Bounds: a measurement sends about BENCH_SECONDS' worth of requests (at most 200); a page that
 * takes more than 10 s once is not loaded again; concurrency 8 runs only while eight requests
 * in a row fit in 25 s (for the page's first role; 8 s for its other roles); a request times out
 * after 60 s; after BENCH_BUDGET_MIN minutes (default 16) only the single request is made.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { splitTurf, type SplitAffiliate, type SplitUnit } from "~/domain/split";
import { ensureBenchDb, type BenchManifest } from "./bench-data";
import { defaultWorkers } from "~/server/settings.server";
import { ROOT, ensureBuild, fetchOnce, load, memoryOf, percentile, startApp, startBare, type AppServer, type BareServer, type LoadResult } from "./bench-http";

const QUICK = process.env.BENCH_QUICK === "1";
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const AIM_MS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3)) * 1000;
/** Server processes for the app (WEB_CONCURRENCY, as npm start) and, the same number, for the bare ceiling. */
const WORKERS = Number(process.env.WEB_CONCURRENCY) >= 1 ? Math.floor(Number(process.env.WEB_CONCURRENCY)) : defaultWorkers();
const MAX_REQUESTS = 200;
/** A page slower than this once is measured at concurrency 1 by that one request only. */
const SINGLE_CAP_MS = QUICK ? 3_000 : 10_000;
/** Concurrency 8 is skipped when eight requests one after another would take longer than this (a page's first role; its others). */
const C8_CAP_MS = QUICK ? 6_000 : 25_000;
const C8_CAP_OTHER_MS = QUICK ? 3_000 : 8_000;
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MIN ?? (QUICK ? 5 : 16)) * 60_000;
const REQUEST_TIMEOUT_MS = QUICK ? 30_000 : 60_000;
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const ROLES = (process.env.BENCH_ROLES ?? "").split(",").filter(Boolean);
const DIR = path.join(ROOT, "data/bench");

type Role = "facilitator" | "rep" | "counsel" | "lead" | "anonymous";
type Page = { key: string; label: string; path: string; roles: Role[] };

/** Milliseconds for the table: "12.3", "245", "1.52 s". */
const ms = (v: number | null) => (v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 100 ? `${v.toFixed(0)}` : `${v.toFixed(1)}`);
/** A duration with its unit: "12.3 ms", "1.52 s". */
const dur = (v: number) => (v >= 1000 ? ms(v) : `${ms(v)} ms`);
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`);
const log = (m: string) => console.log(m);

function pagesOf(m: BenchManifest): Page[] {
  const t = `/tables/${m.showcase.coalitionId}`;
  const s = m.showcase;
  const all: Role[] = ["facilitator", "rep", "counsel"];
  const pages: Page[] = [
    { key: "home", label: "table home", path: t, roles: all },
    { key: "matrix", label: "matrix, unfiltered", path: `${t}/matrix`, roles: all },
    { key: "matrix-state", label: `matrix, one state (${s.bigState})`, path: `${t}/matrix?state=${s.bigState}`, roles: all },
    { key: "races", label: "races", path: `${t}/races`, roles: all },
    { key: "race", label: "race", path: `${t}/races/${s.raceId}`, roles: all },
    { key: "candidate", label: "candidate", path: `${t}/candidates/${s.candidateId}`, roles: all },
    { key: "sub-tables", label: "sub-tables", path: `${t}/sub-tables`, roles: all },
    { key: "sub-table", label: "sub-table", path: `${t}/sub-tables/${s.subTableId}`, roles: all },
    { key: "programs", label: "programs", path: `${t}/programs`, roles: all },
    { key: "program", label: "program", path: `${t}/programs/${s.programId}`, roles: all },
    { key: "program-shifts", label: "program shifts", path: `${t}/programs/${s.programId}/shifts`, roles: all },
    { key: "shift", label: "shift", path: `${t}/programs/${s.programId}/shifts/${s.shiftId}`, roles: all },
    { key: "week", label: `week (${m.week})`, path: `${t}/shifts/week?week=${m.week}`, roles: all },
    { key: "meetings", label: "meetings", path: `${t}/meetings`, roles: all },
    { key: "meeting", label: "meeting", path: `${t}/meetings/${s.meetingId}`, roles: all },
    { key: "firewall", label: "firewall hub", path: `${t}/firewall`, roles: all },
    { key: "firewall-sides", label: "firewall sides", path: `${t}/firewall/sides`, roles: all },
    { key: "audit", label: "audit trail", path: `${t}/audit?partner=${m.partnerId}`, roles: ["counsel"] },
    { key: "audit-csv", label: "audit CSV", path: `${t}/audit.csv?partner=${m.partnerId}`, roles: ["counsel"] },
    { key: "feed", label: "calendar feed (program)", path: `/calendar/${m.feeds.program}.ics`, roles: ["anonymous"] },
    { key: "my-affiliate", label: "my affiliate", path: `${t}/my-affiliate`, roles: ["lead"] },
    { key: "people", label: "people", path: `${t}/people`, roles: ["facilitator"] },
    { key: "partners", label: "partners", path: `${t}/partners`, roles: all },
    { key: "partner", label: "partner", path: `${t}/partners/${m.partnerId}`, roles: all },
    { key: "affiliate", label: "affiliate", path: `${t}/affiliates/${m.leadAffiliateId}`, roles: all },
    { key: "firewall-walls", label: "wall roster", path: `${t}/firewall/walls`, roles: ["facilitator", "counsel"] },
    { key: "firewall-vendors", label: "vendors", path: `${t}/firewall/vendors`, roles: all },
    { key: "firewall-contacts", label: "campaign contacts", path: `${t}/firewall/contacts`, roles: all },
    { key: "firewall-overrides", label: "overrides", path: `${t}/firewall/overrides`, roles: ["counsel"] },
    { key: "firewall-policies", label: "policies", path: `${t}/firewall/policies`, roles: all },
    { key: "agreement", label: "agreement", path: `${t}/agreements/${s.subTableId}`, roles: all },
    // issues 13-18's pages
    { key: "results", label: "race results", path: `${t}/races/${s.raceId}/results`, roles: all },
    { key: "credit", label: "sub-table credit", path: `${t}/credit/${s.subTableId}`, roles: ["facilitator"] },
    { key: "cycles", label: "candidate across cycles", path: `${t}/candidates/${s.candidateId}/cycles`, roles: all },
    { key: "review", label: "cycle review", path: `${t}/review`, roles: all },
    { key: "concerns", label: "concerns", path: `${t}/concerns`, roles: all },
    { key: "process", label: "a partner's process", path: `${t}/processes/${m.partnerId}`, roles: all },
    { key: "inbox", label: "inbox", path: `/inbox`, roles: all },
    { key: "evidence", label: "evidence packet form", path: `${t}/firewall/evidence`, roles: ["counsel"] },
    // this round's pages (issues 13, 14, 16, 17)
    { key: "outside-support", label: `outside support (${s.bigState})`, path: `${t}/outside-support?state=${s.bigState}`, roles: all },
    { key: "capacity", label: "combined capacity per state", path: `${t}/capacity`, roles: ["facilitator"] },
    { key: "questionnaire", label: "questionnaire", path: `${t}/questionnaire`, roles: all },
    { key: "answers", label: "answers side by side", path: `${t}/races/${s.raceId}/answers`, roles: all },
    { key: "agenda-proposals", label: "agenda proposals", path: `${t}/agenda-proposals`, roles: all },
    { key: "attendance", label: "attendance on one screen", path: `${t}/programs/${s.programId}/shifts/${s.shiftId}/attendance`, roles: ["facilitator"] },
  ];
  return pages
    .filter((p) => ONLY.length === 0 || ONLY.includes(p.key))
    .map((p) => ({ ...p, roles: p.roles.filter((r) => ROLES.length === 0 || ROLES.includes(r)) }))
    .map((p) => (QUICK ? { ...p, roles: p.roles.slice(0, 1) } : p))
    .filter((p) => p.roles.length > 0);
}

// ---------------------------------------------------------------- the pure split

function splitBench(runs: number) {
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const COUNTIES = 67;
  const DISTRICTS = 17;
  const affiliates: SplitAffiliate[] = Array.from({ length: 500 }, (_, i) => ({
    id: i + 1,
    coverage: [
      ...Array.from({ length: 1 + rnd(4) }, () => ({ state: "PA", kind: "county" as const, value: `County ${rnd(COUNTIES)}` })),
      ...(rnd(3) === 0 ? [{ state: "PA", kind: "district" as const, value: String(1 + rnd(DISTRICTS)).padStart(2, "0") }] : []),
    ],
    hours: { doorknock: rnd(5) === 0 ? 0 : 1 + rnd(200), phonebank: 1 + rnd(100), textbank: rnd(50) },
  }));
  const KINDS = ["walk_packet", "call_list", "text_list"] as const;
  const units: SplitUnit[] = Array.from({ length: 20_000 }, (_, i) => ({
    id: i + 1,
    kind: KINDS[rnd(3)],
    state: "PA",
    district: String(1 + rnd(DISTRICTS)).padStart(2, "0"),
    county: `County ${rnd(COUNTIES + 3)}`,
    size: 50 + rnd(300),
    holder: i % 50 === 0 ? 1 + rnd(500) : null,
    locked: i % 50 === 0,
  }));
  const time = (label: string, fn: () => unknown) => {
    fn();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) fn();
    const each = (performance.now() - t0) / runs;
    log(`  ${label.padEnd(58)} ${dur(each).padStart(9)}`);
    return { label, ms: each, runs };
  };
  const full = affiliates.map((a) => ({ ...a, coverage: [{ state: "PA", kind: "district" as const, value: "07" }] }));
  const one = units.map((u) => ({ ...u, district: "07" }));
  return [
    time("split 20,000 units among 500 affiliates", () => splitTurf(units, affiliates)),
    time("split 20,000 units, 500 affiliates all covering all", () => splitTurf(one, full)),
  ];
}

// ---------------------------------------------------------------- a re-split of the showcase program

/**
 * A re-split of the showcase program on the run's copy of the database, timed and rolled back
 * (issue 11): the split's reads, `splitTurf`, the assignments it changes and the stored split.
 * Once as it stands (nothing moves), once with every assignment gone first (all rewritten).
 */
async function resplitBench(file: string, m: BenchManifest) {
  const { openDb } = await import("../db/client");
  const { getProgram } = await import("~/models/programs.server");
  const { resplit } = await import("~/models/split.server");
  const db = openDb(file);
  const actor = { id: m.users.facilitator.id, name: "bench" };
  const program = getProgram(db, "system", { coalitionId: m.showcase.coalitionId, programId: m.showcase.programId });
  const units = (db.$client.prepare("select count(*) as n from turf_units where program_id = ?").get(m.showcase.programId) as { n: number }).n;
  const rollback = new Error("rollback");
  const once = (label: string, before: () => void) => {
    let took = 0;
    try {
      db.transaction(() => {
        before();
        const t = performance.now();
        resplit(db, actor, { program });
        took = performance.now() - t;
        throw rollback;
      });
    } catch (e) {
      if (e !== rollback) throw e;
    }
    log(`  ${label.padEnd(58)} ${dur(took).padStart(9)}`);
    return { label, ms: took, runs: 1 };
  };
  const out = [
    once(`re-split the showcase program (${units.toLocaleString("en-US")} units), as it stands`, () => {}),
    once("re-split it with every assignment rewritten", () => db.$client.prepare("delete from turf_assignments where turf_unit_id in (select id from turf_units where program_id = ?)").run(m.showcase.programId)),
  ];
  db.$client.close();
  return out;
}

// ---------------------------------------------------------------- sessions

async function signCookies(file: string, m: BenchManifest, secret: string): Promise<Record<Role, Record<string, string>>> {
  process.env.SESSION_SECRET = secret;
  delete process.env.APP_ENV;
  const { sessionStorage } = await import("~/server/session.server");
  const db = new Database(file);
  const now = new Date().toISOString();
  const insert = db.prepare("insert into sessions (id, user_id, created_at, last_seen_at, ip, user_agent) values (?, ?, ?, ?, '127.0.0.1', 'npm run bench')");
  const out = { anonymous: {} } as Record<Role, Record<string, string>>;
  for (const role of ["facilitator", "rep", "counsel", "lead"] as const) {
    const sid = randomBytes(32).toString("base64url");
    insert.run(sid, m.users[role].id, now, now);
    const session = await sessionStorage().getSession();
    session.set("sid", sid);
    const header = await sessionStorage().commitSession(session);
    out[role] = { cookie: header.split(";")[0] };
  }
  db.close();
  return out;
}

// ---------------------------------------------------------------- one page as one role

type Side = { c1: LoadResult | null; c8: LoadResult | null };
type Measurement = {
  page: string;
  label: string;
  path: string;
  role: Role;
  status: number;
  bytes: number;
  contentType: string;
  firstMs: number;
  note: string;
  app: Side;
  bare: Side;
  bareFirstMs: number | null;
  auditRows: number;
  auditRowsPerRequest: number | null;
  requests: number;
};

/** About AIM_MS of requests (the server answers one at a time), at most 200, at least one per connection. */
function amountFor(oneMs: number, connections: number): number {
  const n = Math.round(AIM_MS / Math.max(oneMs, 0.5));
  const rounded = Math.ceil(n / connections) * connections;
  return Math.max(connections, Math.min(MAX_REQUESTS, rounded));
}
/** The wall-clock cap of a run: the server answers one request at a time, so about amount × one request. */
const capFor = (oneMs: number, amount: number) => Math.max(2 * AIM_MS, 1.5 * oneMs * amount) + 5_000;

async function measure(page: Page, role: Role, opts: { firstRole: boolean; probeOnly: boolean }, app: AppServer, bare: BareServer, headers: Record<string, string>, auditMax: () => number, drain: () => Promise<void>): Promise<Measurement> {
  const url = `${app.base}${page.path}`;
  const before = auditMax();
  const first = await fetchOnce(url, headers, REQUEST_TIMEOUT_MS);
  const m: Measurement = { page: page.key, label: page.label, path: page.path, role, status: first.status, bytes: first.body.length, contentType: first.contentType, firstMs: first.ms, note: "", app: { c1: null, c8: null }, bare: { c1: null, c8: null }, bareFirstMs: null, auditRows: 0, auditRowsPerRequest: null, requests: 1 };
  if (first.timedOut) {
    m.note = `timed out after ${dur(REQUEST_TIMEOUT_MS)}`;
    await drain();
    m.auditRows = auditMax() - before;
    return m;
  }
  if (first.status < 200 || first.status > 299) {
    m.note = `status ${first.status}${first.location ? ` → ${first.location}` : ""}: not measured`;
    await drain();
    m.auditRows = auditMax() - before;
    return m;
  }
  await bare.serve(first.body, first.contentType);
  const bareFirst = await fetchOnce(`${bare.base}/`, {}, REQUEST_TIMEOUT_MS);
  m.bareFirstMs = bareFirst.ms;
  const bareOne = Math.max(bareFirst.ms, 0.2);
  const timeoutS = REQUEST_TIMEOUT_MS / 1000;
  if (opts.probeOnly) {
    m.note = `time budget spent: one request only`;
    m.app.c1 = { connections: 1, amount: 1, latencies: [first.ms], completed: 1, non2xx: 0, statuses: { [first.status]: 1 }, errors: 0, timeouts: 0, elapsedMs: first.ms, reqPerSec: 1000 / first.ms, cut: false };
    m.auditRows = auditMax() - before;
    m.auditRowsPerRequest = m.auditRows;
    return m;
  }

  // concurrency 1
  if (first.ms > SINGLE_CAP_MS) {
    m.note = `one request takes ${dur(first.ms)}: c1 is that request alone; c8 not run`;
    m.app.c1 = { connections: 1, amount: 1, latencies: [first.ms], completed: 1, non2xx: 0, statuses: { [first.status]: 1 }, errors: 0, timeouts: 0, elapsedMs: first.ms, reqPerSec: 1000 / first.ms, cut: false };
  } else {
    const amount = amountFor(first.ms, 1);
    m.app.c1 = await load(url, { connections: 1, amount, timeoutS, capMs: capFor(first.ms, amount), headers });
    m.requests += amount;
    await drain();
  }
  const bareAmount1 = amountFor(bareOne, 1);
  m.bare.c1 = await load(`${bare.base}/`, { connections: 1, amount: bareAmount1, timeoutS, capMs: capFor(bareOne, bareAmount1), headers: {} });

  // concurrency 8
  if (first.ms <= SINGLE_CAP_MS) {
    const cap = opts.firstRole ? C8_CAP_MS : C8_CAP_OTHER_MS;
    if (8 * first.ms > cap) {
      m.note = `8 at once would take about ${dur(8 * first.ms)}: c8 not run${opts.firstRole ? "" : " (for this role)"}`;
    } else {
      const amount = amountFor(first.ms, 8);
      m.app.c8 = await load(url, { connections: 8, amount, timeoutS, capMs: capFor(first.ms, amount), headers });
      m.requests += amount;
      await drain();
    }
  }
  const bareAmount8 = amountFor(bareOne, 8);
  m.bare.c8 = await load(`${bare.base}/`, { connections: 8, amount: bareAmount8, timeoutS, capMs: capFor(bareOne, bareAmount8), headers: {} });

  for (const side of [m.app.c1, m.app.c8]) if (side?.cut) m.note = `${m.note ? `${m.note}; ` : ""}stopped at the time cap`;
  m.auditRows = auditMax() - before;
  m.auditRowsPerRequest = m.auditRows / m.requests;
  return m;
}

// ---------------------------------------------------------------- the table

function row(m: Measurement) {
  const p = (r: LoadResult | null, q: number) => (r ? ms(percentile(r.latencies, q)) : "—");
  const nonOk = (m.app.c1?.non2xx ?? 0) + (m.app.c8?.non2xx ?? 0);
  const timeouts = (m.app.c1?.timeouts ?? 0) + (m.app.c8?.timeouts ?? 0);
  const ratio = (a: LoadResult | null, b: LoadResult | null) => {
    if (!a || !b || b.reqPerSec <= 0) return "—";
    const r = a.reqPerSec / b.reqPerSec;
    return `${(100 * r).toFixed(r < 0.001 ? 4 : r < 0.01 ? 3 : r < 0.1 ? 2 : 1)}%`;
  };
  return [
    m.label,
    m.role,
    m.status >= 200 && m.status < 300 ? size(m.bytes) : m.status ? `HTTP ${m.status}` : "timeout",
    ms(m.firstMs),
    p(m.app.c1, 50),
    p(m.app.c1, 95),
    p(m.app.c1, 99),
    p(m.app.c8, 50),
    p(m.app.c8, 95),
    p(m.app.c8, 99),
    m.app.c8 ? m.app.c8.reqPerSec.toFixed(m.app.c8.reqPerSec < 10 ? 2 : 0) : "—",
    m.bare.c8 ? m.bare.c8.reqPerSec.toFixed(0) : "—",
    ratio(m.app.c8, m.bare.c8),
    ratio(m.app.c1, m.bare.c1),
    String(nonOk),
    String(timeouts),
    m.auditRowsPerRequest === null ? "—" : m.auditRowsPerRequest.toFixed(2),
  ];
}
const HEAD = ["page", "role", "bytes", "one", "c1 p50", "c1 p95", "c1 p99", "c8 p50", "c8 p95", "c8 p99", "c8 req/s", "bare c8 req/s", "of bare c8", "of bare c1", "non-2xx", "timeouts", "audit/req"];

function printTable(rows: string[][]) {
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  log(line(HEAD));
  log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) log(line(r));
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  const t0 = performance.now();
  log(`npm run bench${QUICK ? " (BENCH_QUICK)" : ""}: scale ${SCALE}, aiming at ${AIM_MS / 1000} s a measurement, ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

  log("\nThe split (pure, in this process):");
  const split = splitBench(QUICK ? 1 : 3);

  log("");
  const data = ensureBenchDb(DIR, SCALE, log);
  log(`Database: ${path.relative(ROOT, data.file)} (${size(fs.statSync(data.file).size)})${data.generatedMs === null ? ", cached" : ""}`);
  log(`  ${Object.entries(data.manifest.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const build = ensureBuild(log);

  // a fresh copy per run: reads write (sessions, audit rows), and runs should start alike
  const work = path.join(DIR, "run.db");
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(data.file, work);
  log("\nA re-split (in the database, rolled back):");
  split.push(...(await resplitBench(work, data.manifest)));
  const secret = randomBytes(32).toString("hex");
  const cookies = await signCookies(work, data.manifest, secret);
  const auditDb = new Database(work, { readonly: true, fileMustExist: true });
  const auditMax = () => (auditDb.prepare("select coalesce(max(id), 0) as n from audit_log").get() as { n: number }).n;

  const app = await startApp({ databasePath: work, sessionSecret: secret, logFile: path.join(DIR, "server.log"), workers: WORKERS });
  const memStart = memoryOf(app.pid);
  log(`Server: pid ${app.pid} at ${app.base}, ${memStart?.processes ?? "?"} processes (WEB_CONCURRENCY ${WORKERS}; the bare ceiling runs as many), cold start ${dur(app.coldStartMs)}, RSS ${memStart?.rssMB.toFixed(0)} MB`);
  const bare = await startBare(DIR, WORKERS);
  const drain = async () => {
    // the server may still be finishing requests the load tool gave up on: wait for it
    await fetchOnce(`${app.base}/login`, {}, 10 * REQUEST_TIMEOUT_MS);
  };

  const measurements: Measurement[] = [];
  const rows: string[][] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    bare.stop();
    await app.stop();
    auditDb.close();
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  let peakRss = 0;
  let memEnd: ReturnType<typeof memoryOf> = null;
  try {
    const pages = pagesOf(data.manifest);
    log(`\nMeasuring ${pages.reduce((n, p) => n + p.roles.length, 0)} page and role pairs (c1 then c8, each beside the bare server):`);
    const t1 = performance.now();
    for (const page of pages) {
      for (const [i, role] of page.roles.entries()) {
        const t = performance.now();
        const m = await measure(page, role, { firstRole: i === 0, probeOnly: t - t1 > BUDGET_MS }, app, bare, cookies[role], auditMax, drain);
        measurements.push(m);
        rows.push(row(m));
        peakRss = Math.max(peakRss, memoryOf(app.pid)?.rssMB ?? 0);
        log(`  ${page.key.padEnd(15)} ${role.padEnd(11)} ${row(m)[2].padStart(8)}  one ${dur(m.firstMs).padStart(9)}  c1 p95 ${(m.app.c1 ? ms(percentile(m.app.c1.latencies, 95)) : "—").padStart(7)}  c8 p95 ${(m.app.c8 ? ms(percentile(m.app.c8.latencies, 95)) : "—").padStart(7)}  audit/req ${m.auditRowsPerRequest === null ? "—" : m.auditRowsPerRequest.toFixed(2)}  (${((performance.now() - t) / 1000).toFixed(1)} s)${m.note ? `  ${m.note}` : ""}`);
      }
    }
    memEnd = memoryOf(app.pid);
  } finally {
    await stop();
  }

  log(`\nnpm run bench, ${startedAt.toISOString()}: ${data.manifest.counts.endorsement_events} stance events, ${data.manifest.counts.shifts} shifts, ${data.manifest.counts.audit_log} audit rows; ${os.cpus().length} cores, ${QUICK ? "BENCH_QUICK, " : ""}${AIM_MS / 1000} s a measurement.`);
  log(`Latencies in ms unless marked s. "one": the first request. "of bare c8/c1": the app's req/s as a share of the bare node:http server's serving the same bytes, at the same concurrency. "audit/req": audit_log rows written per request.\n`);
  printTable(rows);
  const over = (c: "c1" | "c8", limit: number) => measurements.filter((m) => m.app[c] && (percentile(m.app[c]!.latencies, 95) ?? 0) > limit).length;
  const measured = (c: "c1" | "c8") => measurements.filter((m) => m.app[c]).length;
  const notMeasured = measurements.filter((m) => !m.app.c1).length;
  log("");
  log(`p95 over 15 ms at c1: ${over("c1", 15)} of ${measured("c1")} measured; over 50 ms at c8: ${over("c8", 50)} of ${measured("c8")} measured (c8 not run for ${measurements.filter((m) => m.app.c1 && !m.app.c8).length}); not measured: ${notMeasured}`);
  log(`Server: ${WORKERS} processes; cold start ${dur(app.coldStartMs)}; RSS (all processes) ${memStart?.rssMB.toFixed(0)} MB at start, ${memEnd?.rssMB.toFixed(0)} MB after the run (peak ${memEnd?.peakMB.toFixed(0)} MB)`);
  log(`Split: ${split.map((s) => `${s.label}: ${dur(s.ms)}`).join("; ")}`);
  const totalS = (performance.now() - t0) / 1000;
  log(`Run time ${(totalS / 60).toFixed(1)} min${build.built ? ` (build ${(build.ms / 1000).toFixed(0)} s)` : ""}${data.generatedMs !== null ? ` (database ${(data.generatedMs / 1000).toFixed(0)} s)` : ""}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  };
  const summarize = (r: LoadResult | null) =>
    r && { connections: r.connections, amount: r.amount, completed: r.completed, p50: percentile(r.latencies, 50), p95: percentile(r.latencies, 95), p99: percentile(r.latencies, 99), max: percentile(r.latencies, 100), reqPerSec: r.reqPerSec, elapsedMs: r.elapsedMs, non2xx: r.non2xx, statuses: r.statuses, errors: r.errors, timeouts: r.timeouts, cut: r.cut, latencies: r.latencies.map((v) => Math.round(v * 10) / 10) };
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    runSeconds: totalS,
    git: { commit: git(["rev-parse", "HEAD"]), branch: git(["rev-parse", "--abbrev-ref", "HEAD"]), dirty: (git(["status", "--porcelain"]) ?? "").length > 0 },
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGB: os.totalmem() / 1024 ** 3, node: process.version, loadAverageAtEnd: os.loadavg() },
    options: { quick: QUICK, scale: SCALE, aimMs: AIM_MS, maxRequests: MAX_REQUESTS, singleCapMs: SINGLE_CAP_MS, c8CapMs: C8_CAP_MS, c8CapOtherRolesMs: C8_CAP_OTHER_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, budgetMs: BUDGET_MS, only: ONLY, roles: ROLES },
    data: { file: path.relative(ROOT, data.file), generatedMs: data.generatedMs, counts: data.manifest.counts, showcase: data.manifest.showcase },
    build,
    server: { processes: WORKERS, coldStartMs: app.coldStartMs, rssStartMB: memStart?.rssMB ?? null, rssEndMB: memEnd?.rssMB ?? null, peakRssMB: memEnd?.peakMB ?? null, peakRssSampledMB: peakRss },
    split,
    summary: { overC1: over("c1", 15), measuredC1: measured("c1"), overC8: over("c8", 50), measuredC8: measured("c8"), notMeasured },
    measurements: measurements.map((m) => ({ ...m, app: { c1: summarize(m.app.c1), c8: summarize(m.app.c8) }, bare: { c1: summarize(m.bare.c1), c8: summarize(m.bare.c8) } })),
    table: { head: HEAD, rows },
  };
  const out = path.join(DIR, QUICK ? "last-run-quick.json" : "last-run.json");
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`Figures written to ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
