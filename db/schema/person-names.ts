import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { people } from "./candidates";
import { users } from "./users";

/**
 * Another name a person ran under or goes by (issue 16): a maiden name, a nickname ("Bob" for
 * "Robert"). The person search matches these as it matches candidacies' names, by an index on
 * lower(name).
 */
export const personNames = sqliteTable(
  "person_names",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("person_names_lower").on(sql`lower(${t.name})`, t.personId), uniqueIndex("person_names_unique").on(t.personId, sql`lower(${t.name})`)],
);

export type PersonName = typeof personNames.$inferSelect;
