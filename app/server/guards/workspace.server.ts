import { redirect } from "@remix-run/node";
import type { Db } from "../../../db/client";
import type { Principal } from "~/domain/permissions";
import { workspaceGaps } from "~/models/firewall.server";
import { getDb } from "~/server/db.server";
import { tableAccess } from "./auth.server";

/**
 * Rule F6, asked by every race workspace (race, candidate, sub-table and program pages):
 * a person acting for a member must have acknowledged the current version of each of its
 * members' firewall policies, and each member must have one. Otherwise: to the policy page,
 * which says what is missing and comes back here after the acknowledgment.
 */
export function requireWorkspace(user: Principal, coalitionId: number, request: Request, db: Db = getDb()): void {
  if (workspaceGaps(db, user, { coalitionId }).length === 0) return;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`.replace(/\.data(\?|$)/, "$1");
  throw redirect(`/tables/${coalitionId}/firewall/policies?redirectTo=${encodeURIComponent(back)}`);
}

type RouteArgs = Parameters<typeof tableAccess>[0];

/** tableAccess for a race workspace page: the table permission, then rule F6. */
export async function workspaceAccess(args: RouteArgs, action: "table.view" | "table.manage") {
  const access = await tableAccess(args, action);
  requireWorkspace(access.user, access.coalitionId, args.request);
  return access;
}
