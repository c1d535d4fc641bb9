import { and, asc, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  affiliateCoverage,
  affiliates,
  coalitionPartners,
  currentStances,
  partners,
  type Affiliate,
  type AffiliateCoverage,
  type Partner,
  programAllies,
  programRemoteAffiliates,
  raceAreas,
} from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { affiliateFields, coverageAreas, coverageKey, type CoverageInput } from "~/domain/coverage";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { effectiveLegalType } from "~/domain/legal-types";
import { appendAudit } from "./audit.server";
import { markSplitsStale } from "./split-stale.server";
import { coalitionRow } from "./coalitions.server";
import type { Viewer } from "./firewall.server";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";

export type PartnerInput = Pick<Partner, "name" | "shortName" | "legalType" | "website" | "contactName" | "contactEmail">;
export type AffiliateInput = Pick<Affiliate, "partnerId" | "name" | "state" | "legalType" | "leadName" | "leadContact"> & CoverageInput;

/** Partners seated at a table, with their affiliate counts. */
// every read takes the viewer; this one does not ask it yet
export function listPartners(db: Db, _viewer: Viewer, input: { coalitionId: number }) {
  return db
    .select({
      id: partners.id,
      name: partners.name,
      shortName: partners.shortName,
      legalType: partners.legalType,
      website: partners.website,
      affiliateCount: sql<number>`(select count(*) from affiliates a where a.partner_id = "partners"."id")`,
    })
    .from(partners)
    .innerJoin(coalitionPartners, eq(coalitionPartners.partnerId, partners.id))
    .where(eq(coalitionPartners.coalitionId, input.coalitionId))
    .orderBy(asc(partners.name))
    .all();
}

/** Partners not yet seated at this table (to seat an existing partner). */
// every read takes the viewer; this one does not ask it yet
export function listUnseatedPartners(db: Db, _viewer: Viewer, input: { coalitionId: number }): Partner[] {
  return db
    .select()
    .from(partners)
    .where(
      sql`"partners"."id" not in (select cp.partner_id from coalition_partners cp where cp.coalition_id = ${input.coalitionId})`,
    )
    .orderBy(asc(partners.name))
    .all();
}

/** Whether a partner sits at this table. */
// every read takes the viewer; this one does not ask it yet
export function isSeated(db: Db, _viewer: Viewer, input: { coalitionId: number; partnerId: number }): boolean {
  return seated(db, input.coalitionId, input.partnerId);
}

function seated(db: Db, coalitionId: number, partnerId: number): boolean {
  return !!db
    .select({ p: coalitionPartners.partnerId })
    .from(coalitionPartners)
    .where(and(eq(coalitionPartners.coalitionId, coalitionId), eq(coalitionPartners.partnerId, partnerId)))
    .get();
}

/** A partner as seen from one table: 404 unless it sits there. */
// every read takes the viewer; this one does not ask it yet
export function getPartner(db: Db, _viewer: Viewer, input: { coalitionId: number; partnerId: number }) {
  const { partnerId } = input;
  const partner = seatedPartner(db, input.coalitionId, partnerId);
  const seats = db
    .select({ coalitionId: coalitionPartners.coalitionId })
    .from(coalitionPartners)
    .where(eq(coalitionPartners.partnerId, partnerId))
    .all()
    .map((r) => r.coalitionId);
  const partnerAffiliates = db.select().from(affiliates).where(eq(affiliates.partnerId, partnerId)).orderBy(asc(affiliates.state), asc(affiliates.name)).all();
  return { partner, seats, affiliates: partnerAffiliates };
}

function seatedPartner(db: Db, coalitionId: number, partnerId: number): Partner {
  const partner = db.select().from(partners).where(eq(partners.id, partnerId)).get();
  if (!partner || !seated(db, coalitionId, partnerId)) throw new NotFoundError("Partner");
  return partner;
}

function partnerConflict(err: unknown): Result<never> | null {
  if (!isUniqueViolation(err)) return null;
  const msg = String((err as Error).message);
  if (msg.includes("short_name")) return { ok: false, field: "shortName", message: "Another partner already uses this short name." };
  return { ok: false, field: "name", message: "A partner with this name already exists." };
}

