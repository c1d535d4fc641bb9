import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CandidateFields } from "~/components/candidate-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { candidateForm } from "~/domain/forms";
import { getCandidate, updateCandidate } from "~/models/candidates.server";
import { authorize } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await workspaceAccess({ params, request, context }, "table.manage");
    const coalitionId = idParam(params, "coalitionId", "Table");
    const { candidate } = getCandidate(getDb(), user, { coalitionId, candidateId: idParam(params, "candidateId", "Candidate") });
    return { coalitionId, candidate };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const candidateId = idParam(params, "candidateId", "Candidate");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    return submit("update", candidateForm, values, (data) => updateCandidate(db, actor, coalitionId, candidateId, data), (result) => `/tables/${coalitionId}/candidates/${candidateId}`);
  });
}

export default function EditCandidate() {
  const { coalitionId, candidate } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(candidateForm, { intent: "update", actionData: useActionData<typeof action>(), defaultValue: candidate });
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/candidates/${candidate.id}`}>{candidate.name}</Link>
      </p>
      <h1>Edit profile</h1>
      <ConformForm form={form} intent="update" className="stack card">
        <FormErrors form={form} />
        {candidate.bioSourceKind === "campaign" && !candidate.bio ? (
          <p className="notice warn" role="note">
            The bio is from the campaign and is withheld under your firewall (rule F2); saving keeps it as it is.
          </p>
        ) : null}
        <CandidateFields fields={fields} />
        <div className="actions">
          <Submit intent="update">Save profile</Submit>
          <Link to={`/tables/${coalitionId}/candidates/${candidate.id}`}>Cancel</Link>
        </div>
      </ConformForm>
      <p className="hint">Notes and figures are added on the profile page, each with its source. Every change is kept in the edit history.</p>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
