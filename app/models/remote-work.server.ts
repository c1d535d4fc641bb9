import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, programRemoteAffiliates } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { can } from "~/domain/permissions";
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

/**
 * The affiliates of the sub-table's partners outside the race's state that this person may
 * pledge for (their leads, their partners' representatives, the facilitator) and that have not
 * joined yet: the choices of the join form. One read of the member partners' affiliates.
 */
export function remoteCandidates(db: Db, viewer: Viewer, input: { coalitionId: number; detail: { program: { id: number; subCoalitionId: number }; race: { state: string } } }) {
  const { detail, coalitionId } = input;
  const members = memberPartnerIds(db, viewer, { subCoalitionId: detail.program.subCoalitionId });
  const joined = new Set(db.select({ id: programRemoteAffiliates.affiliateId }).from(programRemoteAffiliates).where(eq(programRemoteAffiliates.programId, detail.program.id)).all().map((r) => r.id));
  const may = (a: { id: number; partnerId: number }) => viewer === "system" || can(viewer, { action: "pledge.record", coalitionId, partnerId: a.partnerId, affiliateId: a.id, memberPartnerIds: members }).ok;
  return db
    .select({ id: affiliates.id, name: affiliates.name, state: affiliates.state, partnerId: affiliates.partnerId })
    .from(affiliates)
    .where(and(inArray(affiliates.partnerId, members), ne(affiliates.state, detail.race.state), eq(affiliates.national, false)))
    .orderBy(asc(affiliates.state), asc(affiliates.name))
    .all()
    .filter((a) => !joined.has(a.id) && may(a));
}
