/**
 * The endorsement matrix, and the candidate rows every endorsement page shows, read from the
 * projection of the stance history (candidate_tallies, current_stances; migration 0012) with
 * indexed, bounded queries: no request reads a table's whole history (issue 11).
 */
import type { Db } from "../../db/client";
import type { Coalition, Partner } from "../../db/schema";
import type { Stance } from "~/domain/vocabulary";
import type { Viewer } from "~/domain/actor";
import type { LegalType } from "~/domain/vocabulary";
import { keysetPage, PAGE_SIZE, type Cursor, type SortKey } from "~/domain/keyset";
import { isNearingCriticalMass } from "~/domain/critical-mass";
import { MATRIX_STATUSES, type MatrixStatus } from "~/domain/matrix";
import { coalitionRow } from "./coalitions.server";
import { raceLabel } from "./races.server";
import { subCoalitionSummaries, type SubCoalitionSummary } from "./sub-coalitions.server";

export type MatrixQuery = {
  coalitionId: number;
  today: string;
  state?: string | null;
  raceId?: number | null;
  status?: MatrixStatus | null;
  q?: string | null;
  cursor?: Cursor | null;
  limit?: number;
};

export type MatrixRow = {
  id: number;
  name: string;
  party: string | null;
  incumbency: "incumbent" | "challenger" | "open_seat";
  raceId: number;
  raceLabel: string;
  state: string;
  seats: number;
  primaryDate: string;
  stances: Record<number, Stance>;
  /** Issue 13: the rank of a ranked endorsement, by partner (only ranked ones). */
  ranks: Record<number, number>;
  endorsers: number[];
  count: number;
  /** max(0, threshold − count) */
  needed: number;
  affiliateEndorsements: number;
  subTable: SubCoalitionSummary | null;
};

export type MatrixPartner = { id: number; name: string; shortName: string; legalType: LegalType; own: boolean };

export const MATRIX_MAX_LIMIT = 200;
const EXPORT_BATCH = 200;

type Sql = { text: string; params: unknown[] };

/** The columns a candidate row is built from (tally, candidate, race), by the tally's indexes. */
const ROW_COLUMNS = `t.candidate_id as id, t.name as name, t.state as state, t.district_key as districtKey, t.sort_count as sortCount,
  t.endorsers as count, t.affiliate_endorsements as affiliateEndorsements, t.race_id as raceId, t.primary_date as primaryDate,
  c.party as party, c.incumbency as incumbency, r.office as office, r.district as district, r.chamber as chamber, r.locality as locality, r.seat_kind as seatKind, r.seats as seats`;

type RawRow = {
  id: number;
  name: string;
  state: string;
  districtKey: string;
  sortCount: number;
  count: number;
  affiliateEndorsements: number;
  raceId: number;
  primaryDate: string;
  party: string | null;
  incumbency: MatrixRow["incumbency"];
  office: string;
  district: string | null;
  seats: number;
};

const keyOf = (r: Pick<RawRow, "sortCount" | "state" | "districtKey" | "name" | "id">): SortKey => [r.sortCount, r.state, r.districtKey, r.name, r.id];

/** A cursor of this list: [sortCount, state, district, name, id]; anything else reads as the first page. */
function validCursor(cursor: Cursor | null | undefined): Cursor | null {
  if (!cursor) return null;
  const k = cursor.key;
  const ok = k.length === 5 && typeof k[0] === "number" && typeof k[1] === "string" && typeof k[2] === "string" && typeof k[3] === "string" && typeof k[4] === "number";
  return ok ? cursor : null;
}

