import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { CoalitionFields, newCoalitionDefaults } from "~/components/coalition-fields";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { RouteErrorBoundary } from "~/components/error-boundary";

import { coalitionForm } from "~/domain/forms";
import { LEVEL_LABELS } from "~/domain/labels";
import { createCoalition, listCoalitions } from "~/models/coalitions.server";
import { allyProgramLinks } from "~/models/allies.server";
import { authorize, requireUser } from "~/server/guards/auth.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, readForm, redirect, submit } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Tables · Coalition Table" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return handle(async () => {
    const user = await requireUser(request);
    const coalitions = listCoalitions(getDb(), user); // the tables this person may open
    const canCreate = can(user, { action: "table.create" }).ok;
    // one table and nothing to create here: straight to it (issue 15)
    if (coalitions.length === 1 && !canCreate) throw redirect(`/tables/${coalitions[0].id}`);
    // a regional ally's lead sits at no table: its programs are its way in (issue 13)
    const allyPrograms = allyProgramLinks(getDb(), user);
    if (coalitions.length === 0 && !canCreate && allyPrograms.length === 1) throw redirect(`/tables/${allyPrograms[0].coalitionId}/programs/${allyPrograms[0].programId}`);
    return { coalitions, canCreate, allyPrograms };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const actor = await authorize(request, context, { action: "table.create" }, db);
    const values = await readForm(request);
    return submit("create", coalitionForm, values, (data) => createCoalition(db, actor, data), (result) => `/tables/${result.coalition.id}`);
  });
}

export default function TablesIndex() {
  const { coalitions, canCreate, allyPrograms } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(coalitionForm, { intent: "create", actionData: useActionData<typeof action>(), defaultValue: newCoalitionDefaults() });
  return (
    <>
      <h1>Tables</h1>
      {allyPrograms.length > 0 ? (
        <section aria-labelledby="ally-programs">
          <h2 id="ally-programs">Programs your organization joined as a regional ally</h2>
          <ul>
            {allyPrograms.map((p) => (
              <li key={p.programId}>
                <Link to={`/tables/${p.coalitionId}/programs/${p.programId}`}>{p.name}</Link> <span className="muted">({p.tableName})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {coalitions.length === 0 && allyPrograms.length === 0 ? (
        <p className="empty">{canCreate ? "No tables yet. Create the first one below." : "You have no role at any table yet. Ask the facilitator for an invitation."}</p>
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
      {canCreate ? (
      <section className="card" aria-labelledby="new-table">
        <h2 id="new-table">Create a table</h2>
        <ConformForm form={form} intent="create" className="stack">
          <FormErrors form={form} />
          <CoalitionFields fields={fields} thresholdHint="Partners needed to form a sub-table: 2 to 10." />
          <div className="actions">
            <Submit intent="create">Create table</Submit>
          </div>
        </ConformForm>
      </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
