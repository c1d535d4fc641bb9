import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { CREDIT_LABELS, type CreditFigures } from "~/domain/credit";
import { formatDate } from "~/domain/dates";
import { STANCE_LABELS } from "~/domain/critical-mass";
import type { Stance } from "~/domain/vocabulary";
import { creditReport } from "~/server/guards/credit-access.server";
import { handle } from "~/server/http.server";

/** A sub-table's credit report: the facilitator's, and its member partners' representatives'. Printable. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(() => creditReport(args));
}

const hours = (pledged: number, delivered: number, share: number | null) => `${delivered} of ${pledged}${share === null ? "" : ` (${Math.round(share * 100)}%)`}`;

function Figures({ f }: { f: CreditFigures & { deliveredShare?: number | null } }) {
  return (
    <>
      <td>{f.shiftsHosted}</td>
      <td>{f.shiftsCoHosted}</td>
      <td>
        {f.recruited}
        {f.walkIns ? <span className="muted"> ({f.walkIns} walk-in{f.walkIns > 1 ? "s" : ""})</span> : null}
      </td>
      <td>{hours(f.hoursPledgedToDate, f.hoursDelivered, f.deliveredShare ?? null)}</td>
      <td className="hide-narrow">{f.doors}</td>
      <td className="hide-narrow">{f.calls}</td>
      <td className="hide-narrow">{f.texts}</td>
    </>
  );
}

function Head({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{CREDIT_LABELS.shiftsHosted}</th>
        <th scope="col">{CREDIT_LABELS.shiftsCoHosted}</th>
        <th scope="col">{CREDIT_LABELS.recruited}</th>
        <th scope="col">Hours delivered of pledged to date</th>
        <th scope="col" className="hide-narrow">{CREDIT_LABELS.doors}</th>
        <th scope="col" className="hide-narrow">{CREDIT_LABELS.calls}</th>
        <th scope="col" className="hide-narrow">{CREDIT_LABELS.texts}</th>
      </tr>
    </thead>
  );
}

export default function CreditReport() {
  const d = useLoaderData<typeof loader>();
  const base = `/tables/${d.coalitionId}`;
  const s = d.subTable;
  const csv = `${base}/credit/${s.id}.csv${d.partnerId ? `?partner=${d.partnerId}` : ""}`;
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to={`${base}/sub-tables`}>Sub-tables</Link> › <Link to={`${base}/sub-tables/${s.id}`}>Sub-table for {s.candidateName}</Link>
      </p>
      <h1>Credit: sub-table for {s.candidateName}</h1>
      <p className="muted">
        {s.office}, {s.state}
        {s.district ? `-${s.district}` : ""} · {s.programName ? `program ${s.programName}` : "no field program"} · as of {formatDate(d.today)}
      </p>
      <p className="hint">
        Who endorsed and when, and what each affiliate did in the program. Cancelled shifts count for nothing; volunteers are credited to the affiliate that recruited them, walk-ins
        included; hours delivered are the attended sign-ups' shift hours, against the hours pledged for weeks begun so far.
      </p>
      <p className="actions no-print">
        <a href={csv} download>
          Download as CSV
        </a>
        {d.partnerId ? <Link to={`${base}/credit/${s.id}`}>Every partner</Link> : null}
      </p>
      <h2>Per partner</h2>
      {d.partners.length === 0 ? (
        <p className="empty">Nothing to credit yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Credit per partner, scrollable">
          <table aria-label="Credit per partner">
            <Head first="Partner" />
            <tbody>
              {d.partners.map((p) => (
                <tr key={p.partnerId}>
                  <th scope="row">
                    {p.partnerName}
                    <br />
                    <span className="muted">
                      {p.endorsedOn ? `endorsed ${formatDate(p.endorsedOn)}` : "no endorsement"}
                      {p.stance && p.stance !== "endorsed" ? ` · now ${STANCE_LABELS[p.stance as Stance].toLowerCase()}` : ""}
                    </span>
                    <br />
                    <Link className="no-print" to={`?partner=${p.partnerId}`}>
                      Only this partner<span className="visually-hidden"> ({p.partnerName})</span>
                    </Link>
                  </th>
                  <Figures f={p} />
                </tr>
              ))}
              {d.partnerId ? null : (
                <tr>
                  <th scope="row">Sub-table total</th>
                  <Figures f={d.total} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <h2>Per affiliate</h2>
      {d.partners.every((p) => p.affiliates.length === 0) ? (
        <p className="empty">No affiliate has pledged, hosted or recruited in this sub-table's program yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Credit per affiliate, scrollable">
          <table aria-label="Credit per affiliate">
            <Head first="Affiliate" />
            <tbody>
              {d.partners.flatMap((p) =>
                p.affiliates.map((a) => (
                  <tr key={a.affiliateId}>
                    <th scope="row">
                      {a.affiliateName} <span className="muted">({p.partnerName})</span>
                    </th>
                    <Figures f={{ ...a, deliveredShare: a.hoursPledgedToDate > 0 ? a.hoursDelivered / a.hoursPledgedToDate : null }} />
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
