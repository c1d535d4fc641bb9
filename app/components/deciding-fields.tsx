import type { FieldMetadata } from "@conform-to/react";
import { DECIDER_LABELS } from "~/domain/critical-mass";
import { DECIDERS } from "~/domain/vocabulary";
import { Choice, Input } from "./form";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** A table's deciding settings (issue 13): whose stance counts toward critical mass, and ranked endorsements. */
export function DecidingFields({ fields }: { fields: { decider: AnyField; rankedMax: AnyField } }) {
  return (
    <>
      <Choice
        field={fields.decider}
        label="Whose stance counts toward critical mass"
        options={DECIDERS.map((d) => ({ value: d, label: DECIDER_LABELS[d] }))}
        hint="Either way a partner counts once, however many of its chapters endorse; the other kind of stance is recorded and shown but does not count. The affiliate covering a race is one whose coverage contains the race's district, ward, city, county or state."
      />
      <Input
        field={fields.rankedMax}
        label="Ranked endorsements: ranks allowed"
        inputMode="numeric"
        hint="Empty: no ranking. 2 to 10: a partner (or deciding affiliate) may rank up to this many candidates in a race. Only a first choice counts toward critical mass and forms or joins a sub-table."
      />
    </>
  );
}
