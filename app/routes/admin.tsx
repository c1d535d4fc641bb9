import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES } from "~/domain/vocabulary";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor } from "~/components/form";
import { AdminInviteForm, OneTimeLink } from "~/components/invite-form";
import { adminInvitationForm, passwordResetForm } from "~/domain/auth-forms";
import { createInvitation, createPasswordReset, listUsers } from "~/models/accounts.server";
import { listCoalitions } from "~/models/coalitions.server";
import { lastBackup } from "~/models/backups.server";
import { backupSettings } from "~/server/settings.server";
import { BackupStatus, type BackupView } from "~/components/backup-status";
import { listAffiliates, listPartners } from "~/models/partners.server";
import { authorize } from "~/server/guards/auth.server";
import { clientIp } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, linkCreated, parse, readForm, refused } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Admin · Coalition Table" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const user = await authorize(request, context, { action: "admin" });
    const db = getDb();
    const coalitions = listCoalitions(db, user).map((c) => ({ id: c.id, name: c.name }));
    return {
      users: listUsers(db, user),
      coalitions,
      partners: coalitions.length ? listPartners(db, user, { coalitionId: coalitions[0].id }) : [],
      affiliates: coalitions.length ? listAffiliates(db, user, { coalitionId: coalitions[0].id }).map((a) => ({ id: a.id, name: a.name, partnerShortName: a.partnerShortName })) : [],
      backups: backupView(),
    };
  });
}

function backupView(): BackupView {
  const { dir, keep, intervalMinutes } = backupSettings();
  return { dir, keep, everyMinutes: intervalMinutes, last: lastBackup(dir) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const user = await authorize(request, context, { action: "admin" });
    const db = getDb();
    const values = await readForm(request);
    const ip = clientIp(context);
    const intent = values.intent ?? "";
    if (intent === "reset") {
      // the person is carried hidden in their row: a bad id is said above the table
      const parsed = parse(passwordResetForm, values);
      if (!parsed.ok) return invalid("reset", { _form: parsed.errors.userId }, values);
      const { token, invitation } = createPasswordReset(db, user, parsed.data.userId, ip);
      return linkCreated("reset", token, invitation.email, request);
    }
    if (intent === "invite") {
      const parsed = parse(adminInvitationForm, values);
      if (!parsed.ok) return invalid("invite", parsed.errors, parsed.values);
      const { coalitionId } = parsed.data;
      if (!listCoalitions(db, user).some((c) => c.id === coalitionId)) return invalid("invite", { coalitionId: "Choose a table." }, values);
      const result = createInvitation(db, user, parsed.data, ip);
      if (!result.ok) return refused("invite", result, values);
      return linkCreated("invite", result.token, result.invitation.email, request);
    }
    return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
  });
}

export default function Admin() {
  const { users, coalitions, partners, affiliates, backups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const link = actionData && "link" in actionData ? actionData : null;
  const resetErrors = stateFor(actionData, "reset")?.errors;
  const resetError = resetErrors ? Object.values(resetErrors)[0] : null;
  return (
    <>
      <h1>Instance admin</h1>
      {resetError ? (
        <p className="form-error" role="alert">
          {resetError}
        </p>
      ) : null}
      {link && link.intent === "reset" ? <OneTimeLink link={link.link} what={`Password reset for ${link.email} created.`} /> : null}
      <h2>People</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Reset</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  {u.isAdmin ? "Admin · " : ""}
                  {u.disabledAt ? "Disabled" : u.hasPassword ? "Active" : "No password yet"}
                  {u.isDemo ? " · demo" : ""}
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="reset" />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className="secondary" aria-label={`Make a password reset link for ${u.name}`}>
                      Reset link
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="admin-invite" style={{ marginTop: "1rem" }}>
        <h2 id="admin-invite" style={{ marginTop: 0 }}>
          Invite someone to a table
        </h2>
        {link && link.intent === "invite" ? <OneTimeLink link={link.link} what={`Invitation for ${link.email} created.`} /> : null}
        <AdminInviteForm key={link?.link ?? "form"} actionData={link ? undefined : actionData} roles={ROLES} partners={partners} affiliates={affiliates} coalitions={coalitions} />
        <p className="hint">
          Partners and affiliates listed are those of the first table; for others, invite from the table's <Link to={coalitions[0] ? `/tables/${coalitions[0].id}/people` : "/"}>People</Link> page.
        </p>
      </section>
      <BackupStatus backups={backups} />
    </>
  );
}


export const ErrorBoundary = RouteErrorBoundary;
