import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
