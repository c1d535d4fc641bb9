import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { loginForm, safeRedirect } from "~/domain/auth-forms";
import { signIn } from "~/models/accounts.server";
import { getUser } from "~/server/guards/auth.server";
import { clientIp, requireSameOrigin, sessionStorage } from "~/server/session.server";
import { knownUserIds, rememberDevice } from "~/server/device.server";
import { getDb } from "~/server/db.server";
import { handle, parse, readForm } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Coalition Table" }];

/** The throttle's Retry-After reaches the browser (a route's data() headers otherwise stay on the server). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, unreadable } = await getUser(request);
    const url = new URL(request.url);
    if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
    return { unreadable, signedOut: url.searchParams.has("signedOut") };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handle(async () => {
    requireSameOrigin(request);
    const values = await readForm(request);
    const parsed = parse(loginForm, values);
    const keep = { email: values.email ?? "", redirectTo: values.redirectTo ?? "" };
    if (!parsed.ok) return data({ intent: "login", errors: parsed.errors, values: keep }, { status: 400 });
    const result = signIn(getDb(), {
      email: parsed.data.email,
      password: parsed.data.password,
      ip: clientIp(context),
      userAgent: request.headers.get("User-Agent"),
      knownUserIds: await knownUserIds(request),
    });
    if (!result.ok && result.reason === "throttled") {
      const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000));
      const at = result.retryAt.toISOString().slice(11, 16);
      return data(
        { intent: "login", errors: { _form: `Too many failed sign-ins${result.scope === "address" ? " from your network" : ""}. Try again after ${at} UTC (in about ${minutes} minute${minutes === 1 ? "" : "s"}).` }, values: keep },
        { status: 429, headers: { "Retry-After": String(minutes * 60) } },
      );
    }
    if (!result.ok) {
      return data({ intent: "login", errors: { _form: "That email and password do not match an account." }, values: keep }, { status: 400 });
    }
    // A fresh cookie session carrying only the new session id.
    const session = await sessionStorage().getSession();
    session.set("sid", result.sessionId);
    const headers = new Headers();
    headers.append("Set-Cookie", await sessionStorage().commitSession(session));
    headers.append("Set-Cookie", await rememberDevice(request, result.userId));
    return redirect(safeRedirect(parsed.data.redirectTo), { headers });
  });
}

export default function Login() {
  const { unreadable, signedOut } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { form, fields, state } = useActionForm(loginForm, { intent: "login", actionData: useActionData<typeof action>() });
  return (
    <section className="card auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p className="lede">
        Coalition Table is where an endorsement table's partners track who endorses whom and see when enough of them back the same candidate to
        work together. It keeps each member's firewall against coordinating with campaigns, with the audit trail that proves it.
      </p>
      {signedOut ? <p className="notice ok" role="status">You are signed out.</p> : null}
      {unreadable && !state ? (
        <p className="notice warn" role="status">
          Your sign-in could not be read (it may have expired or been changed). Please sign in again.
        </p>
      ) : null}
      <ConformForm form={form} intent="login" className="stack" replace>
        <FormErrors form={form} />
        <input type="hidden" name={fields.redirectTo.name} value={state?.values?.redirectTo ?? params.get("redirectTo") ?? "/"} />
        <Input field={fields.email} label="Email" type="email" autoComplete="username" />
        <Input field={fields.password} label="Password" type="password" autoComplete="current-password" />
        <div className="actions">
          <Submit intent="login" pendingText="Signing in…">
            Sign in
          </Submit>
        </div>
      </ConformForm>
      <p className="hint">No account? Accounts come by invitation from your table's facilitator. Forgot your password? Ask the instance admin for a reset link.</p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
