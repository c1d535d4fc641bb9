import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { safeRedirect } from "~/domain/auth-forms";
import { acknowledgeForm, POLICY_MAX_CHARS, policyForm, policyUploadForm } from "~/domain/counsel-forms";
import { formatDate } from "~/domain/dates";
import { formValues, single } from "~/domain/forms";
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
    const intent = values.intent ?? "";
    if (intent === "acknowledge") {
      const parsed = parse(acknowledgeForm, values);
      if (!parsed.ok) return invalid("acknowledge", parsed.errors, parsed.values);
      const partnerId = policyPartnerId(db, user, { policyId: parsed.data.policyId });
      if (partnerId === null) throw notFound("Policy");
      requirePermission(user, { action: "policy.acknowledge", partnerId }, context);
      const result = acknowledgePolicy(db, user, parsed.data);
      if (!result.ok) return refused("acknowledge", result, values);
      return redirect(back ?? `/tables/${coalitionId}/firewall/policies?acknowledged`);
    }
    if (intent === "publish") {
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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type MemberPolicy = Data["policies"][number];

/** The answer to a post, if it was about this member's policy (several members' forms share a page). */
function about(actionData: unknown, field: "policyId" | "partnerId", id: number): unknown {
  const values = (actionData as { values?: Record<string, string | string[]> | null } | undefined)?.values;
  return values && single(values[field]) === String(id) ? actionData : undefined;
}

function AcknowledgeForm({ member, current, query }: { member: MemberPolicy["member"]; current: NonNullable<MemberPolicy["current"]>; query: string }) {
  const { form, fields } = useActionForm(acknowledgeForm, { intent: "acknowledge", id: `acknowledge-${member.id}`, actionData: about(useActionData<typeof action>(), "policyId", current.id) });
  const error = fields.version.errors?.[0] ?? fields.policyId.errors?.[0];
  return (
    <ConformForm form={form} intent="acknowledge" action={query || undefined} aria-label={`Acknowledge ${member.name}'s policy`}>
      <input type="hidden" name={fields.policyId.name} value={current.id} />
      <input type="hidden" name={fields.version.name} value={current.version} />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <FormErrors form={form} />
      <Submit intent="acknowledge">I have read and acknowledge version {current.version}</Submit>
    </ConformForm>
  );
}

/** A new version: written here, or uploaded as a text file (the browser checks one of them is there). */
function PublishForm({ member, current }: Pick<MemberPolicy, "member" | "current">) {
  const { form, fields, state } = useActionForm(policyUploadForm, {
    intent: "publish",
    id: `publish-${member.id}`,
    actionData: about(useActionData<typeof action>(), "partnerId", member.id),
    defaultValue: { title: current?.title ?? `${member.name} firewall policy`, body: current?.body ?? "" },
  });
  const fileError = fields.file.errors?.[0];
  return (
    <details open={!!state || !current}>
      <summary>Write a new version</summary>
      <ConformForm form={form} intent="publish" encType="multipart/form-data" aria-label={`New version of ${member.name}'s policy`}>
        <input type="hidden" name={fields.partnerId.name} value={member.id} />
        <Input field={fields.title} label="Title" />
        <Textarea field={fields.body} label="Policy" rows={10} hint={`Paste or write the policy (up to ${POLICY_MAX_CHARS.toLocaleString("en-US")} characters), or upload it below.`} />
        <div className={`field${fileError ? " has-error" : ""}`}>
          <label htmlFor={fields.file.id}>Or upload a text file</label>
          <input id={fields.file.id} type="file" name={fields.file.name} accept=".txt,.md,text/plain,text/markdown" aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? fields.file.errorId : undefined} />
          {fileError ? (
            <p className="field-error" id={fields.file.errorId} role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        <FormErrors form={form} />
        <Submit intent="publish">Publish version {(current?.version ?? 0) + 1}</Submit>
        <p className="hint">Publishing voids every acknowledgment of earlier versions: each person acknowledges again.</p>
      </ConformForm>
    </details>
  );
}

export default function Policies() {
  const { coalitionId, redirectTo, gaps, policies } = useLoaderData<typeof loader>();
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
                <AcknowledgeForm member={member} current={current} query={query} />
              )}
            </>
          ) : (
            <p className="notice warn">No firewall policy on file. Until its counsel writes one, race pages stay closed to {member.name}'s people (rule F6).</p>
          )}
          {canWrite ? <PublishForm member={member} current={current} /> : null}
          {versions.length > 1 || (canWrite && versions.length > 0) ? (
            <div className="table-scroll" tabIndex={0}>
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
