import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, type OutboxRow } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { retryDelayMs, type OutgoingMail } from "~/domain/mail";
import { BASE } from "~/domain/notifications";
import { appendAudit } from "./audit.server";
import type { MailStatus } from "~/domain/vocabulary";

/**
 * The outbox (issue 14): a persistent queue of mail in the database. A request enqueues in
 * its own transaction (nothing is sent inside it); the queue worker (mail-queue.server.ts, in
 * one process) claims due rows with one UPDATE ... RETURNING (atomic in SQLite: two workers
 * never claim the same row), sends, then marks each row sent, kept, failed (tried again after
 * a backoff) or dead (after MAX_ATTEMPTS).
 */

type Tx = Pick<Db, "insert" | "select" | "update">;

/** Attempts before a message is dead-lettered. */
export const MAX_ATTEMPTS = 5;
/** A claim older than this is taken to be from a worker that died mid-send: the row is claimable again. */
export const CLAIM_LEASE_MS = 10 * 60_000;

export type Enqueue = OutgoingMail & {
  /** When it is due (a reminder's time); now unless told. */
  dueAt?: Date;
  /** Scheduling the same key twice makes one row (a reminder, a notification). */
  dedupeKey?: string | null;
  signupId?: number | null;
  shiftId?: number | null;
};

/** Puts a message in the outbox (inside the caller's transaction). Returns its id, or null when its dedupe key was already queued. */
export function enqueueMail(tx: Tx, mail: Enqueue, now: Date = new Date()): number | null {
  const row = tx
    .insert(outbox)
    .values({
      kind: mail.kind,
      toAddress: mail.to,
      toName: mail.toName ?? "",
      subject: mail.subject,
      textBody: mail.text,
      headers: JSON.stringify(mail.headers ?? {}),
      ics: mail.ics ?? null,
      nextAttemptAt: (mail.dueAt ?? now).toISOString(),
      dedupeKey: mail.dedupeKey ?? null,
      signupId: mail.signupId ?? null,
      shiftId: mail.shiftId ?? null,
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id })
    .get();
  return row?.id ?? null;
}

/** Drops the messages still waiting for a sign-up (its reminders, when it is cancelled). */
export function cancelPendingMail(tx: Tx, where: { signupId?: number; shiftId?: number; kinds?: readonly OutboxRow["kind"][] }): void {
  tx.update(outbox)
    .set({ status: "cancelled" })
    .where(
      and(
        where.signupId !== undefined ? eq(outbox.signupId, where.signupId) : undefined,
        where.shiftId !== undefined ? eq(outbox.shiftId, where.shiftId) : undefined,
        where.kinds ? inArray(outbox.kind, [...where.kinds]) : undefined,
        inArray(outbox.status, ["queued", "failed"]),
      ),
    )
    .run();
}

export type Claimed = OutboxRow & { claimToken: string };

/**
 * Claims up to `limit` due messages for this worker: queued or failed ones whose time has come,
 * and "sending" ones whose claim is older than the lease (their worker died). One statement,
 * so the claim is atomic across processes; a message claimed is not claimed again while its
 * lease runs.
 */
export function claimDueMail(db: Db, { now = new Date(), limit = 20 }: { now?: Date; limit?: number } = {}): Claimed[] {
  const token = randomBytes(12).toString("hex");
  const nowIso = now.toISOString();
  const stale = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  const rows = db.$client
    .prepare(
      `UPDATE outbox SET status = 'sending', claim_token = ?, claimed_at = ?, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox WHERE status IN ('queued', 'failed') AND next_attempt_at <= ?
         UNION ALL
         SELECT id FROM outbox WHERE status = 'sending' AND claimed_at <= ?
         LIMIT ?)
       RETURNING id`,
    )
    .all(token, nowIso, nowIso, stale, limit) as { id: number }[];
  if (rows.length === 0) return [];
  return db
    .select()
    .from(outbox)
    .where(inArray(outbox.id, rows.map((r) => r.id)))
    .orderBy(asc(outbox.id))
    .all() as Claimed[];
}

/** After a send: sent (SMTP took it) or kept (no SMTP configured). Only under this worker's claim. */
export function markDelivered(db: Db, claim: Pick<Claimed, "id" | "claimToken">, status: Extract<MailStatus, "sent" | "kept">, now: Date = new Date()): boolean {
  const r = db
    .update(outbox)
    .set({ status, sentAt: now.toISOString(), lastError: null, claimToken: null })
    .where(and(eq(outbox.id, claim.id), eq(outbox.claimToken, claim.claimToken), eq(outbox.status, "sending")))
    .run();
  return r.changes === 1;
}

/** A failed attempt: tried again after a growing delay, or dead after MAX_ATTEMPTS. */
export function markFailed(db: Db, claim: Pick<Claimed, "id" | "claimToken" | "attempts">, error: string, now: Date = new Date()): MailStatus {
  const dead = claim.attempts >= MAX_ATTEMPTS;
  const status: MailStatus = dead ? "dead" : "failed";
  db.update(outbox)
    .set({ status, lastError: error.slice(0, 1000), claimToken: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(claim.attempts)).toISOString() })
    .where(and(eq(outbox.id, claim.id), eq(outbox.claimToken, claim.claimToken)))
    .run();
  return status;
}

