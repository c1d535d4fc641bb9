import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { candidates } from "./candidates";
import { coalitions } from "./coalitions";
import { partners } from "./partners";
import { races } from "./races";
import { users } from "./users";
import { ACCOUNTS, SIDES, WALL_REASONS, OVERRIDE_SCOPES } from "../../app/domain/vocabulary";

/**
 * A member's side in one race for one account, set by its counsel where the law allows it
 * (a PAC choosing to coordinate). No row: the default of its legal type.
 */
export const raceSides = sqliteTable(
  "race_sides",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    account: text("account", { enum: ACCOUNTS }).notNull().default("main"),
    side: text("side", { enum: SIDES }).notNull(),
    reason: text("reason").notNull().default(""),
    setBy: integer("set_by")
      .notNull()
      .references(() => users.id),
    setAt: text("set_at").notNull(),
  },
  (t) => [uniqueIndex("race_sides_unique").on(t.partnerId, t.raceId, t.account), index("race_sides_race").on(t.raceId)],
);

/** A member's written firewall policy; each new version voids earlier acknowledgments (F6). */
export const firewallPolicies = sqliteTable(
  "firewall_policies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** The name of an uploaded file whose text became the body, if it was uploaded. */
    fileName: text("file_name"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("firewall_policies_version").on(t.partnerId, t.version)],
);

export const policyAcknowledgments = sqliteTable(
  "policy_acknowledgments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    policyId: integer("policy_id")
      .notNull()
      .references(() => firewallPolicies.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("policy_acknowledgments_unique").on(t.policyId, t.userId)],
);

/** A contact with a campaign (F3). plansOrNeeds: the campaign's plans, projects or needs were discussed. */
export const campaignContacts = sqliteTable(
  "campaign_contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    contactDate: text("contact_date").notNull(),
    topic: text("topic").notNull(),
    plansOrNeeds: integer("plans_or_needs", { mode: "boolean" }).notNull(),
    campaignPeople: text("campaign_people").notNull().default(""),
    notes: text("notes").notNull().default(""),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("campaign_contacts_race").on(t.raceId, t.contactDate)],
);

/** Who was present at a campaign contact: a person in the app, or a name and email. */
export const campaignContactAttendees = sqliteTable(
  "campaign_contact_attendees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => campaignContacts.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    name: text("name").notNull(),
    email: text("email"),
  },
  (t) => [index("campaign_contact_attendees_contact").on(t.contactId)],
);

/**
 * The wall roster (F3, F4): a person barred from independent-side work. Service for a
 * candidate walls that race until 120 days after the last date of service; party committee
 * service walls every race; a campaign contact with plans or needs walls its race until the
 * general election (untilDate). lastServiceDate null: still serving.
 */
export const walls = sqliteTable(
  "walls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    /** The member whose counsel keeps the entry; null for a wall made by a campaign contact. */
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    personName: text("person_name").notNull(),
    email: text("email"),
    reason: text("reason", { enum: WALL_REASONS }).notNull(),
    /** The race walled; null for party service (every race). */
    raceId: integer("race_id").references(() => races.id, { onDelete: "cascade" }),
    servedFor: text("served_for").notNull().default(""),
    startDate: text("start_date").notNull(),
    lastServiceDate: text("last_service_date"),
    untilDate: text("until_date"),
    evidence: text("evidence").notNull().default(""),
    contactId: integer("contact_id").references(() => campaignContacts.id, { onDelete: "cascade" }),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("walls_coalition").on(t.coalitionId),
    index("walls_partner").on(t.partnerId),
    index("walls_user").on(t.userId),
    index("walls_email").on(t.email),
    check("walls_order", sql`${t.lastServiceDate} is null or ${t.lastServiceDate} >= ${t.startDate}`),
  ],
);

