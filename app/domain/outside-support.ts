import { z } from "zod";
import { chosenId, isoDate, optional, optionalChosenId, required } from "./forms";
import { isUsState } from "./states";
import { OUTSIDE_SUPPORTER_KINDS, type OutsideSupporterKind } from "./vocabulary";

/**
 * Support from outside the table (issue 17): other organizations, unions, elected officials and
 * local groups that endorsed a candidate, each with its public source (a URL) and the date, so
 * the facilitator can "monitor support for the candidate by groups throughout the country".
 * Pure: forms, words and the filter of the table-wide view.
 */

export const OUTSIDE_KIND_LABELS: Record<OutsideSupporterKind, string> = {
  organization: "Organization",
  union: "Union",
  elected_official: "Elected official",
  local_group: "Local group",
};

const PLURALS: Record<OutsideSupporterKind, [string, string]> = {
  organization: ["organization", "organizations"],
  union: ["union", "unions"],
  elected_official: ["elected official", "elected officials"],
  local_group: ["local group", "local groups"],
};

/** "3 unions", "1 elected official". */
export function kindCount(kind: OutsideSupporterKind, n: number): string {
  return `${n} ${PLURALS[kind][n === 1 ? 0 : 1]}`;
}

/** "2 unions, 1 elected official" in the order of the kinds, leaving out kinds with none; "none" when empty. */
export function supportSummary(counts: Partial<Record<OutsideSupporterKind, number>>): string {
  const parts = OUTSIDE_SUPPORTER_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => kindCount(k, counts[k]!));
  return parts.length ? parts.join(", ") : "none";
}

/** A public web address: the source is required (the support is public information). */
const publicUrl = required("Public source", 500).refine((v) => /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), {
  message: "The public source must be a web address starting with http:// or https://.",
});

export const outsideSupportForm = z.object({
  kind: z.enum(OUTSIDE_SUPPORTER_KINDS, { error: "Choose who endorsed: an organization, a union, an elected official or a local group." }),
  name: required("Name", 200),
  sourceUrl: publicUrl,
  endorsedOn: isoDate("Date endorsed"),
  note: optional("Note", 500),
  /** The partner whose representative adds it (empty for neutral staff). */
  partnerId: optionalChosenId("Choose the partner adding it."),
});
export type OutsideSupportInput = z.output<typeof outsideSupportForm>;

export const outsideSupportEditForm = outsideSupportForm.extend({ outsideId: chosenId("Choose an endorsement to change.") });
export const outsideSupportRemoveForm = z.object({ outsideId: chosenId("Choose an endorsement to remove.") });

/** The table-wide view's filter from the URL: a kind and a state, each or both optional; anything else reads as no filter. */
export function readOutsideFilter(url: URL): { kind: OutsideSupporterKind | null; state: string | null } {
  const kind = url.searchParams.get("kind");
  const state = (url.searchParams.get("state") ?? "").trim().toUpperCase();
  return {
    kind: (OUTSIDE_SUPPORTER_KINDS as readonly string[]).includes(kind ?? "") ? (kind as OutsideSupporterKind) : null,
    state: isUsState(state) ? state : null,
  };
}

/** The date endorsed may not be after today (the support is a fact already public). */
export function endorsedOnProblem(endorsedOn: string, today: string): string | null {
  return endorsedOn > today ? "The date endorsed cannot be after today: record support once it is public." : null;
}
