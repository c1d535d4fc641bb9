import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import type { Db } from "../../db/client";
import { partners, races, vendorClients, vendorUses, vendors, type Vendor, type VendorClient, type VendorUse } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { z } from "zod";
import type { vendorClientForm, vendorForm, vendorPolicyForm, vendorUseForm } from "~/domain/firewall-forms";
import { appendAudit } from "./audit.server";
import { isUniqueViolation, type Result } from "~/domain/errors";
import { checkVendorUse, type Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * Rule F5: the vendors members use, the candidates and party committees each served and
 * when, its written firewall policy when on file, and members' uses. A use is checked by the
 * gate (checkVendorUse) inside the transaction that records it.
 */

export type VendorInput = z.output<typeof vendorForm>;
export type VendorClientInput = z.output<typeof vendorClientForm>;
export type VendorPolicyInput = z.output<typeof vendorPolicyForm>;
export type VendorUseInput = z.output<typeof vendorUseForm>;

const NO_VENDOR = { ok: false as const, field: "vendorId", message: "Choose a vendor on this table's list." };

function tableVendor(db: Db, coalitionId: number, vendorId: number): Vendor | undefined {
  return db.select().from(vendors).where(and(eq(vendors.id, vendorId), eq(vendors.coalitionId, coalitionId))).get();
}

function tableRace(db: Db, coalitionId: number, raceId: number | null) {
  return raceId === null ? undefined : db.select().from(races).where(and(eq(races.id, raceId), eq(races.coalitionId, coalitionId))).get();
}

/** The table's vendors by name, each with its clients and members' uses. */
// every read takes the viewer; this one does not ask it yet
export function listVendors(db: Db, _viewer: Viewer, input: { coalitionId: number }) {
  const list = db.select().from(vendors).where(eq(vendors.coalitionId, input.coalitionId)).orderBy(asc(vendors.name)).all();
  const ids = list.map((v) => v.id);
  if (ids.length === 0) return [];
  const clients = db
    .select({ client: vendorClients, race: races })
    .from(vendorClients)
    .leftJoin(races, eq(races.id, vendorClients.raceId))
    .where(inArray(vendorClients.vendorId, ids))
    .orderBy(desc(vendorClients.startDate))
    .all();
  const uses = db
    .select({ use: vendorUses, race: races, partnerShortName: partners.shortName })
    .from(vendorUses)
    .innerJoin(races, eq(races.id, vendorUses.raceId))
    .innerJoin(partners, eq(partners.id, vendorUses.partnerId))
    .where(inArray(vendorUses.vendorId, ids))
    .orderBy(desc(vendorUses.useDate), desc(vendorUses.id))
    .all();
  return list.map((v) => ({
    ...v,
    clients: clients.filter((c) => c.client.vendorId === v.id).map((c) => ({ ...c.client, raceLabel: c.race ? raceLabel(c.race) : null })),
    uses: uses.filter((u) => u.use.vendorId === v.id).map((u) => ({ ...u.use, raceLabel: raceLabel(u.race), partnerShortName: u.partnerShortName })),
  }));
}

/** How many vendors the export form's roster offers (by name); a table with more searches the vendors page. */
export const VENDOR_CHOICES_MAX = 200;

/** The table's vendor roster for a form's choice (rule F5: an export to a vendor names one): id, name, whether its policy is on file. One bounded statement. */
// every read takes the viewer; names of vendors are the table's, not campaign information
export function vendorChoices(db: Db, _viewer: Viewer, input: { coalitionId: number }) {
  return db
    .select({ id: vendors.id, name: vendors.name, policyOnFile: sql<number>`${vendors.policyOnFileAt} is not null` })
    .from(vendors)
    .where(eq(vendors.coalitionId, input.coalitionId))
    .orderBy(asc(vendors.name))
    .limit(VENDOR_CHOICES_MAX)
    .all()
    .map((v) => ({ ...v, policyOnFile: Boolean(v.policyOnFile) }));
}

/** How many clients and uses a vendor's card lists (the newest); the rest are counted. */
export const VENDOR_ITEMS_SHOWN = 20;

/**
 * One page of the table's vendors by name (DESIGN.md "Scale": keyset-paged, `q` searching the
 * name, the total counted in SQL), each with its newest VENDOR_ITEMS_SHOWN clients and members'
 * uses and how many there are in all. Four statements, always.
 */
// every read takes the viewer; this one does not ask it yet
export function pageVendors(db: Db, _viewer: Viewer, input: { coalitionId: number; q?: string | null; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = and(eq(vendors.coalitionId, input.coalitionId), q ? sql`instr(lower(${vendors.name}), ${q}) > 0` : undefined);
  const key = sql`(${vendors.name}, ${vendors.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const fetched = db
    .select()
    .from(vendors)
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(vendors.name), desc(vendors.id)] : [asc(vendors.name), asc(vendors.id)]))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (v) => [v.name, v.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(vendors).where(where).get()?.n ?? 0;
  const ids = JSON.stringify(page.rows.map((v) => v.id));
  type ClientRow = VendorClient & { raceOffice: string | null; raceState: string | null; raceDistrict: string | null; n: number };
  const clients = db.$client
    .prepare(
      `select * from (
         select c.id as id, c.vendor_id as vendorId, c.kind as kind, c.race_id as raceId, c.served_for as servedFor, c.start_date as startDate,
           c.last_service_date as lastServiceDate, r.office as raceOffice, r.state as raceState, r.district as raceDistrict,
           row_number() over (partition by c.vendor_id order by c.start_date desc, c.id desc) as rn, count(*) over (partition by c.vendor_id) as n
         from vendor_clients c left join races r on r.id = c.race_id
         where c.vendor_id in (select value from json_each(?))
       ) where rn <= ? order by vendorId, rn`,
    )
    .all(ids, VENDOR_ITEMS_SHOWN) as ClientRow[];
  type UseRow = VendorUse & { raceOffice: string; raceState: string; raceDistrict: string | null; partnerShortName: string; n: number };
  const uses = db.$client
    .prepare(
      `select * from (
         select u.id as id, u.vendor_id as vendorId, u.partner_id as partnerId, u.race_id as raceId, u.use_date as useDate, u.purpose as purpose,
           u.created_by as createdBy, u.created_at as createdAt, r.office as raceOffice, r.state as raceState, r.district as raceDistrict, p.short_name as partnerShortName,
           row_number() over (partition by u.vendor_id order by u.use_date desc, u.id desc) as rn, count(*) over (partition by u.vendor_id) as n
         from vendor_uses u join races r on r.id = u.race_id join partners p on p.id = u.partner_id
         where u.vendor_id in (select value from json_each(?))
       ) where rn <= ? order by vendorId, rn`,
    )
    .all(ids, VENDOR_ITEMS_SHOWN) as UseRow[];
  const label = (r: { raceOffice: string | null; raceState: string | null; raceDistrict: string | null }) =>
    r.raceOffice && r.raceState ? raceLabel({ office: r.raceOffice, state: r.raceState, district: r.raceDistrict }) : null;
  return {
    rows: page.rows.map((v) => {
      const cs = clients.filter((c) => c.vendorId === v.id);
      const us = uses.filter((u) => u.vendorId === v.id);
      return {
        ...v,
        clients: cs.map(({ raceOffice, raceState, raceDistrict, n: _n, ...c }) => ({ ...c, raceLabel: label({ raceOffice, raceState, raceDistrict }) })),
        clientCount: cs[0]?.n ?? 0,
        uses: us.map(({ raceOffice, raceState, raceDistrict, partnerShortName, n: _n, ...u }) => ({ ...u, raceLabel: label({ raceOffice, raceState, raceDistrict })!, partnerShortName })),
        useCount: us[0]?.n ?? 0,
      };
    }),
    total,
    prev: page.prev,
    next: page.next,
  };
}

export function createVendor(db: Db, actor: Actor, coalitionId: number, input: VendorInput, now: Date = new Date()): Result<{ vendor: Vendor }> {
  try {
    return db.transaction((tx) => {
      const vendor = tx.insert(vendors).values({ coalitionId, name: input.name, services: input.services, createdBy: actor.id, createdAt: now.toISOString() }).returning().get();
      appendAudit(tx, actor, { action: "vendor.create", decision: "info", rule: "F5", subjectType: "vendor", subjectId: vendor.id, detail: vendor.name }, now);
      return { ok: true as const, vendor };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "name", message: "This table already lists a vendor of that name." };
    throw err;
  }
}

/** A candidate (in a race of this table) or a party committee the vendor served, and when. */
export function addVendorClient(db: Db, actor: Actor, coalitionId: number, input: VendorClientInput, now: Date = new Date()): Result<{ client: VendorClient }> {
  const vendor = tableVendor(db, coalitionId, input.vendorId);
  if (!vendor) return NO_VENDOR;
  const race = tableRace(db, coalitionId, input.raceId);
  if (input.kind === "candidate" && !race) return { ok: false, field: "raceId", message: "Choose a race of this table." };
  return db.transaction((tx) => {
    const client = tx
      .insert(vendorClients)
      .values({ vendorId: vendor.id, kind: input.kind, raceId: race?.id ?? null, servedFor: input.servedFor, startDate: input.startDate, lastServiceDate: input.lastServiceDate })
      .returning()
      .get();
    appendAudit(
      tx,
      actor,
      {
        action: "vendor.client",
        decision: "info",
        rule: "F5",
        raceId: race?.id ?? null,
        subjectType: "vendor",
        subjectId: vendor.id,
        detail: `${vendor.name} served ${input.kind === "party" ? "party committee " : ""}${input.servedFor}${race ? ` in ${raceLabel(race)}` : ""} from ${input.startDate} to ${input.lastServiceDate ?? "now"}`,
      },
      now,
    );
    return { ok: true as const, client };
  });
}

/** Records that the vendor's own written firewall policy is on file from a date. */
export function recordVendorPolicy(db: Db, actor: Actor, coalitionId: number, input: VendorPolicyInput, now: Date = new Date()): Result<{ vendor: Vendor }> {
  const found = tableVendor(db, coalitionId, input.vendorId);
  if (!found) return NO_VENDOR;
  return db.transaction((tx) => {
    const vendor = tx.update(vendors).set({ policyOnFileAt: input.policyOnFileAt, policyNote: input.policyNote }).where(eq(vendors.id, found.id)).returning().get();
    appendAudit(tx, actor, { action: "vendor.policy", decision: "info", rule: "F5", subjectType: "vendor", subjectId: found.id, detail: `${found.name}: firewall policy on file from ${input.policyOnFileAt}` }, now);
    return { ok: true as const, vendor };
  });
}

/**
 * A member's use of a vendor in a race from a date (rule F5). The gate decides inside the
 * transaction and appends its allow or deny row there. A refusal returns normally, so the
 * transaction commits with the deny row and without the use; a failure after the gate
 * (a throw) rolls back both.
 */
export function recordVendorUse(db: Db, actor: Actor, coalitionId: number, input: VendorUseInput, now: Date = new Date()): Result<{ use: VendorUse; overrideId: number | null }> {
  if (!tableVendor(db, coalitionId, input.vendorId)) return NO_VENDOR;
  const race = tableRace(db, coalitionId, input.raceId);
  if (!race) return { ok: false, field: "raceId", message: "Choose a race of this table." };
  return db.transaction((tx) => {
    const decided = checkVendorUse(tx, actor, { vendorId: input.vendorId, partnerId: input.partnerId, raceId: race.id, useDate: input.useDate, field: "vendorId" });
    if (!decided.ok) return decided;
    const use = tx
      .insert(vendorUses)
      .values({ vendorId: input.vendorId, partnerId: input.partnerId, raceId: race.id, useDate: input.useDate, purpose: input.purpose, createdBy: actor.id, createdAt: now.toISOString() })
      .returning()
      .get();
    return { ok: true as const, use, overrideId: decided.overrideId };
  });
}
