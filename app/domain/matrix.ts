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