/** Creates a partner and seats it at the table, in one transaction. */
export function createPartner(db: Db, actor: Actor, coalitionId: number, input: PartnerInput): Result<{ partner: Partner }> {
  coalitionRow(db, coalitionId);
  try {
    return db.transaction((tx) => {
      const partner = tx.insert(partners).values(input).returning().get();
      tx.insert(coalitionPartners).values({ coalitionId, partnerId: partner.id }).run();
      appendAudit(tx, actor, { action: "partner.create", decision: "info", partnerId: partner.id, subjectType: "coalition", subjectId: coalitionId, detail: input.name });
      return { ok: true as const, partner };
    });
  } catch (err) {
    const conflict = partnerConflict(err);
    if (conflict) return conflict;
    throw err;
  }
}

/** How many stances of a partner (or one of its affiliates) currently stand at "endorsed". */
function standingEndorsements(db: Db, where: { partnerId: number; affiliateId?: number }): number {
  // from the projection of the stance history (current_stances), which the stance's own transaction keeps
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(currentStances)
      .where(
        and(
          eq(currentStances.partnerId, where.partnerId),
          where.affiliateId ? eq(currentStances.holderAffiliate, where.affiliateId) : undefined,
          eq(currentStances.stance, "endorsed"),
        ),
      )
      .get()?.n ?? 0
  );
}

const C3_WITH_ENDORSEMENTS = (n: number) => ({
  ok: false as const,
  field: "legalType",
  rule: "F1",
  message: `A 501(c)(3) may not hold endorsements (firewall rule F1), and ${n} endorsement${n === 1 ? " stands" : "s stand"} in this name. Withdraw ${n === 1 ? "it" : "them"} first, then change the legal type.`,
});

export function updatePartner(db: Db, actor: Actor, coalitionId: number, partnerId: number, input: PartnerInput): Result<{ partner: Partner }> {
  const before = seatedPartner(db, coalitionId, partnerId);
  if (input.legalType === "c3" && before.legalType !== "c3") {
    // Affiliates with a legal type of their own keep their stances; the partner's and those inheriting it may not.
    const inheriting = db.select({ id: affiliates.id, legalType: affiliates.legalType }).from(affiliates).where(eq(affiliates.partnerId, partnerId)).all();
    const own = inheriting.filter((a) => a.legalType !== null && a.legalType !== "c3").reduce((n, a) => n + standingEndorsements(db, { partnerId, affiliateId: a.id }), 0);
    const standing = standingEndorsements(db, { partnerId }) - own;
    if (standing > 0) return C3_WITH_ENDORSEMENTS(standing);
  }
  try {
    return db.transaction((tx) => {
      const partner = tx.update(partners).set(input).where(eq(partners.id, partnerId)).returning().get();
      appendAudit(tx, actor, { action: "partner.update", decision: "info", partnerId, detail: `legal type ${input.legalType}` });
      return { ok: true as const, partner };
    });
  } catch (err) {
    const conflict = partnerConflict(err);
    if (conflict) return conflict;
    throw err;
  }
}

/** Seats an existing partner at another table. */
export function seatPartner(db: Db, actor: Actor, coalitionId: number, partnerId: number): Result<{ partner: Partner }> {
  coalitionRow(db, coalitionId);
  const partner = db.select().from(partners).where(eq(partners.id, partnerId)).get();
  if (!partner) return { ok: false, field: "partnerId", message: "Choose a partner." };
  if (seated(db, coalitionId, partnerId)) return { ok: false, field: "partnerId", message: "This partner already sits at this table." };
  db.transaction((tx) => {
    tx.insert(coalitionPartners).values({ coalitionId, partnerId }).run();
    appendAudit(tx, actor, { action: "partner.seat", decision: "info", partnerId, subjectType: "coalition", subjectId: coalitionId });
    markSplitsStale(tx, { coalitionId, partnerId }, "A partner was seated at the table.");
  });
  return { ok: true, partner };
}

export type AffiliateRow = Affiliate & {
  partnerName: string;
  partnerShortName: string;
  partnerLegalType: Partner["legalType"];
  effectiveLegalType: Partner["legalType"];
  coverage: AffiliateCoverage[];
  /** issue 13: a regional ally's organization (only where the query reads it) */
  ally?: boolean;
};

