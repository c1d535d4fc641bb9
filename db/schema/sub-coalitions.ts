import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { endorsementEvents } from "./endorsements";
import { partners } from "./partners";
import { users } from "./users";
import { ELECTION_KINDS } from "../../app/domain/windows";

/** A sub-table: the partners endorsing one candidate once they reach the threshold. */
export const subCoalitions = sqliteTable(
  "sub_coalitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    formedAt: text("formed_at").notNull(),
    formedByEventId: integer("formed_by_event_id").references(() => endorsementEvents.id),
    closedAt: text("closed_at"),
    closedBy: integer("closed_by").references(() => users.id),
    /** The election the sub-table works toward (issue 16): the primary until the facilitator carries it forward. */
    election: text("election", { enum: ELECTION_KINDS }).notNull().default("primary"),
    /** That election's date once carried (null: the race's primary); the sub-table reads as closed after it. */
    activeUntil: text("active_until"),
  },
  (t) => [uniqueIndex("sub_coalitions_candidate").on(t.candidateId), index("sub_coalitions_coalition").on(t.coalitionId)],
);

/** Membership history: a row per stay. leftAt null means a current member. */
export const subCoalitionMembers = sqliteTable(
  "sub_coalition_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subCoalitionId: integer("sub_coalition_id")
      .notNull()
      .references(() => subCoalitions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    joinedAt: text("joined_at").notNull(),
    joinedByEventId: integer("joined_by_event_id").references(() => endorsementEvents.id),
    leftAt: text("left_at"),
    leftByEventId: integer("left_by_event_id").references(() => endorsementEvents.id),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index("sub_coalition_members_sub").on(t.subCoalitionId),
    index("sub_coalition_members_partner").on(t.partnerId),
    // issue 17: the health page's recent departures (acting without notice)
    index("sub_coalition_members_left").on(t.leftAt),
    // at most one open stay per partner per sub-table
    uniqueIndex("sub_coalition_members_open")
      .on(t.subCoalitionId, t.partnerId)
      .where(sql`left_at is null`),
  ],
);

export type SubCoalition = typeof subCoalitions.$inferSelect;
export type SubCoalitionMember = typeof subCoalitionMembers.$inferSelect;
