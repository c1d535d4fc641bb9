import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, FormError, Select, Submit, TextArea, stateFor } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { parseForm } from "~/domain/forms";
import { agreementForm, signoffForm } from "~/domain/meeting-forms";
import { can } from "~/domain/permissions";
import { getAgreement, saveAgreementVersion, signOffAgreement } from "~/models/agreements.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, redirect, refused, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const agreement = getAgreement(getDb(), user, { coalitionId, subCoalitionId: idParam(params, "subTableId", "Sub-table"), today: today() });
    return {
      coalitionId,
      ...agreement,
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
      // the members this person may sign for: its own partner, if it has not signed the current version
      mySignable: agreement.current ? agreement.members.filter((m) => !m.signed && can(user, { action: "agreement.signoff", coalitionId, partnerId: m.partnerId }).ok) : [],
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const subTableId = idParam(params, "subTableId", "Sub-table");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/agreements/${subTableId}`;
    if (values.intent === "signoff") {
      requirePermission(user, { action: "table.view", coalitionId }, context, db);
      const parsed = parseForm(signoffForm, values);
      if (!parsed.ok) return invalid("signoff", parsed.errors, parsed.values);
      requirePermission(user, { action: "agreement.signoff", coalitionId, partnerId: parsed.data.partnerId }, context, db);
      const r = signOffAgreement(db, user, coalitionId, subTableId, parsed.data);
      return r.ok ? redirect(`${here}?signed`) : refused("signoff", r, values);
    }
    requirePermission(user, { action: "table.manage", coalitionId }, context, db);
    if (values.intent !== "version") return invalid(String(values.intent ?? ""), { _form: "This form could not be understood. Reload the page and try again." }, values);
    return submit("version", agreementForm, values, (d) => saveAgreementVersion(db, user, coalitionId, subTableId, d), () => `${here}?saved`);
  });
}

const SECTIONS = [
  ["decidesTogether", "What the sub-table decides together"],
  ["eachKeeps", "What each member keeps for itself"],
  ["workAndCredit", "How work and credit are shared"],
  ["actingAlone", "What happens when a member acts on its own"],
] as const;

export default function AgreementPage() {
  const { coalitionId, subTable, members, versions, current, canManage, mySignable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const version = stateFor(actionData, "version");
  const signoff = stateFor(actionData, "signoff");
  // a sign-off's refusal (an old version, not a member) is about the whole form: shown above it
  const signoffError = signoff?.errors ? Object.values(signoff.errors)[0] : null;
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/sub-tables/${subTable.id}`}>Sub-table for {subTable.candidateName}</Link>
      </p>
      <h1>Written agreement: sub-table for {subTable.candidateName}</h1>
      <p className="hint">What the members decide together, what each keeps, how work and credit are shared, and what happens when one acts on its own. Each version is signed by each member; a new version needs new sign-offs.</p>
      {!current ? (
        <p className="empty">No agreement written yet.</p>
      ) : (
        <section className="card" aria-labelledby="current-version">
          <h2 id="current-version">Version {current.version} (current)</h2>
          <p className="muted">
            Written {formatDate(current.createdAt)}
            {current.authorName ? ` by ${current.authorName}` : ""}
          </p>
          <dl className="facts">
            {SECTIONS.map(([key, label]) => (
              <div key={key} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd className="prewrap">{current[key]}</dd>
              </div>
            ))}
          </dl>
          <h3>Sign-offs</h3>
          <ul className="history" aria-label="Sign-offs of the current version">
            {members.map((m) => {
              const s = current.signoffs.find((x) => x.partnerId === m.partnerId);
              return (
                <li key={m.partnerId} data-testid="signoff">
                  {m.shortName}: {s ? `signed ${formatDate(s.signedAt)}${s.signerName ? ` by ${s.signerName}` : ""}` : "not yet signed"}
                </li>
              );
            })}
          </ul>
          {signoffError ? (
            <p className="form-error" role="alert">
              {signoffError}
            </p>
          ) : null}
          {mySignable.length ? (
            <ActionForm intent="signoff" className="form-row">
              <input type="hidden" name="versionId" value={current.id} />
              {mySignable.length === 1 ? (
                <input type="hidden" name="partnerId" value={mySignable[0].partnerId} />
              ) : (
                <Select name="partnerId" label="Sign for" required state={signoff} options={mySignable.map((m) => ({ value: String(m.partnerId), label: m.shortName }))} />
              )}
              <div className="actions">
                <Submit intent="signoff">Sign off version {current.version}{mySignable.length === 1 ? ` for ${mySignable[0].shortName}` : ""}</Submit>
              </div>
            </ActionForm>
          ) : null}
        </section>
      )}
      {versions.length > 1 ? (
        <section aria-labelledby="earlier">
          <h2 id="earlier">Earlier versions</h2>
          {versions.slice(1).map((v) => (
            <details key={v.id} className="card">
              <summary>
                Version {v.version}, {formatDate(v.createdAt)}: signed by {v.signoffs.length ? v.signoffs.map((s) => s.shortName).join(", ") : "no one"}
              </summary>
              <dl className="facts">
                {SECTIONS.map(([key, label]) => (
                  <div key={key} style={{ display: "contents" }}>
                    <dt>{label}</dt>
                    <dd className="prewrap">{v[key]}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ))}
        </section>
      ) : null}
      {canManage ? (
        <section className="card" aria-labelledby="write-version">
          <h2 id="write-version">{current ? `Write version ${current.version + 1}` : "Write the agreement"}</h2>
          <ActionForm intent="version" className="stack">
            <FormError state={version} />
            {SECTIONS.map(([key, label]) => (
              <TextArea key={key} name={key} label={label} required state={version} defaultValue={current?.[key] ?? ""} rows={3} />
            ))}
            <div className="actions">
              <Submit intent="version">{current ? "Save as a new version" : "Save version 1"}</Submit>
            </div>
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
