import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CountOf, StanceBadge, SubTableStatusBadge } from "~/components/badges";
import { EndorsementsChart } from "~/components/charts/endorsements-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/domain/dates";
import { getTableHome } from "~/models/table-picture.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { tableAccess } from "~/server/guards/auth.server";
import { handle } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    return getTableHome(getDb(), user, { coalitionId, today: today() });
  });
}

export default function TableHome() {
  const { coalition, counts, nearing, nearingTotal, splitRaces, splitRacesTotal, subTables, subTablesTotal, newest, timeline } = useLoaderData<typeof loader>();
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <h1>{coalition.name}</h1>
      <ul className="stats" aria-label="The table in numbers">
        <li><span className="n">{counts.partners}</span><span className="l">partners</span></li>
        <li><span className="n">{counts.affiliates}</span><span className="l">affiliates</span></li>
        <li><span className="n">{counts.races}</span><span className="l">races</span></li>
        <li><span className="n">{counts.candidates}</span><span className="l">candidates</span></li>
        <li><span className="n">{counts.endorsements}</span><span className="l">endorsements</span></li>
        <li><span className="n">{counts.subTables}</span><span className="l">open sub-tables</span></li>
      </ul>
      <div className="grid">
        <section className="card" aria-labelledby="nearing">
          <h2 id="nearing" style={{ marginTop: 0 }}>Nearing critical mass</h2>
          {nearing.length === 0 ? (
            <p className="empty">No candidate is close to {coalition.threshold} endorsing partners.</p>
          ) : (
            <ul className="history">
              {nearing.map((c) => (
                <li key={c.id}>
                  <CountOf count={c.count} threshold={coalition.threshold} />{" "}
                  <Link to={`${base}/candidates/${c.id}`}>{c.name}</Link> <span className="muted">· {c.raceLabel} · primary {formatDate(c.primaryDate)}</span>
                </li>
              ))}
            </ul>
          )}
          {nearingTotal > nearing.length ? (
            <p className="hint">
              {nearing.length} of {nearingTotal} shown, most endorsed first. <Link to={`${base}/matrix?status=nearing`}>All {nearingTotal} in the matrix</Link>
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="split">
          <h2 id="split" style={{ marginTop: 0 }}>Split races</h2>
          {splitRaces.length === 0 ? (
            <p className="empty">No race has partners backing more candidates than it has seats.</p>
          ) : (
            <ul className="history">
              {splitRaces.map((r) => (
                <li key={r.raceId}>
                  <Link to={`${base}/races/${r.raceId}`}>{r.raceLabel}</Link>
                  <ul>
                    {r.candidates.map((c) => (
                      <li key={c.id}>
                        {c.name}: {c.partners.join(", ")}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {splitRacesTotal > splitRaces.length ? (
            <p className="hint">
              {splitRaces.length} of {splitRacesTotal} split races shown, by state and district. <Link to={`${base}/races`}>All races</Link>
            </p>
          ) : null}
          <p className="hint">Unity, not unanimity: each partner keeps its own stance. This list is for the facilitator's attention.</p>
        </section>
      </div>
      <section aria-labelledby="subs">
        <h2 id="subs">Sub-tables</h2>
        {subTables.length === 0 ? (
          <p className="empty">No sub-table has formed yet.</p>
        ) : (
          <ul className="history card">
            {subTables.map((s) => (
              <li key={s.id}>
                <Link to={`${base}/sub-tables/${s.id}`}>{s.candidateName}</Link> <span className="muted">· {s.raceState}{s.raceDistrict ? `-${s.raceDistrict}` : ""}</span>{" "}
                <CountOf count={s.memberCount} threshold={s.threshold} /> <SubTableStatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        )}
        {subTablesTotal > subTables.length ? (
          <p className="hint">
            {subTables.length} of {subTablesTotal} shown, soonest primary first. <Link to={`${base}/sub-tables`}>All {subTablesTotal} sub-tables</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="over-time">
        <h2 id="over-time">Endorsements over time</h2>
        <EndorsementsChart data={timeline} title="National partners' endorsements standing, by decision date" />
      </section>
      <section aria-labelledby="newest">
        <h2 id="newest">Newest stances</h2>
        {newest.length === 0 ? (
          <p className="empty">No stance recorded yet.</p>
        ) : (
          <ul className="history card">
            {newest.map((e) => (
              <li key={e.id}>
                <strong>{e.affiliateName ?? e.partnerShortName}</strong> <StanceBadge stance={e.stance} />{" "}
                <Link to={`${base}/candidates/${e.candidateId}`}>{e.candidateName}</Link>{" "}
                <span className="muted">· {formatDate(e.decidedOn)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
