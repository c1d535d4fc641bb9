import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, listMemberAudit } from "~/models/audit.server";
import { memberAuditAccess } from "~/server/guards/audit-access.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

/** Counsel's CSV export of the member's audit trail (rule F10), with the page's filters. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, filter } = await memberAuditAccess(args);
    const csv = auditCsv(listMemberAudit(getDb(), user, filter));
    const name = `audit-member-${filter.partnerId}${filter.from ? `-from-${filter.from}` : ""}${filter.to ? `-to-${filter.to}` : ""}.csv`;
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  });
}
