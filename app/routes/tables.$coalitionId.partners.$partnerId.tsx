import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { LegalTypeBadge, StanceBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { OneTimeLink } from "~/components/invite-form";
import { leadInvitationForm } from "~/domain/auth-forms";
import { single } from "~/domain/forms";
import { createInvitation } from "~/models/accounts.server";
import { PartnerFields } from "~/components/partner-fields";
import { can } from "~/domain/permissions";
import { formatDate } from "~/domain/dates";
import { partnerForm } from "~/domain/forms";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { listPartnerStances } from "~/models/endorsements.server";
import { pageSize, readCursor } from "~/domain/keyset";
import { Pager } from "~/components/pager";
import { isPartnerAffiliate, pagePartnerAffiliates, partnerAtTable, updatePartner } from "~/models/partners.server";
import { tableAccess, authorize, requirePermission } from "~/server/guards/auth.server";
import { clientIp } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, linkCreated, parse, readForm, refused, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const partner = partnerAtTable(db, user, { coalitionId, partnerId: idParam(params, "partnerId", "Partner") });
    const url = new URL(request.url);
    const current = listPartnerStances(db, user, { coalitionId, partnerId: partner.id, cursor: readCursor(url), limit: pageSize(url) });
    // its affiliates, paged apart from the stances (`affiliates=` cursor) and searched by name (`aq`)
    const affiliatePage = pagePartnerAffiliates(db, user, { partnerId: partner.id, q: (url.searchParams.get("aq") ?? "").slice(0, 100), cursor: readCursor(url, "affiliates"), limit: pageSize(url) });
    const affiliates = affiliatePage.rows;
    // A representative invites its own affiliates' leads here (the People page is the facilitator's): those listed.
    const invitable = affiliates.filter((a) => can(user, { action: "invite", coalitionId, role: "affiliate_lead", partnerId: partner.id, affiliateId: a.id }).ok).map((a) => ({ id: a.id, name: a.name, partnerShortName: partner.shortName }));
    return { coalitionId, partner, affiliates, affiliatePage: { total: affiliatePage.total, prev: affiliatePage.prev, next: affiliatePage.next, q: affiliatePage.q }, current, invitable, canManage: can(user, { action: "partner.manage", coalitionId, partnerId: partner.id }).ok, saved: new URL(request.url).searchParams.has("saved") };
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
      const parsed = parse(leadInvitationForm, values);
      partnerAtTable(db, actor, { coalitionId, partnerId });
      const affiliateId = Number(single(values.affiliateId).trim());
      const ownAffiliate = Number.isSafeInteger(affiliateId) && affiliateId > 0 && isPartnerAffiliate(db, actor, { partnerId, affiliateId });
      const errors = { ...(ownAffiliate ? {} : { affiliateId: "Choose one of this partner's affiliates." }), ...(parsed.ok ? {} : parsed.errors) };
      if (!parsed.ok || !ownAffiliate) return invalid("invite", errors, values);
      const invitation = { ...parsed.data, role: "affiliate_lead" as const, partnerId };
      requirePermission(actor, { action: "invite", coalitionId, ...invitation }, context, db);
      const result = createInvitation(db, actor, { ...invitation, coalitionId }, clientIp(context));
      if (!result.ok) return refused("invite", result, values);
      return linkCreated("invite", result.token, result.invitation.email, request);
    }
    return submit("update", partnerForm, values, (data) => updatePartner(db, actor, coalitionId, partnerId, data), (result) => `/tables/${coalitionId}/partners/${partnerId}?saved`);
  });
}

