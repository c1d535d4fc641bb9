import { isNearingCriticalMass } from "./critical-mass";

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
