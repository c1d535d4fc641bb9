import type { LoaderFunctionArgs } from "@remix-run/node";
import { openFeed } from "~/models/calendar-feeds.server";
import { getDb } from "~/server/db.server";
import { handle, notFound } from "~/server/http.server";
import { streamChunks } from "~/server/streams.server";

/**
 * A subscribable iCalendar feed (public: the token in the URL is the credential; revoked or
 * unknown tokens are a 404). For an affiliate's own volunteers: shift times, places and
 * notes, never who signed up. Shifts from 30 days ago to 180 days ahead, streamed a batch at
 * a time (the window is in the calendar's X-WR-CALDESC).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  return handle(async () => {
    const feed = openFeed(getDb(), "system", { token: params.feedToken ?? "" });
    if (feed === null) throw notFound("Calendar");
    return new Response(streamChunks(feed.chunks), {
      headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="shifts.ics"', "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
    });
  });
}
