import { createCookieSessionStorage, type AppLoadContext } from "@remix-run/node";
import { SESSION_IDLE_DAYS } from "~/domain/sessions";
import { isProduction, sessionSecret } from "./env.server";

/** The session cookie, the client address and the same-origin rule: plumbing, no database. */

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
  return sameOrigin({
    method: request.method,
    host: new URL(request.url).host,
    origin: request.headers.get("Origin"),
    referer: request.headers.get("Referer"),
  });
}

/**
 * The same rule on a request's parts: the Express server asks it before Remix runs.
 * An Origin of "null" (a sandboxed frame, a data: URL, a cross-site redirect) is never this
 * site's own form, so it is refused whatever the Referer says; only a missing Origin falls
 * back to the Referer.
 */
export function sameOrigin(req: { method: string; host: string | undefined; origin: string | null | undefined; referer: string | null | undefined }): boolean {
  const method = req.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  if (req.origin === "null") return false;
  const source = req.origin || req.referer;
  if (!source || !req.host) return false;
  try {
    return new URL(source).host === req.host;
  } catch {
    return false;
  }
}

export function forbidden(message: string): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/** What a cross-site post is told. */
export const CROSS_ORIGIN_MESSAGE =
  "This form was sent from another site, so it was refused. Reload the page here and try again.";

function crossOrigin(): Response {
  return forbidden(CROSS_ORIGIN_MESSAGE);
}

/** Throws the 403 for a non-GET request from another site; used by every action. */
export function requireSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw crossOrigin();
}

export async function readSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

