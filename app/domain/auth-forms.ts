import { z } from "zod";
import { ROLES } from "~/domain/vocabulary";
import { chosenId } from "./forms";

/** Forms of sign-in, invitations and passwords. Shared by server and client. */

export const PASSWORD_MIN = 12;

export const loginForm = z.object({
  email: z.string({ error: "Enter your email." }).trim().min(1, "Enter your email.").max(200, "That email is too long."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1000, "That password is too long."),
  redirectTo: z.string().optional(),
});

export const newPasswordForm = z
  .object({
    name: z.string().trim().max(120, "Name must be at most 120 characters.").optional().default(""),
    password: z
      .string({ error: "Choose a password." })
      .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
      .max(1000, "That password is too long."),
    confirm: z.string({ error: "Type the password again." }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords differ." });
  });

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null));

export const invitationForm = z.object({
  name: z.string({ error: "Give the person's name." }).trim().min(1, "Give the person's name.").max(120, "Name must be at most 120 characters."),
  email: z
    .string({ error: "Give the person's email." })
    .trim()
    .min(1, "Give the person's email.")
    .max(200, "That email is too long.")
    .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Email must look like name@example.org."),
  role: z.enum(ROLES, { error: "Choose a role." }),
  partnerId: optionalId,
  affiliateId: optionalId,
});

/** The admin's invitation: to any table, chosen in the form. */
export const adminInvitationForm = invitationForm.extend({ coalitionId: chosenId("Choose a table.") });

/** A representative's invitation of a lead for one of its partner's affiliates (role and partner are the page's). */
export const leadInvitationForm = invitationForm.pick({ name: true, email: true }).extend({
  affiliateId: chosenId("Choose one of this partner's affiliates."),
});

/** The admin's password-reset link for one person. */
export const passwordResetForm = z.object({ userId: chosenId("Choose a person.") });

/** Taking back a role held at a table. */
export const revokeRoleForm = z.object({ grantId: chosenId("Choose a role to revoke.") });

/** Withdrawing a pending invitation. */
export const revokeInvitationForm = z.object({ invitationId: chosenId("Choose an invitation to withdraw.") });

/**
 * Only same-site paths: "/tables/1", never "//evil.example" or "https://…". Control
 * characters are refused too: browsers drop tabs and newlines from a URL, so "/\t/evil.example"
 * would become "//evil.example".
 */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  return to;
}

/** Accepting an invitation with an account that already exists: its own password. */
export const existingAccountForm = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1000, "That password is too long."),
});
