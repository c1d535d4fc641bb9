import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { ProgramFields } from "~/components/program-fields";
import { formatDate } from "~/domain/dates";
import { newProgramForm, programForm, programSubTableForm } from "~/domain/field-forms";
import { can } from "~/domain/permissions";
import { getCoalition } from "~/models/coalitions.server";
import { createProgram, memberPartnerIds, pagePrograms, startableSubTables, STARTABLE_LIMIT } from "~/models/programs.server";
import { listRaceStates } from "~/models/races.server";
import { listSubCoalitions } from "~/models/sub-coalitions.server";
import { FilterSelect } from "~/components/form";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, parse, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    const state = (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || null;
    const page = pagePrograms(db, user, { coalitionId, state, cursor: readCursor(url), limit: pageSize(url) });
    // sub-tables still without a program, open, that this person may start one for (the soonest STARTABLE_LIMIT)
    const startable = startableSubTables(db, user, { coalitionId, today: today(), state });
    return { coalitionId, state, states: listRaceStates(db, user, { coalitionId }), programs: page.rows, total: page.total, prev: page.prev, next: page.next, startable, startableLimit: STARTABLE_LIMIT };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    const values = await readForm(request);
    if (values.intent !== "create") return invalid("create", { _form: "This form could not be understood. Reload the page and try again." }, values);
    // newProgramForm in two steps: the sub-table first (whose partners decide who may start it), then the program
    const which = parse(programSubTableForm, values);
    const sub = which.ok ? listSubCoalitions(db, user, { coalitionId, today: today(), id: which.data.subTableId })[0] : undefined;
    if (!sub) return invalid("create", { subTableId: "Choose a sub-table of this table." }, values);
    requirePermission(user, { action: "program.manage", coalitionId, memberPartnerIds: memberPartnerIds(db, user, { subCoalitionId: sub.id }) }, context);
    return submit(
      "create",
      programForm,
      values,
      (input) => createProgram(db, user, { coalitionId, subCoalitionId: sub.id, ...input }),
      (r) => `/tables/${coalitionId}/programs/${r.program.id}`,
    );
  });
}

export default function ProgramsIndex() {
  const { coalitionId, state, states, programs, total, prev, next, startable, startableLimit } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(newProgramForm, { intent: "create", actionData: useActionData<typeof action>(), defaultValue: { side: "independent" } });
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <h1>Field programs</h1>
      <p className="hint">A sub-table's joint field plan for its candidate: goals, the turf universe, each affiliate's pledge and its share of the turf.</p>
      <Form method="get" className="filters" aria-label="Filter programs">
        <FilterSelect name="state" label="State" value={state} allLabel="All states" options={states} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {programs.length === 0 ? (
        <p className="empty">{state ? `No program in ${state}.` : "No program yet."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Candidate</th>
                <th scope="col" className="hide-narrow">Dates</th>
                <th scope="col">Units</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`${base}/programs/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>
                    {p.candidateName}{" "}
                    <span className="muted">
                      ({p.raceState}
                      {p.raceDistrict ? `-${p.raceDistrict}` : ""})
                    </span>
                  </td>
                  <td className="hide-narrow">
                    {formatDate(p.startDate)} – {formatDate(p.endDate)}
                  </td>
                  <td>{p.unitCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={programs.length} noun="programs" />
      {startable.length > 0 ? (
        <section className="card" aria-labelledby="new-program">
          <h2 id="new-program" style={{ marginTop: 0 }}>
            Start a program
          </h2>
          <ConformForm form={form} intent="create" className="stack">
            <FormErrors form={form} />
            <Choice
              field={fields.subTableId}
              label="Sub-table"
              hint={startable.length >= startableLimit ? `The ${startableLimit} soonest primaries${state ? ` in ${state}` : ""}; filter by state for others.` : undefined}
              options={startable.map((s) => ({ value: String(s.id), label: s.label }))}
            />
            <ProgramFields fields={fields} />
            <Submit intent="create" pendingText="Starting…">
              Start program
            </Submit>
          </ConformForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
