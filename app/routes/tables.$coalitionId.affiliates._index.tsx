import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { affiliateForm } from "~/domain/forms";
import { AffiliateFields, coverageSummary } from "~/components/affiliate-fields";
import { LegalTypeBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { ConformForm, FormErrors, Submit, useActionForm, FilterSelect } from "~/components/form";
import { getCoalition } from "~/models/coalitions.server";
import { createAffiliate, pageAffiliates, listPartners } from "~/models/partners.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, intQuery, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalition = getCoalition(db, user, { coalitionId: idParam(params, "coalitionId", "Table") });
    const url = new URL(request.url);
    const state = (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || null;
    const partnerId = intQuery(url, "partner");
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100) || null;
    const page = pageAffiliates(db, user, { coalitionId: coalition.id, state, partnerId, q, cursor: readCursor(url), limit: pageSize(url) });
    return {
      coalition,
      affiliates: page.rows,
      total: page.total,
      prev: page.prev,
      next: page.next,
      states: page.states,
      partners: listPartners(db, user, { coalitionId: coalition.id }),
      manageable: listPartners(db, user, { coalitionId: coalition.id }).filter((p) => can(user, { action: "partner.manage", coalitionId: coalition.id, partnerId: p.id }).ok),
      filter: { state, partnerId, q },
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = await requireUser(request, db);
    if (!listPartners(db, actor, { coalitionId }).some((p) => can(actor, { action: "partner.manage", coalitionId, partnerId: p.id }).ok)) {
      requirePermission(actor, { action: "table.manage", coalitionId }, context, db);
    }
    const values = await readForm(request);
    return submit(
      "create",
      affiliateForm,
      values,
      (data) => {
        requirePermission(actor, { action: "partner.manage", coalitionId, partnerId: data.partnerId }, context, db);
        return createAffiliate(db, actor, coalitionId, data);
      },
      (result) => `/tables/${coalitionId}/affiliates/${result.affiliate.id}`,
    );
  });
}

export default function AffiliatesIndex() {
  const { coalition, affiliates, total, prev, next, states, partners, manageable, filter } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(affiliateForm, { intent: "create", actionData: useActionData<typeof action>(), defaultValue: { partnerId: filter.partnerId, state: filter.state } });
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <h1>Affiliates</h1>
      <Form method="get" className="filters" aria-label="Filter affiliates">
        <FilterSelect name="state" label="State" value={filter.state} allLabel="All states" options={states} />
        <FilterSelect name="partner" label="Partner" value={filter.partnerId} allLabel="All partners" options={partners.map((p) => ({ value: p.id, label: p.shortName }))} />
        <div className="field">
          <label htmlFor="af-q">Name contains</label>
          <input id="af-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {affiliates.length === 0 ? (
        <p className="empty">No affiliates match.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Affiliate</th>
                <th scope="col">Partner</th>
                <th scope="col">State</th>
                <th scope="col">Covers</th>
                <th scope="col" className="hide-narrow">Legal type</th>
                <th scope="col" className="hide-narrow">Lead</th>
              </tr>
            </thead>
            <tbody>
              {affiliates.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`${base}/affiliates/${a.id}`}>{a.name}</Link>
                  </td>
                  <td>{a.partnerShortName}</td>
                  <td>{a.state}</td>
                  <td>{coverageSummary(a.coverage) || "—"}</td>
                  <td className="hide-narrow">
                    <LegalTypeBadge legalType={a.effectiveLegalType} />
                  </td>
                  <td className="hide-narrow">{a.leadName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={affiliates.length} noun="affiliates" />
      {manageable.length > 0 ? (
      <section className="card" aria-labelledby="add-affiliate-title" id="add-affiliate">
        <h2 id="add-affiliate-title">Add an affiliate</h2>
        <ConformForm form={form} intent="create" className="stack" aria-labelledby="add-affiliate-title">
          <FormErrors form={form} />
          <AffiliateFields fields={fields} partners={manageable} />
          <div className="actions">
            <Submit intent="create">Add affiliate</Submit>
          </div>
        </ConformForm>
      </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
