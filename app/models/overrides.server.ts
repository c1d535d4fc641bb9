import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import type { Db } from "../../db/client";
import { firewallOverrides, overrideApprovals, partners, races, users, type FirewallOverride } from "../../db/schema";
import { type OverrideScope } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { ruleOfScope } from "~/domain/counsel-forms";
import { overrideInForce, requiredApprovals } from "~/domain/firewall";
import { appendAudit } from "./audit.server";
import { NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";

/** What kind of thing an override's subject id names, by scope. */
const SUBJECT_TYPE: Record<OverrideScope, string> = { joint_canvass: "shift", campaign_share: "canvassProgram", wall: "wall", vendor: "vendor" };

/**
 * Rule F9: counsel overrides a refusal with a reason, scope and expiry. The counsel who
 * records it is its first approver; a joint canvass with a campaign needs a second approval
 * by another counsel of the same member before it is in force.
 */
export function createOverride(
  db: Db,
  actor: Actor,
  coalitionId: number,
  input: { partnerId: number; raceId: number; scope: OverrideScope; subjectId: number | null; reason: string; expiresOn: string },
  today: string,
  now = new Date(),
): Result<{ override: FirewallOverride }> {
  const race = db.select({ id: races.id }).from(races).where(and(eq(races.id, input.raceId), eq(races.coalitionId, coalitionId))).get();
  if (!race) return { ok: false, field: "raceId", message: "Choose a race of this table." };
  if (input.expiresOn < today) return { ok: false, field: "expiresOn", message: "The expiry date has already passed: choose today or a later date." };
  const needed = requiredApprovals(input.scope);
  return db.transaction((tx) => {
    const override = tx
      .insert(firewallOverrides)
      .values({
        partnerId: input.partnerId,
        rule: ruleOfScope(input.scope),
        scope: input.scope,
        raceId: race.id,
        subjectType: input.subjectId === null ? null : SUBJECT_TYPE[input.scope],
        subjectId: input.subjectId,
        reason: input.reason,
        expiresOn: input.expiresOn,
        requiredApprovals: needed,
        createdBy: actor.id,
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    tx.insert(overrideApprovals).values({ overrideId: override.id, userId: actor.id, at: now.toISOString() }).run();
    appendAudit(
      tx,
      actor,
      {
        action: "firewall.override",
        decision: "info",
        rule: "F9",
        partnerId: input.partnerId,
        raceId: race.id,
        subjectType: "override",
        subjectId: override.id,
        detail: `${override.rule} ${input.scope} until ${input.expiresOn}; approval 1 of ${needed}: ${input.reason}`,
      },
      now,
    );
    return { ok: true as const, override };
  });
}

function loadOverride(db: Pick<Db, "select">, overrideId: number, partnerIds: readonly number[]) {
  const o = db.select().from(firewallOverrides).where(eq(firewallOverrides.id, overrideId)).get();
  if (!o || !partnerIds.includes(o.partnerId)) throw new NotFoundError("Override");
  return o;
}

/** A further counsel approval. The same person cannot approve twice; a revoked override cannot be approved. */
export function approveOverride(db: Db, actor: Actor, overrideId: number, partnerIds: readonly number[], now = new Date()): Result<{ override: FirewallOverride }> {
  const o = loadOverride(db, overrideId, partnerIds);
  if (o.revokedAt) return { ok: false, message: "This override was revoked; record a new one." };
  return db.transaction((tx) => {
    const approvers = tx.select({ userId: overrideApprovals.userId }).from(overrideApprovals).where(eq(overrideApprovals.overrideId, o.id)).all();
    if (approvers.some((a) => a.userId === actor.id)) return { ok: false as const, message: "You have already approved this override; a second approval must come from another counsel of the member." };
    tx.insert(overrideApprovals).values({ overrideId: o.id, userId: actor.id, at: now.toISOString() }).run();
    appendAudit(tx, actor, { action: "firewall.override_approved", decision: "info", rule: "F9", partnerId: o.partnerId, raceId: o.raceId, subjectType: "override", subjectId: o.id, detail: `approval ${approvers.length + 1} of ${o.requiredApprovals}` }, now);
    return { ok: true as const, override: o };
  });
}

export function revokeOverride(db: Db, actor: Actor, overrideId: number, partnerIds: readonly number[], now = new Date()): Result<{ override: FirewallOverride }> {
  const o = loadOverride(db, overrideId, partnerIds);
  if (o.revokedAt) return { ok: true, override: o };
  return db.transaction((tx) => {
    tx.update(firewallOverrides).set({ revokedAt: now.toISOString(), revokedBy: actor.id }).where(eq(firewallOverrides.id, o.id)).run();
    appendAudit(tx, actor, { action: "firewall.override_revoked", decision: "info", rule: "F9", partnerId: o.partnerId, raceId: o.raceId, subjectType: "override", subjectId: o.id, detail: o.reason }, now);
    return { ok: true as const, override: o };
  });
}

/**
 * One page of the overrides of these members at a table, newest first (DESIGN.md "Scale":
 * keyset-paged by id, the total counted in SQL), with approvers and whether each is in force today.
 */
// every read takes the viewer; this one does not ask it yet (the route passes the members the viewer is counsel for)
export function pageOverrides(db: Db, _viewer: Viewer, input: { coalitionId: number; partnerIds: readonly number[]; today: string; cursor?: Cursor | null; limit?: number }) {
  const { coalitionId, partnerIds, today } = input;
  const limit = input.limit ?? PAGE_SIZE;
  if (partnerIds.length === 0) return { rows: [], total: 0, prev: null, next: null };
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 1 && typeof k[0] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const where = and(eq(races.coalitionId, coalitionId), inArray(firewallOverrides.partnerId, [...partnerIds]));
  const keyCond = cursor ? (backwards ? gt(firewallOverrides.id, cursor.key[0] as number) : lt(firewallOverrides.id, cursor.key[0] as number)) : undefined;
  const fetched = db
    .select({ o: firewallOverrides, member: partners.shortName, raceOffice: races.office, raceState: races.state, raceDistrict: races.district, author: users.name })
    .from(firewallOverrides)
    .innerJoin(races, eq(races.id, firewallOverrides.raceId))
    .innerJoin(partners, eq(partners.id, firewallOverrides.partnerId))
    .leftJoin(users, eq(users.id, firewallOverrides.createdBy))
    .where(and(where, keyCond))
    .orderBy(backwards ? asc(firewallOverrides.id) : desc(firewallOverrides.id))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (r) => [r.o.id]);
  const rows = page.rows;
  const total = db.select({ n: sql<number>`count(*)` }).from(firewallOverrides).innerJoin(races, eq(races.id, firewallOverrides.raceId)).where(where).get()?.n ?? 0;
  const ids = rows.map((r) => r.o.id);
  const approvals = ids.length
    ? db
        .select({ overrideId: overrideApprovals.overrideId, userId: overrideApprovals.userId, name: users.name, at: overrideApprovals.at })
        .from(overrideApprovals)
        .innerJoin(users, eq(users.id, overrideApprovals.userId))
        .where(inArray(overrideApprovals.overrideId, ids))
        .orderBy(asc(overrideApprovals.id))
        .all()
    : [];
  const list = rows.map((r) => {
    const mine = approvals.filter((a) => a.overrideId === r.o.id);
    return {
      ...r.o,
      member: r.member,
      race: [r.raceOffice, r.raceState, r.raceDistrict].filter(Boolean).join(" "),
      author: r.author,
      approvals: mine.map((a) => ({ userId: a.userId, name: a.name, at: a.at })),
      inForce: overrideInForce({ ...r.o, approvers: mine.map((a) => a.userId) }, today),
      expired: r.o.expiresOn < today,
    };
  });
  return { rows: list, total, prev: page.prev, next: page.next };
}
