import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Submit, Textarea, useActionForm } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { agreementForm, signoffForm } from "~/domain/meeting-forms";
import { can } from "~/domain/permissions";
import { getAgreement, saveAgreementVersion, signOffAgreement } from "~/models/agreements.server";
import { AgreementProposals, ProposeChange } from "~/components/agreement-proposals";
import { readCursor } from "~/domain/keyset";
import { agreementProposalForm, decideProposalForm } from "~/domain/proposals";
import { declineForm } from "~/domain/questions";
import { decideAgreementChange, listAgreementProposals, proposeAgreementChange } from "~/models/proposals.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const subCoalitionId = idParam(params, "subTableId", "Sub-table");
    const agreement = getAgreement(getDb(), user, { coalitionId, subCoalitionId, today: today() });
    return {
      coalitionId,
      ...agreement,
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
      // the members this person may sign for: its own partner, if it has not signed the current version
      mySignable: agreement.current ? agreement.members.filter((m) => !m.signed && can(user, { action: "agreement.signoff", coalitionId, partnerId: m.partnerId }).ok) : [],
      // members write too (issue 17): the changes members proposed, as diffs; the current members this person may propose for
      proposals: listAgreementProposals(getDb(), user, { subCoalitionId, cursor: readCursor(new URL(request.url), "changes") }),
      myProposers: agreement.current ? agreement.members.filter((m) => can(user, { action: "agreement.propose", coalitionId, partnerId: m.partnerId }).ok).map((m) => ({ partnerId: m.partnerId, shortName: m.shortName })) : [],
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
    const intent = values.intent ?? "";
    if (intent === "signoff") {
      requirePermission(user, { action: "table.view", coalitionId }, context, db);
      const parsed = parse(signoffForm, values);
      if (!parsed.ok) return invalid("signoff", parsed.errors, parsed.values);
      requirePermission(user, { action: "agreement.signoff", coalitionId, partnerId: parsed.data.partnerId }, context, db);
      const r = signOffAgreement(db, user, coalitionId, subTableId, parsed.data);
      return r.ok ? redirect(`${here}?signed`) : refused("signoff", r, values);
    }
    if (intent === "propose-change") {
      const parsed = parse(agreementProposalForm, values);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      requirePermission(user, { action: "agreement.propose", coalitionId, partnerId: parsed.data.partnerId }, context, db);
      return submit(intent, agreementProposalForm, values, (d) => proposeAgreementChange(db, user, { ...d, coalitionId, subCoalitionId: subTableId }), (r) => `${here}#change-${r.proposal.id}`);
    }
    requirePermission(user, { action: "table.manage", coalitionId }, context, db);
    if (intent === "accept-change") return submit(intent, decideProposalForm, values, (d) => decideAgreementChange(db, user, { coalitionId, subCoalitionId: subTableId, proposalId: d.id, accept: true }), () => `${here}?saved`);
    if (intent === "decline-change")
      return submit(intent, declineForm, values, (d) => decideAgreementChange(db, user, { coalitionId, subCoalitionId: subTableId, proposalId: d.id, accept: false, reply: d.reply }), () => `${here}#proposed-changes`);
    if (intent !== "version") return invalid(intent, { _form: "This form could not be understood. Reload the page and try again." }, values);
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
  const { coalitionId, subTable, members, versions, current, canManage, mySignable, proposals, myProposers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const version = useActionForm(agreementForm, { intent: "version", actionData, defaultValue: current });
  const signoff = useActionForm(signoffForm, { intent: "signoff", actionData, defaultValue: current ? { versionId: current.id, partnerId: mySignable[0]?.partnerId } : null });
  // a sign-off's refusal (an old version, not a member) is about the whole form: shown above it
  const signoffError = signoff.state?.errors ? Object.values(signoff.state.errors)[0] : null;
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
            <ConformForm form={signoff.form} intent="signoff" className="form-row">
              <input type="hidden" name={signoff.fields.versionId.name} value={current.id} />
              {mySignable.length === 1 ? (
                <input type="hidden" name={signoff.fields.partnerId.name} value={mySignable[0].partnerId} />
              ) : (
                <Choice field={signoff.fields.partnerId} label="Sign for" options={mySignable.map((m) => ({ value: m.partnerId, label: m.shortName }))} />
              )}
              <div className="actions">
                <Submit intent="signoff">Sign off version {current.version}{mySignable.length === 1 ? ` for ${mySignable[0].shortName}` : ""}</Submit>
              </div>
            </ConformForm>
          ) : null}
        </section>
      )}
      {current || proposals.total ? <AgreementProposals {...proposals} canManage={canManage} actionData={actionData} /> : null}
      {current && myProposers.length ? <ProposeChange current={current} partners={myProposers} actionData={actionData} /> : null}
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
          <ConformForm form={version.form} intent="version" className="stack">
            <FormErrors form={version.form} />
            {SECTIONS.map(([key, label]) => (
              <Textarea key={key} field={version.fields[key]} label={label} rows={3} />
            ))}
            <div className="actions">
              <Submit intent="version">{current ? "Save as a new version" : "Save version 1"}</Submit>
            </div>
          </ConformForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
