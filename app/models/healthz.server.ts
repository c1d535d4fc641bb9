import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/client";
import { migrationState } from "./backups.server";

import type { HealthReport } from "~/domain/operations";
export type { HealthReport };

/**
 * What a process manager asks (`GET /healthz`, no session): the database answers, its
 * migrations are this version's, and the folder it lives in takes a write (a full disk or a
 * read-only mount fails here before it fails a person's save). Each check says "ok" or
 * what is wrong; nothing about the table's data.
 */
export function healthReport(db: Db, dataDir: string): HealthReport {
  const checks = { database: "ok", migrations: "ok", disk: "ok" };
  try {
    db.$client.prepare("select 1").get();
  } catch (err) {
    checks.database = `unreachable: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (checks.database === "ok") {
    try {
      const state = migrationState(db.$client);
      if (!state.current) checks.migrations = `behind: ${state.applied} of ${state.known} applied`;
      else if (state.newer) checks.migrations = "ahead: the database has migrations this version does not know";
    } catch (err) {
      checks.migrations = `unknown: ${err instanceof Error ? err.message : String(err)}`;
    }
  } else {
    checks.migrations = "unknown: no database";
  }
  const probe = path.join(dataDir, `.healthz-${process.pid}`);
  try {
    const fd = fs.openSync(probe, "w");
    fs.writeSync(fd, new Date().toISOString());
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.rmSync(probe, { force: true });
  } catch (err) {
    checks.disk = `not writable: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
  }
  return { ok: Object.values(checks).every((c) => c === "ok"), checks };
}
