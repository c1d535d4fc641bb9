import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accountDedications, affiliates, firewallOverrides, firewallPolicies, overrideApprovals, partners, policyAcknowledgments, raceSides, vendorClients, vendors, walls } from "../../db/schema";
import { type Account, type OverrideScope } from "~/domain/vocabulary";
import type { LegalType } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import {
  accountsOf,
  personAccounts,
  campaignHostRefusal,
  mayReceiveCampaignInfo,
  overrideInForce,
  policyGaps,
  sideOf,
  vendorNeedsPolicy,
  wallActiveOn,
  wallCoversRace,
  type Side,
} from "~/domain/firewall";
import { effectiveLegalType } from "~/domain/legal-types";
import { partnersOf, type Principal } from "~/domain/permissions";
import { appendAudit } from "./audit.server";
import { lengthsAt } from "./firewall-lengths.server";
import type { Refusal } from "~/domain/errors";

/**
 * The one place that decides firewall questions (rule F11). Models that return race
 * information or perform field work ask it themselves, inside their own transaction, so a
 * route that forgets cannot leak. Everything here fails closed: a member that cannot be found
 * counts as walled, a missing race side is the legal type's default (the side that receives
 * less).
 */
/**
 * Who reads: the signed-in person, or the system (scripts, the seed), which is not a person.
 * Every reading model takes one as its second argument, (db, viewer, input), so that each
 * can ask this gate; a read called without one does not compile.
 */
import type { Viewer } from "~/domain/actor";
export type { Viewer };
type Tx = Pick<Db, "select" | "insert">;

/** `accounts`: the member's accounts this person stands on (a hybrid PAC's dedicated person: one). */
type Member = { partnerId: number; legalType: LegalType; accounts: Account[] };

/**
 * The members a person acts for, with the legal type each acts under: a partner through its
 * representative or counsel; an affiliate's lead acts under the affiliate's own legal type
 * (a 501(c)(3) chapter of a 501(c)(4) is nonpartisan).
 */
function membersOf(db: Tx, viewer: Principal): Member[] | null {
  const partnerIds = new Set<number>();
  for (const g of viewer.grants) if ((g.role === "partner_rep" || g.role === "counsel") && g.partnerId) partnerIds.add(g.partnerId);
  const affiliateIds = viewer.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId).map((g) => g.affiliateId as number);
  const wanted = [...new Set([...partnerIds, ...partnersOf(viewer)])];
  if (wanted.length === 0) return [];
  const types = new Map(db.select({ id: partners.id, legalType: partners.legalType }).from(partners).where(inArray(partners.id, wanted)).all().map((p) => [p.id, p.legalType]));
  if (types.size !== wanted.length) return null;
  const members: Member[] = [...partnerIds].map((id) => ({ partnerId: id, legalType: types.get(id) as LegalType, accounts: [] }));
  if (affiliateIds.length > 0) {
    const rows = db.select({ id: affiliates.id, partnerId: affiliates.partnerId, legalType: affiliates.legalType }).from(affiliates).where(inArray(affiliates.id, affiliateIds)).all();
    if (rows.length !== new Set(affiliateIds).size) return null;
    for (const a of rows) members.push({ partnerId: a.partnerId, legalType: effectiveLegalType(a, { legalType: types.get(a.partnerId) as LegalType }), accounts: [] });
  }
  // a hybrid PAC's person may be dedicated by counsel to one of its accounts (one read, only when a hybrid PAC is among them)
  const hybrid = members.filter((m) => m.legalType === "hybrid_pac").map((m) => m.partnerId);
  const dedicated =
    hybrid.length === 0
      ? new Map<number, Account>()
      : new Map(db.select({ partnerId: accountDedications.partnerId, account: accountDedications.account }).from(accountDedications).where(and(eq(accountDedications.userId, viewer.id), inArray(accountDedications.partnerId, hybrid))).all().map((d) => [d.partnerId, d.account as Account]));
  for (const m of members) m.accounts = personAccounts(m.legalType, dedicated.get(m.partnerId));
  return members;
}

