import { and, asc, count, desc, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { firewallPolicies, partners, policyAcknowledgments, users, type FirewallPolicy } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { Principal } from "~/domain/permissions";
import type { Viewer } from "./firewall.server";
import { appendAudit } from "./audit.server";
import { NotFoundError, type Result } from "~/domain/errors";
import { notifyPolicyVersion } from "./notification-kinds.server";

/** Rule F6: members' written firewall policies, their versions and each person's acknowledgment. */

export function currentPolicy(db: Pick<Db, "select">, partnerId: number): FirewallPolicy | null {
  return db.select().from(firewallPolicies).where(eq(firewallPolicies.partnerId, partnerId)).orderBy(desc(firewallPolicies.version)).limit(1).get() ?? null;
}

/** Writes a new version of a member's policy. Every earlier acknowledgment stops counting: they name an older version. */
export function publishPolicy(db: Db, actor: Actor, input: { partnerId: number; title: string; body: string; fileName?: string | null }, now = new Date()): Result<{ policy: FirewallPolicy }> {
  const member = db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.id, input.partnerId)).get();
  if (!member) throw new NotFoundError("Member");
  return db.transaction((tx) => {
    const last = tx.select({ v: max(firewallPolicies.version) }).from(firewallPolicies).where(eq(firewallPolicies.partnerId, input.partnerId)).get()?.v ?? 0;
    const policy = tx
      .insert(firewallPolicies)
      .values({ partnerId: input.partnerId, version: last + 1, title: input.title, body: input.body, fileName: input.fileName ?? null, createdBy: actor.id, createdAt: now.toISOString() })
      .returning()
      .get();
    appendAudit(
      tx,
      actor,
      { action: "firewall.policy_published", decision: "info", rule: "F6", partnerId: input.partnerId, subjectType: "policy", subjectId: policy.id, detail: `${member.name} policy version ${policy.version}${last ? `; acknowledgments of version ${last} and earlier no longer count` : ""}` },
      now,
    );
    notifyPolicyVersion(tx, policy, actor.id, now);
    return { ok: true as const, policy };
  });
}

/** The member a policy version belongs to, or null for an unknown id. */
// every read takes the viewer; this one does not ask it yet
export function policyPartnerId(db: Pick<Db, "select">, _viewer: Viewer, input: { policyId: number }): number | null {
  return db.select({ partnerId: firewallPolicies.partnerId }).from(firewallPolicies).where(eq(firewallPolicies.id, input.policyId)).get()?.partnerId ?? null;
}

/**
 * Records that a person read and acknowledged a policy version. Only the current version
 * may be acknowledged: an acknowledgment of an old one is refused and nothing is written.
 */
export function acknowledgePolicy(db: Db, actor: Actor, input: { policyId: number; version: number }, now = new Date()): Result<{ policy: FirewallPolicy }> {
  const policy = db.select().from(firewallPolicies).where(eq(firewallPolicies.id, input.policyId)).get();
  if (!policy) throw new NotFoundError("Policy");
  const current = currentPolicy(db, policy.partnerId);
  if (!current || current.id !== policy.id || policy.version !== input.version) {
    return {
      ok: false,
      field: "version",
      rule: "F6",
      message: `That is not the current version of this policy (version ${current?.version ?? "?"} is). Read the current version and acknowledge it.`,
    };
  }
  return db.transaction((tx) => {
    const done = tx.select({ id: policyAcknowledgments.id }).from(policyAcknowledgments).where(and(eq(policyAcknowledgments.policyId, policy.id), eq(policyAcknowledgments.userId, actor.id))).get();
    if (!done) {
      tx.insert(policyAcknowledgments).values({ policyId: policy.id, userId: actor.id, at: now.toISOString() }).run();
      appendAudit(tx, actor, { action: "firewall.policy_acknowledged", decision: "info", rule: "F6", partnerId: policy.partnerId, subjectType: "policy", subjectId: policy.id, detail: `version ${policy.version}` }, now);
    }
    return { ok: true as const, policy };
  });
}

/** The policy page of these members: current version, whether the viewer acknowledged it, every version with its count of acknowledgments. */
export function memberPolicies(db: Db, viewer: Principal, input: { partnerIds: readonly number[] }) {
  const { partnerIds } = input;
  if (partnerIds.length === 0) return [];
  const members = db.select({ id: partners.id, name: partners.name, shortName: partners.shortName, legalType: partners.legalType }).from(partners).where(inArray(partners.id, [...partnerIds])).orderBy(asc(partners.name)).all();
  return members.map((m) => {
    const versions = db
      .select({ policy: firewallPolicies, author: users.name, acknowledgments: count(policyAcknowledgments.id) })
      .from(firewallPolicies)
      .leftJoin(users, eq(users.id, firewallPolicies.createdBy))
      .leftJoin(policyAcknowledgments, eq(policyAcknowledgments.policyId, firewallPolicies.id))
      .where(eq(firewallPolicies.partnerId, m.id))
      .groupBy(firewallPolicies.id)
      .orderBy(desc(firewallPolicies.version))
      .all();
    const current = versions[0]?.policy ?? null;
    const acknowledgedAt = current
      ? db.select({ at: policyAcknowledgments.at }).from(policyAcknowledgments).where(and(eq(policyAcknowledgments.policyId, current.id), eq(policyAcknowledgments.userId, viewer.id))).get()?.at ?? null
      : null;
    return {
      member: m,
      current,
      acknowledgedAt,
      versions: versions.map((v) => ({ id: v.policy.id, version: v.policy.version, title: v.policy.title, createdAt: v.policy.createdAt, author: v.author, acknowledgments: v.acknowledgments, fileName: v.policy.fileName })),
    };
  });
}
