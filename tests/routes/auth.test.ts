import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/client";
import { invitations, roleGrants, sessions, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { ADDRESS_MAX_FAILURES, createInvitation, createUserWithPassword, grantRole, revokeInvitation } from "~/models/accounts.server";
import * as admin from "~/routes/admin";
import * as invitationPage from "~/routes/invitations.$token";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as people from "~/routes/tables.$coalitionId.people";
import * as layout from "~/routes/tables.$coalitionId";
import { SESSION_COOKIE } from "~/server/session.server";
import { DEVICE_COOKIE } from "~/server/device.server";
import { isProduction } from "~/server/env.server";
import { verifyPassword } from "~/models/passwords.server";
import { buildAffiliate, buildCoalition, buildPartner } from "../factories";
import { act, load, ORIGIN, settle, signInAs, useFreshDb } from "./helpers";
import { dump } from "./support";

/**
 * Sign-in, sign-out, invitations, the people page and the admin page, called as Remix calls
 * them. These tests carry their own cookies (the browser's jar) where the cookie is the
 * point; elsewhere they use helpers' signInAs.
 */

const PASSWORD = "correct horse battery staple";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = useFreshDb();
  const row = db.select().from(users).where(eq(users.email, "admin@example.test")).get()!;
  actor = { id: row.id, name: row.name };
});

type Outcome = { status: number; headers: Headers; data?: unknown; body?: string };

/** A loader's or action's answer, thrown or returned, with its headers and body. */
async function outcome(p: Promise<unknown> | unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await p;
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, headers: value.headers, body: await value.text() };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init: ResponseInit | null };
    return { status: v.init?.status ?? 200, headers: new Headers(v.init?.headers), data: v.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, headers: new Headers(), data: value };
}

type Opts = { cookie?: string | null; origin?: string | null; referer?: string; ip?: string };

function request(path: string, fields?: Record<string, string>, opts: Opts = {}): Request {
  const headers = new Headers();
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  if (!fields) return new Request(`${ORIGIN}${path}`, { headers });
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  if (opts.origin !== null) headers.set("Origin", opts.origin ?? ORIGIN);
  if (opts.referer) headers.set("Referer", opts.referer);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body: new URLSearchParams(fields), headers });
}

const ctx = (opts: Opts) => ({ ip: opts.ip ?? "198.51.100.1" });

function postLogin(fields: Record<string, string>, opts: Opts = {}) {
  return outcome(login.action({ request: request("/login", fields, opts), params: {}, context: ctx(opts) }));
}

function getLogin(path = "/login", opts: Opts = {}) {
  return outcome(login.loader({ request: request(path, undefined, opts), params: {}, context: ctx(opts) }));
}

function tablePage(coalitionId: number, cookie: string | null) {
  return outcome(layout.loader({ request: request(`/tables/${coalitionId}`, undefined, { cookie }), params: { coalitionId: String(coalitionId) }, context: {} }));
}

/** The "name=value" part of a Set-Cookie header, as a browser would send it back. */
function cookieFrom(o: Outcome): string {
  const set = o.headers.get("Set-Cookie");
  expect(set, "a Set-Cookie header").toBeTruthy();
  return set!.split(";")[0];
}

/** A person who may view table `coalitionId`, with a password. */
function facilitator(coalitionId: number, email = "fran@example.org") {
  const user = createUserWithPassword(db, { name: "Fran Facilitator", email, password: PASSWORD });
  grantRole(db, actor, user.id, { role: "facilitator", coalitionId });
  return user;
}

const liveSessions = (userId: number) => db.select().from(sessions).where(eq(sessions.userId, userId)).all().filter((s) => !s.endedAt);

