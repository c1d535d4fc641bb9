import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, firewallPolicies, partners, policyAcknowledgments, roleGrants, shiftCoHosts, shifts, subCoalitionMembers } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { Refusal } from "~/domain/errors";
import { appendAudit } from "./audit.server";

type Tx = Pick<Db, "select" | "selectDistinct" | "insert">;

/** The acts in a race's work that ask rule F6 (the audit row's subject and the refusal's wording). */
export type PolicyAct = "stance" | "pledge" | "signup" | "export" | "shift" | "attendance" | "results" | "turf" | "process" | "outside_support";

const ACT_WORDS: Record<PolicyAct, string> = {
  stance: "record a stance",
  pledge: "pledge",
  signup: "sign volunteers up",
  export: "export",
  shift: "schedule or change a shift",
  attendance: "take attendance",
  results: "record results",
  turf: "change the program's turf",
  process: "record where a candidate stands in its endorsement process",
  outside_support: "record a candidate's support from outside the table",
};

/**
 * Whether this person acts for the member: its representative or counsel, or the lead of one
 * of its affiliates, by a grant not revoked. Read from the grants table inside the act's
 * transaction (not from the session's copy), so a grant given a moment ago counts.
 */
function actsFor(tx: Tx, userId: number, partnerId: number): boolean {
  const row = tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, userId),
        isNull(roleGrants.revokedAt),
        or(
          and(inArray(roleGrants.role, ["partner_rep", "counsel"]), eq(roleGrants.partnerId, partnerId)),
          and(eq(roleGrants.role, "affiliate_lead"), sql`${roleGrants.affiliateId} in (select ${affiliates.id} from ${affiliates} where ${affiliates.partnerId} = ${partnerId})`),
        ),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

/**
 * Rule F6 on an act, not only on a page visit: a person acting for the member must have
 * acknowledged the member's current written policy (and the member must have one) before
 * recording a stance, pledging, signing volunteers up, exporting or scheduling a shift in a
 * race. Call it inside the act's own IMMEDIATE transaction, before the write: a policy
 * published a moment before the act voids the acknowledgment it relied on. Neutral staff (a
 * facilitator acting on the member's behalf) are not the member's people and pass. A refusal
 * is appended to the audit log (deny, F6) in the caller's transaction and names the version
 * to acknowledge; a pass writes nothing of its own (the act's own audit row records it).
 */
export function checkPolicyForAct(
  tx: Tx,
  actor: Actor,
  q: { coalitionId: number; partnerId: number; raceId: number; act: PolicyAct; subjectType?: string | null; subjectId?: number | null; now?: Date },
): { ok: true } | (Refusal & { rule: "F6" }) {
  if (!actsFor(tx, actor.id, q.partnerId)) return { ok: true };
  const current = tx
    .select({ id: firewallPolicies.id, version: firewallPolicies.version })
    .from(firewallPolicies)
    .where(eq(firewallPolicies.partnerId, q.partnerId))
    .orderBy(desc(firewallPolicies.version))
    .limit(1)
    .get();
  if (current) {
    const acked = tx
      .select({ id: policyAcknowledgments.id })
      .from(policyAcknowledgments)
      .where(and(eq(policyAcknowledgments.policyId, current.id), eq(policyAcknowledgments.userId, actor.id)))
      .get();
    if (acked) return { ok: true };
  }
  const name = tx.select({ name: partners.name }).from(partners).where(eq(partners.id, q.partnerId)).get()?.name ?? `Member ${q.partnerId}`;
  const message = current
    ? `Before you ${ACT_WORDS[q.act]} for ${name}, read and acknowledge version ${current.version} of its firewall policy (firewall rule F6). What you typed is kept: you come back here after the acknowledgment.`
    : `${name} has no written firewall policy yet, so no one acting for it may ${ACT_WORDS[q.act]} (firewall rule F6). Its counsel must publish one first.`;
  appendAudit(
    tx,
    actor,
    {
      action: `firewall.policy_act`,
      decision: "deny",
      rule: "F6",
      partnerId: q.partnerId,
      raceId: q.raceId,
      subjectType: q.subjectType ?? null,
      subjectId: q.subjectId ?? null,
      detail: current ? `${q.act} refused: version ${current.version} not acknowledged` : `${q.act} refused: no written policy`,
    },
    q.now,
  );
  return {
    ok: false,
    rule: "F6",
    field: "_form",
    message,
    acknowledge: { coalitionId: q.coalitionId, partnerId: q.partnerId, partnerName: name, policyId: current?.id ?? null, version: current?.version ?? null },
  };
}

/**
 * Rule F6 on an act done as a shift's host or co-host (attendance, results): the person must have
 * acknowledged the current policy of each member they act for among the shift's host and
 * co-hosts. The hosts' members are read in one statement, inside the act's transaction.
 */
export function checkPolicyForShiftAct(
  tx: Tx,
  actor: Actor,
  q: { coalitionId: number; shiftId: number; raceId: number; act: PolicyAct; now?: Date },
): { ok: true } | (Refusal & { rule: "F6" }) {
  const hosts = tx
    .selectDistinct({ partnerId: affiliates.partnerId })
    .from(affiliates)
    .where(
      or(
        inArray(affiliates.id, tx.select({ id: shifts.hostAffiliateId }).from(shifts).where(eq(shifts.id, q.shiftId))),
        inArray(affiliates.id, tx.select({ id: shiftCoHosts.affiliateId }).from(shiftCoHosts).where(eq(shiftCoHosts.shiftId, q.shiftId))),
      ),
    )
    .all();
  return checkPolicyForMembers(tx, actor, hosts.map((h) => h.partnerId), { coalitionId: q.coalitionId, raceId: q.raceId, act: q.act, subjectType: "shift", subjectId: q.shiftId, now: q.now });
}

/**
 * Rule F6 on an act on a program's turf (add, edit, delete, import, move, lock): the person must
 * have acknowledged the current policy of each member of the program's sub-table they act for
 * (a facilitator, neutral staff, passes). The members are read in one statement, in the act's
 * transaction.
 */
export function checkPolicyForProgramAct(
  tx: Tx,
  actor: Actor,
  q: { coalitionId: number; subCoalitionId: number; raceId: number; act: PolicyAct; subjectType?: string | null; subjectId?: number | null; now?: Date },
): { ok: true } | (Refusal & { rule: "F6" }) {
  const members = tx
    .selectDistinct({ partnerId: subCoalitionMembers.partnerId })
    .from(subCoalitionMembers)
    .where(and(eq(subCoalitionMembers.subCoalitionId, q.subCoalitionId), isNull(subCoalitionMembers.leftAt)))
    .all();
  return checkPolicyForMembers(tx, actor, members.map((m) => m.partnerId), q);
}

/** Rule F6 for an act done for several members at once: the first member whose policy the person has not acknowledged refuses it. */
export function checkPolicyForMembers(
  tx: Tx,
  actor: Actor,
  partnerIds: Iterable<number>,
  q: { coalitionId: number; raceId: number; act: PolicyAct; subjectType?: string | null; subjectId?: number | null; now?: Date },
): { ok: true } | (Refusal & { rule: "F6" }) {
  for (const partnerId of new Set(partnerIds)) {
    const f6 = checkPolicyForAct(tx, actor, { ...q, partnerId });
    if (!f6.ok) return f6;
  }
  return { ok: true };
}
