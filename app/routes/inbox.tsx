import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { Submit } from "~/components/form";
import { pageSize, readCursor } from "~/domain/keyset";
import { DIGEST_HOURS, DIGEST_ZONES, hourLabel, NOTIFICATION_LABELS, NOTIFY_MODE_LABELS } from "~/domain/notifications";
import { digestTimeForm, preferencesForm } from "~/domain/notification-forms";
import { formatInZone } from "~/domain/zoned-time";
import { digestTime, setDigestTime } from "~/models/digests.server";
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
    return { ...page, prefs: preferences(db, user), digest: digestTime(db, user), saved: url.searchParams.get("saved") };
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
    if (values.intent === "digest") {
      const parsed = parse(digestTimeForm, values);
      if (!parsed.ok) return invalid("digest", parsed.errors, values);
      setDigestTime(db, user, { hour: parsed.data.digestHour, timeZone: parsed.data.digestZone });
      return redirect("/inbox?saved=digest#digest-title");
    }
    const parsed = parse(preferencesForm, values);
    if (!parsed.ok) return invalid("prefs", parsed.errors, values);
    setPreferences(db, user, parsed.data);
    return redirect("/inbox?saved=prefs#prefs-title");
  });
}

export default function Inbox() {
  const { rows, prev, next, total, unread, prefs, digest, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<{ intent: string; errors: Record<string, string>; values: Record<string, string> }>();
  const digestErrors = failed?.intent === "digest" ? failed.errors : {};
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
        {saved === "prefs" ? (
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
      <section className="card" aria-labelledby="digest-title">
        <h2 id="digest-title">When the daily digest comes</h2>
        {saved === "digest" ? (
          <p className="notice" role="status">
            Saved.
          </p>
        ) : null}
        <p className="hint">
          Once a day, at this hour in this time zone, with everything set to <em>Daily digest</em> since the last one.
          {digest.nextAt ? ` The next is due ${formatInZone(digest.nextAt, digest.timeZone, { date: true, zone: true })}.` : ""}
        </p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="digest" />
          <div className="field">
            <label htmlFor="digest-hour">Hour</label>
            <select id="digest-hour" name="digestHour" defaultValue={failed?.intent === "digest" ? failed.values.digestHour : String(digest.hour)} aria-invalid={digestErrors.digestHour ? true : undefined} aria-describedby={digestErrors.digestHour ? "digest-hour-error" : undefined}>
              {DIGEST_HOURS.map((h) => (
                <option key={h} value={h}>
                  {hourLabel(h)}
                </option>
              ))}
            </select>
            {digestErrors.digestHour ? (
              <p id="digest-hour-error" className="error">
                {digestErrors.digestHour}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="digest-zone">Time zone</label>
            <select id="digest-zone" name="digestZone" defaultValue={failed?.intent === "digest" ? failed.values.digestZone : digest.timeZone} aria-invalid={digestErrors.digestZone ? true : undefined} aria-describedby={digestErrors.digestZone ? "digest-zone-error" : undefined}>
              {DIGEST_ZONES.map((z) => (
                <option key={z} value={z}>
                  {z === "UTC" ? "UTC" : z.replace(/^[A-Za-z]+\//, "").replace(/_/g, " ")}
                </option>
              ))}
            </select>
            {digestErrors.digestZone ? (
              <p id="digest-zone-error" className="error">
                {digestErrors.digestZone}
              </p>
            ) : null}
          </div>
          <Submit intent="digest">Save the hour</Submit>
        </Form>
      </section>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