function withCoverage(db: Db, rows: (Affiliate & { partnerName: string; partnerShortName: string; partnerLegalType: Partner["legalType"] })[]): AffiliateRow[] {
  if (rows.length === 0) return [];
  const cover = db
    .select()
    .from(affiliateCoverage)
    .where(inArray(affiliateCoverage.affiliateId, rows.map((r) => r.id)))
    .orderBy(asc(affiliateCoverage.kind), asc(affiliateCoverage.value))
    .all();
  const byAffiliate = new Map<number, AffiliateCoverage[]>();
  for (const c of cover) {
    const list = byAffiliate.get(c.affiliateId) ?? [];
    list.push(c);
    byAffiliate.set(c.affiliateId, list);
  }
  return rows.map((r) => ({
    ...r,
    effectiveLegalType: effectiveLegalType(r, { legalType: r.partnerLegalType }),
    coverage: byAffiliate.get(r.id) ?? [],
  }));
}

const affiliateColumns = {
  id: affiliates.id,
  partnerId: affiliates.partnerId,
  name: affiliates.name,
  state: affiliates.state,
  legalType: affiliates.legalType,
  leadName: affiliates.leadName,
  leadContact: affiliates.leadContact,
  national: affiliates.national,
  createdAt: affiliates.createdAt,
  partnerName: partners.name,
  partnerShortName: partners.shortName,
  partnerLegalType: partners.legalType,
  /** issue 13: the affiliate is a regional ally's organization */
  ally: partners.ally,
};

/**
 * Affiliates of the partners seated at a table, optionally in one state or of one partner.
 * Still (db, coalitionId, filter): programs.server.ts calls it so, and that module is being
 * split this round (an exception in tests/models/reading-signatures.test.ts until then).
 */
// every read takes the viewer; this one does not ask it yet (affiliates are not campaign information)
export function listAffiliates(db: Db, _viewer: Viewer, input: { coalitionId: number; state?: string | null; partnerId?: number | null; orRemoteOfProgram?: number }): AffiliateRow[] {
  const { coalitionId, ...filter } = input;
  const rows = db
    .select(affiliateColumns)
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .leftJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .where(
      and(
        // seated partners' affiliates; with a program, also its regional allies' (issue 13), never seated
        filter.orRemoteOfProgram
          ? or(isNotNull(coalitionPartners.partnerId), inArray(affiliates.partnerId, db.select({ id: programAllies.partnerId }).from(programAllies).where(eq(programAllies.programId, filter.orRemoteOfProgram))))
          : isNotNull(coalitionPartners.partnerId),
        filter.state
          ? filter.orRemoteOfProgram
            ? // issue 13: the state's affiliates and those taking part in the program from elsewhere (remote joins, allies)
              or(
                eq(affiliates.state, filter.state),
                inArray(affiliates.id, db.select({ id: programRemoteAffiliates.affiliateId }).from(programRemoteAffiliates).where(eq(programRemoteAffiliates.programId, filter.orRemoteOfProgram))),
                inArray(affiliates.partnerId, db.select({ id: programAllies.partnerId }).from(programAllies).where(eq(programAllies.programId, filter.orRemoteOfProgram))),
              )
            : eq(affiliates.state, filter.state)
          : undefined,
        filter.partnerId ? eq(affiliates.partnerId, filter.partnerId) : undefined,
      ),
    )
    .orderBy(asc(affiliates.state), asc(partners.shortName), asc(affiliates.name))
    .all();
  return withCoverage(db, rows);
}

/**
 * One keyset page of the affiliates of a table's seated partners (by state, partner, name),
 * filtered in SQL by state, partner and a search of names, with the number that match and
 * the states they are in (issue 11: 2,500 affiliates at national scale).
 */
