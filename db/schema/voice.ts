import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { partners } from "./partners";
import { users } from "./users";

/**
 * The members' own voice (issue 17).
 *
 * A partner's own endorsement process: its ordered steps (questionnaire sent, interview,
 * board vote...), named by the partner and used at every table it sits at. Nothing in one
 * partner's process refers to another's.
 */
export const processSteps = sqliteTable(
  "process_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    /** 1..n within the partner. */
    position: integer("position").notNull(),
    label: text("label").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("process_steps_partner").on(t.partnerId, t.position), uniqueIndex("process_steps_label").on(t.partnerId, t.label)],
);

/**
 * Where one candidate stands in one partner's process: the step reached (null: not started)
 * and when the partner expects to decide. One row per (candidate, partner), replaced in place;
 * each change is on the audit log.
 */
export const candidateProcesses = sqliteTable(
  "candidate_processes",
  {
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    /** The candidate's race, kept here so a race page reads its partners' processes by index. */
    raceId: integer("race_id").notNull(),
    stepId: integer("step_id").references(() => processSteps.id, { onDelete: "restrict" }),
    /** The date the partner expects to decide (a calendar date), or null. */
    expectedOn: text("expected_on"),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.candidateId, t.partnerId] }),
    index("candidate_processes_race").on(t.raceId, t.expectedOn),
    index("candidate_processes_step").on(t.stepId),
    index("candidate_processes_partner").on(t.partnerId, t.coalitionId, t.stepId),
  ],
);

export type ProcessStep = typeof processSteps.$inferSelect;
export type CandidateProcess = typeof candidateProcesses.$inferSelect;
