import { z } from "zod";
import { ACCOUNTS, OVERRIDE_SCOPES, SIDES } from "~/domain/vocabulary";
import { isoDate, optional, required, wholeNumber } from "./forms";
import { normalizeDistrict } from "./districts";
import { isUsState } from "./states";

/** Forms of a member's counsel: firewall policies (F6), sides per race, overrides (F9). */

const id = (label: string) => wholeNumber(label, 1, Number.MAX_SAFE_INTEGER);

export const POLICY_MAX_CHARS = 100_000;

const policyBody = z
  .string({ error: "Write the policy, or upload it as a text file." })
  .trim()
  .min(40, "A firewall policy needs more than a line: write the policy, or upload it as a text file.")
  .max(POLICY_MAX_CHARS, `The policy must be at most ${POLICY_MAX_CHARS.toLocaleString("en-US")} characters.`);

/** A version of a member's policy, its body written or read from an uploaded file. */
export const policyForm = z.object({
  partnerId: id("Member"),
  title: required("Title", 160),
  body: policyBody,
});

/**
 * The publish form as posted, checked in the browser before the round trip: the policy is
 * written, or a file is chosen. The server reads a chosen file into the body (checking its
 * size and type), then parses the result with policyForm, so a file never passes unchecked.
 */
export const policyUploadForm = z
  .object({
    partnerId: id("Member"),
    title: required("Title", 160),
    body: z.string().optional(),
    file: z.file().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.file) return;
    const body = policyBody.safeParse(v.body);
    if (!body.success) ctx.addIssue({ code: "custom", path: ["body"], message: body.error.issues[0].message });
  });

export const acknowledgeForm = z.object({
  policyId: id("Policy"),
  version: id("Version"),
});

export const sideForm = z.object({
  partnerId: id("Member"),
  raceId: id("Race"),
  account: z.enum(ACCOUNTS, { error: "Choose an account." }),
  side: z.enum(SIDES, { error: "Choose a side." }),
  reason: optional("Reason", 500),
});

/** Counsel dedicates a hybrid PAC's person to one account, or puts them back on both ("both"). */
export const dedicationForm = z.object({
  partnerId: id("Member"),
  userId: id("Person"),
  account: z.enum(["both", "contribution", "non_contribution"], { error: "Choose an account, or both." }),
  reason: optional("Reason", 500),
});

export const OVERRIDE_SCOPE_LABELS: Record<(typeof OVERRIDE_SCOPES)[number], string> = {
  joint_canvass: "A shift with a campaign host: a joint canvass (F7; needs two approvals)",
  campaign_share: "An export or share to a campaign (F7)",
  wall: "Placing a walled person on independent-side work (F3/F4)",
  vendor: "Using a vendor without its firewall policy (F5)",
};
const RULE_OF_SCOPE: Record<(typeof OVERRIDE_SCOPES)[number], string> = {
  joint_canvass: "F7",
  campaign_share: "F7",
  wall: "F4",
  vendor: "F5",
};
export const ruleOfScope = (scope: (typeof OVERRIDE_SCOPES)[number]) => RULE_OF_SCOPE[scope];

export const overrideForm = z.object({
  partnerId: id("Member"),
  raceId: id("Race"),
  scope: z.enum(OVERRIDE_SCOPES, { error: "Choose what the override allows." }),
  subjectId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[1-9]\d{0,15}$/.test(v), "The item number must be a whole number (or leave it empty for the whole race).")
    .transform((v) => (v === null ? null : Number(v))),
  reason: z
    .string({ error: "Give the reason for the override." })
    .trim()
    .min(10, "Give the reason for the override (at least a sentence).")
    .max(2000, "The reason must be at most 2000 characters."),
  expiresOn: isoDate("Expiry date"),
});

export const overrideIdForm = z.object({ overrideId: id("Override") });

/**
 * The sides page's race search, as typed: "PA-07", "pa 7", "PA" (a state), or a district
 * alone ("07"). Returns the state and district to filter by in SQL; a congressional district
 * is read as the table writes it ("7" → "07"); anything else is kept as typed, upper-cased.
 * Null when nothing usable was typed.
 */
export function sidesRaceQuery(raw: string | null): { state: string | null; district: string | null } | null {
  const v = (raw ?? "").trim().toUpperCase().slice(0, 40);
  if (!v) return null;
  const m = /^([A-Z]{2})(?:[-\s]+(.+))?$/.exec(v);
  if (m && isUsState(m[1])) {
    const district = m[2]?.trim() || null;
    return { state: m[1], district: district === null ? null : (normalizeDistrict(m[1], district) ?? district) };
  }
  return { state: null, district: /^\d$/.test(v) ? `0${v}` : v };
}
