import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CountOf, SubTableStatusBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/domain/dates";
import { getCoalition } from "~/models/coalitions.server";
import { listSubCoalitions } from "~/models/sub-coalitions.server";
import { today } from "~/server/clock.server";
import { tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalition = getCoalition(db, user, { coalitionId: idParam(params, "coalitionId", "Table") });
    return { coalition, subTables: listSubCoalitions(db, user, { coalitionId: coalition.id, today: today() }) };
  });
}

export default function SubTablesIndex() {
  const { coalition, subTables } = useLoaderData<typeof loader>();
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <h1>Sub-tables</h1>
      <p className="hint">
        A sub-table forms by itself when {coalition.threshold} national partners endorse the same candidate. Partners that endorse later join it;
        partners that withdraw leave it.
      </p>
      {subTables.length === 0 ? (
        <p className="empty">No sub-table has formed yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Race</th>
                <th scope="col">Members</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">Formed</th>
                <th scope="col" className="hide-narrow">Primary</th>
              </tr>
            </thead>
            <tbody>
              {subTables.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`${base}/sub-tables/${s.id}`}>{s.candidateName}</Link>
                  </td>
                  <td>
                    {s.raceOffice}, {s.raceState}
                    {s.raceDistrict ? `-${s.raceDistrict}` : ""}
                  </td>
                  <td>
                    <CountOf count={s.memberCount} threshold={s.threshold} />
                  </td>
                  <td>
                    <SubTableStatusBadge status={s.status} />
                  </td>
                  <td className="hide-narrow">{formatDate(s.formedAt)}</td>
                  <td className="hide-narrow">{formatDate(s.primaryDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
