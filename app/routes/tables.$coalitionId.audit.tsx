import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/form";
import { listMemberAudit, memberPeople } from "~/models/audit.server";
import { listPartners } from "~/models/partners.server";
import { listRaces, raceLabel } from "~/models/races.server";
import { memberAuditAccess } from "~/server/guards/audit-access.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

const LIMIT = 500;

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, counselOf, filter } = await memberAuditAccess(args);
    const db = getDb();
    return {
      coalitionId,
      filter,
      members: listPartners(db, user, { coalitionId }).filter((p) => counselOf.includes(p.id)),
      people: memberPeople(db, user, { partnerId: filter.partnerId }),
      races: listRaces(db, user, { coalitionId, today: today() }).map((r) => ({ value: r.id, label: raceLabel(r) })),
      rows: listMemberAudit(db, user, { ...filter, limit: LIMIT }),
      limit: LIMIT,
    };
  });
}

export default function AuditTrail() {
  const { coalitionId, filter, members, people, races, rows, limit } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Audit trail</h1>
      <p className="hint">
        Every firewall decision about your member and every action by its people, newest first. Rows cannot be edited or deleted; each carries the
        hash that chains it to the one before (rule F10).
      </p>
      <Form method="get" className="filters" aria-label="Filter the audit trail">
        <FilterSelect name="partner" label="Member" value={filter.partnerId} allLabel="—" options={members.map((m) => ({ value: m.id, label: m.shortName }))} />
        <FilterSelect name="person" label="Person" value={filter.personId} allLabel="Everyone" options={people.map((p) => ({ value: p.id, label: p.name }))} />
        <FilterSelect name="race" label="Race" value={filter.raceId} allLabel="All races" options={races} />
        <div className="field">
          <label htmlFor="a-from">From</label>
          <input id="a-from" type="date" name="from" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="a-to">To</label>
          <input id="a-to" type="date" name="to" defaultValue={filter.to ?? ""} />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <p>
        <a href={`/tables/${coalitionId}/audit.csv${search}`} download>
          Export these rows as CSV
        </a>
      </p>
      {rows.length === 0 ? (
        <p className="empty">No rows match.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Audit rows, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Person</th>
                <th scope="col">Action</th>
                <th scope="col">Decision</th>
                <th scope="col">Rule</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.at.replace("T", " ").slice(0, 19)}</td>
                  <td>{r.actorName ?? "—"}</td>
                  <td>{r.action}</td>
                  <td>
                    <span className={`badge decision-${r.decision}`}>{r.decision}</span>
                  </td>
                  <td>{r.rule ?? ""}</td>
                  <td>{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length === limit ? <p className="hint">Showing the newest {limit}; narrow the filters or export for more.</p> : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
