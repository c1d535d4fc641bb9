import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, canvassPrograms, coalitionPartners, invitations, programAllies, loginAttempts, roleGrants, sessions, users, type Invitation, type User } from "../../db/schema";
import { type Role } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { SESSION_IDLE_DAYS } from "~/domain/sessions";
import type { Grant, Principal } from "~/domain/permissions";
import { hashPassword, verifyPassword } from "~/models/passwords.server";
import { appendAudit, type AuditEntry } from "./audit.server";
import { getGrant, getInvitation } from "./people.server";
import { isDatabaseBusy, isUniqueViolation, NotFoundError, type Result } from "~/domain/errors";

export const INVITATION_DAYS = 7;
export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_MAX_FAILURES = 5;

const DAY = 86_400_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Loads a person with their live grants and what the permission rule needs about them. */
export function loadPrincipal(db: Db, userId: number): Principal | null {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.disabledAt) return null;
  const grants: Grant[] = db
    .select({ id: roleGrants.id, role: roleGrants.role, coalitionId: roleGrants.coalitionId, partnerId: roleGrants.partnerId, affiliateId: roleGrants.affiliateId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
    .all();
  const affiliateIds = grants.map((g) => g.affiliateId).filter((id): id is number => id !== null);
  const affiliatePartner: Record<number, number> = {};
  if (affiliateIds.length) {
    for (const a of db.select({ id: affiliates.id, partnerId: affiliates.partnerId }).from(affiliates).where(inArray(affiliates.id, affiliateIds)).all()) {
      affiliatePartner[a.id] = a.partnerId;
    }
  }
  const partnerIds = [...new Set([...grants.map((g) => g.partnerId).filter((id): id is number => id !== null), ...Object.values(affiliatePartner)])];
  const partnerSeats: Record<number, number[]> = {};
  if (partnerIds.length) {
    for (const s of db.select().from(coalitionPartners).where(inArray(coalitionPartners.partnerId, partnerIds)).all()) {
      (partnerSeats[s.partnerId] ??= []).push(s.coalitionId);
    }
  }
  // issue 13: the programs the regional allies among them joined (field work only, never a seat)
  const allyPrograms: Record<number, { coalitionId: number; programId: number }[]> = {};
  if (affiliateIds.length) {
    const joined = db
      .select({ partnerId: programAllies.partnerId, programId: programAllies.programId, coalitionId: canvassPrograms.coalitionId })
      .from(programAllies)
      .innerJoin(canvassPrograms, eq(canvassPrograms.id, programAllies.programId))
      .where(inArray(programAllies.partnerId, [...new Set(Object.values(affiliatePartner))]))
      .all();
    for (const j of joined) (allyPrograms[j.partnerId] ??= []).push({ coalitionId: j.coalitionId, programId: j.programId });
  }
  return { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin, grants, partnerSeats, affiliatePartner, allyPrograms };
}

export type SignInResult =
  | { ok: true; sessionId: string; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date; scope: "account" | "address" };

/** Failed sign-ins from one address, for any accounts, before that address is slowed down. */
export const ADDRESS_MAX_FAILURES = 20;

/**
 * Signs in. Two throttles, both over the last 15 minutes:
 * - the account: 5 failures for one email refuse that email, the right password included,
 *   until the oldest falls out of the window; on a browser where this person has signed in
 *   before (`knownUserIds`, from its device cookie) only the failures from that browser's
 *   address count, so a stranger elsewhere cannot lock them out;
 * - the address: 20 failures from one address, across accounts (spraying), refuse further
 *   attempts from it, except from browsers that have signed in to the account before.
 * A handful of failures from a shared address (an office NAT, a proxy) locks out nobody.
 * The same answer for a wrong password and an unknown email; a success clears the
 * account's failures (not the address's) and starts a new session (a new id every time).
 */
export function signIn(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent: string | null; knownUserIds?: readonly number[] },
  now = new Date(),
): SignInResult {
  const email = normalizeEmail(input.email);
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const known = !!user && (input.knownUserIds ?? []).includes(user.id);
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const failures = db
    .select({ at: loginAttempts.at, email: loginAttempts.email, ip: loginAttempts.ip })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.success, false), gt(loginAttempts.at, since), or(eq(loginAttempts.email, email), eq(loginAttempts.ip, input.ip))))
    .orderBy(asc(loginAttempts.at))
    .all();
  const byAccount = failures.filter((f) => f.email === email && (!known || f.ip === input.ip));
  const byAddress = known ? [] : failures.filter((f) => f.ip === input.ip);
  const over =
    byAccount.length >= THROTTLE_MAX_FAILURES
      ? { scope: "account" as const, counted: byAccount, max: THROTTLE_MAX_FAILURES }
      : byAddress.length >= ADDRESS_MAX_FAILURES
        ? { scope: "address" as const, counted: byAddress, max: ADDRESS_MAX_FAILURES }
        : null;
  if (over) {
    // The window frees up when the oldest failure that counts falls out of it.
    const oldest = over.counted[over.counted.length - over.max]?.at ?? now.toISOString();
    const retryAt = new Date(Date.parse(oldest) + THROTTLE_WINDOW_MINUTES * 60_000);
    db.transaction((tx) => {
      appendAudit(tx, null, { action: "auth.sign_in", decision: "deny", detail: `throttled (${over.scope}): ${email} from ${input.ip}` }, now);
    });
    return { ok: false, reason: "throttled", retryAt, scope: over.scope };
  }
  const valid = verifyPassword(input.password, user?.passwordHash ?? null) && !!user && !user.disabledAt;
  const at = now.toISOString();
  if (!valid || !user) {
    db.transaction((tx) => {
      tx.insert(loginAttempts).values({ email, ip: input.ip, at, success: false }).run();
      appendAudit(tx, null, { action: "auth.sign_in", decision: "deny", detail: `wrong email or password: ${email} from ${input.ip}` }, now);
    });
    return { ok: false, reason: "invalid" };
  }
  const sessionId = randomBytes(32).toString("base64url");
  db.transaction((tx) => {
    tx.delete(loginAttempts).where(and(eq(loginAttempts.success, false), eq(loginAttempts.email, email))).run();
    tx.insert(sessions).values({ id: sessionId, userId: user.id, createdAt: at, lastSeenAt: at, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null }).run();
    appendAudit(tx, { id: user.id, name: user.name }, { action: "auth.sign_in", decision: "allow", detail: `from ${input.ip}` }, now);
  });
  return { ok: true, sessionId, userId: user.id };
}

