import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, programRemoteAffiliates } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import { getProgram, memberPartnerIds, type ProgramRef } from "./programs.server";

/**
 * Issue 13: an affiliate of one of the sub-table's partners, in another state, joins the
 * program remotely (phone, text and call work; virtual shifts). The route checks that the
 * actor manages the affiliate (shift.manage) or the program (program.manage).
 */
export function joinProgramRemotely(db: Db, actor: Actor, input: ProgramRef & { affiliateId: number }): Result<{ joined: boolean }> {
  const detail = getProgram(db, "system", input);
  const affiliate = db.select().from(affiliates).where(eq(affiliates.id, input.affiliateId)).get();
  const members = new Set(memberPartnerIds(db, "system", { subCoalitionId: detail.program.subCoalitionId }));
  if (!affiliate || !members.has(affiliate.partnerId)) return refuse("affiliateId", "Choose an affiliate of a partner in this sub-table.");
  if (affiliate.state === detail.race.state) return refuse("affiliateId", `${affiliate.name} is in ${detail.race.state}: it takes part in this program already.`);
  return db.transaction(
    (tx) => {
      const done = tx
        .select({ id: programRemoteAffiliates.affiliateId })
        .from(programRemoteAffiliates)
        .where(and(eq(programRemoteAffiliates.programId, input.programId), eq(programRemoteAffiliates.affiliateId, affiliate.id)))
        .get();
      if (done) return { ok: true as const, joined: false };
      tx.insert(programRemoteAffiliates).values({ programId: input.programId, affiliateId: affiliate.id, joinedBy: actor.id }).run();
      appendAudit(tx, actor, { action: "program.join_remote", decision: "info", partnerId: affiliate.partnerId, raceId: detail.race.id, subjectType: "affiliate", subjectId: affiliate.id, detail: `${affiliate.name} (${affiliate.state}) joins remotely` });
      return { ok: true as const, joined: true };
    },
    { behavior: "immediate" },
  );
}

/** The affiliates of the sub-table's partners outside the race's state that the person manages and that have not joined yet: choices for the join form. */
export function remoteCandidates(db: Db, detail: { program: { id: number; subCoalitionId: number }; race: { state: string } }, managed: (a: { id: number; partnerId: number }) => boolean) {
  const members = memberPartnerIds(db, "system", { subCoalitionId: detail.program.subCoalitionId });
  if (members.length === 0) return [];
  const joined = new Set(db.select({ id: programRemoteAffiliates.affiliateId }).from(programRemoteAffiliates).where(eq(programRemoteAffiliates.programId, detail.program.id)).all().map((r) => r.id));
  return db
    .select({ id: affiliates.id, name: affiliates.name, state: affiliates.state, partnerId: affiliates.partnerId })
    .from(affiliates)
    .where(and(inArrayOf(members)))
    .all()
    .filter((a) => a.state !== detail.race.state && !joined.has(a.id) && managed(a));
}

const inArrayOf = (ids: number[]) => inArray(affiliates.partnerId, ids);
