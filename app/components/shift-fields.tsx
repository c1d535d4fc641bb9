import { getCollectionProps, getInputProps, type FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Choice, ErrorText, Input, Textarea } from "~/components/form";
import { Pager } from "~/components/pager";
import { TURF_KIND_LABELS, unitSize, WORK_TYPE_LABELS } from "~/domain/field-forms";
import { coHostChoices } from "~/domain/shift-forms";
import { REPEAT_LABELS, REPEATS, SERIES_MAX } from "~/domain/shift-series";
import { TURF_KINDS, WORK_TYPES, type TurfKind } from "~/domain/vocabulary";

type Affiliate = { id: number; name: string; partnerName: string };
type Unit = { id: number; code: string; name: string; kind: TurfKind; size: number; holder: string | null };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** The conform fields of a shift form (the fields of `shiftForm`). */
export type ShiftFieldset = Record<
  "workType" | "title" | "startsAt" | "endsAt" | "location" | "callLink" | "hostAffiliateId" | "hostKind" | "campaignHost" | "capacity" | "notes" | "coHosts" | "turf",
  AnyField
>;

/** A saved shift as the form's defaultValue (times in the race's zone, ticked ids as strings). */
export function shiftDefaults(shift: {
  workType: string;
  title: string;
  startsLocal: string;
  endsLocal: string;
  location: string | null;
  callLink: string | null;
  hostAffiliateId: number | null;
  hostKind: string;
  campaignHost: string | null;
  capacity: number;
  notes: string;
  coHostIds: number[];
  turfUnitIds: number[];
}) {
  return {
    workType: shift.workType,
    title: shift.title,
    startsAt: shift.startsLocal,
    endsAt: shift.endsLocal,
    location: shift.location ?? "",
    callLink: shift.callLink ?? "",
    hostAffiliateId: shift.hostAffiliateId === null ? "" : String(shift.hostAffiliateId),
    hostKind: shift.hostKind,
    campaignHost: shift.campaignHost ?? "",
    capacity: String(shift.capacity),
    notes: shift.notes,
    coHosts: shift.coHostIds.map(String),
    turf: shift.turfUnitIds.map(String),
  };
}

/**
 * The fields of a shift (create and edit). Times are typed in the race's zone; the server
 * turns them into UTC. Co-hosts and turf are checkbox lists posting one array field each
 * (coHosts=3&coHosts=7, turf=12).
 */
export function ShiftFields({
  fields,
  timeZone,
  hosts,
  participants,
  units,
  hostAffiliateId,
}: {
  fields: ShiftFieldset;
  timeZone: string;
  /** Affiliates this person may choose as host; null on edit (the host stays). */
  hosts: Affiliate[] | null;
  participants: Affiliate[];
  units: Unit[];
  /** On edit: the host, left out of the co-hosts. */
  hostAffiliateId?: number | null;
}) {
  // the host is never its own co-host: on create, the host chosen (the select's first option until one is picked)
  const chosenHost = hosts ? (fields.hostAffiliateId.value as string | undefined) || hosts[0]?.id : hostAffiliateId;
  const coHostOptions = coHostChoices(participants, chosenHost);
  const hostError = hosts ? undefined : fields.hostAffiliateId.errors?.[0];
  return (
    <>
      <Choice field={fields.workType} label="Work type" options={WORK_TYPES.map((w) => ({ value: w, label: WORK_TYPE_LABELS[w] }))} />
      <Input field={fields.title} label="Title" hint="Optional, e.g. “Saturday doors, Allentown”." />
      <div className="form-row">
        <Input field={fields.startsAt} label="Starts" type="datetime-local" hint={`In the race's time zone, ${timeZone}.`} />
        <Input field={fields.endsAt} label="Ends" type="datetime-local" />
      </div>
      <Input field={fields.location} label="Place" hint="Where volunteers meet (doorknocks, events)." />
      <Input field={fields.callLink} label="Call link" type="url" inputMode="url" hint="For phonebanks, textbanks and calls: https://…" />
      {hosts ? (
        <Choice field={fields.hostAffiliateId} label="Host affiliate" options={hosts.map((h) => ({ value: String(h.id), label: `${h.name} (${h.partnerName})` }))} />
      ) : (
        <>
          <input {...hiddenProps(fields.hostAffiliateId)} />
          {hostError ? (
            <p className="field-error" id={fields.hostAffiliateId.errorId} role="alert">
              {hostError}
            </p>
          ) : null}
        </>
      )}
      <CheckboxList
        field={fields.coHosts}
        legend="Co-host affiliates (a joint shift)"
        empty="No other affiliates take part in this program yet."
        options={coHostOptions.map((p) => ({ value: String(p.id), label: `${p.name} (${p.partnerName})` }))}
      />
      <Choice
        field={fields.hostKind}
        label="Hosted with"
        options={[
          { value: "affiliate", label: "Affiliates only" },
          { value: "campaign", label: "A campaign (e.g. its field office)" },
        ]}
        hint="A shift with a campaign host on the independent side is refused (firewall rule F7) unless counsel records an override."
      />
      <Input field={fields.campaignHost} label="Campaign host" hint="Only when hosted with a campaign: its name." />
      <Input field={fields.capacity} label="Capacity" inputMode="numeric" hint="The most volunteers it takes." />
      <CheckboxList
        field={fields.turf}
        legend="Turf units it works"
        empty="No turf units to choose here: find some with “Find turf units” above."
        className="turf-choices"
        options={units.map((u) => ({ value: String(u.id), label: `${u.code} · ${u.name} · ${TURF_KIND_LABELS[u.kind].toLowerCase()}, ${unitSize(u.kind, u.size)}${u.holder ? ` (${u.holder})` : ""}` }))}
      />
      <Textarea field={fields.notes} label="Notes" hint="Free text for volunteers: what to bring, where to park. Not for campaign information." />
    </>
  );
}

