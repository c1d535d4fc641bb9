import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { affiliates, partners } from "./partners";
import { races } from "./races";
import { subCoalitions } from "./sub-coalitions";
import { users } from "./users";
import { MEETING_KINDS, AGENDA_STATUSES, ACTION_STATUSES, SOURCE_KINDS } from "../../app/domain/vocabulary";

/** The facilitator's desk: meetings, agendas, notes, decisions, action items, agreements. */

/**
 * A meeting of a table or of one of its sub-tables. startsAt is a UTC instant; timeZone is
 * the IANA zone it is shown in (the race's, or the one the facilitator picked).
 */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    subCoalitionId: integer("sub_coalition_id").references(() => subCoalitions.id, { onDelete: "cascade" }),
    /** For a candidate interview: the candidate. */
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MEETING_KINDS }).notNull(),
    title: text("title").notNull(),
    startsAt: text("starts_at").notNull(),
    timeZone: text("time_zone").notNull(),
    location: text("location"),
    agendaStatus: text("agenda_status", { enum: AGENDA_STATUSES }).notNull().default("draft"),
    publishedAt: text("published_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("meetings_coalition_start").on(t.coalitionId, t.startsAt), index("meetings_sub").on(t.subCoalitionId)],
);

/**
 * Who is invited: a partner or one of its affiliates (exactly one of the two). attended is
 * null until attendance is taken, then true or false: the invitation row is the attendance row.
 */
export const meetingInvitees = sqliteTable(
  "meeting_invitees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    attended: integer("attended", { mode: "boolean" }),
  },
  (t) => [
    uniqueIndex("meeting_invitees_partner").on(t.meetingId, t.partnerId).where(sql`partner_id is not null`),
    uniqueIndex("meeting_invitees_affiliate").on(t.meetingId, t.affiliateId).where(sql`affiliate_id is not null`),
    check("meeting_invitees_one", sql`(${t.partnerId} is null) <> (${t.affiliateId} is null)`),
  ],
);

/** One item of a meeting's agenda, in order; optionally about a race or a candidate. */
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    raceId: integer("race_id").references(() => races.id, { onDelete: "set null" }),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId, t.position)],
);

/** A note taken on an agenda item, with its information source (firewall rule F2). */
export const agendaNotes = sqliteTable(
  "agenda_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("agenda_notes_item").on(t.agendaItemId)],
);

/** A decision recorded at a meeting (nothing binds a partner: it records who took part). */
export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("decisions_meeting").on(t.meetingId)],
);

/** The partners that took part in a decision. */
export const decisionPartners = sqliteTable(
  "decision_partners",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("decision_partners_unique").on(t.decisionId, t.partnerId)],
);

/** An action item with one owner (a partner or an affiliate) and a due date (a calendar date). */
export const actionItems = sqliteTable(
  "action_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    ownerPartnerId: integer("owner_partner_id").references(() => partners.id, { onDelete: "cascade" }),
    ownerAffiliateId: integer("owner_affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    statusChangedAt: text("status_changed_at"),
    statusChangedBy: integer("status_changed_by").references(() => users.id),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    /** When its owner's people were told it is overdue (issue 14): once per item. */
    overdueNotifiedAt: text("overdue_notified_at"),
  },
  (t) => [
    index("action_items_meeting").on(t.meetingId),
    index("action_items_overdue").on(t.overdueNotifiedAt, t.status, t.dueDate),
    index("action_items_status_due").on(t.status, t.dueDate),
    check("action_items_one_owner", sql`(${t.ownerPartnerId} is null) <> (${t.ownerAffiliateId} is null)`),
  ],
);

/** A sub-table's written agreement; its text lives in versions. */
export const agreements = sqliteTable(
  "agreements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subCoalitionId: integer("sub_coalition_id")
      .notNull()
      .references(() => subCoalitions.id, { onDelete: "cascade" }),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("agreements_sub").on(t.subCoalitionId)],
);

/** One version of an agreement: what the members decide together, keep, share, and what happens on solo action. */
export const agreementVersions = sqliteTable(
  "agreement_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    decidesTogether: text("decides_together").notNull(),
    eachKeeps: text("each_keeps").notNull(),
    workAndCredit: text("work_and_credit").notNull(),
    actingAlone: text("acting_alone").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("agreement_versions_unique").on(t.agreementId, t.version)],
);

/** A member partner's sign-off on one version. */
export const agreementSignoffs = sqliteTable(
  "agreement_signoffs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    signedBy: integer("signed_by")
      .notNull()
      .references(() => users.id),
    signedAt: text("signed_at").notNull(),
  },
  (t) => [uniqueIndex("agreement_signoffs_unique").on(t.versionId, t.partnerId)],
);

export type Meeting = typeof meetings.$inferSelect;
export type MeetingInvitee = typeof meetingInvitees.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type AgendaNote = typeof agendaNotes.$inferSelect;
export type MeetingDecision = typeof decisions.$inferSelect;
export type ActionItem = typeof actionItems.$inferSelect;
export type Agreement = typeof agreements.$inferSelect;
export type AgreementVersion = typeof agreementVersions.$inferSelect;
export type AgreementSignoff = typeof agreementSignoffs.$inferSelect;
