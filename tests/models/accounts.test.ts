import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, invitations, loginAttempts, roleGrants, sessions, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { acceptInvitation, ADDRESS_MAX_FAILURES, createInvitation, createPasswordReset, createUserWithPassword, findInvitation, grantRole, loadPrincipal, revokeGrant, revokeInvitation, sessionPrincipal, signIn, signOut, type InvitationInput } from "~/models/accounts.server";
import { listPeople } from "~/models/people.server";
import { verifyAuditChain } from "~/models/audit.server";
import { NotFoundError } from "~/domain/errors";
import { seatPartner } from "~/models/partners.server";
import { hashPassword, verifyPassword } from "~/models/passwords.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildCoalition, buildPartner } from "../factories";

const PASSWORD = "correct horse battery staple";
const IP = "203.0.113.7";
const T0 = new Date("2026-03-01T12:00:00.000Z");
const MIN = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const audit = () => db.select().from(auditLog).all();
const failures = () => db.select().from(loginAttempts).where(eq(loginAttempts.success, false)).all();
const userRow = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
const sessionRow = (id: string) => db.select().from(sessions).where(eq(sessions.id, id)).get()!;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function dana() {
  return createUserWithPassword(db, { name: "Dana Reyes", email: "Dana@Example.org", password: PASSWORD });
}

function attempt(email: string, password: string, when: Date, ip = IP, knownUserIds: number[] = []) {
  return signIn(db, { email, password, ip, userAgent: "vitest", knownUserIds }, when);
}

/** A table with two seated partners (each with an affiliate) and a partner seated elsewhere. */
function world() {
  const a = buildCoalition(db, actor, { name: "Table A" });
  const b = buildCoalition(db, actor, { name: "Table B" });
  const p1 = buildPartner(db, actor, a.id, { shortName: "P1" });
  const p2 = buildPartner(db, actor, a.id, { shortName: "P2" });
  const p3 = buildPartner(db, actor, b.id, { shortName: "P3" });
  const x1 = buildAffiliate(db, actor, a.id, p1.id, { name: "P1 Pennsylvania" });
  const x2 = buildAffiliate(db, actor, a.id, p2.id, { name: "P2 Ohio" });
  const x3 = buildAffiliate(db, actor, b.id, p3.id, { name: "P3 Texas" });
  return { a, b, p1, p2, p3, x1, x2, x3 };
}

function invite(over: Partial<InvitationInput> & { coalitionId: number }, now = T0) {
  return createInvitation(db, actor, { email: "new.person@example.org", name: "New Person", role: "facilitator", partnerId: null, affiliateId: null, ...over }, IP, now);
}

