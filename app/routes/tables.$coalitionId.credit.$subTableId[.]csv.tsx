import type { LoaderFunctionArgs } from "@remix-run/node";
import { CREDIT_CSV_HEAD, creditCsvRows } from "~/domain/credit";
import { creditSubject, subTableCredit } from "~/models/credit.server";
import { today } from "~/server/clock.server";
import { csvStream } from "~/server/csv-stream.server";
import { getDb } from "~/server/db.server";
import { requirePermission } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { handle, idParam, intQuery } from "~/server/http.server";

/** The credit report as CSV (?partner= for one partner's lines), streamed, for the same people as the page. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await workspaceAccess({ params, request, context }, "table.view");
    const db = getDb();
    const subCoalitionId = idParam(params, "subTableId", "Sub-table");
    const subject = creditSubject(db, user, { coalitionId, subCoalitionId });
    requirePermission(user, { action: "credit.read", coalitionId, partnerIds: subject.partnerIds }, context, db);
    const partnerId = intQuery(new URL(request.url), "partner");
    const report = subTableCredit(db, user, { coalitionId, subCoalitionId, today: today(), partnerId });
    const name = `credit-${subject.candidateName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}${partnerId ? `-partner-${partnerId}` : ""}.csv`;
    return new Response(csvStream(CREDIT_CSV_HEAD, creditCsvRows(report.partners), (row) => row), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  });
}
