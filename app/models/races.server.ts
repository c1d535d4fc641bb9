import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, races, type Race } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { daysBetween } from "~/domain/dates";
import { defaultTimeZone } from "~/domain/states";
import { appendAudit } from "./audit.server";
import { getCoalition } from "./coalitions.server";
import { isUniqueViolation, NotFoundError, type Result } from "./errors";

export type RaceInput = Pick<Race, "office" | "state" | "district" | "seats" | "primaryDate" | "generalDate" | "incumbent"> & {
  timeZone: string | null;
};

export function raceLabel(race: Pick<Race, "office" | "state" | "district">): string {
  const where = race.district ? `${race.state}-${race.district}` : race.state;
  return `${race.office}, ${where}`;
}

/**
 * A table's races, optionally in one state, sorted by days to the primary: upcoming
 * primaries soonest first, then races whose primary has passed.
 */
export function listRaces(db: Db, coalitionId: number, filter: { state?: string | null }, today: string) {
  const rows = db
    .select({
      race: races,
      candidateCount: sql<number>`(select count(*) from ${candidates} where ${candidates.raceId} = ${races.id})`,
    })
    .from(races)
    .where(and(eq(races.coalitionId, coalitionId), filter.state ? eq(races.state, filter.state) : undefined))
    .orderBy(asc(races.primaryDate), asc(races.state), asc(races.district))
    .all()
    .map(({ race, candidateCount }) => ({ ...race, candidateCount, daysToPrimary: daysBetween(today, race.primaryDate) }));
  return [...rows.filter((r) => r.daysToPrimary >= 0), ...rows.filter((r) => r.daysToPrimary < 0).reverse()];
}

export function listRaceStates(db: Db, coalitionId: number): string[] {
  return db
    .selectDistinct({ state: races.state })
    .from(races)
    .where(eq(races.coalitionId, coalitionId))
    .orderBy(asc(races.state))
    .all()
    .map((r) => r.state);
}

export function getRace(db: Db, coalitionId: number, raceId: number): Race {
  const race = db.select().from(races).where(and(eq(races.id, raceId), eq(races.coalitionId, coalitionId))).get();
  if (!race) throw new NotFoundError("Race");
  return race;
}

const DUPLICATE_RACE = { ok: false as const, field: "office", message: "This table already has this office in this state and district." };

function toRow(input: RaceInput) {
  return { ...input, timeZone: input.timeZone ?? defaultTimeZone(input.state) };
}

export function createRace(db: Db, actor: Actor, coalitionId: number, input: RaceInput): Result<{ race: Race }> {
  getCoalition(db, coalitionId);
  try {
    return db.transaction((tx) => {
      const race = tx.insert(races).values({ ...toRow(input), coalitionId }).returning().get();
      appendAudit(tx, actor, { action: "race.create", decision: "info", raceId: race.id, detail: raceLabel(race) });
      return { ok: true as const, race };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_RACE;
    throw err;
  }
}

export function updateRace(db: Db, actor: Actor, coalitionId: number, raceId: number, input: RaceInput): Result<{ race: Race }> {
  getRace(db, coalitionId, raceId);
  try {
    return db.transaction((tx) => {
      const race = tx.update(races).set(toRow(input)).where(eq(races.id, raceId)).returning().get();
      appendAudit(tx, actor, { action: "race.update", decision: "info", raceId, detail: raceLabel(race) });
      return { ok: true as const, race };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_RACE;
    throw err;
  }
}
