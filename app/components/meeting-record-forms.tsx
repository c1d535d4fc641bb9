/**
 * The forms of a meeting's page (the route tables.$coalitionId.meetings.$meetingId._index):
 * agenda items and notes, attendance, invitations, decisions, action items and their status,
 * the meeting itself, and the party search that bounds their choices at national scale.
 */
import { getSelectProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ACTION_STATUSES } from "~/domain/vocabulary";
import { SourceFields } from "~/components/source-fields";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, TickList, useActionForm } from "~/components/form";
import { MeetingFields } from "~/components/meeting-fields";
import { ACTION_STATUS_LABELS } from "~/domain/meetings";
import { actionItemForm, actionStatusForm, agendaItemForm, agendaNoteForm, attendanceForm, decisionForm, inviteeForm, meetingForm } from "~/domain/meeting-forms";
import type { action, loader } from "~/routes/tables.$coalitionId.meetings.$meetingId._index";

/** A form with no fields of its own (a button). */
export const IDLE = z.object({});

export type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Field = Parameters<typeof Choice>[0]["field"];

export function ItemSelect({ field, label, items, placeholder }: { field: Field; label: string; items: Data["items"]; placeholder?: string }) {
  return <Choice field={field} label={label} placeholder={placeholder} options={items.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }))} />;
}

export function PartySelect({ field, label, parties, placeholder }: { field: Field; label: string; parties: Data["parties"]; placeholder: string }) {
  return (
    <Choice
      field={field}
      label={label}
      placeholder={placeholder}
      options={[
        ...parties.partners.map((p) => ({ value: `partner:${p.id}`, label: `${p.shortName}: ${p.name}` })),
        ...parties.affiliates.map((a) => ({ value: `affiliate:${a.id}`, label: `${a.name} (${a.partnerShortName} affiliate)` })),
      ]}
    />
  );
}

