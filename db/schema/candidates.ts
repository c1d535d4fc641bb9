import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { races } from "./races";
import { users } from "./users";
import { INCUMBENCY, SOURCE_KINDS, PROFILE_ITEM_KINDS } from "../../app/domain/vocabulary";

/**
 * A person running in a race, with the identity part of the profile. Name, party and
 * incumbency are public facts; website and social links are public addresses (public-only
 * by rule); the bio carries its information source (rule F2).
 */
export const candidates = sqliteTable(
  "candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    party: text("party").notNull(),
    incumbency: text("incumbency", { enum: INCUMBENCY }).notNull(),
    bio: text("bio").notNull().default(""),
    /** Where the bio came from (rule F2), like a profile item's source; existing bios are the table's own research. */
    bioSourceKind: text("bio_source_kind", { enum: SOURCE_KINDS }).notNull().default("research"),
    bioSourceUrl: text("bio_source_url"),
    bioCapturedAt: text("bio_captured_at"),
    /** Public-only by rule: the candidate's public addresses (campaign information goes in a note with its source). */
    website: text("website"),
    socialLinks: text("social_links").notNull().default(""),
    /** The person behind the candidacy (issue 16): one person's candidacies across races and cycles. */
    personId: integer("person_id").references((): AnySQLiteColumn => people.id, { onDelete: "set null" }),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("candidates_race").on(t.raceId), index("candidates_person").on(t.personId), index("candidates_name_lower").on(sql`lower(${t.name})`)],
);

/** A person who runs, or ran, for office: the candidacies that link to it are one person's (issue 16). */
export const people = sqliteTable("people", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * A note or figure on a candidate's profile. Every one carries its information source
 * (firewall rule F2): public (URL and when it was captured), campaign, or research.
 */
export const profileItems = sqliteTable(
  "profile_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: PROFILE_ITEM_KINDS }).notNull(),
    topic: text("topic"),
    body: text("body").notNull().default(""),
    raised: integer("raised"),
    cashOnHand: integer("cash_on_hand"),
    asOf: text("as_of"),
    pollster: text("pollster"),
    pollShare: real("poll_share"),
    sourceKind: text("source_kind", { enum: SOURCE_KINDS }).notNull(),
    sourceUrl: text("source_url"),
    capturedAt: text("captured_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    removedAt: text("removed_at"),
  },
  (t) => [index("profile_items_candidate").on(t.candidateId, t.kind)],
);

/** The profile's edit history: one row per change, with what it was and what it became. */
export const profileRevisions = sqliteTable(
  "profile_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    summary: text("summary").notNull(),
    before: text("before"),
    after: text("after"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("profile_revisions_candidate").on(t.candidateId, t.id)],
);

export type Candidate = typeof candidates.$inferSelect;
export type Person = typeof people.$inferSelect;
export type ProfileItem = typeof profileItems.$inferSelect;
export type ProfileRevision = typeof profileRevisions.$inferSelect;
