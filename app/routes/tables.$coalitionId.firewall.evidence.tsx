import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { auditWindow } from "~/domain/audit-trail";
import { listPartners } from "~/models/partners.server";
import { raceChoices } from "~/models/races.server";
import { counselPartners } from "~/server/guards/audit-access.server";
import { tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, intQuery } from "~/server/http.server";

/** The evidence packet's page (issue 18): counsel chooses member, race and period, and downloads the ZIP. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const mine = counselPartners(user);
    const members = mine.length ? listPartners(db, user, { coalitionId }).filter((p) => mine.includes(p.id)).map((p) => ({ id: p.id, name: p.name })) : [];
    const url = new URL(request.url);
    const window = auditWindow({}, today());
    return {
      coalitionId,
      members,
      races: members.length ? raceChoices(db, user, { coalitionId }) : [],
      race: intQuery(url, "race"),
      from: window.from,
      to: today(),
    };
  });
}

export default function EvidencePacket() {
  const { coalitionId, members, races, race, from, to } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/firewall`}>Firewall</Link>
      </p>
      <h1>Evidence packet</h1>
      <p className="hint">
        The firewall safe harbor of 11 CFR 109.21(h) turns on whether a firewall was in writing, distributed and kept. The packet shows it for
        one member, for a race or for all races over a period: the policy versions in force with each person's acknowledgment date (and who
        never acknowledged), the wall roster and campaign contacts touching the race, the vendors used and their policies, and every firewall
        decision about the member's people from the audit log, with the hash-chain links that prove the rows are the log's own. It holds a
        print-friendly summary (summary.html), CSV and JSON files, and a verifier: unzip it and run <code>node verify.mjs</code> (Node only,
        nothing else) to re-check it offline. Only the member's counsel may download it, and each download is written to the audit log. This is
        not legal advice.
      </p>
      {members.length === 0 ? (
        <p className="empty">Only a member's compliance counsel downloads its evidence packet.</p>
      ) : (
        <Form method="get" action={`/tables/${coalitionId}/evidence.zip`} reloadDocument className="card stack" aria-label="Download the evidence packet">
          <div className="field">
            <label htmlFor="packet-member">Member</label>
            <select id="packet-member" name="partner" defaultValue={members[0].id}>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="packet-race">Race</label>
            <select id="packet-race" name="race" defaultValue={race ?? ""}>
              <option value="">All races</option>
              {races.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor="packet-from">From</label>
              <input id="packet-from" type="date" name="from" defaultValue={from} required />
            </div>
            <div className="field">
              <label htmlFor="packet-to">To</label>
              <input id="packet-to" type="date" name="to" defaultValue={to} required />
            </div>
          </div>
          <p className="hint">Days are UTC, both included. The packet is streamed: a long period takes a moment.</p>
          <button type="submit">Download the packet (ZIP)</button>
        </Form>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
