import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/form";
import { MatrixGrid } from "~/components/matrix-grid";
import { Pager } from "~/components/pager";
import { StanceForm } from "~/components/stance-form";
import { StanceRecordedNotice } from "~/components/stance-notice";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { MATRIX_FILTER_PARAMS, MATRIX_STATUSES, MATRIX_STATUS_LABELS, readMatrixFilter, stanceCodes } from "~/domain/matrix";
import { readCursor, pageSize } from "~/domain/keyset";
import { getMatrix } from "~/models/table-picture.server";
import { today } from "~/server/clock.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { can, recordablePartners } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused } from "~/server/http.server";
import { candidateProcessForm } from "~/domain/processes";
import { processesOfCandidates, recordCandidateProcess, stepsOfPartners } from "~/models/processes.server";
import { ProcessForm } from "~/components/process-form";
import { submitStance } from "~/server/guards/stance-action.server";

/** Candidates per page: 50 rows of up to 60 partners' cells keep the page well under 200 KB. */
const MATRIX_PAGE = 50;

const FILTER_KEYS = MATRIX_FILTER_PARAMS;

/** The filters of a matrix URL, to carry to the stance redirect, the pager and the CSV link. */
function filterQuery(url: URL): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) {
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
    const filter = readMatrixFilter(url.searchParams);
    const matrix = getMatrix(db, user, { coalitionId, today: today(), ...filter, cursor: readCursor(url), limit: pageSize(url, 200, MATRIX_PAGE) });
    const recordable = recordablePartners(user, coalitionId, matrix.partners.map((p) => p.id));
    const privatePartners = recordable.filter((id) => can(user, { action: "stance.private", partnerId: id }).ok);
    // ?cell=candidate-partner: the editor of one cell; ?cell=candidate: of the candidate's row, choosing
    // among the partners this person may record (the no-JavaScript path; the page opens the cell in place)
    const cellMatch = /^(\d+)(?:-(\d+))?$/.exec(url.searchParams.get("cell") ?? "");
    let cell = null;
    if (cellMatch) {
      const row = matrix.rows.find((r) => r.id === Number(cellMatch[1]));
      const partnerId = cellMatch[2] ? Number(cellMatch[2]) : recordable.length === 1 ? recordable[0] : null;
      const partner = partnerId === null ? null : (matrix.partners.find((p) => p.id === partnerId) ?? undefined);
      if (row && partner !== undefined && (partner === null ? recordable.length > 0 : recordable.includes(partner.id))) {
        cell = {
          candidate: { id: row.id, name: row.name, raceLabel: row.raceLabel },
          partner,
          choices: partner ? [] : matrix.partners.filter((p) => recordable.includes(p.id)).map((p) => ({ id: p.id, name: p.name, shortName: p.shortName })),
          current: partner ? (row.stances[partner.id] ?? null) : null,
          canPrivate: partner ? privatePartners.includes(partner.id) : false,
        };
      }
    }
    // only what the page shows: a page of the matrix stays small (DESIGN.md "Scale")
    // (a row's stances as one letter per partner column: app/domain/matrix.ts stanceCodes)
    const partnerIds = matrix.partners.map((p) => p.id);
    // each partner's own process (issue 17): the step each cell has reached, one statement for the page;
    // the steps and current values of the partners this person keeps the process of, for the cell's editor
    const processPartners = partnerIds.filter((partnerId) => can(user, { action: "process.record", coalitionId, partnerId }).ok);
    const cellProcesses = processesOfCandidates(db, user, { candidateIds: matrix.rows.map((r) => r.id) });
    const stepLabels = new Map<number, Record<number, string>>();
    const ownProcesses: Record<string, { stepId: number | null; expectedOn: string | null }> = {};
    for (const cp of cellProcesses) {
      if (cp.label) stepLabels.set(cp.candidateId, { ...stepLabels.get(cp.candidateId), [cp.partnerId]: cp.label });
      if (processPartners.includes(cp.partnerId)) ownProcesses[`${cp.candidateId}-${cp.partnerId}`] = { stepId: cp.stepId, expectedOn: cp.expectedOn };
    }
    const processSteps: Record<number, { id: number; label: string }[]> = Object.fromEntries(processPartners.map((id) => [id, []]));
    for (const st of stepsOfPartners(db, user, { partnerIds: processPartners })) processSteps[st.partnerId].push({ id: st.id, label: st.label });
    const rows = matrix.rows.map((r) => ({
      id: r.id,
      name: r.name,
      raceId: r.raceId,
      raceLabel: r.raceLabel,
      cells: stanceCodes(r.stances, partnerIds),
      // ranked endorsements past the first, by partner (issue 13): "ranked 2nd" in the cell
      ...(Object.values(r.ranks).some((k) => k > 1) ? { ranks: Object.fromEntries(Object.entries(r.ranks).filter(([, k]) => k > 1)) } : {}),
      count: r.count,
      needed: r.needed,
      steps: stepLabels.get(r.id) ?? {},
    }));
    return {
      coalition: { id: matrix.coalition.id, name: matrix.coalition.name, threshold: matrix.coalition.threshold },
      partners: matrix.partners,
      rows,
      total: matrix.total,
      next: matrix.next,
      prev: matrix.prev,
      states: matrix.states,
      races: matrix.races,
      splitRaceIds: matrix.splitRaceIds,
      filter,
      cell,
      recordable,
      privatePartners,
      processSteps,
      ownProcesses,
      today: today(),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    if (values.intent === "process") {
      // a partner's own endorsement process: where this candidate stands in it (issue 17)
      const parsed = parse(candidateProcessForm, values);
      if (!parsed.ok) return invalid("process", parsed.errors, parsed.values);
      requirePermission(user, { action: "process.record", coalitionId, partnerId: parsed.data.partnerId }, context, db);
      const recorded = recordCandidateProcess(db, user, { coalitionId, ...parsed.data });
      if (!recorded.ok) return refused("process", recorded, values, 400, request);
      if (values.inplace === "1") return { intent: "process" as const, ok: true as const, stepLabel: recorded.stepLabel };
      const back = filterQuery(new URL(request.url));
      back.set("cell", `${parsed.data.candidateId}-${parsed.data.partnerId}`);
      back.set("process", "saved");
      return redirect(`/tables/${coalitionId}/matrix?${back}#cell-editor`);
    }
    // a refusal for want of an acknowledgment (F6) comes back to this cell's editor with what was typed
    const cellOf = /^\d+$/.test(String(values.candidateId)) && /^\d+$/.test(String(values.partnerId)) ? `${values.candidateId}-${values.partnerId}` : null;
    const cellPage = new URL(request.url);
    if (cellOf) cellPage.searchParams.set("cell", cellOf);
    const outcome = submitStance(db, user, coalitionId, values, context, undefined, `${cellPage.pathname}${cellPage.search}`);
    if (!outcome.ok) return outcome.response;
    // recorded in place (the cell's fetcher): answer with what happened; the fetcher revalidates the page
    if (values.inplace === "1") {
      const { event, subTable } = outcome.result;
      return {
        intent: "stance" as const,
        ok: true as const,
        candidateId: event.candidateId,
        partnerId: event.partnerId,
        stance: event.stance,
        subtable: subTable.kind !== "none" && subTable.subCoalitionId ? subTable.kind : null,
        sub: subTable.kind !== "none" && subTable.subCoalitionId ? subTable.subCoalitionId : null,
      };
    }
    const back = filterQuery(new URL(request.url));
    const page = new URL(request.url).searchParams.get("page");
    if (page) back.set("page", page);
    for (const [k, v] of outcome.params) back.set(k, v);
    return redirect(`/tables/${coalitionId}/matrix?${back}`);
  });
}

