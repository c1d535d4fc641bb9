import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { affiliates, partners } from "./partners";
import { users } from "./users";
import { STANCES, SOURCE_KINDS } from "../../app/domain/vocabulary";

/**
 * Endorsement history: each change of a partner's (or an affiliate's own) stance on a
 * candidate is appended here. The current stance is the newest event for the holder.
 */
export const endorsementEvents = sqliteTable(
  "endorsement_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    /** Null for the national partner's stance; set when an affiliate records its own. */
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    fromStance: text("from_stance", { enum: STANCES }),
    stance: text("stance", { enum: STANCES }).notNull(),
    decidedOn: text("decided_on").notNull(),
    decidingBody: text("deciding_body"),
    note: text("note"),
    notePrivate: integer("note_private", { mode: "boolean" }).notNull().default(false),
    /** Where the note's information came from (rule F2): a campaign note is withheld from independent-side viewers. */
    noteSource: text("note_source", { enum: SOURCE_KINDS }).notNull().default("research"),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("endorsement_events_candidate").on(t.candidateId, t.partnerId, t.id),
    index("endorsement_events_partner").on(t.partnerId, t.id),
  ],
);

export type EndorsementEvent = typeof endorsementEvents.$inferSelect;
