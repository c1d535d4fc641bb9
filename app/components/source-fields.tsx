import { SOURCE_KINDS } from "~/domain/vocabulary";
import { SOURCE_LABELS } from "./badges";
import { Choice, Input, type AnyField } from "./form";

const DEFAULT_LABELS = { kind: "Where it came from", url: "Source URL", capturedAt: "Date captured" };

/**
 * Where a piece of information came from (rule F2): public (with its URL and capture date),
 * campaign or research. One set of fields for notes and figures, a candidate's bio and
 * meeting notes; `legend` wraps them in a fieldset.
 */
export function SourceFields(props: {
  kind: AnyField;
  url: AnyField;
  capturedAt: AnyField;
  hint: string;
  legend?: string;
  labels?: Partial<typeof DEFAULT_LABELS>;
}) {
  const labels = { ...DEFAULT_LABELS, ...props.labels };
  const fields = (
    <>
      <Choice field={props.kind} label={labels.kind} placeholder="Choose a source" options={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_LABELS[k] }))} hint={props.hint} />
      <div className="form-row">
        <Input field={props.url} label={labels.url} type="url" placeholder="https://" />
        <Input field={props.capturedAt} label={labels.capturedAt} type="date" />
      </div>
    </>
  );
  return props.legend ? (
    <fieldset className="stack">
      <legend>{props.legend}</legend>
      {fields}
    </fieldset>
  ) : (
    fields
  );
}
