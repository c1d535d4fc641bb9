import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { CoalitionFields } from "~/components/coalition-fields";
import { ActionForm, FormError, Submit, stateFor } from "~/components/form";
import { RouteErrorBoundary } from "~/components/error-boundary";

import { coalitionForm } from "~/domain/forms";
import { LEVEL_LABELS } from "~/domain/labels";
import { createCoalition, listCoalitions } from "~/models/coalitions.server";
import { requireActor } from "~/utils/actor.server";
import { getDb } from "~/utils/db.server";
import { handle, readForm, submit } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Tables · Coalition Table" }];

export async function loader() {
  return handle(() => ({ coalitions: listCoalitions(getDb()) }));
}

export async function action({ request }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const actor = requireActor(request, db);
    const values = await readForm(request);
    return submit("create", coalitionForm, values, (data) => createCoalition(db, actor, data), (result) => `/tables/${result.coalition.id}`);
  });
}

export default function TablesIndex() {
  const { coalitions } = useLoaderData<typeof loader>();
  const state = stateFor(useActionData<typeof action>(), "create");
  return (
    <>
      <h1>Tables</h1>
      {coalitions.length === 0 ? (
        <p className="empty">No tables yet. Create the first one below.</p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {coalitions.map((c) => (
            <li key={c.id} className="card">
              <h2 style={{ marginTop: 0 }}>
                <Link to={`/tables/${c.id}`}>{c.name}</Link>
              </h2>
              <p className="muted">
                {LEVEL_LABELS[c.level]} · {c.cycle} cycle · critical mass at {c.threshold} partners
              </p>
              <p>
                {c.partnerCount} partners · {c.raceCount} races · {c.candidateCount} candidates
              </p>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="new-table">
        <h2 id="new-table">Create a table</h2>
        <ActionForm intent="create" className="stack">
          <FormError state={state} />
          <CoalitionFields state={state} thresholdHint="Partners needed to form a sub-table: 2 to 10." />
          <div className="actions">
            <Submit intent="create">Create table</Submit>
          </div>
        </ActionForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
