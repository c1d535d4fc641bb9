import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportForm } from "~/domain/shift-forms";
import { parseForm } from "~/domain/forms";
import { exportCsv } from "~/models/shifts.server";
import { tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { programContext, requireFieldRole } from "~/server/guards/field-access.server";
import { handle } from "~/server/http.server";

/**
 * CSV of a program's shifts, sign-ups or results (?kind=&recipient=), for the facilitator
 * or a participating affiliate's lead. A campaign recipient goes through rule F7.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess(args, "table.view");
    const db = getDb();
    const ctx = programContext(db, user, args.params, args.request);
    requireFieldRole(db, user, ctx.coalitionId, ctx.participants, args.context, { facilitator: true });
    const url = new URL(args.request.url);
    const parsed = parseForm(exportForm, { kind: url.searchParams.get("kind") || "shifts", recipient: url.searchParams.get("recipient") || "member" });
    const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (!parsed.ok) return text(400, Object.values(parsed.errors).join(" "));
    const r = exportCsv(db, user, ctx.coalitionId, ctx.programId, parsed.data);
    if (!r.ok) return text(403, r.message);
    return new Response(r.csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${r.filename}"`, "Cache-Control": "no-store" },
    });
  });
}
