import type { FieldMetadata } from "@conform-to/react";
import { CHAMBER_LABELS, LOCALITY_KIND_LABELS, PRIMARY_KIND_LABELS, SEAT_KIND_LABELS } from "~/domain/jurisdictions";
import { CHAMBERS, LOCALITY_KINDS, PRIMARY_KINDS, type CoalitionLevel, type SeatKind } from "~/domain/vocabulary";
import { Choice, Input } from "./form";

/** What the fields are filled with when editing (a saved race's values). */
export type RaceDefaults = {
  office: string;
  state: string;
  district: string | null;
  chamber: string | null;
  locality: string | null;
  localityKind: string | null;
  seatKind: string | null;
  primaryKind: string;
  seats: number;
  primaryDate: string;
  runoffDate: string | null;
  specialDate: string | null;
  generalDate: string;
  incumbent: string | null;
  timeZone: string;
};

/** A new race's defaults at each level: a House seat, a lower-chamber district, a ward seat; one seat, a party primary. */
export function newRaceDefaults(level: CoalitionLevel): Partial<RaceDefaults> {
  if (level === "state_legislative") return { office: "State House", chamber: "lower", seatKind: "district", seats: 1, primaryKind: "partisan" };
  if (level === "municipal") return { office: "City Council", localityKind: "city", seatKind: "ward", seats: 1, primaryKind: "nonpartisan" };
  return { office: "U.S. House", seats: 1, primaryKind: "partisan" };
}

/** @deprecated the federal defaults; use newRaceDefaults(level). */
export const NEW_RACE_DEFAULTS: Partial<RaceDefaults> = newRaceDefaults("federal");

type Fields = Record<
  | "office"
  | "state"
  | "district"
  | "chamber"
  | "locality"
  | "localityKind"
  | "seatKind"
  | "primaryKind"
  | "primaryDate"
  | "generalDate"
  | "runoffDate"
  | "specialDate"
  | "seats"
  | "incumbent"
  | "timeZone",
  FieldMetadata<string | undefined>
>;

const options = <K extends string>(values: readonly K[], labels: Record<K, string>) => values.map((value) => ({ value, label: labels[value] }));
const LEGISLATIVE_SEATS: SeatKind[] = ["district", "floterial"];
const MUNICIPAL_SEATS: SeatKind[] = ["ward", "district", "at_large", "citywide"];

/** Where the race is, as the table's level names it. */
function PlaceFields({ fields, level }: { fields: Fields; level: CoalitionLevel }) {
  if (level === "state_legislative") {
    return (
      <div className="form-row">
        <Input field={fields.office} label="Office" hint="As the state names it: State Senate, House, Assembly…" />
        <Input field={fields.state} label="State" hint="Two letters, e.g. MN." autoComplete="off" />
        <Choice field={fields.chamber} label="Chamber" options={options(CHAMBERS, CHAMBER_LABELS)} placeholder="Choose…" />
        <Input field={fields.district} label="District" hint="As the state writes it: 12, 190, 34A or Hillsborough 45." />
        <Choice field={fields.seatKind} label="Kind of district" options={options(LEGISLATIVE_SEATS, SEAT_KIND_LABELS)} />
      </div>
    );
  }
  if (level === "municipal") {
    return (
      <>
        <div className="form-row">
          <Input field={fields.office} label="Office" hint="City Council, Mayor, County Board…" />
          <Input field={fields.state} label="State" hint="Two letters, e.g. IL." autoComplete="off" />
          <Choice field={fields.localityKind} label="Government" options={options(LOCALITY_KINDS, LOCALITY_KIND_LABELS)} placeholder="Choose…" />
          <Input field={fields.locality} label="City or county" hint="Its name, e.g. Chicago." />
        </div>
        <div className="form-row">
          <Choice field={fields.seatKind} label="Seat" options={options(MUNICIPAL_SEATS, SEAT_KIND_LABELS)} placeholder="Choose…" />
          <Input field={fields.district} label="Ward or district" hint="Its number or name; empty for an at-large or citywide seat." />
        </div>
      </>
    );
  }
  return (
    <div className="form-row">
      <Input field={fields.office} label="Office" />
      <Input field={fields.state} label="State" hint="Two letters, e.g. PA." autoComplete="off" />
      <Input field={fields.district} label="District" hint="A congressional district or AL; empty for a statewide race." />
    </div>
  );
}

export function RaceFields({ fields, level = "federal" }: { fields: Fields; level?: CoalitionLevel }) {
  return (
    <>
      <PlaceFields fields={fields} level={level} />
      <div className="form-row">
        <Choice field={fields.primaryKind} label="Primary" options={options(PRIMARY_KINDS, PRIMARY_KIND_LABELS)} />
        <Input field={fields.primaryDate} label="Primary date" type="date" hint="Empty when there is no primary." />
        <Input field={fields.generalDate} label="General election date" type="date" />
        <Input field={fields.runoffDate} label="Runoff date" type="date" hint="If any." />
        <Input field={fields.specialDate} label="Special election date" type="date" hint="If any." />
      </div>
      <div className="form-row">
        <Input
          field={fields.seats}
          label="Seats"
          inputMode="numeric"
          hint={level === "federal" ? "How many candidates a partner may endorse." : "More than one for a multi-member district or at-large seats: how many candidates a partner may endorse."}
        />
      </div>
      <div className="form-row">
        <Input field={fields.incumbent} label="Incumbent" />
        <Input field={fields.timeZone} label="Time zone" hint="IANA name; empty uses the state's." placeholder="America/New_York" />
      </div>
    </>
  );
}
