import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES, INVITATION_KINDS } from "../../app/domain/vocabulary";

/**
 * People who act in the app. passwordHash is "scrypt$N$r$p$salt$hash" (base64), null until
 * the person accepts an invitation. isDemo marks the seed's demo accounts.
 */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash"),
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  disabledAt: text("disabled_at"),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * A role held by a person: facilitator of a table, representative or counsel of a partner,
 * lead of an affiliate. A person may hold several. Revoking keeps the row.
 */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    coalitionId: integer("coalition_id"),
    partnerId: integer("partner_id"),
    affiliateId: integer("affiliate_id"),
    grantedBy: integer("granted_by").references(() => users.id),
    grantedAt: text("granted_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    revokedAt: text("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id),
  },
  (t) => [index("role_grants_user").on(t.userId), index("role_grants_coalition").on(t.coalitionId), index("role_grants_partner").on(t.partnerId), index("role_grants_affiliate").on(t.affiliateId)],
);

/**
 * A single-use link: an invitation to join with roles, or a password reset. Only the
 * SHA-256 of the token is stored; the link is shown once to the person who made it.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    kind: text("kind", { enum: INVITATION_KINDS }).notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** The grant the invitee receives (invitations), or null (resets). */
    role: text("role", { enum: ROLES }),
    coalitionId: integer("coalition_id"),
    partnerId: integer("partner_id"),
    affiliateId: integer("affiliate_id"),
    makeAdmin: integer("make_admin", { mode: "boolean" }).notNull().default(false),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    invitedBy: integer("invited_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("invitations_token").on(t.tokenHash), index("invitations_coalition").on(t.coalitionId)],
);

/** A signed-in browser. The cookie carries only the id; idle expiry is checked here. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    endedAt: text("ended_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Sign-in attempts, for throttling by email and by address. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: text("at").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
  },
  (t) => [index("login_attempts_email").on(t.email, t.at), index("login_attempts_ip").on(t.ip, t.at)],
);

export type User = typeof users.$inferSelect;
export type RoleGrant = typeof roleGrants.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Session = typeof sessions.$inferSelect;
