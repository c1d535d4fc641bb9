import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { NOTIFICATION_LABELS } from "~/domain/notifications";
import { NOTIFICATION_KINDS, type NotificationKind } from "~/domain/vocabulary";
import { unsubscribe, unsubscribeKnown } from "~/models/notifications.server";
import { getDb } from "~/server/db.server";
import { handle, notFound } from "~/server/http.server";
import { requireSameOrigin } from "~/server/session.server";

export const meta: MetaFunction = () => [{ title: "Stop emails · Coalition Table" }, { name: "robots", content: "noindex" }];

/** The one-click way out of a kind of email (issue 14): the link in every notification; no sign-in needed. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  return handle(() => {
    if (!unsubscribeKnown(getDb(), "system", { token: params.unsubscribeToken ?? "" })) throw notFound("Link");
    const kind = new URL(request.url).searchParams.get("kind") ?? "all";
    const label = (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? NOTIFICATION_LABELS[kind as NotificationKind] : "every kind of notification";
    return { kind, label };
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  return handle(() => {
    requireSameOrigin(request);
    const kind = new URL(request.url).searchParams.get("kind") ?? "all";
    const r = unsubscribe(getDb(), null, { token: params.unsubscribeToken ?? "", kind });
    if (r === null) throw notFound("Link");
    return r.ok ? { done: true as const, error: null } : { done: false as const, error: r.message };
  });
}

export default function Unsubscribe() {
  const { label } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="auth-card card" aria-labelledby="unsub-title">
      <h1 id="unsub-title">Stop these emails</h1>
      {result?.done ? (
        <p className="notice" role="status">
          Done: no more emails for “{label}”. They still appear in your inbox; change this any time there.
        </p>
      ) : (
        <Form method="post">
          <p>No more emails for “{label}”.</p>
          {result?.error ? (
            <p className="form-error" role="alert">
              {result.error}
            </p>
          ) : null}
          <button type="submit">Stop these emails</button>
        </Form>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
