import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { affiliates, partners } from "./partners";
import { races } from "./races";
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
    /** The candidate's race's table, kept on the event so a table's newest stances read by index. */
    coalitionId: integer("coalition_id").references(() => coalitions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    /** Null for the national partner's stance; set when an affiliate records its own. */
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    fromStance: text("from_stance", { enum: STANCES }),
    stance: text("stance", { enum: STANCES }).notNull(),
    /** Issue 13: an endorsement's rank at a table that takes ranked endorsements (1 = first choice); null when unranked. */
    rank: integer("rank"),
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
    index("endorsement_events_coalition").on(t.coalitionId, t.id),
    index("endorsement_events_coalition_partner").on(t.coalitionId, t.partnerId, t.id),
    index("endorsement_events_coalition_created").on(t.coalitionId, t.createdAt),
  ],
);

export type EndorsementEvent = typeof endorsementEvents.$inferSelect;

/**
 * The projection of the history (issue 11): each holder's current stance on each candidate,
 * the newest event of (candidate, partner, affiliate). Kept by triggers on endorsement_events
 * (migration 0008), so it changes in the transaction that appends the event and with nothing
 * else; tests/models/stance-projection.test.ts proves it equals the fold (`currentStances`).
 */
export const currentStances = sqliteTable(
  "current_stances",
  {
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    /** 0 for the national partner's own stance, else the affiliate's id (a key, unlike a null). */
    holderAffiliate: integer("holder_affiliate").notNull(),
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    coalitionId: integer("coalition_id").notNull(),
    raceId: integer("race_id").notNull(),
    stance: text("stance", { enum: STANCES }).notNull(),
    rank: integer("rank"),
    eventId: integer("event_id").notNull(),
    decidedOn: text("decided_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.candidateId, t.holderAffiliate, t.partnerId] }),
    index("current_stances_race").on(t.raceId, t.holderAffiliate, t.stance, t.partnerId),
    index("current_stances_partner").on(t.coalitionId, t.partnerId, t.holderAffiliate, t.eventId),
    // an affiliate's coverage changed: the candidates it holds a stance on are recounted (issue 13)
    index("current_stances_affiliate").on(t.affiliateId),
  ],
);

/**
 * Per candidate, what the table's home and matrix sort and count by: seated national partners
 * endorsing (`endorsers`; `sortCount` is its negative, so the matrix's "most endorsed first,
 * then race, then name" is one ascending keyset), affiliates' own endorsements, and the race's
 * sort keys. Kept by triggers (migration 0008) on stance events, seats, candidates and races.
 */
export const candidateTallies = sqliteTable(
  "candidate_tallies",
  {
    candidateId: integer("candidate_id")
      .primaryKey()
      .references(() => candidates.id, { onDelete: "cascade" }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    /** The race's district, '' when it has none (a key, unlike a null). */
    districtKey: text("district_key").notNull(),
    name: text("name").notNull(),
    primaryDate: text("primary_date").notNull(),
    endorsers: integer("endorsers").notNull().default(0),
    sortCount: integer("sort_count").notNull().default(0),
    affiliateEndorsements: integer("affiliate_endorsements").notNull().default(0),
  },
  (t) => [
    index("candidate_tallies_matrix").on(t.coalitionId, t.sortCount, t.state, t.districtKey, t.name, t.candidateId),
    index("candidate_tallies_state").on(t.coalitionId, t.state, t.sortCount, t.districtKey, t.name, t.candidateId),
    index("candidate_tallies_race").on(t.raceId, t.sortCount),
    index("candidate_tallies_nearing").on(t.coalitionId, t.sortCount, t.primaryDate, t.candidateId),
    index("candidate_tallies_split").on(t.coalitionId, t.raceId, t.endorsers),
  ],
);

/**
 * The areas a race lies in, as coverage names them (issue 13): its state, and its congressional
 * district, its state-legislative district by chamber, its city (and ward) or its county. Kept
 * by triggers on races (migration 0021), so "the affiliate covering the race" is one indexed join.
 */
export const raceAreas = sqliteTable(
  "race_areas",
  {
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    kind: text("kind").notNull(),
    areaKey: text("area_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.raceId, t.kind, t.areaKey] })],
);

export type CurrentStance = typeof currentStances.$inferSelect;
export type CandidateTally = typeof candidateTallies.$inferSelect;

/**
 * Per table and decision day, the net change in national partners' endorsements standing
 * (+1 an endorsement made, −1 one ended): the home's timeline sums it by week without reading
 * the history. Kept by the same trigger as current_stances (migration 0008).
 */
export const endorsementDays = sqliteTable(
  "endorsement_days",
  {
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    decidedOn: text("decided_on").notNull(),
    delta: integer("delta").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.coalitionId, t.decidedOn] })],
);