/** Each account's side of each member in a race (the defaults without a race). */
function sidesIn(db: Tx, members: readonly Member[], raceId: number | null): Side[] {
  const settings = raceId === null ? new Map<string, Side>() : raceSettings(db, raceId, [...new Set(members.map((m) => m.partnerId))]);
  return members.flatMap((m) => m.accounts.map((a) => sideOf(m.legalType, a, settings.get(`${m.partnerId}:${a}`))));
}

/** Counsel's settings for a race, keyed "partnerId:account". */
function raceSettings(db: Tx, raceId: number, partnerIds: number[]): Map<string, Side> {
  if (partnerIds.length === 0) return new Map();
  const rows = db.select().from(raceSides).where(and(eq(raceSides.raceId, raceId), inArray(raceSides.partnerId, partnerIds))).all();
  return new Map(rows.map((r) => [`${r.partnerId}:${r.account}`, r.side as Side]));
}

/**
 * The side a member's field work takes in a race: coordinated only if every account it works
 * under is coordinated. `legalType` is the type it acts under (a chapter's own, when set).
 */
export function fieldSide(db: Tx, partnerId: number, raceId: number, legalType?: LegalType): Side {
  const type = legalType ?? db.select({ legalType: partners.legalType }).from(partners).where(eq(partners.id, partnerId)).get()?.legalType;
  if (!type) return "none";
  const settings = raceSettings(db, raceId, [partnerId]);
  const sides = accountsOf(type).map((a) => sideOf(type, a, settings.get(`${partnerId}:${a}`)));
  return sides.every((s) => s === "coordinated") ? "coordinated" : sides.includes("none") ? "none" : "independent";
}

/** The side of an affiliate's field work: its partner's side, under the affiliate's own legal type (a 501(c)(3) chapter has none). */
export function affiliateSide(db: Tx, affiliateId: number, raceId: number): Side {
  const row = db
    .select({ partnerId: affiliates.partnerId, own: affiliates.legalType, partnerType: partners.legalType })
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(eq(affiliates.id, affiliateId))
    .get();
  if (!row) return "none";
  return fieldSide(db, row.partnerId, raceId, effectiveLegalType({ legalType: row.own }, { legalType: row.partnerType }));
}

/**
 * Every side a person stands on in a race: each account of each member they act for. A
 * hybrid PAC's people stand on both of its accounts, so they are walled unless both are
 * coordinated (the non-contribution account never is), unless counsel dedicated the person
 * to one account: then that account's side only. Without a race: the defaults.
 */
export function viewerSides(db: Tx, viewer: Principal, raceId: number | null): Side[] | null {
  const members = membersOf(db, viewer);
  if (members === null) return null;
  return sidesIn(db, members, raceId);
}

/**
 * Rule F2: may this viewer receive `campaign` information about this race? Neutral staff
 * (no member role) may; the system (scripts, seed) is not a person and may. Without a race
 * (information tied to none), only neutral staff may.
 */
export function campaignInfoAllowed(db: Tx, viewer: Viewer, raceId: number | null = null): boolean {
  return campaignInfoGate(db, viewer)(raceId);
}

/**
 * campaignInfoAllowed for many races of one request: the viewer's members are loaded once
 * and each race's answer is kept.
 */
