import { Field, type FormState } from "./form";

/** What the fields are filled with when editing (a saved race's values). */
export type RaceDefaults = { office: string; state: string; district: string | null; seats: number; primaryDate: string; runoffDate: string | null; specialDate: string | null; generalDate: string; incumbent: string | null; timeZone: string };

export function RaceFields({ state, race }: { state?: FormState; race?: Partial<RaceDefaults> }) {
  return (
    <>
      <div className="form-row">
        <Field name="office" label="Office" required state={state} defaultValue={race?.office ?? "U.S. House"} />
        <Field name="state" label="State" required state={state} defaultValue={race?.state} hint="Two letters, e.g. PA." autoComplete="off" />
        <Field name="district" label="District" state={state} defaultValue={race?.district} hint="Leave empty for a statewide race." />
      </div>
      <div className="form-row">
        <Field name="primaryDate" label="Primary date" type="date" required state={state} defaultValue={race?.primaryDate} />
        <Field name="generalDate" label="General election date" type="date" required state={state} defaultValue={race?.generalDate} />
        <Field name="runoffDate" label="Runoff date" type="date" state={state} defaultValue={race?.runoffDate} hint="If any." />
        <Field name="specialDate" label="Special election date" type="date" state={state} defaultValue={race?.specialDate} hint="If any." />
      </div>
      <div className="form-row">
        <Field name="seats" label="Seats" inputMode="numeric" required state={state} defaultValue={race?.seats ?? 1} hint="How many candidates a partner may endorse." />
      </div>
      <div className="form-row">
        <Field name="incumbent" label="Incumbent" state={state} defaultValue={race?.incumbent} />
        <Field name="timeZone" label="Time zone" state={state} defaultValue={race?.timeZone} hint="IANA name; empty uses the state's." placeholder="America/New_York" />
      </div>
    </>
  );
}
