import { createCookieSessionStorage, redirect, type AppLoadContext } from "@remix-run/node";
import type { Db } from "../../db/client";
import { can, type Permission, type Principal } from "~/domain/permissions";
import { recordDenial, SESSION_IDLE_DAYS, sessionPrincipal } from "~/models/accounts.server";
import { getDb } from "./db.server";
import { getCoalition } from "~/models/coalitions.server";
import { idParam } from "./http.server";
import { isProduction, sessionSecret } from "./env.server";

export const SESSION_COOKIE = "__coalition_session";

type SessionData = { sid: string };
let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

export function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: SESSION_COOKIE,
      httpOnly: true,
      sameSite: "lax",
      secure: isProduction(),
      path: "/",
      maxAge: SESSION_IDLE_DAYS * 86_400,
      secrets: [sessionSecret()],
    },
  });
  return storage;
}

/** The client address, from the server's socket (never from a header a client can forge). */
export function clientIp(context: AppLoadContext | undefined): string {
  const ip = (context as { ip?: string } | undefined)?.ip;
  return ip ? String(ip) : "unknown";
}

/**
 * Refuses non-GET requests whose Origin (or, without one, Referer) is not this site.
 * The server applies it to every request; requireUser applies it again (defence in depth).
 */
export function isSameOrigin(request: Request): boolean {
  const method = request.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  const expected = new URL(request.url).host;
  const origin = request.headers.get("Origin");
  const referer = request.headers.get("Referer");
  const source = origin && origin !== "null" ? origin : referer;
  if (!source) return false;
  try {
    return new URL(source).host === expected;
  } catch {
    return false;
  }
}

export function forbidden(message: string): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

function crossOrigin(): Response {
  return forbidden("This form was sent from another site, so it was refused. Reload the page here and try again.");
}

/** Throws the 403 for a non-GET request from another site; used by every action. */
export function requireSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw crossOrigin();
}

export async function readSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

/** The signed-in person, or null. Also says whether a cookie was sent that could not be read. */
export async function getUser(request: Request, db: Db = getDb()): Promise<{ user: Principal | null; unreadable: boolean }> {
  const raw = request.headers.get("Cookie") ?? "";
  const session = await readSession(request);
  const sid = session.get("sid");
  if (typeof sid !== "string") return { user: null, unreadable: raw.includes(`${SESSION_COOKIE}=`) };
  return { user: sessionPrincipal(db, sid), unreadable: false };
}

function safeRedirectTo(request: Request): string {
  const url = new URL(request.url);
  const to = `${url.pathname}${url.search}`.replace(/\.data(\?|$)/, "$1");
  return to.startsWith("/") && !to.startsWith("//") ? to : "/";
}

/**
 * Every loader and action starts here: a signed-in person, or a redirect to sign in.
 * Non-GET requests must come from this site.
 */
export async function requireUser(request: Request, db: Db = getDb()): Promise<Principal> {
  requireSameOrigin(request);
  const { user } = await getUser(request, db);
  if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(safeRedirectTo(request))}`);
  return user;
}

/**
 * The one permission check. Denied: the denial is recorded (who, what, from where) and a
 * 403 page says what is missing. Never returns the data.
 */
export function requirePermission(user: Principal, perm: Permission, context?: AppLoadContext, db: Db = getDb()): void {
  const decision = can(user, perm);
  if (decision.ok) return;
  recordDenial(db, user, perm.action, `${JSON.stringify(perm)} from ${clientIp(context)}`);
  throw forbidden(decision.missing);
}

/** requireUser then requirePermission. */
export async function authorize(request: Request, context: AppLoadContext | undefined, perm: Permission | ((u: Principal) => Permission), db: Db = getDb()) {
  const user = await requireUser(request, db);
  requirePermission(user, typeof perm === "function" ? perm(user) : perm, context, db);
  return user;
}

type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: AppLoadContext };

/**
 * For routes under /tables/:coalitionId: the signed-in person, checked for a table-level
 * permission, with the table id. Unknown or junk ids are 404s.
 */
export async function tableAccess(args: RouteArgs, action: "table.view" | "table.manage" | "people.manage") {
  const coalitionId = idParam(args.params, "coalitionId", "Table");
  const user = await authorize(args.request, args.context, { action, coalitionId });
  getCoalition(getDb(), coalitionId); // an unknown table is a 404, for the admin too
  return { user, coalitionId };
}