/** The search: trimmed, at most 100 characters, LIKE's own characters escaped. */
export function nameSearch(q: string | null | undefined): string | null {
  const s = (q ?? "").trim().slice(0, 100);
  return s ? `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
}

/**
 * The filter of the matrix as SQL over candidate_tallies t. By state it reads the
 * (coalition, state, sortCount, district, name, id) index, else the (coalition, sortCount, state,
 * district, name, id) one; a status is a range of sortCount (−count) in either.
 */
export function matrixWhere(input: Omit<MatrixQuery, "today" | "cursor" | "limit">, threshold: number): Sql {
  const parts = ["t.coalition_id = ?"];
  const params: unknown[] = [input.coalitionId];
  if (input.state) {
    parts.push("t.state = ?");
    params.push(input.state);
  }
  if (input.raceId) {
    parts.push("t.race_id = ?");
    params.push(input.raceId);
  }
  const status = input.status && (MATRIX_STATUSES as readonly string[]).includes(input.status) ? input.status : null;
  if (status === "critical_mass") {
    parts.push("t.sort_count <= ?");
    params.push(-threshold);
  } else if (status === "nearing") {
    parts.push("t.sort_count > ? and t.sort_count <= ?");
    params.push(-threshold, -Math.max(1, threshold - 2));
  } else if (status === "any_endorsement") {
    parts.push("t.sort_count < 0");
  } else if (status === "none") {
    parts.push("t.sort_count = 0");
  }
  const like = nameSearch(input.q);
  if (like) {
    parts.push("t.name like ? escape '\\'");
    params.push(like);
  }
  return { text: parts.join(" and "), params };
}

/** One keyset page of matrix rows in display order (most endorsed first, then race, then name, then id). */
export function matrixPageSql(input: Omit<MatrixQuery, "today">, threshold: number, limit: number): Sql {
  const where = matrixWhere(input, threshold);
  const cursor = validCursor(input.cursor);
  const back = cursor?.dir === "before";
  const parts = [where.text];
  const params = [...where.params];
  if (cursor) {
    const [sortCount, state, districtKey, name, id] = cursor.key;
    if (input.state) {
      // state is fixed by the filter: compare the index's columns after it
      parts.push(`(t.sort_count, t.district_key, t.name, t.candidate_id) ${back ? "<" : ">"} (?, ?, ?, ?)`);
      params.push(sortCount, districtKey, name, id);
    } else {
      parts.push(`(t.sort_count, t.state, t.district_key, t.name, t.candidate_id) ${back ? "<" : ">"} (?, ?, ?, ?, ?)`);
      params.push(sortCount, state, districtKey, name, id);
    }
  }
  const dir = back ? "desc" : "asc";
  const order = input.state
    ? `t.sort_count ${dir}, t.district_key ${dir}, t.name ${dir}, t.candidate_id ${dir}`
    : `t.sort_count ${dir}, t.state ${dir}, t.district_key ${dir}, t.name ${dir}, t.candidate_id ${dir}`;
  return {
    text: `select ${ROW_COLUMNS} from candidate_tallies t
      join candidates c on c.id = t.candidate_id
      join races r on r.id = t.race_id
      where ${parts.join(" and ")} order by ${order} limit ?`,
    params: [...params, limit + 1],
  };
}

const all = <T>(db: Db, q: Sql): T[] => db.$client.prepare(q.text).all(...q.params) as T[];

/** The table's seated partners, the viewer's own first (own: true), then by short name. */
export function seatedPartners(db: Db, viewer: Viewer, coalitionId: number): MatrixPartner[] {
  const rows = db.$client
    .prepare(
      `select p.id as id, p.name as name, p.short_name as shortName, p.legal_type as legalType
       from coalition_partners cp join partners p on p.id = cp.partner_id
       where cp.coalition_id = ? order by p.short_name`,
    )
    .all(coalitionId) as Pick<Partner, "id" | "name" | "shortName" | "legalType">[];
  const own = ownPartnerIds(viewer);
  const out = rows.map((p) => ({ ...p, own: own.has(p.id) }));
  return [...out.filter((p) => p.own), ...out.filter((p) => !p.own)];
}

/** The partners a person acts for: named in a grant, or the partner of an affiliate named in one. */
function ownPartnerIds(viewer: Viewer): Set<number> {
  if (viewer === "system") return new Set();
  const ids = new Set<number>();
  for (const g of viewer.grants) if (g.partnerId !== null) ids.add(g.partnerId);
  for (const p of Object.values(viewer.affiliatePartner)) ids.add(p);
  return ids;
}

/**
 * Rows for some tally rows: each seated partner's current stance (current_stances by its
 * primary key, candidate by candidate) and the candidate's sub-table. Two statements for the lot.
 */
const STANCE_STRENGTH: Record<Stance, number> = { endorsed: 4, considering: 3, declined: 2, withdrawn: 1 };

function buildRows(db: Db, coalition: Coalition, seated: ReadonlySet<number>, raw: RawRow[], today: string): MatrixRow[] {
  const ids = raw.map((r) => r.id);
  const marks = ids.map(() => "?").join(",");
  // each partner's deciding stance per candidate, by the table's setting (issue 13): the national
  // partner's own, or its affiliates' covering the race (the strongest of them: a first choice
  // over a lower rank over considering over declined over withdrawn), with its rank
  const affiliateDecide = coalition.decider === "affiliate";
  const stanceRows = db.$client
    .prepare(
      `select s.candidate_id as candidateId, group_concat(s.partner_id || ':' || s.stance || ':' || coalesce(s.rank, '')) as pairs from current_stances s
       where s.candidate_id in (${marks}) and ${
         affiliateDecide
           ? `s.holder_affiliate <> 0 and exists (select 1 from race_areas ra join affiliate_coverage ac on ac.affiliate_id = s.affiliate_id and ac.state = ra.state and ac.kind = ra.kind and ac.area_key = ra.area_key where ra.race_id = s.race_id)`
           : "s.holder_affiliate = 0"
       } group by s.candidate_id`,
    )
    .all(...ids) as { candidateId: number; pairs: string }[];
  const stances = new Map<number, Record<number, Stance>>();
  const ranks = new Map<number, Record<number, number>>();
  const strength = (x: { stance: Stance; rank: number | null }) => STANCE_STRENGTH[x.stance] * 100 - (x.stance === "endorsed" ? (x.rank ?? 1) : 0);
  const best = new Map<string, { stance: Stance; rank: number | null }>();
  // one row per candidate (a row per stance would grow with the partners: issue 11)
  for (const row of stanceRows) {
    for (const pair of row.pairs.split(",")) {
      const [p, stance, rank] = pair.split(":");
      if (!seated.has(Number(p))) continue;
      const s = { stance: stance as Stance, rank: rank ? Number(rank) : null };
      const key = `${row.candidateId}:${p}`;
      const had = best.get(key);
      if (!had || strength(s) > strength(had)) best.set(key, s);
    }
  }
  for (const [key, s] of best) {
    const [c, p] = key.split(":").map(Number);
    const m = stances.get(c) ?? {};
    m[p] = s.stance;
    stances.set(c, m);
    if (s.stance === "endorsed" && s.rank !== null) ranks.set(c, { ...(ranks.get(c) ?? {}), [p]: s.rank });
  }
  const subs = new Map(subCoalitionSummaries(db, coalition.id, today, { candidateIds: ids }).map((s) => [s.candidateId, s]));
  return raw.map((r) => {
    const mine = stances.get(r.id) ?? {};
    const ranked = ranks.get(r.id) ?? {};
    // only a first choice counts (issue 13)
    const endorsers = Object.entries(mine)
      .filter(([p, s]) => s === "endorsed" && (ranked[Number(p)] ?? 1) === 1)
      .map(([p]) => Number(p));
    return {
      id: r.id,
      name: r.name,
      party: r.party,
      incumbency: r.incumbency,
      raceId: r.raceId,
      raceLabel: raceLabel(r),
      state: r.state,
      seats: r.seats,
      primaryDate: r.primaryDate,
      stances: mine,
      ranks: ranked,
      endorsers,
      count: r.count,
      needed: Math.max(0, coalition.threshold - r.count),
      affiliateEndorsements: r.affiliateEndorsements,
      subTable: subs.get(r.id) ?? null,
    };
  });
}

/** Of these races, the split ones: national partners endorse more candidates than it has seats. */
export function splitRaceIdsAmong(db: Db, raceIds: readonly number[]): number[] {
  const ids = [...new Set(raceIds)];
  return (
    db.$client
      .prepare(
        `select t.race_id as raceId from candidate_tallies t join races r on r.id = t.race_id
         where t.race_id in (${ids.map(() => "?").join(",")}) and t.endorsers > 0
         group by t.race_id having count(*) > max(r.seats) order by t.race_id`,
      )
      .all(...ids) as { raceId: number }[]
  ).map((r) => r.raceId);
}

/** The endorsement matrix: one keyset page of candidates down, the seated partners across. */
// every read takes the viewer: it puts the viewer's own partner first (stances and counts carry no campaign source)
export function getMatrix(db: Db, viewer: Viewer, input: MatrixQuery) {
  const coalition = coalitionRow(db, input.coalitionId);
  const partners = seatedPartners(db, viewer, input.coalitionId);
  const limit = Math.min(Math.max(1, Math.floor(input.limit ?? PAGE_SIZE)), MATRIX_MAX_LIMIT);
  const cursor = validCursor(input.cursor);
  const fetched = all<RawRow>(db, matrixPageSql({ ...input, cursor }, coalition.threshold, limit));
  const page = keysetPage(fetched, limit, cursor, keyOf);
  const rows = buildRows(db, coalition, new Set(partners.map((p) => p.id)), page.rows, input.today);
  const where = matrixWhere(input, coalition.threshold);
  const total = (db.$client.prepare(`select count(*) as n from candidate_tallies t where ${where.text}`).get(...where.params) as { n: number }).n;
  const states = (
    db.$client.prepare("select distinct state from candidate_tallies where coalition_id = ? order by state").all(input.coalitionId) as { state: string }[]
  ).map((s) => s.state);
  const races = input.state ? racesOfState(db, input.coalitionId, input.state) : [];
  return {
    coalition,
    partners,
    rows,
    total,
    next: page.next,
    prev: page.prev,
    states,
    races,
    splitRaceIds: splitRaceIdsAmong(
      db,
      rows.map((r) => r.raceId),
    ),
  };
}

/** The races with candidates at this table in one state, by label. */
function racesOfState(db: Db, coalitionId: number, state: string): { id: number; label: string; state: string }[] {
  const rows = db.$client
    .prepare(
      `select r.id as id, r.office as office, r.state as state, r.district as district, r.chamber as chamber, r.locality as locality, r.seat_kind as seatKind from races r
       where r.id in (select distinct race_id from candidate_tallies where coalition_id = ? and state = ?)`,
    )
    .all(coalitionId, state) as { id: number; office: string; state: string; district: string | null }[];
  return rows.map((r) => ({ id: r.id, label: raceLabel(r), state: r.state })).sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
}

/** Every row of the filter in display order, read in keyset batches (constant memory): the CSV export. */
export function* matrixExportRows(db: Db, viewer: Viewer, input: Omit<MatrixQuery, "cursor" | "limit">): Iterable<MatrixRow> {
  const coalition = coalitionRow(db, input.coalitionId);
  const seated = new Set(seatedPartners(db, viewer, input.coalitionId).map((p) => p.id));
  let cursor: Cursor | null = null;
  for (;;) {
    const fetched: RawRow[] = all<RawRow>(db, matrixPageSql({ ...input, cursor }, coalition.threshold, EXPORT_BATCH));
    const batch: RawRow[] = fetched.slice(0, EXPORT_BATCH);
    yield* buildRows(db, coalition, seated, batch, input.today);
    if (fetched.length <= EXPORT_BATCH) return;
    cursor = { dir: "after", key: keyOf(batch[batch.length - 1]) };
  }
}

/** A race's candidates with each seated partner's stance, most endorsed first (the race page). */
export function raceCandidateRows(db: Db, viewer: Viewer, input: { coalitionId: number; raceId: number; today: string }): MatrixRow[] {
  const coalition = coalitionRow(db, input.coalitionId);
  const seated = new Set(seatedPartners(db, viewer, input.coalitionId).map((p) => p.id));
  const raw = db.$client
    .prepare(
      `select ${ROW_COLUMNS} from candidate_tallies t join candidates c on c.id = t.candidate_id join races r on r.id = t.race_id
       where t.race_id = ? and t.coalition_id = ? order by t.sort_count, t.name, t.candidate_id limit ?`,
    )
    .all(input.raceId, input.coalitionId, MATRIX_MAX_LIMIT) as RawRow[];
  return buildRows(db, coalition, seated, raw, input.today);
}

/** Candidates nearing critical mass whose primary is ahead: a bounded list, most endorsed first, then the soonest primary. */
export function nearingCriticalMass(db: Db, input: { coalitionId: number; threshold: number; today: string; limit: number }) {
  const lo = -(input.threshold - 1);
  const hi = -Math.max(1, input.threshold - 2);
  const where = "t.coalition_id = ? and t.sort_count >= ? and t.sort_count <= ? and t.primary_date >= ?";
  const params = [input.coalitionId, lo, hi, input.today];
  const rows = db.$client
    .prepare(
      `select t.candidate_id as id, t.name as name, t.endorsers as count, t.race_id as raceId, t.primary_date as primaryDate, r.office as office, r.state as state, r.district as district, r.chamber as chamber, r.locality as locality, r.seat_kind as seatKind
       from candidate_tallies t join races r on r.id = t.race_id
       where ${where} order by t.sort_count, t.primary_date, t.candidate_id limit ?`,
    )
    .all(...params, input.limit) as { id: number; name: string; count: number; raceId: number; primaryDate: string; office: string; state: string; district: string | null }[];
  const total = (db.$client.prepare(`select count(*) as n from candidate_tallies t where ${where}`).get(...params) as { n: number }).n;
  return {
    rows: rows
      .filter((r) => isNearingCriticalMass(r.count, input.threshold))
      .map((r) => ({ id: r.id, name: r.name, count: r.count, raceId: r.raceId, raceLabel: raceLabel(r), state: r.state, primaryDate: r.primaryDate })),
    total,
  };
}

export type SplitRace = { raceId: number; raceLabel: string; seats: number; candidates: { id: number; name: string; partners: string[] }[] };

/**
 * Split races of a table (partners endorse more candidates than seats), by state and district:
 * a bounded list with the total, or only the races given.
 */
export function splitRaces(db: Db, input: { coalitionId: number; limit: number; raceIds?: readonly number[] }): { rows: SplitRace[]; total: number } {
  const only = input.raceIds ? ` and race_id in (${input.raceIds.map(() => "?").join(",") || "null"})` : "";
  const found = db.$client
    .prepare(
      `select r.id as raceId, r.office as office, r.state as state, r.district as district, r.chamber as chamber, r.locality as locality, r.seat_kind as seatKind, r.seats as seats, count(*) over () as total
       from (select race_id, count(*) as n from candidate_tallies where coalition_id = ? and endorsers > 0${only} group by race_id) x
       join races r on r.id = x.race_id
       where x.n > r.seats order by r.state, r.district, r.id limit ?`,
    )
    .all(input.coalitionId, ...(input.raceIds ?? []), input.limit) as { raceId: number; office: string; state: string; district: string | null; seats: number; total: number }[];
  if (found.length === 0) return { rows: [], total: 0 };
  const ids = found.map((r) => r.raceId);
  const marks = ids.map(() => "?").join(",");
  const cands = db.$client
    .prepare(`select candidate_id as id, name, race_id as raceId from candidate_tallies where race_id in (${marks}) and endorsers > 0 order by state, district_key, name, candidate_id`)
    .all(...ids) as { id: number; name: string; raceId: number }[];
  // one row per candidate: its seated endorsers' short names, by partner id, joined by a unit separator
  const backers = db.$client
    .prepare(
      `select candidateId, group_concat(shortName, char(31)) as names from (
         select s.candidate_id as candidateId, p.short_name as shortName from current_stances s
         join coalition_partners cp on cp.coalition_id = ? and cp.partner_id = s.partner_id
         join partners p on p.id = s.partner_id
         where s.race_id in (${marks}) and s.holder_affiliate = 0 and s.stance = 'endorsed' order by s.candidate_id, s.partner_id)
       group by candidateId`,
    )
    .all(input.coalitionId, ...ids) as { candidateId: number; names: string }[];
  const namesOf = new Map(backers.map((b) => [b.candidateId, b.names.split(String.fromCharCode(31))]));
  return {
    rows: found.map((r) => ({
      raceId: r.raceId,
      raceLabel: raceLabel(r),
      seats: r.seats,
      candidates: cands
        .filter((c) => c.raceId === r.raceId)
        .map((c) => ({ id: c.id, name: c.name, partners: namesOf.get(c.id) ?? [] })),
    })),
    total: found[0].total,
  };
}
