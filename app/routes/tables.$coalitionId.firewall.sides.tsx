import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, Field, FormError, Select, Submit, stateFor } from "~/components/form";
import { sideForm } from "~/domain/counsel-forms";
import { ACCOUNT_LABELS, SIDE_LABELS } from "~/domain/firewall";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { can } from "~/domain/permissions";
import { listSides, setSide } from "~/models/sides.server";
import { authorize, requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const sides = listSides(getDb(), user, { coalitionId });
    return {
      coalitionId,
      saved: new URL(request.url).searchParams.has("saved"),
      members: sides.members.map((m) => ({ ...m, editable: can(user, { action: "firewall.manage", partnerId: m.id }).ok })),
      races: sides.races,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await authorize(request, context, { action: "table.view", coalitionId });
    const values = await readForm(request);
    const parsed = parse(sideForm, values);
    if (!parsed.ok) return invalid("side", parsed.errors, parsed.values);
    requirePermission(user, { action: "firewall.manage", partnerId: parsed.data.partnerId }, context);
    const result = setSide(getDb(), user, coalitionId, parsed.data);
    if (!result.ok) return refused("side", result, values);
    return redirect(`/tables/${coalitionId}/firewall/sides?saved#race-${parsed.data.raceId}`);
  });
}

export default function Sides() {
  const { coalitionId, saved, members, races } = useLoaderData<typeof loader>();
  const state = stateFor(useActionData<typeof action>(), "side");
  const failedKey = state?.values ? `${state.values.raceId}:${state.values.partnerId}:${state.values.account}` : null;
  const memberOf = (id: number) => members.find((m) => m.id === id);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/firewall`}>Firewall</Link>
      </p>
      <h1>Sides by race</h1>
      <p className="hint">
        Each member stands on one side of each race: independent (it may not receive a campaign's non-public information) or coordinated. The
        side comes from its legal type; where the law allows, its counsel sets it per race — a PAC choosing to coordinate in one race. A hybrid
        PAC's two accounts and a union's members-only program are sides of their own. A person acting for several members is walled if any of
        their sides is independent.
      </p>
      {saved ? (
        <p className="notice ok" role="status">
          Saved. The change is in the audit trail.
        </p>
      ) : null}
      {races.length === 0 ? <p>No races yet.</p> : null}
      {races.map((race) => (
        <section key={race.id} id={`race-${race.id}`} aria-labelledby={`race-h-${race.id}`}>
          <h2 id={`race-h-${race.id}`}>{race.label}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Account</th>
                  <th scope="col">Side</th>
                </tr>
              </thead>
              <tbody>
                {race.sides.map((s) => {
                  const m = memberOf(s.partnerId);
                  const key = `${race.id}:${s.partnerId}:${s.account}`;
                  const mine = key === failedKey ? state : undefined;
                  return (
                    <tr key={key}>
                      <th scope="row">
                        {m?.shortName} <span className="muted">{m ? LEGAL_TYPE_LABELS[m.legalType] : ""}</span>
                      </th>
                      <td>{ACCOUNT_LABELS[s.account]}</td>
                      <td>
                        {m?.editable && s.allowed.length > 1 ? (
                          <ActionForm intent="side" className="side-form" aria-label={`Side of ${m.shortName} (${ACCOUNT_LABELS[s.account]}) in ${race.label}`}>
                            <input type="hidden" name="partnerId" value={s.partnerId} />
                            <input type="hidden" name="raceId" value={race.id} />
                            <input type="hidden" name="account" value={s.account} />
                            <Select name="side" label="Side" state={mine} defaultValue={s.side} options={s.allowed.map((a) => ({ value: a, label: SIDE_LABELS[a] }))} />
                            <Field name="reason" label="Reason" state={mine} defaultValue={s.reason} />
                            <FormError state={mine} />
                            <Submit intent="side">Save</Submit>
                          </ActionForm>
                        ) : (
                          <span className={`badge ${s.side}`}>{SIDE_LABELS[s.side]}</span>
                        )}
                        {s.setAt ? <span className="muted"> set by counsel{s.reason ? `: ${s.reason}` : ""}</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