export default function PartnerDetail() {
  const { coalitionId, partner, affiliates, affiliatePage, current, canManage, saved, invitable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, fields, state } = useActionForm(partnerForm, { intent: "update", actionData, defaultValue: partner });
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
      <p>
        <Link to={`${base}/processes/${partner.id}`}>{partner.shortName}'s endorsement process</Link> ·{" "}
        <Link to={`${base}/capacity/${partner.id}`}>capacity and red lines</Link>
      </p>
      <h2>Current stances</h2>
      {current.rows.length === 0 ? (
        <p className="empty">No stance recorded.</p>
      ) : (
        <ul className="history card">
          {current.rows.map((e) => (
            <li key={e.id}>
              <StanceBadge stance={e.stance} /> <Link to={`${base}/candidates/${e.candidateId}`}>{e.candidateName}</Link>{" "}
              <span className="muted">· {formatDate(e.decidedOn)}</span>
            </li>
          ))}
        </ul>
      )}
      {current.total > current.rows.length ? <Pager prev={current.prev} next={current.next} total={current.total} shown={current.rows.length} noun="current stances" /> : null}
      <h2>Affiliates</h2>
      {affiliatePage.total > affiliates.length || affiliatePage.q ? (
        <Form method="get" className="filters" aria-label="Find affiliates">
          <div className="field">
            <label htmlFor="pa-q">Affiliate name contains</label>
            <input id="pa-q" type="search" name="aq" defaultValue={affiliatePage.q ?? ""} maxLength={100} />
          </div>
          <button type="submit" className="secondary">
            Find
          </button>
        </Form>
      ) : null}
      {affiliates.length === 0 ? (
        <p className="empty">{affiliatePage.q ? "No affiliate matches." : "No affiliates yet."}</p>
      ) : (
        <ul className="history card">
          {affiliates.map((a) => (
            <li key={a.id}>
              <Link to={`${base}/affiliates/${a.id}`}>{a.name}</Link> <span className="muted">· {a.state}</span>
            </li>
          ))}
        </ul>
      )}
      {affiliatePage.total > affiliates.length ? (
        <Pager prev={affiliatePage.prev} next={affiliatePage.next} total={affiliatePage.total} shown={affiliates.length} noun="affiliates" param="affiliates" label="Pages of affiliates" />
      ) : null}
      {canManage ? (
      <p>
        <Link to={`${base}/affiliates?partner=${partner.id}#add-affiliate`}>Add an affiliate of {partner.shortName}</Link>
      </p>
      ) : null}
      {invitable.length > 0 ? (
        <section className="card" aria-labelledby="invite-lead">
          <h2 id="invite-lead">Invite an affiliate lead</h2>
          {link ? <OneTimeLink link={link} what="Invitation created." /> : null}
          {affiliatePage.total > affiliates.length ? <p className="hint">The form offers the affiliates listed above; find or page to another to invite its lead.</p> : null}
          <LeadInviteForm key={link ?? "form"} actionData={link ? undefined : actionData} invitable={invitable} />
        </section>
      ) : null}
      {canManage ? (
      <section className="card" aria-labelledby="edit-partner">
        <h2 id="edit-partner">Edit partner</h2>
        <ConformForm form={form} intent="update" className="stack">
          <FormErrors form={form} />
          <PartnerFields fields={fields} />
          <div className="actions">
            <Submit intent="update">Save partner</Submit>
          </div>
        </ConformForm>
      </section>
      ) : null}
    </>
  );
}

/** A lead's invitation for one of this partner's affiliates; a fresh form once a link is made. */
function LeadInviteForm({ actionData, invitable }: { actionData: unknown; invitable: { id: number; name: string }[] }) {
  const { form, fields } = useActionForm(leadInvitationForm, { intent: "invite", actionData });
  return (
    <ConformForm form={form} intent="invite" className="stack" aria-labelledby="invite-lead">
      <FormErrors form={form} />
      <div className="form-row">
        <Input field={fields.name} label="Name" autoComplete="off" />
        <Input field={fields.email} label="Email" type="email" autoComplete="off" />
      </div>
      <Choice field={fields.affiliateId} label="Affiliate they will lead" placeholder="Choose an affiliate" options={invitable.map((a) => ({ value: a.id, label: a.name }))} />
      <Submit intent="invite" pendingText="Creating link…">
        Create invitation link
      </Submit>
      <p className="hint">No email is sent: copy the link and send it yourself. It works once, for 7 days.</p>
    </ConformForm>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
