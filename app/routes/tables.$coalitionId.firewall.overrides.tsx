import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, Textarea, stateFor, useActionForm } from "~/components/form";
import { OVERRIDE_SCOPE_LABELS, overrideForm, overrideIdForm } from "~/domain/counsel-forms";
import { formatDate } from "~/domain/dates";
import { OVERRIDE_SCOPES } from "~/domain/vocabulary";
import { approveOverride, createOverride, pageOverrides, revokeOverride } from "~/models/overrides.server";
import { isSeated, listPartners } from "~/models/partners.server";
import { listRaceStates } from "~/models/races.server";
import { boundedRaceChoices, stateParam } from "~/models/race-choices.server";
import { Pager } from "~/components/pager";
import { encodeCursor, pageSize, readCursor } from "~/domain/keyset";
import { counselPartners } from "~/server/guards/audit-access.server";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, parse, readForm, redirect, refused } from "~/server/http.server";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** Counsel only: the members this person is counsel of at this table (a 403 for anyone else). */
async function counselAccess(args: Args) {
  const { user, coalitionId } = await tableAccess(args, "table.view");
  const db = getDb();
  const members = counselPartners(user).filter((id) => isSeated(db, user, { coalitionId, partnerId: id }));
  requirePermission(user, { action: "firewall.manage", partnerId: members[0] ?? 0 }, args.context);
  return { user, coalitionId, members };
}

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, members } = await counselAccess(args);
    const db = getDb();
    const url = new URL(args.request.url);
    const state = stateParam(url);
    const page = pageOverrides(db, user, { coalitionId, partnerIds: members, today: today(), cursor: readCursor(url), limit: pageSize(url) });
    const choices = boundedRaceChoices(db, user, { coalitionId, state });
    return {
      coalitionId,
      me: user.id,
      today: today(),
      members: listPartners(db, user, { coalitionId }).filter((p) => members.includes(p.id)).map((p) => ({ value: String(p.id), label: p.name })),
      state,
      states: listRaceStates(db, user, { coalitionId }),
      races: choices.races,
      needState: choices.needState,
      overrides: page.rows,
      total: page.total,
      prev: page.prev,
      next: page.next,
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, members } = await counselAccess(args);
    const db = getDb();
    const values = await readForm(args.request);
    const back = `/tables/${coalitionId}/firewall/overrides`;
    const intent = values.intent ?? "";
    if (intent === "create") {
      const parsed = parse(overrideForm, values);
      if (!parsed.ok) return invalid("create", parsed.errors, parsed.values);
      requirePermission(user, { action: "firewall.manage", partnerId: members.includes(parsed.data.partnerId) ? parsed.data.partnerId : 0 }, args.context);
      const result = createOverride(db, user, coalitionId, parsed.data, today());
      if (!result.ok) return refused("create", result, values);
      return redirect(`${back}?saved#override-${result.override.id}`);
    }
    if (intent === "approve" || intent === "revoke") {
      const parsed = parse(overrideIdForm, values);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      const run = intent === "approve" ? approveOverride : revokeOverride;
      const result = run(db, user, parsed.data.overrideId, members);
      if (!result.ok) return refused(intent, { ...result, field: `override-${parsed.data.overrideId}` }, values);
      // back to the page of the list it was on (the form posts to the page's own address)
      const onPage = readCursor(new URL(args.request.url));
      return redirect(`${back}?saved${onPage ? `&page=${encodeCursor(onPage)}` : ""}#override-${parsed.data.overrideId}`);
    }
    return invalid("_", { _form: "Unknown action." }, values);
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function OverrideForm({ members, races, needState, today }: Pick<Data, "members" | "races" | "needState" | "today">) {
  const { form, fields } = useActionForm(overrideForm, { intent: "create", actionData: useActionData<typeof action>(), defaultValue: { partnerId: members[0]?.value } });
  return (
    <ConformForm form={form} intent="create" aria-labelledby="new-override">
      <Choice field={fields.partnerId} label="Member" options={members} />
      <Choice field={fields.raceId} label="Race" options={races} placeholder={needState ? "Choose a state above first" : "Choose a race"} />
      <Choice field={fields.scope} label="What it allows" options={OVERRIDE_SCOPES.map((s) => ({ value: s, label: OVERRIDE_SCOPE_LABELS[s] }))} placeholder="Choose" />
      <Input field={fields.subjectId} label="Only for item number" inputMode="numeric" hint="The shift, wall entry or vendor number the refusal named; leave empty for the whole race." />
      <Textarea field={fields.reason} label="Reason" />
      <Input field={fields.expiresOn} label="Expires on" type="date" hint={`The last day it is in force (today is ${formatDate(today)}).`} />
      <FormErrors form={form} />
      <Submit intent="create">Record override</Submit>
    </ConformForm>
  );
}

