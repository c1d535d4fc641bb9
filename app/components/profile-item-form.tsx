import { PROFILE_ITEM_KINDS, SOURCE_KINDS } from "~/domain/vocabulary";
import { PROFILE_ITEM_KIND_LABELS } from "~/domain/labels";
import { SOURCE_LABELS } from "./badges";
import { ActionForm, Field, FormError, Select, Submit, TextArea, type FormState } from "./form";

/** Adds a note or figure to a profile, always with where it came from (rule F2). */
export function ProfileItemForm({ state, today }: { state?: FormState; today: string }) {
  return (
    <ActionForm intent="item" className="stack" aria-label="Add a note or figure">
      <FormError state={state} />
      <div className="form-row">
        <Select
          name="kind"
          label="What it is"
          required
          state={state}
          defaultValue="note"
          options={PROFILE_ITEM_KINDS.map((k) => ({ value: k, label: PROFILE_ITEM_KIND_LABELS[k] }))}
        />
        <Field name="topic" label="Issue" state={state} hint="For a position: the issue, e.g. Health care." />
      </div>
      <TextArea name="body" label="Text" state={state} rows={3} hint="The note, position, strength or risk." />
      <fieldset className="stack">
        <legend>Figures (fundraising or polling)</legend>
        <div className="form-row">
          <Field name="raised" label="Raised ($)" inputMode="numeric" state={state} />
          <Field name="cashOnHand" label="Cash on hand ($)" inputMode="numeric" state={state} />
          <Field name="asOf" label="As of" type="date" state={state} />
        </div>
        <div className="form-row">
          <Field name="pollster" label="Pollster" state={state} />
          <Field name="pollShare" label="Poll share (%)" inputMode="decimal" state={state} />
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>Source</legend>
        <Select
          name="sourceKind"
          label="Where it came from"
          required
          state={state}
          placeholder="Choose a source"
          options={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_LABELS[k] }))}
          hint="Public needs its URL and capture date. Campaign means the candidate's campaign told the table."
        />
        <div className="form-row">
          <Field name="sourceUrl" label="Source URL" type="url" state={state} placeholder="https://" />
          <Field name="capturedAt" label="Date captured" type="date" state={state} defaultValue={today} />
        </div>
      </fieldset>
      <div className="actions">
        <Submit intent="item">Add to profile</Submit>
      </div>
    </ActionForm>
  );
}
