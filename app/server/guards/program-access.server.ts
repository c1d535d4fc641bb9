import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import { can, type Permission, type Principal } from "~/domain/permissions";
import { getProgram, memberPartnerIds, programAffiliates } from "~/models/programs.server";
import { authorize, requirePermission } from "./auth.server";
import { getCoalition } from "~/models/coalitions.server";
import { getDb } from "~/server/db.server";
import { requireWorkspace } from "./workspace.server";
import { idParam } from "~/server/http.server";

type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: AppLoadContext };

/**
 * The one guard of every route under /tables/:coalitionId/programs/:programId (the program,
 * its turf, pledges, shifts, a shift, the CSV export): someone who may see the table (403
 * or 404 otherwise), and, for a GET, rule F6 first, since a program page is a race
 * workspace. Then the program (404 for another table's), its sub-table's member partners
 * (whom the field permissions are about), the affiliates taking part in it, and which of
 * those this person manages (shift.manage); `{ affiliates: false }` leaves the last two empty.
 */
export async function programAccess(args: RouteArgs, opts: { affiliates?: boolean } = {}) {
  const { user, coalitionId } = await programViewAccess(args);
  const db = getDb();
  if (args.request.method === "GET") requireWorkspace(user, coalitionId, args.request, db);
  const programId = idParam(args.params, "programId", "Program");
  const detail = getProgram(db, user, { coalitionId, programId });
  const members = memberPartnerIds(db, user, { subCoalitionId: detail.program.subCoalitionId });
  // a page that lists no affiliates (the program page) skips them: they grow with the network
  const participants = opts.affiliates === false ? [] : programAffiliates(db, user, detail);
  const managed = participants.filter((a) => can(user, { action: "shift.manage", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok);
  return { user, coalitionId, programId, detail, members, participants, managed, db };
}

/**
 * program.view: who may see the table, or (issue 13) the lead of a regional ally that joined
 * this program, who may open only its programs' pages, never the rest of the table.
 */
export async function programViewAccess(args: RouteArgs) {
  const coalitionId = idParam(args.params, "coalitionId", "Table");
  const programId = idParam(args.params, "programId", "Program");
  const user = await authorize(args.request, args.context, { action: "program.view", coalitionId, programId });
  const coalition = getCoalition(getDb(), user, { coalitionId });
  return { user, coalitionId, coalition };
}

/** The field-work permission of a program's page, checked (403 and a logged denial when refused). */
export function requireProgram(user: Principal, coalitionId: number, members: readonly number[], action: "program.manage" | "program.turf", context?: AppLoadContext) {
  const perm: Permission = { action, coalitionId, memberPartnerIds: members };
  requirePermission(user, perm, context);
}

/** 403 (recorded) unless this person manages one of the program's affiliates (or, when allowed, is the table's facilitator). */
export function requireFieldRole(db: Db, user: Principal, coalitionId: number, who: { id: number; partnerId: number }[], context: AppLoadContext | undefined, opts: { facilitator?: boolean } = {}) {
  if (opts.facilitator && can(user, { action: "table.manage", coalitionId }).ok) return;
  requirePermission(user, { action: "shift.edit", coalitionId, hosts: who.map((a) => ({ partnerId: a.partnerId, affiliateId: a.id })) }, context, db);
}
