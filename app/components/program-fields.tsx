import type { FieldMetadata } from "@conform-to/react";
import { WORK_TYPES, type WorkType } from "~/domain/vocabulary";
import { Choice, Input } from "~/components/form";
import { goalField, GOAL_UNITS, WORK_TYPE_LABELS } from "~/domain/field-forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** The conform fields of a program form (the fields of `programForm`). */
export type ProgramFieldset = Record<"name" | "startDate" | "endDate" | "side" | `goal_${WorkType}`, AnyField>;

/** A saved program as the form's defaultValue: a goal per work type (blank: no goal). */
export function programDefaults(program: { name: string; startDate: string; endDate: string; side: string }, goals: { workType: string; target: number }[]) {
  const values: Record<string, string> = { name: program.name, startDate: program.startDate, endDate: program.endDate, side: program.side };
  for (const w of WORK_TYPES) {
    const g = goals.find((x) => x.workType === w);
    if (g) values[goalField(w)] = String(g.target);
  }
  return values;
}

/** The fields of a program: name, dates, side and a goal per work type (blank: no goal). */
export function ProgramFields({ fields }: { fields: ProgramFieldset }) {
  return (
    <>
      <Input field={fields.name} label="Program name" />
      <div className="form-row">
        <Input field={fields.startDate} label="Start date" type="date" hint="YYYY-MM-DD" />
        <Input field={fields.endDate} label="End date" type="date" hint="YYYY-MM-DD" />
      </div>
      <Choice
        field={fields.side}
        label="Side"
        options={[
          { value: "independent", label: "Independent (no coordination with the campaign)" },
          { value: "coordinated", label: "Coordinated (a member that may coordinate runs it)" },
        ]}
      />
      <fieldset className="goals">
        <legend>Goals (leave blank for none)</legend>
        {WORK_TYPES.map((w) => (
          <Input key={w} field={fields[goalField(w)]} label={`${WORK_TYPE_LABELS[w]}: ${GOAL_UNITS[w]}`} inputMode="numeric" />
        ))}
      </fieldset>
    </>
  );
}
