import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MarginCharts } from "~/components/charts/margin-chart";
import { ReviewChart } from "~/components/charts/review-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { AddLessonForm, LessonList } from "~/components/lessons";
import { Pager } from "~/components/pager";
import { formatDate } from "~/domain/dates";
import { pageSize, readCursor } from "~/domain/keyset";
import { editLessonForm, lessonForm, removeLessonForm } from "~/domain/lessons";
import { can } from "~/domain/permissions";
import { OUTCOME_LABELS } from "~/domain/results";
import { ASSOCIATION_NOTE } from "~/domain/review";
import { ELECTION_LABELS } from "~/domain/windows";
import { addLesson, lessonsOnReview, removeLesson, updateLesson } from "~/models/lessons.server";
import { cycleReview } from "~/models/review.server";
import { getDb } from "~/server/db.server";
import { authorize } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { handle, idParam, invalid, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await workspaceAccess({ params, request, context }, "table.view");
    const url = new URL(request.url);
    const db = getDb();
    const review = cycleReview(db, user, { coalitionId, cursor: readCursor(url), limit: pageSize(url) });
    const lessons = lessonsOnReview(db, user, { coalitionId, raceIds: review.rows.map((r) => r.raceId) });
    return { coalitionId, ...review, lessons, canManage: can(user, { action: "table.manage", coalitionId }).ok };
  });
}

/** The facilitator's lessons: add one to a reviewed race, edit or remove one (each audited). */
export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    const here = (lessonId: number) => `${new URL(request.url).pathname}${new URL(request.url).search}#lesson-${lessonId}`;
    if (values.intent === "lesson") return submit("lesson", lessonForm, values, (d) => addLesson(db, actor, { coalitionId, ...d }), (r) => here(r.lessonId));
    if (values.intent === "edit-lesson") return submit("edit-lesson", editLessonForm, values, (d) => updateLesson(db, actor, { coalitionId, ...d }), (r) => here(r.lessonId));
    if (values.intent === "remove-lesson") return submit("remove-lesson", removeLessonForm, values, (d) => removeLesson(db, actor, { coalitionId, lessonId: d.lessonId }), () => new URL(request.url).pathname + new URL(request.url).search);
    return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
  });
}

export default function CycleReview() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/tables/${d.coalitionId}`;
  return (
    <>
      <h1>Cycle review</h1>
      <p className="hint">Every race with a result: how strong the coalition was behind the candidate it backed most, beside the outcome and the margin.</p>
      <p className="notice" role="note">
        {ASSOCIATION_NOTE}
      </p>
      {d.total === 0 ? (
        <p className="empty">No results recorded yet. Record them on each race's results page.</p>
      ) : (
        <>
          <ReviewChart groups={d.groups} />
          <h2 id="margins">Margin against timing and strength</h2>
          <p className="hint">
            The margin is the candidate the table backed most, in points over the best other candidate, at the last election with a result. Each band gives its count of races: a band of one or
            two races says little. Association, not cause.
          </p>
          <MarginCharts margins={d.margins} />
          <h2>Races</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Races reviewed, scrollable">
            <table aria-label="Races reviewed">
              <thead>
                <tr>
                  <th scope="col">Race</th>
                  <th scope="col">Candidate</th>
                  <th scope="col">Endorsers</th>
                  <th scope="col">Sub-table</th>
                  <th scope="col">Hours delivered</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Margin</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.raceId}>
                    <td>
                      <Link to={`${base}/races/${r.raceId}/results`}>{r.raceLabel}</Link>
                    </td>
                    <td>
                      <Link to={`${base}/candidates/${r.candidateId}`}>{r.candidateName}</Link>
                    </td>
                    <td>{r.endorsers}</td>
                    <td>{r.formedAt ? `formed ${formatDate(r.formedAt)}, ${r.daysFromCriticalMass} days before the ${ELECTION_LABELS[r.election].toLowerCase()}` : "none"}</td>
                    <td>{Math.round(r.hoursDelivered * 10) / 10}</td>
                    <td>
                      {OUTCOME_LABELS[r.outcome]} <span className="muted">({ELECTION_LABELS[r.election].toLowerCase()}, {formatDate(r.electionDate)})</span>
                    </td>
                    <td>{r.margin === null ? "—" : `${r.margin > 0 ? "+" : ""}${r.margin} pts`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager prev={d.prev} next={d.next} total={d.total} shown={d.rows.length} noun="races" />
          <h2 id="lessons">Lessons</h2>
          <p className="hint">What the table learned from these races. Each lesson shows on the next cycle's table for the same race, and on the candidate's later candidacies when it is about them.</p>
          {d.rows.some((r) => d.lessons.byRace[r.raceId]?.length) || d.lessons.withheld ? (
            <LessonList lessons={d.rows.flatMap((r) => d.lessons.byRace[r.raceId] ?? [])} withheld={d.lessons.withheld} manage={d.canManage ? { actionData } : undefined} />
          ) : (
            <p className="empty">No lessons on these races yet.</p>
          )}
          {d.canManage ? <AddLessonForm races={d.rows.map((r) => ({ raceId: r.raceId, label: `${r.raceLabel} (${r.candidateName})` }))} actionData={actionData} /> : null}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