/** The person behind a session id, if the session is live: not ended, not idle 14 days, user active. */
export function sessionPrincipal(db: Db, sessionId: string, now = new Date()): Principal | null {
  const s = db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  if (!s || s.endedAt) return null;
  if (now.getTime() - Date.parse(s.lastSeenAt) > SESSION_IDLE_DAYS * DAY) return null;
  const principal = loadPrincipal(db, s.userId);
  if (!principal) return null;
  if (now.getTime() - Date.parse(s.lastSeenAt) > 5 * 60_000) touchSession(db, sessionId, now);
  return principal;
}

/**
 * Moves a session's idle clock, best effort: while another connection holds the write lock
 * the touch is skipped at once (the next request makes it) instead of waiting out the busy
 * timeout before the request's own work even starts.
 */
function touchSession(db: Db, sessionId: string, now: Date): void {
  const client = db.$client;
  const timeout = client.pragma("busy_timeout", { simple: true }) as number;
  client.pragma("busy_timeout = 0");
  try {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, sessionId)).run();
  } catch (err) {
    if (!isDatabaseBusy(err)) throw err;
  } finally {
    client.pragma(`busy_timeout = ${Number(timeout) || 0}`);
  }
}

export function signOut(db: Db, sessionId: string, ip: string, now = new Date()): void {
  const s = db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  if (!s || s.endedAt) return;
  const user = db.select().from(users).where(eq(users.id, s.userId)).get();
  db.transaction((tx) => {
    tx.update(sessions).set({ endedAt: now.toISOString() }).where(eq(sessions.id, sessionId)).run();
    appendAudit(tx, user ? { id: user.id, name: user.name } : null, { action: "auth.sign_out", decision: "info", detail: `from ${ip}` }, now);
  });
}

export type InvitationInput = {
  email: string;
  name: string;
  role: Role;
  coalitionId: number;
  partnerId: number | null;
  affiliateId: number | null;
};

