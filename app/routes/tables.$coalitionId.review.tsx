import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReviewChart } from "~/components/charts/review-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { formatDate } from "~/domain/dates";
import { pageSize, readCursor } from "~/domain/keyset";
import { OUTCOME_LABELS } from "~/domain/results";
import { ASSOCIATION_NOTE } from "~/domain/review";
import { ELECTION_LABELS } from "~/domain/windows";
import { cycleReview } from "~/models/review.server";
import { getDb } from "~/server/db.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { handle } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await workspaceAccess({ params, request, context }, "table.view");
    const url = new URL(request.url);
    const review = cycleReview(getDb(), user, { coalitionId, cursor: readCursor(url), limit: pageSize(url) });
    return { coalitionId, ...review };
  });
}

export default function CycleReview() {
  const d = useLoaderData<typeof loader>();
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
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
