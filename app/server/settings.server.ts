import os from "node:os";
import path from "node:path";
import { defaultDatabasePath } from "../../db/client";

/**
 * The operator's settings for running the server, read from the environment (README,
 * "Production guide"). A value that cannot be understood stops the server at start with a
 * message, rather than running with a guess.
 */

export class SettingsError extends Error {}

function number(name: string, fallback: number, { min = 0, integer = true } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new SettingsError(`${name}=${raw} is not ${integer ? "a whole number" : "a number"}${min ? ` of at least ${min}` : ""}.`);
  }
  return n;
}

/**
 * TRUST_PROXY: whose X-Forwarded-For to believe for the client's address. Unset: nobody's
 * (the socket's address is the client). A number of proxy hops, or the proxies' addresses
 * (`loopback`, `10.0.0.2`, `10.0.0.0/8`, comma-separated) as Express's "trust proxy" takes
 * them. "true" is refused: it would let any client choose its own address.
 */
export function trustProxy(): false | number | string[] {
  const raw = (process.env.TRUST_PROXY ?? "").trim();
  if (raw === "" || raw === "0" || raw.toLowerCase() === "false") return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (["true", "*", "all", "yes"].includes(raw.toLowerCase())) {
    throw new SettingsError(
      `TRUST_PROXY=${raw} would believe any client's X-Forwarded-For. Name the proxy instead: loopback (a proxy on this machine), its address, or the number of proxies in front.`,
    );
  }
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export type ServerSettings = {
  port: number;
  host: string;
  trustProxy: false | number | string[];
  /** Writes (any request but GET/HEAD/OPTIONS) one client address may send per minute. */
  writesPerMinute: number;
  /** How long SIGTERM waits for requests in flight before closing them. */
  shutdownGraceMs: number;
  /** Server processes answering on the port (node's cluster); 1 runs one process, no cluster. */
  workers: number;
};

/** WEB_CONCURRENCY's default: one process per core the machine gives this one, at most 8. */
export function defaultWorkers(cores: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(8, cores));
}

export function serverSettings(): ServerSettings {
  return {
    port: number("PORT", 3000),
    host: process.env.HOST ?? "0.0.0.0",
    trustProxy: trustProxy(),
    writesPerMinute: number("WRITES_PER_MINUTE", 600, { min: 1 }),
    shutdownGraceMs: number("SHUTDOWN_GRACE_SECONDS", 20) * 1000,
    workers: number("WEB_CONCURRENCY", defaultWorkers(), { min: 1 }),
  };
}

export type BackupSettings = { dir: string; keep: number; intervalMinutes: number };

/** BACKUP_DIR (default: `backups/` beside the database), BACKUP_KEEP (14), BACKUP_INTERVAL_MINUTES (0: off). */
export function backupSettings(): BackupSettings {
  const db = defaultDatabasePath();
  return {
    dir: path.resolve(process.env.BACKUP_DIR || path.join(path.dirname(path.resolve(db)), "backups")),
    keep: number("BACKUP_KEEP", 14, { min: 1 }),
    intervalMinutes: number("BACKUP_INTERVAL_MINUTES", 0, { integer: false }),
  };
}
