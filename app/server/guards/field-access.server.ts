import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import { can, type Principal } from "~/domain/permissions";
import { participants } from "~/models/shifts.server";
import { getProgram } from "~/models/programs.server";
import { requirePermission } from "./auth.server";
import { idParam } from "~/server/http.server";
import { requireWorkspace } from "./workspace.server";

type Params = Record<string, string | undefined>;

/**
 * The program of a route (/tables/:coalitionId/programs/:programId/...), its participating
 * affiliates and which of them this person manages. Opening one (a GET) is opening a race
 * workspace: rule F6 first.
 */
export function programContext(db: Db, user: Principal, params: Params, request: Request) {
  const coalitionId = idParam(params, "coalitionId", "Table");
  if (request.method === "GET") requireWorkspace(user, coalitionId, request, db);
  const programId = idParam(params, "programId", "Program");
  const program = getProgram(db, coalitionId, programId);
  const who = participants(db, program);
  const managed = who.filter((a) => can(user, { action: "shift.manage", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok);
  return { coalitionId, programId, program, participants: who, managed };
}

/** 403 (recorded) unless this person manages one of the program's affiliates (or, when allowed, is the table's facilitator). */
export function requireFieldRole(db: Db, user: Principal, coalitionId: number, who: { id: number; partnerId: number }[], context: AppLoadContext | undefined, opts: { facilitator?: boolean } = {}) {
  if (opts.facilitator && can(user, { action: "table.manage", coalitionId }).ok) return;
  requirePermission(user, { action: "shift.edit", coalitionId, hosts: who.map((a) => ({ partnerId: a.partnerId, affiliateId: a.id })) }, context, db);
}