type LinkFields = Omit<typeof invitations.$inferInsert, "id" | "tokenHash" | "invitedBy" | "createdAt" | "expiresAt">;

/**
 * Writes an invitation or a password-reset link, valid for 7 days, and its audit row in one
 * transaction. Returns the token once; only its hash is stored.
 */
function issueLink(db: Db, actor: Actor, link: LinkFields, audit: (inv: Invitation) => AuditEntry, now: Date): { token: string; invitation: Invitation } {
  const token = randomBytes(32).toString("base64url");
  const invitation = db.transaction((tx) => {
    const inv = tx
      .insert(invitations)
      .values({ ...link, tokenHash: sha256(token), invitedBy: actor.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY).toISOString() })
      .returning()
      .get();
    appendAudit(tx, actor, audit(inv), now);
    return inv;
  });
  return { token, invitation };
}

/**
 * Makes a single-use invitation valid for 7 days. The grant's subject must fit the role:
 * a facilitator holds a table, a representative or counsel a partner seated at it, a lead
 * an affiliate of such a partner. Returns the token once; only its hash is stored.
 */
export function createInvitation(db: Db, actor: Actor, input: InvitationInput, ip: string, now = new Date()): Result<{ token: string; invitation: Invitation }> {
  const email = normalizeEmail(input.email);
  let partnerId: number | null = null;
  let affiliateId: number | null = null;
  if (input.role === "partner_rep" || input.role === "counsel") {
    if (!input.partnerId) return { ok: false, field: "partnerId", message: "Choose the partner this person acts for." };
    const seated = db
      .select()
      .from(coalitionPartners)
      .where(and(eq(coalitionPartners.coalitionId, input.coalitionId), eq(coalitionPartners.partnerId, input.partnerId)))
      .get();
    if (!seated) return { ok: false, field: "partnerId", message: "Choose a partner that sits at this table." };
    partnerId = input.partnerId;
  } else if (input.role === "affiliate_lead") {
    if (!input.affiliateId) return { ok: false, field: "affiliateId", message: "Choose the affiliate this person leads." };
    const a = db
      .select({ id: affiliates.id, partnerId: affiliates.partnerId })
      .from(affiliates)
      .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, affiliates.partnerId), eq(coalitionPartners.coalitionId, input.coalitionId)))
      .where(eq(affiliates.id, input.affiliateId))
      .get();
    if (!a) return { ok: false, field: "affiliateId", message: "Choose an affiliate of a partner at this table." };
    affiliateId = a.id;
    partnerId = a.partnerId;
  }
  const existing = db.select().from(users).where(eq(users.email, email)).get();
  const issued = issueLink(
    db,
    actor,
    { kind: "invite", email, name: input.name, role: input.role, coalitionId: input.coalitionId, partnerId, affiliateId, userId: existing?.id ?? null },
    (inv) => ({ action: "auth.invite", decision: "info", partnerId, subjectType: "invitation", subjectId: inv.id, detail: `${input.role} for ${email} from ${ip}` }),
    now,
  );
  return { ok: true, ...issued };
}

/**
 * Issue 13: the invitation of a regional ally's lead, made inside inviteAlly's transaction
 * (the ally sits at no table, so createInvitation's seated check does not apply).
 */
export function createAllyLeadInvitation(db: Db, actor: Actor, input: { coalitionId: number; partnerId: number; affiliateId: number; name: string; email: string }, now = new Date()): { token: string; invitation: Invitation } {
  const email = normalizeEmail(input.email);
  const existing = db.select().from(users).where(eq(users.email, email)).get();
  return issueLink(
    db,
    actor,
    { kind: "invite", email, name: input.name, role: "affiliate_lead", coalitionId: input.coalitionId, partnerId: input.partnerId, affiliateId: input.affiliateId, userId: existing?.id ?? null },
    (inv) => ({ action: "auth.invite", decision: "info", partnerId: input.partnerId, subjectType: "invitation", subjectId: inv.id, detail: `affiliate_lead of a regional ally for ${email}` }),
    now,
  );
}

