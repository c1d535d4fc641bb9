import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES, type Role } from "~/domain/vocabulary";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterSelect, stateFor } from "~/components/form";
import { InviteForm, OneTimeLink } from "~/components/invite-form";
import { invitationForm, revokeInvitationForm, revokeRoleForm } from "~/domain/auth-forms";
import { formatDate } from "~/domain/dates";
import { can, ROLE_LABELS } from "~/domain/permissions";
import { createInvitation, revokeGrant, revokeInvitation } from "~/models/accounts.server";
import { getGrant, getInvitation, grantHeldAtTable, pagePeople } from "~/models/people.server";
import { getCoalition } from "~/models/coalitions.server";
import { AFFILIATE_CHOICE_LIMIT, affiliateChoices, listPartners } from "~/models/partners.server";
import { contactWalledAmong } from "~/models/walls.server";
import { today } from "~/server/clock.server";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { clientIp } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, linkCreated, parse, readForm, redirect, refused } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "people.manage");
    const db = getDb();
    const url = new URL(request.url);
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100) || null;
    const roleParam = url.searchParams.get("role") ?? "";
    const role = (ROLES as readonly string[]).includes(roleParam) ? (roleParam as Role) : null; // an unknown role reads as all
    const people = pagePeople(db, user, { coalitionId, q, role, cursor: readCursor(url), invitesCursor: readCursor(url, "invites"), limit: pageSize(url) });
    // firewall F3: the "Walled" badge, asked for the people on this page only
    const walled = contactWalledAmong(db, user, { coalitionId, today: today(), userIds: people.grants.map((g) => g.userId), emails: people.grants.map((g) => g.email) });
    const choices = affiliateChoices(db, user, { coalitionId, q: (url.searchParams.get("aq") ?? "").slice(0, 100) });
    return {
      coalitionId,
      ...people,
      filter: { q, role },
      walledUserIds: people.grants.filter((g) => walled.has(g.userId) || walled.has(g.email.toLowerCase())).map((g) => g.userId),
      roles: ROLES.filter((r) => can(user, { action: "invite", coalitionId, role: r, partnerId: null, affiliateId: null }).ok),
      partners: listPartners(db, user, { coalitionId }),
      affiliates: choices.rows,
      affiliateSearch: { q: choices.q, truncated: choices.truncated, limit: AFFILIATE_CHOICE_LIMIT },
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "people.manage");
    const db = getDb();
    getCoalition(db, user, { coalitionId }); // no invitations to a table that does not exist
    const values = await readForm(request);
    const ip = clientIp(context);
    const here = `/tables/${coalitionId}/people`;
    switch (values.intent) {
      case "invite": {
        const parsed = parse(invitationForm, values);
        if (!parsed.ok) return invalid("invite", parsed.errors, parsed.values);
        requirePermission(user, { action: "invite", coalitionId, ...parsed.data }, context, db);
        const result = createInvitation(db, user, { ...parsed.data, coalitionId }, ip);
        if (!result.ok) return refused("invite", result, values);
        return linkCreated("invite", result.token, result.invitation.email, request);
      }
      case "revoke-role": {
        // the role is carried hidden in its row: a bad id is said above the list
        const parsed = parse(revokeRoleForm, values);
        if (!parsed.ok) return invalid("revoke-role", { _form: parsed.errors.grantId }, values);
        const grant = getGrant(db, user, { grantId: parsed.data.grantId });
        const mine = grantHeldAtTable(db, user, { coalitionId, grantId: grant.id });
        if (!mine) return invalid("revoke-role", { _form: "That role is not held at this table." }, values);
        // One may take back only what one may give: only the admin revokes a facilitator.
        requirePermission(user, { action: "invite", coalitionId, role: grant.role, partnerId: grant.partnerId, affiliateId: grant.affiliateId }, context, db);
        const result = revokeGrant(db, user, grant.id, ip);
        if (!result.ok) return refused("revoke-role", result, values);
        return redirect(here);
      }
      case "revoke-invitation": {
        const parsed = parse(revokeInvitationForm, values);
        if (!parsed.ok) return invalid("revoke-invitation", { _form: parsed.errors.invitationId }, values);
        const inv = getInvitation(db, user, { invitationId: parsed.data.invitationId });
        if (inv.coalitionId !== coalitionId) return invalid("revoke-invitation", { _form: "That invitation is not for this table." }, values);
        if (inv.role) requirePermission(user, { action: "invite", coalitionId, role: inv.role, partnerId: inv.partnerId, affiliateId: inv.affiliateId }, context, db);
        const result = revokeInvitation(db, user, inv.id, ip);
        if (!result.ok) return refused("revoke-invitation", result, values);
        return redirect(here);
      }
      default:
        return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function People() {
  const { coalitionId, grants, total, prev, next, pending, pendingTotal, pendingPrev, pendingNext, filter, roles, partners, affiliates, affiliateSearch, walledUserIds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const link = actionData && "link" in actionData ? actionData : null;
  const revokeErrors = (stateFor(actionData, "revoke-role") ?? stateFor(actionData, "revoke-invitation"))?.errors;
  const revokeError = revokeErrors ? Object.values(revokeErrors)[0] : null;
  return (
    <>
      <h1>People</h1>
      {revokeError ? (
        <p className="form-error" role="alert">
          {revokeError}
        </p>
      ) : null}
      <h2>Roles at this table</h2>
      <Form method="get" className="filters" aria-label="Filter people">
        <div className="field">
          <label htmlFor="pp-q">Name or email contains</label>
          <input id="pp-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <FilterSelect name="role" label="Role" value={filter.role} allLabel="All roles" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {grants.length === 0 ? (
        <p className="empty">{filter.q || filter.role ? "Nobody matches." : "Nobody holds a role here yet."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">For</th>
                <th scope="col">
                  <span className="visually-hidden">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id}>
                  <td>
                    {g.userName} <span className="muted">{g.email}</span>
                    {walledUserIds.includes(g.userId) ? (
                      <Link to={`/tables/${coalitionId}/firewall/walls`} className="badge decision-deny" title="Heard a campaign's plans or needs: walled from independent-side work in that race (rule F3)">
                        Walled
                      </Link>
                    ) : null}
                  </td>
                  <td>{ROLE_LABELS[g.role]}</td>
                  <td>{g.affiliateName ?? g.partnerShortName ?? "this table"}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-role" />
                      <input type="hidden" name="grantId" value={g.id} />
                      <button type="submit" className="secondary" aria-label={`Revoke ${ROLE_LABELS[g.role]} from ${g.userName}`}>
                        Revoke
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={grants.length} noun="roles" />
      <h2>Pending invitations</h2>
      {pending.length === 0 ? (
        <p className="empty">None.</p>
      ) : (
        <ul className="history card">
          {pending.map((i) => (
            <li key={i.id} className="actions">
              <span>
                {i.name} <span className="muted">{i.email}</span> · {i.role ? ROLE_LABELS[i.role] : "reset"} ·{" "}
                {i.expired ? <strong>expired</strong> : <>expires {formatDate(i.expiresAt)}</>}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-invitation" />
                <input type="hidden" name="invitationId" value={i.id} />
                <button type="submit" className="secondary" aria-label={`Withdraw the invitation to ${i.email}`}>
                  Withdraw
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {pendingTotal > pending.length ? <Pager prev={pendingPrev} next={pendingNext} total={pendingTotal} shown={pending.length} noun="pending invitations" param="invites" /> : null}
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title" style={{ marginTop: 0 }}>
          Invite someone
        </h2>
        {affiliateSearch.truncated || affiliateSearch.q ? (
          <Form method="get" className="filters" aria-label="Affiliates offered by the invitation form">
            <p className="hint">
              {affiliateSearch.q
                ? `Affiliates whose name contains “${affiliateSearch.q}”${affiliateSearch.truncated ? ` (the first ${affiliateSearch.limit})` : ""}.`
                : `The first ${affiliateSearch.limit} affiliates by name; search for another to invite its lead.`}
            </p>
            {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
            {filter.role ? <input type="hidden" name="role" value={filter.role} /> : null}
            <div className="field">
              <label htmlFor="pp-aq">Affiliate name contains</label>
              <input id="pp-aq" type="search" name="aq" defaultValue={affiliateSearch.q ?? ""} maxLength={100} />
            </div>
            <button type="submit" className="secondary">
              Find affiliates
            </button>
          </Form>
        ) : null}
        {link ? <OneTimeLink link={link.link} what={`Invitation for ${link.email} created.`} /> : null}
        <InviteForm key={link?.link ?? "form"} actionData={link ? undefined : actionData} roles={roles} partners={partners} affiliates={affiliates} />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