describe("hashPassword / verifyPassword", () => {
  it("stores scrypt$N$r$p$salt$hash", () => {
    const h = hashPassword(PASSWORD);
    const parts = h.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", "16384", "8", "1"]);
    expect(Buffer.from(parts[4], "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5], "base64")).toHaveLength(64);
  });

  it("salts each hash differently", () => {
    const a = hashPassword(PASSWORD);
    const b = hashPassword(PASSWORD);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(verifyPassword(PASSWORD, a)).toBe(true);
    expect(verifyPassword(PASSWORD, b)).toBe(true);
  });

  it("refuses a wrong password, and a near miss", () => {
    const h = hashPassword(PASSWORD);
    expect(verifyPassword("correct horse battery stapler", h)).toBe(false);
    expect(verifyPassword(PASSWORD.toUpperCase(), h)).toBe(false);
    expect(verifyPassword("", h)).toBe(false);
  });

  it("never matches when there is no stored hash", () => {
    expect(verifyPassword(PASSWORD, null)).toBe(false);
    expect(verifyPassword("", null)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["junk", "junk"],
    ["another scheme", "bcrypt$16384$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=="],
    ["too few parts", "scrypt$16384$8$1$c2FsdHNhbHQ="],
    ["an empty hash", "scrypt$16384$8$1$c2FsdHNhbHRzYWx0$"],
    ["an empty salt and hash", "scrypt$16384$8$1$$"],
    ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA=="],
    ["N not a number", "scrypt$abc$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA=="],
    ["absurd memory", "scrypt$1048576$64$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA=="],
  ])("a malformed stored hash (%s) is false, never a throw", (_what, stored) => {
    expect(verifyPassword(PASSWORD, stored)).toBe(false);
    expect(verifyPassword("", stored)).toBe(false);
  });
});

describe("signIn", () => {
  it("starts a session with a new id each time; earlier sessions stay independent", () => {
    const user = dana();
    const first = ok(attempt("dana@example.org", PASSWORD, T0));
    const second = ok(attempt("  DANA@example.ORG ", PASSWORD, at(MIN)));
    expect(first.userId).toBe(user.id);
    expect(second.userId).toBe(user.id);
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(first.sessionId.length).toBeGreaterThanOrEqual(40);
    expect(sessionRow(first.sessionId)).toMatchObject({ userId: user.id, ip: IP, userAgent: "vitest", createdAt: T0.toISOString(), endedAt: null });
    expect(sessionPrincipal(db, first.sessionId, at(2 * MIN))?.id).toBe(user.id);
    expect(sessionPrincipal(db, second.sessionId, at(2 * MIN))?.id).toBe(user.id);
    signOut(db, first.sessionId, IP, at(3 * MIN));
    expect(sessionPrincipal(db, first.sessionId, at(4 * MIN))).toBeNull();
    expect(sessionPrincipal(db, second.sessionId, at(4 * MIN))?.id).toBe(user.id);
  });

  it("records the sign-in in the audit log, as the person, from where", () => {
    const user = dana();
    ok(attempt("dana@example.org", PASSWORD, T0));
    expect(audit().at(-1)).toMatchObject({ action: "auth.sign_in", decision: "allow", actorId: user.id, detail: `from ${IP}` });
  });

  it("gives a wrong password and an unknown email the identical answer, and records both", () => {
    dana();
    const wrong = attempt("dana@example.org", "not the password at all", T0);
    const unknown = attempt("nobody@example.org", PASSWORD, T0);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(failures().map((f) => [f.email, f.ip])).toEqual([
      ["dana@example.org", IP],
      ["nobody@example.org", IP],
    ]);
    const denials = audit().filter((r) => r.action === "auth.sign_in");
    expect(denials.map((r) => [r.decision, r.actorId])).toEqual([
      ["deny", null],
      ["deny", null],
    ]);
    expect(denials[0].detail).toContain("dana@example.org");
    expect(denials[1].detail).toContain(IP);
    expect(db.select().from(sessions).all()).toHaveLength(0);
  });

  it("refuses a person with no password yet, and a disabled person, with the same answer", () => {
    const invited = db.insert(users).values({ name: "Invited", email: "invited@example.org" }).returning().get();
    expect(attempt(invited.email, "", T0)).toEqual({ ok: false, reason: "invalid" });
    const user = dana();
    db.update(users).set({ disabledAt: T0.toISOString() }).where(eq(users.id, user.id)).run();
    expect(attempt("dana@example.org", PASSWORD, T0)).toEqual({ ok: false, reason: "invalid" });
  });

  describe("throttling", () => {
    it("after 5 failures for one email in 15 minutes, refuses even the right password until the oldest falls out", () => {
      dana();
      for (let i = 0; i < 5; i++) expect(attempt("dana@example.org", `wrong guess ${i}`, at(i * MIN), `198.51.100.${i}`)).toEqual({ ok: false, reason: "invalid" });
      const sixth = attempt("dana@example.org", PASSWORD, at(5 * MIN), "198.51.100.99");
      expect(sixth).toEqual({ ok: false, reason: "throttled", retryAt: at(15 * MIN), scope: "account" });
      // the refusal is audited, writes no failure of its own and starts no session
      expect(audit().at(-1)).toMatchObject({ action: "auth.sign_in", decision: "deny" });
      expect(audit().at(-1)!.detail).toContain("throttled");
      expect(failures()).toHaveLength(5);
      expect(db.select().from(sessions).all()).toHaveLength(0);
      // still refused just before the window frees, allowed once the oldest failure is 15 minutes old
      expect(attempt("dana@example.org", PASSWORD, at(15 * MIN - 1)).ok).toBe(false);
      expect(attempt("dana@example.org", PASSWORD, at(15 * MIN)).ok).toBe(true);
    });

    it("is about the email, whatever its case", () => {
      dana();
      for (let i = 0; i < 5; i++) attempt(i % 2 ? "DANA@example.org" : "dana@example.org", "wrong", at(i * MIN), `198.51.100.${i}`);
      expect(attempt("Dana@Example.org", PASSWORD, at(6 * MIN), "192.0.2.1")).toMatchObject({ reason: "throttled" });
    });

    it("lets a person who knows their password in after 5 failures from their address for other emails (a shared NAT)", () => {
      dana();
      for (let i = 0; i < 5; i++) attempt(`guess${i}@example.org`, "wrong password", at(i * MIN));
      ok(attempt("dana@example.org", PASSWORD, at(6 * MIN)));
    });

    it("slows spraying: after 20 failures from one address across emails, that address is refused until the oldest falls out", () => {
      const user = dana();
      for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) expect(attempt(`guess${i}@example.org`, "wrong password", at(i * 10_000))).toEqual({ ok: false, reason: "invalid" });
      // the 21st guess, and a new browser at that address, wait
      expect(attempt("guess99@example.org", "wrong password", at(4 * MIN))).toEqual({ ok: false, reason: "throttled", retryAt: at(15 * MIN), scope: "address" });
      expect(attempt("dana@example.org", PASSWORD, at(4 * MIN))).toMatchObject({ reason: "throttled", scope: "address" });
      expect(audit().at(-1)!.detail).toContain("throttled (address)");
      // a browser where Dana signed in before is not held back by its address
      ok(attempt("dana@example.org", PASSWORD, at(4 * MIN), IP, [user.id]));
      // another address is not affected, and the address is free once the oldest failure is 15 minutes old
      ok(attempt("dana@example.org", PASSWORD, at(5 * MIN), "192.0.2.1"));
      ok(attempt("dana@example.org", PASSWORD, at(15 * MIN)));
      // Dana's successes cleared her own failures, not the address's
      expect(failures().filter((f) => f.ip === IP)).toHaveLength(ADDRESS_MAX_FAILURES);
    });

    it("on a browser where the person signed in before, counts only the account's failures from that browser's address", () => {
      const user = dana();
      // a stranger elsewhere guesses Dana's password 5 times
      for (let i = 0; i < 5; i++) attempt("dana@example.org", `guess ${i}`, at(i * MIN), `198.51.100.${i}`);
      expect(attempt("dana@example.org", PASSWORD, at(6 * MIN))).toMatchObject({ reason: "throttled", scope: "account" });
      // Dana, on her own browser, is not locked out by them
      ok(attempt("dana@example.org", PASSWORD, at(6 * MIN), IP, [user.id]));
      // but guessing from a known browser is as slow as anywhere else: 5 failures from its address
      for (let i = 0; i < 5; i++) attempt("dana@example.org", `wrong ${i}`, at((7 + i) * MIN), IP, [user.id]);
      expect(attempt("dana@example.org", PASSWORD, at(13 * MIN), IP, [user.id])).toMatchObject({ reason: "throttled", scope: "account" });
    });

    it("does not count failures older than 15 minutes", () => {
      dana();
      for (let i = 0; i < 5; i++) attempt("dana@example.org", "wrong", at(i * MIN));
      expect(attempt("dana@example.org", PASSWORD, at(20 * MIN)).ok).toBe(true);
    });

    it("counts only failures inside the window when a few are old", () => {
      dana();
      for (let i = 0; i < 3; i++) attempt("dana@example.org", "wrong", at(i * MIN)); // old by the end
      for (let i = 0; i < 4; i++) attempt("dana@example.org", "wrong", at((20 + i) * MIN));
      expect(attempt("dana@example.org", PASSWORD, at(24 * MIN)).ok).toBe(true);
    });

    it("is cleared by a success", () => {
      dana();
      for (let i = 0; i < 4; i++) attempt("dana@example.org", "wrong", at(i * MIN));
      ok(attempt("dana@example.org", PASSWORD, at(4 * MIN)));
      expect(failures()).toHaveLength(0);
      for (let i = 0; i < 4; i++) attempt("dana@example.org", "wrong", at((5 + i) * MIN));
      // 8 failures in 15 minutes had the success not cleared the first 4
      expect(attempt("dana@example.org", PASSWORD, at(10 * MIN)).ok).toBe(true);
    });
  });
});

describe("sessionPrincipal", () => {
  function session() {
    const user = dana();
    return { user, sid: ok(attempt("dana@example.org", PASSWORD, T0)).sessionId };
  }

  it("is the person behind a live session", () => {
    const { user, sid } = session();
    expect(sessionPrincipal(db, sid, at(MIN))).toMatchObject({ id: user.id, name: "Dana Reyes", email: "dana@example.org", isAdmin: false, grants: [] });
  });

  it("is null for an unknown session id", () => {
    expect(sessionPrincipal(db, "no-such-session", T0)).toBeNull();
  });

  it("is null for an ended session", () => {
    const { sid } = session();
    signOut(db, sid, IP, at(MIN));
    expect(sessionPrincipal(db, sid, at(2 * MIN))).toBeNull();
  });

  it("expires after 14 days idle, and not before", () => {
    const { user, sid } = session();
    expect(sessionPrincipal(db, sid, at(14 * DAY + MIN))).toBeNull();
    expect(sessionPrincipal(db, sid, at(13 * DAY))?.id).toBe(user.id);
  });

  it("counts idleness from the last use, not from sign-in", () => {
    const { user, sid } = session();
    expect(sessionPrincipal(db, sid, at(13 * DAY))?.id).toBe(user.id);
    expect(sessionRow(sid).lastSeenAt).toBe(at(13 * DAY).toISOString());
    expect(sessionPrincipal(db, sid, at(26 * DAY))?.id).toBe(user.id);
    expect(sessionPrincipal(db, sid, at(40 * DAY + MIN))).toBeNull();
  });

  it("is null once the person is disabled", () => {
    const { user, sid } = session();
    db.update(users).set({ disabledAt: at(MIN).toISOString() }).where(eq(users.id, user.id)).run();
    expect(sessionPrincipal(db, sid, at(2 * MIN))).toBeNull();
  });
});

describe("signOut", () => {
  it("ends the session and records it", () => {
    const user = dana();
    const sid = ok(attempt("dana@example.org", PASSWORD, T0)).sessionId;
    signOut(db, sid, "192.0.2.55", at(MIN));
    expect(sessionRow(sid).endedAt).toBe(at(MIN).toISOString());
    expect(audit().at(-1)).toMatchObject({ action: "auth.sign_out", decision: "info", actorId: user.id, detail: "from 192.0.2.55" });
  });

  it("does nothing for an unknown or already ended session", () => {
    dana();
    const sid = ok(attempt("dana@example.org", PASSWORD, T0)).sessionId;
    signOut(db, sid, IP, at(MIN));
    const before = audit().length;
    signOut(db, sid, IP, at(2 * MIN));
    signOut(db, "nope", IP, at(2 * MIN));
    expect(audit()).toHaveLength(before);
    expect(sessionRow(sid).endedAt).toBe(at(MIN).toISOString());
  });
});

describe("createInvitation", () => {
  it("returns the token once and stores only its SHA-256", () => {
    const { a } = world();
    const r = ok(invite({ coalitionId: a.id, email: "  New.Person@Example.ORG " }));
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = db.select().from(invitations).where(eq(invitations.id, r.invitation.id)).get()!;
    expect(row.tokenHash).toBe(sha256(r.token));
    expect(Object.values(row).some((v) => typeof v === "string" && v.includes(r.token))).toBe(false);
    expect(row).toMatchObject({
      kind: "invite",
      email: "new.person@example.org",
      role: "facilitator",
      coalitionId: a.id,
      invitedBy: actor.id,
      createdAt: T0.toISOString(),
      expiresAt: at(7 * DAY).toISOString(),
      usedAt: null,
      revokedAt: null,
    });
    expect(audit().at(-1)).toMatchObject({ action: "auth.invite", actorId: actor.id, subjectType: "invitation", subjectId: row.id });
    expect(audit().at(-1)!.detail).toContain(IP);
  });

  it("makes a different token every time", () => {
    const { a } = world();
    const one = ok(invite({ coalitionId: a.id }));
    const two = ok(invite({ coalitionId: a.id }));
    expect(one.token).not.toBe(two.token);
  });

  it("needs a partner seated at the table for a representative or counsel", () => {
    const { a, p1, p3 } = world();
    for (const role of ["partner_rep", "counsel"] as const) {
      expect(invite({ coalitionId: a.id, role })).toEqual({ ok: false, field: "partnerId", message: "Choose the partner this person acts for." });
      expect(invite({ coalitionId: a.id, role, partnerId: p3.id })).toEqual({ ok: false, field: "partnerId", message: "Choose a partner that sits at this table." });
      expect(invite({ coalitionId: a.id, role, partnerId: 9999 })).toMatchObject({ ok: false, field: "partnerId" });
      const r = ok(invite({ coalitionId: a.id, role, partnerId: p1.id, affiliateId: 12345 }));
      expect(r.invitation).toMatchObject({ role, partnerId: p1.id, affiliateId: null });
    }
  });

  it("needs an affiliate of a seated partner for a lead, and takes the partner from the affiliate", () => {
    const { a, p1, p2, x1, x3 } = world();
    expect(invite({ coalitionId: a.id, role: "affiliate_lead" })).toEqual({ ok: false, field: "affiliateId", message: "Choose the affiliate this person leads." });
    expect(invite({ coalitionId: a.id, role: "affiliate_lead", affiliateId: x3.id })).toEqual({
      ok: false,
      field: "affiliateId",
      message: "Choose an affiliate of a partner at this table.",
    });
    expect(invite({ coalitionId: a.id, role: "affiliate_lead", affiliateId: 9999 })).toMatchObject({ ok: false, field: "affiliateId" });
    const r = ok(invite({ coalitionId: a.id, role: "affiliate_lead", affiliateId: x1.id, partnerId: p2.id }));
    expect(r.invitation).toMatchObject({ role: "affiliate_lead", affiliateId: x1.id, partnerId: p1.id });
  });

  it("gives a facilitator the table and nothing else", () => {
    const { a, p1, x1 } = world();
    const r = ok(invite({ coalitionId: a.id, role: "facilitator", partnerId: p1.id, affiliateId: x1.id }));
    expect(r.invitation).toMatchObject({ role: "facilitator", coalitionId: a.id, partnerId: null, affiliateId: null });
  });

  it("writes nothing when it refuses", () => {
    const { a } = world();
    const before = { inv: db.select().from(invitations).all().length, audit: audit().length };
    invite({ coalitionId: a.id, role: "partner_rep" });
    expect(db.select().from(invitations).all()).toHaveLength(before.inv);
    expect(audit()).toHaveLength(before.audit);
  });
});

describe("findInvitation", () => {
  it("finds a valid invitation, up to and including its last millisecond", () => {
    const { a } = world();
    const { token, invitation } = ok(invite({ coalitionId: a.id }));
    const found = findInvitation(db, token, at(7 * DAY));
    expect(found).toMatchObject({ state: "valid", existingUser: null });
    if (found.state === "valid") expect(found.invitation.id).toBe(invitation.id);
  });

  it("says expired at 7 days and 1 ms", () => {
    const { a } = world();
    const { token } = ok(invite({ coalitionId: a.id }));
    expect(findInvitation(db, token, at(7 * DAY + 1)).state).toBe("expired");
  });

  it("says used once accepted, and revoked once withdrawn", () => {
    const { a } = world();
    const used = ok(invite({ coalitionId: a.id, email: "used@example.org" }));
    ok(acceptInvitation(db, used.token, { name: "Used", password: PASSWORD }, IP, at(MIN)));
    expect(findInvitation(db, used.token, at(2 * MIN)).state).toBe("used");
    const withdrawn = ok(invite({ coalitionId: a.id, email: "withdrawn@example.org" }));
    ok(revokeInvitation(db, actor, withdrawn.invitation.id, IP, at(MIN)));
    expect(findInvitation(db, withdrawn.token, at(2 * MIN)).state).toBe("revoked");
  });

  it("names the existing account an invitation is for", () => {
    const { a } = world();
    const user = dana();
    const { token } = ok(invite({ coalitionId: a.id, email: "dana@example.org" }));
    const found = findInvitation(db, token, T0);
    expect(found.state).toBe("valid");
    if (found.state === "valid") expect(found.existingUser?.id).toBe(user.id);
  });

  it.each(["", "short", "x".repeat(43), "a".repeat(200), "../../etc/passwd", "abc def ghi jkl mno pqr stu", "%00%00%00%00%00%00%00%00"])("says unknown for %j", (token) => {
    world();
    expect(findInvitation(db, token, T0)).toEqual({ state: "unknown" });
  });
});

describe("acceptInvitation", () => {
  it("creates the person with the grant and the password, marks the link used, and records it", () => {
    const { a, p1 } = world();
    const { token, invitation } = ok(invite({ coalitionId: a.id, role: "partner_rep", partnerId: p1.id, name: "Invited Name" }));
    const r = ok(acceptInvitation(db, token, { name: "Chosen Name", password: PASSWORD }, IP, at(MIN)));
    const user = userRow(r.userId);
    expect(user).toMatchObject({ name: "Chosen Name", email: "new.person@example.org", isAdmin: false });
    expect(verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
    expect(db.select().from(roleGrants).where(eq(roleGrants.userId, r.userId)).all()).toMatchObject([
      { role: "partner_rep", coalitionId: a.id, partnerId: p1.id, affiliateId: null, grantedBy: actor.id, grantedAt: at(MIN).toISOString(), revokedAt: null },
    ]);
    expect(db.select().from(invitations).where(eq(invitations.id, invitation.id)).get()!.usedAt).toBe(at(MIN).toISOString());
    expect(audit().at(-1)).toMatchObject({ action: "auth.invite_accepted", actorId: r.userId, partnerId: p1.id, subjectId: invitation.id });
    expect(ok(attempt("new.person@example.org", PASSWORD, at(2 * MIN))).userId).toBe(r.userId);
    expect(loadPrincipal(db, r.userId)?.partnerSeats).toEqual({ [p1.id]: [a.id] });
  });

  it("refuses the same link a second time, and changes nothing", () => {
    const { a } = world();
    const { token } = ok(invite({ coalitionId: a.id }));
    const first = ok(acceptInvitation(db, token, { name: "First", password: PASSWORD }, IP, at(MIN)));
    const before = { users: db.select().from(users).all(), grants: db.select().from(roleGrants).all() };
    const again = acceptInvitation(db, token, { name: "Second", password: "a different password" }, IP, at(2 * MIN));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.message).toMatch(/already been used/);
    expect(db.select().from(users).all()).toEqual(before.users);
    expect(db.select().from(roleGrants).all()).toEqual(before.grants);
    expect(verifyPassword(PASSWORD, userRow(first.userId).passwordHash)).toBe(true);
  });

  it("refuses an expired link", () => {
    const { a } = world();
    const { token } = ok(invite({ coalitionId: a.id }));
    const r = acceptInvitation(db, token, { name: "Late", password: PASSWORD }, IP, at(7 * DAY + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/expired/);
    expect(db.select().from(users).where(eq(users.email, "new.person@example.org")).get()).toBeUndefined();
  });

  it("refuses a withdrawn link and an unknown one", () => {
    const { a } = world();
    const { token, invitation } = ok(invite({ coalitionId: a.id }));
    ok(revokeInvitation(db, actor, invitation.id, IP, T0));
    const r = acceptInvitation(db, token, { name: "X", password: PASSWORD }, IP, at(MIN));
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/withdrawn/) });
    expect(acceptInvitation(db, "A".repeat(43), { name: "X", password: PASSWORD }, IP, at(MIN))).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });
  });

  describe("for an existing account", () => {
    it("needs that account's current password, and never replaces it", () => {
      const { a, p1 } = world();
      const user = dana();
      const hashBefore = userRow(user.id).passwordHash;
      const { token } = ok(invite({ coalitionId: a.id, email: "dana@example.org", role: "counsel", partnerId: p1.id, name: "Somebody Else" }));

      const wrong = acceptInvitation(db, token, { name: "", password: "an attacker's new password" }, IP, at(MIN));
      expect(wrong).toEqual({ ok: false, field: "password", message: "That is not this account's password." });
      expect(db.select().from(roleGrants).where(eq(roleGrants.userId, user.id)).all()).toHaveLength(0);
      expect(findInvitation(db, token, at(MIN)).state).toBe("valid");

      const r = ok(acceptInvitation(db, token, { name: "", password: PASSWORD }, IP, at(2 * MIN)));
      expect(r.userId).toBe(user.id);
      expect(userRow(user.id)).toMatchObject({ name: "Dana Reyes", passwordHash: hashBefore });
      expect(db.select().from(roleGrants).where(eq(roleGrants.userId, user.id)).all()).toMatchObject([{ role: "counsel", partnerId: p1.id }]);
      expect(db.select().from(users).all().filter((u) => u.email === "dana@example.org")).toHaveLength(1);
    });

    it("keeps the existing account's other sessions", () => {
      const { a } = world();
      dana();
      const sid = ok(attempt("dana@example.org", PASSWORD, T0)).sessionId;
      const { token } = ok(invite({ coalitionId: a.id, email: "dana@example.org" }));
      ok(acceptInvitation(db, token, { name: "", password: PASSWORD }, IP, at(MIN)));
      expect(sessionRow(sid).endedAt).toBeNull();
    });
  });
});

