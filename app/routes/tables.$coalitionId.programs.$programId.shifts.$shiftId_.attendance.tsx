import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Submit } from "~/components/form";
import { MARK_LABELS, MARKS, parseAttendanceSheet, WALK_IN_SLOTS } from "~/domain/attendance";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { shiftHosts } from "~/domain/field-views";
import { single, type FormValues } from "~/domain/forms";
import { can } from "~/domain/permissions";
import { formatSpan } from "~/domain/zoned-time";
import { attendanceSheet, takeAttendance } from "~/models/attendance.server";
import { getShift } from "~/models/shifts.server";
import { requirePermission } from "~/server/guards/auth.server";
import { programAccess } from "~/server/guards/program-access.server";
import { handle, idParam, invalid, readForm, redirect, refused } from "~/server/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Attendance: ${data.title} · Coalition Table` : "Attendance · Coalition Table" }];

/**
 * Attendance for a whole shift on one screen (issue 14): everyone attended unless marked
 * otherwise, and walk-ins. The shift's hosts and co-hosts (shift.edit) take it.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, db } = await programAccess(args);
    const shiftId = idParam(args.params, "shiftId", "Shift");
    const d = getShift(db, user, { coalitionId, programId, shiftId });
    // everyone who sees the shift sees the sheet; its hosts and co-hosts take it
    const mayTake = can(user, { action: "shift.edit", coalitionId, hosts: shiftHosts(d.shift) }).ok;
    const sheet = attendanceSheet(db, user, { coalitionId, programId, shiftId });
    return {
      coalitionId,
      programId,
      shiftId,
      title: d.shift.title || WORK_TYPE_LABELS[d.shift.workType],
      when: formatSpan(d.shift.startsAt, d.shift.endsAt, d.program.race.timeZone),
      started: Date.parse(d.shift.startsAt) <= Date.now(),
      cancelled: d.shift.cancelledAt !== null,
      host: d.shift.host?.name ?? null,
      mayTake,
      saved: new URL(args.request.url).searchParams.get("saved"),
      ...sheet,
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, db } = await programAccess(args);
    const shiftId = idParam(args.params, "shiftId", "Shift");
    const d = getShift(db, user, { coalitionId, programId, shiftId });
    requirePermission(user, { action: "shift.edit", coalitionId, hosts: shiftHosts(d.shift) }, args.context, db);
    const values = await readForm(args.request);
    // a page left open from before the start (or the cancel): back to it, which says why there is no form
    if (d.shift.cancelledAt || Date.parse(d.shift.startsAt) > Date.now()) return redirect(`/tables/${coalitionId}/programs/${programId}/shifts/${shiftId}/attendance`);
    const parsed = parseAttendanceSheet(values);
    if (!parsed.ok) return invalid("attendance", parsed.errors, values);
    const r = takeAttendance(db, user, { coalitionId, programId, shiftId, ...parsed.data });
    if (!r.ok) return refused("attendance", r, values, 400, args.request);
    return redirect(`/tables/${coalitionId}/programs/${programId}/shifts/${shiftId}/attendance?saved=${r.attended}-${r.noShows}-${r.cancelled}-${r.walkIns}`);
  });
}

type Failed = { intent: string; errors: Record<string, string>; values: FormValues } | undefined;

export default function ShiftAttendance() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as Failed;
  const errors = failed?.errors ?? {};
  const kept = (name: string) => (failed ? single(failed.values[name]) : "");
  const back = `/tables/${d.coalitionId}/programs/${d.programId}/shifts/${d.shiftId}`;
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;
  const described = (name: string) => (errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {});
  return (
    <section aria-labelledby="attendance-title">
      <p className="breadcrumbs">
        <Link to={back}>{d.title}</Link>
      </p>
      <h1 id="attendance-title">Attendance: {d.title}</h1>
      <p className="muted">
        {d.when}
        {d.host ? ` · hosted by ${d.host}` : ""}
      </p>
      {d.saved ? <SavedNote saved={d.saved} /> : null}
      {errors._form ? (
        <p className="notice warn" role="alert">
          {errors._form}
        </p>
      ) : null}
      {d.cancelled ? (
        <p className="notice warn">This shift was cancelled.</p>
      ) : !d.started ? (
        <p className="notice">Attendance is taken once the shift has started.</p>
      ) : !d.mayTake ? (
        <>
          <p className="hint">The shift's hosts take attendance.</p>
          <ul className="item-list">
            {d.rows.map((s) => (
              <li key={s.id}>
                {s.volunteerName}: {s.attended === null ? "not taken" : s.attended ? "attended" : "no-show"}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="attendance" />
          <p className="hint">Everyone signed up is marked as attended; change only the exceptions. A cancelled sign-up frees its place.</p>
          {d.rows.length === 0 ? <p className="empty">No one signed up; add the walk-ins below.</p> : null}
          {d.total > d.rows.length ? (
            <p className="notice warn">
              The first {d.rows.length} of {d.total} sign-ups are listed; the others are marked as attended.
            </p>
          ) : null}
          {d.rows.length > 0 ? (
            <fieldset>
              <legend>Signed up ({d.total})</legend>
              <ul className="item-list attendance-sheet">
                {d.rows.map((s) => {
                  const name = `mark-${s.id}`;
                  const current = kept(name) || (s.attended === false ? "no_show" : "attended");
                  return (
                    <li key={s.id} className="form-row">
                      <label htmlFor={name}>
                        {s.volunteerName}
                        {s.source === "walk_in" ? " (walk-in)" : ""}
                      </label>
                      <select id={name} name={name} defaultValue={current} {...described(name)}>
                        {MARKS.map((m) => (
                          <option key={m} value={m}>
                            {MARK_LABELS[m]}
                          </option>
                        ))}
                      </select>
                      {err(name)}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : null}
          <fieldset className="stack">
            <legend>Walk-ins</legend>
            <p className="hint">People who came without signing up: credited to the host affiliate, counted as walk-ins. The email is optional.</p>
            {Array.from({ length: WALK_IN_SLOTS }, (_, i) => (
              <div key={i} className="form-row">
                <div className="field">
                  <label htmlFor={`walkIn${i}Name`}>Walk-in {i + 1}: name</label>
                  <input id={`walkIn${i}Name`} name={`walkIn${i}Name`} defaultValue={kept(`walkIn${i}Name`)} autoComplete="off" {...described(`walkIn${i}Name`)} />
                  {err(`walkIn${i}Name`)}
                </div>
                <div className="field">
                  <label htmlFor={`walkIn${i}Email`}>Walk-in {i + 1}: email (optional)</label>
                  <input id={`walkIn${i}Email`} name={`walkIn${i}Email`} type="email" defaultValue={kept(`walkIn${i}Email`)} autoComplete="off" {...described(`walkIn${i}Email`)} />
                  {err(`walkIn${i}Email`)}
                </div>
              </div>
            ))}
          </fieldset>
          <Submit intent="attendance">Save attendance</Submit>
        </Form>
      )}
    </section>
  );
}

function SavedNote({ saved }: { saved: string }) {
  const [attended, noShows, cancelled, walkIns] = saved.split("-").map(Number);
  return (
    <p className="notice" role="status">
      Saved: {attended} attended{walkIns ? ` (${walkIns} walk-in${walkIns === 1 ? "" : "s"})` : ""}, {noShows} no-show{noShows === 1 ? "" : "s"}, {cancelled} cancelled.
    </p>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
