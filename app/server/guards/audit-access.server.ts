import type { AppLoadContext } from "@remix-run/node";
import { isIsoDate } from "~/domain/dates";
import { AUDIT_DECISIONS, type AuditDecision } from "~/domain/audit-trail";
import type { Principal } from "~/domain/permissions";
import { requirePermission, tableAccess } from "./auth.server";
import { intQuery } from "~/server/http.server";
import { getDb } from "~/server/db.server";

/** The member whose trail is asked for: ?partner=, else the first member this person is counsel of. */
export async function memberAuditAccess(args: { request: Request; params: Record<string, string | undefined>; context?: AppLoadContext }) {
  const { user, coalitionId } = await tableAccess(args, "table.view");
  const url = new URL(args.request.url);
  const counselOf = counselPartners(user);
  const partnerId = intQuery(url, "partner") ?? counselOf[0] ?? 0;
  requirePermission(user, { action: "audit.read", partnerId }, args.context);
  const date = (k: string) => {
    const v = url.searchParams.get(k) ?? "";
    return isIsoDate(v) ? v : null;
  };
  return {
    user,
    coalitionId,
    counselOf,
    filter: { partnerId, personId: intQuery(url, "person"), raceId: intQuery(url, "race"), decision: decisionQuery(url), from: date("from"), to: date("to") },
  };
}

/** ?decision=allow|deny|info; anything else is ignored. */
function decisionQuery(url: URL): AuditDecision | null {
  const v = url.searchParams.get("decision");
  return (AUDIT_DECISIONS as readonly string[]).includes(v ?? "") ? (v as AuditDecision) : null;
}

export function counselPartners(user: Principal): number[] {
  return user.grants.filter((g) => g.role === "counsel" && g.partnerId !== null).map((g) => g.partnerId as number);
}
