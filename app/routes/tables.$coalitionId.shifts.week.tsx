import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { UpcomingShifts } from "~/components/upcoming-shifts";
import { addDays, formatDate } from "~/domain/dates";
import { weekParam } from "~/domain/shift-forms";
import { shiftCard } from "~/domain/field-views";
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
    const q = new URL(args.request.url).searchParams;
    const week = mondayOf(weekParam(q.get("week")) ?? today());
    const w = weekShifts(getDb(), user, { coalitionId, weekStart: week, state: q.get("state"), program: q.get("program") });
    // each shift as its card draws it (the week's 150 shifts' whole rows weighed most of the page)
    const days = w.days.map((d) => ({ date: d.date, shifts: d.shifts.map(shiftCard) }));
    const zones = [...new Set(w.days.flatMap((d) => d.shifts.map((s) => s.timeZone)))];
    return {
      coalitionId,
      week,
      prev: addDays(week, -7),
      next: addDays(week, 7),
      days,
      total: w.total,
      shown: w.shown,
      filters: w.filters,
      ignored: w.ignored,
      programs: w.programs,
      states: w.states,
      zones,
    };
  });
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const weekday = (date: string) => WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];

export default function WeekView() {
  const { coalitionId, week, prev, next, days, total, shown, filters, ignored, programs, states, zones } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}/shifts/week`;
  const keep = `${filters.state ? `&state=${filters.state}` : ""}${filters.programId ? `&program=${filters.programId}` : ""}`;
  return (
    <>
      <h1>Week of {formatDate(week)}</h1>
      <nav className="actions" aria-label="Weeks">
        <Link to={`${base}?week=${prev}${keep}`} rel="prev">
          ← Previous week
        </Link>
        <Link to={`${base}?week=${next}${keep}`} rel="next">
          Next week →
        </Link>
      </nav>
      <Form method="get" className="form-row" aria-label="Choose the week and filter">
        <div className="field">
          <label htmlFor="week-pick">Week of</label>
          <input id="week-pick" type="date" name="week" defaultValue={week} />
        </div>
        <div className="field">
          <label htmlFor="week-state">State</label>
          <select id="week-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">Every state</option>
            {states.map((st) => (
              <option key={st} value={st}>
                {st}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="week-program">Program</label>
          <select id="week-program" name="program" defaultValue={filters.programId === null ? "" : String(filters.programId)}>
            <option value="">Every program</option>
            {programs.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name} ({p.state})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit">Show</button>
        </div>
      </Form>
      {ignored ? (
        <p className="notice warn" role="status">
          Some filters were not understood and were left out.
        </p>
      ) : null}
      <p className="hint">
        Each shift is on its day and time in its own race's time zone{zones.length ? ` (${zones.join(", ")})` : ""}.
      </p>
      {total > shown ? (
        <p className="notice" role="status">
          The first {shown} of {total.toLocaleString("en-US")} shifts this week are shown, in time order: choose a state or a program to see the rest.
        </p>
      ) : null}
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
