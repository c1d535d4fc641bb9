import type { LoaderFunctionArgs } from "@remix-run/node";
import { creditSubject, subTableCredit } from "~/models/credit.server";
import { today } from "../clock.server";
import { getDb } from "../db.server";
import { idParam, intQuery } from "../http.server";
import { requirePermission } from "./auth.server";
import { workspaceAccess } from "./workspace.server";

/**
 * A sub-table's credit report for the page and its CSV (issue 16): someone at the table
 * (rule F6 too), then credit.read (the facilitator, or a representative of a partner that is
 * or was in the sub-table), then the report, for one partner with ?partner=.
 */
export async function creditReport(args: Pick<LoaderFunctionArgs, "params" | "request" | "context">) {
  const { user, coalitionId } = await workspaceAccess(args, "table.view");
  const db = getDb();
  const subCoalitionId = idParam(args.params, "subTableId", "Sub-table");
  const subject = creditSubject(db, user, { coalitionId, subCoalitionId });
  requirePermission(user, { action: "credit.read", coalitionId, partnerIds: subject.partnerIds }, args.context, db);
  const partnerId = intQuery(new URL(args.request.url), "partner");
  return { coalitionId, partnerId, today: today(), ...subTableCredit(db, user, { coalitionId, subCoalitionId, today: today(), partnerId }) };
}
