import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { affiliateForm, coverageForm} from "~/domain/forms";
import { AffiliateFields, CoverageInputs, coverageDefaults, coverageSummary } from "~/components/affiliate-fields";
import { LegalTypeBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { getAffiliate, listPartners, updateAffiliate, updateAffiliateCoverage } from "~/models/partners.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const affiliate = getAffiliate(db, user, { coalitionId, affiliateId: idParam(params, "affiliateId", "Affiliate") });
    const canEdit = can(user, { action: "partner.manage", coalitionId, partnerId: affiliate.partnerId }).ok;
    const canCoverage = can(user, { action: "affiliate.coverage", coalitionId, partnerId: affiliate.partnerId, affiliateId: affiliate.id }).ok;
    const partners = listPartners(db, user, { coalitionId }).filter((p) => can(user, { action: "partner.manage", coalitionId, partnerId: p.id }).ok);
    return { coalitionId, affiliate, partners, canEdit, canCoverage, saved: new URL(request.url).searchParams.has("saved") };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const affiliateId = idParam(params, "affiliateId", "Affiliate");
    const actor = await requireUser(request, db);
    const current = getAffiliate(db, actor, { coalitionId, affiliateId });
    const values = await readForm(request);
    const back = `/tables/${coalitionId}/affiliates/${affiliateId}?saved`;
    if (values.intent === "coverage") {
      requirePermission(actor, { action: "affiliate.coverage", coalitionId, partnerId: current.partnerId, affiliateId }, context, db);
      return submit("coverage", coverageForm, values, (data) => updateAffiliateCoverage(db, actor, coalitionId, affiliateId, data), () => back);
    }
    requirePermission(actor, { action: "partner.manage", coalitionId, partnerId: current.partnerId }, context, db);
    return submit(
      "update",
      affiliateForm,
      values,
      (data) => {
        requirePermission(actor, { action: "partner.manage", coalitionId, partnerId: data.partnerId }, context, db);
        return updateAffiliate(db, actor, coalitionId, affiliateId, data);
      },
      () => back,
    );
  });
}

export default function AffiliateDetail() {
  const { coalitionId, affiliate, partners, canEdit, canCoverage, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/tables/${coalitionId}`;
  const covered = coverageDefaults(affiliate.coverage);
  const update = useActionForm(affiliateForm, { intent: "update", actionData, defaultValue: { ...affiliate, ...covered } });
  const coverage = useActionForm(coverageForm, { intent: "coverage", actionData, defaultValue: covered });
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/affiliates`}>Affiliates</Link>
      </p>
      <h1>{affiliate.name}</h1>
      {saved && !update.state && !coverage.state ? <p className="notice ok" role="status">Saved.</p> : null}
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
        <dt>Covers</dt>
        <dd>{coverageSummary(affiliate.coverage) || "—"}</dd>
        <dt>Lead</dt>
        <dd>
          {affiliate.leadName ?? "—"} {affiliate.leadContact ? <span className="muted">· {affiliate.leadContact}</span> : null}
        </dd>
      </dl>
      {canEdit ? (
        <section className="card" aria-labelledby="edit-affiliate">
          <h2 id="edit-affiliate">Edit affiliate</h2>
          <ConformForm form={update.form} intent="update" className="stack">
            <FormErrors form={update.form} />
            <AffiliateFields fields={update.fields} partners={partners} />
            <div className="actions">
              <Submit intent="update">Save affiliate</Submit>
            </div>
          </ConformForm>
        </section>
      ) : canCoverage ? (
        <section className="card" aria-labelledby="edit-coverage">
          <h2 id="edit-coverage">Edit coverage</h2>
          <ConformForm form={coverage.form} intent="coverage" className="stack">
            <FormErrors form={coverage.form} />
            <CoverageInputs fields={coverage.fields} />
            <div className="actions">
              <Submit intent="coverage">Save coverage</Submit>
            </div>
          </ConformForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
