import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import { can, type Permission, type Principal } from "~/domain/permissions";
import { recordDenial, sessionPrincipal } from "~/models/accounts.server";
import { getDb } from "~/server/db.server";
import { getCoalition } from "~/models/coalitions.server";
import { idParam, whenHandled } from "~/server/http.server";
import { openWithheldRecord } from "~/models/firewall.server";
import { clientIp, forbidden, readSession, requireSameOrigin, SESSION_COOKIE } from "~/server/session.server";
import { currentRequest, noteUser } from "~/server/request-context.server";

/** The signed-in person, or null. Also says whether a cookie was sent that could not be read. */
export async function getUser(request: Request, db: Db = getDb()): Promise<{ user: Principal | null; unreadable: boolean }> {
  const raw = request.headers.get("Cookie") ?? "";
  const session = await readSession(request);
  const sid = session.get("sid");
  if (typeof sid !== "string") return { user: null, unreadable: raw.includes(`${SESSION_COOKIE}=`) };
  const user = readPrincipal(request, db, sid);
  if (user) {
    noteUser(user.id);
    // the request's firewall record: what it withholds is appended once, as one row, when
    // the loader or action ends (rule F2, issue 11); outside handle() each is appended at once
    let append: ((db: Db) => void) | null = null;
    if (whenHandled(() => append?.(db))) append = openWithheldRecord(user);
  }
  return { user, unreadable: false };
}

/**
 * The session's person. Within one read request (the root, layout and page loaders of a page
 * view run together) the session and grants are read once; each caller gets its own copy, as
 * the firewall's per-loader record is keyed by the principal object. Writes always read afresh.
 */
function readPrincipal(request: Request, db: Db, sid: string): Principal | null {
  const store = currentRequest();
  const memo = store && (request.method === "GET" || request.method === "HEAD") && db === getDb();
  if (memo && store.session?.sid === sid) {
    const kept = store.session.user as Principal | null;
    return kept && { ...kept };
  }
  const user = sessionPrincipal(db, sid);
  if (memo) store.session = { sid, user };
  return user && { ...user };
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
  const coalition = getCoalition(getDb(), user, { coalitionId }); // an unknown table is a 404, for the admin too
  return { user, coalitionId, coalition };
}

