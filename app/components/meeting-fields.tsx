import { MEETING_KINDS } from "~/domain/vocabulary";
import { MEETING_KIND_LABELS } from "~/domain/meetings";
import type { meetingForm } from "~/domain/meeting-forms";
import { Choice, Input, type useActionForm } from "./form";

export type MeetingChoices = {
  subTables: { id: number; label: string }[];
  candidates: { id: number; label: string }[];
};

/** The conform fields of a form over meetingForm. */
export type MeetingFieldset = ReturnType<typeof useActionForm<typeof meetingForm>>["fields"];

/** A new meeting's defaults: a table meeting at 7 pm. */
export const NEW_MEETING = { kind: "table", time: "19:00" };

/** The fields of a meeting: what, when (a date and time in a zone), where, and for whom. */
export function MeetingFields({ fields, choices }: { fields: MeetingFieldset; choices: MeetingChoices }) {
  return (
    <>
      <div className="form-row">
        <Input field={fields.title} label="Title" />
        <Choice field={fields.kind} label="Kind" options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
      </div>
      <div className="form-row">
        <Input field={fields.date} label="Date" type="date" />
        <Input field={fields.time} label="Time" type="time" />
        <Input
          field={fields.timeZone}
          label="Time zone"
          placeholder="America/New_York"
          hint="IANA name, e.g. America/Chicago. Empty: the race's zone for a sub-table or a candidate, else America/New_York. The time is shown in this zone."
        />
      </div>
      <Input field={fields.location} label="Where" hint="A room, or a call link." />
      <div className="form-row">
        <Choice
          field={fields.subCoalitionId}
          label="Sub-table"
          placeholder="None (the whole table)"
          options={choices.subTables.map((s) => ({ value: s.id, label: s.label }))}
          hint="Needed for a sub-table meeting; a joint organizing call invites its members and their affiliates in the district."
        />
        <Choice
          field={fields.candidateId}
          label="Candidate"
          placeholder="None"
          options={choices.candidates.map((c) => ({ value: c.id, label: c.label }))}
          hint="Needed for a candidate interview."
        />
      </div>
    </>
  );
}
