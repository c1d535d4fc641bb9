import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { agendaItems, agreements, agreementVersions, meetings } from "./meetings";
import { partners } from "./partners";
import { subCoalitions } from "./sub-coalitions";
import { users } from "./users";
import { PROPOSAL_STATUSES, SOURCE_KINDS } from "../../app/domain/vocabulary";

/**
 * Members write too (issue 17, part B): the shared questionnaire and its answers, members'
 * proposed agenda items and agreement changes, comments on candidates and sub-tables.
 *
 * A question of the table's candidate questionnaire. A table is one cycle at one level, so
 * its questions are the questionnaire of that cycle and level. `partnerId` null: the table's
 * own question (the facilitator writes it, or accepts a member's proposal, `proposedBy`);
 * set: that partner's own question, visible to the table and marked as the partner's.
 * A proposed question has no place in the questionnaire until accepted; a declined one keeps
 * the facilitator's reply.
 */
export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    /** Whose question: null for the table's, a partner for its own. */
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    /** The member that proposed a table question (null when the facilitator wrote it). */
    proposedBy: integer("proposed_by").references(() => partners.id, { onDelete: "set null" }),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull(),
    /** Order in the questionnaire (1..n over the table's and partners' accepted questions). */
    position: integer("position").notNull().default(0),
    text: text("text").notNull(),
    /** Why it was proposed (a member's proposal). */
    why: text("why"),
    /** The facilitator's answer to a declined proposal. */
    reply: text("reply"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [index("questions_coalition").on(t.coalitionId, t.status, t.position, t.id), index("questions_proposals").on(t.coalitionId, t.status, t.createdAt, t.id)],
);

/**
 * A candidate's answer to one question, with its source (rule F2): what a campaign gave the
 * table is `campaign` information; what it published is `public`, with the URL and the date
 * it was captured. One row per (question, candidate), replaced in place.
 */
export const questionAnswers = sqliteTable(
  "question_answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    /** The candidate's race: rule F2's key, and the grid's index. */
    raceId: integer("race_id").notNull(),
    body: text("body").notNull(),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("question_answers_unique").on(t.questionId, t.candidateId), index("question_answers_race").on(t.raceId, t.questionId), index("question_answers_candidate").on(t.candidateId)],
);

/**
 * An agenda item a member's representative proposes for the next meeting. The facilitator
 * accepts it onto a draft agenda (agendaItemId) or declines it with a reply.
 */
export const agendaProposals = sqliteTable(
  "agenda_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    /** The meeting it was proposed for (the next draft one when proposed), if any. */
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    why: text("why").notNull(),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull().default("proposed"),
    reply: text("reply"),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    proposedBy: integer("proposed_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
  },
  (t) => [index("agenda_proposals_coalition").on(t.coalitionId, t.status, t.createdAt, t.id), index("agenda_proposals_item").on(t.agendaItemId)],
);

/**
 * A member's proposed change to a sub-table agreement's text, against the version it read
 * (baseVersionId). Accepted, it becomes the next version (versionId), which members sign
 * again; declined, it keeps the facilitator's reply.
 */
export const agreementProposals = sqliteTable(
  "agreement_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subCoalitionId: integer("sub_coalition_id")
      .notNull()
      .references(() => subCoalitions.id, { onDelete: "cascade" }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    baseVersionId: integer("base_version_id")
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    decidesTogether: text("decides_together").notNull(),
    eachKeeps: text("each_keeps").notNull(),
    workAndCredit: text("work_and_credit").notNull(),
    actingAlone: text("acting_alone").notNull(),
    why: text("why").notNull(),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull().default("proposed"),
    reply: text("reply"),
    versionId: integer("version_id").references(() => agreementVersions.id, { onDelete: "set null" }),
    proposedBy: integer("proposed_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
  },
  (t) => [index("agreement_proposals_sub").on(t.subCoalitionId, t.createdAt, t.id)],
);

/**
 * A comment on a candidate or a sub-table, with its source like a note (rule F2): a campaign
 * comment about race R is withheld from R's independent-side viewers; a sub-table's comments
 * are read by its members and neutral staff. The author edits or deletes its own.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "cascade" }),
    subCoalitionId: integer("sub_coalition_id").references(() => subCoalitions.id, { onDelete: "cascade" }),
    raceId: integer("race_id").notNull(),
    /** The member the author speaks for (null: neutral staff). */
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    editedAt: text("edited_at"),
    deletedAt: text("deleted_at"),
  },
  (t) => [index("comments_candidate").on(t.candidateId, t.createdAt, t.id), index("comments_sub").on(t.subCoalitionId, t.createdAt, t.id)],
);

export type Question = typeof questions.$inferSelect;
export type QuestionAnswer = typeof questionAnswers.$inferSelect;
export type AgendaProposal = typeof agendaProposals.$inferSelect;
export type AgreementProposal = typeof agreementProposals.$inferSelect;
export type Comment = typeof comments.$inferSelect;