describe("password reset", () => {
  it("sets a new password and ends the person's other sessions", () => {
    const admin = createUserWithPassword(db, { name: "Ada Admin", email: "ada@example.org", password: "admin password 1234", isAdmin: true });
    const user = dana();
    const s1 = ok(attempt("dana@example.org", PASSWORD, T0)).sessionId;
    const s2 = ok(attempt("dana@example.org", PASSWORD, at(MIN))).sessionId;
    const adminSession = ok(attempt("ada@example.org", "admin password 1234", at(MIN))).sessionId;

    const { token, invitation } = createPasswordReset(db, { id: admin.id, name: admin.name }, user.id, IP, at(2 * MIN));
    expect(invitation).toMatchObject({ kind: "reset", email: "dana@example.org", userId: user.id, role: null, invitedBy: admin.id });
    expect(invitation.tokenHash).toBe(sha256(token));
    expect(audit().at(-1)).toMatchObject({ action: "auth.reset_issued", actorId: admin.id, subjectType: "user", subjectId: user.id });

    const NEW = "a brand new password";
    ok(acceptInvitation(db, token, { name: "Dana Reyes", password: NEW }, IP, at(3 * MIN)));
    expect(sessionRow(s1).endedAt).toBe(at(3 * MIN).toISOString());
    expect(sessionRow(s2).endedAt).toBe(at(3 * MIN).toISOString());
    expect(sessionPrincipal(db, s1, at(4 * MIN))).toBeNull();
    expect(sessionPrincipal(db, adminSession, at(4 * MIN))?.id).toBe(admin.id);
    expect(attempt("dana@example.org", PASSWORD, at(4 * MIN))).toEqual({ ok: false, reason: "invalid" });
    expect(ok(attempt("dana@example.org", NEW, at(5 * MIN))).userId).toBe(user.id);
    expect(db.select().from(roleGrants).where(eq(roleGrants.userId, user.id)).all()).toHaveLength(0);
    expect(audit().some((r) => r.action === "auth.reset_used" && r.actorId === user.id)).toBe(true);
    expect(acceptInvitation(db, token, { name: "x", password: "yet another password" }, IP, at(6 * MIN))).toMatchObject({ ok: false });
  });

  it("is a 404-style error for an unknown person", () => {
    expect(() => createPasswordReset(db, actor, 9999, IP, T0)).toThrow(NotFoundError);
  });
});

