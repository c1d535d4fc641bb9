import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedCalendar } from "~/models/calendar-feeds.server";
import { getDb } from "~/server/db.server";
import { handle, notFound } from "~/server/http.server";

/**
 * A subscribable iCalendar feed (public: the token in the URL is the credential; revoked or
 * unknown tokens are a 404). For an affiliate's own volunteers: shift times, places and
 * notes, never who signed up.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  return handle(async () => {
    const ics = feedCalendar(getDb(), "system", { token: params.feedToken ?? "" });
    if (ics === null) throw notFound("Calendar");
    return new Response(ics, {
      headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="shifts.ics"', "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
    });
  });
}
