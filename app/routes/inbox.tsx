import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { Submit } from "~/components/form";
import { pageSize, readCursor } from "~/domain/keyset";
import { NOTIFICATION_LABELS, NOTIFY_MODE_LABELS } from "~/domain/notifications";
import { preferencesForm } from "~/domain/notification-forms";
import { NOTIFICATION_KINDS, NOTIFY_MODES } from "~/domain/vocabulary";
import { inbox, markAllRead, preferences, setPreferences } from "~/models/notifications.server";
import { requireUser } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, parse, readForm, redirect } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Inbox · Coalition Table" }];

/** A person's notifications (issue 14), newest first, and how each kind reaches them by email. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handle(async () => {
    const user = await requireUser(request);
    const db = getDb();
    const url = new URL(request.url);
    const page = inbox(db, user, { cursor: readCursor(url), limit: pageSize(url) });
    return { ...page, prefs: preferences(db, user), saved: url.searchParams.has("saved") };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return handle(async () => {
    const user = await requireUser(request);
    const db = getDb();
    const values = await readForm(request);
    if (values.intent === "read") {
      markAllRead(db, user);
      return redirect("/inbox");
    }
    const parsed = parse(preferencesForm, values);
    if (!parsed.ok) return invalid("prefs", parsed.errors, values);
    setPreferences(db, user, parsed.data);
    return redirect("/inbox?saved");
  });
}

export default function Inbox() {
  const { rows, prev, next, total, unread, prefs, saved } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      <p className="muted">{unread > 0 ? `${unread} unread` : "Nothing unread."}</p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read" />
          <Submit intent="read" className="secondary">
            Mark all read
          </Submit>
        </Form>
      ) : null}
      {rows.length === 0 ? <p className="empty">No notifications yet.</p> : null}
      <ul className="item-list">
        {rows.map((n) => (
          <li key={n.id} className="card">
            {n.read ? null : <span className="badge status-active">new</span>} <strong>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</strong>
            {n.body ? <p>{n.body}</p> : null}
            <p className="hint">{n.createdAt.slice(0, 16).replace("T", " ")} UTC</p>
          </li>
        ))}
      </ul>
      <Pager prev={prev} next={next} total={total} shown={rows.length} noun="notifications" />
      <section className="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title">Email</h2>
        {saved ? (
          <p className="notice" role="status">
            Saved.
          </p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="prefs" />
          {NOTIFICATION_KINDS.map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`pref-${k}`}>{NOTIFICATION_LABELS[k]}</label>
              <select id={`pref-${k}`} name={k} defaultValue={prefs[k]}>
                {NOTIFY_MODES.map((m) => (
                  <option key={m} value={m}>
                    {NOTIFY_MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <Submit intent="prefs">Save</Submit>
        </Form>
      </section>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
