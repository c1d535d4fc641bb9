import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/form";
import { Pager } from "~/components/pager";
import { SUB_TABLE_STATUS_LABELS, type SubTableStatus } from "~/domain/critical-mass";
import { pageSize, readCursor } from "~/domain/keyset";
import { listRaceStates } from "~/models/races.server";
import { CountOf, SubTableStatusBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/domain/dates";
import { getCoalition } from "~/models/coalitions.server";
import { pageSubCoalitions } from "~/models/sub-coalitions.server";
import { today } from "~/server/clock.server";
import { tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalition = getCoalition(db, user, { coalitionId: idParam(params, "coalitionId", "Table") });
    const url = new URL(request.url);
    const state = (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || null;
    const statusParam = url.searchParams.get("status") ?? "";
    const status = statusParam in SUB_TABLE_STATUS_LABELS ? (statusParam as SubTableStatus) : null;
    const page = pageSubCoalitions(db, user, { coalitionId: coalition.id, today: today(), state, status, cursor: readCursor(url), limit: pageSize(url) });
    return {
      coalition,
      filter: { state, status },
      states: listRaceStates(db, user, { coalitionId: coalition.id }),
      subTables: page.rows,
      total: page.total,
      prev: page.prev,
      next: page.next,
    };
  });
}

export default function SubTablesIndex() {
  const { coalition, filter, states, subTables, total, prev, next } = useLoaderData<typeof loader>();
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <h1>Sub-tables</h1>
      <p className="hint">
        A sub-table forms by itself when {coalition.threshold} national partners endorse the same candidate. Partners that endorse later join it;
        partners that withdraw leave it.
      </p>
      <Form method="get" className="filters" aria-label="Filter sub-tables">
        <FilterSelect name="state" label="State" value={filter.state} allLabel="All states" options={states} />
        <FilterSelect
          name="status"
          label="Status"
          value={filter.status}
          allLabel="Any status"
          options={(Object.keys(SUB_TABLE_STATUS_LABELS) as SubTableStatus[]).map((s) => ({ value: s, label: SUB_TABLE_STATUS_LABELS[s] }))}
        />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {subTables.length === 0 ? (
        <p className="empty">{filter.state || filter.status ? "No sub-table matches." : "No sub-table has formed yet."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
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
      <Pager prev={prev} next={next} total={total} shown={subTables.length} noun="sub-tables" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
