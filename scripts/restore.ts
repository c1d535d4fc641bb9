/**
 * Puts a backup in place of the database (DATABASE_PATH). Refuses a file that fails the
 * backup's checks (integrity, audit chain, migrations this version knows) and refuses while
 * a server holds the database. The replaced database is kept beside it.
 *
 *   npm run restore <backup-file>
 */
import { defaultDatabasePath } from "../db/client";
import { restoreBackup } from "~/models/backups.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run restore <backup-file>   (restores into DATABASE_PATH, default ./data/coalition.db)");
  process.exit(2);
}
const target = defaultDatabasePath();
const result = restoreBackup(file, target);
if (!result.ok) {
  console.error(`Restore REFUSED: ${file} was not restored into ${target}.`);
  for (const p of result.problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`Restored ${file} into ${target} (integrity ok, audit chain intact over ${result.auditRows} rows).`);
if (result.savedAs) console.log(`The database it replaced is kept as ${result.savedAs}.`);
console.log("Start the server: it applies any newer migrations first.");
