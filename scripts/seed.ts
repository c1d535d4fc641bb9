/**
 * Fills an empty database with the demo table (db/seed.ts). A database that already has a
 * table is left alone.
 *
 *   npx tsx scripts/seed.ts
 *
 * The whole seed runs in one outer transaction: the models' own transactions nest inside it
 * as savepoints (better-sqlite3), so a failure part way leaves the database empty.
 */
import { count } from "drizzle-orm";
import { defaultDatabasePath, openDb } from "../db/client";
import { coalitions } from "../db/schema";
import { seedDemo } from "../db/seed";

const file = defaultDatabasePath();
const db = openDb();
try {
  const existing = db.select({ n: count() }).from(coalitions).get()?.n ?? 0;
  if (existing > 0) {
    console.log("Database already has data; not seeding.");
  } else {
    try {
      const { summary } = db.$client.transaction(() => seedDemo(db))();
      console.log(summary);
    } catch (err) {
      console.error(`Seeding ${file} failed part way: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      console.error("Nothing was written; fix the cause and run the setup again.");
      process.exitCode = 1;
    }
  }
} finally {
  db.$client.close();
}
