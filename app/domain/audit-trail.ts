import { addDays } from "./dates";

/** The days the audit trail shows and exports when no start date is given (issue 11: a million rows at national scale). */
export const AUDIT_DEFAULT_DAYS = 90;

export const AUDIT_DECISIONS = ["allow", "deny", "info"] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

/**
 * The window of the trail a page or an export reads: the dates given, else the last 90 days
 * up to `to` (or today). `defaulted` says the start was not chosen, so the page can say so.
 */
export function auditWindow(input: { from?: string | null; to?: string | null }, today: string): { from: string; to: string | null; defaulted: boolean } {
  if (input.from) return { from: input.from, to: input.to ?? null, defaulted: false };
  return { from: addDays(input.to ?? today, -(AUDIT_DEFAULT_DAYS - 1)), to: input.to ?? null, defaulted: true };
}
