import { addDays } from "./dates";

/**
 * Rule F8: the content window of an election E is [E − N days, E], both ends included. N is
 * the table's setting (app/domain/firewall-lengths.ts); WINDOW_DAYS is the federal 90.
 */
export const WINDOW_DAYS = 90;

export const ELECTION_KINDS = ["primary", "runoff", "special", "general"] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

export const ELECTION_LABELS: Record<ElectionKind, string> = {
  primary: "Primary",
  runoff: "Runoff",
  special: "Special election",
  general: "General election",
};

export type ContentWindow = { kind: ElectionKind; election: string; opens: string; closes: string };

/** The windows of a race's elections, `windowDays` long, in date order (a race with no primary has none for it). */
export function contentWindows(
  race: { primaryDate: string; generalDate: string; runoffDate?: string | null; specialDate?: string | null; primaryKind?: string },
  windowDays: number,
): ContentWindow[] {
  const dates: [ElectionKind, string | null | undefined][] = [
    ["primary", race.primaryKind === "none" ? null : race.primaryDate],
    ["runoff", race.runoffDate],
    ["special", race.specialDate],
    ["general", race.generalDate],
  ];
  return dates
    .filter((d): d is [ElectionKind, string] => !!d[1])
    .map(([kind, election]) => ({ kind, election, opens: addDays(election, -windowDays), closes: election }))
    .sort((a, b) => a.election.localeCompare(b.election));
}

/** The windows a date falls in (inclusive at both ends). */
export function windowsOn(windows: readonly ContentWindow[], date: string): ContentWindow[] {
  return windows.filter((w) => date >= w.opens && date <= w.closes);
}
