import type { AppLoadContext } from "@remix-run/node";
import type { Permission, Principal } from "~/domain/permissions";
import { getProgram, memberPartnerIds } from "~/models/programs.server";
import { requirePermission, tableAccess } from "./auth.server";
import { getDb } from "~/server/db.server";
import { requireWorkspace } from "./workspace.server";
import { idParam } from "~/server/http.server";

type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: AppLoadContext };

/**
 * For routes under /tables/:coalitionId/programs/:programId: someone who may see the table,
 * the program (404 for another table's) and its sub-table's member partners, which the
 * field permissions are about.
 *
 * A program page is a race workspace: opening one (a GET) first asks rule F6.
 */
export async function programAccess(args: RouteArgs) {
  const { user, coalitionId } = await tableAccess(args, "table.view");
  if (args.request.method === "GET") requireWorkspace(user, coalitionId, args.request);
  const programId = idParam(args.params, "programId", "Program");
  const db = getDb();
  const detail = getProgram(db, coalitionId, programId);
  const members = memberPartnerIds(db, detail.program.subCoalitionId);
  return { user, coalitionId, programId, detail, members, db };
}

/** The field-work permission of a program's page, checked (403 and a logged denial when refused). */
export function requireProgram(user: Principal, coalitionId: number, members: readonly number[], action: "program.manage" | "program.turf", context?: AppLoadContext) {
  const perm: Permission = { action, coalitionId, memberPartnerIds: members };
  requirePermission(user, perm, context);
}
