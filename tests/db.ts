import { openDb, type Db } from "../db/client";
import type { Actor } from "~/domain/actor";
import { users } from "../db/schema";

/** A fresh in-memory database built by the real migrations. */
export function testDb(): Db {
  return openDb(":memory:");
}

export function testActor(db: Db, name = "Fran Facilitator"): Actor {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.test`;
  const row = db.insert(users).values({ name, email }).onConflictDoNothing().returning().get();
  if (row) return { id: row.id, name: row.name };
  const existing = db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }).sync();
  return { id: existing!.id, name: existing!.name };
}
