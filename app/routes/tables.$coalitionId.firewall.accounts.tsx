import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { dedicationForm } from "~/domain/counsel-forms";
import { ACCOUNT_LABELS } from "~/domain/firewall";
import { formatDate } from "~/domain/dates";
import { dedicateAccount, listDedications } from "~/models/dedications.server";
import { isSeated } from "~/models/partners.server";
import { counselPartners } from "~/server/guards/audit-access.server";
import { authorize, requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused } from "~/server/http.server";

/**
 * Hybrid PAC accounts (issue 18): counsel of a hybrid PAC member dedicates each of its people
 * to the contribution account, to the non-contribution account, or leaves them on both (then
 * the independent account walls them). Counsel only; each change is audited.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const mine = counselPartners(user).filter((id) => isSeated(db, user, { coalitionId, partnerId: id }));
    const saved = new URL(request.url).searchParams.has("saved");
    return { coalitionId, saved, isCounsel: mine.length > 0, members: listDedications(db, user, { partnerIds: mine }) };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await authorize(request, context, { action: "table.view", coalitionId });
    const values = await readForm(request);
    const parsed = parse(dedicationForm, values);
    if (!parsed.ok) return invalid("dedicate", parsed.errors, parsed.values);
    requirePermission(user, { action: "firewall.manage", partnerId: parsed.data.partnerId }, context);
    const result = dedicateAccount(getDb(), user, parsed.data);
    if (!result.ok) return refused("dedicate", result, values);
    return redirect(`/tables/${coalitionId}/firewall/accounts?saved#member-${parsed.data.partnerId}`);
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const ACCOUNT_CHOICES = [
  { value: "both", label: "Both accounts (walled by the non-contribution account)" },
  { value: "contribution", label: ACCOUNT_LABELS.contribution },
  { value: "non_contribution", label: ACCOUNT_LABELS.non_contribution },
];

function DedicationForm({ member, people, actionData }: { member: Data["members"][number]["member"]; people: Data["members"][number]["people"]; actionData: unknown }) {
  const { form, fields, state } = useActionForm(dedicationForm, { intent: "dedicate", id: `dedicate-${member.id}`, actionData, defaultValue: { account: "contribution" } });
  const mine = state?.values?.partnerId === String(member.id);
  return (
    <ConformForm form={form} intent="dedicate" className="stack" aria-label={`Dedicate a person of ${member.shortName}`}>
      <input type="hidden" name={fields.partnerId.name} value={member.id} />
      {mine ? <FormErrors form={form} state={state} /> : null}
      <div className="form-row">
        <Choice field={fields.userId} label="Person" placeholder="Choose a person" options={people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))} />
        <Choice field={fields.account} label="Account" options={ACCOUNT_CHOICES} />
      </div>
      <Input field={fields.reason} label="Reason" hint="Why this person works on this account only; it goes into the audit trail." />
      <Submit intent="dedicate">Save</Submit>
    </ConformForm>
  );
}

export default function HybridAccounts() {
  const { coalitionId, saved, isCounsel, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/firewall`}>Firewall</Link>
      </p>
      <h1>Hybrid PAC accounts</h1>
      <p className="hint">
        A hybrid PAC keeps two accounts: a contribution account, which may coordinate with a campaign, and a non-contribution account for
        independent expenditures, which never does. A person working for both is walled from a campaign's non-public information by the
        independent account. Counsel can dedicate a person to one account: they then stand on that account's side only. Each change is written to
        the audit trail. This is not legal advice.
      </p>
      {saved ? (
        <p className="notice ok" role="status">
          Saved. The change is in the audit trail.
        </p>
      ) : null}
      {!isCounsel ? <p className="empty">Only a member's counsel dedicates its people to an account.</p> : null}
      {isCounsel && members.length === 0 ? <p className="empty">None of the members you are counsel of is a hybrid PAC.</p> : null}
      {members.map(({ member, people }) => (
        <section key={member.id} id={`member-${member.id}`} className="card" aria-labelledby={`member-h-${member.id}`}>
          <h2 id={`member-h-${member.id}`}>{member.name}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">The account each of {member.shortName}'s people stands on</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Account</th>
                  <th scope="col">Since</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.account ? ACCOUNT_LABELS[p.account] : "Both accounts"}</td>
                    <td>{p.setAt ? formatDate(p.setAt.slice(0, 10)) : "—"}</td>
                    <td>{p.reason || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DedicationForm member={member} people={people} actionData={actionData} />
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
