import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, Field, FormError, Submit, TextArea, stateFor } from "~/components/form";
import { safeRedirect } from "~/domain/auth-forms";
import { acknowledgeForm, POLICY_MAX_CHARS, policyForm } from "~/domain/counsel-forms";
import { formatDate } from "~/domain/dates";
import { formValues } from "~/domain/forms";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { can, partnersOf } from "~/domain/permissions";
import { workspaceGaps } from "~/models/firewall.server";
import { isSeated } from "~/models/partners.server";
import { acknowledgePolicy, memberPolicies, policyPartnerId, publishPolicy } from "~/models/policies.server";
import { authorize, requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, notFound, parse, redirect, refused } from "~/server/http.server";

/** Where to go after an acknowledgment: only a page of this table. */
function safeBack(raw: string | null, coalitionId: number): string | null {
  const to = safeRedirect(raw, "");
  return to.startsWith(`/tables/${coalitionId}/`) ? to : null;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const members = partnersOf(user).filter((id) => isSeated(db, user, { coalitionId, partnerId: id }));
    return {
      coalitionId,
      redirectTo: safeBack(new URL(request.url).searchParams.get("redirectTo"), coalitionId),
      gaps: workspaceGaps(db, user, { coalitionId }),
      policies: memberPolicies(db, user, { partnerIds: members }).map((p) => ({ ...p, canWrite: can(user, { action: "firewall.manage", partnerId: p.member.id }).ok })),
    };
  });
}

const FILE_LIMIT = 200_000;

/** A policy uploaded as a text or Markdown file becomes the body; anything else is refused with a message. */
async function uploadedText(file: FormDataEntryValue | null): Promise<{ text: string | null; name: string | null; error?: string }> {
  if (!file || typeof file === "string" || file.size === 0) return { text: null, name: null };
  if (file.size > FILE_LIMIT) return { text: null, name: file.name, error: `The file is larger than ${FILE_LIMIT / 1000} kB; upload the policy as plain text or paste it.` };
  if (!/\.(txt|md|markdown)$/i.test(file.name) && !/^text\//.test(file.type)) return { text: null, name: file.name, error: "Upload the policy as a plain-text or Markdown file (.txt, .md), or paste it." };
  const text = await file.text();
  if (text.includes("\u0000")) return { text: null, name: file.name, error: "That file is not text; upload a .txt or .md file, or paste the policy." };
  return { text, name: file.name };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await authorize(request, context, { action: "table.view", coalitionId });
    const form = await request.formData().catch(() => null);
    const values = form ? formValues(form) : {};
    const back = safeBack(new URL(request.url).searchParams.get("redirectTo"), coalitionId);
    if (values.intent === "acknowledge") {
      const parsed = parse(acknowledgeForm, values);
      if (!parsed.ok) return invalid("acknowledge", parsed.errors, parsed.values);
      const partnerId = policyPartnerId(db, user, { policyId: parsed.data.policyId });
      if (partnerId === null) throw notFound("Policy");
      requirePermission(user, { action: "policy.acknowledge", partnerId }, context);
      const result = acknowledgePolicy(db, user, parsed.data);
      if (!result.ok) return refused("acknowledge", result, values);
      return redirect(back ?? `/tables/${coalitionId}/firewall/policies?acknowledged`);
    }
    if (values.intent === "publish") {
      const upload = await uploadedText(form?.get("file") ?? null);
      if (upload.error) return invalid("publish", { file: upload.error }, values);
      const withFile = upload.text !== null ? { ...values, body: upload.text } : values;
      const parsed = parse(policyForm, withFile);
      if (!parsed.ok) return invalid("publish", parsed.errors, values);
      requirePermission(user, { action: "firewall.manage", partnerId: parsed.data.partnerId }, context);
      if (!isSeated(db, user, { coalitionId, partnerId: parsed.data.partnerId })) throw notFound("Member");
      const result = publishPolicy(db, user, { ...parsed.data, fileName: upload.name });
      if (!result.ok) return refused("publish", result, values);
      return redirect(`/tables/${coalitionId}/firewall/policies?published=${result.policy.version}`);
    }
    return invalid("_", { _form: "Unknown action." }, values);
  });
}

