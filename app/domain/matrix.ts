import { isNearingCriticalMass } from "./critical-mass";
import type { Stance } from "./vocabulary";

/** The matrix's status filter: where a candidate stands against the critical-mass threshold. */
export const MATRIX_STATUSES = ["critical_mass", "nearing", "any_endorsement", "none"] as const;
export type MatrixStatus = (typeof MATRIX_STATUSES)[number];
export const MATRIX_STATUS_LABELS: Record<MatrixStatus, string> = {
  critical_mass: "At critical mass",
  nearing: "Nearing critical mass",
  any_endorsement: "Any endorsement",
  none: "No endorsement yet",
};

export function matchesStatus(c: { count: number }, status: MatrixStatus, threshold: number): boolean {
  switch (status) {
    case "critical_mass":
      return c.count >= threshold;
    case "nearing":
      return isNearingCriticalMass(c.count, threshold);
    case "any_endorsement":
      return c.count > 0;
    case "none":
      return c.count === 0;
  }
}

/** A candidate's count against the threshold, in words: "5 partners, threshold 4" (never "5 of 4"). */
export function countLabel(count: number, threshold: number): string {
  return `${count} ${count === 1 ? "partner" : "partners"}, threshold ${threshold}`;
}

/** How far from critical mass: "1 more needed", "3 more needed", or "critical mass" once reached. */
export function neededLabel(needed: number): string {
  return needed > 0 ? `${needed} more needed` : "critical mass";
}

export type MatrixFilter = { state: string | null; raceId: number | null; status: MatrixStatus | null; q: string | null };

/** The names the matrix's filters travel under in a URL (the page, its pager, its CSV link). */
export const MATRIX_FILTER_PARAMS = ["state", "race", "status", "q"] as const;

/** The matrix's filters from a URL's query; junk reads as no filter (never an error). */
export function readMatrixFilter(query: URLSearchParams): MatrixFilter {
  const status = query.get("status");
  const race = query.get("race");
  return {
    state: (query.get("state") ?? "").toUpperCase().slice(0, 2) || null,
    raceId: race && /^[1-9]\d{0,15}$/.test(race) ? Number(race) : null,
    status: (MATRIX_STATUSES as readonly string[]).includes(status ?? "") ? (status as MatrixStatus) : null,
    q: (query.get("q") ?? "").trim().slice(0, 100) || null,
  };
}

const STANCE_CODES: Record<Stance, string> = { considering: "C", endorsed: "E", declined: "D", withdrawn: "W" };
const CODE_STANCES = new Map(Object.entries(STANCE_CODES).map(([s, c]) => [c, s as Stance]));

/**
 * A row's stances as one letter per partner, in the columns' order ("." for none): the page
 * sends a row's 60 stances in 60 bytes rather than as an object.
 */
export function stanceCodes(stances: Record<number, Stance>, partnerIds: readonly number[]): string {
  return partnerIds.map((id) => (stances[id] ? STANCE_CODES[stances[id]] : ".")).join("");
}

/** The stance in column `i` of a row's codes, or null. */
export function stanceAt(codes: string, i: number): Stance | null {
  return CODE_STANCES.get(codes[i]) ?? null;
}
