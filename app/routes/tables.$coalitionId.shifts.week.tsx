import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { UpcomingShifts } from "~/components/upcoming-shifts";
import { addDays, formatDate } from "~/domain/dates";
import { weekParam } from "~/domain/shift-forms";
import { mondayOf } from "~/domain/zoned-time";
import { weekShifts } from "~/models/shifts.server";
import { tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Week of shifts · Coalition Table" }];

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess(args, "table.view");
    const week = mondayOf(weekParam(new URL(args.request.url).searchParams.get("week")) ?? today());
    const days = weekShifts(getDb(), user, { coalitionId, weekStart: week });
    return { coalitionId, week, prev: addDays(week, -7), next: addDays(week, 7), days, zones: [...new Set(days.flatMap((d) => d.shifts.map((s) => s.timeZone)))] };
  });
}

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });

export default function WeekView() {
  const { coalitionId, week, prev, next, days, zones } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}/shifts/week`;
  const total = days.reduce((n, d) => n + d.shifts.length, 0);
  return (
    <>
      <h1>Week of {formatDate(week)}</h1>
      <nav className="actions" aria-label="Weeks">
        <Link to={`${base}?week=${prev}`} rel="prev">
          ← Previous week
        </Link>
        <Link to={`${base}?week=${next}`} rel="next">
          Next week →
        </Link>
        <Form method="get" className="inline">
          <label htmlFor="week-pick">Go to the week of</label> <input id="week-pick" type="date" name="week" defaultValue={week} /> <button type="submit">Go</button>
        </Form>
      </nav>
      <p className="hint">
        Each shift is on its day and time in its own race's time zone{zones.length ? ` (${zones.join(", ")})` : ""}.
      </p>
      {total === 0 ? <p className="empty">No shifts this week.</p> : null}
      <div className="week-grid">
        {days.map((d) => (
          <section key={d.date} aria-labelledby={`day-${d.date}`} className="week-day">
            <h2 id={`day-${d.date}`}>
              {weekday(d.date)} <span className="muted">{formatDate(d.date)}</span>
            </h2>
            <UpcomingShifts shifts={d.shifts} coalitionId={coalitionId} empty="—" showProgram />
          </section>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
