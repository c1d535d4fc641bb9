import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, candidates, coalitionPartners, partners, races } from "../../db/schema";
import { type Stance } from "~/domain/vocabulary";
import { currentStances, isNearingCriticalMass, splitRace } from "~/domain/critical-mass";
import { endorsementTimeline } from "~/domain/stats";
import { matchesStatus, type MatrixStatus } from "~/domain/matrix";
import { coalitionRow } from "./coalitions.server";
import { listStanceEvents, tableStanceEvents, type Viewer } from "./endorsements.server";
import { subCoalitionSummaries } from "./sub-coalitions.server";
import { raceLabel } from "./races.server";

export { MATRIX_STATUSES, MATRIX_STATUS_LABELS, type MatrixStatus } from "~/domain/matrix";

export type MatrixFilter = {
  state?: string | null;
  raceId?: number | null;
  status?: MatrixStatus | null;
};

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

/** The endorsement matrix: candidates down, partners across, sorted by endorsement count. */
// every read takes the viewer; this one does not ask it yet
export function getMatrix(db: Db, viewer: Viewer, input: MatrixFilter & { coalitionId: number; today: string }) {
  const { coalitionId, today, ...filter } = input;
  const picture = getTablePicture(db, viewer, { coalitionId, today });
  const threshold = picture.coalition.threshold;
  const rows = picture.candidates
    .filter((c) => (!filter.state || c.state === filter.state) && (!filter.raceId || c.raceId === filter.raceId))
    .filter((c) => !filter.status || matchesStatus(c, filter.status, threshold))
    .sort((a, b) => b.count - a.count || a.raceLabel.localeCompare(b.raceLabel) || a.name.localeCompare(b.name));
  const races = [...new Map(picture.candidates.map((c) => [c.raceId, { id: c.raceId, label: c.raceLabel, state: c.state }])).values()].sort(
    (a, b) => a.label.localeCompare(b.label),
  );
  const states = [...new Set(picture.candidates.map((c) => c.state))].sort();
  return { coalition: picture.coalition, partners: picture.partners, rows, races, states, splitRaceIds: picture.splitRaces.map((s) => s.raceId) };
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
