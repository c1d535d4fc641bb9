import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { CAPABILITY_LABELS } from "~/domain/capacity";
import { pageSize, readCursor } from "~/domain/keyset";
import { combinedCapacity, type StateCapacity } from "~/models/capacity.server";
import { listPartners } from "~/models/partners.server";
import { tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

/**
 * The table's combined capacity per state (issue 17), for the facilitator: the sums of what the
 * seated partners share with the table and with the facilitator, one row per state, paged.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.manage");
    const db = getDb();
    const url = new URL(request.url);
    const page = combinedCapacity(db, user, { coalitionId, cursor: readCursor(url), limit: pageSize(url) });
    const partners = listPartners(db, user, { coalitionId }).map((p) => ({ id: p.id, shortName: p.shortName }));
    return { coalitionId, page, partners };
  });
}

const n = (v: number) => (v ? v.toLocaleString("en-US") : "—");

function Row({ r, label }: { r: StateCapacity; label: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{n(r.members)}</td>
      <td>{n(r.volunteers)}</td>
      <td>{n(r.organizers)}</td>
      <td className="hide-narrow">{r.money ? `$${r.money.toLocaleString("en-US")}` : "—"}</td>
      <td>{r.strong.length ? r.strong.join(", ") : "—"}</td>
      <td className="hide-narrow">{r.capabilities.length ? r.capabilities.map((c) => CAPABILITY_LABELS[c]).join(", ") : "—"}</td>
    </tr>
  );
}

export default function CombinedCapacity() {
  const { coalitionId, page, partners } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <h1>The table's capacity</h1>
      <p className="hint">
        What the partners bring, per state: the sums of what each shares with the whole table or with the facilitator. What a partner keeps for its own people never counts here.
      </p>
      {page.rows.length === 0 && !page.national ? (
        <p className="empty">No partner has shared its capacity yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table aria-labelledby="per-state">
            <caption id="per-state">Combined capacity per state</caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Members</th>
                <th scope="col">Volunteers</th>
                <th scope="col">Organizers</th>
                <th scope="col" className="hide-narrow">Money</th>
                <th scope="col">Strong here</th>
                <th scope="col" className="hide-narrow">Can do</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <Row key={r.state} r={r} label={r.state} />
              ))}
              {page.national && !page.next ? <Row r={page.national} label="Across the country" /> : null}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={page.prev} next={page.next} total={page.total} shown={page.rows.length} noun="states" label="Pages of states" />
      <section aria-labelledby="profiles">
        <h2 id="profiles">Each partner's profile</h2>
        <ul>
          {partners.map((p) => (
            <li key={p.id}>
              <Link to={`${base}/capacity/${p.id}`}>{p.shortName}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
