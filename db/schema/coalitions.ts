import { sql } from "drizzle-orm";
import { check, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { partners } from "./partners";
import { COALITION_LEVELS, DECIDERS } from "../../app/domain/vocabulary";

/** A standing coordination table ("table" in the UI). */
export const coalitions = sqliteTable(
  "coalitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    level: text("level", { enum: COALITION_LEVELS }).notNull(),
    cycle: integer("cycle").notNull(),
    threshold: integer("threshold").notNull().default(4),
    /** Issue 13: whose stance counts toward critical mass (the national partner's, or its affiliate covering the race). */
    decider: text("decider", { enum: DECIDERS }).notNull().default("national"),
    /** Issue 13: ranked endorsements allowed, up to this rank; null when the table takes none. */
    rankedMax: integer("ranked_max"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    check("coalitions_threshold_range", sql`${t.threshold} between 2 and 10`),
    check("coalitions_ranked_max_range", sql`${t.rankedMax} is null or ${t.rankedMax} between 2 and 10`),
  ],
);

/** Which partners sit at which table. */
export const coalitionPartners = sqliteTable(
  "coalition_partners",
  {
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    joinedAt: text("joined_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.coalitionId, t.partnerId] })],
);

export type Coalition = typeof coalitions.$inferSelect;
