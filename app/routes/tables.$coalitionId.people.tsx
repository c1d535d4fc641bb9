import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES } from "~/domain/vocabulary";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor } from "~/components/form";
import { InviteForm, OneTimeLink } from "~/components/invite-form";
import { invitationForm, revokeInvitationForm, revokeRoleForm } from "~/domain/auth-forms";
import { formatDate } from "~/domain/dates";
import { can, ROLE_LABELS } from "~/domain/permissions";
import { createInvitation, getGrant, getInvitation, listPeople, revokeGrant, revokeInvitation } from "~/models/accounts.server";
import { getCoalition } from "~/models/coalitions.server";
import { listAffiliates, listPartners } from "~/models/partners.server";
import { contactWalledToday } from "~/models/walls.server";
import { today } from "~/server/clock.server";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { clientIp } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, linkCreated, parse, readForm, redirect, refused } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "people.manage");
    const db = getDb();
    const people = listPeople(db, user, { coalitionId });
    const walled = contactWalledToday(db, user, { coalitionId, today: today() }); // firewall F3: the "Walled" badge
    return {
      coalitionId,
      ...people,
      walledUserIds: people.grants.filter((g) => walled.userIds.includes(g.userId) || walled.emails.includes(g.email.toLowerCase())).map((g) => g.userId),
      roles: ROLES.filter((role) => can(user, { action: "invite", coalitionId, role, partnerId: null, affiliateId: null }).ok),
      partners: listPartners(db, user, { coalitionId }),
      affiliates: listAffiliates(db, user, { coalitionId }).map((a) => ({ id: a.id, name: a.name, partnerShortName: a.partnerShortName })),
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
        const mine = listPeople(db, user, { coalitionId }).grants.some((g) => g.id === grant.id);
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
  const { coalitionId, grants, pending, roles, partners, affiliates, walledUserIds } = useLoaderData<typeof loader>();
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
      {grants.length === 0 ? (
        <p className="empty">Nobody holds a role here yet.</p>
      ) : (
        <div className="table-scroll">
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
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title" style={{ marginTop: 0 }}>
          Invite someone
        </h2>
        {link ? <OneTimeLink link={link.link} what={`Invitation for ${link.email} created.`} /> : null}
        <InviteForm key={link?.link ?? "form"} actionData={link ? undefined : actionData} roles={roles} partners={partners} affiliates={affiliates} />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
