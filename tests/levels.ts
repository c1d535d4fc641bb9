/**
 * "Every F-rule test runs at every level" (issue 13): the firewall's model tests build their
 * table and races through these cases. A federal table applies the federal rules; the state
 * table's counsel set its own window and lookback (60 and 180 days); the municipal table's
 * counsel has not, so it applies the federal stand-in.
 */
import type { Db } from "../db/client";
import type { Actor } from "~/domain/actor";
import { FEDERAL_LENGTHS, type FirewallLengths } from "~/domain/firewall-lengths";
import type { CoalitionLevel } from "~/domain/vocabulary";
import { setTableLengths } from "~/models/firewall-lengths.server";
import { buildCoalition, buildRace } from "./factories";

export type LevelCase = { level: CoalitionLevel; name: string; counselSet: FirewallLengths | null; lengths: FirewallLengths };

export const LEVEL_CASES: LevelCase[] = [
  { level: "federal", name: "federal table (the federal rules)", counselSet: null, lengths: FEDERAL_LENGTHS },
  { level: "state_legislative", name: "state-legislative table (counsel's own 60-day window, 180-day lookback)", counselSet: { windowDays: 60, lookbackDays: 180 }, lengths: { windowDays: 60, lookbackDays: 180 } },
  { level: "municipal", name: "municipal table (counsel has not set: the federal stand-in)", counselSet: null, lengths: FEDERAL_LENGTHS },
];

/** A table of the case's level, with counsel's lengths when the case has them (set as a system actor: the route's counsel check is tested elsewhere). */
export function levelTable(db: Db, actor: Actor, c: LevelCase, over: { threshold?: number } = {}) {
  const table = buildCoalition(db, actor, { level: c.level, ...over });
  if (c.counselSet) {
    const r = setTableLengths(db, actor, { coalitionId: table.id, partnerId: null, ...c.counselSet, basisNote: "Counsel's reading of the state's law" });
    if (!r.ok) throw new Error(r.message);
  }
  return table;
}

/** The n-th race of the case's level (n = 0, 1, 2…), its place written the way the level writes it. */
export function levelRace(db: Db, actor: Actor, coalitionId: number, c: LevelCase, n: number, over: { primaryDate?: string; generalDate?: string } = {}) {
  const dates = { primaryDate: over.primaryDate ?? "2027-05-18", generalDate: over.generalDate ?? "2027-11-02" };
  if (c.level === "federal") return buildRace(db, actor, coalitionId, { state: "PA", district: String(7 + n).padStart(2, "0"), ...dates });
  if (c.level === "state_legislative")
    return buildRace(db, actor, coalitionId, { office: "State House", state: "MN", chamber: "lower", district: `${34 + n}A`, ...dates });
  return buildRace(db, actor, coalitionId, { office: "City Council", state: "IL", locality: "Chicago", localityKind: "city", seatKind: "ward", district: String(5 + n), ...dates });
}
