import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CountOf, StanceBadge, SubTableStatusBadge } from "~/components/badges";
import { EndorsementsChart } from "~/components/charts/endorsements-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/domain/dates";
import { getTableHome, tableCounts } from "~/models/table-picture.server";
import { counselHome, leadHome, representativeHome } from "~/models/role-homes.server";
import { CounselHomeView, LeadHomeView, RepresentativeHomeView, TableNumbers } from "~/components/role-homes";
import { HOME_ROLE_LABELS, homeRole, homeRoles, REFUSAL_DAYS, WALL_SOON_DAYS } from "~/domain/homes";
import { shiftCard, type ShiftView } from "~/domain/field-views";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { tableAccess } from "~/server/guards/auth.server";
import { handle } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, coalition } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const now = new Date();
    const day = today(now);
    const held = homeRoles(user, coalitionId);
    const role = homeRole(held, new URL(request.url).searchParams.get("as"));
    const input = { coalitionId, today: day, now };
    const cards = (rows: ShiftView[]) => rows.map(shiftCard);
    const rep = role === "partner_rep" ? representativeHome(db, user, { ...input, threshold: coalition.threshold }) : null;
    const lead = role === "affiliate_lead" ? leadHome(db, user, input) : null;
    return {
      role,
      held,
      coalition: { id: coalition.id, name: coalition.name, threshold: coalition.threshold },
      // the facilitator's home (and the home of someone with no role here): the table's whole picture
      table: role === "facilitator" || role === null ? getTableHome(db, user, { coalitionId, today: day }) : null,
      counts: role === "facilitator" || role === null ? null : tableCounts(db, user, { coalitionId, today: day }),
      rep: rep ? { ...rep, shifts: cards(rep.shifts) } : null,
      lead: lead ? { ...lead, shifts: cards(lead.shifts) } : null,
      counsel: role === "counsel" ? counselHome(db, user, input) : null,
    };
  });
}

export default function TableHome() {
  const d = useLoaderData<typeof loader>();
  const base = `/tables/${d.coalition.id}`;
  return (
    <>
      <h1>{d.coalition.name}</h1>
      {d.held.length > 1 ? (
        <nav className="role-switch" aria-label="Your roles at this table">
          Home as:{" "}
          {d.held.map((r, i) => (
            <span key={r}>
              {i > 0 ? " · " : null}
              {r === d.role ? <strong aria-current="page">{HOME_ROLE_LABELS[r]}</strong> : <Link to={`${base}?as=${r}`}>{HOME_ROLE_LABELS[r]}</Link>}
            </span>
          ))}
        </nav>
      ) : null}
      {d.table ? <FacilitatorHome home={d.table} /> : null}
      {d.rep ? <RepresentativeHomeView base={base} coalitionId={d.coalition.id} threshold={d.coalition.threshold} {...d.rep} /> : null}
      {d.lead ? <LeadHomeView base={base} coalitionId={d.coalition.id} {...d.lead} /> : null}
      {d.counsel ? <CounselHomeView base={base} refusalDays={REFUSAL_DAYS} wallDays={WALL_SOON_DAYS} {...d.counsel} /> : null}
      {d.counts ? (
        <section aria-labelledby="the-table">
          <h2 id="the-table">The table</h2>
          <TableNumbers counts={d.counts} />
          <p>
            <Link to={`${base}/matrix`}>The endorsement matrix</Link> · <Link to={`${base}/races`}>Races</Link> · <Link to={`${base}/sub-tables`}>Sub-tables</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}

/** The facilitator's home (issue 11's, kept): nearing critical mass, split races, sub-tables, the timeline, newest stances. */
function FacilitatorHome({ home }: { home: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["table"]> }) {
  const { coalition, counts, nearing, nearingTotal, splitRaces, splitRacesTotal, subTables, subTablesTotal, newest, timeline } = home;
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <TableNumbers counts={counts} />
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