describe("revokeGrant", () => {
  it("revokes a role, keeps the row, records it, and refuses twice", () => {
    const { a, p1 } = world();
    const user = dana();
    const grant = grantRole(db, actor, user.id, { role: "partner_rep", partnerId: p1.id });
    expect(loadPrincipal(db, user.id)!.grants).toHaveLength(1);
    ok(revokeGrant(db, actor, grant.id, IP, T0));
    const row = db.select().from(roleGrants).where(eq(roleGrants.id, grant.id)).get()!;
    expect(row).toMatchObject({ revokedAt: T0.toISOString(), revokedBy: actor.id });
    expect(loadPrincipal(db, user.id)!.grants).toEqual([]);
    expect(audit().at(-1)).toMatchObject({ action: "auth.revoke_role", actorId: actor.id, partnerId: p1.id, subjectId: user.id });
    expect(revokeGrant(db, actor, grant.id, IP, T0)).toEqual({ ok: false, message: "This role was already revoked." });
    expect(listPeople(db, "system", { coalitionId: a.id }).grants.map((g) => g.id)).not.toContain(grant.id);
  });

  it("throws NotFoundError for an unknown grant", () => {
    expect(() => revokeGrant(db, actor, 9999, IP, T0)).toThrow(NotFoundError);
  });
});