/** A one-button form on an override (approve, revoke): nothing to fill in, so a plain post; its refusal shows on the override. */
function OverrideButton({ intent, overrideId, children, className }: { intent: "approve" | "revoke"; overrideId: number; children: string; className?: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="overrideId" value={overrideId} />
      <Submit intent={intent} className={className}>
        {children}
      </Submit>
    </Form>
  );
}

export default function Overrides() {
  const { coalitionId, me, members, state, states, races, needState, overrides, total, prev, next, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rowError = (id: number) => (stateFor(actionData, "approve") ?? stateFor(actionData, "revoke"))?.errors?.[`override-${id}`];
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/firewall`}>Firewall</Link>
      </p>
      <h1>Overrides</h1>
      <p className="hint">
        When the firewall refuses something (a walled person on independent-side work, a vendor without its policy, a shift or an export with a
        campaign), your member's counsel can override the refusal for one race, with a reason and an expiry date (rule F9). A joint canvass
        with a campaign needs the approval of two of your member's counsel. Every override and approval is in the audit trail. Not legal advice.
      </p>
      <section className="card" aria-labelledby="new-override">
        <h2 id="new-override">Record an override</h2>
        {needState || state ? (
          <Form method="get" className="filters" aria-label="Races offered by the form">
            <p className="hint">{state ? `Races in ${state}.` : "The table has too many races to list here: choose the race's state first."}</p>
            <FilterSelect name="state" label="Races from state" value={state} allLabel="Choose a state" options={states} />
            <button type="submit" className="secondary">
              Show races
            </button>
          </Form>
        ) : null}
        <OverrideForm members={members} races={races} needState={needState} today={today} />
      </section>
      <h2>Your members' overrides</h2>
      {overrides.length === 0 ? <p>No overrides yet.</p> : null}
      <ul className="plain-list">
        {overrides.map((o) => {
          const approvedByMe = o.approvals.some((a) => a.userId === me);
          const status = o.revokedAt ? "Revoked" : o.expired ? "Expired" : o.inForce ? "In force" : `Waiting for approval ${o.approvals.length + 1} of ${o.requiredApprovals}`;
          return (
            <li key={o.id} id={`override-${o.id}`} className="card">
              <h3>
                #{o.id} {OVERRIDE_SCOPE_LABELS[o.scope]} <span className={`badge${o.inForce ? " ok" : ""}`}>{status}</span>
              </h3>
              <dl className="facts">
                <dt>Member</dt>
                <dd>{o.member}</dd>
                <dt>Race</dt>
                <dd>{o.race}</dd>
                <dt>Rule</dt>
                <dd>{o.rule}</dd>
                {o.subjectId ? (
                  <>
                    <dt>Only for</dt>
                    <dd>
                      {o.subjectType} #{o.subjectId}
                    </dd>
                  </>
                ) : null}
                <dt>Reason</dt>
                <dd>{o.reason}</dd>
                <dt>Expires</dt>
                <dd>{formatDate(o.expiresOn)}</dd>
                <dt>Approved by</dt>
                <dd>{o.approvals.map((a) => `${a.name} (${formatDate(a.at)})`).join(", ")}</dd>
              </dl>
              {rowError(o.id) ? (
                <p className="field-error" role="alert">
                  {rowError(o.id)}
                </p>
              ) : null}
              {!o.revokedAt ? (
                <div className="actions">
                  {!approvedByMe && o.approvals.length < o.requiredApprovals ? (
                    <OverrideButton intent="approve" overrideId={o.id}>
                      Approve
                    </OverrideButton>
                  ) : null}
                  <OverrideButton intent="revoke" overrideId={o.id} className="secondary">
                    Revoke
                  </OverrideButton>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Pager prev={prev} next={next} total={total} shown={overrides.length} noun="overrides" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
