import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { MeetingFields, NEW_MEETING } from "~/components/meeting-fields";
import { AGENDA_STATUS_LABELS, openActionsText } from "~/domain/meetings";
import { meetingForm } from "~/domain/meeting-forms";
import { can } from "~/domain/permissions";
import { createMeeting, MEETING_CHOICE_LIMIT, meetingChoices, pageMeetings } from "~/models/meetings.server";
import { listRaceStates } from "~/models/races.server";
import { FilterSelect } from "~/components/form";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { MEETING_KIND_LABELS } from "~/domain/meetings";
import { MEETING_KINDS, type MeetingKind } from "~/domain/vocabulary";
import { authorize, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const canManage = can(user, { action: "table.manage", coalitionId }).ok;
    const url = new URL(request.url);
    const kindParam = url.searchParams.get("kind") ?? "";
    const kind = (MEETING_KINDS as readonly string[]).includes(kindParam) ? (kindParam as MeetingKind) : null;
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100) || null;
    const state = (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2) || null;
    const page = pageMeetings(db, user, { coalitionId, today: today(), kind, q, cursor: readCursor(url), limit: pageSize(url) });
    return {
      coalitionId,
      canManage,
      filter: { kind, q },
      meetings: page.rows,
      total: page.total,
      prev: page.prev,
      next: page.next,
      choices: canManage ? meetingChoices(db, user, { coalitionId, today: today(), state }) : { subTables: [], candidates: [], races: [], state: null, truncated: false },
      states: canManage ? listRaceStates(db, user, { coalitionId }) : [],
      choiceLimit: MEETING_CHOICE_LIMIT,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const coalitionId = idParam(params, "coalitionId", "Table");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    if (values.intent !== "create") return invalid("create", { _form: "This form could not be understood. Reload the page and try again." }, values);
    return submit("create", meetingForm, values, (data) => createMeeting(getDb(), actor, { coalitionId, ...data }), (r) => `/tables/${coalitionId}/meetings/${r.meeting.id}`);
  });
}

export default function Meetings() {
  const { coalitionId, canManage, filter, meetings, total, prev, next, choices, states, choiceLimit } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(meetingForm, { intent: "create", actionData: useActionData<typeof action>(), defaultValue: NEW_MEETING });
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <h1>Meetings</h1>
      <p className="hint">Table and sub-table meetings, joint organizing calls with partners and their local affiliates, and candidate interviews: agendas, notes, decisions and action items.</p>
      <p>
        <Link to={`${base}/agenda-proposals`}>Members' proposed agenda items</Link> · <Link to={`${base}/questionnaire`}>The candidate questionnaire</Link>
      </p>
      <Form method="get" className="filters" aria-label="Filter meetings">
        <FilterSelect name="kind" label="Kind" value={filter.kind} allLabel="Every kind" options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
        <div className="field">
          <label htmlFor="m-q">Title contains</label>
          <input id="m-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {meetings.length === 0 ? (
        <p className="empty">{filter.kind || filter.q ? "No meeting matches." : "No meetings yet."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">When</th>
                <th scope="col" className="hide-narrow">Kind</th>
                <th scope="col">Agenda</th>
                <th scope="col">Open actions</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`${base}/meetings/${m.id}`}>{m.title}</Link>
                  </td>
                  <td>{m.when}</td>
                  <td className="hide-narrow">{m.kindLabel}</td>
                  <td>{AGENDA_STATUS_LABELS[m.agendaStatus]}</td>
                  <td>
                    <OpenActions open={m.open} overdue={m.overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={meetings.length} noun="meetings" />
      {canManage ? (
        <section className="card" aria-labelledby="new-meeting">
          <h2 id="new-meeting">New meeting</h2>
          {choices.truncated || choices.state ? (
            <Form method="get" className="filters" aria-label="Choices of the new meeting's form">
              <p className="hint">
                {choices.state ? `Sub-tables, candidates and races in ${choices.state}.` : `The ${choiceLimit} most endorsed candidates, their races and the ${choiceLimit} soonest open sub-tables; pick a state for the others.`}
              </p>
              <FilterSelect name="state" label="Choices from state" value={choices.state} allLabel="All states" options={states} />
              <button type="submit" className="secondary">
                Show
              </button>
            </Form>
          ) : null}
          <ConformForm form={form} intent="create" className="stack">
            <FormErrors form={form} />
            <MeetingFields fields={fields} choices={choices} />
            <div className="actions">
              <Submit intent="create">Create meeting</Submit>
            </div>
          </ConformForm>
        </section>
      ) : null}
    </>
  );
}

function OpenActions({ open, overdue }: { open: number; overdue: number }) {
  const text = openActionsText(open, overdue);
  return (
    <>
      {text.open}
      {text.overdue ? (
        <>
          , <span className="badge overdue">{text.overdue}</span>
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
