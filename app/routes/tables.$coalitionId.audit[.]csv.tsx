import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditWindow } from "~/domain/audit-trail";
import { auditCsvStream } from "~/models/audit.server";
import { memberAuditAccess } from "~/server/guards/audit-access.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

/**
 * Counsel's CSV export of the member's audit trail (rule F10), with the page's filters and
 * window (the last 90 days unless From is given), streamed in keyset batches: constant memory
 * however many rows match.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, filter } = await memberAuditAccess(args);
    const window = auditWindow(filter, today());
    const body = auditCsvStream(getDb(), user, { ...filter, from: window.from, to: window.to });
    const name = `audit-member-${filter.partnerId}${filter.from ? `-from-${filter.from}` : ""}${filter.to ? `-to-${filter.to}` : ""}.csv`;
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  });
}
