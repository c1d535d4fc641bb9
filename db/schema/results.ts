import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { races } from "./races";
import { subCoalitions } from "./sub-coalitions";
import { users } from "./users";
import { RESULT_OUTCOMES } from "../../app/domain/vocabulary";
import { ELECTION_KINDS } from "../../app/domain/windows";

/**
 * One candidate's result in one election of a race (issue 16): votes and outcome, with the
 * public source they came from (results are public information). Shares are computed from
 * the votes of the election's rows.
 */
export const electionResults = sqliteTable(
  "election_results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    election: text("election", { enum: ELECTION_KINDS }).notNull(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    votes: integer("votes").notNull(),
    outcome: text("outcome", { enum: RESULT_OUTCOMES }).notNull(),
    sourceUrl: text("source_url").notNull(),
    sourceDate: text("source_date").notNull(),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    uniqueIndex("election_results_unique").on(t.raceId, t.election, t.candidateId),
    index("election_results_candidate").on(t.candidateId, t.election),
    check("election_results_votes", sql`${t.votes} >= 0`),
  ],
);

/**
 * A sub-table carried from one election into the next (issue 16): the step the history
 * shows, with the program's dates before and after.
 */
export const subCoalitionSteps = sqliteTable(
  "sub_coalition_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subCoalitionId: integer("sub_coalition_id")
      .notNull()
      .references(() => subCoalitions.id, { onDelete: "cascade" }),
    fromElection: text("from_election", { enum: ELECTION_KINDS }).notNull(),
    toElection: text("to_election", { enum: ELECTION_KINDS }).notNull(),
    electionDate: text("election_date").notNull(),
    programId: integer("program_id"),
    programStartBefore: text("program_start_before"),
    programEndBefore: text("program_end_before"),
    programStart: text("program_start"),
    programEnd: text("program_end"),
    note: text("note"),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("sub_coalition_steps_unique").on(t.subCoalitionId, t.toElection)],
);

export type ElectionResult = typeof electionResults.$inferSelect;
export type SubCoalitionStep = typeof subCoalitionSteps.$inferSelect;
