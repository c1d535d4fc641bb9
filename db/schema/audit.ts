import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Firewall decisions and other audited events, append-only, chained by hashes:
 * each row's hash covers its content and the previous row's hash (rule F10).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorId: integer("actor_id"),
    action: text("action").notNull(),
    decision: text("decision", { enum: ["allow", "deny", "info"] }).notNull(),
    rule: text("rule"),
    partnerId: integer("partner_id"),
    raceId: integer("race_id"),
    subjectType: text("subject_type"),
    subjectId: integer("subject_id"),
    detail: text("detail").notNull().default(""),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  // the member's trail reads by partner and by each of its people, newest first (issue 11)
  (t) => [index("audit_log_partner").on(t.partnerId, t.at), index("audit_log_race").on(t.raceId, t.at), index("audit_log_actor").on(t.actorId, t.at)],
);

export type AuditRow = typeof auditLog.$inferSelect;