function hiddenProps(field: AnyField) {
  const { key: _key, ...props } = getInputProps(field, { type: "hidden" });
  return props;
}

/**
 * A list of checkboxes under one legend posting one array field, with one error for the list
 * (a junk id, or the server's refusal of a co-host or a unit) and a line when there is nothing
 * to tick.
 */
function CheckboxList({ field, legend, empty, options, className }: { field: AnyField; legend: string; empty: string; options: { value: string; label: string }[]; className?: string }) {
  const error = field.errors?.[0];
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) });
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className={`field${error ? " has-error" : ""}`} aria-describedby={error ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="hint">{empty}</p> : null}
      <div className={className}>
        {boxes.map(({ key, ...box }) => (
          <div className="field checkbox" key={key}>
            <input {...box} />
            <label htmlFor={box.id}>{labels.get(box.value)}</label>
          </div>
        ))}
      </div>
      <ErrorText field={field} />
    </fieldset>
  );
}

/** The turf picker's search (a GET form beside a shift form) and the page of units it found. */
export type TurfFinderState = {
  filters: { kind: string | null; area: string | null; code: string | null };
  total: number;
  shown: number;
  prev: string | null;
  next: string | null;
  /** Filters that were not understood (dropped). */
  ignored: string[];
};

/**
 * Finding turf units for a shift without listing every unit of the program: by kind, area
 * (a county, district or precinct) and the start of the code, a page at a time. A GET form of
 * its own (forms do not nest), keeping the page's other query parameters; the units found are
 * offered as boxes in the shift form below it, with the shift's own units.
 */
export function TurfFinder({ id, state, keep }: { id: string; state: TurfFinderState; keep: Record<string, string> }) {
  const f = state.filters;
  return (
    <section className="turf-finder" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Find turf units</h3>
      <Form method="get" preventScrollReset className="form-row">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} name="turfKind" defaultValue={f.kind ?? ""}>
            <option value="">Any kind</option>
            {TURF_KINDS.map((k) => (
              <option key={k} value={k}>
                {TURF_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-area`}>Area</label>
          <input id={`${id}-area`} name="turfArea" defaultValue={f.area ?? ""} maxLength={60} aria-describedby={`${id}-area-hint`} />
          <p className="hint" id={`${id}-area-hint`}>
            A county, district or precinct, as the turf file names it.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-code`}>Code starts with</label>
          <input id={`${id}-code`} name="turfCode" defaultValue={f.code ?? ""} maxLength={60} autoComplete="off" />
        </div>
        <div className="field">
          <button type="submit">Find units</button>
        </div>
      </Form>
      {state.ignored.length ? (
        <p className="notice warn" role="status">
          Some search terms were not understood and were left out.
        </p>
      ) : null}
      <p className="hint">Searching reloads the page: find the units first, then fill in the form. Ticked units are saved with the shift.</p>
      <Pager prev={state.prev} next={state.next} total={state.total} shown={state.shown} noun="turf units found" param="turfPage" label="Pages of turf units" />
    </section>
  );
}

/**
 * "Repeat" on the create form (issue 14): just this shift, more slots the same day (each as long
 * as the first), or every week until a date. Without JavaScript every field shows; the server
 * reads only the ones the choice needs.
 */
export function SeriesFields({ fields }: { fields: Record<"repeat" | "slots" | "until", AnyField> }) {
  return (
    <fieldset className="stack">
      <legend>Repeat</legend>
      <Choice field={fields.repeat} label="Repeat" options={REPEATS.map((r) => ({ value: r, label: REPEAT_LABELS[r] }))} />
      <Input field={fields.slots} label="Other start times the same day" hint="Like 13:00, 16:00: each slot is as long as the shift above." placeholder="13:00, 16:00" />
      <Input field={fields.until} type="date" label="Every week until" hint={`The same times each week, up to and including this date; at most ${SERIES_MAX} shifts.`} />
    </fieldset>
  );
}
