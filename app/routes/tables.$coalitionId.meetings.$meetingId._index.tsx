import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SourceBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { AGENDA_STATUS_LABELS } from "~/domain/meetings";
import { actionItemForm, actionStatusForm, agendaItemForm, agendaNoteForm, attendanceForm, decisionForm, inviteeForm, meetingForm, moveItemForm } from "~/domain/meeting-forms";
import { single } from "~/domain/forms";
import { ActionItemForm, AgendaItemForm, AttendanceForm, ButtonForm, DecisionForm, IDLE, InviteForm, ItemButton, MeetingForm, NoteForm, PartySearch, StatusForm } from "~/components/meeting-record-forms";
import { actionItemOwner, addActionItem, setActionItemStatus } from "~/models/action-items.server";
import { addAgendaItem, addAgendaNote, moveAgendaItem, prefillAgenda, publishAgenda, removeAgendaItem } from "~/models/agendas.server";
import { recordDecision } from "~/models/decisions.server";
import { getMeeting } from "~/models/meeting-record.server";
import { addInvitee, meetingChoices, recordAttendance, requireMeeting, updateMeeting } from "~/models/meetings.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused, submit } from "~/server/http.server";
import { ConcernsSection } from "~/components/concerns";
import { readCursor } from "~/domain/keyset";
import { listConcerns, raisingPartners } from "~/models/concerns.server";
import { ANSWER_INTENT, CONCERN_INTENT, submitAnswer, submitConcern } from "~/server/guards/concern-action.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    const party = url.searchParams.get("party")?.trim().slice(0, 100) || null;
    const view = getMeeting(db, user, { coalitionId, meetingId: idParam(params, "meetingId", "Meeting"), today: today(), partyQ: party });
    return {
      coalitionId,
      ...view,
      party,
      choices: view.canManage ? meetingChoices(db, user, { coalitionId, today: today(), meetingId: view.meeting.id, q: url.searchParams.get("about") }) : { subTables: [], candidates: [], races: [] },
      today: today(),
      added: url.searchParams.get("added"),
      about: url.searchParams.get("about")?.trim().slice(0, 100) || null,
      // members' concerns put on this agenda (issue 17); a concern about one of its decisions goes to the next meeting's
      concerns: view.showBody ? listConcerns(db, user, { coalitionId, meetingId: view.meeting.id, cursor: readCursor(url, "concerns") }) : { rows: [], total: 0, withheld: 0, next: null, prev: null },
      concernPartners: view.showBody ? raisingPartners(db, user, { coalitionId }) : [],
      concernRaised: Number(url.searchParams.get("concern")) || null,
    };
  });
}

const BAD_FORM = { _form: "This form could not be understood. Reload the page and try again." };
const MANAGE_INTENTS = ["update", "invite", "attendance", "prefill", "item", "move", "remove-item", "note", "publish", "decision", "action"] as const;
/** The forms that are one button (draft the agenda, publish it): nothing to fill in. */

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const meetingId = idParam(params, "meetingId", "Meeting");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/meetings/${meetingId}`;
    const intent = values.intent ?? "";

    // a member's concern about one of this meeting's decisions; the facilitator answers concerns on its agenda (issue 17)
    if (intent === CONCERN_INTENT) return submitConcern(db, user, coalitionId, values, here, context);
    if (intent === ANSWER_INTENT) return submitAnswer(db, user, coalitionId, values, here, context);

    // an action item's owner (or the facilitator) changes its status
    if (intent === "status") {
      requirePermission(user, { action: "table.view", coalitionId }, context, db);
      const meeting = requireMeeting(db, user, { coalitionId, meetingId });
      // under a draft agenda everything is the facilitator's, action items included
      if (meeting.agendaStatus !== "published") requirePermission(user, { action: "table.manage", coalitionId }, context, db);
      const parsed = parse(actionStatusForm, values);
      if (!parsed.ok) return invalid("status", parsed.errors, parsed.values);
      const owner = actionItemOwner(db, user, { coalitionId, actionItemId: parsed.data.actionItemId, meetingId });
      if (!owner) return invalid("status", { actionItemId: "Choose an action item of this meeting." }, values);
      requirePermission(user, { action: "actionItem.status", coalitionId, ...owner }, context, db);
      const r = setActionItemStatus(db, user, { coalitionId, actionItemId: parsed.data.actionItemId, status: parsed.data.status });
      return r.ok ? redirect(`${here}#actions`) : refused("status", r, values);
    }

    requirePermission(user, { action: "table.manage", coalitionId }, context, db);
    requireMeeting(db, user, { coalitionId, meetingId });
    switch (MANAGE_INTENTS.find((i) => i === intent)) {
      case "update":
        return submit("update", meetingForm, values, (d) => updateMeeting(db, user, { coalitionId, meetingId, ...d }), () => here);
      case "invite":
        return submit("invite", inviteeForm, values, (d) => addInvitee(db, user, { coalitionId, meetingId, invitee: d.invitee }), () => `${here}#invited`);
      case "attendance":
        return submit("attendance", attendanceForm, values, (d) => recordAttendance(db, user, { coalitionId, meetingId, attendedInviteeIds: d.attended }), () => `${here}#invited`);
      case "prefill":
        return submit("prefill", IDLE, values, () => prefillAgenda(db, user, { coalitionId, meetingId, today: today() }), (r) => `${here}?added=${r.added}#agenda`);
      case "item":
        return submit("item", agendaItemForm, values, (d) => addAgendaItem(db, user, { coalitionId, meetingId, ...d }), () => `${here}#agenda`);
      case "move":
        return submit("move", moveItemForm, values, (d) => moveAgendaItem(db, user, { coalitionId, meetingId, itemId: d.itemId, direction: d.direction }), () => `${here}#agenda`);
      case "remove-item":
        return submit("remove-item", moveItemForm.pick({ itemId: true }), values, (d) => removeAgendaItem(db, user, { coalitionId, meetingId, itemId: d.itemId }), () => `${here}#agenda`);
      case "note":
        return submit("note", agendaNoteForm, values, (d) => addAgendaNote(db, user, { coalitionId, meetingId, ...d }), () => `${here}#agenda`);
      case "publish":
        return submit("publish", IDLE, values, () => publishAgenda(db, user, { coalitionId, meetingId }), () => here);
      case "decision":
        return submit("decision", decisionForm, values, ({ partners, ...d }) => recordDecision(db, user, { coalitionId, meetingId, ...d, partnerIds: partners }), () => `${here}#decisions`);
      case "action":
        return submit("action", actionItemForm, values, (d) => addActionItem(db, user, { coalitionId, meetingId, ...d }), () => `${here}#actions`);
      default:
        return invalid(intent, BAD_FORM, values);
    }
  });
}

