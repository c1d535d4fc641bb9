import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { can } from "~/domain/permissions";
import { EXAMPLE_STEPS, MAX_PROCESS_STEPS, processStepForm, processStepMoveForm, processStepRemoveForm } from "~/domain/processes";
import { partnerAtTable } from "~/models/partners.server";
import { addProcessStep, listProcessSteps, moveProcessStep, removeProcessStep, stepUse } from "~/models/processes.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, submit } from "~/server/http.server";

/** A partner's own endorsement process (issue 17): its steps, in order, kept by its representative. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const partner = partnerAtTable(db, user, { coalitionId, partnerId: idParam(params, "partnerId", "Partner") });
    const steps = listProcessSteps(db, user, { partnerId: partner.id });
    const used = stepUse(db, user, { partnerId: partner.id, coalitionId });
    return {
      coalitionId,
      partner: { id: partner.id, name: partner.name, shortName: partner.shortName },
      steps: steps.map((s) => ({ id: s.id, label: s.label, position: s.position, candidates: used[s.id] ?? 0 })),
      canEdit: can(user, { action: "process.record", coalitionId, partnerId: partner.id }).ok,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const partnerId = idParam(params, "partnerId", "Partner");
    const user = await requireUser(request, db);
    requirePermission(user, { action: "process.record", coalitionId, partnerId }, context, db);
    partnerAtTable(db, user, { coalitionId, partnerId });
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/processes/${partnerId}`;
    switch (values.intent) {
      case "add":
        return submit("add", processStepForm, values, (d) => addProcessStep(db, user, { partnerId, label: d.label }), () => `${here}#steps`);
      case "move":
        return submit("move", processStepMoveForm, values, (d) => moveProcessStep(db, user, { partnerId, ...d }), () => `${here}#steps`);
      case "remove":
        return submit("remove", processStepRemoveForm, values, (d) => removeProcessStep(db, user, { partnerId, stepId: d.stepId }), () => `${here}#steps`);
      default:
        return invalid(values.intent ?? "", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function PartnerProcess() {
  const { coalitionId, partner, steps, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refusal = actionData && "errors" in actionData && actionData.intent !== "add" ? Object.values(actionData.errors ?? {})[0] : null;
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/partners/${partner.id}`}>{partner.name}</Link>
      </p>
      <h1>{partner.shortName}'s endorsement process</h1>
      <p className="hint">
        Each partner decides in its own way and at its own pace: these are {partner.shortName}'s steps, named by its representative. The matrix shows where each candidate stands in
        them (&ldquo;Considering · Interview done&rdquo;); nothing here depends on another partner's process.
      </p>
      <h2 id="steps">Steps</h2>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
      {steps.length === 0 ? (
        <p className="empty">{canEdit ? `No steps yet. For example: ${EXAMPLE_STEPS.join(", ")}.` : "No steps named yet."}</p>
      ) : (
        <ol className="history card">
          {steps.map((s, i) => (
            <li key={s.id}>
              {s.label} <span className="muted">· {s.candidates === 1 ? "1 candidate here" : `${s.candidates} candidates here`}</span>
              {canEdit ? (
                <span className="row-actions">
                  {i > 0 ? <StepButton intent="move" stepId={s.id} direction="up" label={`Move "${s.label}" up`}>Up</StepButton> : null}
                  {i < steps.length - 1 ? <StepButton intent="move" stepId={s.id} direction="down" label={`Move "${s.label}" down`}>Down</StepButton> : null}
                  <StepButton intent="remove" stepId={s.id} label={`Remove "${s.label}"`}>Remove</StepButton>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canEdit && steps.length < MAX_PROCESS_STEPS ? <AddStep /> : null}
      <p>
        <Link to={`${base}/matrix`}>Record where candidates stand in the matrix</Link>
      </p>
    </>
  );
}

function AddStep() {
  const { form, fields } = useActionForm(processStepForm, { intent: "add", actionData: useActionData<typeof action>() });
  return (
    <section className="card" aria-labelledby="add-step">
      <h2 id="add-step">Add a step</h2>
      <ConformForm form={form} intent="add" className="stack" aria-labelledby="add-step">
        <FormErrors form={form} />
        <Input field={fields.label} label="Step" hint="Added at the end; move it up or down after." autoComplete="off" />
        <div className="actions">
          <Submit intent="add">Add step</Submit>
        </div>
      </ConformForm>
    </section>
  );
}

function StepButton({ intent, stepId, direction, label, children }: { intent: "move" | "remove"; stepId: number; direction?: "up" | "down"; label: string; children: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="stepId" value={stepId} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" className="secondary small" aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
