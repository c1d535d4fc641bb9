/**
 * Starting scripts/serve.ts for real in a test (the operations and cluster tests): a free port,
 * the server as the production guide runs it, its output lines, and plain HTTP requests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";

const ROOT = process.cwd();
const children: ChildProcess[] = [];

/** The environment without vitest's own variables: the server runs as it would outside the runner. */
export const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "TEST")) as NodeJS.ProcessEnv;

/** Kills every server this module started that is still running (afterAll). */
export function killServers(): void {
  for (const c of children) if (c.exitCode === null && c.pid) c.kill("SIGKILL");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type Served = { base: string; child: ChildProcess; out: () => string[]; exited: Promise<number | null> };

/**
 * Starts scripts/serve.ts as the production guide does, `node --import tsx` (one process, so
 * SIGTERM reaches the server itself: the tsx command would relay it and kill the server if it
 * does not answer within 30 ms), and waits for it to answer.
 */
export async function serve(databasePath: string, env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: { ...clean, NODE_ENV: "production", DATABASE_PATH: databasePath, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  let partial = "";
  const take = (d: Buffer) => {
    partial += d;
    const parts = partial.split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${lines.join("\n")}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`server did not come up: ${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, child, out: () => [...lines], exited };
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function send(base: string, method: string, p: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers: { ...(body !== undefined ? { "Content-Length": String(Buffer.byteLength(body)) } : {}), ...headers }, agent: false }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