export default function MeetingPage() {
  const data = useLoaderData<typeof loader>();
  const { coalitionId, meeting, canManage, showBody, invitees, items, decisions, actionItems, withheldNotice, parties, choices, added } = data;
  const actionData = useActionData<typeof action>();
  const base = `/tables/${coalitionId}`;
  const here = `${base}/meetings/${meeting.id}`;
  const draft = meeting.agendaStatus === "draft";
  // a status answer shows in its action item's row; one naming no row of this page, above the table
  const status = stateFor(actionData, "status");
  const statusRow = status ? single(status.values?.actionItemId) : null;
  const statusFor = (id: number) => (statusRow === String(id) ? actionData : undefined);
  const strayStatus = status && !actionItems.some((a) => a.mayUpdate && String(a.id) === statusRow) ? Object.values(status.errors ?? {})[0] : undefined;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/meetings`}>Meetings</Link>
      </p>
      <h1>{meeting.title}</h1>
      <dl className="facts card">
        <dt>When</dt>
        <dd>{meeting.when}</dd>
        <dt>Kind</dt>
        <dd>{meeting.kindLabel}</dd>
        {meeting.location ? (
          <>
            <dt>Where</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        {meeting.subTable ? (
          <>
            <dt>Sub-table</dt>
            <dd>
              <Link to={`${base}/sub-tables/${meeting.subTable.id}`}>{meeting.subTable.candidateName}</Link>
            </dd>
          </>
        ) : null}
        {meeting.candidate ? (
          <>
            <dt>Candidate</dt>
            <dd>
              <Link to={`${base}/candidates/${meeting.candidate.id}`}>{meeting.candidate.name}</Link>
            </dd>
          </>
        ) : null}
        <dt>Agenda</dt>
        <dd>
          {AGENDA_STATUS_LABELS[meeting.agendaStatus]}
          {meeting.publishedAt ? <span className="muted"> on {formatDate(meeting.publishedAt)}</span> : null}
        </dd>
      </dl>
      <p className="actions no-print">
        <a href={`${here}/markdown`} download>
          Export as Markdown
        </a>
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print agenda and notes
        </button>
      </p>
      {withheldNotice ? (
        <p className="notice warn" role="note" data-testid="withheld-notice">
          {withheldNotice}
        </p>
      ) : null}
      {!showBody ? (
        <p className="notice" role="note">
          The agenda is still a draft. It shows here once the facilitator publishes it.
        </p>
      ) : null}

      {showBody ? (
        <section aria-labelledby="agenda">
          <h2 id="agenda">Agenda</h2>
          {added !== null ? (
            <p className="notice ok" role="status">
              {added === "0" ? "Nothing new to add from the table's state." : `${added} items added from the table's state.`}
            </p>
          ) : null}
          {items.length === 0 ? (
            <p className="empty">No items yet.</p>
          ) : (
            <ol className="agenda">
              {items.map((item, k) => (
                <li key={item.id} data-testid="agenda-item">
                  <strong>{item.title}</strong>
                  {item.about ? <span className="muted"> · {item.about}</span> : null}
                  {item.notes.length ? (
                    <ul className="item-list agenda-notes">
                      {item.notes.map((n) => (
                        <li key={n.id}>
                          {n.body} <SourceBadge kind={n.sourceKind} />
                          {n.sourceUrl ? (
                            <span className="source">
                              {" "}
                              <a href={n.sourceUrl} rel="noreferrer noopener">
                                source
                              </a>
                              {n.capturedAt ? `, captured ${formatDate(n.capturedAt)}` : ""}
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {canManage ? (
                    <span className="row-actions no-print">
                      {k > 0 ? (
                        <ItemButton intent="move" itemId={item.id} direction="up" label={`Move "${item.title}" up`}>
                          ↑
                        </ItemButton>
                      ) : null}
                      {k < items.length - 1 ? (
                        <ItemButton intent="move" itemId={item.id} direction="down" label={`Move "${item.title}" down`}>
                          ↓
                        </ItemButton>
                      ) : null}
                      <ItemButton intent="remove-item" itemId={item.id} label={`Remove "${item.title}"`}>
                        Remove
                      </ItemButton>
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {canManage ? (
            <div className="stack no-print">
              {draft ? (
                <ButtonForm intent="prefill" pendingText="Drafting…" hint="Adds races nearing critical mass, split races, sub-tables formed and stances changed since the last meeting.">
                  Draft from the table's state
                </ButtonForm>
              ) : null}
              <section className="card" aria-labelledby="add-item">
                <h3 id="add-item">Add an item</h3>
                <AgendaItemForm choices={choices} about={data.about} party={data.party} />
              </section>
              {items.length ? (
                <section className="card" aria-labelledby="add-note">
                  <h3 id="add-note">Take a note</h3>
                  <NoteForm items={items} today={data.today} />
                </section>
              ) : null}
              {draft ? (
                <ButtonForm intent="publish" hint="Partners, counsel and affiliate leads see the agenda, notes, decisions and action items once it is published.">
                  Publish agenda
                </ButtonForm>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="invited">
        <h2 id="invited">Invited and present</h2>
        {invitees.length === 0 ? <p className="empty">No one invited yet.</p> : null}
        <ul className={`history${canManage ? " print-only" : ""}`} aria-label="Invited">
          {invitees.map((i) => (
            <li key={i.id}>
              {i.name}
              {i.attended === true ? " (present)" : i.attended === false ? " (absent)" : ""}
            </li>
          ))}
        </ul>
        {canManage && invitees.length ? (
          <AttendanceForm invitees={invitees} />
        ) : null}
        {canManage ? (
          <>
            <PartySearch parties={parties} party={data.party} about={data.about} />
            <InviteForm parties={parties} />
          </>
        ) : null}
      </section>

      {showBody ? (
        <ConcernsSection
          base={`/tables/${coalitionId}`}
          concerns={data.concerns}
          abouts={decisions.map((d) => ({ value: `decision:${d.id}`, label: `Decision: ${d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text}` }))}
          partners={data.concernPartners}
          canAnswer={canManage}
          actionData={actionData}
          highlight={data.concernRaised}
          empty="No member's concern is on this agenda."
        />
      ) : null}

      {showBody ? (
        <section aria-labelledby="decisions">
          <h2 id="decisions">Decisions</h2>
          {decisions.length === 0 ? (
            <p className="empty">None recorded.</p>
          ) : (
            <ul className="history">
              {decisions.map((d) => (
                <li key={d.id} data-testid="decision">
                  {d.text}
                  {d.item ? <span className="muted"> · on {d.item}</span> : null}
                  {d.partners.length ? <span className="muted"> · taking part: {d.partners.join(", ")}</span> : null}
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <section className="card no-print" aria-labelledby="add-decision">
              <h3 id="add-decision">Record a decision</h3>
              <p className="hint">Unity, not unanimity: a decision records who took part; it binds no partner.</p>
              <DecisionForm items={items} parties={parties} />
            </section>
          ) : null}
        </section>
      ) : null}

      {showBody ? (
        <section aria-labelledby="actions">
          <h2 id="actions">Action items</h2>
          {strayStatus ? (
            <p className="form-error" role="alert">
              {strayStatus}
            </p>
          ) : null}
          {actionItems.length === 0 ? (
            <p className="empty">None recorded.</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Action</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Due</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {actionItems.map((a) => (
                    <tr key={a.id} data-testid="action-item">
                      <td>
                        {a.text}
                        {a.item ? <span className="muted"> · {a.item}</span> : null}
                      </td>
                      <td>{a.owner}</td>
                      <td>
                        {formatDate(a.dueDate)}
                        {a.overdue ? <span className="badge overdue"> Overdue</span> : null}
                      </td>
                      <td>
                        {a.mayUpdate ? (
                          <StatusForm item={a} actionData={statusFor(a.id)} />
                        ) : (
                          a.statusLabel
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canManage ? (
            <section className="card no-print" aria-labelledby="add-action">
              <h3 id="add-action">Add an action item</h3>
              {parties.more ? (
                <p className="hint">
                  An owner is a partner or an affiliate the lists offer; <a href="#find-affiliate">find another affiliate by name</a>.
                </p>
              ) : null}
              <ActionItemForm items={items} parties={parties} />
            </section>
          ) : null}
        </section>
      ) : null}

      {canManage ? (
        <details className="card no-print">
          <summary>Edit the meeting</summary>
          <MeetingForm meeting={meeting} choices={choices} />
        </details>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
