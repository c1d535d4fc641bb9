import type { LoaderFunctionArgs } from "@remix-run/node";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { readMatrixFilter } from "~/domain/matrix";
import { getMatrix, matrixExportRows } from "~/models/table-picture.server";
import { today } from "~/server/clock.server";
import { csvStream } from "~/server/csv-stream.server";
import { getDb } from "~/server/db.server";
import { tableAccess } from "~/server/guards/auth.server";
import { handle, idParam } from "~/server/http.server";

/**
 * The endorsement matrix as CSV, with the page's filters (state, race, status, name search) and
 * the page's order, for whoever may see the matrix. Streamed: rows are read as the client takes
 * them. The matrix carries no campaign-sourced field (stances and counts only), and neither does this.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const url = new URL(request.url);
    const filter = { coalitionId, today: today(), ...readMatrixFilter(url.searchParams) };
    // the columns: the partners in the page's order (the viewer's own first)
    const { coalition, partners } = getMatrix(db, user, { ...filter, limit: 1 });
    const head = ["Candidate", "Party", "Race", "State", "Primary date", "Endorsing partners", "Threshold", "More needed", "Affiliate endorsements", ...partners.map((p) => p.shortName)];
    const body = csvStream(head, matrixExportRows(db, user, filter), (r) => [
      r.name,
      r.party,
      r.raceLabel,
      r.state,
      r.primaryDate,
      r.count,
      coalition.threshold,
      r.needed,
      r.affiliateEndorsements,
      ...partners.map((p) => (r.stances[p.id] ? STANCE_LABELS[r.stances[p.id]] : "")),
    ]);
    const name = `matrix-table-${coalitionId}${filter.state ? `-${filter.state}` : ""}.csv`;
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  });
}
