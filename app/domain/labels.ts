import type { CoalitionLevel } from "~/domain/vocabulary";
import type { Incumbency, ProfileItemKind } from "~/domain/vocabulary";

export const LEVEL_LABELS: Record<CoalitionLevel, string> = {
  federal: "Federal",
  state_legislative: "State legislative",
  municipal: "Municipal",
};

export const INCUMBENCY_LABELS: Record<Incumbency, string> = {
  incumbent: "Incumbent",
  challenger: "Challenger",
  open_seat: "Open seat",
};

export const PROFILE_ITEM_KIND_LABELS: Record<ProfileItemKind, string> = {
  position: "Position on an issue",
  fundraising: "Fundraising",
  poll: "Polling",
  strength: "Strength",
  risk: "Risk",
  note: "Research note",
};

export const PROFILE_SECTION_TITLES: Record<ProfileItemKind, string> = {
  position: "Positions by issue",
  fundraising: "Fundraising",
  poll: "Polling",
  strength: "Strengths",
  risk: "Risks",
  note: "Research notes",
};

export function money(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return n.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
}