export function campaignInfoGate(db: Tx, viewer: Viewer, prefetch?: readonly (number | null)[]): (raceId: number | null) => boolean {
  if (viewer === "system") return () => true;
  const members = membersOf(db, viewer);
  const answers = new Map<number | null, boolean>();
  // the races the caller will ask about, answered from ONE read of counsel's settings (issue 11:
  // a page's statements do not grow with the races it shows); a member-less viewer reads nothing
  if (prefetch && members !== null && members.length > 0) {
    const raceIds = [...new Set(prefetch.filter((r): r is number => r !== null))];
    const partnerIds = [...new Set(members.map((m) => m.partnerId))];
    const rows = db
      .select()
      .from(raceSides)
      .where(and(raceIds.length ? inArray(raceSides.raceId, raceIds) : sql`0`, inArray(raceSides.partnerId, partnerIds)))
      .all();
    const byRace = new Map<number, Map<string, Side>>(raceIds.map((r) => [r, new Map()]));
    for (const r of rows) byRace.get(r.raceId)?.set(`${r.partnerId}:${r.account}`, r.side as Side);
    for (const [raceId, settings] of byRace) {
      answers.set(raceId, mayReceiveCampaignInfo(members.flatMap((m) => m.accounts.map((a) => sideOf(m.legalType, a, settings.get(`${m.partnerId}:${a}`))))));
    }
  }
  return (raceId) => {
    if (members === null) return false;
    if (members.length === 0) return true;
    if (raceId === null) return false;
    if (!answers.has(raceId)) {
      answers.set(raceId, mayReceiveCampaignInfo(sidesIn(db, members, raceId)));
    }
    return answers.get(raceId)!;
  };
}

/** One withholding of a request (rule F2): the race, what was withheld and how many items. */
export type WithheldItem = { raceId: number | null; what: string; count: number };

/**
 * The request's firewall record (rules F2, F10; issue 11: reads must not queue for the write
 * lock). While a record is open for a viewer (the guard opens one per loader or action, see
 * app/server/guards/auth.server.ts), each withholding is kept here, and the record is appended
 * once, as ONE audit row naming every item, when the request's work ends. A viewer without an
 * open record (tests that call models directly, scripts) is recorded at once, as before.
 * Keyed by the principal object, which the guard builds fresh for each request.
 */
const openRecords = new WeakMap<object, WithheldItem[]>();

/** Opens the request's firewall record for this viewer; the returned function appends it (once). */
export function openWithheldRecord(viewer: Viewer): (db: Db, now?: Date) => void {
  if (viewer === "system") return () => {};
  const items: WithheldItem[] = [];
  openRecords.set(viewer, items);
  let done = false;
  return (db, now = new Date()) => {
    if (done) return;
    done = true;
    openRecords.delete(viewer);
    appendWithheld(db, viewer, items, now);
  };
}

/** Records that campaign information was withheld from a viewer (rule F2): who, which race, what. */
export function logWithheld(db: Db, viewer: Viewer, raceId: number | null, what: string, count: number, now = new Date()): void {
  if (viewer === "system" || count === 0) return;
  const open = openRecords.get(viewer);
  if (open) open.push({ raceId, what, count });
  else appendWithheld(db, viewer, [{ raceId, what, count }], now);
}

/**
 * ONE audit row for a request's withholdings, in a short IMMEDIATE transaction (it takes the
 * write lock at once, so it never fails part-way on a lock upgrade; under WAL readers never
 * wait for it). Items of one race carry that race's id; items of several races carry none and
 * the detail names each race ("race 12: ...") so the trail's race filter still finds them.
 */
function appendWithheld(db: Db, viewer: Principal, items: readonly WithheldItem[], now: Date): void {
  if (items.length === 0) return;
  const entry = withheldEntry(items);
  db.transaction(
    (tx) => {
      appendAudit(tx, viewer, { action: "firewall.campaign_info", decision: "deny", rule: "F2", partnerId: partnersOf(viewer)[0] ?? null, ...entry }, now);
    },
    { behavior: "immediate" },
  );
}

