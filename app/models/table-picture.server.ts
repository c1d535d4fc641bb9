import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, candidates, coalitionPartners, partners, races } from "../../db/schema";
import { type Stance } from "~/domain/vocabulary";
import { currentStances, isNearingCriticalMass, splitRace } from "~/domain/critical-mass";
import { endorsementTimeline } from "~/domain/stats";
import { matchesStatus, type MatrixStatus } from "~/domain/matrix";
import { keysetPage, PAGE_SIZE, type Cursor, type SortKey } from "~/domain/keyset";
import { partnersOf } from "~/domain/permissions";
import { coalitionRow } from "./coalitions.server";
import { listStanceEvents, tableStanceEvents, type Viewer } from "./endorsements.server";
import { subCoalitionSummaries } from "./sub-coalitions.server";
import { raceLabel } from "./races.server";

export { MATRIX_STATUSES, MATRIX_STATUS_LABELS, type MatrixStatus } from "~/domain/matrix";

/**
 * The table's picture: every candidate with each seated partner's current stance, the count
 * of endorsing partners, and the split races. One pass over the table's stance history.
 * Still (db, coalitionId, today): meetings.server.ts calls it so, and that module is being
 * split this round (an exception in tests/models/reading-signatures.test.ts until then).
 */
// every read takes the viewer; this one does not ask it yet (stances and counts carry no campaign source)
export function getTablePicture(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string }) {
  const { coalitionId, today } = input;
  const coalition = coalitionRow(db, coalitionId);
  const seated = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName, legalType: partners.legalType })
    .from(partners)
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .orderBy(asc(partners.shortName))
    .all();
  const rows = db
    .select({ candidate: candidates, race: races })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(eq(races.coalitionId, coalitionId))
    .orderBy(asc(races.state), asc(races.district), asc(candidates.name))
    .all();
  const events = tableStanceEvents(db, coalitionId);
  const current = [...currentStances(events).values()];
  const seatedIds = new Set(seated.map((p) => p.id));

  const stancesByCandidate = new Map<number, Record<number, Stance>>();
  const affiliateEndorsements = new Map<number, number>();
  for (const e of current) {
    if (e.affiliateId !== null) {
      if (e.stance === "endorsed") affiliateEndorsements.set(e.candidateId, (affiliateEndorsements.get(e.candidateId) ?? 0) + 1);
      continue;
    }
    if (!seatedIds.has(e.partnerId)) continue;
    const m = stancesByCandidate.get(e.candidateId) ?? {};
    m[e.partnerId] = e.stance;
    stancesByCandidate.set(e.candidateId, m);
  }

  const subTables = subCoalitionSummaries(db, coalitionId, today);
  const subByCandidate = new Map(subTables.map((s) => [s.candidateId, s]));

  const candidateRows = rows.map(({ candidate, race }) => {
    const stances = stancesByCandidate.get(candidate.id) ?? {};
    const endorsers = Object.entries(stances)
      .filter(([, s]) => s === "endorsed")
      .map(([p]) => Number(p));
    return {
      id: candidate.id,
      name: candidate.name,
      party: candidate.party,
      incumbency: candidate.incumbency,
      raceId: race.id,
      raceLabel: raceLabel(race),
      state: race.state,
      seats: race.seats,
      primaryDate: race.primaryDate,
      stances,
      endorsers,
      count: endorsers.length,
      affiliateEndorsements: affiliateEndorsements.get(candidate.id) ?? 0,
      subTable: subByCandidate.get(candidate.id) ?? null,
    };
  });

  const byRace = new Map<number, typeof candidateRows>();
  for (const c of candidateRows) byRace.set(c.raceId, [...(byRace.get(c.raceId) ?? []), c]);
  const splitRaces = [...byRace.values()].flatMap((cs) => {
    const split = splitRace(cs[0].seats, new Map(cs.map((c) => [c.id, c.endorsers])));
    if (!split) return [];
    return [
      {
        raceId: cs[0].raceId,
        raceLabel: cs[0].raceLabel,
        seats: cs[0].seats,
        candidates: split.map((s) => ({
          id: s.candidateId,
          name: cs.find((c) => c.id === s.candidateId)!.name,
          partners: s.partners.map((p) => seated.find((x) => x.id === p)!.shortName),
        })),
      },
    ];
  });

  return { coalition, partners: seated, candidates: candidateRows, splitRaces, subTables, events };
}

export type TablePicture = ReturnType<typeof getTablePicture>;
export type MatrixCandidate = TablePicture["candidates"][number];

export type MatrixQuery = {
  coalitionId: number;
  today: string;
  state?: string | null;
  raceId?: number | null;
  status?: MatrixStatus | null;
  /** A name search: a case-insensitive part of the candidate's name. */
  q?: string | null;
  cursor?: Cursor | null;
  /** Rows per page: PAGE_SIZE by default, at most 200. */
  limit?: number;
};

/** A candidate's row of the matrix: the picture's row, and how many more endorsements reach the threshold. */
export type MatrixRow = MatrixCandidate & { needed: number };

export const MATRIX_MAX_LIMIT = 200;

// ---------------------------------------------------------------------------------------------
// STAND-IN, REPLACED BY THE PROJECTION BRANCH. getMatrix and matrixExportRows below keep the
// contract the matrix page (branch matrix-ui) is built against, but still fold the whole table's
// history through getTablePicture and filter, search, sort and keyset-slice in JS. The stance
// projection branch implements the same contract in SQL; take its model at merge.
// ---------------------------------------------------------------------------------------------

