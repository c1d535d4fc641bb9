import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { canvassPrograms } from "./field-work";
import { partners } from "./partners";
import { users } from "./users";

/**
 * Issue 13: a regional ally (a partners row flagged `ally`) invited into a sub-table's
 * program. Its one affiliate row takes part in the program like a member's affiliate.
 */
export const programAllies = sqliteTable(
  "program_allies",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    invitedBy: integer("invited_by").references(() => users.id),
    invitedAt: text("invited_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.programId, t.partnerId] }), index("program_allies_partner").on(t.partnerId)],
);

export type ProgramAlly = typeof programAllies.$inferSelect;
