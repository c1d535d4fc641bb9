import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportForm } from "~/domain/shift-forms";
import { parseForm } from "~/domain/forms";
import { exportCsv } from "~/models/field-exports.server";
import { programAccess, requireFieldRole } from "~/server/guards/program-access.server";
import { handle } from "~/server/http.server";
import { streamChunks } from "~/server/streams.server";

/**
 * CSV of a program's shifts, sign-ups or results (?kind=&recipient=), for the facilitator
 * or a participating affiliate's lead. A campaign recipient goes through rule F7 before a
 * row is read; the file is streamed a batch of shifts at a time.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, participants, db } = await programAccess(args);
    requireFieldRole(db, user, coalitionId, participants, args.context, { facilitator: true });
    const url = new URL(args.request.url);
    const parsed = parseForm(exportForm, { kind: url.searchParams.get("kind") || "shifts", recipient: url.searchParams.get("recipient") || "member" });
    const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (!parsed.ok) return text(400, Object.values(parsed.errors).join(" "));
    const r = exportCsv(db, user, { coalitionId, programId, ...parsed.data });
    if (!r.ok) return text(403, r.message);
    return new Response(streamChunks(r.chunks), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${r.filename}"`, "Cache-Control": "no-store" },
    });
  });
}