/** A vendor members use (F5), with its written firewall policy when one is on file. */
export const vendors = sqliteTable(
  "vendors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coalitionId: integer("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    services: text("services").notNull().default(""),
    policyOnFileAt: text("policy_on_file_at"),
    policyNote: text("policy_note").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("vendors_name").on(t.coalitionId, t.name)],
);

/** A candidate or party committee a vendor served, and when. */
export const vendorClients = sqliteTable(
  "vendor_clients",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["candidate", "party"] }).notNull(),
    raceId: integer("race_id").references(() => races.id, { onDelete: "cascade" }),
    servedFor: text("served_for").notNull(),
    startDate: text("start_date").notNull(),
    lastServiceDate: text("last_service_date"),
  },
  (t) => [index("vendor_clients_vendor").on(t.vendorId), check("vendor_clients_order", sql`${t.lastServiceDate} is null or ${t.lastServiceDate} >= ${t.startDate}`)],
);

/** A member's use of a vendor in a race from a date: refused without the vendor's policy when F5 asks for it. */
export const vendorUses = sqliteTable(
  "vendor_uses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    useDate: text("use_date").notNull(),
    purpose: text("purpose").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("vendor_uses_vendor").on(t.vendorId)],
);

/**
 * A counsel override of a refusal (F9): for one member, one rule, one race, optionally one
 * subject (a shift, a wall entry, a vendor), until an expiry date. It takes effect once it
 * has requiredApprovals distinct counsel approvals of that member (two for a joint canvass
 * with a campaign).
 */
export const firewallOverrides = sqliteTable(
  "firewall_overrides",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    rule: text("rule").notNull(),
    scope: text("scope", { enum: OVERRIDE_SCOPES }).notNull(),
    raceId: integer("race_id")
      .notNull()
      .references(() => races.id, { onDelete: "cascade" }),
    subjectType: text("subject_type"),
    subjectId: integer("subject_id"),
    reason: text("reason").notNull(),
    expiresOn: text("expires_on").notNull(),
    requiredApprovals: integer("required_approvals").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id),
  },
  (t) => [index("firewall_overrides_race").on(t.partnerId, t.raceId), check("firewall_overrides_approvals", sql`${t.requiredApprovals} between 1 and 2`)],
);

export const overrideApprovals = sqliteTable(
  "override_approvals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    overrideId: integer("override_id")
      .notNull()
      .references(() => firewallOverrides.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("override_approvals_unique").on(t.overrideId, t.userId)],
);

export type RaceSide = typeof raceSides.$inferSelect;
export type FirewallPolicy = typeof firewallPolicies.$inferSelect;
export type PolicyAcknowledgment = typeof policyAcknowledgments.$inferSelect;
export type CampaignContact = typeof campaignContacts.$inferSelect;
export type CampaignContactAttendee = typeof campaignContactAttendees.$inferSelect;
export type Wall = typeof walls.$inferSelect;
export type Vendor = typeof vendors.$inferSelect;
export type VendorClient = typeof vendorClients.$inferSelect;
export type VendorUse = typeof vendorUses.$inferSelect;
export type FirewallOverride = typeof firewallOverrides.$inferSelect;
export type OverrideApproval = typeof overrideApprovals.$inferSelect;

/**
 * A hybrid PAC's person dedicated by counsel to one of its two accounts (issue 18): the
 * contribution account (which may coordinate) or the non-contribution, independent-expenditure
 * account. Such a person stands on that account's side only; a person with no row stands on
 * both, and is walled by the more restrictive one. One row per member and person; the change
 * is audited.
 */
export const accountDedications = sqliteTable(
  "account_dedications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    account: text("account", { enum: ACCOUNTS }).notNull(),
    reason: text("reason").notNull().default(""),
    setBy: integer("set_by")
      .notNull()
      .references(() => users.id),
    setAt: text("set_at").notNull(),
  },
  (t) => [uniqueIndex("account_dedications_person").on(t.userId, t.partnerId), index("account_dedications_partner").on(t.partnerId)],
);
export type AccountDedication = typeof accountDedications.$inferSelect;
