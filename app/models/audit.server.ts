import { createHash } from "node:crypto";
import { asc, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, auditLog, roleGrants, users, type AuditRow } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { csvLines, toCsv } from "~/domain/csv";
import type { AuditDecision } from "~/domain/audit-trail";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";

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
  decision?: AuditDecision | null;
  /** Inclusive days (UTC); the route fills the default window (auditWindow). */
  from?: string | null;
  to?: string | null;
};

export type AuditListRow = AuditRow & { actorName: string | null; actorEmail: string | null };

/** The trail's order, newest first: (at, id), the order of the (partner_id, at) and (actor_id, at) indexes (the rowid rides at their end). */
const auditKey = (r: { at: string; id: number }) => [r.at, r.id] as const;

/** More people than this and the member's arms are read with one IN (a sort over the window) instead of one indexed arm each. */
const MAX_ARMS = 400;

/** The ids of everyone who holds or held a role for the member (directly or through an affiliate). */
function memberPeopleIds(db: Db, partnerId: number): number[] {
  return db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .where(or(eq(roleGrants.partnerId, partnerId), eq(affiliates.partnerId, partnerId)))
    .all()
    .map((r) => r.userId);
}

/** A cursor of this list (an (at, id) key), else null: a junk or foreign cursor reads as the first page. */
function trailCursor(cursor: Cursor | null | undefined): Cursor | null {
  return cursor && cursor.key.length === 2 && typeof cursor.key[0] === "string" && typeof cursor.key[1] === "number" ? cursor : null;
}

/**
 * One read of the member's trail, filters applied in SQL, newest first, `limit` rows past the
 * keyset cursor. The member's rows are those about it (partner_id) and those by its people
 * (actor_id): a UNION of indexed reads, one arm on audit_log(partner_id, at) and one on
 * audit_log(actor_id, at) per person, merged in index order (MERGE (UNION): no sort over the
 * log), so a page costs its rows, not the trail's size. With a person filter, one arm.
 */
function readTrail(db: Db, filter: AuditFilter, people: readonly number[], cursor: Cursor | null, limit: number): AuditListRow[] {
  const backwards = cursor?.dir === "before";
  const conds: SQL[] = [];
  if (filter.from) conds.push(sql`a.at >= ${`${filter.from}T00:00:00.000Z`}`);
  if (filter.to) conds.push(sql`a.at <= ${`${filter.to}T23:59:59.999Z`}`);
  if (filter.decision) conds.push(sql`a.decision = ${filter.decision}`);
  if (filter.raceId) {
    // a request's grouped F2 row about several races names each (withheldRaceMarker)
    conds.push(sql`(a.race_id = ${filter.raceId} or (a.race_id is null and a.action = 'firewall.campaign_info' and instr(a.detail, ${`race ${filter.raceId}: `}) > 0))`);
  }
  const key = cursor?.key;
  if (key) conds.push(backwards ? sql`(a.at, a.id) > (${key[0]}, ${key[1]})` : sql`(a.at, a.id) < (${key[0]}, ${key[1]})`);
  const cols = sql`a.id as id, a.at as at, a.actor_id as actorId, a.action as action, a.decision as decision, a.rule as rule, a.partner_id as partnerId, a.race_id as raceId, a.subject_type as subjectType, a.subject_id as subjectId, a.detail as detail, a.prev_hash as prevHash, a.hash as hash, u.name as actorName, u.email as actorEmail`;
  const arm = (who: SQL) => sql`select ${cols} from audit_log a left join users u on u.id = a.actor_id where ${sql.join([who, ...conds], sql` and `)}`;
  let arms: SQL[];
  if (filter.personId) {
    // everyone's rows are the member's when they are its person; else only those about it
    arms = [people.includes(filter.personId) ? arm(sql`a.actor_id = ${filter.personId}`) : arm(sql`a.actor_id = ${filter.personId} and a.partner_id = ${filter.partnerId}`)];
  } else if (people.length > MAX_ARMS) {
    arms = [arm(sql`a.partner_id = ${filter.partnerId}`), arm(sql`a.actor_id in (${sql.join(people.map((p) => sql`${p}`), sql`, `)})`)];
  } else {
    arms = [arm(sql`a.partner_id = ${filter.partnerId}`), ...people.map((p) => arm(sql`a.actor_id = ${p}`))];
  }
  const order = backwards ? sql`order by at asc, id asc` : sql`order by at desc, id desc`;
  return db.all<AuditListRow>(sql`${sql.join(arms, sql` union `)} ${order} limit ${limit}`);
}