describe("login action", () => {
  beforeEach(() => signInAs(db, null));

  it("signs in: 302 to the asked-for page with an HttpOnly, SameSite=Lax session cookie", async () => {
    const table = buildCoalition(db, actor);
    const user = facilitator(table.id);
    const r = await postLogin({ email: "Fran@Example.org", password: PASSWORD, redirectTo: `/tables/${table.id}/matrix` });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe(`/tables/${table.id}/matrix`);
    const set = r.headers.get("Set-Cookie")!;
    expect(set).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=Lax/i);
    expect(set).toMatch(/;\s*Path=\//i);
    expect(set).toMatch(/;\s*Max-Age=1209600/i);
    expect(set).not.toMatch(/;\s*Secure/i); // not production
    expect(liveSessions(user.id)).toHaveLength(1);
    // the cookie works
    const page = await tablePage(table.id, cookieFrom(r));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ coalition: { id: table.id }, canManage: true });
  });

  it("gives a new session (and cookie) at every sign-in", async () => {
    const table = buildCoalition(db, actor);
    const user = facilitator(table.id);
    const one = await postLogin({ email: "fran@example.org", password: PASSWORD });
    const two = await postLogin({ email: "fran@example.org", password: PASSWORD });
    expect(cookieFrom(one)).not.toBe(cookieFrom(two));
    const ids = liveSessions(user.id).map((s) => s.id);
    expect(new Set(ids).size).toBe(2);
  });

  it.each([
    ["//evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["", "/"],
    ["/tables/1?x=1", "/tables/1?x=1"],
  ])("redirects a redirectTo of %j to %j", async (redirectTo, to) => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const r = await postLogin({ email: "fran@example.org", password: PASSWORD, redirectTo });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe(to);
  });

  it("gives a wrong password and an unknown email the same 400 message, without a cookie", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const wrong = await postLogin({ email: "fran@example.org", password: "not my password" });
    const unknown = await postLogin({ email: "nobody@example.org", password: PASSWORD });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const w = wrong.data as { errors: Record<string, string>; values: Record<string, string> };
    const u = unknown.data as { errors: Record<string, string>; values: Record<string, string> };
    expect(w.errors).toEqual({ _form: "That email and password do not match an account." });
    expect(u.errors).toEqual(w.errors);
    expect(w.values).toEqual({ email: "fran@example.org", redirectTo: "" });
    expect(JSON.stringify(w)).not.toContain("not my password");
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
  });

  it("asks for missing fields with a 400", async () => {
    const r = await postLogin({ email: "", password: "" });
    expect(r.status).toBe(400);
    expect((r.data as { errors: Record<string, string> }).errors).toMatchObject({ email: "Enter your email.", password: "Enter your password." });
  });

  it("answers the 6th attempt after 5 failures with 429, a retry time and Retry-After, even with the right password", async () => {
    const table = buildCoalition(db, actor);
    const user = facilitator(table.id);
    for (let i = 0; i < 5; i++) expect((await postLogin({ email: "fran@example.org", password: `guess number ${i}` })).status).toBe(400);
    const sixth = await postLogin({ email: "fran@example.org", password: PASSWORD });
    expect(sixth.status).toBe(429);
    const message = (sixth.data as { errors: { _form: string } }).errors._form;
    expect(message).toMatch(/Too many failed sign-ins\. Try again after \d\d:\d\d UTC \(in about 1[45] minutes\)\./);
    const retryAfter = Number(sixth.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sixth.headers.get("Set-Cookie")).toBeNull();
    expect(liveSessions(user.id)).toHaveLength(0);
  });

  it("does not lock out a person who knows their password after 5 failures from their address for other emails (a shared NAT)", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    for (let i = 0; i < 5; i++) expect((await postLogin({ email: `guess${i}@example.org`, password: "wrong password" }, { ip: "192.0.2.9" })).status).toBe(400);
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD }, { ip: "192.0.2.9" })).status).toBe(302);
  });

  it("slows spraying from one address with 429, except on a browser where the person signed in before", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    // Fran signed in on this browser last week: the answer carried a device cookie
    const earlier = await postLogin({ email: "fran@example.org", password: PASSWORD }, { ip: "192.0.2.9" });
    const device = earlier.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
    expect(device, "a device cookie").toMatch(/HttpOnly/i);
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await postLogin({ email: `guess${i}@example.org`, password: "wrong password" }, { ip: "192.0.2.9" });
    const sprayed = await postLogin({ email: "fran@example.org", password: PASSWORD }, { ip: "192.0.2.9" });
    expect(sprayed.status).toBe(429);
    expect((sprayed.data as { errors: { _form: string } }).errors._form).toMatch(/^Too many failed sign-ins from your network\. Try again after/);
    expect(Number(sprayed.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD }, { ip: "192.0.2.9", cookie: device!.split(";")[0] })).status).toBe(302);
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD }, { ip: "192.0.2.10" })).status).toBe(302);
  });

  it("ignores a forged device cookie", async () => {
    const table = buildCoalition(db, actor);
    const user = facilitator(table.id);
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await postLogin({ email: `guess${i}@example.org`, password: "wrong password" }, { ip: "192.0.2.9" });
    const forged = `${DEVICE_COOKIE}=${Buffer.from(JSON.stringify({ u: [user.id] })).toString("base64")}`;
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD }, { ip: "192.0.2.9", cookie: forged })).status).toBe(429);
  });

  it("refuses a POST without Origin or Referer with 403, and writes nothing", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const before = dump(db);
    const r = await postLogin({ email: "fran@example.org", password: PASSWORD }, { origin: null });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/another site/);
    expect(dump(db)).toEqual(before);
  });

  it("refuses a POST from another origin with 403", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD }, { origin: null, referer: "https://evil.example/login" })).status).toBe(403);
  });

  it("accepts a same-site Referer when Origin is missing", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const r = await postLogin({ email: "fran@example.org", password: PASSWORD }, { origin: null, referer: `${ORIGIN}/login` });
    expect(r.status).toBe(302);
  });
});

