import { z } from "zod";
import { optional, required } from "./forms";

/**
 * A volunteer's own sign-up on a public shift page (issue 14), and the hosts' publishing and
 * reminder settings. `website` is the honeypot: a field people never see (hidden off-screen,
 * out of the tab order); a bot that fills it in is answered as if it had signed up.
 */
export const publicSignupForm = z.object({
  volunteerName: required("Your name", 120),
  email: required("Email", 200)
    .transform((v) => v.toLowerCase())
    .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Email must look like name@example.org."),
  phone: optional("Phone", 40).refine((v) => v === null || /^\+?[\d\s().-]{7,}$/.test(v), "Phone must be a phone number, like 610-555-0100."),
  website: z.string().optional(),
});
export type PublicSignupInput = z.output<typeof publicSignupForm>;

const box = z
  .string()
  .optional()
  .transform((v) => v === "on");
export const publishForm = z.object({ publish: z.enum(["on", "off"], { error: "Choose publish or unpublish." }).transform((v) => v === "on") });
export const remindersForm = z.object({ remind24h: box, remind2h: box });

/** Public sign-ups one email address may make in an hour (the honeypot catches the simplest bots; this the rest). */
export const PUBLIC_SIGNUPS_PER_HOUR = 5;

/** What the public page says about the place: the address, a virtual shift, or nothing yet. */
export function publicPlace(s: { location: string | null; callLink: string | null }): string | null {
  if (s.location) return s.location;
  if (s.callLink) return "Virtual: the link comes with your confirmation";
  return null;
}
