import { createHash } from "node:crypto";
import { asc, desc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, type AuditRow } from "../../db/schema";
import type { Actor } from "~/domain/actor";

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

export function listAudit(db: Db, limit = 100): AuditRow[] {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}
