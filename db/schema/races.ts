import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { coalitions } from "./coalitions";
import { CHAMBERS, LOCALITY_KINDS, PRIMARY_KINDS, SEAT_KINDS } from "../../app/domain/vocabulary";

/** An office on a ballot. Dates are calendar dates (YYYY-MM-DD) in the race's time zone. */
export const races = sqliteTable(
  "races",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    office: text("office").notNull(),
    state: text("state").notNull(),
    district: text("district"),
    /** Issue 13: the place as the table's level names it (app/domain/jurisdictions.ts). */
    chamber: text("chamber", { enum: CHAMBERS }),
    locality: text("locality"),
    localityKind: text("locality_kind", { enum: LOCALITY_KINDS }),
    seatKind: text("seat_kind", { enum: SEAT_KINDS }),
    primaryKind: text("primary_kind", { enum: PRIMARY_KINDS }).notNull().default("partisan"),
    seats: integer("seats").notNull().default(1),
    primaryDate: text("primary_date").notNull(),
    generalDate: text("general_date").notNull(),
    /** Optional further elections of the race (rule F8 gives each its own window). */
    runoffDate: text("runoff_date"),
    specialDate: text("special_date"),
    incumbent: text("incumbent"),
    timeZone: text("time_zone").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    // chamber and locality tell apart the same office and district number in two chambers or two cities
    uniqueIndex("races_unique_office").on(t.coalitionId, t.office, t.state, t.district, t.chamber, t.locality),
    index("races_coalition_primary").on(t.coalitionId, t.primaryDate),
    // the races list and the sides page filtered by state, paged by primary date (issue 11)
    index("races_coalition_state_primary").on(t.coalitionId, t.state, t.primaryDate),
    check("races_seats_range", sql`${t.seats} between 1 and 20`),
    check("races_general_after_primary", sql`${t.generalDate} >= ${t.primaryDate}`),
  ],
);

export type Race = typeof races.$inferSelect;