describe("revokeInvitation", () => {
  it("withdraws a pending invitation once", () => {
    const { a } = world();
    const { invitation } = ok(invite({ coalitionId: a.id }));
    ok(revokeInvitation(db, actor, invitation.id, IP, T0));
    expect(db.select().from(invitations).where(eq(invitations.id, invitation.id)).get()!.revokedAt).toBe(T0.toISOString());
    expect(audit().at(-1)).toMatchObject({ action: "auth.revoke_invitation", subjectId: invitation.id });
    expect(revokeInvitation(db, actor, invitation.id, IP, T0)).toEqual({ ok: false, message: "This invitation is no longer pending." });
  });

  it("cannot withdraw a used invitation", () => {
    const { a } = world();
    const { token, invitation } = ok(invite({ coalitionId: a.id }));
    ok(acceptInvitation(db, token, { name: "N", password: PASSWORD }, IP, T0));
    expect(revokeInvitation(db, actor, invitation.id, IP, T0)).toMatchObject({ ok: false });
  });

  it("throws NotFoundError for an unknown invitation", () => {
    expect(() => revokeInvitation(db, actor, 9999, IP, T0)).toThrow(NotFoundError);
  });
});

describe("listPeople", () => {
  it("lists the grants and pending invitations of that table only", () => {
    const { a, b, p1, p3, x1, x3 } = world();
    const mk = (name: string) => createUserWithPassword(db, { name, email: `${name.toLowerCase().replace(/ /g, ".")}@example.org`, password: PASSWORD });
    const facA = grantRole(db, actor, mk("A Facilitator").id, { role: "facilitator", coalitionId: a.id });
    const facB = grantRole(db, actor, mk("B Facilitator").id, { role: "facilitator", coalitionId: b.id });
    const rep1 = grantRole(db, actor, mk("P1 Rep").id, { role: "partner_rep", partnerId: p1.id });
    const rep3 = grantRole(db, actor, mk("P3 Rep").id, { role: "partner_rep", partnerId: p3.id });
    const lead1 = grantRole(db, actor, mk("X1 Lead").id, { role: "affiliate_lead", affiliateId: x1.id });
    const lead3 = grantRole(db, actor, mk("X3 Lead").id, { role: "affiliate_lead", affiliateId: x3.id });
    const revoked = grantRole(db, actor, mk("Gone Counsel").id, { role: "counsel", partnerId: p1.id });
    ok(revokeGrant(db, actor, revoked.id, IP, T0));

    const pendingA = ok(invite({ coalitionId: a.id, email: "pending@example.org" }, T0));
    const expiredA = ok(invite({ coalitionId: a.id, email: "expired@example.org" }, at(-8 * DAY)));
    const usedA = ok(invite({ coalitionId: a.id, email: "used@example.org" }, T0));
    ok(acceptInvitation(db, usedA.token, { name: "Used", password: PASSWORD }, IP, T0));
    const withdrawnA = ok(invite({ coalitionId: a.id, email: "withdrawn@example.org" }, T0));
    ok(revokeInvitation(db, actor, withdrawnA.invitation.id, IP, T0));
    const pendingB = ok(invite({ coalitionId: b.id, email: "pending.b@example.org" }, T0));

    const people = listPeople(db, "system", { coalitionId: a.id, now: at(MIN) });
    const ids = people.grants.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([facA.id, rep1.id, lead1.id]));
    for (const other of [facB.id, rep3.id, lead3.id, revoked.id]) expect(ids).not.toContain(other);
    const lead = people.grants.find((g) => g.id === lead1.id)!;
    expect(lead).toMatchObject({ userName: "X1 Lead", email: "x1.lead@example.org", affiliateName: "P1 Pennsylvania", partnerShortName: "P1" });
    expect(people.grants.find((g) => g.id === rep1.id)).toMatchObject({ partnerShortName: "P1", affiliateName: null });

    expect(people.pending.map((i) => i.id).sort()).toEqual([pendingA.invitation.id, expiredA.invitation.id].sort());
    expect(people.pending.find((i) => i.id === expiredA.invitation.id)!.expired).toBe(true);
    expect(people.pending.find((i) => i.id === pendingA.invitation.id)!.expired).toBe(false);
    expect(listPeople(db, "system", { coalitionId: b.id, now: at(MIN) }).pending.map((i) => i.id)).toEqual([pendingB.invitation.id]);
    expect(listPeople(db, "system", { coalitionId: b.id, now: at(MIN) }).grants.map((g) => g.id).sort()).toEqual([facB.id, rep3.id, lead3.id].sort());
  });
});

