import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { affiliates } from "./partners";
import { races } from "./races";
import { subCoalitions } from "./sub-coalitions";
import { users } from "./users";
import { WORK_TYPES, WORK_SIDES, MATERIAL_KINDS, TURF_KINDS, HOST_KINDS, SOURCE_KINDS, SIGNUP_SOURCES, UNIT_DISTRICT_KINDS } from "../../app/domain/vocabulary";

/** A sub-table's joint field plan for its candidate. Dates are calendar dates in the race's zone. */
export const canvassPrograms = sqliteTable(
  "canvass_programs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    subCoalitionId: integer("sub_coalition_id")
      .notNull()
      .references(() => subCoalitions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    /** The side the program's work is on (independent unless a coordinated member runs it). */
    side: text("side", { enum: WORK_SIDES }).notNull().default("independent"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("canvass_programs_sub").on(t.subCoalitionId),
    index("canvass_programs_coalition").on(t.coalitionId),
    check("canvass_programs_dates", sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/** A program's goal for one work type: doors, calls, texts or events. */
export const programGoals = sqliteTable(
  "program_goals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    workType: text("work_type", { enum: WORK_TYPES }).notNull(),
    target: integer("target").notNull(),
  },
  (t) => [uniqueIndex("program_goals_unique").on(t.programId, t.workType), check("program_goals_target", sql`${t.target} >= 0`)],
);

/**
 * Scripts, talking points and literature of a program. Each carries its information source
 * (firewall rule F2): campaign-provided talking points never reach independent-side users.
 */
export const programMaterials = sqliteTable(
  "program_materials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MATERIAL_KINDS }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("program_materials_program").on(t.programId)],
);

/**
 * A piece of the universe: a walk packet (doors), a call-list chunk or a text-list chunk
 * (numbers). Only the unit and its size: no voter names or numbers are stored.
 */
export const turfUnits = sqliteTable(
  "turf_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    /** The unit's own id from the file it came from (unique within the program). */
    code: text("code").notNull(),
    kind: text("kind", { enum: TURF_KINDS }).notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    state: text("state").notNull(),
    /** The unit's district as its race's level names it: see districtKind. */
    district: text("district").notNull(),
    /** Issue 13: which district `district` is (congressional, a chamber's, a ward of `locality`, a county's). */
    districtKind: text("district_kind", { enum: UNIT_DISTRICT_KINDS }).notNull().default("congressional"),
    /** Issue 13: the city of a ward unit. */
    locality: text("locality"),
    county: text("county").notNull(),
    precinct: text("precinct"),
    /** Issue 13: a call or text list kept for local callers (coverage applies as for doors); doors always are. */
    localOnly: integer("local_only", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("turf_units_code").on(t.programId, t.code),
    index("turf_units_area").on(t.state, t.district, t.county),
    check("turf_units_size", sql`${t.size} >= 0`),
  ],
);

/**
 * Which affiliate holds a turf unit. The unique index on turfUnitId is the database's
 * guarantee that no unit is held twice. locked: moved or pinned by hand; a re-split keeps it.
 */
export const turfAssignments = sqliteTable(
  "turf_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    turfUnitId: integer("turf_unit_id")
      .notNull()
      .references(() => turfUnits.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    locked: integer("locked", { mode: "boolean" }).notNull().default(false),
    assignedBy: integer("assigned_by").references(() => users.id),
    assignedAt: text("assigned_at").notNull(),
  },
  (t) => [uniqueIndex("turf_assignments_unit").on(t.turfUnitId), index("turf_assignments_affiliate").on(t.affiliateId)],
);

/** An affiliate's pledge of volunteer hours for one work type in one week (weekStart: a Monday). */
export const pledges = sqliteTable(
  "pledges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    workType: text("work_type", { enum: WORK_TYPES }).notNull(),
    weekStart: text("week_start").notNull(),
    hours: real("hours").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("pledges_unique").on(t.programId, t.affiliateId, t.workType, t.weekStart), index("pledges_affiliate_week").on(t.affiliateId, t.weekStart), check("pledges_hours", sql`${t.hours} >= 0`)],
);

/** A scheduled block of work. Times are UTC instants; the race's time zone is used to show them. */
export const shifts = sqliteTable(
  "shifts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    workType: text("work_type", { enum: WORK_TYPES }).notNull(),
    title: text("title").notNull().default(""),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    location: text("location"),
    callLink: text("call_link"),
    hostKind: text("host_kind", { enum: HOST_KINDS }).notNull().default("affiliate"),
    hostAffiliateId: integer("host_affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    /** The campaign host's name (a field office) when hostKind is campaign. */
    campaignHost: text("campaign_host"),
    side: text("side", { enum: WORK_SIDES }).notNull().default("independent"),
    capacity: integer("capacity").notNull(),
    notes: text("notes").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    cancelledAt: text("cancelled_at"),
    /** When the hosts published it to a public page (issue 14); null: not public. */
    publishedAt: text("published_at"),
    /** Reminders to the people signed up, 24 hours and 2 hours before (the hosts may turn them off). */
    remind24h: integer("remind_24h", { mode: "boolean" }).notNull().default(true),
    remind2h: integer("remind_2h", { mode: "boolean" }).notNull().default(true),
    /** Shifts made together by one "repeat" form share a series id (the first shift's id); null: made alone. */
    seriesId: integer("series_id"),
  },
  (t) => [
    index("shifts_program_start").on(t.programId, t.startsAt),
    index("shifts_series").on(t.seriesId, t.startsAt),
    // the reminder scheduler's window: shifts starting within the next day
    index("shifts_start").on(t.startsAt),
    // an affiliate's shifts in time order (my affiliate, its calendar feed)
    index("shifts_host_start").on(t.hostAffiliateId, t.startsAt),
    check("shifts_order", sql`${t.endsAt} > ${t.startsAt}`),
    check("shifts_capacity", sql`${t.capacity} between 1 and 10000`),
  ],
);

/** Co-host affiliates of a joint shift: they may edit it, not delete it. */
export const shiftCoHosts = sqliteTable(
  "shift_co_hosts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("shift_co_hosts_unique").on(t.shiftId, t.affiliateId), index("shift_co_hosts_affiliate").on(t.affiliateId)],
);

/** The turf units a shift works. */
export const shiftTurf = sqliteTable(
  "shift_turf",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    turfUnitId: integer("turf_unit_id")
      .notNull()
      .references(() => turfUnits.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("shift_turf_unique").on(t.shiftId, t.turfUnitId), index("shift_turf_unit").on(t.turfUnitId)],
);

/** A volunteer signed up for a shift, credited to the affiliate that recruited them. */
export const signups = sqliteTable(
  "signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    volunteerName: text("volunteer_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    recruitedByAffiliateId: integer("recruited_by_affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    /** The lead who typed it in; null for a volunteer's own sign-up on a public page. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull(),
    cancelledAt: text("cancelled_at"),
    /** null until attendance is taken after the shift. */
    attended: integer("attended", { mode: "boolean" }),
    source: text("source", { enum: SIGNUP_SOURCES }).notNull().default("lead"),
    /** SHA-256 of the volunteer's single-use cancel link (public sign-ups). */
    cancelTokenHash: text("cancel_token_hash"),
    /** Held for the recruiting lead's review: the wall roster matched (F3/F4). Shown only to the lead and counsel. */
    holdReason: text("hold_reason"),
  },
  (t) => [
    index("signups_shift").on(t.shiftId),
    index("signups_affiliate").on(t.recruitedByAffiliateId),
    uniqueIndex("signups_cancel_token").on(t.cancelTokenHash),
    // the per-address limit on public sign-ups
    index("signups_email_created").on(t.email, t.createdAt),
  ],
);

/** What a shift achieved, per participating affiliate. */
export const shiftResults = sqliteTable(
  "shift_results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    doorsKnocked: integer("doors_knocked").notNull().default(0),
    conversations: integer("conversations").notNull().default(0),
    callsDialed: integer("calls_dialed").notNull().default(0),
    contactsMade: integer("contacts_made").notNull().default(0),
    textsSent: integer("texts_sent").notNull().default(0),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("shift_results_unique").on(t.shiftId, t.affiliateId)],
);

/** A revocable token behind a subscribable iCalendar URL (only its SHA-256 is stored). */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    scope: text("scope", { enum: ["affiliate", "program"] }).notNull(),
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    programId: integer("program_id").references(() => canvassPrograms.id, { onDelete: "cascade" }),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("calendar_feeds_token").on(t.tokenHash)],
);

