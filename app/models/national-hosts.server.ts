import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, partners, programRemoteAffiliates } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import { refuse, type Result } from "~/domain/errors";
import { can } from "~/domain/permissions";
import { NATIONAL_OFFICE_STATE, nationalOfficeName } from "~/domain/remote-work";
import { appendAudit } from "./audit.server";
import { getProgram, memberPartnerIds, type ProgramRef } from "./programs.server";

/**
 * National hosts (issue 13). A partner's national staff host, co-host, recruit and pledge as
 * the partner itself through its national office: an affiliate row flagged `national`, with no
 * legal type of its own (so it acts under the partner's, and the partner's side in each race),
 * no coverage (it takes no walk packets) and the state "US". It is made the first time it is
 * needed and joins a program like a chapter from another state, so every rule written for
 * affiliates (the firewall's F1, F3, F4 and F7 checks, the split, credit) applies unchanged.
 */

/** The partner's national office, or null before its staff first take part. */
export function nationalOffice(db: Pick<Db, "select">, _viewer: Viewer, input: { partnerId: number }) {
  return db.select().from(affiliates).where(and(eq(affiliates.partnerId, input.partnerId), eq(affiliates.national, true))).get() ?? null;
}

/**
 * The sub-table's partners whose national staff this person may bring into the program (a
 * partner's representative, the facilitator, the admin: partner.manage) and whose national
 * office has not joined it yet. Two statements whatever the data.
 */
export function nationalChoices(db: Db, viewer: Viewer, input: { coalitionId: number; detail: { program: { id: number; subCoalitionId: number } } }) {
  const members = memberPartnerIds(db, viewer, { subCoalitionId: input.detail.program.subCoalitionId });
  if (members.length === 0) return [];
  const rows = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName, officeId: affiliates.id, joined: programRemoteAffiliates.programId })
    .from(partners)
    .leftJoin(affiliates, and(eq(affiliates.partnerId, partners.id), eq(affiliates.national, true)))
    .leftJoin(programRemoteAffiliates, and(eq(programRemoteAffiliates.affiliateId, affiliates.id), eq(programRemoteAffiliates.programId, input.detail.program.id)))
    .where(inArray(partners.id, members))
    .orderBy(partners.shortName)
    .all();
  return rows.filter((r) => r.joined === null && (viewer === "system" || can(viewer, { action: "partner.manage", coalitionId: input.coalitionId, partnerId: r.id }).ok)).map((r) => ({ id: r.id, name: r.name, shortName: r.shortName }));
}

/**
 * Brings a sub-table partner's national staff into the program: makes its national office if
 * it has none, and joins it, with the audit row, in one IMMEDIATE transaction. The route checks
 * partner.manage for the partner.
 */
export function joinProgramAsNational(db: Db, actor: Actor, input: ProgramRef & { partnerId: number }): Result<{ officeId: number; joined: boolean }> {
  const detail = getProgram(db, "system", input);
  const members = new Set(memberPartnerIds(db, "system", { subCoalitionId: detail.program.subCoalitionId }));
  if (!members.has(input.partnerId)) return refuse("partnerId", "Choose a partner in this sub-table.");
  return db.transaction(
    (tx) => {
      const partner = tx.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.id, input.partnerId)).get();
      if (!partner) return refuse("partnerId", "Choose a partner in this sub-table.");
      let office = nationalOffice(tx, "system", { partnerId: partner.id });
      if (!office) {
        office = tx.insert(affiliates).values({ partnerId: partner.id, name: nationalOfficeName(partner.name), state: NATIONAL_OFFICE_STATE, legalType: null, national: true }).returning().get();
      }
      const done = tx
        .select({ id: programRemoteAffiliates.affiliateId })
        .from(programRemoteAffiliates)
        .where(and(eq(programRemoteAffiliates.programId, input.programId), eq(programRemoteAffiliates.affiliateId, office.id)))
        .get();
      if (done) return { ok: true as const, officeId: office.id, joined: false };
      tx.insert(programRemoteAffiliates).values({ programId: input.programId, affiliateId: office.id, joinedBy: actor.id }).run();
      appendAudit(tx, actor, { action: "program.join_national", decision: "info", partnerId: partner.id, raceId: detail.race.id, subjectType: "affiliate", subjectId: office.id, detail: `${office.name} take part as the partner itself` });
      return { ok: true as const, officeId: office.id, joined: true };
    },
    { behavior: "immediate" },
  );
}
