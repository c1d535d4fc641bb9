import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditWindow } from "~/domain/audit-trail";
import { evidencePacket } from "~/models/evidence.server";
import { memberAuditAccess } from "~/server/guards/audit-access.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

/**
 * Counsel's evidence packet (issue 18): one ZIP for a member (?partner=), a race (?race=) or all
 * races, over a date range (?from=&to=, the audit trail's window by default), streamed as it is
 * written. Only the member's counsel (the admin included is refused); the download is audited.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, filter } = await memberAuditAccess(args);
    const day = today();
    const window = auditWindow(filter, day);
    const to = window.to ?? day;
    if (window.from > to) return new Response("The period's start is after its end: choose From on or before To.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    const { filename, stream } = evidencePacket(getDb(), user, { coalitionId, partnerId: filter.partnerId, raceId: filter.raceId, from: window.from, to });
    return new Response(stream, {
      headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  });
}
