import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, Textarea, stateFor, useActionForm } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { single } from "~/domain/forms";
import { endWallForm, wallForm } from "~/domain/firewall-forms";
import { memberPeople } from "~/models/audit.server";
import { getCoalition } from "~/models/coalitions.server";
import { listRaceStates } from "~/models/races.server";
import { boundedRaceChoices, stateParam } from "~/models/race-choices.server";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { addWall, endWall, getWall, pageWalls, rosterMembers } from "~/models/walls.server";
import { authorize, requirePermission } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { tableLengths } from "~/models/firewall-lengths.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, submit } from "~/server/http.server";

const REASONS = [
  { value: "candidate_service", label: "Service for a candidate (walls that race)" },
  { value: "party_service", label: "Party committee service (walls every race)" },
];
const REASON_LABELS: Record<string, string> = { candidate_service: "Candidate service", party_service: "Party committee service", campaign_contact: "Campaign contact (F3)" };

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await authorize(request, context, { action: "wall.read", coalitionId });
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    const members = rosterMembers(db, user, { coalitionId });
    const on = today();
    const url = new URL(request.url);
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100) || null;
    const state = stateParam(url);
    const page = pageWalls(db, user, { coalitionId, today: on, q, cursor: readCursor(url), limit: pageSize(url) });
    // the form's races: per state on a large table (a counsel adds entries; others get none)
    const choices = members.length ? boundedRaceChoices(db, user, { coalitionId, state }) : { races: [], needState: false };
    return {
      lookbackDays: tableLengths(db, user, { coalitionId }).lookbackDays,
      today: on,
      filter: { q, state },
      states: members.length ? listRaceStates(db, user, { coalitionId }) : [],
      members: members.map((m) => ({ value: String(m.id), label: m.shortName })),
      people: members.flatMap((m) => memberPeople(db, user, { partnerId: m.id }).map((p) => ({ value: String(p.id), label: `${p.name} (${m.shortName})` }))),
      races: choices.races,
      needState: choices.needState,
      walls: page.rows.map((w) => ({ ...w, mine: members.some((m) => m.id === w.partnerId) })),
      total: page.total,
      prev: page.prev,
      next: page.next,
      saved: new URL(request.url).searchParams.has("saved"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await authorize(request, context, { action: "wall.read", coalitionId });
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    const values = await readForm(request);
    const back = `/tables/${coalitionId}/firewall/walls?saved`;
    switch (values.intent) {
      case "add": {
        // the member whose roster it is: its counsel only (a junk id is simply not theirs)
        requirePermission(user, { action: "wall.manage", coalitionId, partnerId: Number(single(values.partnerId)) || 0 }, context, db);
        return submit("add", wallForm, values, (data) => addWall(db, user, coalitionId, data), () => back);
      }
      case "end": {
        const wall = getWall(db, user, { coalitionId, wallId: Number(single(values.wallId)) || 0 });
        if (wall.partnerId === null) return invalid("end", { lastServiceDate: "A wall made by a campaign contact lasts until the general election." }, values);
        requirePermission(user, { action: "wall.manage", coalitionId, partnerId: wall.partnerId }, context, db);
        return submit("end", endWallForm, values, (data) => endWall(db, user, coalitionId, data.wallId, data.lastServiceDate), () => back);
      }
      default:
        return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

function Until({ until, lookbackDays }: { until: { kind: "general"; date: string | null } | { kind: "serving" } | { kind: "date"; date: string }; lookbackDays: number }) {
  if (until.kind === "serving") return <>While serving (then {lookbackDays} days)</>;
  if (until.kind === "general") return <>Until the general election{until.date ? ` (${formatDate(until.date)})` : ""}</>;
  return <>{formatDate(until.date)}</>;
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Wall = Data["walls"][number];

/** Ends one ongoing entry (a form per row; a refused post shows on its row only). */
function EndServiceForm({ wall }: { wall: Wall }) {
  const actionData = useActionData<typeof action>();
  const mine = single(stateFor(actionData, "end")?.values?.wallId) === String(wall.id);
  const { form, fields } = useActionForm(endWallForm, { intent: "end", id: `end-${wall.id}`, actionData: mine ? actionData : undefined });
  return (
    <ConformForm form={form} intent="end" className="inline-form" aria-label={`End ${wall.personName}'s service`}>
      <input type="hidden" name={fields.wallId.name} value={wall.id} />
      <Input field={fields.lastServiceDate} label="Last date of service" type="date" />
      <FormErrors form={form} />
      <Submit intent="end">End service</Submit>
    </ConformForm>
  );
}

/** A new entry on a member's roster. Keyed by the location, so a save clears it. */
function AddWallForm({ members, people, races, needState }: Pick<Data, "members" | "people" | "races" | "needState">) {
  const { form, fields } = useActionForm(wallForm, { intent: "add", actionData: useActionData<typeof action>(), defaultValue: { partnerId: members.length === 1 ? members[0].value : undefined } });
  return (
    <ConformForm form={form} intent="add" className="stack">
      <FormErrors form={form} />
      <Choice field={fields.partnerId} label="Member" options={members} placeholder={members.length === 1 ? undefined : "Choose a member"} />
      <Choice field={fields.userId} label="Person" options={people} placeholder="Someone not in the app (give name and email)" />
      <Input field={fields.personName} label="Name (if not in the app)" />
      <Input field={fields.email} label="Email (if not in the app)" type="email" />
      <Choice field={fields.reason} label="Reason" options={REASONS} placeholder="Choose a reason" />
      <Choice field={fields.raceId} label="Race (candidate service)" options={races} placeholder={needState ? "Choose a state above first" : "—"} />
      <Input field={fields.servedFor} label="Served for" hint="The candidate's campaign, or the party committee's name (needed for party service)." />
      <Input field={fields.startDate} label="Start date" type="date" />
      <Input field={fields.lastServiceDate} label="Last date of service" type="date" hint="Leave empty while the person still serves." />
      <Textarea field={fields.evidence} label="Evidence" hint="What shows the service: a payroll record, a filing, a letter." />
      <div className="actions">
        <Submit intent="add">Add to the roster</Submit>
      </div>
    </ConformForm>
  );
}

export default function WallRoster() {
  const { members, people, races, needState, states, filter, walls, total, prev, next, saved, today: on, lookbackDays } = useLoaderData<typeof loader>();
  // a new page after a save clears the add form; a refused post keeps what was typed
  const location = useLocation();
  const actionData = useActionData<typeof action>();
  const add = stateFor(actionData, "add");
  const end = stateFor(actionData, "end");
  return (
    <>
      <h1>Wall roster</h1>
      <p className="hint">
        People barred from independent-side work (firewall rules F3 and F4). Service for a candidate walls that race, and party committee service walls
        every race, while serving and for {lookbackDays} days (the table's lookback) after the last date of service, counted to the date of the work. A campaign contact where plans or
        needs were discussed walls its race until the general election. This is the table's policy, built on 11 CFR 109.21; it is not legal advice.
      </p>
      {saved && !add && !end ? (
        <p className="notice ok" role="status">
          Saved.
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Filter the roster">
        <div className="field">
          <label htmlFor="wl-q">Person's name or email contains</label>
          <input id="wl-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        {filter.state ? <input type="hidden" name="state" value={filter.state} /> : null}
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {walls.length === 0 ? (
        <p className="empty">{filter.q ? "No one on the roster you can see matches." : "No one is on the roster you can see."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Wall entries</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Reason</th>
                <th scope="col">Served</th>
                <th scope="col">Walled until</th>
                <th scope="col">In force today ({formatDate(on)})</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {walls.map((w) => (
                <tr key={w.id}>
                  <td>
                    {w.personName}
                    {w.partnerShortName ? <div className="muted">{w.partnerShortName}</div> : null}
                  </td>
                  <td>
                    {REASON_LABELS[w.reason]}
                    <div className="muted">{[w.reason === "party_service" ? "every race" : w.raceLabel, w.servedFor].filter(Boolean).join(" · ")}</div>
                  </td>
                  <td>
                    {formatDate(w.startDate)} – {w.reason === "campaign_contact" ? "" : w.lastServiceDate ? formatDate(w.lastServiceDate) : "still serving"}
                    {w.mine && w.reason !== "campaign_contact" && w.lastServiceDate === null ? (
                      <EndServiceForm wall={w} />
                    ) : null}
                  </td>
                  <td>
                    <Until until={w.until} lookbackDays={lookbackDays} />
                  </td>
                  <td>{w.inForce ? <span className="badge decision-deny">In force</span> : <span className="badge">Not in force</span>}</td>
                  <td>{w.evidence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={walls.length} noun="entries" />
      {members.length > 0 ? (
        <section className="card" aria-labelledby="add-wall">
          <h2 id="add-wall">Add an entry</h2>
          {needState || filter.state ? (
            <Form method="get" className="filters" aria-label="Races offered by the form">
              <p className="hint">{filter.state ? `Races in ${filter.state}.` : "The table has too many races to list here: choose a state for a candidate-service entry."}</p>
              {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
              <FilterSelect name="state" label="Races from state" value={filter.state} allLabel="Choose a state" options={states} />
              <button type="submit" className="secondary">
                Show races
              </button>
            </Form>
          ) : null}
          <AddWallForm key={location.key} members={members} people={people} races={races} needState={needState} />
        </section>
      ) : (
        <p className="hint">Entries are added by a member's compliance counsel; you see the walls made by campaign contacts.</p>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