describe("login loader", () => {
  it("shows the form to a signed-out visitor", async () => {
    expect((await getLogin()).data).toEqual({ unreadable: false, signedOut: false });
    expect((await getLogin("/login?signedOut")).data).toEqual({ unreadable: false, signedOut: true });
  });

  it("sends a signed-in person on, to a safe place only", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const cookie = cookieFrom(await postLogin({ email: "fran@example.org", password: PASSWORD }));
    const r = await getLogin(`/login?redirectTo=${encodeURIComponent(`/tables/${table.id}`)}`, { cookie });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe(`/tables/${table.id}`);
    const evil = await getLogin(`/login?redirectTo=${encodeURIComponent("//evil.example")}`, { cookie });
    expect(evil.headers.get("Location")).toBe("/");
  });
});

describe("a tampered cookie", () => {
  it("is not a session: table pages send to /login and the login page says the cookie could not be read", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const cookie = cookieFrom(await postLogin({ email: "fran@example.org", password: PASSWORD }));
    expect((await tablePage(table.id, cookie)).status).toBe(200);
    // change one character in the middle of the signed value
    const value = cookie.slice(SESSION_COOKIE.length + 1);
    const i = Math.floor(value.length / 2);
    const tampered = `${SESSION_COOKIE}=${value.slice(0, i)}${value[i] === "A" ? "B" : "A"}${value.slice(i + 1)}`;
    expect(tampered).not.toBe(cookie);
    const page = await tablePage(table.id, tampered);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/tables/${table.id}`)}`);
    expect((await getLogin("/login", { cookie: tampered })).data).toEqual({ unreadable: true, signedOut: false });
  });

  it("is refused also when the last character of the signature changes", async () => {
    const table = buildCoalition(db, actor);
    facilitator(table.id);
    const cookie = cookieFrom(await postLogin({ email: "fran@example.org", password: PASSWORD }));
    const last = cookie.at(-1)!;
    const tampered = `${cookie.slice(0, -1)}${last === "x" ? "y" : "x"}`;
    expect((await tablePage(table.id, tampered)).status).toBe(302);
  });

  it("a visitor with no cookie is simply sent to sign in", async () => {
    const table = buildCoalition(db, actor);
    const page = await tablePage(table.id, null);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await getLogin()).data).toMatchObject({ unreadable: false });
  });
});

