import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { races, type Race } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { daysBetween } from "~/domain/dates";
import { defaultTimeZone } from "~/domain/states";
import { appendAudit } from "./audit.server";
import { coalitionRow } from "./coalitions.server";
import type { Viewer } from "./firewall.server";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";

export type RaceInput = Pick<Race, "office" | "state" | "district" | "seats" | "primaryDate" | "generalDate" | "incumbent"> & {
  runoffDate?: string | null;
  specialDate?: string | null;
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
// every read takes the viewer; this one does not ask it yet
export function listRaces(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string; state?: string | null }) {
  const { coalitionId, today } = input;
  const rows = db
    .select({
      race: races,
      candidateCount: sql<number>`(select count(*) from candidates c where c.race_id = "races"."id")`,
    })
    .from(races)
    .where(and(eq(races.coalitionId, coalitionId), input.state ? eq(races.state, input.state) : undefined))
    .orderBy(asc(races.primaryDate), asc(races.state), asc(races.district))
    .all()
    .map(({ race, candidateCount }) => ({ ...race, candidateCount, daysToPrimary: daysBetween(today, race.primaryDate) }));
  return [...rows.filter((r) => r.daysToPrimary >= 0), ...rows.filter((r) => r.daysToPrimary < 0).reverse()];
}

/**
 * The table's races as choices for a form or a filter: id and label only, by state and
 * district (one indexed read; 500 races at national scale are a few tens of KB of options).
 */
// every read takes the viewer; a race's office and place are public
export function raceChoices(db: Db, _viewer: Viewer, input: { coalitionId: number }): { value: number; label: string }[] {
  return db
    .select({ id: races.id, office: races.office, state: races.state, district: races.district })
    .from(races)
    .where(eq(races.coalitionId, input.coalitionId))
    .orderBy(asc(races.state), asc(races.district), asc(races.office), asc(races.id))
    .all()
    .map((r) => ({ value: r.id, label: raceLabel(r) }));
}

// every read takes the viewer; this one does not ask it yet
export function listRaceStates(db: Db, _viewer: Viewer, input: { coalitionId: number }): string[] {
  return db
    .selectDistinct({ state: races.state })
    .from(races)
    .where(eq(races.coalitionId, input.coalitionId))
    .orderBy(asc(races.state))
    .all()
    .map((r) => r.state);
}

/** A race of this table, or a 404. */
// every read takes the viewer; this one does not ask it yet
export function getRace(db: Db, _viewer: Viewer, input: { coalitionId: number; raceId: number }): Race {
  return raceRow(db, input.coalitionId, input.raceId);
}

/** The race row or a 404, for models' checks inside a write (they have an actor, not a viewer). */
export function raceRow(db: Pick<Db, "select">, coalitionId: number, raceId: number): Race {
  const race = db.select().from(races).where(and(eq(races.id, raceId), eq(races.coalitionId, coalitionId))).get();
  if (!race) throw new NotFoundError("Race");
  return race;
}

const DUPLICATE_RACE = { ok: false as const, field: "office", message: "This table already has this office in this state and district." };

/**
 * Another race of the table with the same office, state and district. The unique index
 * races_unique_office cannot see this for statewide races: SQLite treats NULL districts as
 * distinct, so two "U.S. Senate, PA" rows would both be accepted.
 */
function findClash(tx: Pick<Db, "select">, coalitionId: number, input: RaceInput, exceptId?: number): boolean {
  return !!tx
    .select({ id: races.id })
    .from(races)
    .where(
      and(
        eq(races.coalitionId, coalitionId),
        eq(races.office, input.office),
        eq(races.state, input.state),
        input.district === null ? isNull(races.district) : eq(races.district, input.district),
        exceptId === undefined ? undefined : ne(races.id, exceptId),
      ),
    )
    .get();
}

function toRow(input: RaceInput) {
  return { ...input, timeZone: input.timeZone ?? defaultTimeZone(input.state) };
}

export function createRace(db: Db, actor: Actor, coalitionId: number, input: RaceInput): Result<{ race: Race }> {
  coalitionRow(db, coalitionId);
  try {
    return db.transaction((tx) => {
      if (findClash(tx, coalitionId, input)) return DUPLICATE_RACE;
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
  raceRow(db, coalitionId, raceId);
  try {
    return db.transaction((tx) => {
      if (findClash(tx, coalitionId, input, raceId)) return DUPLICATE_RACE;
      const race = tx.update(races).set(toRow(input)).where(eq(races.id, raceId)).returning().get();
      appendAudit(tx, actor, { action: "race.update", decision: "info", raceId, detail: raceLabel(race) });
      return { ok: true as const, race };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_RACE;
    throw err;
  }
}
