import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SOURCE_KINDS } from "~/domain/vocabulary";
import { ACTION_STATUSES } from "~/domain/vocabulary";
import { SOURCE_LABELS, SourceBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, Field, FormError, Select, Submit, TextArea, stateFor, type FormState } from "~/components/form";
import { MeetingFields } from "~/components/meeting-fields";
import { formatDate } from "~/domain/dates";
import { ACTION_STATUS_LABELS, AGENDA_STATUS_LABELS } from "~/domain/meetings";
import {
  actionItemForm,
  actionStatusForm,
  agendaItemForm,
  agendaNoteForm,
  checkedIds,
  decisionForm,
  inviteeForm,
  meetingForm,
  moveItemForm,
} from "~/domain/meeting-forms";
import { parseForm } from "~/domain/forms";
import { z } from "zod";
import { actionItemOwner, addActionItem, setActionItemStatus } from "~/models/action-items.server";
import { addAgendaItem, addAgendaNote, moveAgendaItem, prefillAgenda, publishAgenda, removeAgendaItem } from "~/models/agendas.server";
import { recordDecision } from "~/models/decisions.server";
import { getMeeting } from "~/models/meeting-record.server";
import { addInvitee, meetingChoices, recordAttendance, requireMeeting, tableParties, updateMeeting } from "~/models/meetings.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { today } from "~/server/clock.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, redirect, refused, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const view = getMeeting(db, user, { coalitionId, meetingId: idParam(params, "meetingId", "Meeting"), today: today() });
    const url = new URL(request.url);
    return {
      coalitionId,
      ...view,
      parties: view.canManage ? tableParties(db, user, { coalitionId }) : { partners: [], affiliates: [] },
      choices: view.canManage ? meetingChoices(db, user, { coalitionId, today: today() }) : { subTables: [], candidates: [], races: [] },
      today: today(),
      added: url.searchParams.get("added"),
    };
  });
}

const BAD_FORM = { _form: "This form could not be understood. Reload the page and try again." };
const MANAGE_INTENTS = ["update", "invite", "attendance", "prefill", "item", "move", "remove-item", "note", "publish", "decision", "action"] as const;

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const meetingId = idParam(params, "meetingId", "Meeting");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/meetings/${meetingId}`;

    // an action item's owner (or the facilitator) changes its status
    if (values.intent === "status") {
      requirePermission(user, { action: "table.view", coalitionId }, context, db);
      const meeting = requireMeeting(db, user, { coalitionId, meetingId });
      // under a draft agenda everything is the facilitator's, action items included
      if (meeting.agendaStatus !== "published") requirePermission(user, { action: "table.manage", coalitionId }, context, db);
      const parsed = parseForm(actionStatusForm, values);
      if (!parsed.ok) return invalid("status", parsed.errors, parsed.values);
      const owner = actionItemOwner(db, user, { coalitionId, actionItemId: parsed.data.actionItemId, meetingId });
      if (!owner) return invalid("status", { actionItemId: "Choose an action item of this meeting." }, values);
      requirePermission(user, { action: "actionItem.status", coalitionId, ...owner }, context, db);
      const r = setActionItemStatus(db, user, { coalitionId, actionItemId: parsed.data.actionItemId, status: parsed.data.status });
      return r.ok ? redirect(`${here}#actions`) : refused("status", r, values);
    }

    requirePermission(user, { action: "table.manage", coalitionId }, context, db);
    requireMeeting(db, user, { coalitionId, meetingId });
    const intent = MANAGE_INTENTS.find((i) => i === values.intent);
    const idle = z.object({});
    switch (intent) {
      case "update":
        return submit("update", meetingForm, values, (d) => updateMeeting(db, user, { coalitionId, meetingId, ...d }), () => here);
      case "invite":
        return submit("invite", inviteeForm, values, (d) => addInvitee(db, user, { coalitionId, meetingId, invitee: d.invitee }), () => `${here}#invited`);
      case "attendance":
        return submit("attendance", idle, values, () => recordAttendance(db, user, { coalitionId, meetingId, attendedInviteeIds: checkedIds(values, "attended_") }), () => `${here}#invited`);
      case "prefill":
        return submit("prefill", idle, values, () => prefillAgenda(db, user, { coalitionId, meetingId, today: today() }), (r) => `${here}?added=${r.added}#agenda`);
      case "item":
        return submit("item", agendaItemForm, values, (d) => addAgendaItem(db, user, { coalitionId, meetingId, ...d }), () => `${here}#agenda`);
      case "move":
        return submit("move", moveItemForm, values, (d) => moveAgendaItem(db, user, { coalitionId, meetingId, itemId: d.itemId, direction: d.direction }), () => `${here}#agenda`);
      case "remove-item":
        return submit("remove-item", moveItemForm.pick({ itemId: true }), values, (d) => removeAgendaItem(db, user, { coalitionId, meetingId, itemId: d.itemId }), () => `${here}#agenda`);
      case "note":
        return submit("note", agendaNoteForm, values, (d) => addAgendaNote(db, user, { coalitionId, meetingId, ...d }), () => `${here}#agenda`);
      case "publish":
        return submit("publish", idle, values, () => publishAgenda(db, user, { coalitionId, meetingId }), () => here);
      case "decision":
        return submit("decision", decisionForm, values, (d) => recordDecision(db, user, { coalitionId, meetingId, ...d, partnerIds: checkedIds(values, "partner_") }), () => `${here}#decisions`);
      case "action":
        return submit("action", actionItemForm, values, (d) => addActionItem(db, user, { coalitionId, meetingId, ...d }), () => `${here}#actions`);
      default:
        return invalid(String(values.intent ?? ""), BAD_FORM, values);
    }
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function ItemSelect({ name, label, items, state, placeholder }: { name: string; label: string; items: Data["items"]; state?: FormState; placeholder?: string }) {
  return <Select name={name} label={label} state={state} placeholder={placeholder} options={items.map((i) => ({ value: String(i.id), label: `${i.position}. ${i.title}` }))} />;
}

