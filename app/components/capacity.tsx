import { Form, Link } from "@remix-run/react";
import { CAPABILITY_LABELS, CAPACITY_KIND_LABELS, CAPACITY_READER_LABELS, capacityItemForm, capacityItemWords } from "~/domain/capacity";
import { US_STATES } from "~/domain/states";
import { CAPABILITIES, CAPACITY_KINDS, CAPACITY_READERS, type Capability, type CapacityKind, type CapacityReaders } from "~/domain/vocabulary";
import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "./form";

export type CapacityView = { id: number; kind: CapacityKind; state: string | null; amount: number | null; capability: Capability | null; detail: string | null; readers: CapacityReaders };

const READER_BADGE: Record<CapacityReaders, string> = { table: "The table reads it", facilitator: "Facilitator only", own: "Own people only" };

/** A profile's items in a list, each with who reads it; its keeper changes or removes each. */
export function CapacityList(props: { items: readonly CapacityView[]; canEdit: boolean; empty: string; label: string }) {
  if (props.items.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <ul className="history card" aria-label={props.label}>
      {props.items.map((i) => (
        <li key={i.id} id={`item-${i.id}`}>
          {capacityItemWords(i)} <span className={`badge readers-${i.readers}`}>{READER_BADGE[i.readers]}</span>
          {i.detail && i.kind !== "red_line" ? <div className="muted">{i.detail}</div> : null}
          {props.canEdit ? (
            <span className="row-actions">
              <Link to={`?edit=${i.id}#capacity-form`} preventScrollReset aria-label={`Change "${capacityItemWords(i)}"`}>
                Change
              </Link>
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="itemId" value={i.id} />
                <button type="submit" className="secondary small" aria-label={`Remove "${capacityItemWords(i)}"`}>
                  Remove
                </button>
              </Form>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Add an item to the profile, or change the one chosen (`editing`), with who may read it. */
export function CapacityForm(props: { editing: CapacityView | null; actionData: unknown }) {
  const e = props.editing;
  const intent = e ? "edit" : "add";
  const { form, fields } = useActionForm(capacityItemForm, {
    intent,
    actionData: props.actionData,
    clearOnSave: !e,
    defaultValue: e ? { kind: e.kind, readers: e.readers, state: e.state ?? "", amount: e.amount === null ? "" : String(e.amount), capability: e.capability ?? "", detail: e.detail ?? "" } : { readers: "table" },
  });
  const title = e ? `Change "${capacityItemWords(e)}"` : "Add to the profile";
  return (
    <section className="card" id="capacity-form" aria-labelledby="capacity-form-title">
      <h2 id="capacity-form-title">{title}</h2>
      <ConformForm form={form} intent={intent} className="stack" aria-labelledby="capacity-form-title">
        <FormErrors form={form} />
        {e ? <input type="hidden" name="itemId" value={e.id} /> : null}
        <Choice field={fields.kind} label="What it is" placeholder="Choose" options={CAPACITY_KINDS.map((k) => ({ value: k, label: CAPACITY_KIND_LABELS[k] }))} />
        <Input field={fields.amount} label="How many (or dollars, for money)" inputMode="numeric" hint="For members, volunteers and organizers; for money, the amount." autoComplete="off" />
        <Choice field={fields.capability} label="Can do" placeholder="—" options={CAPABILITIES.map((c) => ({ value: c, label: CAPABILITY_LABELS[c] }))} />
        <Choice field={fields.state} label="State" placeholder="Across the country" options={Object.entries(US_STATES).map(([code, s]) => ({ value: code, label: `${code} — ${s.name}` }))} />
        <Input field={fields.detail} label="Details (the red line's words)" autoComplete="off" />
        <Choice field={fields.readers} label="Who may read it" options={CAPACITY_READERS.map((r) => ({ value: r, label: CAPACITY_READER_LABELS[r] }))} hint="The facilitator only: the table's facilitator, no other member. Our own people: this partner's representatives, counsel and affiliate leads." />
        <div className="actions">
          <Submit intent={intent}>{e ? "Save changes" : "Add"}</Submit>
          {e ? <Link to="?#capacity-form">Cancel</Link> : null}
        </div>
      </ConformForm>
    </section>
  );
}