describe("loadPrincipal", () => {
  it("loads live grants, the seats of every partner named, and each affiliate's partner", () => {
    const { a, b, p1, p2, x2 } = world();
    ok(seatPartner(db, actor, b.id, p1.id));
    const user = dana();
    grantRole(db, actor, user.id, { role: "partner_rep", partnerId: p1.id });
    grantRole(db, actor, user.id, { role: "affiliate_lead", affiliateId: x2.id });
    grantRole(db, actor, user.id, { role: "facilitator", coalitionId: b.id });
    const p = loadPrincipal(db, user.id)!;
    expect(p.grants.map((g) => g.role).sort()).toEqual(["affiliate_lead", "facilitator", "partner_rep"]);
    expect(p.affiliatePartner).toEqual({ [x2.id]: p2.id });
    expect(Object.keys(p.partnerSeats).map(Number).sort()).toEqual([p1.id, p2.id].sort());
    expect(p.partnerSeats[p1.id].sort()).toEqual([a.id, b.id].sort());
    expect(p.partnerSeats[p2.id]).toEqual([a.id]);
    expect(p).toMatchObject({ id: user.id, name: "Dana Reyes", email: "dana@example.org", isAdmin: false });
  });

  it("has empty seats for a facilitator or an admin without partner grants", () => {
    const { a } = world();
    const user = dana();
    grantRole(db, actor, user.id, { role: "facilitator", coalitionId: a.id });
    expect(loadPrincipal(db, user.id)).toMatchObject({ partnerSeats: {}, affiliatePartner: {} });
  });

  it("is null for an unknown or disabled person", () => {
    expect(loadPrincipal(db, 9999)).toBeNull();
    const user = dana();
    db.update(users).set({ disabledAt: T0.toISOString() }).where(eq(users.id, user.id)).run();
    expect(loadPrincipal(db, user.id)).toBeNull();
  });
});