function PartySelect({ name, label, parties, state, placeholder }: { name: string; label: string; parties: Data["parties"]; state?: FormState; placeholder: string }) {
  return (
    <Select
      name={name}
      label={label}
      required
      state={state}
      placeholder={placeholder}
      options={[
        ...parties.partners.map((p) => ({ value: `partner:${p.id}`, label: `${p.shortName}: ${p.name}` })),
        ...parties.affiliates.map((a) => ({ value: `affiliate:${a.id}`, label: `${a.name} (${a.partnerShortName} affiliate)` })),
      ]}
    />
  );
}

/** A list of checkboxes, one per partner or invitation (named like attended_12 or partner_3). */
function CheckList({ boxes }: { boxes: { name: string; label: string; checked: boolean; note: string | null }[] }) {
  return (
    <ul className="checklist">
      {boxes.map((b) => (
        <li key={b.name}>
          <input id={b.name} type="checkbox" name={b.name} defaultChecked={b.checked} />
          <label htmlFor={b.name}>{b.label}</label>
          {b.note ? <span className="muted"> {b.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function MoveButton({ itemId, title, direction }: { itemId: number; title: string; direction: "up" | "down" }) {
  return (
    <ActionForm intent="move" className="inline">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="secondary small" aria-label={`Move "${title}" ${direction}`}>
        {direction === "up" ? "↑" : "↓"}
      </button>
    </ActionForm>
  );
}

export default function MeetingPage() {
  const data = useLoaderData<typeof loader>();
  const { coalitionId, meeting, canManage, showBody, invitees, items, decisions, actionItems, withheldNotice, parties, choices, added } = data;
  const actionData = useActionData<typeof action>();
  const st = (intent: string) => stateFor(actionData, intent);
  const base = `/tables/${coalitionId}`;
  const here = `${base}/meetings/${meeting.id}`;
  const draft = meeting.agendaStatus === "draft";
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
                      {k > 0 ? <MoveButton itemId={item.id} title={item.title} direction="up" /> : null}
                      {k < items.length - 1 ? <MoveButton itemId={item.id} title={item.title} direction="down" /> : null}
                      <ActionForm intent="remove-item" className="inline">
                        <input type="hidden" name="itemId" value={item.id} />
                        <button type="submit" className="secondary small" aria-label={`Remove "${item.title}"`}>
                          Remove
                        </button>
                      </ActionForm>
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {canManage ? (
            <div className="stack no-print">
              {draft ? (
                <ActionForm intent="prefill" className="actions">
                  <FormError state={st("prefill")} />
                  <Submit intent="prefill" pendingText="Drafting…">
                    Draft from the table's state
                  </Submit>
                  <span className="hint">Adds races nearing critical mass, split races, sub-tables formed and stances changed since the last meeting.</span>
                </ActionForm>
              ) : null}
              <section className="card" aria-labelledby="add-item">
                <h3 id="add-item">Add an item</h3>
                <ActionForm intent="item" className="stack">
                  <FormError state={st("item")} />
                  <div className="form-row">
                    <Field name="title" label="Item" required state={st("item")} />
                    <Select
                      name="about"
                      label="About"
                      state={st("item")}
                      placeholder="Nothing in particular"
                      options={[...choices.races.map((r) => ({ value: `race:${r.id}`, label: `Race: ${r.label}` })), ...choices.candidates.map((c) => ({ value: `candidate:${c.id}`, label: `Candidate: ${c.label}` }))]}
                    />
                  </div>
                  <div className="actions">
                    <Submit intent="item">Add item</Submit>
                  </div>
                </ActionForm>
              </section>
              {items.length ? (
                <section className="card" aria-labelledby="add-note">
                  <h3 id="add-note">Take a note</h3>
                  <ActionForm intent="note" className="stack">
                    <FormError state={st("note")} />
                    <ItemSelect name="itemId" label="On item" items={items} state={st("note")} placeholder="Choose an item" />
                    <TextArea name="body" label="Note" required state={st("note")} />
                    <div className="form-row">
                      <Select
                        name="sourceKind"
                        label="Where it came from"
                        required
                        state={st("note")}
                        placeholder="Choose a source"
                        options={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_LABELS[k] }))}
                        hint="Campaign means the candidate's campaign told the table: it is withheld from independent-side members (rule F2)."
                      />
                      <Field name="sourceUrl" label="Source URL" type="url" state={st("note")} placeholder="https://" />
                      <Field name="capturedAt" label="Date captured" type="date" state={st("note")} defaultValue={data.today} />
                    </div>
                    <div className="actions">
                      <Submit intent="note">Add note</Submit>
                    </div>
                  </ActionForm>
                </section>
              ) : null}
              {draft ? (
                <ActionForm intent="publish" className="actions">
                  <FormError state={st("publish")} />
                  <Submit intent="publish">Publish agenda</Submit>
                  <span className="hint">Partners, counsel and affiliate leads see the agenda, notes, decisions and action items once it is published.</span>
                </ActionForm>
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
          <ActionForm intent="attendance" className="stack">
            <FormError state={st("attendance")} />
            <fieldset>
              <legend>Who was present</legend>
              <CheckList boxes={invitees.map((i) => ({ name: `attended_${i.id}`, label: i.name, checked: i.attended === true, note: i.attended === false ? "(absent)" : null }))} />
            </fieldset>
            <div className="actions">
              <Submit intent="attendance">Save attendance</Submit>
            </div>
          </ActionForm>
        ) : null}
        {canManage ? (
          <ActionForm intent="invite" className="form-row no-print" aria-label="Invite">
            <PartySelect name="invitee" label="Invite" parties={parties} state={st("invite")} placeholder="Choose a partner or affiliate" />
            <div className="actions">
              <Submit intent="invite">Invite</Submit>
            </div>
          </ActionForm>
        ) : null}
      </section>

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
              <ActionForm intent="decision" className="stack">
                <FormError state={st("decision")} />
                <TextArea name="text" label="Decision" required state={st("decision")} rows={2} />
                <ItemSelect name="agendaItemId" label="On item" items={items} state={st("decision")} placeholder="No particular item" />
                <fieldset>
                  <legend>Partners taking part</legend>
                  {st("decision")?.errors?.partners ? (
                    <p className="field-error" role="alert">
                      {st("decision")?.errors?.partners}
                    </p>
                  ) : null}
                  <CheckList boxes={parties.partners.map((p) => ({ name: `partner_${p.id}`, label: p.shortName, checked: st("decision")?.values?.[`partner_${p.id}`] === "on", note: null }))} />
                </fieldset>
                <div className="actions">
                  <Submit intent="decision">Record decision</Submit>
                </div>
              </ActionForm>
            </section>
          ) : null}
        </section>
      ) : null}

      {showBody ? (
        <section aria-labelledby="actions">
          <h2 id="actions">Action items</h2>
          <FormError state={st("status")} />
          {actionItems.length === 0 ? (
            <p className="empty">None recorded.</p>
          ) : (
            <div className="table-scroll">
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
                          <ActionForm intent="status" className="inline-form" aria-label={`Status of ${a.text}`}>
                            <input type="hidden" name="actionItemId" value={a.id} />
                            <label className="visually-hidden" htmlFor={`status-${a.id}`}>
                              Status of {a.text}
                            </label>
                            <select id={`status-${a.id}`} name="status" defaultValue={a.status}>
                              {ACTION_STATUSES.map((s) => (
                                <option key={s} value={s}>
                                  {ACTION_STATUS_LABELS[s]}
                                </option>
                              ))}
                            </select>{" "}
                            <Submit intent="status" className="secondary small">
                              Set
                            </Submit>
                          </ActionForm>
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
              <ActionForm intent="action" className="stack">
                <FormError state={st("action")} />
                <Field name="text" label="Action" required state={st("action")} />
                <div className="form-row">
                  <PartySelect name="owner" label="Owner" parties={parties} state={st("action")} placeholder="Choose a partner or affiliate" />
                  <Field name="dueDate" label="Due date" type="date" required state={st("action")} />
                  <ItemSelect name="agendaItemId" label="On item" items={items} state={st("action")} placeholder="No particular item" />
                </div>
                <div className="actions">
                  <Submit intent="action">Add action item</Submit>
                </div>
              </ActionForm>
            </section>
          ) : null}
        </section>
      ) : null}

      {canManage ? (
        <details className="card no-print">
          <summary>Edit the meeting</summary>
          <ActionForm intent="update" className="stack">
            <FormError state={st("update")} />
            <MeetingFields
              state={st("update")}
              choices={choices}
              meeting={{ ...meeting, date: meeting.local.date, time: meeting.local.time, subCoalitionId: meeting.subCoalitionId, candidateId: meeting.candidateId }}
            />
            <div className="actions">
              <Submit intent="update">Save meeting</Submit>
            </div>
          </ActionForm>
        </details>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
