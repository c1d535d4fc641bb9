import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LegalTypeBadge, StanceBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, Field, FormError, Select, Submit, stateFor } from "~/components/form";
import { OneTimeLink } from "~/components/invite-form";
import { invitationForm } from "~/domain/auth-forms";
import { parseForm, single } from "~/domain/forms";
import { createInvitation } from "~/models/accounts.server";
import { PartnerFields } from "~/components/partner-fields";
import { currentStances } from "~/domain/critical-mass";
import { can } from "~/domain/permissions";
import { formatDate } from "~/domain/dates";
import { partnerForm } from "~/domain/forms";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { listStanceEvents } from "~/models/endorsements.server";
import { getPartner, updatePartner } from "~/models/partners.server";
import { tableAccess, authorize, requirePermission } from "~/server/guards/auth.server";
import { clientIp } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, linkCreated, readForm, refused, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const { partner, affiliates } = getPartner(db, user, { coalitionId, partnerId: idParam(params, "partnerId", "Partner") });
    const events = listStanceEvents(db, user, { coalitionId, partnerId: partner.id });
    const current = [...currentStances(events).values()].filter((e) => e.affiliateId === null);
    // A representative invites its own affiliates' leads here (the People page is the facilitator's).
    const invitable = affiliates.filter((a) => can(user, { action: "invite", coalitionId, role: "affiliate_lead", partnerId: partner.id, affiliateId: a.id }).ok).map((a) => ({ id: a.id, name: a.name, partnerShortName: partner.shortName }));
    return { coalitionId, partner, affiliates, current, invitable, canManage: can(user, { action: "partner.manage", coalitionId, partnerId: partner.id }).ok, saved: new URL(request.url).searchParams.has("saved") };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const partnerId = idParam(params, "partnerId", "Partner");
    const actor = await authorize(request, context, { action: "partner.manage", coalitionId, partnerId });
    const values = await readForm(request);
    if (values.intent === "invite") {
      const parsed = parseForm(invitationForm, { ...values, role: "affiliate_lead", partnerId: String(partnerId) });
      const { affiliates } = getPartner(db, actor, { coalitionId, partnerId });
      const ownAffiliate = affiliates.some((a) => String(a.id) === single(values.affiliateId).trim());
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...(ownAffiliate ? {} : { affiliateId: "Choose one of this partner's affiliates." }) };
      if (!parsed.ok || !ownAffiliate) return invalid("invite", errors, values);
      requirePermission(actor, { action: "invite", coalitionId, ...parsed.data }, context, db);
      const result = createInvitation(db, actor, { ...parsed.data, coalitionId }, clientIp(context));
      if (!result.ok) return refused("invite", result, values);
      return linkCreated("invite", result.token, result.invitation.email, request);
    }
    return submit("update", partnerForm, values, (data) => updatePartner(db, actor, coalitionId, partnerId, data), (result) => `/tables/${coalitionId}/partners/${partnerId}?saved`);
  });
}

export default function PartnerDetail() {
  const { coalitionId, partner, affiliates, current, canManage, saved, invitable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = stateFor(actionData, "update");
  const invite = stateFor(actionData, "invite");
  const link = actionData && "link" in actionData && typeof actionData.link === "string" ? actionData.link : null;
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/partners`}>Partners</Link>
      </p>
      <h1>
        {partner.name} <span className="muted">({partner.shortName})</span>
      </h1>
      {saved && !state ? <p className="notice ok" role="status">Saved.</p> : null}
      <dl className="facts card">
        <dt>Legal type</dt>
        <dd>
          <LegalTypeBadge legalType={partner.legalType} />
        </dd>
        <dt>Website</dt>
        <dd>{partner.website ? <a href={partner.website}>{partner.website}</a> : "—"}</dd>
        <dt>Contact</dt>
        <dd>
          {partner.contactName ?? "—"} {partner.contactEmail ? <a href={`mailto:${partner.contactEmail}`}>{partner.contactEmail}</a> : null}
        </dd>
      </dl>
      {partner.legalType === "c3" ? (
        <p className="notice warn">
          As a {LEGAL_TYPE_LABELS.c3}, this partner does nonpartisan work only: it cannot endorse or join a sub-table (firewall rule F1).
        </p>
      ) : null}
      <h2>Current stances</h2>
      {current.length === 0 ? (
        <p className="empty">No stance recorded.</p>
      ) : (
        <ul className="history card">
          {current.map((e) => (
            <li key={e.id}>
              <StanceBadge stance={e.stance} /> <Link to={`${base}/candidates/${e.candidateId}`}>{e.candidateName}</Link>{" "}
              <span className="muted">· {formatDate(e.decidedOn)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Affiliates</h2>
      {affiliates.length === 0 ? (
        <p className="empty">No affiliates yet.</p>
      ) : (
        <ul className="history card">
          {affiliates.map((a) => (
            <li key={a.id}>
              <Link to={`${base}/affiliates/${a.id}`}>{a.name}</Link> <span className="muted">· {a.state}</span>
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
      <p>
        <Link to={`${base}/affiliates?partner=${partner.id}#add-affiliate`}>Add an affiliate of {partner.shortName}</Link>
      </p>
      ) : null}
      {invitable.length > 0 ? (
        <section className="card" aria-labelledby="invite-lead">
          <h2 id="invite-lead">Invite an affiliate lead</h2>
          {link ? <OneTimeLink link={link} what="Invitation created." /> : null}
          <ActionForm key={link ?? "form"} intent="invite" className="stack" aria-labelledby="invite-lead">
            <FormError state={invite} />
            <div className="form-row">
              <Field name="name" label="Name" required state={invite} autoComplete="off" />
              <Field name="email" label="Email" type="email" required state={invite} autoComplete="off" />
            </div>
            <Select name="affiliateId" label="Affiliate they will lead" required state={invite} placeholder="Choose an affiliate" options={invitable.map((a) => ({ value: String(a.id), label: a.name }))} />
            <Submit intent="invite" pendingText="Creating link…">
              Create invitation link
            </Submit>
            <p className="hint">No email is sent: copy the link and send it yourself. It works once, for 7 days.</p>
          </ActionForm>
        </section>
      ) : null}
      {canManage ? (
      <section className="card" aria-labelledby="edit-partner">
        <h2 id="edit-partner">Edit partner</h2>
        <ActionForm intent="update" className="stack">
          <FormError state={state} />
          <PartnerFields state={state} partner={partner} />
          <div className="actions">
            <Submit intent="update">Save partner</Submit>
          </div>
        </ActionForm>
      </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
