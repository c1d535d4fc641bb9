import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PublicShiftFacts } from "~/components/public-shift-panel";
import { ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { publicSignupForm } from "~/domain/public-shift-forms";
import { shiftName } from "~/domain/mail";
import { publicShift, publicSignUp } from "~/models/public-shifts.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, notFound, parse, readForm, refused } from "~/server/http.server";
import { requireSameOrigin } from "~/server/session.server";

/**
 * A public shift page (issue 14): no account needed. The link itself says which affiliate
 * recruited the volunteer (its share link) or that the host did (the plain link). It shows the
 * shift's own logistics only: work type, title, time in the race's zone, place, places left,
 * hosts. Never notes, turf, the program or anything campaign-sourced (rule F2).
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${shiftName(data.shift.facts)} · Sign up` : "Sign up for a shift" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  return handle(() => {
    const shift = publicShift(getDb(), "system", { shareToken: params.shareToken ?? "" });
    if (!shift) throw notFound("Shift");
    return { shift, thanks: new URL(request.url).searchParams.has("thanks") };
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  return handle(async () => {
    requireSameOrigin(request);
    const shareToken = params.shareToken ?? "";
    const db = getDb();
    if (!publicShift(db, "system", { shareToken })) throw notFound("Shift");
    const values = await readForm(request);
    const parsed = parse(publicSignupForm, values);
    if (!parsed.ok) return invalid("signup", parsed.errors, values);
    // the honeypot: answered as a sign-up would be, and nothing is written
    if (parsed.data.website) return redirect(`/s/${shareToken}?thanks`);
    const base = process.env.PUBLIC_URL?.replace(/\/$/, "") || new URL(request.url).origin;
    const r = publicSignUp(db, null, { ...parsed.data, shareToken, base });
    if (!r.ok) return refused("signup", r, values);
    return redirect(`/volunteer/${r.cancelToken}?new`);
  });
}

export default function PublicShiftPage() {
  const { shift, thanks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, fields } = useActionForm(publicSignupForm, { intent: "signup", actionData });
  const f = shift.facts;
  return (
    <section className="public-shift" aria-labelledby="shift-title">
      <p className="muted">{f.workLabel}</p>
      <h1 id="shift-title">{f.title || f.workLabel}</h1>
      <PublicShiftFacts facts={f}>
        <dt>Places left</dt>
        <dd>
          {shift.placesLeft} of {shift.capacity}
        </dd>
      </PublicShiftFacts>
      {thanks ? (
        <p className="notice" role="status">
          Thanks! Look for the confirmation in your inbox.
        </p>
      ) : shift.state === "open" ? (
        <div className="card">
          <h2>Sign up</h2>
          <p className="hint">Invited by {shift.invitedBy}. Your email gets the confirmation, a calendar invitation and a link to cancel.</p>
          <ConformForm form={form} intent="signup" className="stack">
            <FormErrors form={form} />
            <Input field={fields.volunteerName} label="Your name" autoComplete="name" />
            <Input field={fields.email} label="Email" type="email" inputMode="email" autoComplete="email" />
            <Input field={fields.phone} label="Phone (optional)" type="tel" autoComplete="tel" />
            <div className="honeypot" aria-hidden="true">
              <label htmlFor="signup-website">Leave this empty</label>
              <input id="signup-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
            </div>
            <Submit intent="signup" pendingText="Signing up…">
              Sign up
            </Submit>
          </ConformForm>
        </div>
      ) : (
        <p className="notice" role="status">
          {shift.state === "full" ? "This shift is full: every place is taken." : shift.state === "cancelled" ? "This shift was cancelled." : "This shift has started; sign-ups are closed."}
        </p>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
