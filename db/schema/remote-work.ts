import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { canvassPrograms } from "./field-work";
import { affiliates } from "./partners";
import { users } from "./users";

/**
 * Issue 13: an affiliate of a member partner outside the race's state taking part in a
 * program remotely: it may pledge phone, text and call hours, take call and text lists that
 * are not kept local, and host, co-host or recruit for virtual shifts.
 */
export const programRemoteAffiliates = sqliteTable(
  "program_remote_affiliates",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    joinedBy: integer("joined_by").references(() => users.id),
    joinedAt: text("joined_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.programId, t.affiliateId] }), index("program_remote_affiliates_affiliate").on(t.affiliateId)],
);

export type ProgramRemoteAffiliate = typeof programRemoteAffiliates.$inferSelect;
