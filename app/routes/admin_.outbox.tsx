import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";
import { MAIL_KIND_LABELS, MAIL_STATUS_LABELS } from "~/domain/mail";
import { pageSize, readCursor } from "~/domain/keyset";
import { MAIL_STATUSES, type MailStatus } from "~/domain/vocabulary";
import { listOutbox } from "~/models/outbox.server";
import { authorize } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";
import { mailSettings } from "~/server/mailer.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Admin · Coalition Table" }];

/** The outbox (issue 14): every message the app has queued or sent, newest first, one status at a time if asked (dead letters). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const user = await authorize(request, context, { action: "admin" });
    const url = new URL(request.url);
    const raw = url.searchParams.get("status");
    const status = (MAIL_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as MailStatus) : null;
    const page = listOutbox(getDb(), user, { status, cursor: readCursor(url), limit: pageSize(url) });
    let smtp: string | null = null;
    try {
      const s = mailSettings();
      smtp = s ? (s.url ? new URL(s.url).host : `${s.host}:${s.port}`) : null;
    } catch {
      smtp = "misconfigured";
    }
    return { ...page, status, smtp };
  });
}

export default function Outbox() {
  const { rows, prev, next, total, counts, status, smtp } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="outbox-title">
      <p>
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="outbox-title">Outbox</h1>
      <p className="hint">
        {smtp
          ? `Mail goes out through the SMTP server at ${smtp}; failed messages are tried again with growing delays, then marked dead.`
          : "No SMTP server is configured (SMTP_URL or SMTP_HOST), so mail stays here, marked “kept”: this is what would have been sent."}
      </p>
      <ul className="table-nav" aria-label="Messages by status">
        <li>
          <Link to="/admin/outbox" aria-current={status === null ? "page" : undefined}>
            All ({Object.values(counts).reduce((s, n) => s + n, 0)})
          </Link>
        </li>
        {MAIL_STATUSES.map((s) => (
          <li key={s}>
            <Link to={`/admin/outbox?status=${s}`} aria-current={status === s ? "page" : undefined}>
              {MAIL_STATUS_LABELS[s]} ({counts[s] ?? 0})
            </Link>
          </li>
        ))}
      </ul>
      {rows.length === 0 ? <p className="empty">{status === "dead" ? "No dead letters." : "No messages."}</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Queued</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{m.toAddress}</td>
                  <td>{MAIL_KIND_LABELS[m.kind]}</td>
                  <td>
                    {MAIL_STATUS_LABELS[m.status]}
                    {m.attempts > 1 ? ` (${m.attempts} attempts)` : ""}
                    {m.lastError && m.status !== "sent" ? <span className="hint"> {m.lastError}</span> : null}
                  </td>
                  <td>{m.createdAt.slice(0, 16).replace("T", " ")} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager prev={prev} next={next} total={total} shown={rows.length} noun="messages" />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