describe("logout", () => {
  it("ends the session: the old cookie no longer works", async () => {
    const table = buildCoalition(db, actor);
    const user = facilitator(table.id);
    const cookie = cookieFrom(await postLogin({ email: "fran@example.org", password: PASSWORD }));
    const r = await outcome(logout.action({ request: request("/logout", {}, { cookie }), params: {}, context: {} }));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/login?signedOut");
    expect(r.headers.get("Set-Cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, "i"));
    expect(liveSessions(user.id)).toHaveLength(0);
    const page = await tablePage(table.id, cookie);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login/);
  });

  it("refuses a cross-site sign-out with 403 and keeps the session", async () => {
    const table = buildCoalition(db, actor);
    const user = facilitator(table.id);
    const cookie = cookieFrom(await postLogin({ email: "fran@example.org", password: PASSWORD }));
    const r = await outcome(logout.action({ request: request("/logout", {}, { cookie, origin: null }), params: {}, context: {} }));
    expect(r.status).toBe(403);
    expect(liveSessions(user.id)).toHaveLength(1);
  });

  it("a GET only redirects home", async () => {
    const r = await outcome(logout.loader());
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/");
  });
});

describe("/invitations/:token", () => {
  const DAY = 86_400_000;

  function makeInvitation(over: { email?: string; coalitionId: number; now?: Date }) {
    const r = createInvitation(
      db,
      actor,
      { email: over.email ?? "newcomer@example.org", name: "New Comer", role: "facilitator", coalitionId: over.coalitionId, partnerId: null, affiliateId: null },
      "127.0.0.1",
      over.now,
    );
    if (!r.ok) throw new Error(r.message);
    return r;
  }

  const loadInvitation = (token: string) =>
    outcome(invitationPage.loader({ request: request(`/invitations/${token}`), params: { token }, context: {} }));
  const postInvitation = (token: string, fields: Record<string, string>, opts: Opts = {}) =>
    outcome(invitationPage.action({ request: request(`/invitations/${token}`, fields, opts), params: { token }, context: {} }));
  const newPassword = { name: "New Comer", password: PASSWORD, confirm: PASSWORD };

  beforeEach(() => signInAs(db, null));

  it("shows a valid invitation to anyone holding the link", async () => {
    const table = buildCoalition(db, actor);
    const { token } = makeInvitation({ coalitionId: table.id });
    const r = await loadInvitation(token);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ kind: "invite", email: "newcomer@example.org", name: "New Comer", role: "Facilitator", existing: false });
  });

  it.each(["nope", "A".repeat(43), "", "../../admin"])("is a 404 for the unknown token %j", async (token) => {
    const r = await loadInvitation(token);
    expect(r.status).toBe(404);
    expect(r.body).toMatch(/not valid/);
  });

  it("is a 410 with a clear message for an expired link", async () => {
    const table = buildCoalition(db, actor);
    const { token } = makeInvitation({ coalitionId: table.id, now: new Date(Date.now() - 7 * DAY - 60_000) });
    const r = await loadInvitation(token);
    expect(r.status).toBe(410);
    expect(r.body).toBe("This link has expired: links work for 7 days. Ask whoever sent it for a new one.");
    expect(r.body).not.toContain("newcomer@example.org");
    const before = dump(db);
    expect((await postInvitation(token, newPassword)).status).toBe(410);
    expect(dump(db)).toEqual(before);
  });

  it("is a 410 for a withdrawn link", async () => {
    const table = buildCoalition(db, actor);
    const { token, invitation } = makeInvitation({ coalitionId: table.id });
    revokeInvitation(db, actor, invitation.id, "127.0.0.1");
    const r = await loadInvitation(token);
    expect(r.status).toBe(410);
    expect(r.body).toMatch(/withdrawn/);
  });

  it("accepting signs the person in; the same link then answers 410 everywhere", async () => {
    const table = buildCoalition(db, actor);
    const { token } = makeInvitation({ coalitionId: table.id });
    const r = await postInvitation(token, newPassword);
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/");
    const user = db.select().from(users).where(eq(users.email, "newcomer@example.org")).get()!;
    expect(user.name).toBe("New Comer");
    expect(verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
    expect(db.select().from(roleGrants).where(eq(roleGrants.userId, user.id)).all()).toMatchObject([{ role: "facilitator", coalitionId: table.id }]);
    const cookie = cookieFrom(r);
    expect(r.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect((await tablePage(table.id, cookie)).status).toBe(200);

    const before = dump(db);
    const again = await postInvitation(token, { name: "Someone Else", password: "another password 123", confirm: "another password 123" });
    expect(again.status).toBe(410);
    expect(again.body).toMatch(/already been used/);
    expect(dump(db)).toEqual(before);
    const page = await loadInvitation(token);
    expect(page.status).toBe(410);
    expect(page.body).toMatch(/already been used/);
  });

  it("refuses a short or mismatched password with 400 and writes nothing", async () => {
    const table = buildCoalition(db, actor);
    const { token } = makeInvitation({ coalitionId: table.id });
    const before = dump(db);
    const short = await postInvitation(token, { name: "N", password: "elevenchars", confirm: "elevenchars" });
    expect(short.status).toBe(400);
    expect((short.data as { errors: Record<string, string> }).errors.password).toBe("Use at least 12 characters.");
    const mismatch = await postInvitation(token, { name: "N", password: PASSWORD, confirm: `${PASSWORD}!` });
    expect((mismatch.data as { errors: Record<string, string> }).errors.confirm).toBe("The two passwords differ.");
    expect(dump(db)).toEqual(before);
  });

  it("for an existing account asks for its current password and keeps it", async () => {
    const table = buildCoalition(db, actor);
    const existing = createUserWithPassword(db, { name: "Old Hand", email: "old.hand@example.org", password: PASSWORD });
    const hash = existing.passwordHash;
    const { token } = makeInvitation({ coalitionId: table.id, email: "old.hand@example.org" });
    expect((await loadInvitation(token)).data).toMatchObject({ existing: true, name: "Old Hand" });
    const wrong = await postInvitation(token, { password: "an attacker's new password", confirm: "an attacker's new password" });
    expect(wrong.status).toBe(400);
    expect((wrong.data as { errors: Record<string, string> }).errors.password).toBe("That is not this account's password.");
    expect(db.select().from(roleGrants).where(eq(roleGrants.userId, existing.id)).all()).toHaveLength(0);
    const right = await postInvitation(token, { password: PASSWORD });
    expect(right.status).toBe(302);
    expect(db.select().from(users).where(eq(users.id, existing.id)).get()!.passwordHash).toBe(hash);
    expect(db.select().from(roleGrants).where(eq(roleGrants.userId, existing.id)).all()).toHaveLength(1);
  });

  it("refuses a cross-site acceptance with 403", async () => {
    const table = buildCoalition(db, actor);
    const { token } = makeInvitation({ coalitionId: table.id });
    const before = dump(db);
    expect((await postInvitation(token, newPassword, { origin: "https://evil.example" })).status).toBe(403);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/people", () => {
  function setting() {
    const table = buildCoalition(db, actor, { name: "Table A" });
    const other = buildCoalition(db, actor, { name: "Table B" });
    const p1 = buildPartner(db, actor, table.id, { shortName: "WFA" });
    const p3 = buildPartner(db, actor, other.id, { shortName: "ELSE" });
    const x1 = buildAffiliate(db, actor, table.id, p1.id, { name: "WFA Pennsylvania" });
    const fac = facilitator(table.id);
    return { table, other, p1, p3, x1, fac };
  }
  const path = (id: number) => `/tables/${id}/people`;
  const params = (id: number) => ({ coalitionId: String(id) });
  const rep = { intent: "invite", name: "Rita Rep", email: "rita@wfa.example.org", role: "partner_rep" };

  it("lets the facilitator invite a partner rep: the action gives a working one-time link", async () => {
    const { table, p1, fac } = setting();
    signInAs(db, fac.id);
    const r = await settle(act(people.action, path(table.id), params(table.id), { ...rep, partnerId: String(p1.id) }));
    expect(r.status).toBe(200);
    const data = r.data as { intent: string; link: string; email: string };
    expect(data).toMatchObject({ intent: "invite", email: "rita@wfa.example.org" });
    const link = new URL(data.link);
    expect(link.origin).toBe(ORIGIN);
    const match = link.pathname.match(/^\/invitations\/([A-Za-z0-9_-]{43})$/);
    expect(match).toBeTruthy();
    const token = match![1];
    const page = await outcome(invitationPage.loader({ request: request(link.pathname), params: { token }, context: {} }));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ kind: "invite", email: "rita@wfa.example.org", role: "Partner representative" });
    // the invitation is listed as pending
    const listed = await load(people.loader, path(table.id), params(table.id));
    expect(listed.pending.map((i) => i.email)).toEqual(["rita@wfa.example.org"]);
    expect(listed.pending[0]).toMatchObject({ role: "partner_rep", partnerId: p1.id });
  });

  it("lists roles held at this table and offers the facilitator every role but facilitator", async () => {
    const { table, p1, p3, fac } = setting();
    const repUser = createUserWithPassword(db, { name: "Rita Rep", email: "rita@wfa.example.org", password: PASSWORD });
    grantRole(db, actor, repUser.id, { role: "partner_rep", partnerId: p1.id });
    const elsewhere = createUserWithPassword(db, { name: "Elsewhere Rep", email: "else@example.org", password: PASSWORD });
    grantRole(db, actor, elsewhere.id, { role: "partner_rep", partnerId: p3.id });
    signInAs(db, fac.id);
    const data = await load(people.loader, path(table.id), params(table.id));
    expect(data.grants.map((g) => g.userName).sort()).toEqual(["Fran Facilitator", "Rita Rep"]);
    expect(data.roles).toEqual(["partner_rep", "affiliate_lead", "counsel"]);
    signInAs(db, actor.id);
    expect((await load(people.loader, path(table.id), params(table.id))).roles).toEqual(["facilitator", "partner_rep", "affiliate_lead", "counsel"]);
  });

  it("refuses an invitation without an email, or a rep without a partner: 400 field errors, nothing written", async () => {
    const { table, p3, fac } = setting();
    signInAs(db, fac.id);
    await load(people.loader, path(table.id), params(table.id)); // the session's first use
    const before = dump(db);
    const noEmail = await settle(act(people.action, path(table.id), params(table.id), { ...rep, email: "" }));
    expect(noEmail.status).toBe(400);
    expect((noEmail.data as { errors: Record<string, string> }).errors.email).toBe("Give the person's email.");
    const noPartner = await settle(act(people.action, path(table.id), params(table.id), { ...rep, partnerId: "" }));
    expect(noPartner.status).toBe(400);
    expect((noPartner.data as { errors: Record<string, string> }).errors.partnerId).toBe("Choose the partner this person acts for.");
    const notSeated = await settle(act(people.action, path(table.id), params(table.id), { ...rep, partnerId: String(p3.id) }));
    expect(notSeated.status).toBe(400);
    expect((notSeated.data as { errors: Record<string, string> }).errors.partnerId).toBe("Choose a partner that sits at this table.");
    const noAffiliate = await settle(act(people.action, path(table.id), params(table.id), { ...rep, role: "affiliate_lead" }));
    expect((noAffiliate.data as { errors: Record<string, string> }).errors.affiliateId).toBeTruthy();
    expect(dump(db)).toEqual(before);
  });

  it("does not let a facilitator invite a facilitator (403, and the denial is recorded)", async () => {
    const { table, fac } = setting();
    signInAs(db, fac.id);
    const r = await outcome(act(people.action, path(table.id), params(table.id), { ...rep, role: "facilitator" }));
    expect(r.status).toBe(403);
    expect(r.body).toBe("Only the instance admin invites facilitators.");
    expect(db.select().from(invitations).all()).toHaveLength(0);
    const last = db.$client.prepare("select action, decision, actor_id as actorId from audit_log order by id desc limit 1").get();
    expect(last).toEqual({ action: "permission.invite", decision: "deny", actorId: fac.id });
  });

  it("revokes a role held at this table", async () => {
    const { table, p1, fac } = setting();
    const repUser = createUserWithPassword(db, { name: "Rita Rep", email: "rita@wfa.example.org", password: PASSWORD });
    const grant = grantRole(db, actor, repUser.id, { role: "partner_rep", partnerId: p1.id });
    signInAs(db, fac.id);
    const r = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-role", grantId: String(grant.id) }));
    expect(r).toMatchObject({ status: 302, location: path(table.id) });
    expect(db.select().from(roleGrants).where(eq(roleGrants.id, grant.id)).get()).toMatchObject({ revokedBy: fac.id });
    expect(db.select().from(roleGrants).where(eq(roleGrants.id, grant.id)).get()!.revokedAt).not.toBeNull();
    const again = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-role", grantId: String(grant.id) }));
    expect(again.status).toBe(400);
  });

  it("does not let a facilitator revoke a co-facilitator: only the admin, who gives that role, takes it back", async () => {
    const { table, fac } = setting();
    const other = createUserWithPassword(db, { name: "Cora Cofacilitator", email: "cora@example.org", password: PASSWORD });
    const grant = grantRole(db, actor, other.id, { role: "facilitator", coalitionId: table.id });
    signInAs(db, fac.id);
    const r = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-role", grantId: String(grant.id) }));
    expect(r.status).toBe(403);
    expect(db.select().from(roleGrants).where(eq(roleGrants.id, grant.id)).get()!.revokedAt).toBeNull();
  });

  it("will not revoke a role held at another table, or an unknown one", async () => {
    const { table, p3, fac } = setting();
    const elsewhere = createUserWithPassword(db, { name: "Elsewhere Rep", email: "else@example.org", password: PASSWORD });
    const grant = grantRole(db, actor, elsewhere.id, { role: "partner_rep", partnerId: p3.id });
    signInAs(db, fac.id);
    const r = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-role", grantId: String(grant.id) }));
    expect(r.status).toBe(400);
    expect(db.select().from(roleGrants).where(eq(roleGrants.id, grant.id)).get()!.revokedAt).toBeNull();
    expect((await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-role", grantId: "999" }))).status).toBe(404);
    for (const junk of ["", "abc", "0", "1.5"]) {
      const r = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-role", grantId: junk }));
      expect(r.status).toBe(400);
      expect((r.data as { errors: Record<string, string> }).errors).toEqual({ _form: "Choose a role to revoke." });
    }
  });

  it("withdraws a pending invitation; the link then answers 410", async () => {
    const { table, p1, fac } = setting();
    signInAs(db, fac.id);
    const made = await settle(act(people.action, path(table.id), params(table.id), { ...rep, partnerId: String(p1.id) }));
    const token = new URL((made.data as { link: string }).link).pathname.split("/").pop()!;
    const inv = db.select().from(invitations).get()!;
    const r = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-invitation", invitationId: String(inv.id) }));
    expect(r).toMatchObject({ status: 302, location: path(table.id) });
    expect(db.select().from(invitations).get()!.revokedAt).not.toBeNull();
    expect((await load(people.loader, path(table.id), params(table.id))).pending).toEqual([]);
    const page = await outcome(invitationPage.loader({ request: request(`/invitations/${token}`), params: { token }, context: {} }));
    expect(page.status).toBe(410);
  });

  it("will not withdraw another table's invitation", async () => {
    const { table, other, fac } = setting();
    const r = createInvitation(db, actor, { email: "b@example.org", name: "B", role: "facilitator", coalitionId: other.id, partnerId: null, affiliateId: null }, "127.0.0.1");
    if (!r.ok) throw new Error(r.message);
    signInAs(db, fac.id);
    const res = await settle(act(people.action, path(table.id), params(table.id), { intent: "revoke-invitation", invitationId: String(r.invitation.id) }));
    expect(res.status).toBe(400);
    expect(db.select().from(invitations).get()!.revokedAt).toBeNull();
  });

  it("is closed to a partner rep (403), to another table's facilitator (403) and to a visitor (302 to sign in)", async () => {
    const { table, other, p1 } = setting();
    const repUser = createUserWithPassword(db, { name: "Rita Rep", email: "rita@wfa.example.org", password: PASSWORD });
    grantRole(db, actor, repUser.id, { role: "partner_rep", partnerId: p1.id });
    const otherFac = facilitator(other.id, "other.fac@example.org");
    for (const who of [repUser.id, otherFac.id]) {
      signInAs(db, who);
      const loaded = await outcome(load(people.loader, path(table.id), params(table.id)));
      expect(loaded.status).toBe(403);
      expect(loaded.body).toMatch(/facilitator or the instance admin/);
      expect((await outcome(act(people.action, path(table.id), params(table.id), { ...rep, partnerId: String(p1.id) }))).status).toBe(403);
    }
    expect(db.select().from(invitations).all()).toHaveLength(0);
    signInAs(db, null);
    const visitor = await settle(load(people.loader, path(table.id), params(table.id)));
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe(`/login?redirectTo=${encodeURIComponent(path(table.id))}`);
  });
});

describe("/admin", () => {
  it("lets the admin make a password-reset link that works", async () => {
    const table = buildCoalition(db, actor);
    const fac = facilitator(table.id);
    const loaded = await load(admin.loader, "/admin");
    expect(loaded.users.map((u) => u.email)).toContain("fran@example.org");
    const r = await settle(act(admin.action, "/admin", {}, { intent: "reset", userId: String(fac.id) }));
    expect(r.status).toBe(200);
    const data = r.data as { intent: string; link: string; email: string };
    expect(data).toMatchObject({ intent: "reset", email: "fran@example.org" });
    const token = new URL(data.link).pathname.match(/^\/invitations\/([A-Za-z0-9_-]{43})$/)![1];
    const page = await outcome(invitationPage.loader({ request: request(`/invitations/${token}`), params: { token }, context: {} }));
    expect(page.data).toMatchObject({ kind: "reset", email: "fran@example.org" });

    // Fran's existing session ends when the new password is saved
    const oldCookie = cookieFrom(await postLogin({ email: "fran@example.org", password: PASSWORD }));
    const NEW = "a brand new password";
    const saved = await outcome(invitationPage.action({ request: request(`/invitations/${token}`, { password: NEW, confirm: NEW }), params: { token }, context: {} }));
    expect(saved.status).toBe(302);
    expect((await tablePage(table.id, oldCookie)).status).toBe(302);
    expect((await tablePage(table.id, cookieFrom(saved))).status).toBe(200);
    expect((await postLogin({ email: "fran@example.org", password: PASSWORD })).status).toBe(400);
  });

  it("lets the admin invite someone to any table", async () => {
    const table = buildCoalition(db, actor);
    const r = await settle(act(admin.action, "/admin", {}, { intent: "invite", coalitionId: String(table.id), name: "Fay", email: "fay@example.org", role: "facilitator" }));
    expect(r.status).toBe(200);
    expect((r.data as { link: string }).link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect((await settle(act(admin.action, "/admin", {}, { intent: "invite", coalitionId: "999", name: "Fay", email: "fay@example.org", role: "facilitator" }))).status).toBe(400);
    // no table and no email: both said at once, next to their fields
    const both = await settle(act(admin.action, "/admin", {}, { intent: "invite", coalitionId: "", name: "Fay", email: "", role: "facilitator" }));
    expect(both.status).toBe(400);
    expect((both.data as { errors: Record<string, string> }).errors).toEqual({ coalitionId: "Choose a table.", email: "Give the person's email." });
  });

  it("refuses a reset for nobody", async () => {
    expect((await settle(act(admin.action, "/admin", {}, { intent: "reset", userId: "abc" }))).status).toBe(400);
    expect((await settle(act(admin.action, "/admin", {}, { intent: "reset", userId: "999" }))).status).toBe(404);
  });

  it("is a 403 for anyone but the admin, and writes no link", async () => {
    const table = buildCoalition(db, actor);
    const fac = facilitator(table.id);
    signInAs(db, fac.id);
    const page = await outcome(load(admin.loader, "/admin"));
    expect(page.status).toBe(403);
    expect(page.body).toBe("This needs the instance admin.");
    const r = await outcome(act(admin.action, "/admin", {}, { intent: "reset", userId: String(actor.id) }));
    expect(r.status).toBe(403);
    expect(db.select().from(invitations).all()).toHaveLength(0);
    signInAs(db, null);
    expect((await settle(load(admin.loader, "/admin"))).status).toBe(302);
  });
});

describe("production guard", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("isProduction() reads APP_ENV", () => {
    vi.stubEnv("APP_ENV", "production");
    expect(isProduction()).toBe(true);
    vi.stubEnv("APP_ENV", "development");
    expect(isProduction()).toBe(false);
    vi.stubEnv("APP_ENV", "");
    expect(isProduction()).toBe(false);
    vi.stubEnv("APP_ENV", "Production ");
    expect(isProduction()).toBe(false);
  });

  it("NODE_ENV alone does not make production", () => {
    vi.stubEnv("APP_ENV", "");
    vi.stubEnv("NODE_ENV", "production");
    expect(isProduction()).toBe(false);
  });
});
