import type { FieldMetadata } from "@conform-to/react";
import { COALITION_LEVELS, type CoalitionLevel } from "~/domain/vocabulary";
import { DEFAULT_THRESHOLD } from "~/domain/critical-mass";
import { LEVEL_LABELS } from "~/domain/labels";
import { Choice, Input } from "./form";

/** What the fields are filled with when editing (a saved table's values). */
export type CoalitionDefaults = { name: string; level: CoalitionLevel; cycle: number; threshold: number };

/** A new table's defaults: federal, the next even cycle, critical mass at 4. */
export function newCoalitionDefaults(now = new Date()): CoalitionDefaults {
  const year = now.getUTCFullYear();
  return { name: "", level: "federal", cycle: year + (year % 2 === 0 ? 2 : 1), threshold: DEFAULT_THRESHOLD };
}

type Fields = { name: FieldMetadata<string>; level: FieldMetadata<string>; cycle: FieldMetadata<string>; threshold: FieldMetadata<string> };

export function CoalitionFields({ fields, thresholdHint }: { fields: Fields; thresholdHint: string }) {
  return (
    <>
      <Input field={fields.name} label="Name" />
      <div className="form-row">
        <Choice field={fields.level} label="Level" options={COALITION_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
        <Input field={fields.cycle} label="Cycle year" inputMode="numeric" />
        <Input field={fields.threshold} label="Critical-mass threshold" inputMode="numeric" hint={thresholdHint} />
      </div>
    </>
  );
}
