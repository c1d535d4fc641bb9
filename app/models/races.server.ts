import { and, asc, desc, eq, gte, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { races, type Race } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { daysBetween } from "~/domain/dates";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { defaultTimeZone } from "~/domain/states";
import { checkJurisdiction, placeLabel } from "~/domain/jurisdictions";
import type { CoalitionLevel, PrimaryKind } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { coalitionRow } from "./coalitions.server";
import type { Viewer } from "./firewall.server";
import { isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";

export type RaceInput = Pick<Race, "office" | "state" | "district" | "seats" | "generalDate" | "incumbent"> & {
  /** Null only for a race with no primary: its first election is then the general. */
  primaryDate: string | null;
  runoffDate?: string | null;
  specialDate?: string | null;
  timeZone: string | null;
  /** The place below the state as the table's level names it (issue 13); absent at a federal table. */
  chamber?: Race["chamber"];
  locality?: string | null;
  localityKind?: Race["localityKind"];
  seatKind?: Race["seatKind"];
  primaryKind?: PrimaryKind;
};

/** The columns raceLabel reads, for a select that labels races. */
export const RACE_PLACE = { office: races.office, state: races.state, district: races.district, chamber: races.chamber, locality: races.locality, seatKind: races.seatKind };

/** "U.S. House, PA-07", "State House, MN district 34A", "City Council, Chicago, IL, Ward 5". */
export function raceLabel(race: Pick<Race, "office" | "state" | "district"> & Partial<Pick<Race, "chamber" | "locality" | "seatKind">>): string {
  return `${race.office}, ${placeLabel(race)}`;
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
    .select({ id: races.id, ...RACE_PLACE })
    .from(races)
    .where(eq(races.coalitionId, input.coalitionId))
    .orderBy(asc(races.state), asc(races.district), asc(races.office), asc(races.id))
    .all()
    .map((r) => ({ value: r.id, label: raceLabel(r) }));
}

export type RaceListRow = Race & { candidateCount: number; daysToPrimary: number; seg: 0 | 1 };

/**
 * One keyset page of a table's races in the order of listRaces (upcoming primaries soonest
 * first, then passed ones, the latest first), optionally in one state, with the number that
 * match. Two indexed reads, always (upcoming, then passed, each on (coalition, [state,]
 * primary date) in index order), so the statement count never depends on the data. The
 * cursor's key is (segment, primary date, id); a junk cursor reads as the first page.
 */
// every read takes the viewer; a race's office, place and dates are public
export function pageRaces(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string; state?: string | null; cursor?: Cursor | null; limit?: number }): KeysetPage<RaceListRow> & { total: number } {
  const { coalitionId, today } = input;
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 3 && (k[0] === 0 || k[0] === 1) && typeof k[1] === "string" && typeof k[2] === "number" ? input.cursor : null;
  const base = and(eq(races.coalitionId, coalitionId), input.state ? eq(races.state, input.state) : undefined);
  const read = (seg: 0 | 1, after: SQL | undefined, ascending: boolean, n: number): RaceListRow[] =>
    db
      .select({ race: races, candidateCount: sql<number>`(select count(*) from candidates c where c.race_id = "races"."id")` })
      .from(races)
      .where(and(base, seg === 0 ? gte(races.primaryDate, today) : lt(races.primaryDate, today), after))
      .orderBy(...(ascending ? [asc(races.primaryDate), asc(races.id)] : [desc(races.primaryDate), desc(races.id)]))
      .limit(Math.max(0, n))
      .all()
      .map(({ race, candidateCount }) => ({ ...race, candidateCount, daysToPrimary: daysBetween(today, race.primaryDate), seg }));
  const past = (gt: boolean) => (cursor ? (gt ? sql`(${races.primaryDate}, ${races.id}) > (${cursor.key[1]}, ${cursor.key[2]})` : sql`(${races.primaryDate}, ${races.id}) < (${cursor.key[1]}, ${cursor.key[2]})`) : undefined);
  const n = limit + 1;
  let fetched: RaceListRow[];
  if (cursor?.dir === "before") {
    // display order reversed: passed rows nearer the key first, then upcoming ones from the latest
    const passed = read(1, cursor.key[0] === 1 ? past(true) : sql`0`, true, n);
    const upcoming = read(0, cursor.key[0] === 0 ? past(false) : undefined, false, n - passed.length);
    fetched = [...passed, ...upcoming];
  } else {
    const upcoming = read(0, cursor ? (cursor.key[0] === 0 ? past(true) : sql`0`) : undefined, true, n);
    const passed = read(1, cursor?.key[0] === 1 ? past(false) : undefined, false, n - upcoming.length);
    fetched = [...upcoming, ...passed];
  }
  const page = keysetPage(fetched, limit, cursor, (r) => [r.seg, r.primaryDate, r.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(races).where(base).get()?.n ?? 0;
  return { ...page, total };
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

const DUPLICATE_RACE = { ok: false as const, field: "office", message: "This table already has this office in this place (state, chamber or city, and district)." };

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
        input.chamber ? eq(races.chamber, input.chamber) : isNull(races.chamber),
        input.locality ? sql`${races.locality} = ${input.locality} collate nocase` : isNull(races.locality),
        exceptId === undefined ? undefined : ne(races.id, exceptId),
      ),
    )
    .get();
}

/**
 * The race's row, its place checked and written the way the table's level names it (a
 * refusal names the field); a race with no primary dates its first election to the general.
 */
function toRow(level: CoalitionLevel, input: RaceInput): Result<{ row: Omit<typeof races.$inferInsert, "coalitionId"> & RaceInput & { primaryDate: string } }> {
  const place = checkJurisdiction(level, input);
  if (!place.ok) return { ok: false, field: place.field, message: place.message };
  const primaryKind = input.primaryKind ?? "partisan";
  const primaryDate = input.primaryDate ?? (primaryKind === "none" ? input.generalDate : null);
  if (!primaryDate) return { ok: false, field: "primaryDate", message: "Primary date is required (or choose no primary)." };
  return { ok: true, row: { ...input, ...place.value, primaryKind, primaryDate, timeZone: input.timeZone ?? defaultTimeZone(place.value.state) } };
}

export function createRace(db: Db, actor: Actor, coalitionId: number, raw: RaceInput): Result<{ race: Race }> {
  const checked = toRow(coalitionRow(db, coalitionId).level, raw);
  if (!checked.ok) return checked;
  const input = checked.row;
  try {
    return db.transaction((tx) => {
      if (findClash(tx, coalitionId, input)) return DUPLICATE_RACE;
      const race = tx.insert(races).values({ ...input, coalitionId }).returning().get();
      appendAudit(tx, actor, { action: "race.create", decision: "info", raceId: race.id, detail: raceLabel(race) });
      return { ok: true as const, race };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_RACE;
    throw err;
  }
}

export function updateRace(db: Db, actor: Actor, coalitionId: number, raceId: number, raw: RaceInput): Result<{ race: Race }> {
  raceRow(db, coalitionId, raceId);
  const checked = toRow(coalitionRow(db, coalitionId).level, raw);
  if (!checked.ok) return checked;
  const input = checked.row;
  try {
    return db.transaction((tx) => {
      if (findClash(tx, coalitionId, input, raceId)) return DUPLICATE_RACE;
      const race = tx.update(races).set(input).where(eq(races.id, raceId)).returning().get();
      appendAudit(tx, actor, { action: "race.update", decision: "info", raceId, detail: raceLabel(race) });
      return { ok: true as const, race };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return DUPLICATE_RACE;
    throw err;
  }
}
