import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportForm } from "~/domain/shift-forms";
import { parseForm } from "~/domain/forms";
import { exportCsv } from "~/models/field-exports.server";
import { programAccess, requireFieldRole } from "~/server/guards/program-access.server";
import { handle, redirect } from "~/server/http.server";
import { acknowledgeHref, comeBackUrl } from "~/domain/comeback";
import { streamChunks } from "~/server/streams.server";

/**
 * CSV of a program's shifts, sign-ups or results (?kind=&recipient=), for the facilitator
 * or a participating affiliate's lead. A campaign recipient goes through rule F7 before a
 * row is read; the file is streamed a batch of shifts at a time. A person who has not
 * acknowledged their member's current policy (rule F6) is sent to it, and comes back to the form.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, participants, db } = await programAccess(args);
    requireFieldRole(db, user, coalitionId, participants, args.context, { facilitator: true });
    const url = new URL(args.request.url);
    const typed = { kind: url.searchParams.get("kind") || "shifts", recipient: url.searchParams.get("recipient") || "member", vendorId: url.searchParams.get("vendorId") ?? "" };
    const parsed = parseForm(exportForm, typed);
    const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (!parsed.ok) return text(400, Object.values(parsed.errors).join(" "));
    const r = exportCsv(db, user, { coalitionId, programId, ...parsed.data });
    // rule F6: to the policy page, which comes back to the export form with what was chosen
    if (!r.ok && r.acknowledge) return redirect(acknowledgeHref(coalitionId, comeBackUrl(`/tables/${coalitionId}/programs/${programId}/shifts`, "export", typed)));
    if (!r.ok) return text(403, r.message);
    return new Response(streamChunks(r.chunks), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${r.filename}"`, "Cache-Control": "no-store" },
    });
  });
}
