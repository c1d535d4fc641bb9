import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliateCoverage, affiliates, canvassPrograms, coalitions, partners, policyAcknowledgments, programAllies, type Invitation } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import type { Principal } from "~/domain/permissions";
import { allyShortName, type AllyInvite } from "~/domain/allies";
import { refuse, type Result } from "~/domain/errors";
import { createAllyLeadInvitation } from "./accounts.server";
import { appendAudit } from "./audit.server";
import { currentPolicy, publishPolicy } from "./policies.server";
import { writeCoverage } from "./partners.server";
import type { CoverageInput } from "~/domain/coverage";
import { getProgram, type ProgramRef } from "./programs.server";

/**
 * Regional allies (issue 13). An ally is an organization at no table and of no partner (a
 * city's independent group): a partners row flagged `ally`, never seated in coalition_partners
 * (so it never counts toward critical mass and never appears in the matrix), with one
 * affiliate row, its organization, that takes part in the programs it joined (program_allies)
 * like a member's affiliate: pledges, shifts, results. Its legal type is on the partner row,
 * so the firewall treats it as any member (F1 for a 501(c)(3), sides, walls).
 */

export type AllyRow = {
  partnerId: number;
  affiliateId: number;
  name: string;
  legalType: string;
  state: string;
  leadName: string | null;
  invitedAt: string;
};

/** The allies that joined a program (a handful; one statement). */
export function programAllyRows(db: Pick<Db, "select">, _viewer: Viewer, input: { programId: number }): AllyRow[] {
  return db
    .select({
      partnerId: partners.id,
      affiliateId: affiliates.id,
      name: affiliates.name,
      legalType: partners.legalType,
      state: affiliates.state,
      leadName: affiliates.leadName,
      invitedAt: programAllies.invitedAt,
    })
    .from(programAllies)
    .innerJoin(partners, and(eq(partners.id, programAllies.partnerId), eq(partners.ally, true)))
    .innerJoin(affiliates, eq(affiliates.partnerId, partners.id))
    .where(eq(programAllies.programId, input.programId))
    .orderBy(asc(affiliates.name))
    .all();
}

/**
 * Invites a regional ally into a program: makes the ally (partner row flagged `ally`, legal
 * type on it) and its organization (one affiliate row, its state), joins it to the program,
 * and issues its lead's account invitation (the affiliate-lead role on that affiliate at this
 * table), with the audit rows, in one IMMEDIATE transaction. The route checks who may.
 */
export function inviteAlly(
  db: Db,
  actor: Actor,
  input: ProgramRef & AllyInvite,
  now = new Date()
): Result<{
  partnerId: number;
  affiliateId: number;
  token: string;
  invitation: Invitation;
}> {
  const detail = getProgram(db, "system", input); // another table's program is a 404
  return db.transaction(
    (tx) => {
      if (tx.select({ id: partners.id }).from(partners).where(eq(partners.name, input.name)).get()) {
        return refuse("name", "An organization of this name is already in Coalition Table: a partner or an ally cannot be invited twice.");
      }
      const prefix = input.name
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 1)
        .toUpperCase();
      const taken = new Set(
        tx
          .select({ s: partners.shortName })
          .from(partners)
          .where(like(partners.shortName, `${prefix}%`))
          .all()
          .map((r) => r.s)
      );
      const partner = tx
        .insert(partners)
        .values({
          name: input.name,
          shortName: allyShortName(input.name, taken),
          legalType: input.legalType,
          ally: true,
          contactName: input.leadName,
          contactEmail: input.leadEmail.toLowerCase(),
        })
        .returning()
        .get();
      const org = tx
        .insert(affiliates)
        .values({
          partnerId: partner.id,
          name: input.name,
          state: input.state,
          legalType: null,
          leadName: input.leadName,
          leadContact: input.leadEmail.toLowerCase(),
        })
        .returning()
        .get();
      tx.insert(programAllies)
        .values({
          programId: input.programId,
          partnerId: partner.id,
          invitedBy: actor.id,
          invitedAt: now.toISOString(),
        })
        .run();
      appendAudit(
        tx,
        actor,
        {
          action: "program.invite_ally",
          decision: "info",
          partnerId: partner.id,
          raceId: detail.race.id,
          subjectType: "partner",
          subjectId: partner.id,
          detail: `${input.name} (${input.legalType}, ${input.state}) joins ${detail.program.name} as a regional ally`,
        },
        now
      );
      const link = createAllyLeadInvitation(
        tx as unknown as Db,
        actor,
        {
          coalitionId: input.coalitionId,
          partnerId: partner.id,
          affiliateId: org.id,
          name: input.leadName,
          email: input.leadEmail,
        },
        now
      );
      return {
        ok: true as const,
        partnerId: partner.id,
        affiliateId: org.id,
        ...link,
      };
    },
    { behavior: "immediate" }
  );
}

