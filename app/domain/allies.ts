import { z } from "zod";
import { LEGAL_TYPES } from "./vocabulary";
import { invitationForm } from "./auth-forms";
import { required } from "./forms";
import { isUsState } from "./states";

/**
 * Issue 13: inviting a regional ally (an organization at no table and of no partner) into a
 * sub-table's program: the organization, its legal type and state, and its lead's account.
 */
export const allyInviteForm = z.object({
  name: required("Organization name", 160),
  legalType: z.enum(LEGAL_TYPES, { error: "Choose a legal type." }),
  state: z.string({ error: "State is required." }).trim().toUpperCase().refine(isUsState, "State must be a two-letter US state code, like IL."),
  leadName: invitationForm.shape.name,
  leadEmail: invitationForm.shape.email,
});

export type AllyInvite = z.infer<typeof allyInviteForm>;

/** A short name for an ally's partner row, unique among the taken ones: its initials, then a number. */
export function allyShortName(name: string, taken: ReadonlySet<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const base = (words.length > 1 ? words.map((w) => w[0]!.toUpperCase()).join("") : (words[0] ?? "ALLY").toUpperCase()).slice(0, 16) || "ALLY";
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