/** An admin issues a password-reset link for a person; it works like an invitation. */
export function createPasswordReset(db: Db, actor: Actor, userId: number, ip: string, now = new Date()): { token: string; invitation: Invitation } {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new NotFoundError("Person");
  return issueLink(db, actor, { kind: "reset", email: user.email, name: user.name, userId: user.id }, () => ({ action: "auth.reset_issued", decision: "info", subjectType: "user", subjectId: user.id, detail: `from ${ip}` }), now);
}

export type InvitationState =
  | { state: "valid"; invitation: Invitation; existingUser: User | null }
  | { state: "expired" | "used" | "revoked"; invitation: Invitation }
  | { state: "unknown" };

export function findInvitation(db: Db, token: string, now = new Date()): InvitationState {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const invitation = db.select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).get();
  if (!invitation) return { state: "unknown" };
  if (invitation.usedAt) return { state: "used", invitation };
  if (invitation.revokedAt) return { state: "revoked", invitation };
  if (Date.parse(invitation.expiresAt) < now.getTime()) return { state: "expired", invitation };
  const existingUser = db.select().from(users).where(eq(users.email, invitation.email)).get() ?? null;
  return { state: "valid", invitation, existingUser };
}

/**
 * Accepts an invitation or a reset: sets the password (a new person is created with the
 * invited name), adds the invited grant, marks the link used, and ends the person's other
 * sessions after a reset. One transaction; a second use finds the link used.
 */
export function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
  ip: string,
  now = new Date(),
): Result<{ userId: number }> {
  const found = findInvitation(db, token, now);
  if (found.state !== "valid") return { ok: false, message: invitationProblem(found.state) };
  const inv = found.invitation;
  const at = now.toISOString();
  try {
    return db.transaction((tx) => {
      // Re-check inside the transaction: two tabs must not both use one link.
      const fresh = tx.select().from(invitations).where(eq(invitations.id, inv.id)).get()!;
      if (fresh.usedAt) return { ok: false as const, message: invitationProblem("used") };
      let user = tx.select().from(users).where(eq(users.email, inv.email)).get();
      if (user?.passwordHash && inv.kind === "invite") {
        // An existing account joins with its own password; an invitation never replaces it.
        if (!verifyPassword(input.password, user.passwordHash)) {
          return { ok: false as const, field: "password", message: "That is not this account's password." };
        }
      }
      const passwordHash = hashPassword(input.password);
      if (user?.passwordHash && inv.kind === "invite") {
        // keep the existing password and name
      } else if (!user) {
        user = tx.insert(users).values({ name: input.name, email: inv.email, passwordHash, isAdmin: inv.makeAdmin }).returning().get();
      } else {
        tx.update(users).set({ passwordHash, name: input.name || user.name }).where(eq(users.id, user.id)).run();
        if (inv.kind === "reset") tx.update(sessions).set({ endedAt: at }).where(and(eq(sessions.userId, user.id), isNull(sessions.endedAt))).run();
      }
      if (inv.kind === "invite" && inv.role) {
        tx.insert(roleGrants)
          .values({ userId: user.id, role: inv.role, coalitionId: inv.coalitionId, partnerId: inv.partnerId, affiliateId: inv.affiliateId, grantedBy: inv.invitedBy, grantedAt: at })
          .run();
      }
      tx.update(invitations).set({ usedAt: at }).where(eq(invitations.id, inv.id)).run();
      appendAudit(tx, { id: user.id, name: user.name }, { action: inv.kind === "reset" ? "auth.reset_used" : "auth.invite_accepted", decision: "info", partnerId: inv.partnerId, subjectType: "invitation", subjectId: inv.id, detail: `from ${ip}` }, now);
      return { ok: true as const, userId: user.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, message: "This email already has an account. Sign in instead." };
    throw err;
  }
}

export function invitationProblem(state: "expired" | "used" | "revoked" | "unknown"): string {
  switch (state) {
    case "expired":
      return "This link has expired: links work for 7 days. Ask whoever sent it for a new one.";
    case "used":
      return "This link has already been used. Each link works once: sign in, or ask for a new one.";
    case "revoked":
      return "This invitation was withdrawn. Ask the facilitator if that was a mistake.";
    case "unknown":
      return "This link is not valid. Check that it was copied whole.";
  }
}

export function revokeGrant(db: Db, actor: Actor, grantId: number, ip: string, now = new Date()): Result<object> {
  const g = getGrant(db, "system", { grantId });
  if (g.revokedAt) return { ok: false, message: "This role was already revoked." };
  db.transaction((tx) => {
    tx.update(roleGrants).set({ revokedAt: now.toISOString(), revokedBy: actor.id }).where(eq(roleGrants.id, grantId)).run();
    appendAudit(tx, actor, { action: "auth.revoke_role", decision: "info", partnerId: g.partnerId, subjectType: "user", subjectId: g.userId, detail: `${g.role} from ${ip}` }, now);
  });
  return { ok: true };
}

export function revokeInvitation(db: Db, actor: Actor, invitationId: number, ip: string, now = new Date()): Result<object> {
  const inv = getInvitation(db, "system", { invitationId });
  if (inv.usedAt || inv.revokedAt) return { ok: false, message: "This invitation is no longer pending." };
  db.transaction((tx) => {
    tx.update(invitations).set({ revokedAt: now.toISOString() }).where(eq(invitations.id, invitationId)).run();
    appendAudit(tx, actor, { action: "auth.revoke_invitation", decision: "info", subjectType: "invitation", subjectId: invitationId, detail: `from ${ip}` }, now);
  });
  return { ok: true };
}

/**
 * Why the server must not start, or null: in production (APP_ENV=production) the demo
 * accounts, whose password is public, must be gone unless ALLOW_DEMO_USERS=1 says otherwise.
 */
export function startupRefusal(db: Db, env: { APP_ENV?: string; ALLOW_DEMO_USERS?: string }): string | null {
  if (env.APP_ENV !== "production" || env.ALLOW_DEMO_USERS === "1") return null;
  if (!demoUsersPresent(db)) return null;
  return "Refusing to start: the database holds the demo accounts, whose passwords are public. Remove them, or set ALLOW_DEMO_USERS=1 if this really is a demo.";
}

export function demoUsersPresent(db: Db): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).get();
}

