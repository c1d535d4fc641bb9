import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { ProgramHeader } from "~/components/program-nav";
import { formatDate } from "~/domain/dates";
import { pledgeForm, programWeeks, WORK_TYPE_LABELS } from "~/domain/field-forms";
import { can } from "~/domain/permissions";
import { listPledges, setPledge } from "~/models/pledges.server";
import { requirePermission } from "~/server/guards/auth.server";
import { programAccess } from "~/server/guards/program-access.server";
import { handle, invalid, parse, readForm, redirect, refused } from "~/server/http.server";
import { WORK_TYPES } from "~/domain/vocabulary";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail, members, participants, db } = await programAccess({ params, request, context });
    const mayPledgeFor = participants
      .filter((a) => can(user, { action: "pledge.record", coalitionId, partnerId: a.partnerId, affiliateId: a.id, memberPartnerIds: members }).ok)
      .map((a) => ({ id: a.id, name: `${a.name} (${a.partnerShortName})` }));
    return { coalitionId, ...detail, pledges: listPledges(db, user, { programId }), weeks: programWeeks(detail.program.startDate, detail.program.endDate), mayPledgeFor };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, members, participants, db } = await programAccess({ params, request, context });
    const values = await readForm(request);
    if (values.intent !== "pledge") return invalid("pledge", { _form: "This form could not be understood. Reload the page and try again." }, values);
    const parsed = parse(pledgeForm, values);
    if (!parsed.ok) return invalid("pledge", parsed.errors, values);
    const affiliate = participants.find((a) => a.id === parsed.data.affiliateId);
    if (!affiliate) return invalid("pledge", { affiliateId: "Choose an affiliate of a partner in this sub-table." }, values);
    requirePermission(user, { action: "pledge.record", coalitionId, partnerId: affiliate.partnerId, affiliateId: affiliate.id, memberPartnerIds: members }, context);
    const r = setPledge(db, user, { coalitionId, programId, ...parsed.data });
    if (!r.ok) return refused("pledge", r, values);
    return redirect(`/tables/${coalitionId}/programs/${programId}/pledges`);
  });
}

export default function PledgesPage() {
  const d = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(pledgeForm, { intent: "pledge", actionData: useActionData<typeof action>() });
  const totals = new Map<string, number>();
  for (const p of d.pledges) totals.set(`${p.affiliateName} (${p.partnerShortName})|${p.workType}`, (totals.get(`${p.affiliateName} (${p.partnerShortName})|${p.workType}`) ?? 0) + p.hours);
  return (
    <>
      <ProgramHeader head={d} title="Pledges" />
      <p className="hint">Each affiliate pledges volunteer hours per kind of work and week. The turf is split in proportion to the hours pledged, and re-split (keeping locked units) whenever a pledge changes. Set 0 to withdraw a pledge.</p>
      {d.mayPledgeFor.length > 0 ? (
        <section className="card" aria-labelledby="pledge-title">
          <h2 id="pledge-title" style={{ marginTop: 0 }}>
            Pledge hours
          </h2>
          <ConformForm form={form} intent="pledge" className="stack">
            <FormErrors form={form} />
            <Choice field={fields.affiliateId} label="Affiliate" options={d.mayPledgeFor.map((a) => ({ value: String(a.id), label: a.name }))} />
            <div className="form-row">
              <Choice field={fields.workType} label="Work" options={WORK_TYPES.map((w) => ({ value: w, label: WORK_TYPE_LABELS[w] }))} />
              <Choice field={fields.weekStart} label="Week of" options={d.weeks.map((w) => ({ value: w, label: formatDate(w) }))} />
              <Input field={fields.hours} label="Volunteer hours" inputMode="decimal" />
            </div>
            <Submit intent="pledge">Save pledge</Submit>
          </ConformForm>
        </section>
      ) : null}
      <h2>Totals</h2>
      {totals.size === 0 ? (
        <p className="empty">No pledges yet.</p>
      ) : (
        <ul className="history card" aria-label="Pledged hours by affiliate and work">
          {[...totals].map(([key, hours]) => {
            const [name, work] = key.split("|");
            return (
              <li key={key}>
                <strong>{name}</strong>: {hours} h of {WORK_TYPE_LABELS[work as (typeof WORK_TYPES)[number]].toLowerCase()}
              </li>
            );
          })}
        </ul>
      )}
      <h2>By week</h2>
      {d.pledges.length === 0 ? (
        <p className="empty">No pledges yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Affiliate</th>
                <th scope="col">Work</th>
                <th scope="col">Week of</th>
                <th scope="col">Hours</th>
              </tr>
            </thead>
            <tbody>
              {d.pledges.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.affiliateName} <span className="muted">({p.partnerShortName})</span>
                  </td>
                  <td>{WORK_TYPE_LABELS[p.workType]}</td>
                  <td>{formatDate(p.weekStart)}</td>
                  <td>{p.hours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