export default function Policies() {
  const { coalitionId, redirectTo, gaps, policies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const ack = stateFor(actionData, "acknowledge");
  const publish = stateFor(actionData, "publish");
  const query = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/firewall`}>Firewall</Link>
      </p>
      <h1>Firewall policies</h1>
      <p className="hint">
        Each member keeps a written firewall policy; each of its people acknowledges the current version before opening a race, a candidate, a
        sub-table or a program (rule F6). A new version voids earlier acknowledgments. This is the table's policy, not legal advice.
      </p>
      {redirectTo && gaps.length > 0 ? (
        <p className="notice warn" role="status">
          Before you open that page:{" "}
          {gaps.map((g) => (g.problem === "no_policy" ? `${g.partnerName} has no firewall policy on file yet — its counsel must write one.` : `acknowledge ${g.partnerName}'s policy, version ${g.version}.`)).join(" ")}
        </p>
      ) : null}
      {policies.length === 0 ? <p>You do not act for a member of this table, so no policy applies to you here.</p> : null}
      {policies.map(({ member, current, acknowledgedAt, versions, canWrite }) => (
        <section key={member.id} className="card" aria-labelledby={`policy-${member.id}`}>
          <h2 id={`policy-${member.id}`}>
            {member.name} <span className="muted">({LEGAL_TYPE_LABELS[member.legalType]})</span>
          </h2>
          {current ? (
            <>
              <h3>
                {current.title} — version {current.version}
              </h3>
              <p className="muted">Written {formatDate(current.createdAt)}{current.fileName ? `, uploaded as ${current.fileName}` : ""}.</p>
              <div className="policy-body">{current.body}</div>
              {acknowledgedAt ? (
                <p className="notice ok">You acknowledged version {current.version} on {formatDate(acknowledgedAt)}.</p>
              ) : (
                <ActionForm intent="acknowledge" action={query || undefined} aria-label={`Acknowledge ${member.name}'s policy`}>
                  <input type="hidden" name="policyId" value={current.id} />
                  <input type="hidden" name="version" value={current.version} />
                  {ack?.errors?.version ? (
                    <p className="field-error" role="alert">
                      {ack.errors.version}
                    </p>
                  ) : null}
                  <FormError state={ack} />
                  <Submit intent="acknowledge">I have read and acknowledge version {current.version}</Submit>
                </ActionForm>
              )}
            </>
          ) : (
            <p className="notice warn">No firewall policy on file. Until its counsel writes one, race pages stay closed to {member.name}'s people (rule F6).</p>
          )}
          {canWrite ? (
            <details open={!!publish || !current}>
              <summary>Write a new version</summary>
              <ActionForm intent="publish" encType="multipart/form-data" aria-label={`New version of ${member.name}'s policy`}>
                <input type="hidden" name="partnerId" value={member.id} />
                <Field name="title" label="Title" required state={publish} defaultValue={current?.title ?? `${member.name} firewall policy`} />
                <TextArea name="body" label="Policy" rows={10} state={publish} defaultValue={current?.body ?? ""} hint={`Paste or write the policy (up to ${POLICY_MAX_CHARS.toLocaleString("en-US")} characters), or upload it below.`} />
                <div className={`field${publish?.errors?.file ? " has-error" : ""}`}>
                  <label htmlFor={`file-${member.id}`}>Or upload a text file</label>
                  <input id={`file-${member.id}`} type="file" name="file" accept=".txt,.md,text/plain,text/markdown" aria-describedby={publish?.errors?.file ? `file-${member.id}-error` : undefined} />
                  {publish?.errors?.file ? (
                    <p className="field-error" id={`file-${member.id}-error`} role="alert">
                      {publish.errors.file}
                    </p>
                  ) : null}
                </div>
                <FormError state={publish} />
                <Submit intent="publish">Publish version {(current?.version ?? 0) + 1}</Submit>
                <p className="hint">Publishing voids every acknowledgment of earlier versions: each person acknowledges again.</p>
              </ActionForm>
            </details>
          ) : null}
          {versions.length > 1 || (canWrite && versions.length > 0) ? (
            <div className="table-scroll">
            <table>
              <caption>Versions</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Title</th>
                  <th scope="col">Written</th>
                  <th scope="col">By</th>
                  <th scope="col">Acknowledgments</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.version}</td>
                    <td>{v.title}</td>
                    <td>{formatDate(v.createdAt)}</td>
                    <td>{v.author}</td>
                    <td>{v.acknowledgments}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          ) : null}
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
