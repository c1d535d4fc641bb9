import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { COALITION_LEVELS } from "../../db/schema/coalitions";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, Field, FormError, Select, Submit, stateFor } from "~/components/form";
import { coalitionForm } from "~/domain/forms";
import { LEVEL_LABELS } from "~/domain/labels";
import { getCoalition, updateCoalition } from "~/models/coalitions.server";
import { requireActor } from "~/utils/actor.server";
import { getDb } from "~/utils/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused } from "~/utils/http.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  return handle(() => ({
    coalition: getCoalition(getDb(), idParam(params, "coalitionId", "Table")),
    saved: new URL(request.url).searchParams.has("saved"),
  }));
}

export async function action({ params, request }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = requireActor(request, db);
    const values = await readForm(request);
    const parsed = parse(coalitionForm, values);
    if (!parsed.ok) return invalid("update", parsed.errors, parsed.values);
    const result = updateCoalition(db, actor, coalitionId, parsed.data);
    if (!result.ok) return refused("update", result, values);
    return redirect(`/tables/${coalitionId}/settings?saved`);
  });
}

export default function TableSettings() {
  const { coalition, saved } = useLoaderData<typeof loader>();
  const state = stateFor(useActionData<typeof action>(), "update");
  return (
    <>
      <h1>Table settings</h1>
      {saved && !state ? <p className="notice ok" role="status">Saved.</p> : null}
      <ActionForm intent="update" className="stack card">
        <FormError state={state} />
        <Field name="name" label="Name" required state={state} defaultValue={coalition.name} />
        <div className="form-row">
          <Select name="level" label="Level" required state={state} defaultValue={coalition.level} options={COALITION_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
          <Field name="cycle" label="Cycle year" inputMode="numeric" required state={state} defaultValue={coalition.cycle} />
          <Field
            name="threshold"
            label="Critical-mass threshold"
            inputMode="numeric"
            required
            state={state}
            defaultValue={coalition.threshold}
            hint="Partners needed to form a sub-table: 2 to 10. A change applies to the next endorsements; sub-tables already formed stay."
          />
        </div>
        <div className="actions">
          <Submit intent="update">Save settings</Submit>
        </div>
      </ActionForm>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
