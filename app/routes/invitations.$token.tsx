import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { existingAccountForm, newPasswordForm, PASSWORD_MIN } from "~/domain/auth-forms";
import { ROLE_LABELS } from "~/domain/permissions";
import { acceptInvitation, findInvitation, invitationProblem, signIn } from "~/models/accounts.server";
import { clientIp, requireSameOrigin, sessionStorage } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle, parse, readForm } from "~/server/http.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Coalition Table" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return handle(() => {
    const found = findInvitation(getDb(), params.token ?? "");
    if (found.state !== "valid") {
      // A clear page, and nothing about whom the link was for.
      throw new Response(invitationProblem(found.state), { status: found.state === "unknown" ? 404 : 410 });
    }
    const inv = found.invitation;
    return {
      kind: inv.kind,
      email: inv.email,
      name: found.existingUser?.name ?? inv.name,
      role: inv.role ? ROLE_LABELS[inv.role] : null,
      existing: !!found.existingUser?.passwordHash,
      expiresAt: inv.expiresAt,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    requireSameOrigin(request);
    const token = params.token ?? "";
    const values = await readForm(request);
    const db = getDb();
    const found = findInvitation(db, token);
    if (found.state !== "valid") throw new Response(invitationProblem(found.state), { status: found.state === "unknown" ? 404 : 410 });
    const joinsExisting = found.invitation.kind === "invite" && !!found.existingUser?.passwordHash;
    const parsed = joinsExisting
      ? parse(existingAccountForm.transform((v) => ({ ...v, name: "" })), values)
      : parse(newPasswordForm, values);
    const keep = { name: values.name ?? "" };
    if (!parsed.ok) return data({ intent: "accept", errors: parsed.errors, values: keep }, { status: 400 });
    const name = parsed.data.name || found.invitation.name;
    const ip = clientIp(context);
    const result = acceptInvitation(db, token, { name, password: parsed.data.password }, ip);
    if (!result.ok) return data({ intent: "accept", errors: { [result.field ?? "_form"]: result.message }, values: keep }, { status: 400 });
    const signedIn = signIn(db, { email: found.invitation.email, password: parsed.data.password, ip, userAgent: request.headers.get("User-Agent") });
    if (!signedIn.ok) return redirect("/login");
    const session = await sessionStorage().getSession();
    session.set("sid", signedIn.sessionId);
    return redirect("/", { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
  });
}

export default function AcceptInvitation() {
  const inv = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reset = inv.kind === "reset";
  return (
    <section className="card auth-card" aria-labelledby="inv-title">
      <h1 id="inv-title">{reset ? "Set a new password" : "Join Coalition Table"}</h1>
      <p>
        {reset ? (
          <>For {inv.email}. Your other sessions end when you save.</>
        ) : (
          <>
            You are invited as <strong>{inv.role}</strong>, with the email {inv.email}.
            {inv.existing ? " You already have an account: enter its password to add this role to it." : null}
          </>
        )}
      </p>
      {inv.existing && !reset ? <ExistingAccountForm actionData={actionData} /> : <NewPasswordForm actionData={actionData} reset={reset} name={inv.name} />}
      <p className="hint">
        This link works once, until {new Date(inv.expiresAt).toUTCString().slice(0, 22)} UTC. <Link to="/login">Sign in instead</Link>
      </p>
    </section>
  );
}

/** Joining with an account one already has: its password. */
function ExistingAccountForm({ actionData }: { actionData: unknown }) {
  const { form, fields } = useActionForm(existingAccountForm, { intent: "accept", actionData });
  return (
    <ConformForm form={form} intent="accept" className="stack">
      <FormErrors form={form} />
      <Input field={fields.password} label="Your current password" type="password" autoComplete="current-password" />
      <div className="actions">
        <Submit intent="accept" pendingText="Saving…">
          Accept and sign in
        </Submit>
      </div>
    </ConformForm>
  );
}

/** A new account's name and password, or a reset's new password. */
function NewPasswordForm({ actionData, reset, name }: { actionData: unknown; reset: boolean; name: string }) {
  const { form, fields } = useActionForm(newPasswordForm, { intent: "accept", actionData, defaultValue: { name } });
  return (
    <ConformForm form={form} intent="accept" className="stack">
      <FormErrors form={form} />
      {reset ? null : <Input field={fields.name} label="Your name" autoComplete="name" />}
      <Input field={fields.password} label="Password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} />
      <Input field={fields.confirm} label="Password again" type="password" autoComplete="new-password" />
      <div className="actions">
        <Submit intent="accept" pendingText="Saving…">
          {reset ? "Save password" : "Accept and sign in"}
        </Submit>
      </div>
    </ConformForm>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