/** The matrix's order: most endorsed first, then race, name, id. Its sort key (a cursor's key) follows it. */
function matrixKey(r: MatrixRow): SortKey {
  return [r.count, r.raceLabel, r.name, r.id];
}

function compareKey(a: SortKey, b: SortKey): number {
  const [ac, ar, an, ai] = a as [number, string, string, number];
  const [bc, br, bn, bi] = b as [number, string, string, number];
  if (ac !== bc) return bc - ac;
  if (ar !== br) return ar < br ? -1 : 1;
  if (an !== bn) return an < bn ? -1 : 1;
  return ai - bi;
}

/** A cursor whose key has the matrix's shape, or null (a foreign or forged cursor reads as the first page). */
function matrixCursor(cursor: Cursor | null | undefined): Cursor | null {
  if (!cursor) return null;
  const k = cursor.key;
  return k.length === 4 && typeof k[0] === "number" && typeof k[1] === "string" && typeof k[2] === "string" && typeof k[3] === "number" ? cursor : null;
}

function matrixRows(db: Db, viewer: Viewer, input: Omit<MatrixQuery, "cursor" | "limit">) {
  const { coalitionId, today } = input;
  const picture = getTablePicture(db, viewer, { coalitionId, today });
  const threshold = picture.coalition.threshold;
  const q = (input.q ?? "").trim().toLowerCase();
  const rows: MatrixRow[] = picture.candidates
    .filter((c) => (!input.state || c.state === input.state) && (!input.raceId || c.raceId === input.raceId))
    .filter((c) => !input.status || matchesStatus(c, input.status, threshold))
    .filter((c) => !q || c.name.toLowerCase().includes(q))
    .map((c) => ({ ...c, needed: Math.max(0, threshold - c.count) }))
    .sort((a, b) => compareKey(matrixKey(a), matrixKey(b)));
  return { picture, rows };
}

/**
 * The endorsement matrix: candidates down, partners across (the viewer's own partner first),
 * one keyset page of candidates, most endorsed first.
 */
export function getMatrix(db: Db, viewer: Viewer, input: MatrixQuery) {
  const { picture, rows } = matrixRows(db, viewer, input);
  const limit = Math.min(Math.max(1, Math.trunc(input.limit ?? PAGE_SIZE) || PAGE_SIZE), MATRIX_MAX_LIMIT);
  const cursor = matrixCursor(input.cursor);
  let fetched: MatrixRow[];
  if (!cursor) fetched = rows.slice(0, limit + 1);
  else if (cursor.dir === "after") fetched = rows.filter((r) => compareKey(matrixKey(r), cursor.key) > 0).slice(0, limit + 1);
  else fetched = rows.filter((r) => compareKey(matrixKey(r), cursor.key) < 0).reverse().slice(0, limit + 1);
  const page = keysetPage(fetched, limit, cursor, matrixKey);
  const own = new Set(viewer === "system" ? [] : partnersOf(viewer));
  const partnerList = picture.partners
    .map((p) => ({ ...p, own: own.has(p.id) }))
    .sort((a, b) => Number(b.own) - Number(a.own) || a.shortName.localeCompare(b.shortName));
  const races = input.state
    ? [...new Map(picture.candidates.filter((c) => c.state === input.state).map((c) => [c.raceId, { id: c.raceId, label: c.raceLabel, state: c.state }])).values()].sort((a, b) =>
        a.label.localeCompare(b.label),
      )
    : [];
  const states = [...new Set(picture.candidates.map((c) => c.state))].sort();
  return {
    coalition: picture.coalition,
    partners: partnerList,
    rows: page.rows,
    total: rows.length,
    next: page.next,
    prev: page.prev,
    states,
    races,
    splitRaceIds: picture.splitRaces.map((s) => s.raceId),
  };
}

/** Every row of the filtered matrix, in the page's order, for the CSV export. */
export function* matrixExportRows(db: Db, viewer: Viewer, input: Omit<MatrixQuery, "cursor" | "limit">): Iterable<MatrixRow> {
  yield* matrixRows(db, viewer, input).rows;
}

/** The table's home: counts, races nearing critical mass, split races, newest endorsements, timeline. */
export function getTableHome(db: Db, viewer: Viewer, input: { coalitionId: number; today: string }) {
  const { coalitionId, today } = input;
  const picture = getTablePicture(db, viewer, { coalitionId, today });
  const threshold = picture.coalition.threshold;
  const affiliateCount =
    db
      .select({ n: sql<number>`count(*)` })
      .from(affiliates)
      .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, affiliates.partnerId), eq(coalitionPartners.coalitionId, coalitionId)))
      .get()?.n ?? 0;
  const raceCount = new Set(picture.candidates.map((c) => c.raceId)).size;
  const totalRaces = db.select({ n: sql<number>`count(*)` }).from(races).where(eq(races.coalitionId, coalitionId)).get()?.n ?? 0;
  const nearing = picture.candidates
    .filter((c) => isNearingCriticalMass(c.count, threshold) && c.primaryDate >= today)
    .sort((a, b) => b.count - a.count || a.primaryDate.localeCompare(b.primaryDate));
  return {
    coalition: picture.coalition,
    counts: {
      partners: picture.partners.length,
      affiliates: affiliateCount,
      races: totalRaces,
      racesWithCandidates: raceCount,
      candidates: picture.candidates.length,
      endorsements: picture.candidates.reduce((n, c) => n + c.count, 0),
      subTables: picture.subTables.filter((s) => s.status !== "closed").length,
    },
    nearing,
    splitRaces: picture.splitRaces,
    subTables: picture.subTables,
    newest: listStanceEvents(db, viewer, { coalitionId, limit: 10 }),
    timeline: endorsementTimeline(picture.events),
  };
}
