import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CountOf, StanceBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor, FilterSelect } from "~/components/form";
import { StanceForm } from "~/components/stance-form";
import { StanceRecordedNotice } from "~/components/stance-notice";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { MATRIX_STATUSES, MATRIX_STATUS_LABELS, type MatrixStatus } from "~/domain/matrix";
import { getMatrix } from "~/models/table-picture.server";
import { today } from "~/server/clock.server";
import { requireUser, tableAccess } from "~/server/guards/auth.server";
import { can, recordablePartners } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, intQuery, readForm, redirect } from "~/server/http.server";
import { submitStance } from "~/server/guards/stance-action.server";

function readFilter(url: URL) {
  const status = url.searchParams.get("status");
  return {
    state: (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || null,
    raceId: intQuery(url, "race"),
    status: (MATRIX_STATUSES as readonly string[]).includes(status ?? "") ? (status as MatrixStatus) : null,
  };
}

function filterQuery(url: URL): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of ["state", "race", "status"]) {
    const v = url.searchParams.get(k);
    if (v) out.set(k, v);
  }
  return out;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const url = new URL(request.url);
    const filter = readFilter(url);
    const matrix = getMatrix(db, user, { coalitionId, today: today(), ...filter });
    const recordable = recordablePartners(user, coalitionId, matrix.partners.map((p) => p.id));
    const cellMatch = /^(\d+)-(\d+)$/.exec(url.searchParams.get("cell") ?? "");
    let cell = null;
    if (cellMatch) {
      const row = matrix.rows.find((r) => r.id === Number(cellMatch[1]));
      const partner = matrix.partners.find((p) => p.id === Number(cellMatch[2]));
      if (row && partner && recordable.includes(partner.id)) {
        cell = {
          candidate: { id: row.id, name: row.name, raceLabel: row.raceLabel },
          partner,
          current: row.stances[partner.id] ?? null,
          canPrivate: can(user, { action: "stance.private", partnerId: partner.id }).ok,
        };
      }
    }
    return { ...matrix, filter, cell, recordable, today: today() };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const outcome = submitStance(db, user, coalitionId, values, context);
    if (!outcome.ok) return outcome.response;
    const back = filterQuery(new URL(request.url));
    for (const [k, v] of outcome.params) back.set(k, v);
    return redirect(`/tables/${coalitionId}/matrix?${back}`);
  });
}

export default function Matrix() {
  const { coalition, partners, rows, races, states, filter, cell, recordable, today: day, splitRaceIds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const base = `/tables/${coalition.id}`;
  const cellHref = (candidateId: number, partnerId: number) => {
    const q = new URLSearchParams();
    for (const k of ["state", "race", "status"]) {
      const v = search.get(k);
      if (v) q.set(k, v);
    }
    q.set("cell", `${candidateId}-${partnerId}`);
    return `?${q}#cell-editor`;
  };
  const closeHref = () => {
    const q = new URLSearchParams(search);
    q.delete("cell");
    return `?${q}`;
  };
  return (
    <>
      <h1>Endorsement matrix</h1>
      <StanceRecordedNotice coalitionId={coalition.id} />
      <Form method="get" className="filters" aria-label="Filter the matrix">
        <FilterSelect name="state" label="State" value={filter.state} allLabel="All states" options={states} />
        <FilterSelect name="race" label="Race" value={filter.raceId} allLabel="All races" options={races.map((r) => ({ value: r.id, label: r.label }))} />
        <FilterSelect name="status" label="Status" value={filter.status} allLabel="Any status" options={MATRIX_STATUSES.map((s) => ({ value: s, label: MATRIX_STATUS_LABELS[s] }))} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {cell ? (
        <section className="card cell-editor" id="cell-editor" aria-labelledby="cell-title">
          <h2 id="cell-title" style={{ marginTop: 0 }}>
            {cell.partner.shortName} on {cell.candidate.name}
          </h2>
          <p className="muted">
            {cell.candidate.raceLabel} · {cell.partner.name} ({LEGAL_TYPE_LABELS[cell.partner.legalType]}) · now: {cell.current ? STANCE_LABELS[cell.current] : "no stance"}
          </p>
          <StanceForm
            key={`${cell.candidate.id}-${cell.partner.id}-${cell.current}`}
            candidateId={cell.candidate.id}
            partner={cell.partner}
            current={cell.current}
            canPrivate={cell.canPrivate}
            today={day}
            state={stateFor(actionData, "stance")}
          />
          <p>
            <Link to={closeHref()}>Close</Link>
          </p>
        </section>
      ) : (
        <p className="hint">
          {recordable.length === partners.length
            ? "Choose a cell to record that partner's stance on that candidate."
            : recordable.length > 0
              ? "Choose a cell in your partner's column to record its stance. Other partners' stances are theirs to record."
              : "You can read the matrix; stances are recorded by each partner's representative or the facilitator."}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="empty">No candidates match these filters.</p>
      ) : (
        <div className="table-scroll">
          <table className="matrix">
            <caption className="visually-hidden">Candidates down, partners across, sorted by endorsement count</caption>
            <thead>
              <tr>
                <th scope="col" className="sticky">
                  Candidate
                </th>
                <th scope="col">Endorsing</th>
                {partners.map((p) => (
                  <th key={p.id} scope="col" className="partner-col">
                    <abbr title={`${p.name} (${LEGAL_TYPE_LABELS[p.legalType]})`}>{p.shortName}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="sticky">
                    <Link to={`${base}/candidates/${r.id}`}>{r.name}</Link>
                    <div className="muted" style={{ fontSize: ".8rem" }}>
                      {r.raceLabel}
                      {splitRaceIds.includes(r.raceId) ? <span className="badge status-below_critical_mass"> split race</span> : null}
                    </div>
                  </th>
                  <td>
                    <CountOf count={r.count} threshold={coalition.threshold} />
                  </td>
                  {partners.map((p) => {
                    const selected = cell?.candidate.id === r.id && cell.partner.id === p.id;
                    if (!recordable.includes(p.id)) {
                      return (
                        <td key={p.id} className="cell readonly">
                          <span aria-label={`${p.shortName} on ${r.name}: ${r.stances[p.id] ? STANCE_LABELS[r.stances[p.id]] : "no stance"}`}>
                            <StanceBadge stance={r.stances[p.id]} />
                          </span>
                        </td>
                      );
                    }
                    return (
                      <td key={p.id} className={`cell${selected ? " selected" : ""}`}>
                        <Link
                          to={cellHref(r.id, p.id)}
                          preventScrollReset
                          aria-label={`${p.shortName} on ${r.name}: ${r.stances[p.id] ? STANCE_LABELS[r.stances[p.id]] : "no stance"}. Record a stance.`}
                          data-cell={`${r.id}-${p.id}`}
                        >
                          <StanceBadge stance={r.stances[p.id]} />
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
