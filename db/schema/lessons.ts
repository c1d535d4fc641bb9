import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { races } from "./races";
import { users } from "./users";
import { LESSON_SCOPES, SOURCE_KINDS } from "../../app/domain/vocabulary";

/**
 * What the table learned (issue 16): a lesson the facilitator adds on a cycle review, about
 * one reviewed race and/or the candidate it backed there (the person behind the candidacy),
 * with its information source (rule F2). It shows on the next cycles' tables of the same
 * level for the same place (`place_key`, written with the lesson) and on the person's later
 * candidacies (through `candidates.person_id`, so a later "same person" link carries it).
 */
export const lessons = sqliteTable(
  "lessons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    /** The candidacy the lesson is about (scope person or both), else null. */
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    scope: text("scope", { enum: LESSON_SCOPES }).notNull(),
    /** The reviewed table's cycle and the race's place at its level (app/domain/lessons.ts placeKey). */
    cycle: integer("cycle").notNull(),
    placeKey: text("place_key").notNull(),
    body: text("body").notNull(),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text("updated_at"),
    removedAt: text("removed_at"),
  },
  (t) => [
    index("lessons_coalition_race").on(t.coalitionId, t.raceId),
    index("lessons_place").on(t.placeKey, t.cycle),
    index("lessons_candidate").on(t.candidateId),
  ],
);

export type Lesson = typeof lessons.$inferSelect;

/**
 * The cycle review's projection (issue 16): one row per race with a result, for the candidate
 * the table backed most there (most endorsing partners, then the one with a sub-table), at
 * the last election that candidate has a result in, with the figures the review shows and
 * charts. Kept by triggers (migration 0024) in the transaction of every write it reads:
 * results, stance tallies, sub-tables, sign-ups' attendance and shifts. A page of the review
 * reads its rows by index, never the table's results.
 */
export const raceReviews = sqliteTable(
  "race_reviews",
  {
    raceId: integer("race_id")
      .primaryKey()
      .references(() => races.id, { onDelete: "cascade" }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    subId: integer("sub_id"),
    endorsers: integer("endorsers").notNull(),
    formedAt: text("formed_at"),
    election: text("election").notNull(),
    electionDay: text("election_day").notNull(),
    outcome: text("outcome").notNull(),
    votes: integer("votes").notNull(),
    totalVotes: integer("total_votes").notNull(),
    runnerUp: integer("runner_up").notNull(),
    hoursDelivered: real("hours_delivered").notNull(),
    /** Days from critical mass (the sub-table formed) to the election; null without a sub-table. */
    daysFromCriticalMass: integer("days_from_critical_mass"),
    /** Margin in points over the best other candidate; null when no votes were listed. */
    margin: real("margin"),
    succeeded: integer("succeeded").notNull(),
  },
  (t) => [
    index("race_reviews_page").on(t.coalitionId, t.electionDay, t.raceId),
    index("race_reviews_chart").on(t.coalitionId, t.subId, t.succeeded, t.margin, t.daysFromCriticalMass, t.endorsers, t.hoursDelivered),
  ],
);

/** A race whose review row must be recomputed: a trigger on this table does it at once and empties it (migration 0024). */
export const raceReviewRefreshes = sqliteTable("race_review_refreshes", {
  raceId: integer("race_id").notNull(),
});

export type RaceReview = typeof raceReviews.$inferSelect;