// every read takes the viewer; affiliates are not campaign information
export function pageAffiliates(
  db: Db,
  _viewer: Viewer,
  input: { coalitionId: number; state?: string | null; partnerId?: number | null; q?: string | null; cursor?: Cursor | null; limit?: number },
): KeysetPage<AffiliateRow> & { total: number; states: string[] } {
  const { coalitionId } = input;
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 4 && typeof k[0] === "string" && typeof k[1] === "string" && typeof k[2] === "string" && typeof k[3] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const seatedJoin = and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId));
  const where = and(
    input.state ? eq(affiliates.state, input.state) : undefined,
    input.partnerId ? eq(affiliates.partnerId, input.partnerId) : undefined,
    q ? sql`instr(lower(${affiliates.name}), ${q}) > 0` : undefined,
  );
  const key = sql`(${affiliates.state}, ${partners.shortName}, ${affiliates.name}, ${affiliates.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]}, ${cursor.key[3]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]}, ${cursor.key[3]})`) : undefined;
  const fetched = db
    .select(affiliateColumns)
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .innerJoin(coalitionPartners, seatedJoin)
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(affiliates.state), desc(partners.shortName), desc(affiliates.name), desc(affiliates.id)] : [asc(affiliates.state), asc(partners.shortName), asc(affiliates.name), asc(affiliates.id)]))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (a) => [a.state, a.partnerShortName, a.name, a.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(affiliates).innerJoin(partners, eq(partners.id, affiliates.partnerId)).innerJoin(coalitionPartners, seatedJoin).where(where).get()?.n ?? 0;
  const states = db
    .selectDistinct({ state: affiliates.state })
    .from(affiliates)
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, affiliates.partnerId), eq(coalitionPartners.coalitionId, coalitionId)))
    .orderBy(asc(affiliates.state))
    .all()
    .map((r) => r.state);
  return { ...page, rows: withCoverage(db, page.rows), total, states };
}

/** An affiliate of a partner seated at this table, or a 404. */
// every read takes the viewer; this one does not ask it yet
export function getAffiliate(db: Db, _viewer: Viewer, input: { coalitionId: number; affiliateId: number }): AffiliateRow {
  return affiliateRow(db, input.coalitionId, input.affiliateId);
}

function affiliateRow(db: Db, coalitionId: number, affiliateId: number): AffiliateRow {
  const row = db
    .select(affiliateColumns)
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .where(eq(affiliates.id, affiliateId))
    .get();
  if (!row) throw new NotFoundError("Affiliate");
  return withCoverage(db, [row])[0];
}

/**
 * Affiliates of the given partners whose coverage contains a race (issue 13: its congressional
 * district, its chamber's district, its city or ward, its county, or its whole state; see
 * app/domain/coverage.ts), by the race's areas (race_areas) joined to coverage by key. A
 * statewide race (a Senate seat) is worked by every affiliate of the state, so for one any
 * coverage in the state will do.
 */
export function affiliatesCovering(db: Db, partnerIds: number[], race: { id: number; state: string; district: string | null; locality?: string | null }): AffiliateRow[] {
  if (partnerIds.length === 0) return [];
  const statewide = race.district === null && !race.locality;
  const rows = (
    statewide
      ? db
          .selectDistinct(affiliateColumns)
          .from(affiliates)
          .innerJoin(partners, eq(partners.id, affiliates.partnerId))
          .innerJoin(affiliateCoverage, eq(affiliateCoverage.affiliateId, affiliates.id))
          .where(and(inArray(affiliates.partnerId, partnerIds), eq(affiliateCoverage.state, race.state)))
      : db
          .selectDistinct(affiliateColumns)
          .from(affiliates)
          .innerJoin(partners, eq(partners.id, affiliates.partnerId))
          .innerJoin(affiliateCoverage, eq(affiliateCoverage.affiliateId, affiliates.id))
          .innerJoin(
            raceAreas,
            and(eq(raceAreas.raceId, race.id), eq(raceAreas.state, affiliateCoverage.state), eq(raceAreas.kind, affiliateCoverage.kind), eq(raceAreas.areaKey, affiliateCoverage.areaKey)),
          )
          .where(inArray(affiliates.partnerId, partnerIds))
  )
    .orderBy(asc(partners.shortName), asc(affiliates.name))
    .all();
  return withCoverage(db, rows);
}

function coverageRows(affiliateId: number, input: CoverageInput & { state: string }) {
  return coverageAreas(input).map((c) => ({ affiliateId, ...c, areaKey: coverageKey(c) }));
}

function checkAffiliatePartner(db: Db, coalitionId: number, partnerId: number): Result<object> {
  if (!seated(db, coalitionId, partnerId)) return { ok: false, field: "partnerId", message: "Choose a partner that sits at this table." };
  return { ok: true };
}

const DUPLICATE_AFFILIATE = { ok: false as const, field: "name", message: "This partner already has an affiliate with this name." };