export default function Matrix() {
  const data = useLoaderData<typeof loader>();
  const { coalition, partners, rows, races, states, filter, cell, recordable, today: day } = data;
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const filters = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (v) filters.set(k, v);
  }
  // the no-JavaScript "Record a stance" links keep the filters and the page, so the row is on the page they render
  const carry = new URLSearchParams(filters);
  for (const k of ["page", "size"]) {
    const v = search.get(k);
    if (v) carry.set(k, v);
  }
  const closeHref = () => {
    const q = new URLSearchParams(search);
    q.delete("cell");
    return `?${q}`;
  };
  const csv = `/tables/${coalition.id}/matrix.csv${filters.size ? `?${filters}` : ""}`;
  return (
    <>
      <h1 id="matrix-title">Endorsement matrix</h1>
      <StanceRecordedNotice coalitionId={coalition.id} />
      <Form method="get" className="filters" aria-label="Filter the matrix">
        <FilterSelect name="state" label="State" value={filter.state} allLabel="All states" options={states} />
        {filter.state ? <FilterSelect name="race" label="Race" value={filter.raceId} allLabel="All races in the state" options={races.map((r) => ({ value: r.id, label: r.label }))} /> : null}
        <FilterSelect name="status" label="Status" value={filter.status} allLabel="Any status" options={MATRIX_STATUSES.map((s) => ({ value: s, label: MATRIX_STATUS_LABELS[s] }))} />
        <div className="field">
          <label htmlFor="matrix-q">Candidate name</label>
          <input id="matrix-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} autoComplete="off" />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <p className="matrix-tools">
        <a href={csv} download>
          Download CSV
        </a>
        <span className="hint"> of the {data.total.toLocaleString("en-US")} candidates these filters match</span>
      </p>
      {cell ? (
        <section className="card cell-editor" id="cell-editor" aria-labelledby="cell-title">
          <h2 id="cell-title" style={{ marginTop: 0 }}>
            {cell.partner ? `${cell.partner.shortName} on ${cell.candidate.name}` : `A stance on ${cell.candidate.name}`}
          </h2>
          <p className="muted">
            {cell.partner
              ? `${cell.candidate.raceLabel} · ${cell.partner.name} (${LEGAL_TYPE_LABELS[cell.partner.legalType]}) · now: ${cell.current ? STANCE_LABELS[cell.current] : "no stance"}`
              : cell.candidate.raceLabel}
          </p>
          <StanceForm
            key={`${cell.candidate.id}-${cell.partner?.id}-${cell.current}`}
            candidateId={cell.candidate.id}
            partner={cell.partner ?? undefined}
            partners={cell.partner ? undefined : cell.choices}
            current={cell.current}
            canPrivate={cell.canPrivate}
            today={day}
            actionData={actionData}
          />
          {cell.partner && data.processSteps[cell.partner.id] ? (
            <>
              <h3>{cell.partner.shortName}'s endorsement process</h3>
              {search.get("process") === "saved" ? <p className="notice ok" role="status">Step saved.</p> : null}
              <ProcessForm
                formId="cell-process-form"
                candidateId={cell.candidate.id}
                partner={cell.partner}
                steps={data.processSteps[cell.partner.id]}
                current={data.ownProcesses[`${cell.candidate.id}-${cell.partner.id}`] ?? null}
                actionData={actionData}
                stepsHref={`/tables/${coalition.id}/processes/${cell.partner.id}`}
              />
            </>
          ) : null}
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
        <MatrixGrid
          coalitionId={coalition.id}
          threshold={coalition.threshold}
          partners={partners}
          rows={rows}
          splitRaceIds={data.splitRaceIds}
          recordable={recordable}
          privatePartners={data.privatePartners}
          processSteps={data.processSteps}
          ownProcesses={data.ownProcesses}
          today={day}
          query={carry.toString()}
          selected={cell?.partner ? `${cell.candidate.id}-${cell.partner.id}` : null}
        />
      )}
      <Pager prev={data.prev} next={data.next} total={data.total} shown={rows.length} noun="candidates" label="Pages of the matrix" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
