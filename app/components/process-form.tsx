import { useFetcher } from "@remix-run/react";
import { candidateProcessForm } from "~/domain/processes";
import { useMounted } from "./charts/use-mounted";
import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "./form";

/** What the matrix action answers a process step recorded in place. */
export type ProcessAnswer = { intent: "process"; ok: true; stepLabel: string | null } | { intent: string; errors: Record<string, string>; values: Record<string, string | string[]> };

/**
 * Where a candidate stands in a partner's own endorsement process: the step reached and the
 * date it expects to decide. Posts in place with JavaScript (its own fetcher: the stance form
 * beside it keeps its state); without, a plain post that redirects back.
 */
export function ProcessForm(props: {
  candidateId: number;
  partner: { id: number; shortName: string };
  steps: readonly { id: number; label: string }[];
  current: { stepId: number | null; expectedOn: string | null } | null;
  /** The page's action answer (the no-JavaScript path). */
  actionData?: unknown;
  formId: string;
  /** Where the partner's steps are kept (a link when it has none). */
  stepsHref: string;
}) {
  const fetcher = useFetcher<ProcessAnswer>();
  const mounted = useMounted();
  const answer = fetcher.data ?? props.actionData;
  const { form, fields } = useActionForm(candidateProcessForm, {
    intent: "process",
    id: props.formId,
    actionData: answer,
    defaultValue: { candidateId: props.candidateId, partnerId: props.partner.id, stepId: props.current?.stepId ?? "", expectedOn: props.current?.expectedOn ?? "" },
  });
  const saved = fetcher.data && "ok" in fetcher.data && fetcher.state === "idle" ? fetcher.data : null;
  const carriedError = fields.candidateId.errors?.[0] ?? fields.partnerId.errors?.[0];
  if (props.steps.length === 0) {
    return (
      <p className="hint">
        {props.partner.shortName} has no endorsement steps yet. <a href={props.stepsHref}>Name its steps</a> to record where candidates stand.
      </p>
    );
  }
  return (
    <ConformForm form={form} intent="process" className="stack" as={fetcher.Form} aria-label={`${props.partner.shortName}'s endorsement process`}>
      <input type="hidden" name={fields.candidateId.name} value={props.candidateId} />
      <input type="hidden" name={fields.partnerId.name} value={props.partner.id} />
      {mounted ? <input type="hidden" name="inplace" value="1" /> : null}
      <FormErrors form={form} />
      {carriedError ? (
        <p className="form-error" role="alert">
          {carriedError}
        </p>
      ) : null}
      <div className="form-row">
        <Choice field={fields.stepId} label={`Step reached in ${props.partner.shortName}'s process`} placeholder="Not started" options={props.steps.map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.label}` }))} />
        <Input field={fields.expectedOn} label="Expected decision" type="date" hint="When the partner expects to decide." />
      </div>
      <div className="actions">
        <Submit intent="process" pendingText="Saving…" busy={fetcher.state !== "idle"}>
          Save step
        </Submit>
      </div>
      <p role="status" className="muted">
        {saved ? `Saved: ${saved.stepLabel ?? "not started"}.` : null}
      </p>
    </ConformForm>
  );
}
