/**
 * Takes a verified backup of the database while the server keeps serving (SQLite's online
 * backup API), into BACKUP_DIR or the folder given, and keeps the newest BACKUP_KEEP.
 *
 *   npm run backup [dest-folder]
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { defaultDatabasePath } from "../db/client";
import { takeBackup } from "~/models/backups.server";
import { backupSettings, SettingsError } from "~/server/settings.server";

let settings;
try {
  settings = backupSettings();
} catch (err) {
  if (err instanceof SettingsError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const dir = process.argv[2] ? path.resolve(process.argv[2]) : settings.dir;
const file = defaultDatabasePath();
if (!fs.existsSync(file)) {
  console.error(`No database at ${file} (set DATABASE_PATH).`);
  process.exit(1);
}
// A connection of its own that only reads: it neither migrates nor writes the database.
const source = new Database(file, { fileMustExist: true, readonly: true });
source.pragma("busy_timeout = 5000");
const status = await takeBackup(source, { dir, keep: settings.keep });
source.close();
if (status.ok) {
  console.log(`Backup taken: ${status.file} (${(status.bytes / 1024).toFixed(0)} KB, integrity ok, audit chain intact over ${status.auditRows} rows).`);
  console.log(`${status.kept} backup(s) kept in ${dir}${status.removed.length ? `; removed ${status.removed.map((f) => path.basename(f)).join(", ")}` : ""}.`);
} else {
  console.error(`Backup FAILED: ${status.error}`);
  process.exit(1);
}
