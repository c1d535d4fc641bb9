import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { agendaItems, agreements, decisions, meetings } from "./meetings";
import { subCoalitions } from "./sub-coalitions";
import { CONCERN_STATUSES, CONCERN_SUBJECTS, NOTICE_KINDS, SOURCE_KINDS } from "../../app/domain/vocabulary";
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

/**
 * A concern a member raises, in writing, with its reason: about a candidate, a sub-table, its
 * agreement or a decision recorded at a meeting. It blocks nothing. It goes on the next
 * meeting's agenda by itself (agendaItemId) and is answered when the table has discussed it.
 * Its text carries a source like a note (rule F2): a campaign concern about race R is
 * withheld from R's independent-side viewers.
 */
export const concerns = sqliteTable(
  "concerns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    /** The member raising it. */
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    subject: text("subject", { enum: CONCERN_SUBJECTS }).notNull(),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "cascade" }),
    subCoalitionId: integer("sub_coalition_id").references(() => subCoalitions.id, { onDelete: "cascade" }),
    agreementId: integer("agreement_id").references(() => agreements.id, { onDelete: "cascade" }),
    decisionId: integer("decision_id").references(() => decisions.id, { onDelete: "cascade" }),
    /** The race it is about (the candidate's, the sub-table's candidate's), null for a decision of a table meeting: rule F2's key. */
    raceId: integer("race_id"),
    /** What it is about, in words, as it stood when raised ("Renata Oyelaran (PA-07)", "the agreement of ..."). */
    about: text("about").notNull(),
    concern: text("concern").notNull(),
    reason: text("reason").notNull(),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    status: text("status", { enum: CONCERN_STATUSES }).notNull().default("open"),
    /** The agenda item it was put on; null until a meeting with a draft agenda takes it (or after that item is removed). */
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    answer: text("answer"),
    answeredAt: text("answered_at"),
    answeredBy: integer("answered_by").references(() => users.id),
    answeredMeetingId: integer("answered_meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    raisedBy: integer("raised_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("concerns_coalition").on(t.coalitionId, t.status, t.createdAt, t.id),
    index("concerns_candidate").on(t.candidateId, t.id),
    index("concerns_sub").on(t.subCoalitionId, t.id),
    index("concerns_decision").on(t.decisionId),
    index("concerns_agreement").on(t.agreementId),
    index("concerns_agenda_item").on(t.agendaItemId),
  ],
);

export type Concern = typeof concerns.$inferSelect;

/**
 * Notice of independent action: a member tells one of its sub-tables, in advance, what it will
 * do outside it (an endorsement announcement, its own program, a public statement, leaving)
 * and why. Shown on the sub-table's page and put on the next meeting's agenda by itself.
 */
export const notices = sqliteTable(
  "notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    subCoalitionId: integer("sub_coalition_id")
      .notNull()
      .references(() => subCoalitions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    what: text("what").notNull(),
    why: text("why").notNull(),
    /** When it will happen (a calendar date), if known. */
    plannedOn: text("planned_on"),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    givenBy: integer("given_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("notices_sub").on(t.subCoalitionId, t.createdAt, t.id), index("notices_coalition").on(t.coalitionId, t.createdAt), index("notices_agenda_item").on(t.agendaItemId)],
);

export type Notice = typeof notices.$inferSelect;
