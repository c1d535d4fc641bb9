/**
 * The HTTP side of `npm run bench`: build the app when needed, start the real server and the
 * bare ceiling server on loopback ports, sign session cookies, fetch a page once, and load it
 * with autocannon. Every run is bounded (a number of requests and a wall-clock cap).
 */
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const LOOPBACK = "127.0.0.1";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, LOOPBACK, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the build

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Builds (npm run build) when build/ is missing or older than a source it is made from. */
export function ensureBuild(log: (m: string) => void): { built: boolean; ms: number } {
  const out = path.join(ROOT, "build/bundle/serve.js");
  const sources = ["app", "db", "public", "scripts/serve.ts", "scripts/build-server.mjs", "vite.config.ts", "package.json", "package-lock.json", "tsconfig.json"].map((p) => path.join(ROOT, p));
  const stale = !fs.existsSync(out) || Math.max(...sources.map(newestMtime)) > fs.statSync(out).mtimeMs;
  if (!stale) return { built: false, ms: 0 };
  log("Building the app (npm run build) ...");
  const t0 = performance.now();
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...cleanEnv(), NODE_ENV: "production" } });
  return { built: true, ms: performance.now() - t0 };
}

/** The environment without the test runner's and production's switches: APP_ENV stays unset. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || k === "TEST" || k === "APP_ENV" || k === "ALLOW_DEMO_USERS") delete env[k];
  return env;
}

// ---------------------------------------------------------------- the servers

export type AppServer = { child: ChildProcess; pid: number; base: string; coldStartMs: number; stop: () => Promise<void> };

/** Starts the server (scripts/serve.ts, bundled) on a free loopback port; cold start = spawn → first 200 on /login. */
export async function startApp(opts: { databasePath: string; sessionSecret: string; logFile: string; timeoutMs?: number; workers: number }): Promise<AppServer> {
  const port = await freePort();
  const base = `http://${LOOPBACK}:${port}`;
  const logStream = fs.createWriteStream(opts.logFile);
  const t0 = performance.now();
  // node itself (not npx/tsx's wrapper) so the pid is the server's and its RSS is the server's
  // as `npm start` does: the bundle `npm run build` wrote (build/bundle/serve.js), plain JavaScript
  const child = spawn(process.execPath, ["build/bundle/serve.js"], {
    cwd: ROOT,
    env: { ...cleanEnv(), NODE_ENV: "production", HOST: LOOPBACK, PORT: String(port), DATABASE_PATH: opts.databasePath, SESSION_SECRET: opts.sessionSecret, WEB_CONCURRENCY: String(opts.workers) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));
  // never leave the server behind, however the bench ends
  process.once("exit", () => {
    if (exited === null) child.kill("SIGKILL");
  });
  const until = t0 + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before answering; see ${opts.logFile}`);
    if (performance.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer /login in time; see ${opts.logFile}`);
    }
    try {
      const res = await fetch(`${base}/login`, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  const coldStartMs = performance.now() - t0;
  return {
    child,
    pid: child.pid!,
    base,
    coldStartMs,
    stop: async () => {
      if (exited === null) {
        child.kill("SIGTERM");
        for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
        if (exited === null) child.kill("SIGKILL");
      }
      logStream.end();
    },
  };
}

/** A process and its children, recursively (the cluster's primary and its workers). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const list = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) children = children.concat(list.split(/\s+/).map(Number));
    }
  } catch {
    // gone, or no /proc
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * VmRSS and VmHWM (peak) of a server in MB: the process and its children summed (the cluster's
 * primary and workers; the sum of peaks is an upper bound of the peak together), and how many.
 */
export function memoryOf(pid: number): { rssMB: number; peakMB: number; processes: number } | null {
  let rss = 0;
  let peak = 0;
  let processes = 0;
  for (const p of processTree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
      if (!/^Name:\s+node/m.test(status)) continue; // esbuild's service (tsx) is not the server
      rss += kb("VmRSS");
      peak += kb("VmHWM");
      processes++;
    } catch {
      // exited meanwhile
    }
  }
  return processes ? { rssMB: rss / 1024, peakMB: peak / 1024, processes } : null;
}

export type BareServer = { base: string; serve: (body: Buffer, contentType: string) => Promise<void>; stop: () => void };

/** The ceiling: a bare node:http server (scripts/bench-bare.ts) in its own process. */
export async function startBare(tmpDir: string, workers = 1): Promise<BareServer> {
  const child = fork(path.join(ROOT, "scripts/bench-bare.ts"), [], { cwd: ROOT, execArgv: ["--import", "tsx"], env: { ...cleanEnv(), BARE_WORKERS: String(workers) }, stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error("bare server: no port"))));
    child.once("exit", (code) => reject(new Error(`bare server exited ${code}`)));
  });
  const file = path.join(tmpDir, "bare-body.bin");
  return {
    base: `http://${LOOPBACK}:${port}`,
    serve: async (body, contentType) => {
      fs.writeFileSync(file, body);
      await new Promise<void>((resolve) => {
        child.once("message", () => resolve());
        child.send({ file, contentType });
      });
    },
    stop: () => {
      child.disconnect();
      child.kill("SIGTERM");
      fs.rmSync(file, { force: true });
    },
  };
}

// ---------------------------------------------------------------- one request, then many

export type Fetched = { status: number; ms: number; body: Buffer; contentType: string; location: string | null; timedOut: boolean };

/** One GET, timed to the last byte; never follows a redirect. */
export async function fetchOnce(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Fetched> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, ms: performance.now() - t0, body, contentType: res.headers.get("content-type") ?? "application/octet-stream", location: res.headers.get("location"), timedOut: false };
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError" || (err as Error).name === "AbortError";
    if (!timedOut) throw err;
    return { status: 0, ms: performance.now() - t0, body: Buffer.alloc(0), contentType: "", location: null, timedOut: true };
  }
}

export type LoadResult = {
  connections: number;
  /** Requests asked for. */
  amount: number;
  /** Latency of every answered request (ms), in the order they came. */
  latencies: number[];
  completed: number;
  non2xx: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** First request sent → last response received. */
  elapsedMs: number;
  reqPerSec: number;
  /** Stopped by the wall-clock cap before every request was answered. */
  cut: boolean;
};

/**
 * `amount` GETs over `connections` keep-alive connections (autocannon), each request timing out
 * after `timeoutS`, the whole run stopped after `capMs`.
 */
export function load(url: string, opts: { connections: number; amount: number; timeoutS: number; capMs: number; headers: Record<string, string> }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const t0 = performance.now();
    let last = t0;
    let cut = false;
    const instance = autocannon(
      { url, connections: opts.connections, amount: Math.max(opts.amount, opts.connections), timeout: opts.timeoutS, pipelining: 1, headers: opts.headers, sampleInt: 50 },
      (err, res) => {
        clearTimeout(timer);
        if (err) return reject(err);
        const statuses: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(res.statusCodeStats)) statuses[code] = count;
        const elapsedMs = last - t0;
        resolve({
          connections: opts.connections,
          amount: opts.amount,
          latencies,
          completed: latencies.length,
          non2xx: res.non2xx,
          statuses,
          errors: res.errors,
          timeouts: res.timeouts,
          elapsedMs,
          reqPerSec: elapsedMs > 0 ? (latencies.length * 1000) / elapsedMs : 0,
          cut,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      last = performance.now();
    });
    const timer = setTimeout(() => {
      cut = true;
      instance.stop();
    }, opts.capMs);
  });
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
