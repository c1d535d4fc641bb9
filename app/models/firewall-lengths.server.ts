import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coalitions, firewallLengths, users } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { NotFoundError, type Result } from "~/domain/errors";
import { effectiveLengths, lengthsRefusal, type FirewallLengths, type LengthsInput, type TableLengths } from "~/domain/firewall-lengths";
import type { CoalitionLevel } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";

type Tx = Pick<Db, "select">;

/**
 * The firewall by level (issue 13): the window and lookback lengths a table applies, and
 * where they come from. One statement: the table's level joined to counsel's row, if any.
 */
export function tableLengths(db: Tx, _viewer: Viewer, input: { coalitionId: number }): TableLengths {
  const row = db
    .select({ level: coalitions.level, windowDays: firewallLengths.windowDays, lookbackDays: firewallLengths.lookbackDays, basisNote: firewallLengths.basisNote, setAt: firewallLengths.setAt, setByName: users.name })
    .from(coalitions)
    .leftJoin(firewallLengths, eq(firewallLengths.coalitionId, coalitions.id))
    .leftJoin(users, eq(users.id, firewallLengths.setBy))
    .where(eq(coalitions.id, input.coalitionId))
    .get();
  if (!row) throw new NotFoundError("Table");
  const stored =
    row.windowDays !== null && row.lookbackDays !== null && row.setAt !== null
      ? { windowDays: row.windowDays, lookbackDays: row.lookbackDays, basisNote: row.basisNote, setAt: row.setAt, setByName: row.setByName }
      : null;
  return effectiveLengths(row.level as CoalitionLevel, stored);
}

/**
 * The lengths the firewall gate applies at a table, read inside the caller's transaction. A
 * table it cannot find gets the federal lengths (the rule's floor), never none.
 */
export function lengthsAt(tx: Tx, coalitionId: number): FirewallLengths {
  try {
    const l = tableLengths(tx, "system", { coalitionId });
    return { windowDays: l.windowDays, lookbackDays: l.lookbackDays };
  } catch {
    return effectiveLengths("federal", null);
  }
}

/**
 * Counsel sets the table's window and lookback (the route checks that the actor is counsel of
 * `partnerId`, a member seated here). Written with its audit row in one IMMEDIATE transaction;
 * a federal table refuses lengths shorter than the federal rules.
 */
export function setTableLengths(db: Db, actor: Actor, input: { coalitionId: number } & Omit<LengthsInput, "partnerId"> & { partnerId: number | null }, now = new Date()): Result<{ lengths: TableLengths }> {
  return db.transaction(
    (tx) => {
      const table = tx.select({ level: coalitions.level }).from(coalitions).where(eq(coalitions.id, input.coalitionId)).get();
      if (!table) throw new NotFoundError("Table");
      const refusal = lengthsRefusal(table.level as CoalitionLevel, input);
      if (refusal) return { ok: false as const, field: refusal.field, message: refusal.message };
      const before = tableLengths(tx, "system", { coalitionId: input.coalitionId });
      const values = { windowDays: input.windowDays, lookbackDays: input.lookbackDays, basisNote: input.basisNote, setBy: actor.id, setAt: now.toISOString() };
      tx.insert(firewallLengths)
        .values({ coalitionId: input.coalitionId, ...values })
        .onConflictDoUpdate({ target: firewallLengths.coalitionId, set: values })
        .run();
      appendAudit(
        tx,
        actor,
        {
          action: "firewall.lengths",
          decision: "info",
          rule: "F4",
          partnerId: input.partnerId,
          subjectType: "coalition",
          subjectId: input.coalitionId,
          detail: `window ${before.windowDays} → ${input.windowDays} days (F8), lookback ${before.lookbackDays} → ${input.lookbackDays} days (F4, F5)${before.basis === "counsel" ? "" : `, was ${before.basis === "federal_rules" ? "the federal rules" : "the federal stand-in"}`}${input.basisNote ? `: ${input.basisNote}` : ""}`,
        },
        now,
      );
      return { ok: true as const, lengths: tableLengths(tx, "system", { coalitionId: input.coalitionId }) };
    },
    { behavior: "immediate" },
  );
}
