import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accountDedications, affiliates, partners, roleGrants, users } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { ACCOUNT_LABELS, checkDedication } from "~/domain/firewall";
import { NotFoundError, type Result } from "~/domain/errors";
import type { Account } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";

/**
 * Hybrid PAC accounts (issue 18): counsel of a hybrid PAC dedicates one of its people to the
 * contribution account or to the non-contribution (independent-expenditure) account. The
 * firewall's gate (firewall.server.ts membersOf) then counts that account's side only for the
 * person; a person on both accounts is walled by the independent one.
 */

/** How many of a member's people the accounts page lists (a member's staff, not a table's). */
export const DEDICATION_PEOPLE_MAX = 200;

/** The member's people (by a grant not revoked: its representatives, counsel, its affiliates' leads). */
function peopleOf(db: Pick<Db, "selectDistinct">, partnerId: number, userId?: number) {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .where(and(isNull(roleGrants.revokedAt), or(eq(roleGrants.partnerId, partnerId), eq(affiliates.partnerId, partnerId)), userId ? eq(users.id, userId) : undefined))
    .orderBy(asc(users.name), asc(users.id))
    .limit(DEDICATION_PEOPLE_MAX)
    .all();
}

/** The hybrid PACs among these members, each with its people and the account each stands on. Three statements. */
// the route has checked the viewer is counsel of these members
export function listDedications(db: Db, _viewer: Viewer, input: { partnerIds: readonly number[] }) {
  if (input.partnerIds.length === 0) return [];
  const members = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName })
    .from(partners)
    .where(and(inArray(partners.id, [...input.partnerIds]), eq(partners.legalType, "hybrid_pac")))
    .orderBy(asc(partners.name))
    .all();
  if (members.length === 0) return [];
  const ids = members.map((m) => m.id);
  const rows = db
    .select({ partnerId: accountDedications.partnerId, userId: accountDedications.userId, account: accountDedications.account, reason: accountDedications.reason, setAt: accountDedications.setAt })
    .from(accountDedications)
    .where(inArray(accountDedications.partnerId, ids))
    .all();
  const people = db
    .selectDistinct({ partnerId: sql<number>`coalesce(${roleGrants.partnerId}, ${affiliates.partnerId})`, id: users.id, name: users.name, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .where(and(isNull(roleGrants.revokedAt), or(inArray(roleGrants.partnerId, ids), inArray(affiliates.partnerId, ids))))
    .orderBy(asc(users.name), asc(users.id))
    .limit(DEDICATION_PEOPLE_MAX * ids.length)
    .all();
  return members.map((m) => ({
    member: m,
    people: people
      .filter((p) => p.partnerId === m.id)
      .map((p) => {
        const d = rows.find((r) => r.partnerId === m.id && r.userId === p.id);
        return { id: p.id, name: p.name, email: p.email, account: (d?.account ?? null) as Account | null, reason: d?.reason ?? "", setAt: d?.setAt ?? null };
      }),
  }));
}

/**
 * Dedicates a hybrid PAC's person to one account, or (`both`) puts them back on both. Only a
 * hybrid PAC's own people; audited in the same IMMEDIATE transaction.
 */
export function dedicateAccount(
  db: Db,
  actor: Actor,
  input: { partnerId: number; userId: number; account: "both" | "contribution" | "non_contribution"; reason: string | null },
  now: Date = new Date(),
): Result<{ account: Account | null }> {
  return db.transaction(
    (tx): Result<{ account: Account | null }> => {
      const member = tx.select({ id: partners.id, name: partners.name, legalType: partners.legalType }).from(partners).where(eq(partners.id, input.partnerId)).get();
      if (!member) throw new NotFoundError("Member");
      const before = tx.select().from(accountDedications).where(and(eq(accountDedications.partnerId, input.partnerId), eq(accountDedications.userId, input.userId))).get();
      // "both" is never refused: it confirms the person stands on every account of the member (as
      // every person of a member that is not a hybrid PAC does), and counsel's confirmation is recorded
      if (input.account !== "both") {
        const problem = checkDedication(member.legalType, input.account);
        if (problem) return { ok: false, field: "account", message: problem };
      }
      const person = peopleOf(tx, input.partnerId, input.userId)[0];
      if (!person) return { ok: false, field: "userId", message: `Choose one of ${member.name}'s people.` };
      const reason = input.reason ?? "";
      if (input.account === "both") {
        if (before) tx.delete(accountDedications).where(eq(accountDedications.id, before.id)).run();
      } else {
        tx.insert(accountDedications)
          .values({ partnerId: input.partnerId, userId: input.userId, account: input.account, reason, setBy: actor.id, setAt: now.toISOString() })
          .onConflictDoUpdate({ target: [accountDedications.userId, accountDedications.partnerId], set: { account: input.account, reason, setBy: actor.id, setAt: now.toISOString() } })
          .run();
      }
      const label = (a: string | null | undefined) => (a && a !== "both" ? ACCOUNT_LABELS[a as Account] : "both accounts");
      appendAudit(
        tx,
        actor,
        {
          action: "firewall.account_dedication",
          decision: "info",
          rule: "F2",
          partnerId: input.partnerId,
          subjectType: "user",
          subjectId: input.userId,
          detail: `${person.name}: ${label(before?.account)} → ${label(input.account)}${!before && input.account === "both" ? " (confirmed)" : ""}${reason ? `; ${reason}` : ""}`,
        },
        now,
      );
      return { ok: true as const, account: input.account === "both" ? null : input.account };
    },
    { behavior: "immediate" },
  );
}
