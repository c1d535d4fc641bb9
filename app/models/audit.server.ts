import { createHash } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lte, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, auditLog, roleGrants, users, type AuditRow } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { toCsv } from "~/domain/csv";

export const GENESIS_HASH = "0".repeat(64);

export type AuditEntry = {
  action: string;
  decision: "allow" | "deny" | "info";
  rule?: string | null;
  partnerId?: number | null;
  raceId?: number | null;
  subjectType?: string | null;
  subjectId?: number | null;
  detail?: string;
};

type Tx = Pick<Db, "select" | "insert">;

function rowHash(prevHash: string, row: Omit<AuditRow, "id" | "hash" | "prevHash">): string {
  const canonical = JSON.stringify([
    row.at,
    row.actorId,
    row.action,
    row.decision,
    row.rule,
    row.partnerId,
    row.raceId,
    row.subjectType,
    row.subjectId,
    row.detail,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/**
 * Appends one row to the audit log, chained to the previous row's hash. Call it inside the
 * transaction of the action it records so the two land or fail together.
 */
export function appendAudit(tx: Tx, actor: Actor | null, entry: AuditEntry, now: Date = new Date()): AuditRow {
  const last = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: now.toISOString(),
    actorId: actor?.id ?? null,
    action: entry.action,
    decision: entry.decision,
    rule: entry.rule ?? null,
    partnerId: entry.partnerId ?? null,
    raceId: entry.raceId ?? null,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? "",
  };
  return tx
    .insert(auditLog)
    .values({ ...row, prevHash, hash: rowHash(prevHash, row) })
    .returning()
    .get();
}

/** Walks the chain; returns the id of the first row whose hash or link does not hold. */
export function verifyAuditChain(db: Db): { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string } {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of db.select().from(auditLog).orderBy(asc(auditLog.id)).all()) {
    count++;
    if (row.prevHash !== prev) return { ok: false, rows: count, brokenAt: row.id, reason: "link to the previous row does not match" };
    const { id: _id, hash, prevHash, ...rest } = row;
    if (rowHash(prevHash, rest) !== hash) return { ok: false, rows: count, brokenAt: row.id, reason: "row content does not match its hash" };
    prev = hash;
  }
  return { ok: true, rows: count };
}

// every read takes the viewer; this one (tests and scripts) does not ask it
export function listAudit(db: Db, _viewer: Viewer, { limit = 100 }: { limit?: number } = {}): AuditRow[] {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}

export type AuditFilter = {
  partnerId: number;
  personId?: number | null;
  raceId?: number | null;
  from?: string | null;
  to?: string | null;
  limit?: number;
};

/**
 * A member's audit trail for its counsel: rows about the member, and rows by anyone who
 * holds or held a role for it, filtered by person, race and date range (inclusive days, UTC).
 */
// the guard (memberAuditAccess) has checked the viewer is the member's counsel
export function listMemberAudit(db: Db, _viewer: Viewer, input: AuditFilter) {
  const filter = input;
  const people = db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .where(or(eq(roleGrants.partnerId, filter.partnerId), eq(affiliates.partnerId, filter.partnerId)))
    .all()
    .map((r) => r.userId);
  const q = db
    .select({ row: auditLog, actorName: users.name, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        people.length ? or(eq(auditLog.partnerId, filter.partnerId), inArray(auditLog.actorId, people)) : eq(auditLog.partnerId, filter.partnerId),
        filter.personId ? eq(auditLog.actorId, filter.personId) : undefined,
        filter.raceId ? eq(auditLog.raceId, filter.raceId) : undefined,
        filter.from ? gte(auditLog.at, `${filter.from}T00:00:00.000Z`) : undefined,
        filter.to ? lte(auditLog.at, `${filter.to}T23:59:59.999Z`) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id));
  const rows = (filter.limit ? q.limit(filter.limit) : q).all();
  return rows.map((r) => ({ ...r.row, actorName: r.actorName, actorEmail: r.actorEmail }));
}

/** The people who act or acted for a member (for the person filter). */
// every read takes the viewer; a member's people are names and emails, not campaign information
export function memberPeople(db: Db, _viewer: Viewer, { partnerId }: { partnerId: number }) {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .where(or(eq(roleGrants.partnerId, partnerId), eq(affiliates.partnerId, partnerId)))
    .orderBy(asc(users.name))
    .all();
}

export function auditCsv(rows: ReturnType<typeof listMemberAudit>): string {
  return toCsv(
    ["id", "at", "person", "email", "action", "decision", "rule", "partner_id", "race_id", "subject", "detail", "hash"],
    rows.map((r) => [r.id, r.at, r.actorName, r.actorEmail, r.action, r.decision, r.rule, r.partnerId, r.raceId, r.subjectType ? `${r.subjectType}:${r.subjectId}` : "", r.detail, r.hash]),
  );
}
