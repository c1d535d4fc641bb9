import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PublicShiftFacts } from "~/components/public-shift-panel";
import { shiftName } from "~/domain/mail";
import { cancelByToken, volunteerSignup } from "~/models/public-shifts.server";
import { getDb } from "~/server/db.server";
import { handle, notFound } from "~/server/http.server";
import { requireSameOrigin } from "~/server/session.server";

/**
 * A volunteer's own sign-up (issue 14), by the secret in their confirmation's link: the
 * confirmation page after signing up, and the one-click cancel (single use) that frees the place.
 */
export const meta: MetaFunction = () => [{ title: "Your sign-up · Coalition Table" }, { name: "robots", content: "noindex" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  return handle(() => {
    const s = volunteerSignup(getDb(), "system", { cancelToken: params.cancelToken ?? "" });
    if (!s) throw notFound("Sign-up");
    const url = new URL(request.url);
    return { signup: s, justSigned: url.searchParams.has("new"), justCancelled: url.searchParams.has("cancelled") };
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  return handle(() => {
    requireSameOrigin(request);
    const cancelToken = params.cancelToken ?? "";
    const r = cancelByToken(getDb(), null, { cancelToken });
    if (r === null) throw notFound("Sign-up");
    if (!r.ok) return { error: r.message };
    return redirect(`/volunteer/${cancelToken}?cancelled`);
  });
}

export default function VolunteerSignup() {
  const { signup: s, justSigned, justCancelled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const f = s.facts;
  return (
    <section className="public-shift" aria-labelledby="signup-title">
      <h1 id="signup-title">{s.cancelledAt ? "Your sign-up is cancelled" : justSigned ? "You're signed up" : "Your sign-up"}</h1>
      {justSigned && !s.cancelledAt ? (
        <p className="notice" role="status">
          Thanks, {s.volunteerName}. A confirmation with a calendar invitation is on its way to your inbox.
        </p>
      ) : null}
      {justCancelled ? (
        <p className="notice" role="status">
          Cancelled: your place is free for someone else. Thank you for letting the hosts know.
        </p>
      ) : null}
      {actionData && "error" in actionData ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <h2>{shiftName(f)}</h2>
      <PublicShiftFacts facts={f} />
      {s.shiftCancelled ? <p className="notice">The hosts cancelled this shift.</p> : null}
      {!s.cancelledAt && !s.over && !s.shiftCancelled ? (
        <Form method="post">
          <p className="hint">Can&apos;t make it? Cancel, and your place goes to someone else. This link works once.</p>
          <button type="submit">Cancel my sign-up</button>
        </Form>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
