import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-boundary";
import { CoalitionFields } from "~/components/coalition-fields";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { DecidingFields } from "~/components/deciding-fields";
import { coalitionForm, decidingForm } from "~/domain/forms";

import { getCoalition, setDeciding, updateCoalition } from "~/models/coalitions.server";
import { tableAccess, authorize } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.manage");
    return {
    coalition: getCoalition(getDb(), user, { coalitionId: idParam(params, "coalitionId", "Table") }),
    saved: new URL(request.url).searchParams.has("saved"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    if (values.intent === "deciding") {
      return submit("deciding", decidingForm, values, (data) => setDeciding(db, actor, coalitionId, data), () => `/tables/${coalitionId}/settings?saved`);
    }
    return submit("update", coalitionForm, values, (data) => updateCoalition(db, actor, coalitionId, data), (result) => `/tables/${coalitionId}/settings?saved`);
  });
}

export default function TableSettings() {
  const { coalition, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, fields, state } = useActionForm(coalitionForm, { intent: "update", actionData, defaultValue: coalition });
  const deciding = useActionForm(decidingForm, { intent: "deciding", actionData, defaultValue: { decider: coalition.decider, rankedMax: coalition.rankedMax === null ? "" : String(coalition.rankedMax) } });
  return (
    <>
      <h1>Table settings</h1>
      {saved && !state && !deciding.state ? <p className="notice ok" role="status">Saved.</p> : null}
      <ConformForm form={form} intent="update" className="stack card">
        <FormErrors form={form} />
        <CoalitionFields
          fields={fields}
          thresholdHint="Partners needed to form a sub-table: 2 to 10. Lowering it forms the sub-tables candidates now qualify for; raising it marks smaller sub-tables below critical mass."
        />
        <div className="actions">
          <Submit intent="update">Save settings</Submit>
        </div>
      </ConformForm>
      <section className="card" aria-labelledby="who-decides">
        <h2 id="who-decides">Who decides</h2>
        <ConformForm form={deciding.form} intent="deciding" className="stack">
          <FormErrors form={deciding.form} />
          <DecidingFields fields={deciding.fields} />
          <div className="actions">
            <Submit intent="deciding">Save who decides</Submit>
          </div>
        </ConformForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
