import { z } from "zod";
import { LOOKBACK_DAYS } from "./firewall";
import { chosenId, optional, wholeNumber } from "./forms";
import type { CoalitionLevel } from "./vocabulary";
import { WINDOW_DAYS } from "./windows";

/**
 * The firewall by level (issue 13): the content window of rule F8 and the lookback of rules
 * F4 and F5 are the table's settings. A federal table starts from the federal rules (11 CFR
 * 109.21: 90 days for House candidates, a 120-day lookback). A state-legislative or
 * municipal table falls under state law, which the app does not know: until its counsel sets
 * the lengths, the app applies the federal lengths as a stand-in floor and says so, never as
 * the state's law.
 */
export type FirewallLengths = { windowDays: number; lookbackDays: number };

export const FEDERAL_LENGTHS: FirewallLengths = { windowDays: WINDOW_DAYS, lookbackDays: LOOKBACK_DAYS };

export const WINDOW_DAYS_MAX = 365;
export const LOOKBACK_DAYS_MAX = 730;

/** Where a table's lengths come from: counsel set them, the federal rules (a federal table), or the stand-in (not yet set below the federal level). */
export type LengthsBasis = "counsel" | "federal_rules" | "federal_stand_in";

/** What counsel stored for a table, when they did. */
export type StoredLengths = FirewallLengths & { basisNote: string | null; setByName: string | null; setAt: string };

export type TableLengths = FirewallLengths & { basis: LengthsBasis; level: CoalitionLevel; stored: StoredLengths | null };

/** The lengths the firewall applies at a table of this level, given what counsel stored (or null). */
export function effectiveLengths(level: CoalitionLevel, stored: StoredLengths | null): TableLengths {
  if (stored) return { windowDays: stored.windowDays, lookbackDays: stored.lookbackDays, basis: "counsel", level, stored };
  return { ...FEDERAL_LENGTHS, basis: level === "federal" ? "federal_rules" : "federal_stand_in", level, stored: null };
}

/** Whose law governs a table of this level, said plainly. */
export function governingLaw(level: CoalitionLevel): string {
  return level === "federal"
    ? "Federal law governs this table's races (11 CFR 109.21 and the IRS rules for 501(c)(3) and 501(c)(4) organizations)."
    : `State law governs this table's ${level === "municipal" ? "municipal" : "state-legislative"} races, not the federal rules. The app does not know any state's rules.`;
}

/** One sentence on where the lengths in force come from. */
export function lengthsBasisText(l: TableLengths): string {
  if (l.basis === "counsel") return `Set by counsel${l.stored?.setByName ? ` (${l.stored.setByName})` : ""} on ${l.stored?.setAt.slice(0, 10)}${l.stored?.basisNote ? `: ${l.stored.basisNote}` : "."}`;
  if (l.basis === "federal_rules") return "The federal rules (the default for a federal table): a 90-day window for House candidates and a 120-day lookback.";
  return `Counsel has not set this table's lengths. Until they do, the app applies the federal lengths (a ${FEDERAL_LENGTHS.windowDays}-day window, a ${FEDERAL_LENGTHS.lookbackDays}-day lookback) as a stand-in floor. They are not the state's law.`;
}

/**
 * A federal table may lengthen the federal periods but not shorten them: 11 CFR 109.21 sets
 * them. Below the federal level any length counsel chooses stands (the state decides).
 * Returns the refusal per field, or null.
 */
export function lengthsRefusal(level: CoalitionLevel, l: FirewallLengths): { field: "windowDays" | "lookbackDays"; message: string } | null {
  if (level !== "federal") return null;
  if (l.windowDays < FEDERAL_LENGTHS.windowDays)
    return { field: "windowDays", message: `A federal table's window may not be shorter than the federal ${FEDERAL_LENGTHS.windowDays} days (11 CFR 109.21).` };
  if (l.lookbackDays < FEDERAL_LENGTHS.lookbackDays)
    return { field: "lookbackDays", message: `A federal table's lookback may not be shorter than the federal ${FEDERAL_LENGTHS.lookbackDays} days (11 CFR 109.21).` };
  return null;
}

/** Counsel's form: the member whose counsel sets them, the two lengths, and what they rest on (the state statute, say). */
export const lengthsForm = z.object({
  partnerId: chosenId("Choose the member you are counsel of."),
  windowDays: wholeNumber("Content window (days)", 1, WINDOW_DAYS_MAX),
  lookbackDays: wholeNumber("Lookback (days)", 1, LOOKBACK_DAYS_MAX),
  basisNote: optional("What the lengths rest on", 500),
});
export type LengthsInput = z.infer<typeof lengthsForm>;
