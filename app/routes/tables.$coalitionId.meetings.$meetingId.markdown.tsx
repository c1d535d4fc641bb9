import type { LoaderFunctionArgs } from "@remix-run/node";
import { meetingMarkdown } from "~/domain/meetings";
import { meetingExport } from "~/models/meeting-record.server";
import { tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam } from "~/server/http.server";

/**
 * A meeting as a Markdown file. It reads the meeting through the same model call as the page,
 * so a draft stays with the facilitator and campaign notes are withheld the same way (F2).
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess(args, "table.view");
    const meetingId = idParam(args.params, "meetingId", "Meeting");
    const md = meetingMarkdown(meetingExport(getDb(), user, { coalitionId, meetingId, today: today() }));
    return new Response(md, {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="meeting-${meetingId}.md"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