describe("the audit trail of accounts", () => {
  it("stays a valid hash chain through sign-ins, denials, invitations and sign-outs", () => {
    const { a } = world();
    dana();
    attempt("dana@example.org", "wrong", T0);
    const sid = ok(attempt("dana@example.org", PASSWORD, at(MIN))).sessionId;
    const { token } = ok(invite({ coalitionId: a.id }));
    ok(acceptInvitation(db, token, { name: "N", password: PASSWORD }, IP, at(2 * MIN)));
    signOut(db, sid, IP, at(3 * MIN));
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});

describe("production refuses to start with demo accounts", () => {
  it("refuses in production while demo accounts exist, unless told to; never in development", async () => {
    const { startupRefusal, createUserWithPassword: make } = await import("~/models/accounts.server");
    const db = testDb();
    expect(startupRefusal(db, { APP_ENV: "production" })).toBeNull();
    make(db, { name: "Demo", email: "demo@demo.coalition.test", password: "demo-password-123", isDemo: true });
    expect(startupRefusal(db, { APP_ENV: "production" })).toMatch(/Refusing to start/);
    expect(startupRefusal(db, { APP_ENV: "production", ALLOW_DEMO_USERS: "1" })).toBeNull();
    expect(startupRefusal(db, {})).toBeNull();
  });
});
