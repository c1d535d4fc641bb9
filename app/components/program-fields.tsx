import { WORK_TYPES } from "~/domain/vocabulary";
import { Field, Select, type FormState } from "~/components/form";
import { goalField, GOAL_UNITS, WORK_TYPE_LABELS } from "~/domain/field-forms";

type ProgramDefaults = {
  name?: string;
  startDate?: string;
  endDate?: string;
  side?: string;
  goals?: { workType: string; target: number }[];
};

/** The fields of a program: name, dates, side and a goal per work type (blank: no goal). */
export function ProgramFields({ state, defaults = {} }: { state?: FormState; defaults?: ProgramDefaults }) {
  const goal = (w: string) => defaults.goals?.find((g) => g.workType === w)?.target ?? null;
  return (
    <>
      <Field name="name" label="Program name" state={state} defaultValue={defaults.name} required />
      <div className="form-row">
        <Field name="startDate" label="Start date" type="date" state={state} defaultValue={defaults.startDate} required hint="YYYY-MM-DD" />
        <Field name="endDate" label="End date" type="date" state={state} defaultValue={defaults.endDate} required hint="YYYY-MM-DD" />
      </div>
      <Select
        name="side"
        label="Side"
        state={state}
        defaultValue={defaults.side ?? "independent"}
        options={[
          { value: "independent", label: "Independent (no coordination with the campaign)" },
          { value: "coordinated", label: "Coordinated (a member that may coordinate runs it)" },
        ]}
      />
      <fieldset className="goals">
        <legend>Goals (leave blank for none)</legend>
        {WORK_TYPES.map((w) => (
          <Field key={w} name={goalField(w)} label={`${WORK_TYPE_LABELS[w]}: ${GOAL_UNITS[w]}`} inputMode="numeric" state={state} defaultValue={goal(w)} />
        ))}
      </fieldset>
    </>
  );
}