/** The race and the detail of a request's withholdings (exported for the tests). */
export function withheldEntry(items: readonly WithheldItem[]): { raceId: number | null; detail: string } {
  const merged = new Map<string, WithheldItem>();
  for (const i of items) {
    const key = `${i.raceId}\u0000${i.what}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, count: seen.count + i.count } : { ...i });
  }
  const list = [...merged.values()];
  const total = list.reduce((n, i) => n + i.count, 0);
  const races = [...new Set(list.map((i) => i.raceId))];
  if (list.length === 1) return { raceId: list[0].raceId, detail: `${total} withheld: ${list[0].what}` };
  if (races.length === 1) return { raceId: races[0], detail: `${total} withheld: ${list.map((i) => `${i.what} (${i.count})`).join("; ")}` };
  const byRace = races.map((r) => {
    const mine = list.filter((i) => i.raceId === r);
    return `${r === null ? "no race" : `race ${r}`}: ${mine.map((i) => `${i.what} (${i.count})`).join("; ")}`;
  });
  return { raceId: null, detail: `${total} withheld in ${races.length} races: ${byRace.join(" | ")}` };
}

/** The detail marker a multi-race withholding row carries for a race (the audit trail's race filter). */
export function withheldRaceMarker(raceId: number): string {
  return `race ${raceId}: `;
}

// ---------------------------------------------------------------- F6: policies

/** Rule F6: what stops this person opening a race workspace (empty: nothing). Neutral staff are not members and pass. */
export function workspaceGaps(db: Tx, viewer: Principal, input: { coalitionId: number }) {
  const { coalitionId } = input;
  // only the members seated at this table: another table's member does not lock this one
  const ids = partnersOf(viewer).filter((id) => (viewer.partnerSeats[id] ?? []).includes(coalitionId));
  if (ids.length === 0) return [];
  const names = db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids)).all();
  const current = db
    .select({ id: firewallPolicies.id, partnerId: firewallPolicies.partnerId, version: firewallPolicies.version })
    .from(firewallPolicies)
    .where(and(inArray(firewallPolicies.partnerId, ids), eq(firewallPolicies.version, sql`(select max(p2.version) from firewall_policies p2 where p2.partner_id = ${firewallPolicies.partnerId})`)))
    .all();
  const acked = new Set(
    current.length === 0
      ? []
      : db
          .select({ policyId: policyAcknowledgments.policyId })
          .from(policyAcknowledgments)
          .where(and(eq(policyAcknowledgments.userId, viewer.id), inArray(policyAcknowledgments.policyId, current.map((c) => c.id))))
          .all()
          .map((a) => a.policyId),
  );
  return policyGaps(
    ids.map((partnerId) => {
      const policy = current.find((c) => c.partnerId === partnerId);
      return {
        partnerId,
        partnerName: names.find((n) => n.id === partnerId)?.name ?? `Member ${partnerId}`,
        currentVersion: policy?.version ?? null,
        acknowledgedVersion: policy && acked.has(policy.id) ? policy.version : null,
      };
    }),
  );
}

// ---------------------------------------------------------------- F9: overrides

/** The override in force for this member, scope and race (and subject, when given) on a date, if any. */
export function overrideFor(db: Tx, q: { partnerId: number; scope: OverrideScope; raceId: number; subjectType?: string | null; subjectId?: number | null; onDate: string }) {
  const rows = db
    .select()
    .from(firewallOverrides)
    .where(
      and(
        eq(firewallOverrides.partnerId, q.partnerId),
        eq(firewallOverrides.scope, q.scope),
        eq(firewallOverrides.raceId, q.raceId),
        isNull(firewallOverrides.revokedAt),
        // an override for one item allows only that item; one for the whole race allows any
        q.subjectId == null ? isNull(firewallOverrides.subjectId) : or(isNull(firewallOverrides.subjectId), and(eq(firewallOverrides.subjectType, q.subjectType ?? ""), eq(firewallOverrides.subjectId, q.subjectId))),
      ),
    )
    .orderBy(desc(firewallOverrides.id))
    .all();
  if (rows.length === 0) return null;
  const approvals = db.select().from(overrideApprovals).where(inArray(overrideApprovals.overrideId, rows.map((o) => o.id))).all();
  return rows.find((o) => overrideInForce({ ...o, approvers: approvals.filter((a) => a.overrideId === o.id).map((a) => a.userId) }, q.onDate)) ?? null;
}

type Decided = { ok: true; overrideId: number | null } | (Refusal & { rule: string });

function decide(
  tx: Tx,
  actor: Actor | null,
  entry: { action: string; rule: string; partnerId: number; raceId: number; subjectType?: string | null; subjectId?: number | null; detail: string },
  refusal: string | null,
  override: { scope: OverrideScope; onDate: string } | null,
  field?: string,
): Decided {
  if (refusal === null) {
    appendAudit(tx, actor, { ...entry, decision: "allow" });
    return { ok: true, overrideId: null };
  }
  const o = override ? overrideFor(tx, { partnerId: entry.partnerId, scope: override.scope, raceId: entry.raceId, subjectType: entry.subjectType, subjectId: entry.subjectId, onDate: override.onDate }) : null;
  if (o) {
    appendAudit(tx, actor, { ...entry, decision: "allow", detail: `${entry.detail}; allowed by override #${o.id} (${o.reason})` });
    return { ok: true, overrideId: o.id };
  }
  appendAudit(tx, actor, { ...entry, decision: "deny", detail: entry.detail });
  return { ok: false, rule: entry.rule, message: refusal, field };
}

