import { COALITION_LEVELS, type CoalitionLevel } from "~/domain/vocabulary";
import { DEFAULT_THRESHOLD } from "~/domain/critical-mass";
import { LEVEL_LABELS } from "~/domain/labels";
import { Field, Select, type FormState } from "./form";

/** What the fields are filled with when editing (a saved coalition's values). */
export type CoalitionDefaults = { name: string; level: CoalitionLevel; cycle: number; threshold: number };

export function CoalitionFields({ state, coalition, thresholdHint }: { state?: FormState; coalition?: Partial<CoalitionDefaults>; thresholdHint: string }) {
  const year = new Date().getUTCFullYear();
  return (
    <>
      <Field name="name" label="Name" required state={state} defaultValue={coalition?.name} />
      <div className="form-row">
        <Select
          name="level"
          label="Level"
          required
          state={state}
          defaultValue={coalition?.level ?? "federal"}
          options={COALITION_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
        />
        <Field name="cycle" label="Cycle year" inputMode="numeric" required state={state} defaultValue={coalition?.cycle ?? year + (year % 2 === 0 ? 2 : 1)} />
        <Field
          name="threshold"
          label="Critical-mass threshold"
          inputMode="numeric"
          required
          state={state}
          defaultValue={coalition?.threshold ?? DEFAULT_THRESHOLD}
          hint={thresholdHint}
        />
      </div>
    </>
  );
}
