import { openDb, type Db } from "../../db/client";

let db: Db | undefined;

/** The app's database, opened (and migrated) on first use. Tests swap in their own with setDb. */
export function getDb(): Db {
  db ??= openDb();
  return db;
}

export function setDb(next: Db): void {
  db = next;
}

/** Closes the app's connection, if open (the server's shutdown). The next getDb() opens again. */
export function closeDb(): void {
  db?.$client.close();
  db = undefined;
}
