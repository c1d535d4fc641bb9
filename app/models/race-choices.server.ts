import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { races } from "../../db/schema";
import type { Viewer } from "~/domain/actor";
import { isUsState } from "~/domain/states";
import { RACE_PLACE, raceLabel } from "./races.server";

/** How many races a form offers before it asks for a state first. */
export const RACE_CHOICE_LIMIT = 100;

/**
 * The races a form offers (a wall, a vendor use, an override), bounded (DESIGN.md "Scale"):
 * those of the state chosen, or every race of the table when it has at most `limit`;
 * otherwise none, and `needState` says to choose a state first. One statement, always.
 */
// every read takes the viewer; a race's office and place are public
export function boundedRaceChoices(db: Db, _viewer: Viewer, input: { coalitionId: number; state?: string | null; limit?: number }) {
  const limit = input.limit ?? RACE_CHOICE_LIMIT;
  const rows = db
    .select({ id: races.id, ...RACE_PLACE })
    .from(races)
    .where(and(eq(races.coalitionId, input.coalitionId), input.state ? eq(races.state, input.state) : undefined))
    .orderBy(asc(races.state), asc(races.district), asc(races.office), asc(races.id))
    .limit(limit + 1)
    .all();
  if (rows.length > limit) return { races: [] as { value: string; label: string }[], needState: true };
  return { races: rows.map((r) => ({ value: String(r.id), label: raceLabel(r) })), needState: false };
}

/** A `?state=` that names a US state, upper-cased; anything else reads as none. */
export function stateParam(url: URL, name = "state"): string | null {
  const s = (url.searchParams.get(name) ?? "").trim().toUpperCase();
  return /^[A-Z]{2}$/.test(s) && isUsState(s) ? s : null;
}

