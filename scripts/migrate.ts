/**
 * Opens the database at DATABASE_PATH (default ./data/coalition.db), which applies the
 * committed migrations.
 *
 *   npx tsx scripts/migrate.ts
 */
import { defaultDatabasePath, openDb } from "../db/client";

const file = defaultDatabasePath();
const db = openDb();
db.$client.close();
console.log(`Database ready at ${file}`);
