import type { FieldMetadata } from "@conform-to/react";
import { Input } from "./form";

/** What the fields are filled with when editing (a saved race's values). */
export type RaceDefaults = { office: string; state: string; district: string | null; seats: number; primaryDate: string; runoffDate: string | null; specialDate: string | null; generalDate: string; incumbent: string | null; timeZone: string };

/** A new race's defaults: a House seat, one seat. */
export const NEW_RACE_DEFAULTS: Partial<RaceDefaults> = { office: "U.S. House", seats: 1 };

type Fields = Record<
  "office" | "state" | "district" | "primaryDate" | "generalDate" | "runoffDate" | "specialDate" | "seats" | "incumbent" | "timeZone",
  FieldMetadata<string | undefined>
>;

export function RaceFields({ fields }: { fields: Fields }) {
  return (
    <>
      <div className="form-row">
        <Input field={fields.office} label="Office" />
        <Input field={fields.state} label="State" hint="Two letters, e.g. PA." autoComplete="off" />
        <Input field={fields.district} label="District" hint="Leave empty for a statewide race." />
      </div>
      <div className="form-row">
        <Input field={fields.primaryDate} label="Primary date" type="date" />
        <Input field={fields.generalDate} label="General election date" type="date" />
        <Input field={fields.runoffDate} label="Runoff date" type="date" hint="If any." />
        <Input field={fields.specialDate} label="Special election date" type="date" hint="If any." />
      </div>
      <div className="form-row">
        <Input field={fields.seats} label="Seats" inputMode="numeric" hint="How many candidates a partner may endorse." />
      </div>
      <div className="form-row">
        <Input field={fields.incumbent} label="Incumbent" />
        <Input field={fields.timeZone} label="Time zone" hint="IANA name; empty uses the state's." placeholder="America/New_York" />
      </div>
    </>
  );
}
