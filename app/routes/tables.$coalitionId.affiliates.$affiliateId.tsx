import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { affiliateForm } from "~/domain/forms";
import { AffiliateFields, coverageText } from "~/components/affiliate-fields";
import { LegalTypeBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, FormError, Submit, stateFor } from "~/components/form";
import { getAffiliate, listPartners, updateAffiliate } from "~/models/partners.server";
import { requireActor } from "~/utils/actor.server";
import { getDb } from "~/utils/db.server";
import { handle, idParam, readForm, submit } from "~/utils/http.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  return handle(() => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const affiliate = getAffiliate(db, coalitionId, idParam(params, "affiliateId", "Affiliate"));
    return { coalitionId, affiliate, partners: listPartners(db, coalitionId), saved: new URL(request.url).searchParams.has("saved") };
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const affiliateId = idParam(params, "affiliateId", "Affiliate");
    const actor = requireActor(request, db);
    const values = await readForm(request);
    return submit("update", affiliateForm, values, (data) => updateAffiliate(db, actor, coalitionId, affiliateId, data), (result) => `/tables/${coalitionId}/affiliates/${affiliateId}?saved`);
  });
}

export default function AffiliateDetail() {
  const { coalitionId, affiliate, partners, saved } = useLoaderData<typeof loader>();
  const state = stateFor(useActionData<typeof action>(), "update");
  const base = `/tables/${coalitionId}`;
  const districts = coverageText(affiliate.coverage, "district");
  const counties = coverageText(affiliate.coverage, "county");
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/affiliates`}>Affiliates</Link>
      </p>
      <h1>{affiliate.name}</h1>
      {saved && !state ? <p className="notice ok" role="status">Saved.</p> : null}
      <dl className="facts card">
        <dt>Partner</dt>
        <dd>
          <Link to={`${base}/partners/${affiliate.partnerId}`}>{affiliate.partnerName}</Link>
        </dd>
        <dt>State</dt>
        <dd>{affiliate.state}</dd>
        <dt>Legal type</dt>
        <dd>
          <LegalTypeBadge legalType={affiliate.effectiveLegalType} /> {affiliate.legalType ? null : <span className="muted">(the partner's)</span>}
        </dd>
        <dt>Districts</dt>
        <dd>{districts || "—"}</dd>
        <dt>Counties</dt>
        <dd>{counties || "—"}</dd>
        <dt>Lead</dt>
        <dd>
          {affiliate.leadName ?? "—"} {affiliate.leadContact ? <span className="muted">· {affiliate.leadContact}</span> : null}
        </dd>
      </dl>
      <section className="card" aria-labelledby="edit-affiliate">
        <h2 id="edit-affiliate">Edit affiliate</h2>
        <ActionForm intent="update" className="stack">
          <FormError state={state} />
          <AffiliateFields
            state={state}
            partners={partners}
            defaults={{ ...affiliate, districts, counties }}
          />
          <div className="actions">
            <Submit intent="update">Save affiliate</Submit>
          </div>
        </ActionForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
