/**
 * Capacity and red lines (issue 17): each partner's profile of what it brings and its
 * non-negotiables, each item with who may read it (app/domain/capacity.ts, the one reader
 * rule). Kept by the partner's representatives (`capacity.keep`, checked by the route); every
 * write is one IMMEDIATE transaction with its audit row. The facilitator's combined capacity per
 * state counts only what it may read of each seated partner.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { capacityItems, type CapacityItem } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { combinedReaders, MAX_CAPACITY_ITEMS, readableCapacity, type CapacityItemInput } from "~/domain/capacity";
import { NotFoundError, type Result } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { CAPACITY_KINDS, type Capability } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { q, qAll } from "./concerns.server";

const kindOrder = (k: string) => CAPACITY_KINDS.indexOf(k as never);

/**
 * The items of one partner's profile this person may read at this table (the partner sits at
 * it: the route checks), by kind then state. One statement, bounded by MAX_CAPACITY_ITEMS.
 */
export function listCapacity(db: Db, viewer: Viewer, input: { coalitionId: number; partnerId: number }): CapacityItem[] {
  const all = db.select().from(capacityItems).where(eq(capacityItems.partnerId, input.partnerId)).orderBy(asc(capacityItems.kind), asc(capacityItems.id)).limit(MAX_CAPACITY_ITEMS).all();
  const sorted = all.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.state ?? "").localeCompare(b.state ?? "") || a.id - b.id);
  return viewer === "system" ? sorted : readableCapacity(viewer, input.coalitionId, sorted);
}

export function addCapacityItem(db: Db, actor: Actor, input: CapacityItemInput & { partnerId: number }, now = new Date()): Result<{ item: CapacityItem }> {
  return db.transaction(
    (tx) => {
      const n = tx.select({ n: sql<number>`count(*)` }).from(capacityItems).where(eq(capacityItems.partnerId, input.partnerId)).get()?.n ?? 0;
      if (n >= MAX_CAPACITY_ITEMS) return { ok: false as const, field: "kind", message: `A profile has at most ${MAX_CAPACITY_ITEMS} items; remove one first.` };
      const { partnerId, kind, readers, state, amount, capability, detail } = input;
      const item = tx.insert(capacityItems).values({ partnerId, kind, readers, state, amount, capability, detail, updatedBy: actor.id, updatedAt: now.toISOString() }).returning().get();
      // the audit row says what kind of item and who reads it, never its words (a red line may be for its own people only)
      appendAudit(tx, actor, { action: "capacity.add", decision: "info", partnerId, subjectType: "capacity_item", subjectId: item.id, detail: `${kind}, read by ${readers}` }, now);
      return { ok: true as const, item };
    },
    { behavior: "immediate" },
  );
}

export function updateCapacityItem(db: Db, actor: Actor, input: CapacityItemInput & { partnerId: number; itemId: number }, now = new Date()): Result<{ item: CapacityItem }> {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(capacityItems).where(and(eq(capacityItems.id, input.itemId), eq(capacityItems.partnerId, input.partnerId))).get();
      if (!row) throw new NotFoundError("Capacity item");
      const { kind, readers, state, amount, capability, detail } = input;
      const item = tx.update(capacityItems).set({ kind, readers, state, amount, capability, detail, updatedBy: actor.id, updatedAt: now.toISOString() }).where(eq(capacityItems.id, row.id)).returning().get();
      appendAudit(tx, actor, { action: "capacity.edit", decision: "info", partnerId: input.partnerId, subjectType: "capacity_item", subjectId: row.id, detail: `${kind}, read by ${readers} (was ${row.readers})` }, now);
      return { ok: true as const, item };
    },
    { behavior: "immediate" },
  );
}

