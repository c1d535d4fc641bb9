import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, stateFor, useActionForm } from "~/components/form";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import type { Side } from "~/domain/firewall";
import { listRaceStates } from "~/models/races.server";
import { sideForm, sidesRaceQuery } from "~/domain/counsel-forms";
import { ACCOUNT_LABELS, SIDE_LABELS } from "~/domain/firewall";
import { single } from "~/domain/forms";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { can } from "~/domain/permissions";
import { listSides, setSide, SIDES_PAGE_RACES } from "~/models/sides.server";
import { authorize, requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, intQuery, invalid, parse, readForm, redirect, refused } from "~/server/http.server";

const SIDES = ["independent", "coordinated", "none"] as const;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    const sideParam = url.searchParams.get("side");
    // the race search ("PA-07") narrows by state and district; a state chosen in its own filter wins
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 40);
    const searched = sidesRaceQuery(q);
    const filter = {
      raceId: intQuery(url, "race"),
      q,
      district: searched?.district ?? null,
      state: (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || searched?.state || null,
      partnerId: intQuery(url, "partner"),
      side: (SIDES as readonly string[]).includes(sideParam ?? "") ? (sideParam as Side) : null,
    };
    const { q: _q, ...sql } = filter;
    const sides = listSides(db, user, { coalitionId, ...sql, cursor: readCursor(url), limit: pageSize(url, 50, SIDES_PAGE_RACES) });
    return {
      coalitionId,
      filter,
      saved: url.searchParams.has("saved"),
      states: listRaceStates(db, user, { coalitionId }),
      seated: sides.seated.map((m) => ({ value: m.id, label: m.shortName })),
      members: sides.members.map((m) => ({ ...m, editable: can(user, { action: "firewall.manage", partnerId: m.id }).ok })),
      races: sides.races,
      total: sides.total,
      prev: sides.prev,
      next: sides.next,
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
    return redirect(`/tables/${coalitionId}/firewall/sides?race=${parsed.data.raceId}&saved#race-${parsed.data.raceId}`);
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Race = Data["races"][number];
type RaceSide = Race["sides"][number];

/** One member's side in one race (each row its own form; a refused post shows on its row only). */
function SideForm({ race, s, label, actionData }: { race: Race; s: RaceSide; label: string; actionData: unknown }) {
  const { form, fields } = useActionForm(sideForm, { intent: "side", id: `side-${race.id}-${s.partnerId}-${s.account}`, actionData, defaultValue: { side: s.side, reason: s.reason } });
  return (
    <ConformForm form={form} intent="side" className="side-form" aria-label={label}>
      <input type="hidden" name={fields.partnerId.name} value={s.partnerId} />
      <input type="hidden" name={fields.raceId.name} value={race.id} />
      <input type="hidden" name={fields.account.name} value={s.account} />
      <Choice field={fields.side} label="Side" options={s.allowed.map((a) => ({ value: a, label: SIDE_LABELS[a] }))} />
      <Input field={fields.reason} label="Reason" />
      <FormErrors form={form} />
      <Submit intent="side">Save</Submit>
    </ConformForm>
  );
}

export default function Sides() {
  const { coalitionId, filter, saved, states, seated, members, races, total, prev, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = stateFor(actionData, "side");
  const v = state?.values ?? {};
  const failedKey = state?.values ? `${single(v.raceId)}:${single(v.partnerId)}:${single(v.account)}` : null;
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
      <Form method="get" className="filters" aria-label="Filter the sides">
        <div className="field">
          <label htmlFor="sides-q">Race</label>
          <input id="sides-q" name="q" type="search" defaultValue={filter.q} maxLength={40} placeholder="PA-07" aria-describedby="sides-q-hint" />
          <p className="hint" id="sides-q-hint">
            A state and district, or a district.
          </p>
        </div>
        <FilterSelect name="state" label="State" value={filter.state} allLabel="All states" options={states} />
        <FilterSelect name="partner" label="Member" value={filter.partnerId} allLabel="All members" options={seated} />
        <FilterSelect name="side" label="Side" value={filter.side} allLabel="Any side" options={SIDES.map((s) => ({ value: s, label: SIDE_LABELS[s] }))} />
        <button type="submit" className="secondary">
          Filter
        </button>
        {filter.raceId ? (
          <p className="hint">
            One race. <Link to={`/tables/${coalitionId}/firewall/sides`}>All races</Link>
          </p>
        ) : null}
      </Form>
      {races.length === 0 ? <p className="empty">No races match.</p> : null}
      {races.map((race) => (
        <section key={race.id} id={`race-${race.id}`} aria-labelledby={`race-h-${race.id}`}>
          <h2 id={`race-h-${race.id}`}>{race.label}</h2>
          <div className="table-scroll" tabIndex={0}>
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
                  return (
                    <tr key={key}>
                      <th scope="row">
                        {m?.shortName} <span className="muted">{m ? LEGAL_TYPE_LABELS[m.legalType] : ""}</span>
                      </th>
                      <td>{ACCOUNT_LABELS[s.account]}</td>
                      <td>
                        {m?.editable && s.allowed.length > 1 ? (
                          <SideForm race={race} s={s} label={`Side of ${m.shortName} (${ACCOUNT_LABELS[s.account]}) in ${race.label}`} actionData={key === failedKey ? actionData : undefined} />
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
      <Pager prev={prev} next={next} total={total} shown={races.length} noun="races" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