// ---------------------------------------------------------------- F7: campaign hosts and recipients

/**
 * Rule F7 for one member taking part in a shift, an export or a share: refused when the
 * member is on the independent side of the race and the host or recipient is a campaign,
 * unless counsel's override is in force (F9: two approvals for a joint canvass). The decision
 * is appended to the audit log in the caller's transaction. Call it inside that transaction.
 */
export function checkCampaignCounterparty(
  tx: Tx,
  actor: Actor,
  q: { partnerId: number; affiliateId?: number; raceId: number; counterpartyIsCampaign: boolean; what: "shift" | "export" | "share"; onDate: string; subjectType?: string; subjectId?: number | null; field?: string },
): Decided {
  if (!q.counterpartyIsCampaign) return { ok: true, overrideId: null };
  // an affiliate acts under its own legal type (a 501(c)(3) chapter of a c4 has no side)
  const side = q.affiliateId ? affiliateSide(tx, q.affiliateId, q.raceId) : fieldSide(tx, q.partnerId, q.raceId);
  const refusal = side === "none" ? "A 501(c)(3) member does no partisan field work with a campaign (firewall rule F1)." : campaignHostRefusal(side, true, q.what);
  return decide(
    tx,
    actor,
    { action: `firewall.campaign_${q.what}`, rule: side === "none" ? "F1" : "F7", partnerId: q.partnerId, raceId: q.raceId, subjectType: q.subjectType ?? null, subjectId: q.subjectId ?? null, detail: `${q.what} with a campaign on the ${side} side` },
    refusal,
    side === "none" ? null : { scope: q.what === "shift" ? "joint_canvass" : "campaign_share", onDate: q.onDate },
    q.field,
  );
}

// ---------------------------------------------------------------- F3, F4: walls

export type PersonRef = { userId?: number | null; email?: string | null; name?: string };

/** The wall entries that bar this person from independent-side work in the race on the work date. */
export function activeWalls(db: Tx, coalitionId: number, raceId: number, person: PersonRef, workDate: string, lookbackDays = lengthsAt(db, coalitionId).lookbackDays) {
  const email = person.email?.trim().toLowerCase() || null;
  const who = [person.userId ? eq(walls.userId, person.userId) : null, email ? sql`lower(${walls.email}) = ${email}` : null].filter((c) => c !== null);
  if (who.length === 0) return [];
  return db
    .select()
    .from(walls)
    .where(and(eq(walls.coalitionId, coalitionId), or(...who)))
    .all()
    .filter((w) => wallCoversRace(w, raceId) && wallActiveOn(w, workDate, lookbackDays));
}

/**
 * Rules F3 and F4 for placing a person on field work in a race on a date: refused when the
 * work is on the independent side and the person is walled on that date, unless counsel's
 * override for that wall entry is in force. Audited in the caller's transaction.
 */
