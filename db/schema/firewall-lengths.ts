import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { coalitions } from "./coalitions";
import { users } from "./users";

/**
 * Issue 13, the firewall by level: the content window (F8) and the lookback (F4, F5) a table's
 * counsel set. No row: a federal table applies the federal rules; a state or municipal table
 * applies the federal lengths as a stand-in, labelled as such (app/domain/firewall-lengths.ts).
 * A table of its own rather than columns on coalitions: who set it and on what it rests belong
 * with the lengths, and the table row stays the facilitator's.
 */
export const firewallLengths = sqliteTable(
  "firewall_lengths",
  {
    coalitionId: integer("coalition_id")
      .primaryKey()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    windowDays: integer("window_days").notNull(),
    lookbackDays: integer("lookback_days").notNull(),
    basisNote: text("basis_note"),
    setBy: integer("set_by").references(() => users.id),
    setAt: text("set_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [check("firewall_lengths_window", sql`${t.windowDays} between 1 and 365`), check("firewall_lengths_lookback", sql`${t.lookbackDays} between 1 and 730`)],
);

export type FirewallLengthsRow = typeof firewallLengths.$inferSelect;