/** Sends one message; throws when the server refuses it. */
export type SendMail = (mail: OutgoingMail & { messageId: string }) => Promise<void>;

/**
 * One pass of the queue: claims what is due and sends it one message at a time. With no
 * sender (no SMTP configured) each message is marked kept: it stays readable in the outbox.
 * Returns what happened, for the log and the tests.
 */
export async function workMailQueue(db: Db, send: SendMail | null, o: { now?: () => Date; limit?: number; host?: string; base?: string; onKept?: (row: OutboxRow) => void } = {}) {
  const now = o.now ?? (() => new Date());
  const claimed = claimDueMail(db, { now: now(), limit: o.limit });
  const done = { sent: 0, kept: 0, failed: 0, dead: 0 };
  for (const row of claimed) {
    if (!send) {
      markDelivered(db, row, "kept", now());
      o.onKept?.(row);
      done.kept++;
      continue;
    }
    try {
      await send({ ...outgoing(row, o.base), messageId: `<outbox-${row.id}@${o.host ?? "coalition-table.invalid"}>` });
      markDelivered(db, row, "sent", now());
      done.sent++;
    } catch (err) {
      const status = markFailed(db, row, err instanceof Error ? err.message : String(err), now());
      done[status === "dead" ? "dead" : "failed"]++;
    }
  }
  return done;
}

/** A stored row as the message to send; links written as "{{BASE}}/..." (made outside a request) get the site's address. */
export function outgoing(row: OutboxRow, base = "http://localhost:3000"): OutgoingMail {
  const fill = (s: string) => s.split(BASE).join(base.replace(/\/$/, ""));
  const headers = Object.fromEntries(Object.entries(JSON.parse(row.headers) as Record<string, string>).map(([k, v]) => [k, fill(v)]));
  return { kind: row.kind, to: row.toAddress, toName: row.toName, subject: row.subject, text: fill(row.textBody), headers, ics: row.ics };
}

// ---------------------------------------------------------------- the admin's pages

export type OutboxListRow = Pick<OutboxRow, "id" | "kind" | "toAddress" | "subject" | "status" | "attempts" | "nextAttemptAt" | "lastError" | "createdAt" | "sentAt">;
export type OutboxPage = KeysetPage<OutboxListRow> & { total: number; counts: Record<MailStatus, number> };

const listColumns = {
  id: outbox.id,
  kind: outbox.kind,
  toAddress: outbox.toAddress,
  subject: outbox.subject,
  status: outbox.status,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
};

/**
 * A page of the outbox, newest first, all of it or one status (dead letters: "dead"), keyset
 * on the id (along outbox_status_id for one status); the count of each status in one grouped
 * query. The route checks "admin".
 */
export function listOutbox(db: Db, _viewer: Viewer, input: { status?: MailStatus | null; cursor?: Cursor | null; limit?: number }): OutboxPage {
  const limit = input.limit ?? PAGE_SIZE;
  const cursor = input.cursor && typeof input.cursor.key[0] === "number" ? input.cursor : null;
  const forwards = cursor?.dir !== "before";
  const where = input.status ? eq(outbox.status, input.status) : undefined;
  const keyed = cursor ? (forwards ? sql`${outbox.id} < ${cursor.key[0]}` : sql`${outbox.id} > ${cursor.key[0]}`) : undefined;
  const rows = db
    .select(listColumns)
    .from(outbox)
    .where(and(where, keyed))
    .orderBy(forwards ? desc(outbox.id) : asc(outbox.id))
    .limit(limit + 1)
    .all();
  const grouped = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  const counts = Object.fromEntries(grouped.map((g) => [g.status, g.n])) as Record<MailStatus, number>;
  const total = input.status ? (counts[input.status] ?? 0) : grouped.reduce((s, g) => s + g.n, 0);
  return { ...keysetPage(rows, limit, cursor, (r) => [r.id]), total, counts };
}

/** One message as stored, or a 404. */
export function getOutboxMessage(db: Db, _viewer: Viewer, { messageId }: { messageId: number }): OutboxRow {
  const row = db.select().from(outbox).where(eq(outbox.id, messageId)).get();
  if (!row) throw new NotFoundError("Message");
  return row;
}

/** The admin puts a dead (or failed) message back in the queue, due now, with its attempts reset. */
export function retryMessage(db: Db, actor: Actor, { messageId }: { messageId: number }, now: Date = new Date()): boolean {
  getOutboxMessage(db, "system", { messageId });
  const r = db
    .update(outbox)
    .set({ status: "queued", attempts: 0, nextAttemptAt: now.toISOString(), claimToken: null })
    .where(and(eq(outbox.id, messageId), inArray(outbox.status, ["dead", "failed"])))
    .run();
  if (r.changes === 1) appendAudit(db, actor, { action: "mail.retry", decision: "info", subjectType: "outbox", subjectId: messageId }, now);
  return r.changes === 1;
}

/** How many messages wait (due or not): for the admin page's line and the log. */
export function pendingCount(db: Db, now: Date = new Date()): number {
  return db.select({ n: sql<number>`count(*)` }).from(outbox).where(and(inArray(outbox.status, ["queued", "failed"]), lte(outbox.nextAttemptAt, now.toISOString()))).get()?.n ?? 0;
}
