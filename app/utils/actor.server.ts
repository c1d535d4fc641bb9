import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "~/domain/actor";

export const DEMO_FACILITATOR = { name: "Demo Facilitator", email: "facilitator@demo.coalition.test" };

/**
 * The person acting for this request. Accounts arrive with the accounts issue; until then
 * every request acts as the demo facilitator, whose row is created on first use.
 */
export function requireActor(_request: Request, db: Db): Actor {
  const existing = db.select().from(users).where(eq(users.email, DEMO_FACILITATOR.email)).get();
  const row = existing ?? db.insert(users).values(DEMO_FACILITATOR).onConflictDoNothing().returning().get() ?? db.select().from(users).where(eq(users.email, DEMO_FACILITATOR.email)).get()!;
  return { id: row.id, name: row.name };
}
