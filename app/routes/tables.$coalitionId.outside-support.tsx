import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/form";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { OUTSIDE_KIND_LABELS, readOutsideFilter, supportSummary } from "~/domain/outside-support";
import { US_STATES } from "~/domain/states";
import { OUTSIDE_SUPPORTER_KINDS } from "~/domain/vocabulary";
import { outsideSupportByRace } from "~/models/outside-support.server";
import { tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

/**
 * Support from outside the table, per race (issue 17): for the facilitator to "monitor support
 * for the candidate by groups throughout the country". Each race with outside endorsements, by
 * state, with each candidate's count by kind; filtered by kind and state, keyset-paged.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const url = new URL(request.url);
    const filter = readOutsideFilter(url);
    const page = outsideSupportByRace(getDb(), user, { coalitionId, ...filter, cursor: readCursor(url), limit: pageSize(url) });
    return { coalitionId, filter, page };
  });
}

export default function OutsideSupport() {
  const { coalitionId, filter, page } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <h1>Support from outside the table</h1>
      <p className="hint">
        Organizations, unions, elected officials and local groups outside the table that endorsed a candidate, each with its public source. Anyone at the table adds one on the
        candidate's page; here they are per race, by state.
      </p>
      <Form method="get" className="filters" aria-label="Filter outside support">
        <FilterSelect name="kind" label="Who endorsed" value={filter.kind} allLabel="Every kind" options={OUTSIDE_SUPPORTER_KINDS.map((k) => ({ value: k, label: OUTSIDE_KIND_LABELS[k] }))} />
        <FilterSelect name="state" label="State" value={filter.state} allLabel="Every state" options={Object.entries(US_STATES).map(([code, s]) => ({ value: code, label: `${code} — ${s.name}` }))} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <section aria-labelledby="by-race">
        <h2 id="by-race">By race</h2>
        {page.rows.length === 0 ? (
          <p className="empty">{filter.kind || filter.state ? "No outside endorsement matches." : "No outside endorsement recorded yet: add one on a candidate's page."}</p>
        ) : (
          <ul className="history card">
            {page.rows.map((r) => (
              <li key={r.raceId}>
                <p>
                  <Link to={`${base}/races/${r.raceId}`}>{r.label}</Link> <span className="muted">· {supportSummary(r.byKind)}</span>
                </p>
                <ul>
                  {r.candidates.map((c) => (
                    <li key={c.id}>
                      <Link to={`${base}/candidates/${c.id}#outside-support`}>{c.name}</Link>: {supportSummary(c.byKind)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Pager prev={page.prev} next={page.next} total={page.total} shown={page.rows.length} noun="races" label="Pages of races" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