export type CanvassProgram = typeof canvassPrograms.$inferSelect;
export type ProgramGoal = typeof programGoals.$inferSelect;
export type ProgramMaterial = typeof programMaterials.$inferSelect;
export type TurfUnit = typeof turfUnits.$inferSelect;
export type TurfAssignment = typeof turfAssignments.$inferSelect;
export type Pledge = typeof pledges.$inferSelect;
export type Shift = typeof shifts.$inferSelect;
export type ShiftCoHost = typeof shiftCoHosts.$inferSelect;
export type Signup = typeof signups.$inferSelect;
export type ShiftResult = typeof shiftResults.$inferSelect;
export type CalendarFeed = typeof calendarFeeds.$inferSelect;

/**
 * The stored split of a program's turf (issue 11): what the program page shows, written by
 * `resplit` (app/models/split.server.ts) in the transaction of the change that calls for it
 * (a pledge, an import or edit of units, a move or lock, a re-split), so a GET only reads it.
 * One row per program that has been split. `staleSince`: when an input changed outside the
 * program (an affiliate's coverage, a partner joining or leaving the sub-table, an affiliate
 * added); the page then says the split is out of date until the next re-split clears it.
 */
export const programSplits = sqliteTable("program_splits", {
  programId: integer("program_id")
    .primaryKey()
    .references(() => canvassPrograms.id, { onDelete: "cascade" }),
  totalUnits: integer("total_units").notNull(),
  assigned: integer("assigned").notNull(),
  locked: integer("locked").notNull(),
  uncovered: integer("uncovered").notNull(),
  /** Units shared among covering affiliates that pledged nothing, because none covering them did. */
  unpledged: integer("unpledged").notNull(),
  shares: integer("shares").notNull(),
  computedAt: text("computed_at").notNull(),
  computedBy: integer("computed_by").references(() => users.id),
  staleSince: text("stale_since"),
  staleReason: text("stale_reason"),
});

/** Each affiliate's share of one kind of unit in a program's stored split (`splitTurf`'s shares). */
export const splitShares = sqliteTable(
  "split_shares",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TURF_KINDS }).notNull(),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    hours: real("hours").notNull(),
    /** Percent of the hours pledged for this kind's work type in the program. */
    pledgePercent: real("pledge_percent").notNull(),
    ideal: real("ideal").notNull(),
    target: integer("target").notNull(),
    units: integer("units").notNull(),
    size: integer("size").notNull(),
    locked: integer("locked").notNull(),
  },
  (t) => [uniqueIndex("split_shares_key").on(t.programId, t.kind, t.affiliateId), index("split_shares_affiliate").on(t.affiliateId)],
);

/** The units of a program no affiliate's coverage contains, as of its stored split (code kept for paging by code). */
export const splitUncovered = sqliteTable(
  "split_uncovered",
  {
    turfUnitId: integer("turf_unit_id")
      .primaryKey()
      .references(() => turfUnits.id, { onDelete: "cascade" }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
  },
  (t) => [uniqueIndex("split_uncovered_code").on(t.programId, t.code)],
);

export type ProgramSplit = typeof programSplits.$inferSelect;
export type SplitShareRow = typeof splitShares.$inferSelect;
