import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { affiliates } from "./partners";
import { canvassPrograms, shifts, signups } from "./field-work";
import { users } from "./users";
import { MAIL_KINDS, MAIL_STATUSES, NOTIFICATION_KINDS, NOTIFY_MODES } from "../../app/domain/vocabulary";

/**
 * The outbox (issue 14): every message the app sends, as a persistent queue. Requests only
 * insert rows (in their own transaction); the queue worker (one process: scripts/serve.ts's
 * primary) claims due rows, sends them over SMTP, retries with backoff and dead-letters.
 * `dedupeKey` (unique) makes scheduling idempotent: a reminder scheduled twice is one row.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name").notNull().default(""),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** Extra headers as a JSON object (List-Unsubscribe, ...). */
    headers: text("headers").notNull().default("{}"),
    /** An iCalendar attachment (the confirmation's), or null. */
    ics: text("ics"),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** When the message is due (a reminder's time), then when to try again after a failure. */
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    /** The claim of the worker sending it (a random token) and when it was taken. */
    claimToken: text("claim_token"),
    claimedAt: text("claimed_at"),
    dedupeKey: text("dedupe_key"),
    /** The sign-up (or shift) the message is about, so a cancel can drop its pending reminders. */
    signupId: integer("signup_id"),
    shiftId: integer("shift_id"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_status_id").on(t.status, t.id),
    index("outbox_signup").on(t.signupId),
    uniqueIndex("outbox_dedupe").on(t.dedupeKey),
  ],
);

/**
 * A public shift page's share links: one per participating affiliate (a sign-up through it is
 * credited to that affiliate) and one plain link (affiliateId null: credits the host).
 */
export const shiftLinks = sqliteTable(
  "shift_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("shift_links_token").on(t.token), index("shift_links_shift").on(t.shiftId, t.affiliateId)],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type ShiftLink = typeof shiftLinks.$inferSelect;

/**
 * A person's notifications (issue 14): the in-app inbox. `emailedAt`: when it went out by
 * email (at once, or in a daily digest); null while it waits for the digest or is not mailed.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    coalitionId: integer("coalition_id"),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** A path in the app (no host). */
    link: text("link"),
    createdAt: text("created_at").notNull(),
    readAt: text("read_at"),
    emailedAt: text("emailed_at"),
    /** "digest": waiting for the next daily digest. */
    pending: text("pending"),
    /** A calendar entry that goes with it (a meeting's), as a whole VCALENDAR. */
    ics: text("ics"),
  },
  (t) => [index("notifications_user").on(t.userId, t.id), index("notifications_unread").on(t.userId, t.readAt), index("notifications_pending").on(t.pending, t.userId)],
);

/** A person's choice per kind of notification (no row: at once), and the secret of their one-click unsubscribe links. */
export const notificationPrefs = sqliteTable(
  "notification_prefs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    mode: text("mode", { enum: NOTIFY_MODES }).notNull(),
  },
  (t) => [uniqueIndex("notification_prefs_user_kind").on(t.userId, t.kind)],
);

/** One secret per person for the unsubscribe links in their mail (a link names the kind). */
export const unsubscribeTokens = sqliteTable(
  "unsubscribe_tokens",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
  },
  (t) => [uniqueIndex("unsubscribe_tokens_token").on(t.token)],
);

/**
 * When a person's daily digest goes out (issue 14): an hour in a time zone they choose (UTC
 * unless set), and the next instant it is due, kept so the worker finds due digests by index.
 */
export const digestSettings = sqliteTable(
  "digest_settings",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    hour: integer("hour").notNull().default(12),
    timeZone: text("time_zone").notNull().default("UTC"),
    /** The next time the digest is due (UTC); advanced by a day each time it is looked at. */
    nextAt: text("next_at").notNull(),
  },
  (t) => [index("digest_settings_next").on(t.nextAt)],
);

/** More single-use cancel links of a sign-up (a reminder's), besides the confirmation's (signups.cancelTokenHash). */
export const signupTokens = sqliteTable(
  "signup_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    signupId: integer("signup_id")
      .notNull()
      .references(() => signups.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("signup_tokens_hash").on(t.tokenHash), index("signup_tokens_signup").on(t.signupId)],
);

export type Notification = typeof notifications.$inferSelect;

/**
 * A program's public event page links (issue 14): the page lists the program's upcoming
 * published shifts. One plain link (affiliateId null: each shift's sign-ups credit its host) and
 * one per participating affiliate that recruits (its sign-ups credit that affiliate, through
 * that affiliate's share link of each shift). Made when a shift of the program is published.
 */
export const programLinks = sqliteTable(
  "program_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => canvassPrograms.id, { onDelete: "cascade" }),
    affiliateId: integer("affiliate_id").references(() => affiliates.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("program_links_token").on(t.token), index("program_links_program").on(t.programId, t.affiliateId)],
);
export type ProgramLink = typeof programLinks.$inferSelect;
