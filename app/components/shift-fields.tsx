import { Checkbox, Field, Select, TextArea, type FormState } from "~/components/form";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { WORK_TYPES } from "~/domain/vocabulary";

type Affiliate = { id: number; name: string; partnerName: string };
type Unit = { id: number; code: string; name: string; holder: string | null };

/**
 * The fields of a shift (create and edit). Times are typed in the race's zone; the server
 * turns them into UTC. Co-hosts and turf are checkbox groups (coHost_<id>, turf_<id>).
 */
export function ShiftFields({
  state,
  timeZone,
  hosts,
  participants,
  units,
  current,
}: {
  state?: FormState;
  timeZone: string;
  /** Affiliates this person may choose as host; null on edit (the host stays). */
  hosts: Affiliate[] | null;
  participants: Affiliate[];
  units: Unit[];
  current?: {
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
  };
}) {
  const coHostOptions = participants.filter((p) => p.id !== current?.hostAffiliateId);
  return (
    <>
      <Select name="workType" label="Work type" required state={state} defaultValue={current?.workType ?? "doorknock"} options={WORK_TYPES.map((w) => ({ value: w, label: WORK_TYPE_LABELS[w] }))} />
      <Field name="title" label="Title" state={state} defaultValue={current?.title} hint="Optional, e.g. “Saturday doors, Allentown”." />
      <div className="form-row">
        <Field name="startsAt" label="Starts" type="datetime-local" required state={state} defaultValue={current?.startsLocal} hint={`In the race's time zone, ${timeZone}.`} />
        <Field name="endsAt" label="Ends" type="datetime-local" required state={state} defaultValue={current?.endsLocal} />
      </div>
      <Field name="location" label="Place" state={state} defaultValue={current?.location} hint="Where volunteers meet (doorknocks, events)." />
      <Field name="callLink" label="Call link" type="url" inputMode="url" state={state} defaultValue={current?.callLink} hint="For phonebanks, textbanks and calls: https://…" />
      {hosts ? (
        <Select name="hostAffiliateId" label="Host affiliate" required state={state} defaultValue={current?.hostAffiliateId ?? hosts[0]?.id} options={hosts.map((h) => ({ value: String(h.id), label: `${h.name} (${h.partnerName})` }))} />
      ) : (
        <input type="hidden" name="hostAffiliateId" value={current?.hostAffiliateId ?? ""} />
      )}
      <CheckboxGroup
        legend="Co-host affiliates (a joint shift)"
        error={state?.errors?.coHosts}
        empty="No other affiliates take part in this program yet."
        state={state}
        options={coHostOptions.map((p) => ({ name: `coHost_${p.id}`, label: `${p.name} (${p.partnerName})`, on: current?.coHostIds.includes(p.id) ?? false }))}
      />
      <Select
        name="hostKind"
        label="Hosted with"
        state={state}
        defaultValue={current?.hostKind ?? "affiliate"}
        options={[
          { value: "affiliate", label: "Affiliates only" },
          { value: "campaign", label: "A campaign (e.g. its field office)" },
        ]}
        hint="A shift with a campaign host on the independent side is refused (firewall rule F7) unless counsel records an override."
      />
      <Field name="campaignHost" label="Campaign host" state={state} defaultValue={current?.campaignHost} hint="Only when hosted with a campaign: its name." />
      <Field name="capacity" label="Capacity" inputMode="numeric" required state={state} defaultValue={current?.capacity ?? 10} hint="The most volunteers it takes." />
      <CheckboxGroup
        legend="Turf units it works"
        error={state?.errors?.turf}
        empty="This program has no turf units yet."
        state={state}
        className="turf-choices"
        options={units.map((u) => ({ name: `turf_${u.id}`, label: `${u.code} · ${u.name}${u.holder ? ` (${u.holder})` : ""}`, on: current?.turfUnitIds.includes(u.id) ?? false }))}
      />
      <TextArea name="notes" label="Notes" state={state} defaultValue={current?.notes} hint="Free text for volunteers: what to bring, where to park. Not for campaign information." />
    </>
  );
}

/** A group of checkboxes under one legend, with one error for the group. */
function CheckboxGroup({ legend, error, empty, state, options, className }: { legend: string; error?: string; empty: string; state?: FormState; options: { name: string; label: string; on: boolean }[]; className?: string }) {
  return (
    <fieldset className={`field${error ? " has-error" : ""}`}>
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="hint">{empty}</p> : null}
      <div className={className}>
        {options.map((o) => (
          <Checkbox key={o.name} name={o.name} label={o.label} state={state} defaultValue={o.on ? "on" : ""} />
        ))}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
