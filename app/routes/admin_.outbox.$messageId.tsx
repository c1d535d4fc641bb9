import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { MAIL_KIND_LABELS, MAIL_STATUS_LABELS } from "~/domain/mail";
import { getOutboxMessage, retryMessage } from "~/models/outbox.server";
import { authorize } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Message · Outbox · Coalition Table" }];

/** One message of the outbox as it was (or will be) sent: headers, text, attachment, attempts. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const messageId = idParam(params, "messageId", "Message");
    const user = await authorize(request, context, { action: "admin" });
    const m = getOutboxMessage(getDb(), user, { messageId });
    return { message: { ...m, headers: JSON.parse(m.headers) as Record<string, string> } };
  });
}

/** Puts a dead or failed message back in the queue, due now. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const messageId = idParam(params, "messageId", "Message");
    const user = await authorize(request, context, { action: "admin" });
    retryMessage(getDb(), user, { messageId });
    return redirect(`/admin/outbox/${messageId}`);
  });
}

export default function OutboxMessage() {
  const { message: m } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="message-title">
      <p className="breadcrumbs">
        <Link to="/admin">Admin</Link> › <Link to="/admin/outbox">Outbox</Link>
      </p>
      <h1 id="message-title">{m.subject}</h1>
      <dl className="facts">
        <dt>To</dt>
        <dd>{m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress}</dd>
        <dt>Kind</dt>
        <dd>{MAIL_KIND_LABELS[m.kind]}</dd>
        <dt>Status</dt>
        <dd>
          {MAIL_STATUS_LABELS[m.status]} after {m.attempts} attempt{m.attempts === 1 ? "" : "s"}
          {m.sentAt ? `, ${m.sentAt.slice(0, 16).replace("T", " ")} UTC` : ""}
        </dd>
        {m.status === "queued" || m.status === "failed" ? (
          <>
            <dt>Due</dt>
            <dd>{m.nextAttemptAt.slice(0, 16).replace("T", " ")} UTC</dd>
          </>
        ) : null}
        {m.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>{m.lastError}</dd>
          </>
        ) : null}
        {Object.entries(m.headers).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {m.status === "dead" || m.status === "failed" ? (
        <Form method="post">
          <button type="submit">Try again now</button>
        </Form>
      ) : null}
      <h2>Text</h2>
      <pre className="mail-body">{m.textBody}</pre>
      {m.ics ? (
        <>
          <h2>Attachment: invite.ics</h2>
          <pre className="mail-body">{m.ics}</pre>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