/**
 * A member's audit trail for its counsel, one keyset page (newest first): rows about the
 * member, and rows by anyone who holds or held a role for it, filtered by person, race,
 * decision and date range (inclusive days, UTC). A junk cursor reads as the first page.
 */
// the guard (memberAuditAccess) has checked the viewer is the member's counsel
export function listMemberAudit(db: Db, _viewer: Viewer, input: AuditFilter & { cursor?: Cursor | null; limit?: number }): KeysetPage<AuditListRow> {
  const limit = input.limit ?? PAGE_SIZE;
  const cursor = trailCursor(input.cursor);
  const rows = readTrail(db, input, memberPeopleIds(db, input.partnerId), cursor, limit + 1);
  return keysetPage(rows, limit, cursor, auditKey);
}

/** Rows a streamed export reads at a time: memory stays at one batch whatever the window holds. */
export const AUDIT_CSV_BATCH = 1_000;

const CSV_HEAD = ["id", "at", "person", "email", "action", "decision", "rule", "partner_id", "race_id", "subject", "detail", "hash"] as const;

function csvCells(r: AuditListRow): unknown[] {
  return [r.id, r.at, r.actorName, r.actorEmail, r.action, r.decision, r.rule, r.partnerId, r.raceId, r.subjectType ? `${r.subjectType}:${r.subjectId}` : "", r.detail, r.hash];
}

/**
 * The member's trail as CSV (rule F10), the page's filters and window, streamed: each pull
 * reads the next keyset batch (one short statement; nothing is held open between pulls, so
 * writers never wait on the export) and writes its lines through the one CSV writer.
 */
// the guard (memberAuditAccess) has checked the viewer is the member's counsel
export function auditCsvStream(db: Db, _viewer: Viewer, input: AuditFilter & { batch?: number }): ReadableStream<Uint8Array> {
  const { batch = AUDIT_CSV_BATCH, ...filter } = input;
  const encoder = new TextEncoder();
  let people: number[] | null = null;
  let cursor: Cursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      people ??= memberPeopleIds(db, filter.partnerId);
      const rows = readTrail(db, filter, people, cursor, batch + 1);
      const kept = rows.slice(0, batch);
      const text = started ? csvLines(kept.map(csvCells)) : toCsv(CSV_HEAD, kept.map(csvCells));
      started = true;
      if (text) controller.enqueue(encoder.encode(text));
      const last = kept[kept.length - 1];
      if (rows.length <= batch || !last) controller.close();
      else cursor = { dir: "after", key: auditKey(last) };
    },
  });
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

/**
 * The member's trail (the page's filters and window), newest first, a keyset batch at a time:
 * one short statement per batch, nothing held open between them (the evidence packet, issue 18).
 */
// the guard (memberAuditAccess) has checked the viewer is the member's counsel
export function* memberTrailBatches(db: Db, _viewer: Viewer, filter: AuditFilter, batch = AUDIT_CSV_BATCH): Generator<AuditListRow[]> {
  const people = memberPeopleIds(db, filter.partnerId);
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = readTrail(db, filter, people, cursor, batch + 1);
    const kept = rows.slice(0, batch);
    if (kept.length) yield kept;
    const last = kept[kept.length - 1];
    if (rows.length <= batch || !last) return;
    cursor = { dir: "after", key: auditKey(last) };
  }
}