/** A one-button form on an agenda item (move it, remove it): nothing to fill in, a plain post. */
export function ItemButton({ intent, itemId, direction, label, children }: { intent: "move" | "remove-item"; itemId: number; direction?: "up" | "down"; label: string; children: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={itemId} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" className="secondary small" aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

/** A form that is one button (draft the agenda, publish it); a refusal shows beside the button. */
export function ButtonForm({ intent, pendingText, hint, children }: { intent: "prefill" | "publish"; pendingText?: string; hint: string; children: string }) {
  const { form } = useActionForm(IDLE, { intent, actionData: useActionData<typeof action>() });
  return (
    <ConformForm form={form} intent={intent} className="actions">
      <FormErrors form={form} />
      <Submit intent={intent} pendingText={pendingText}>
        {children}
      </Submit>
      <span className="hint">{hint}</span>
    </ConformForm>
  );
}

/** The schema's checks without its final reshaping: conform reads the fields of an object, not of a transform. */
export function AgendaItemForm({ choices, about, party }: Pick<Data, "choices" | "about" | "party">) {
  const { form, fields } = useActionForm(agendaItemForm.in, { intent: "item", actionData: useActionData<typeof action>() });
  return (
    <>
    <Form method="get" className="filters" aria-label="Find a candidate for the agenda">
      {party ? <input type="hidden" name="party" value={party} /> : null}
      <label>
        Find a candidate by name
        <input type="search" name="about" defaultValue={about ?? ""} maxLength={100} />
      </label>
      <button type="submit" className="secondary">
        Find
      </button>
    </Form>
    <p className="hint">The list offers the most endorsed candidates and those this meeting already names; find any other by name.</p>
    <ConformForm form={form} intent="item" className="stack">
      <FormErrors form={form} />
      <div className="form-row">
        <Input field={fields.title} label="Item" />
        <Choice
          field={fields.about}
          label="About"
          placeholder="Nothing in particular"
          options={[...choices.races.map((r) => ({ value: `race:${r.id}`, label: `Race: ${r.label}` })), ...choices.candidates.map((c) => ({ value: `candidate:${c.id}`, label: `Candidate: ${c.label}` }))]}
        />
      </div>
      <div className="actions">
        <Submit intent="item">Add item</Submit>
      </div>
    </ConformForm>
    </>
  );
}

export function NoteForm({ items, today }: Pick<Data, "items" | "today">) {
  const { form, fields } = useActionForm(agendaNoteForm, { intent: "note", actionData: useActionData<typeof action>(), defaultValue: { capturedAt: today } });
  return (
    <ConformForm form={form} intent="note" className="stack">
      <FormErrors form={form} />
      <ItemSelect field={fields.itemId} label="On item" items={items} placeholder="Choose an item" />
      <Textarea field={fields.body} label="Note" />
      <SourceFields
        kind={fields.sourceKind}
        url={fields.sourceUrl}
        capturedAt={fields.capturedAt}
        hint="Campaign means the candidate's campaign told the table: it is withheld from independent-side members (rule F2)."
      />
      <div className="actions">
        <Submit intent="note">Add note</Submit>
      </div>
    </ConformForm>
  );
}

/** Who was present: one list field over the invitations, ticked as last recorded. */
export function AttendanceForm({ invitees }: Pick<Data, "invitees">) {
  const { form, fields } = useActionForm(attendanceForm, {
    intent: "attendance",
    actionData: useActionData<typeof action>(),
    defaultValue: { attended: invitees.filter((i) => i.attended === true).map((i) => i.id) },
  });
  const options = invitees.map((i) => ({
    value: i.id,
    label: i.attended === false ? (
      <>
        {i.name} <span className="muted">(absent)</span>
      </>
    ) : (
      i.name
    ),
  }));
  return (
    <ConformForm form={form} intent="attendance" className="stack">
      <FormErrors form={form} />
      <TickList field={fields.attended} label="Who was present" options={options} />
      <div className="actions">
        <Submit intent="attendance">Save attendance</Submit>
      </div>
    </ConformForm>
  );
}

/** Finds an affiliate by name for the invite and owner lists (a national table has thousands: issue 11). */
export function PartySearch({ parties, party, about }: Pick<Data, "parties" | "party" | "about">) {
  return (
    <>
      <Form method="get" className="filters no-print" aria-label="Find an affiliate" id="find-affiliate">
        {about ? <input type="hidden" name="about" value={about} /> : null}
        <label>
          Find an affiliate by name
          <input type="search" name="party" defaultValue={party ?? ""} maxLength={100} />
        </label>
        <button type="submit" className="secondary">
          Find
        </button>
      </Form>
      <p className="hint no-print">
        {parties.more
          ? party
            ? `The lists offer every partner, the affiliates this meeting names and those matching "${party}".`
            : "The lists offer every partner and the affiliates this meeting names; find any other affiliate by name."
          : "The lists offer every partner and affiliate of the table."}
      </p>
    </>
  );
}

export function InviteForm({ parties }: Pick<Data, "parties">) {
  const { form, fields } = useActionForm(inviteeForm, { intent: "invite", actionData: useActionData<typeof action>() });
  return (
    <ConformForm form={form} intent="invite" className="form-row no-print" aria-label="Invite">
      <PartySelect field={fields.invitee} label="Invite" parties={parties} placeholder="Choose a partner or affiliate" />
      <FormErrors form={form} />
      <div className="actions">
        <Submit intent="invite">Invite</Submit>
      </div>
    </ConformForm>
  );
}

export function DecisionForm({ items, parties }: Pick<Data, "items" | "parties">) {
  const { form, fields } = useActionForm(decisionForm, { intent: "decision", actionData: useActionData<typeof action>() });
  return (
    <ConformForm form={form} intent="decision" className="stack">
      <FormErrors form={form} />
      <Textarea field={fields.text} label="Decision" rows={2} />
      <ItemSelect field={fields.agendaItemId} label="On item" items={items} placeholder="No particular item" />
      <TickList field={fields.partners} label="Partners taking part" options={parties.partners.map((p) => ({ value: p.id, label: p.shortName }))} />
      <div className="actions">
        <Submit intent="decision">Record decision</Submit>
      </div>
    </ConformForm>
  );
}

/** An action item's status, in its row of the table (a refused post shows on its row only). */
export function StatusForm({ item, actionData }: { item: Data["actionItems"][number]; actionData: unknown }) {
  const { form, fields } = useActionForm(actionStatusForm, { intent: "status", id: `status-${item.id}`, actionData, defaultValue: { status: item.status } });
  const { key, ...select } = getSelectProps(fields.status);
  const error = fields.status.errors?.[0] ?? fields.actionItemId.errors?.[0];
  return (
    <ConformForm form={form} intent="status" className="inline-form" aria-label={`Status of ${item.text}`}>
      <input type="hidden" name={fields.actionItemId.name} value={item.id} />
      <label className="visually-hidden" htmlFor={fields.status.id}>
        Status of {item.text}
      </label>
      <select key={key} {...select}>
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {ACTION_STATUS_LABELS[s]}
          </option>
        ))}
      </select>{" "}
      <Submit intent="status" className="secondary small">
        Set
      </Submit>
      {error ? (
        <p className="field-error" id={fields.status.errorId} role="alert">
          {error}
        </p>
      ) : null}
      <FormErrors form={form} />
    </ConformForm>
  );
}

export function ActionItemForm({ items, parties }: Pick<Data, "items" | "parties">) {
  const { form, fields } = useActionForm(actionItemForm, { intent: "action", actionData: useActionData<typeof action>() });
  return (
    <ConformForm form={form} intent="action" className="stack">
      <FormErrors form={form} />
      <Input field={fields.text} label="Action" />
      <div className="form-row">
        <PartySelect field={fields.owner} label="Owner" parties={parties} placeholder="Choose a partner or affiliate" />
        <Input field={fields.dueDate} label="Due date" type="date" />
        <ItemSelect field={fields.agendaItemId} label="On item" items={items} placeholder="No particular item" />
      </div>
      <div className="actions">
        <Submit intent="action">Add action item</Submit>
      </div>
    </ConformForm>
  );
}

export function MeetingForm({ meeting, choices }: Pick<Data, "meeting" | "choices">) {
  const defaultValue = {
    title: meeting.title,
    kind: meeting.kind,
    date: meeting.local.date,
    time: meeting.local.time,
    timeZone: meeting.timeZone,
    location: meeting.location,
    subCoalitionId: meeting.subCoalitionId,
    candidateId: meeting.candidateId,
  };
  const { form, fields } = useActionForm(meetingForm, { intent: "update", actionData: useActionData<typeof action>(), defaultValue });
  return (
    <ConformForm form={form} intent="update" className="stack">
      <FormErrors form={form} />
      <MeetingFields fields={fields} choices={choices} />
      <div className="actions">
        <Submit intent="update">Save meeting</Submit>
      </div>
    </ConformForm>
  );
}