export function createAffiliate(db: Db, actor: Actor, coalitionId: number, input: AffiliateInput): Result<{ affiliate: Affiliate }> {
  coalitionRow(db, coalitionId);
  const check = checkAffiliatePartner(db, coalitionId, input.partnerId);
  if (!check.ok) return check;
  const row = affiliateFields(input);
  try {
    return db.transaction((tx) => {
      const affiliate = tx.insert(affiliates).values(row).returning().get();
      const cover = coverageRows(affiliate.id, input);
      if (cover.length) tx.insert(affiliateCoverage).values(cover).run();
      appendAudit(tx, actor, { action: "affiliate.create", decision: "info", partnerId: input.partnerId, subjectType: "affiliate", subjectId: affiliate.id, detail: input.name });
      markSplitsStale(tx, { partnerIds: [input.partnerId], states: [input.state] }, `An affiliate was added: ${input.name}.`);
      return { ok: true as const, affiliate };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_AFFILIATE;
    throw err;
  }
}

/** Updates an affiliate and replaces its coverage, in one transaction. */
export function updateAffiliate(db: Db, actor: Actor, coalitionId: number, affiliateId: number, input: AffiliateInput): Result<{ affiliate: Affiliate }> {
  const before = affiliateRow(db, coalitionId, affiliateId);
  const becomesC3 = effectiveLegalType(input, { legalType: before.partnerLegalType }) === "c3" && before.effectiveLegalType !== "c3";
  if (becomesC3) {
    const standing = standingEndorsements(db, { partnerId: before.partnerId, affiliateId });
    if (standing > 0) return C3_WITH_ENDORSEMENTS(standing);
  }
  const check = checkAffiliatePartner(db, coalitionId, input.partnerId);
  if (!check.ok) return check;
  const row = affiliateFields(input);
  try {
    return db.transaction((tx) => {
      const affiliate = tx.update(affiliates).set(row).where(eq(affiliates.id, affiliateId)).returning().get();
      tx.delete(affiliateCoverage).where(eq(affiliateCoverage.affiliateId, affiliateId)).run();
      const cover = coverageRows(affiliateId, input);
      if (cover.length) tx.insert(affiliateCoverage).values(cover).run();
      appendAudit(tx, actor, { action: "affiliate.update", decision: "info", partnerId: input.partnerId, subjectType: "affiliate", subjectId: affiliateId });
      markSplitsStale(tx, { partnerIds: [before.partnerId, input.partnerId], states: [before.state, input.state] }, `${input.name}'s coverage or details changed.`);
      return { ok: true as const, affiliate };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_AFFILIATE;
    throw err;
  }
}

/** An affiliate lead's edit: replaces only the coverage, in one transaction. */
export function updateAffiliateCoverage(db: Db, actor: Actor, coalitionId: number, affiliateId: number, input: CoverageInput): Result<{ affiliate: Affiliate }> {
  const current = affiliateRow(db, coalitionId, affiliateId);
  writeCoverage(db, actor, current, input);
  const { coverage: _c, partnerName: _n, partnerShortName: _s, partnerLegalType: _l, effectiveLegalType: _e, ...affiliate } = current;
  return { ok: true as const, affiliate };
}

/**
 * An affiliate's coverage replaced, audited, and the splits it feeds marked stale, in one
 * transaction (an affiliate of a seated partner above; a regional ally's organization from its
 * program, issue 13).
 */
export function writeCoverage(db: Db, actor: Actor, current: { id: number; partnerId: number; state: string; name: string }, input: CoverageInput): void {
  db.transaction((tx) => {
    tx.delete(affiliateCoverage).where(eq(affiliateCoverage.affiliateId, current.id)).run();
    const cover = coverageRows(current.id, { ...input, state: current.state });
    if (cover.length) tx.insert(affiliateCoverage).values(cover).run();
    appendAudit(tx, actor, { action: "affiliate.coverage", decision: "info", partnerId: current.partnerId, subjectType: "affiliate", subjectId: current.id });
    markSplitsStale(tx, { partnerIds: [current.partnerId], states: [current.state] }, `${current.name}'s coverage changed.`);
  });
}

/** How many affiliates a form offers at once; a search narrows the rest. */
export const AFFILIATE_CHOICE_LIMIT = 50;

/**
 * Affiliates a form may offer (an invitation to lead one), bounded (DESIGN.md "Scale"): those
 * of the table's seated partners whose name contains `q`, in name order, at most `limit`;
 * `truncated` says more match (the form then asks for a search).
 */
// every read takes the viewer; this one does not ask it yet
export function affiliateChoices(db: Db, _viewer: Viewer, input: { coalitionId: number; q?: string | null; limit?: number }) {
  const limit = input.limit ?? AFFILIATE_CHOICE_LIMIT;
  const q = input.q?.trim().toLowerCase() || null;
  const rows = db
    .select({ id: affiliates.id, name: affiliates.name, partnerShortName: partners.shortName })
    .from(affiliates)
    .innerJoin(partners, eq(partners.id, affiliates.partnerId))
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, input.coalitionId)))
    .where(q ? sql`instr(lower(${affiliates.name}), ${q}) > 0` : undefined)
    .orderBy(asc(affiliates.name), asc(affiliates.id))
    .limit(limit + 1)
    .all();
  return { rows: rows.slice(0, limit), truncated: rows.length > limit, q };
}

/** A partner seated at this table (no affiliates), or a 404. */
// every read takes the viewer; this one does not ask it yet
export function partnerAtTable(db: Db, _viewer: Viewer, input: { coalitionId: number; partnerId: number }): Partner {
  return seatedPartner(db, input.coalitionId, input.partnerId);
}

/**
 * One page of a partner's affiliates by state and name (DESIGN.md "Scale": keyset-paged by
 * (state, name, id), `q` searching the name, the total counted in SQL).
 */
// every read takes the viewer; an affiliate's name and state are read table-wide
export function pagePartnerAffiliates(db: Db, _viewer: Viewer, input: { partnerId: number; q?: string | null; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 3 && typeof k[0] === "string" && typeof k[1] === "string" && typeof k[2] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = and(eq(affiliates.partnerId, input.partnerId), q ? sql`instr(lower(${affiliates.name}), ${q}) > 0` : undefined);
  const key = sql`(${affiliates.state}, ${affiliates.name}, ${affiliates.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})`) : undefined;
  const fetched = db
    .select({ id: affiliates.id, name: affiliates.name, state: affiliates.state })
    .from(affiliates)
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(affiliates.state), desc(affiliates.name), desc(affiliates.id)] : [asc(affiliates.state), asc(affiliates.name), asc(affiliates.id)]))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (a) => [a.state, a.name, a.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(affiliates).where(where).get()?.n ?? 0;
  return { ...page, total, q };
}

