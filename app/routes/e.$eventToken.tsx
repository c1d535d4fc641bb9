import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { eventPage } from "~/models/event-pages.server";
import { getDb } from "~/server/db.server";
import { handle, notFound } from "~/server/http.server";

/**
 * A program's public event page (issue 14): no account needed. Its upcoming published shifts as
 * timeslots by day in the race's zone, each leading to the shift's public page through the
 * share link this event link stands for (an affiliate's, or the plain one: the host's). Only
 * each shift's own logistics, as on the shift's page (rule F2: nothing campaign-sourced).
 */
export const meta: MetaFunction = () => [{ title: "Volunteer shifts · Sign up" }, { name: "robots", content: "noindex" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  return handle(() => {
    const url = new URL(request.url);
    const page = eventPage(getDb(), "system", { eventToken: params.eventToken ?? "", cursor: readCursor(url), size: pageSize(url, 100, 30) });
    if (!page) throw notFound("Event page");
    return page;
  });
}

export default function EventPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <section className="public-shift" aria-labelledby="event-title">
      <h1 id="event-title">Volunteer shifts</h1>
      <p className="hint">
        Pick a time and sign up: no account needed.{page.invitedBy ? ` Invited by ${page.invitedBy}.` : ""} Times are in the race&apos;s local time.
      </p>
      {page.total === 0 ? <p className="notice">No upcoming shifts are open right now. Check back soon.</p> : null}
      {page.days.map((d) => (
        <section key={d.day} aria-labelledby={`day-${d.day}`}>
          <h2 id={`day-${d.day}`}>{d.label}</h2>
          <ul className="plain-list">
            {d.slots.map((s) => (
              <li key={s.shiftId} className="card">
                <h3>
                  {s.time} · {s.title || s.workLabel}
                </h3>
                <dl className="facts">
                  <dt>Work</dt>
                  <dd>{s.workLabel}</dd>
                  <dt>Where</dt>
                  <dd>{s.place ?? "The hosts will send the place."}</dd>
                  <dt>Hosted by</dt>
                  <dd>{s.hosts.join(", ")}</dd>
                  <dt>Places left</dt>
                  <dd>{s.placesLeft === 0 ? "Full" : s.placesLeft}</dd>
                </dl>
                {s.shareToken && s.placesLeft > 0 ? (
                  <Link to={`/s/${s.shareToken}`} aria-label={`Sign up: ${d.label}, ${s.time}, ${s.title || s.workLabel}`}>
                    Sign up
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pager prev={page.prev} next={page.next} total={page.total} shown={page.shown} noun="shifts" />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
