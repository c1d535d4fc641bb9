/** The admin page shows the last backup's result (issue 12), as `npm run backup` or the server's schedule wrote it. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { takeBackup } from "~/models/backups.server";
import * as admin from "~/routes/admin";
import { load, useFreshDb } from "./helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-backups-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let db: Db;
const saved = { dir: process.env.BACKUP_DIR, every: process.env.BACKUP_INTERVAL_MINUTES };
beforeEach(() => {
  db = useFreshDb();
  process.env.BACKUP_DIR = path.join(dir, String(Math.random()).slice(2));
  process.env.BACKUP_INTERVAL_MINUTES = "360";
});
afterEach(() => {
  for (const [k, v] of [["BACKUP_DIR", saved.dir], ["BACKUP_INTERVAL_MINUTES", saved.every]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

it("says no backup was taken yet, then the last one's file, size and audit rows, and a failure when the last one failed", async () => {
  let page = await load(admin.loader, "/admin");
  expect(page.backups).toMatchObject({ last: null, everyMinutes: 360, keep: 14, dir: process.env.BACKUP_DIR });

  const status = await takeBackup(db.$client, { dir: process.env.BACKUP_DIR!, keep: 14 });
  expect(status.ok).toBe(true);
  page = await load(admin.loader, "/admin");
  expect(page.backups.last).toMatchObject({ ok: true, file: expect.stringMatching(/coalition-.*\.db$/), auditRows: expect.any(Number) });

  fs.writeFileSync(path.join(process.env.BACKUP_DIR!, "last-backup.json"), JSON.stringify({ ok: false, error: "disk full", startedAt: "2026-12-01T03:00:00Z", finishedAt: "2026-12-01T03:00:01Z" }));
  page = await load(admin.loader, "/admin");
  expect(page.backups.last).toEqual({ ok: false, error: "disk full", startedAt: "2026-12-01T03:00:00Z", finishedAt: "2026-12-01T03:00:01Z" });
});
