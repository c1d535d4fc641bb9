/**
 * The writer of the backup test (tests/models/backup.test.ts), run as its own process with
 * its own connection, like the server: writes invitations (each with its audit row, so the
 * hash chain grows) as fast as it can and prints "ack <id>" after each commit, until the
 * stop file appears.
 *
 *   tsx tests/models/support/write-burst-worker.ts <db file> <json args>
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { schema, type Db } from "../../../db/client";
import { createInvitation } from "~/models/accounts.server";

const [file, raw] = process.argv.slice(2);
const a = JSON.parse(raw) as { stopFile: string; coalitionId: number; actor: { id: number; name: string } };
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 10000");
sqlite.pragma("synchronous = NORMAL");
const db = drizzle(sqlite, { schema }) as Db;

let i = 0;
while (!fs.existsSync(a.stopFile)) {
  const r = createInvitation(db, a.actor, { email: `burst${i}@example.test`, name: `Burst ${i}`, role: "facilitator", coalitionId: a.coalitionId, partnerId: null, affiliateId: null }, "192.0.2.1");
  if (!r.ok) throw new Error(r.message);
  // Committed: acknowledge it, as the server answers a person once the transaction is done.
  fs.writeSync(1, `ack ${r.invitation.id}\n`);
  i++;
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
sqlite.close();