/** Whether this affiliate is the partner's (an invitation for one of its affiliates' leads). */
// every read takes the viewer; this one does not ask it yet
export function isPartnerAffiliate(db: Db, _viewer: Viewer, input: { partnerId: number; affiliateId: number }): boolean {
  return db.select({ id: affiliates.id }).from(affiliates).where(and(eq(affiliates.id, input.affiliateId), eq(affiliates.partnerId, input.partnerId))).get() !== undefined;
}

/**
 * One page of the partners seated at a table by name, with their affiliate counts (DESIGN.md
 * "Scale": keyset-paged by (name, id), `q` searching the name and short name, total in SQL).
 */
// every read takes the viewer; a partner's name and type are read table-wide
export function pagePartners(db: Db, _viewer: Viewer, input: { coalitionId: number; q?: string | null; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = and(
    eq(coalitionPartners.coalitionId, input.coalitionId),
    q ? sql`(instr(lower(${partners.name}), ${q}) > 0 or instr(lower(${partners.shortName}), ${q}) > 0)` : undefined,
  );
  const key = sql`(${partners.name}, ${partners.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const fetched = db
    .select({
      id: partners.id,
      name: partners.name,
      shortName: partners.shortName,
      legalType: partners.legalType,
      website: partners.website,
      affiliateCount: sql<number>`(select count(*) from affiliates a where a.partner_id = "partners"."id")`,
    })
    .from(partners)
    .innerJoin(coalitionPartners, eq(coalitionPartners.partnerId, partners.id))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(partners.name), desc(partners.id)] : [asc(partners.name), asc(partners.id)]))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (p) => [p.name, p.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(partners).innerJoin(coalitionPartners, eq(coalitionPartners.partnerId, partners.id)).where(where).get()?.n ?? 0;
  return { ...page, total, q };
}
