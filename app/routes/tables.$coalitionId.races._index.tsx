import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Submit, useActionForm, FilterSelect } from "~/components/form";
import { newRaceDefaults, RaceFields } from "~/components/race-fields";
import { formatDate } from "~/domain/dates";
import { raceFormFor } from "~/domain/forms";
import { LEVEL_LABELS } from "~/domain/labels";
import { getCoalition } from "~/models/coalitions.server";
import { createRace, listRaceStates, pageRaces, raceLabel } from "~/models/races.server";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { today } from "~/server/clock.server";
import { tableAccess, authorize } from "~/server/guards/auth.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId: tableId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalition = getCoalition(db, user, { coalitionId: idParam(params, "coalitionId", "Table") });
    const url = new URL(request.url);
    const state = (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || null;
    const page = pageRaces(db, user, { coalitionId: coalition.id, today: today(), state, cursor: readCursor(url), limit: pageSize(url) });
    return {
      coalition,
      races: page.rows.map((r) => ({ ...r, label: raceLabel(r) })),
      total: page.total,
      prev: page.prev,
      next: page.next,
      states: listRaceStates(db, user, { coalitionId: coalition.id }),
      state,
      canManage: can(user, { action: "table.manage", coalitionId: tableId }).ok,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    const { level } = getCoalition(db, actor, { coalitionId });
    return submit("create", raceFormFor(level), values, (data) => createRace(db, actor, coalitionId, data), (result) => `/tables/${coalitionId}/races/${result.race.id}`);
  });
}

function daysText(days: number): string {
  if (days === 0) return "today";
  if (days < 0) return `${-days} days ago`;
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

export default function RacesIndex() {
  const { coalition, races, total, prev, next, states, state, canManage } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(raceFormFor(coalition.level), { intent: "create", actionData: useActionData<typeof action>(), defaultValue: newRaceDefaults(coalition.level) });
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <h1>Races</h1>
      <Form method="get" className="filters" aria-label="Filter races">
        <FilterSelect name="state" label="State" value={state} allLabel="All states" options={states} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {races.length === 0 ? (
        <p className="empty">No races{state ? ` in ${state}` : ""} yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Races sorted by days to the primary</caption>
            <thead>
              <tr>
                <th scope="col">Race</th>
                <th scope="col">Primary</th>
                <th scope="col">Candidates</th>
                <th scope="col" className="hide-narrow">Seats</th>
                <th scope="col" className="hide-narrow">Incumbent</th>
              </tr>
            </thead>
            <tbody>
              {races.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`${base}/races/${r.id}`}>{r.label}</Link>
                  </td>
                  <td>
                    {r.primaryKind === "none" ? <span className="muted">No primary; general </span> : null}
                    {formatDate(r.primaryDate)} <span className="muted">({daysText(r.daysToPrimary)})</span>
                  </td>
                  <td>{r.candidateCount}</td>
                  <td className="hide-narrow">{r.seats}</td>
                  <td className="hide-narrow">{r.incumbent ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={races.length} noun="races" />
      {canManage ? (
      <section className="card" aria-labelledby="add-race">
        <h2 id="add-race">Add a race</h2>
        <p className="hint">A {LEVEL_LABELS[coalition.level].toLowerCase()} table: the race is named the way its level names places.</p>
        <ConformForm form={form} intent="create" className="stack">
          <FormErrors form={form} />
          <RaceFields fields={fields} level={coalition.level} />
          <div className="actions">
            <Submit intent="create">Add race</Submit>
          </div>
        </ConformForm>
      </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