export function removeCapacityItem(db: Db, actor: Actor, input: { partnerId: number; itemId: number }, now = new Date()): Result<object> {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(capacityItems).where(and(eq(capacityItems.id, input.itemId), eq(capacityItems.partnerId, input.partnerId))).get();
      if (!row) throw new NotFoundError("Capacity item");
      tx.delete(capacityItems).where(eq(capacityItems.id, row.id)).run();
      appendAudit(tx, actor, { action: "capacity.remove", decision: "info", partnerId: input.partnerId, subjectType: "capacity_item", subjectId: row.id, detail: `${row.kind}, read by ${row.readers}` }, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** One item of a partner's profile, for the form that changes it (404 when not the partner's). */
export function getCapacityItem(db: Db, _viewer: Viewer, input: { partnerId: number; itemId: number }): CapacityItem {
  const row = db.select().from(capacityItems).where(and(eq(capacityItems.id, input.itemId), eq(capacityItems.partnerId, input.partnerId))).get();
  if (!row) throw new NotFoundError("Capacity item");
  return row;
}

export type StateCapacity = {
  state: string;
  members: number;
  volunteers: number;
  organizers: number;
  money: number;
  /** Short names of the partners strong in the state. */
  strong: string[];
  capabilities: Capability[];
  /** Short names of the partners with any readable item in the state. */
  partners: string[];
};

type Raw = { state: string | null; members: number | null; volunteers: number | null; organizers: number | null; money: number | null; strong: string | null; capabilities: string | null; partners: string | null };

const SUMS = `sum(case when ci.kind = 'members' then ci.amount end) as members, sum(case when ci.kind = 'volunteers' then ci.amount end) as volunteers,
  sum(case when ci.kind = 'organizers' then ci.amount end) as organizers, sum(case when ci.kind = 'can_do' and ci.capability = 'money' then ci.amount end) as money,
  group_concat(distinct case when ci.kind = 'strong_state' then p.short_name end) as strong, group_concat(distinct case when ci.kind = 'can_do' then ci.capability end) as capabilities,
  group_concat(distinct p.short_name) as partners`;

const split = (s: string | null) => (s ? s.split(",").sort() : []);
const shape = (r: Raw): StateCapacity => ({
  state: r.state ?? "",
  members: r.members ?? 0,
  volunteers: r.volunteers ?? 0,
  organizers: r.organizers ?? 0,
  money: r.money ?? 0,
  strong: split(r.strong),
  capabilities: split(r.capabilities) as Capability[],
  partners: split(r.partners),
});

/**
 * The table's combined capacity per state: sums over the seated partners' items this person
 * may read of a partner not its own (the facilitator: the table's and the facilitator's), one
 * row per state, keyset-paged by state; and the same sums for items naming no state (across
 * the country). Three statements whatever the data.
 */
export function combinedCapacity(db: Db, viewer: Viewer, input: { coalitionId: number; cursor?: Cursor | null; limit?: number }) {
  const readers = viewer === "system" ? [] : combinedReaders(viewer, input.coalitionId);
  const limit = input.limit ?? PAGE_SIZE;
  if (readers.length === 0) return { rows: [] as StateCapacity[], national: null, total: 0, next: null, prev: null };
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 1 && typeof k[0] === "string" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const inReaders = `ci.readers in (${readers.map(() => "?").join(",")})`;
  const from = `from capacity_items ci join coalition_partners cp on cp.partner_id = ci.partner_id and cp.coalition_id = ? join partners p on p.id = ci.partner_id`;
  const fetched = qAll<Raw>(
    db,
    `select ci.state as state, ${SUMS} ${from} where ci.state is not null and ${inReaders}${cursor ? ` and ci.state ${back ? "<" : ">"} ?` : ""}
     group by ci.state order by ci.state ${back ? "desc" : "asc"} limit ?`,
    input.coalitionId,
    ...readers,
    ...(cursor ? cursor.key : []),
    limit + 1,
  ).map(shape);
  const page = keysetPage(fetched, limit, cursor, (r) => [r.state]);
  const nationalRaw = q<Raw>(db, `select null as state, ${SUMS} ${from} where ci.state is null and ${inReaders}`, input.coalitionId, ...readers);
  const national = nationalRaw && nationalRaw.partners ? shape(nationalRaw) : null;
  const total = q<{ n: number }>(db, `select count(distinct ci.state) as n ${from} where ci.state is not null and ${inReaders}`, input.coalitionId, ...readers)?.n ?? 0;
  return { ...page, national, total };
}

