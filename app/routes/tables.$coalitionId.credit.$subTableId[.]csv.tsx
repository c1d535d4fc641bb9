import type { LoaderFunctionArgs } from "@remix-run/node";
import { CREDIT_CSV_HEAD, creditCsvRows } from "~/domain/credit";
import { csvStream } from "~/server/csv-stream.server";
import { creditReport } from "~/server/guards/credit-access.server";
import { handle } from "~/server/http.server";

/** The credit report as CSV (?partner= for one partner's lines), streamed, for the same people as the page. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const report = await creditReport(args);
    const name = `credit-${report.subTable.candidateName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}${report.partnerId ? `-partner-${report.partnerId}` : ""}.csv`;
    return new Response(csvStream(CREDIT_CSV_HEAD, creditCsvRows(report.partners), (row) => row), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  });
}
