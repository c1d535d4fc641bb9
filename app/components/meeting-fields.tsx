import { MEETING_KINDS } from "~/domain/vocabulary";
import { MEETING_KIND_LABELS } from "~/domain/meetings";
import { Field, Select, type FormState } from "./form";

export type MeetingChoices = {
  subTables: { id: number; label: string }[];
  candidates: { id: number; label: string }[];
};

/** The fields of a meeting: what, when (a date and time in a zone), where, and for whom. */
export function MeetingFields({
  state,
  choices,
  meeting,
}: {
  state?: FormState;
  choices: MeetingChoices;
  meeting?: { title: string; kind: string; date: string; time: string; timeZone: string; location: string | null; subCoalitionId: number | null; candidateId: number | null };
}) {
  return (
    <>
      <div className="form-row">
        <Field name="title" label="Title" required state={state} defaultValue={meeting?.title} />
        <Select name="kind" label="Kind" required state={state} defaultValue={meeting?.kind ?? "table"} options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
      </div>
      <div className="form-row">
        <Field name="date" label="Date" type="date" required state={state} defaultValue={meeting?.date} />
        <Field name="time" label="Time" type="time" required state={state} defaultValue={meeting?.time ?? "19:00"} />
        <Field
          name="timeZone"
          label="Time zone"
          state={state}
          defaultValue={meeting?.timeZone}
          placeholder="America/New_York"
          hint="IANA name, e.g. America/Chicago. Empty: the race's zone for a sub-table or a candidate, else America/New_York. The time is shown in this zone."
        />
      </div>
      <Field name="location" label="Where" state={state} defaultValue={meeting?.location} hint="A room, or a call link." />
      <div className="form-row">
        <Select
          name="subCoalitionId"
          label="Sub-table"
          state={state}
          defaultValue={meeting?.subCoalitionId}
          placeholder="None (the whole table)"
          options={choices.subTables.map((s) => ({ value: String(s.id), label: s.label }))}
          hint="Needed for a sub-table meeting; a joint organizing call invites its members and their affiliates in the district."
        />
        <Select
          name="candidateId"
          label="Candidate"
          state={state}
          defaultValue={meeting?.candidateId}
          placeholder="None"
          options={choices.candidates.map((c) => ({ value: String(c.id), label: c.label }))}
          hint="Needed for a candidate interview."
        />
      </div>
    </>
  );
}