export function checkPlacement(
  tx: Tx,
  /** null: a volunteer signing themselves up on a public shift page (issue 14). */
  actor: Actor | null,
  q: { coalitionId: number; raceId: number; partnerId: number; side: Side; workDate: string; person: PersonRef; subjectType?: string; subjectId?: number | null; field?: string },
): Decided {
  const { lookbackDays } = lengthsAt(tx, q.coalitionId);
  const found = q.side === "independent" ? activeWalls(tx, q.coalitionId, q.raceId, q.person, q.workDate, lookbackDays) : [];
  if (found.length === 0) {
    const who = q.person.name || q.person.email || "a person";
    return decide(tx, actor, { action: "firewall.placement", rule: "F4", partnerId: q.partnerId, raceId: q.raceId, subjectType: q.subjectType ?? null, subjectId: q.subjectId ?? null, detail: `${who} on ${q.side}-side work on ${q.workDate}: no wall` }, null, null);
  }
  let overrideId: number | null = null;
  for (const w of found) {
    const rule = w.reason === "campaign_contact" ? "F3" : "F4";
    const why =
      w.reason === "campaign_contact"
        ? "heard a campaign's plans or needs in this race and is walled from independent-side work until the general election"
        : w.reason === "party_service"
          ? `served a party committee${w.lastServiceDate ? ` until ${w.lastServiceDate}` : ""}, which walls every race for ${lookbackDays} days (this table's lookback)`
          : `served a candidate in this race${w.lastServiceDate ? ` until ${w.lastServiceDate}` : ""}, which walls it for ${lookbackDays} days (this table's lookback)`;
    const d = decide(
      tx,
      actor,
      { action: "firewall.placement", rule, partnerId: q.partnerId, raceId: q.raceId, subjectType: "wall", subjectId: w.id, detail: `${w.personName} on independent-side work on ${q.workDate}` },
      `${w.personName} ${why} (firewall rule ${rule}; wall entry #${w.id}). Your counsel can record an override for wall entry #${w.id} with a reason and expiry (rule F9).`,
      { scope: "wall", onDate: q.workDate },
      q.field,
    );
    if (!d.ok) return d;
    overrideId = d.overrideId ?? overrideId;
  }
  return { ok: true, overrideId };
}

// ---------------------------------------------------------------- F5: vendors

/** Rule F5 for a member's use of a vendor in a race from a date. Audited in the caller's transaction. */
export function checkVendorUse(tx: Tx, actor: Actor, q: { vendorId: number; partnerId: number; raceId: number; useDate: string; field?: string }): Decided {
  const vendor = tx.select().from(vendors).where(eq(vendors.id, q.vendorId)).get();
  if (!vendor) return { ok: false, rule: "F5", message: "That vendor is not on the table's list.", field: q.field };
  const clients = tx.select().from(vendorClients).where(eq(vendorClients.vendorId, q.vendorId)).all();
  // a policy counts from the day it was filed, not for uses before it
  const policyFiled = vendor.policyOnFileAt !== null && vendor.policyOnFileAt.slice(0, 10) <= q.useDate;
  const { lookbackDays } = lengthsAt(tx, vendor.coalitionId);
  const needed = vendorNeedsPolicy(clients, q.raceId, q.useDate, lookbackDays);
  const entry = { action: "firewall.vendor_use", rule: "F5", partnerId: q.partnerId, raceId: q.raceId, subjectType: "vendor", subjectId: q.vendorId };
  if (!needed || policyFiled) return decide(tx, actor, { ...entry, detail: policyFiled ? `${vendor.name}: policy on file` : `${vendor.name}: no recent campaign or party service` }, null, null);
  return decide(
    tx,
    actor,
    { ...entry, detail: `${vendor.name} used from ${q.useDate} without a firewall policy on file` },
    `${vendor.name} served a candidate in this race or a party within ${lookbackDays} days (this table's lookback), so its own written firewall policy must be on file before a member uses it here (firewall rule F5). Record the policy on the vendor, or ask your counsel for an override for vendor #${vendor.id} (rule F9).`,
    { scope: "vendor", onDate: q.useDate },
    q.field,
  );
}
