import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LEGAL_TYPES, COVERAGE_KINDS } from "../../app/domain/vocabulary";

/** A national member organization. */
export const partners = sqliteTable("partners", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  shortName: text("short_name").notNull().unique(),
  legalType: text("legal_type", { enum: LEGAL_TYPES }).notNull(),
  website: text("website"),
  contactName: text("contact_name"),
  contactEmail: text("contact_email"),
  /** Issue 13: a regional ally, an organization at no table and of no partner, invited into a sub-table's program. Never seated (coalition_partners), so it never counts toward critical mass. */
  ally: integer("ally", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** A state or local chapter of a partner. legalType null means "inherits the partner's". */
export const affiliates = sqliteTable(
  "affiliates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    state: text("state").notNull(),
    legalType: text("legal_type", { enum: LEGAL_TYPES }),
    leadName: text("lead_name"),
    leadContact: text("lead_contact"),
    /** Issue 13: the partner's national office, through which its national staff host and pledge as the partner itself (one per partner, no coverage). */
    national: integer("national", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("affiliates_partner_name").on(t.partnerId, t.name),
    index("affiliates_state").on(t.state),
    uniqueIndex("affiliates_national_office").on(t.partnerId).where(sql`${t.national} = 1`),
  ],
);

/**
 * The geography an affiliate covers, each in a state: the whole state, congressional districts,
 * state-legislative districts by chamber, counties, cities, wards of a city (issue 13). `value`
 * is what people read (a district, a county, a city, a ward); `locality` the city of a ward;
 * `areaKey` the normalized key containment matches on (`coverageKey` in app/domain/coverage.ts).
 */
export const affiliateCoverage = sqliteTable(
  "affiliate_coverage",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    affiliateId: integer("affiliate_id")
      .notNull()
      .references(() => affiliates.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    kind: text("kind", { enum: COVERAGE_KINDS }).notNull(),
    value: text("value").notNull(),
    locality: text("locality"),
    areaKey: text("area_key").notNull().default(""),
  },
  (t) => [
    uniqueIndex("affiliate_coverage_unique_key").on(t.affiliateId, t.state, t.kind, t.areaKey),
    index("affiliate_coverage_area_key").on(t.state, t.kind, t.areaKey),
  ],
);

export type Partner = typeof partners.$inferSelect;
export type Affiliate = typeof affiliates.$inferSelect;
export type AffiliateCoverage = typeof affiliateCoverage.$inferSelect;