/** Records a denial of a permission: who, what, from where. Its own transaction. */
export function recordDenial(db: Db, actor: Actor | null, action: string, detail: string, now = new Date()) {
  db.transaction((tx) => {
    appendAudit(tx, actor, { action: `permission.${action}`, decision: "deny", detail }, now);
  });
}

/** Creates a person with a password directly (the seed, tests). */
export function createUserWithPassword(db: Db, input: { name: string; email: string; password: string; isAdmin?: boolean; isDemo?: boolean }): User {
  return db
    .insert(users)
    .values({ name: input.name, email: normalizeEmail(input.email), passwordHash: hashPassword(input.password), isAdmin: input.isAdmin ?? false, isDemo: input.isDemo ?? false })
    .returning()
    .get();
}

export function grantRole(db: Db, actor: Actor | null, userId: number, grant: { role: Role; coalitionId?: number | null; partnerId?: number | null; affiliateId?: number | null }) {
  return db
    .insert(roleGrants)
    .values({ userId, role: grant.role, coalitionId: grant.coalitionId ?? null, partnerId: grant.partnerId ?? null, affiliateId: grant.affiliateId ?? null, grantedBy: actor?.id ?? null })
    .returning()
    .get();
}

/**
 * The operator's way in (scripts/admin-link.ts): makes the person an instance admin,
 * creating them without a password if they are new, and audits it. The command then makes a
 * one-time link with which they choose their password. Whoever can run it holds the
 * server's files already; the app itself never makes an admin.
 */
export function ensureInstanceAdmin(db: Db, input: { email: string; name: string }, now = new Date()): { user: User; created: boolean; promoted: boolean } {
  const email = normalizeEmail(input.email);
  return db.transaction((tx) => {
    const existing = tx.select().from(users).where(eq(users.email, email)).get();
    if (existing?.isAdmin) return { user: existing, created: false, promoted: false };
    const user = existing
      ? tx.update(users).set({ isAdmin: true }).where(eq(users.id, existing.id)).returning().get()
      : tx.insert(users).values({ name: input.name, email, isAdmin: true }).returning().get();
    appendAudit(tx, null, { action: "auth.admin_granted", decision: "info", subjectType: "user", subjectId: user.id, detail: `${email} made instance admin from the server's command line` }, now);
    return { user, created: !existing, promoted: !!existing };
  });
}
