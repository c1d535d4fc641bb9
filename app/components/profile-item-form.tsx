import { PROFILE_ITEM_KINDS } from "~/domain/vocabulary";
import { profileItemForm } from "~/domain/forms";
import { PROFILE_ITEM_KIND_LABELS } from "~/domain/labels";
import { SourceFields } from "./source-fields";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "./form";

/** Adds a note or figure to a profile, always with where it came from (rule F2). */
export function ProfileItemForm({ actionData, today }: { actionData: unknown; today: string }) {
  const { form, fields } = useActionForm(profileItemForm, { intent: "item", actionData, defaultValue: { kind: "note", capturedAt: today }, clearOnSave: true });
  return (
    <ConformForm form={form} intent="item" className="stack" aria-label="Add a note or figure">
      <FormErrors form={form} />
      <div className="form-row">
        <Choice field={fields.kind} label="What it is" options={PROFILE_ITEM_KINDS.map((k) => ({ value: k, label: PROFILE_ITEM_KIND_LABELS[k] }))} />
        <Input field={fields.topic} label="Issue" hint="For a position: the issue, e.g. Health care." />
      </div>
      <Textarea field={fields.body} label="Text" rows={3} hint="The note, position, strength or risk." />
      <fieldset className="stack">
        <legend>Figures (fundraising or polling)</legend>
        <div className="form-row">
          <Input field={fields.raised} label="Raised ($)" inputMode="numeric" />
          <Input field={fields.cashOnHand} label="Cash on hand ($)" inputMode="numeric" />
          <Input field={fields.asOf} label="As of" type="date" />
        </div>
        <div className="form-row">
          <Input field={fields.pollster} label="Pollster" />
          <Input field={fields.pollShare} label="Poll share (%)" inputMode="decimal" />
        </div>
      </fieldset>
      <SourceFields
        legend="Source"
        kind={fields.sourceKind}
        url={fields.sourceUrl}
        capturedAt={fields.capturedAt}
        hint="Public needs its URL and capture date. Campaign means the candidate's campaign told the table."
      />
      <div className="actions">
        <Submit intent="item">Add to profile</Submit>
      </div>
    </ConformForm>
  );
}
