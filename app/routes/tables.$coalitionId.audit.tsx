import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/form";
import { Pager } from "~/components/pager";
import { AUDIT_DECISIONS, AUDIT_DEFAULT_DAYS, auditWindow } from "~/domain/audit-trail";
import { formatDate } from "~/domain/dates";
import { pageSize, readCursor } from "~/domain/keyset";
import { listMemberAudit, memberPeople } from "~/models/audit.server";
import { listPartners } from "~/models/partners.server";
import { raceChoices } from "~/models/races.server";
import { memberAuditAccess } from "~/server/guards/audit-access.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, counselOf, filter } = await memberAuditAccess(args);
    const db = getDb();
    const url = new URL(args.request.url);
    const window = auditWindow(filter, today());
    const page = listMemberAudit(db, user, { ...filter, from: window.from, to: window.to, cursor: readCursor(url), limit: pageSize(url) });
    return {
      coalitionId,
      filter,
      window,
      members: listPartners(db, user, { coalitionId }).filter((p) => counselOf.includes(p.id)),
      people: memberPeople(db, user, { partnerId: filter.partnerId }),
      races: raceChoices(db, user, { coalitionId }),
      rows: page.rows,
      prev: page.prev,
      next: page.next,
    };
  });
}

export default function AuditTrail() {
  const { coalitionId, filter, window, members, people, races, rows, prev, next } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const csvSearch = (() => {
    const q = new URLSearchParams(search);
    q.delete("page");
    q.delete("size");
    const s = q.toString();
    return s ? `?${s}` : "";
  })();
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
        <FilterSelect name="decision" label="Decision" value={filter.decision} allLabel="Any decision" options={AUDIT_DECISIONS.map((d) => ({ value: d, label: d }))} />
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
      <p className="hint" id="audit-window">
        {window.defaulted
          ? `Showing the last ${AUDIT_DEFAULT_DAYS} days (from ${formatDate(window.from)}${window.to ? ` to ${formatDate(window.to)}` : ""}); set From for earlier rows.`
          : `Showing rows from ${formatDate(window.from)}${window.to ? ` to ${formatDate(window.to)}` : " on"}.`}
      </p>
      <p>
        <a href={`/tables/${coalitionId}/audit.csv${csvSearch}`} download>
          Export these rows as CSV
        </a>{" "}
        <span className="hint">(every row the filters match in this window, not only this page)</span>
      </p>
      {rows.length === 0 ? (
        <p className="empty">No rows match.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
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
      <Pager prev={prev} next={next} shown={rows.length} noun="audit rows" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
