import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Builds the app, makes a throwaway database with the demo seed, and starts the real
 * server on a free port. Tests read the address with inject("baseURL").
 */
let server: ChildProcess | undefined;
let dir: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = new Error(`status ${res.status}`);
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not come up at ${url}: ${String(last)}`);
}

export default async function setup(project: TestProject) {
  const root = process.cwd();
  // The build and the server run as they would outside the test runner.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "TEST")) as NodeJS.ProcessEnv;
  if (!process.env.E2E_SKIP_BUILD) execFileSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit", env: { ...clean, NODE_ENV: "production" } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalition-e2e-"));
  const env: NodeJS.ProcessEnv = { ...clean, DATABASE_PATH: path.join(dir, "e2e.db"), NODE_ENV: "production" };
  execFileSync("npx", ["tsx", "scripts/migrate.ts"], { cwd: root, env, stdio: "inherit" });
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { cwd: root, env, stdio: "inherit" });
  const port = await freePort();
  server = spawn("npx", ["tsx", "scripts/serve.ts"], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${port}`;
  await waitFor(baseURL, 60_000);
  project.provide("baseURL", baseURL);
  project.provide("databasePath", env.DATABASE_PATH ?? "");
  return async () => {
    // npx starts tsx, which starts node: end the whole process group.
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        server.kill("SIGTERM");
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
  }
}