/** The programs an ally's lead may open (issue 13), with their names and tables: their way in, since they sit at no table. One statement. */
export function allyProgramLinks(db: Pick<Db, "select">, viewer: Principal) {
  const ids = Object.values(viewer.allyPrograms ?? {}).flatMap((js) => js.map((j) => j.programId));
  if (ids.length === 0) return [];
  return db
    .select({ programId: canvassPrograms.id, coalitionId: canvassPrograms.coalitionId, name: canvassPrograms.name, tableName: coalitions.name })
    .from(canvassPrograms)
    .innerJoin(coalitions, eq(coalitions.id, canvassPrograms.coalitionId))
    .where(inArray(canvassPrograms.id, ids))
    .orderBy(asc(canvassPrograms.name))
    .all();
}

/**
 * The written firewall policy of each ally this person leads in this program (issue 13): an ally
 * has no counsel at the table, so its lead records the policy and acknowledges it here, where it
 * works (F6 asks it before every act, as for any member). At most a few allies: bounded.
 */
export function myAllyPolicies(db: Db, viewer: Principal, input: { programId: number }) {
  const ids = Object.entries(viewer.allyPrograms ?? {})
    .filter(([, js]) => js.some((j) => j.programId === input.programId))
    .map(([partnerId]) => Number(partnerId));
  if (ids.length === 0) return [];
  const rows = db.select({ id: partners.id, name: partners.name }).from(partners).where(and(inArray(partners.id, ids), eq(partners.ally, true))).orderBy(asc(partners.id)).all();
  return rows.map((ally) => {
    const policy = currentPolicy(db, ally.id);
    const acknowledged = policy
      ? !!db.select({ id: policyAcknowledgments.id }).from(policyAcknowledgments).where(and(eq(policyAcknowledgments.policyId, policy.id), eq(policyAcknowledgments.userId, viewer.id))).get()
      : false;
    // its organization and the geography it covers (doors go only where coverage contains them)
    const org = db.select({ id: affiliates.id, state: affiliates.state }).from(affiliates).where(eq(affiliates.partnerId, ally.id)).orderBy(asc(affiliates.id)).get();
    const coverage = org
      ? db.select({ state: affiliateCoverage.state, kind: affiliateCoverage.kind, value: affiliateCoverage.value, locality: affiliateCoverage.locality }).from(affiliateCoverage).where(eq(affiliateCoverage.affiliateId, org.id)).orderBy(asc(affiliateCoverage.kind), asc(affiliateCoverage.value)).all()
      : [];
    return { partnerId: ally.id, name: ally.name, policy: policy ? { id: policy.id, version: policy.version, title: policy.title, body: policy.body } : null, acknowledged, state: org?.state ?? null, coverage };
  });
}

/** The ally's lead records a new version of its written policy (published as any member's is: audited, earlier acknowledgments void). */
export function recordAllyPolicy(db: Db, actor: Actor, input: { partnerId: number; title: string; body: string }): Result<{ policyId: number }> {
  const ally = db.select({ ally: partners.ally }).from(partners).where(eq(partners.id, input.partnerId)).get();
  if (!ally?.ally) return refuse("partnerId", "Only a regional ally records its policy here; a member's counsel publishes it on the firewall pages.");
  const r = publishPolicy(db, actor, input);
  return r.ok ? { ok: true, policyId: r.policy.id } : r;
}

/** The ally's lead sets the geography its organization covers (issue 13), as an affiliate's lead does at its table. */
export function setAllyCoverage(db: Db, actor: Actor, input: { partnerId: number; coverage: CoverageInput }): Result<{ affiliateId: number }> {
  const org = db
    .select({ id: affiliates.id, partnerId: affiliates.partnerId, state: affiliates.state, name: affiliates.name, ally: partners.ally })
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .where(eq(affiliates.partnerId, input.partnerId))
    .orderBy(asc(affiliates.id))
    .get();
  if (!org?.ally) return refuse("partnerId", "Only a regional ally's organization is covered from its program; an affiliate's coverage is kept on its page.");
  writeCoverage(db, actor, org, input.coverage);
  return { ok: true, affiliateId: org.id };
}
