import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { LegalTypeBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { PartnerFields } from "~/components/partner-fields";
import { partnerForm, seatPartnerForm} from "~/domain/forms";
import { getCoalition } from "~/models/coalitions.server";
import { createPartner, listUnseatedPartners, pagePartners, seatPartner } from "~/models/partners.server";
import { tableAccess, authorize } from "~/server/guards/auth.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId: tableId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalition = getCoalition(db, user, { coalitionId: idParam(params, "coalitionId", "Table") });
    const canManage = can(user, { action: "table.manage", coalitionId: tableId }).ok;
    const url = new URL(request.url);
    const page = pagePartners(db, user, { coalitionId: coalition.id, q: (url.searchParams.get("q") ?? "").slice(0, 100), cursor: readCursor(url), limit: pageSize(url) });
    return { coalition, partners: page.rows, total: page.total, prev: page.prev, next: page.next, q: page.q, unseated: canManage ? listUnseatedPartners(db, user, { coalitionId: coalition.id }) : [], canManage };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    if (values.intent === "seat") {
      const parsed = parse(seatPartnerForm, values);
      if (!parsed.ok) return invalid("seat", parsed.errors, parsed.values);
      const { partnerId } = parsed.data;
      const result = seatPartner(db, actor, coalitionId, partnerId);
      if (!result.ok) return refused("seat", result, values);
      return redirect(`/tables/${coalitionId}/partners/${partnerId}`);
    }
    return submit("create", partnerForm, values, (data) => createPartner(db, actor, coalitionId, data), (result) => `/tables/${coalitionId}/partners/${result.partner.id}`);
  });
}

export default function PartnersIndex() {
  const { coalition, partners, total, prev, next, q, unseated, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const create = useActionForm(partnerForm, { intent: "create", actionData });
  const seat = useActionForm(seatPartnerForm, { intent: "seat", actionData });
  return (
    <>
      <h1>Partners</h1>
      <Form method="get" className="filters" aria-label="Find partners">
        <div className="field">
          <label htmlFor="pt-q">Name contains</label>
          <input id="pt-q" type="search" name="q" defaultValue={q ?? ""} maxLength={100} />
        </div>
        <button type="submit" className="secondary">
          Find
        </button>
      </Form>
      {partners.length === 0 ? (
        <p className="empty">{q ? "No partner matches." : "No partner sits at this table yet."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Short name</th>
                <th scope="col">Legal type</th>
                <th scope="col">Affiliates</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/tables/${coalition.id}/partners/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.shortName}</td>
                  <td>
                    <LegalTypeBadge legalType={p.legalType} />
                  </td>
                  <td>{p.affiliateCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={partners.length} noun="partners" />
      {canManage ? (
      <section className="card" aria-labelledby="add-partner">
        <h2 id="add-partner">Add a partner</h2>
        <ConformForm form={create.form} intent="create" className="stack">
          <FormErrors form={create.form} />
          <PartnerFields fields={create.fields} />
          <div className="actions">
            <Submit intent="create">Add partner</Submit>
          </div>
        </ConformForm>
      </section>
      ) : null}
      {unseated.length > 0 ? (
        <section className="card" aria-labelledby="seat-partner">
          <h2 id="seat-partner">Seat a partner from another table</h2>
          <ConformForm form={seat.form} intent="seat" className="stack">
            <FormErrors form={seat.form} />
            <Choice field={seat.fields.partnerId} label="Partner" placeholder="Choose a partner" options={unseated.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
            <div className="actions">
              <Submit intent="seat">Seat at this table</Submit>
            </div>
          </ConformForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
