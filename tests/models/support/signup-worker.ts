/**
 * One connection of the sign-up concurrency test (tests/models/signup-concurrency.test.ts),
 * run as its own process: opens the SQLite FILE, waits for the go signal, then tries
 * its sign-ups through the real model. Prints one JSON line: how many got in, how many were refused.
 *
 *   tsx tests/models/support/signup-worker.ts <db file> <json args>
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { schema, type Db } from "../../../db/client";
import { signUp } from "~/models/signups.server";
import { publicSignUp } from "~/models/public-shifts.server";

const [file, raw] = process.argv.slice(2);
const a = JSON.parse(raw) as { worker: number; attempts: number; goFile: string; coalitionId: number; programId: number; shiftId: number; affiliateIds: number[]; actor: { id: number; name: string }; shareTokens?: string[] };
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 10000");
const db = drizzle(sqlite, { schema }) as Db;

// Ready; wait for the go signal (a file the test creates once every process is ready), so the attempts really overlap.
process.stdout.write("ready\n");
const pause = new Int32Array(new SharedArrayBuffer(4));
while (!fs.existsSync(a.goFile)) Atomics.wait(pause, 0, 0, 2);
let ok = 0;
const refused: string[] = [];
for (let i = 0; i < a.attempts; i++) {
  // issue 14: a volunteer on a public page, through one of the share links
  const r = a.shareTokens
    ? publicSignUp(db, null, { shareToken: a.shareTokens[(a.worker + i) % a.shareTokens.length], base: "http://localhost", volunteerName: `Volunteer ${a.worker}-${i}`, email: `v${a.worker}-${i}@example.test`, phone: null })
    : signUp(
    db,
    a.actor,
    {
      coalitionId: a.coalitionId,
      programId: a.programId,
      shiftId: a.shiftId,
      volunteerName: `Volunteer ${a.worker}-${i}`,
      email: `v${a.worker}-${i}@example.test`,
      phone: null,
      recruitedByAffiliateId: a.affiliateIds[(a.worker + i) % a.affiliateIds.length],
      confirmDouble: false,
    },
    new Date("2027-03-01T12:00:00Z"),
    );
  if (r.ok) ok++;
  else refused.push(r.message);
}
sqlite.close();
process.stdout.write(`${JSON.stringify({ worker: a.worker, ok, refused })}\n`);
