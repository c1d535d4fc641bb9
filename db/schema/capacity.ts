import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CAPABILITIES, CAPACITY_KINDS, CAPACITY_READERS, OUTSIDE_SUPPORTER_KINDS } from "../../app/domain/vocabulary";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { partners } from "./partners";
import { users } from "./users";

/**
 * Support from outside the table (issue 17): an organization, union, elected official or local
 * group that endorsed a candidate, with the public source (a URL) and the date. Public
 * information, added by the facilitator or any member's representative; the race and its state
 * are kept on the row so the table-wide view groups and filters by index.
 */
export const outsideEndorsements = sqliteTable(
  "outside_endorsements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    raceId: integer("race_id").notNull(),
    /** The race's state (two letters), for the table-wide view's filter. */
    state: text("state").notNull(),
    kind: text("kind", { enum: OUTSIDE_SUPPORTER_KINDS }).notNull(),
    name: text("name").notNull(),
    sourceUrl: text("source_url").notNull(),
    /** The day the supporter endorsed (a calendar date). */
    endorsedOn: text("endorsed_on").notNull(),
    note: text("note"),
    /** The partner whose representative added it; null when neutral staff did. */
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "set null" }),
    addedBy: integer("added_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("outside_endorsements_candidate").on(t.candidateId, t.endorsedOn, t.id),
    index("outside_endorsements_race").on(t.raceId, t.candidateId, t.kind),
    index("outside_endorsements_table").on(t.coalitionId, t.state, t.raceId, t.kind),
    index("outside_endorsements_table_kind").on(t.coalitionId, t.kind, t.state, t.raceId),
  ],
);
export type OutsideEndorsement = typeof outsideEndorsements.$inferSelect;

/**
 * One item of a partner's capacity profile (issue 17): what it brings (members, active
 * volunteers, staff organizers, optionally in one state; a state where it is strong; something
 * it can do) and its red lines, each with who may read it. Kept by the partner's
 * representatives; used at every table it sits at.
 */
export const capacityItems = sqliteTable(
  "capacity_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CAPACITY_KINDS }).notNull(),
    /** Two letters, or null for the whole country. Required for a state where it is strong. */
    state: text("state"),
    /** A count (members, volunteers, organizers), or a dollar amount for money; null otherwise. */
    amount: integer("amount"),
    capability: text("capability", { enum: CAPABILITIES }),
    /** Words: the red line, or a note on any other item. */
    detail: text("detail"),
    readers: text("readers", { enum: CAPACITY_READERS }).notNull(),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("capacity_items_partner").on(t.partnerId, t.kind, t.id), index("capacity_items_state").on(t.state, t.readers, t.partnerId)],
);
export type CapacityItem = typeof capacityItems.$inferSelect;
