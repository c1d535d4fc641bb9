import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES } from "~/domain/vocabulary";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor } from "~/components/form";
import { AdminInviteForm, OneTimeLink } from "~/components/invite-form";
import { adminInvitationForm, passwordResetForm } from "~/domain/auth-forms";
import { createInvitation, createPasswordReset } from "~/models/accounts.server";
import { pageUsers } from "~/models/people.server";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { listCoalitions } from "~/models/coalitions.server";
import { lastBackup } from "~/models/backups.server";
import { backupSettings } from "~/server/settings.server";
import { BackupStatus, type BackupView } from "~/components/backup-status";
import { AFFILIATE_CHOICE_LIMIT, affiliateChoices, listPartners } from "~/models/partners.server";
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
    const url = new URL(request.url);
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100) || null;
    const page = pageUsers(db, user, { q, cursor: readCursor(url), limit: pageSize(url) });
    const choices = coalitions.length ? affiliateChoices(db, user, { coalitionId: coalitions[0].id, q: (url.searchParams.get("aq") ?? "").slice(0, 100) }) : { rows: [], truncated: false, q: null };
    return {
      users: page.rows,
      total: page.total,
      prev: page.prev,
      next: page.next,
      filter: { q },
      coalitions,
      partners: coalitions.length ? listPartners(db, user, { coalitionId: coalitions[0].id }) : [],
      affiliates: choices.rows,
      affiliateSearch: { q: choices.q, truncated: choices.truncated, limit: AFFILIATE_CHOICE_LIMIT },
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
  const { users, total, prev, next, filter, coalitions, partners, affiliates, affiliateSearch, backups } = useLoaderData<typeof loader>();
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
      <Form method="get" className="filters" aria-label="Find people">
        <div className="field">
          <label htmlFor="ad-q">Name or email contains</label>
          <input id="ad-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <button type="submit" className="secondary">
          Find
        </button>
      </Form>
      {users.length === 0 ? <p className="empty">Nobody matches.</p> : null}
      <div className="table-scroll" tabIndex={0}>
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
      <Pager prev={prev} next={next} total={total} shown={users.length} noun="people" />
      <section className="card" aria-labelledby="admin-invite" style={{ marginTop: "1rem" }}>
        <h2 id="admin-invite" style={{ marginTop: 0 }}>
          Invite someone to a table
        </h2>
        {affiliateSearch.truncated || affiliateSearch.q ? (
          <Form method="get" className="filters" aria-label="Affiliates offered by the invitation form">
            <p className="hint">
              {affiliateSearch.q
                ? `Affiliates whose name contains “${affiliateSearch.q}”${affiliateSearch.truncated ? ` (the first ${affiliateSearch.limit})` : ""}.`
                : `The first ${affiliateSearch.limit} affiliates by name; search for another to invite its lead.`}
            </p>
            {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
            <div className="field">
              <label htmlFor="ad-aq">Affiliate name contains</label>
              <input id="ad-aq" type="search" name="aq" defaultValue={affiliateSearch.q ?? ""} maxLength={100} />
            </div>
            <button type="submit" className="secondary">
              Find affiliates
            </button>
          </Form>
        ) : null}
        {link && link.intent === "invite" ? <OneTimeLink link={link.link} what={`Invitation for ${link.email} created.`} /> : null}
        <AdminInviteForm key={link?.link ?? "form"} actionData={link ? undefined : actionData} roles={ROLES} partners={partners} affiliates={affiliates} coalitions={coalitions} />
        <p className="hint">
          Partners and affiliates listed are those of the first table; for others, invite from the table's <Link to={coalitions[0] ? `/tables/${coalitions[0].id}/people` : "/"}>People</Link> page.
        </p>
      </section>
      <BackupStatus backups={backups} />
      <p>
        <Link to="/admin/outbox">Outbox</Link>: every message the app has sent or queued, and the dead letters.
      </p>
    </>
  );
}


export const ErrorBoundary = RouteErrorBoundary;
