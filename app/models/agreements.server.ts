import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreementSignoffs, agreementVersions, agreements, partners, subCoalitionMembers, subCoalitions, users, type AgreementVersion } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { appendAudit } from "./audit.server";
import { NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { getSubCoalition } from "./sub-coalitions.server";
import type { Tx } from "./meetings.server";

export type AgreementText = Pick<AgreementVersion, "decidesTogether" | "eachKeeps" | "workAndCredit" | "actingAlone">;

function currentMembers(db: Db, subCoalitionId: number): number[] {
  return db
    .select({ partnerId: subCoalitionMembers.partnerId })
    .from(subCoalitionMembers)
    .where(and(eq(subCoalitionMembers.subCoalitionId, subCoalitionId), isNull(subCoalitionMembers.leftAt)))
    .all()
    .map((m) => m.partnerId);
}

/**
 * A sub-table's written agreement: every version, newest first, with each member's
 * sign-off. Only the newest version can be signed; a new version starts with no sign-offs.
 */
export function getAgreement(db: Db, viewer: Viewer, input: { coalitionId: number; subCoalitionId: number; today: string }) {
  const { subCoalitionId } = input;
  const { subTable, members, race } = getSubCoalition(db, viewer, input);
  const agreement = db.select().from(agreements).where(eq(agreements.subCoalitionId, subCoalitionId)).get() ?? null;
  const versions = agreement
    ? db
        .select({ version: agreementVersions, authorName: users.name })
        .from(agreementVersions)
        .leftJoin(users, eq(users.id, agreementVersions.createdBy))
        .where(eq(agreementVersions.agreementId, agreement.id))
        .orderBy(desc(agreementVersions.version))
        .all()
    : [];
  const signoffs = agreement
    ? db
        .select({ versionId: agreementSignoffs.versionId, partnerId: agreementSignoffs.partnerId, shortName: partners.shortName, signedAt: agreementSignoffs.signedAt, signerName: users.name })
        .from(agreementSignoffs)
        .innerJoin(agreementVersions, eq(agreementVersions.id, agreementSignoffs.versionId))
        .innerJoin(partners, eq(partners.id, agreementSignoffs.partnerId))
        .leftJoin(users, eq(users.id, agreementSignoffs.signedBy))
        .where(eq(agreementVersions.agreementId, agreement.id))
        .orderBy(asc(partners.shortName))
        .all()
    : [];
  const list = versions.map(({ version, authorName }, i) => ({
    ...version,
    authorName,
    current: i === 0,
    signoffs: signoffs.filter((s) => s.versionId === version.id),
  }));
  const current = list[0] ?? null;
  const signed = new Set(current?.signoffs.map((s) => s.partnerId) ?? []);
  return {
    subTable,
    race,
    members: members.map((m) => ({ partnerId: m.partnerId, shortName: m.partnerShortName, name: m.partnerName, signed: signed.has(m.partnerId) })),
    versions: list,
    current,
  };
}

/** Writes a new version of the agreement (the first creates it). Earlier sign-offs stay on their versions. */
export function saveAgreementVersion(db: Db, actor: Actor, coalitionId: number, subCoalitionId: number, text: AgreementText, now: Date = new Date()): Result<{ version: AgreementVersion }> {
  const sub = db.select().from(subCoalitions).where(and(eq(subCoalitions.id, subCoalitionId), eq(subCoalitions.coalitionId, coalitionId))).get();
  if (!sub) throw new NotFoundError("Sub-table");
  return db.transaction((tx) => ({ ok: true as const, version: writeAgreementVersion(tx, actor, subCoalitionId, text, now) }));
}

/**
 * Inside the caller's transaction: the agreement's next version (the first creates the
 * agreement), on the audit log. A member's accepted change goes through here too (issue 17).
 */
export function writeAgreementVersion(tx: Tx, actor: Actor, subCoalitionId: number, text: AgreementText, now: Date, detail = ""): AgreementVersion {
  const agreement =
    tx.select().from(agreements).where(eq(agreements.subCoalitionId, subCoalitionId)).get() ??
    tx.insert(agreements).values({ subCoalitionId, createdBy: actor.id, createdAt: now.toISOString() }).returning().get();
  const last = tx.select({ version: agreementVersions.version }).from(agreementVersions).where(eq(agreementVersions.agreementId, agreement.id)).orderBy(desc(agreementVersions.version)).limit(1).get();
  const version = tx
    .insert(agreementVersions)
    .values({ agreementId: agreement.id, version: (last?.version ?? 0) + 1, ...text, createdBy: actor.id, createdAt: now.toISOString() })
    .returning()
    .get();
  appendAudit(tx, actor, { action: "agreement.version", decision: "allow", subjectType: "sub_table", subjectId: subCoalitionId, detail: `version ${version.version}${detail}` }, now);
  return version;
}

/**
 * A member partner signs off a version. Refused with a field error (nothing written) when
 * the version is not the current one, the partner is not a current member, or it already signed.
 */
export function signOffAgreement(db: Db, actor: Actor, coalitionId: number, subCoalitionId: number, input: { versionId: number; partnerId: number }, now: Date = new Date()): Result<object> {
  const sub = db.select().from(subCoalitions).where(and(eq(subCoalitions.id, subCoalitionId), eq(subCoalitions.coalitionId, coalitionId))).get();
  if (!sub) throw new NotFoundError("Sub-table");
  const agreement = db.select().from(agreements).where(eq(agreements.subCoalitionId, subCoalitionId)).get();
  const current = agreement
    ? db.select().from(agreementVersions).where(eq(agreementVersions.agreementId, agreement.id)).orderBy(desc(agreementVersions.version)).limit(1).get()
    : undefined;
  if (!current) return { ok: false, field: "versionId", message: "There is no agreement to sign yet." };
  if (current.id !== input.versionId) {
    return { ok: false, field: "versionId", message: `This is not the current version: version ${current.version} replaced it. Read the current version and sign that.` };
  }
  if (!currentMembers(db, subCoalitionId).includes(input.partnerId)) return { ok: false, field: "partnerId", message: "Only a current member of this sub-table signs its agreement." };
  const already = db.select({ id: agreementSignoffs.id }).from(agreementSignoffs).where(and(eq(agreementSignoffs.versionId, current.id), eq(agreementSignoffs.partnerId, input.partnerId))).get();
  if (already) return { ok: false, field: "partnerId", message: "This partner has already signed this version." };
  db.transaction((tx) => {
    tx.insert(agreementSignoffs).values({ versionId: current.id, partnerId: input.partnerId, signedBy: actor.id, signedAt: now.toISOString() }).run();
    appendAudit(tx, actor, { action: "agreement.signoff", decision: "allow", partnerId: input.partnerId, subjectType: "sub_table", subjectId: subCoalitionId, detail: `version ${current.version}` }, now);
  });
  return { ok: true };
}
