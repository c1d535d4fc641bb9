import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AttendanceChart, HealthBarChart } from "~/components/charts/health-charts";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/domain/dates";
import { getTableHealth } from "~/models/health.server";
import { tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";
import { staleConcernCount } from "~/models/concerns.server";
import { CONCERN_STALE_DAYS } from "~/domain/concerns";
import { actingWithoutNoticeRows } from "~/models/notices.server";
import { ActingWithoutNotice } from "~/components/health-voice";

/** The table's health, for its facilitator: charts, or the same as lists (?view=list). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.manage");
    const list = new URL(request.url).searchParams.get("view") === "list";
    const db = getDb();
    // the members' own voice (issue 17): concerns left open longer than two weeks
    const staleConcerns = staleConcernCount(db, user, { coalitionId, today: today() });
    const withoutNotice = actingWithoutNoticeRows(db, user, { coalitionId, today: today() });
    return { coalitionId, list, ...getTableHealth(db, user, { coalitionId, today: today() }), staleConcerns, withoutNotice };
  });
}

function pct(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}

export default function Health() {
  const h = useLoaderData<typeof loader>();
  const base = `/tables/${h.coalitionId}`;
  const partnerNames = h.attendance.totals.map((t) => t.shortName);
  const overdueCount = h.overdue.reduce((n, g) => n + g.items.length, 0);
  return (
    <>
      <h1>Health of the table</h1>
      <p className="hint">
        As of {formatDate(h.today)}. Quiet: no attendance and no stance change in {h.quietDays} days or more. Pledges not delivered: less than {Math.round(h.deliveryFloor * 100)}% of the
        hours pledged for weeks that have ended were worked at attended shifts.
      </p>
      <nav className="actions" aria-label="How to show it">
        {h.list ? <Link to={`${base}/health`}>Show charts</Link> : <Link to={`${base}/health?view=list`}>Show as lists</Link>}
      </nav>
      <ul className="stats" aria-label="Summary">
        <li>
          <span className="n">{h.meetingsHeld}</span> <span className="l">meetings held</span>
        </li>
        <li>
          <span className="n">{h.quiet.length}</span> <span className="l">quiet partners</span>
        </li>
        <li>
          <span className="n">{overdueCount}</span> <span className="l">overdue action items</span>
        </li>
        <li>
          <span className="n">{h.behind.length}</span> <span className="l">sub-tables behind on pledges</span>
        </li>
        <li>
          <span className="n">{h.staleConcerns}</span>{" "}
          <span className="l">
            <Link to={`${base}/concerns?status=open`}>concerns open over {CONCERN_STALE_DAYS} days</Link>
          </span>
        </li>
        <li>
          <span className="n">{h.withoutNotice.length}</span>{" "}
          <span className="l">
            <a href="#without-notice">acts without notice</a>
          </span>
        </li>
      </ul>
      <ActingWithoutNotice base={base} rows={h.withoutNotice} />

      <section aria-labelledby="overdue">
        <h2 id="overdue">Overdue action items</h2>
        {h.overdue.length === 0 ? (
          <p className="empty">Nothing overdue.</p>
        ) : (
          <>
            {!h.list ? (
              <HealthBarChart
                title="Overdue action items per owner"
                testId="overdue-chart"
                data={h.overdue.map((g) => ({ label: g.ownerName, overdue: g.items.length }))}
                series={[{ key: "overdue", label: "Overdue", color: "#b91c1c" }]}
              />
            ) : null}
            <ul className="history" data-testid="overdue-list">
              {h.overdue.map((g) => (
                <li key={g.ownerKey}>
                  <strong>{g.ownerName}</strong>: {g.items.length} overdue, up to {g.daysLate} {g.daysLate === 1 ? "day" : "days"} late
                  <ul>
                    {g.items.map((i) => (
                      <li key={i.id}>
                        {i.text} <span className="badge overdue">Overdue</span> <span className="muted">due {formatDate(i.dueDate)} ·</span>{" "}
                        <Link to={`${base}/meetings/${i.meetingId}#actions`}>{i.meetingTitle}</Link>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="quiet">
        <h2 id="quiet">Partners gone quiet</h2>
        {h.quiet.length === 0 ? (
          <p className="empty">No partner has gone quiet.</p>
        ) : (
          <ul className="history" data-testid="quiet-list">
            {h.quiet.map((p) => (
              <li key={p.partnerId}>
                <Link to={`${base}/partners/${p.partnerId}`}>{p.name}</Link> <span className="muted">({p.shortName})</span>: last attended{" "}
                {p.lastAttended ? formatDate(p.lastAttended) : "never"}, last stance change {p.lastStance ? formatDate(p.lastStance) : "never"}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="pledges">
        <h2 id="pledges">Pledges and delivery by sub-table</h2>
        {h.pledges.length === 0 ? (
          <p className="empty">No sub-table has a field program with pledges yet.</p>
        ) : (
          <>
            {!h.list ? (
              <HealthBarChart
                title="Hours pledged and delivered, weeks ended"
                testId="pledges-chart"
                data={h.pledges.map((p) => ({ label: p.candidateName, pledged: p.pledged, delivered: p.delivered }))}
                series={[
                  { key: "pledged", label: "Pledged", color: "#94a3b8" },
                  { key: "delivered", label: "Delivered", color: "#15803d" },
                ]}
              />
            ) : null}
            <div className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Sub-table</th>
                    <th scope="col">Pledged hours</th>
                    <th scope="col">Delivered</th>
                    <th scope="col">Share</th>
                    <th scope="col">Behind (affiliates)</th>
                  </tr>
                </thead>
                <tbody>
                  {h.pledges.map((p) => (
                    <tr key={p.subTableId}>
                      <td>
                        <Link to={`${base}/sub-tables/${p.subTableId}`}>{p.candidateName}</Link> <span className="muted">{p.raceLabel}</span>
                        {p.behind ? <span className="badge overdue"> Not delivering</span> : null}
                      </td>
                      <td>{p.pledged}</td>
                      <td>{p.delivered}</td>
                      <td>{pct(p.share)}</td>
                      <td>
                        {p.affiliates
                          .filter((a) => a.behind)
                          .map((a) => `${a.name} (${a.delivered} of ${a.pledged})`)
                          .join("; ") || "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="attendance">
        <h2 id="attendance">Attendance</h2>
        {!h.list ? <AttendanceChart rows={h.attendance.rows} partners={partnerNames} /> : null}
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Invited</th>
                <th scope="col">Attended</th>
                <th scope="col">Last attended</th>
                <th scope="col">Last stance change</th>
              </tr>
            </thead>
            <tbody>
              {h.partners.map((p) => {
                const t = h.attendance.totals.find((x) => x.partnerId === p.partnerId);
                return (
                  <tr key={p.partnerId}>
                    <td>
                      {p.shortName}
                      {p.quiet ? <span className="badge status-below_critical_mass"> Quiet</span> : null}
                    </td>
                    <td>{t?.invited ?? 0}</td>
                    <td>{t?.attended ?? 0}</td>
                    <td>{p.lastAttended ? formatDate(p.lastAttended) : "never"}</td>
                    <td>{p.lastStance ? formatDate(p.lastStance) : "never"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
