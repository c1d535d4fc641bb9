import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { MeetingFields, NEW_MEETING } from "~/components/meeting-fields";
import { AGENDA_STATUS_LABELS } from "~/domain/meetings";
import { meetingForm } from "~/domain/meeting-forms";
import { can } from "~/domain/permissions";
import { createMeeting, listMeetings, meetingChoices } from "~/models/meetings.server";
import { authorize, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const canManage = can(user, { action: "table.manage", coalitionId }).ok;
    return {
      coalitionId,
      canManage,
      meetings: listMeetings(db, user, { coalitionId, today: today() }),
      choices: canManage ? meetingChoices(db, user, { coalitionId, today: today() }) : { subTables: [], candidates: [] },
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
  const { coalitionId, canManage, meetings, choices } = useLoaderData<typeof loader>();
  const { form, fields } = useActionForm(meetingForm, { intent: "create", actionData: useActionData<typeof action>(), defaultValue: NEW_MEETING });
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <h1>Meetings</h1>
      <p className="hint">Table and sub-table meetings, joint organizing calls with partners and their local affiliates, and candidate interviews: agendas, notes, decisions and action items.</p>
      {meetings.length === 0 ? (
        <p className="empty">No meetings yet.</p>
      ) : (
        <div className="table-scroll">
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
                    {m.open}
                    {m.overdue ? <span className="badge overdue"> {m.overdue} overdue</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        <section className="card" aria-labelledby="new-meeting">
          <h2 id="new-meeting">New meeting</h2>
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

export const ErrorBoundary = RouteErrorBoundary;
