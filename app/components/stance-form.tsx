import { STANCES, type Decider, type Stance } from "~/domain/vocabulary";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { stanceForm } from "~/domain/forms";
import type { FormProps } from "@remix-run/react";
import type { ComponentType, ReactNode } from "react";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, Tick, useActionForm } from "./form";

/**
 * Records one stance. With a fixed partner (the matrix cell) the partner is carried hidden;
 * otherwise the user picks the partner, and optionally one of its affiliates.
 */
export function StanceForm(props: {
  candidateId: number;
  partner?: { id: number; shortName: string };
  partners?: { id: number; shortName: string; name: string }[];
  affiliates?: { id: number; name: string; partnerShortName: string }[];
  current?: Stance | null;
  /** Whether this person may mark the note private (the partner's own people only). */
  canPrivate?: boolean;
  today: string;
  /** The page's action answer (`useActionData`): a refused stance comes back with its messages. */
  actionData: unknown;
  action?: string;
  /** In place: the fetcher's form (no navigation), with `busy` while it is on its way and extra hidden fields. */
  as?: ComponentType<FormProps>;
  busy?: boolean;
  hidden?: ReactNode;
  formId?: string;
  /** Issue 13: whose stance counts at the table, and the ranks it allows (null: no ranking). */
  decider?: Decider;
  rankedMax?: number | null;
}) {
  const { current } = props;
  const { form, fields, state } = useActionForm(stanceForm, {
    intent: "stance",
    id: props.formId,
    actionData: props.actionData,
    defaultValue: { candidateId: props.candidateId, partnerId: props.partner?.id, decidedOn: props.today, noteSource: "research" },
    clearOnSave: true,
  });
  // a refusal about a carried (hidden) field is said above the form
  const carriedError = fields.candidateId.errors?.[0] ?? (props.partner ? fields.partnerId.errors?.[0] : undefined);
  const choices = STANCES.filter((s) => s !== current && (s !== "withdrawn" || current === "endorsed" || !props.partner));
  return (
    <ConformForm form={form} intent="stance" className="stack" action={props.action} aria-label="Record a stance" as={props.as}>
      <input type="hidden" name={fields.candidateId.name} value={props.candidateId} />
      {props.hidden}
      <FormErrors form={form} state={state} />
      {carriedError ? (
        <p className="form-error" role="alert">
          {carriedError}
        </p>
      ) : null}
      {props.partner ? (
        <input type="hidden" name={fields.partnerId.name} value={props.partner.id} />
      ) : (
        <Choice field={fields.partnerId} label="Partner" placeholder="Choose a partner" options={(props.partners ?? []).map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
      )}
      {props.affiliates && props.affiliates.length > 0 ? (
        <Choice
          field={fields.affiliateId}
          label="Recorded by an affiliate (optional)"
          placeholder="No: the national partner's stance"
          hint={
            props.decider === "affiliate"
              ? "At this table the affiliate covering the race decides: its endorsement counts for its partner (once, however many chapters endorse)."
              : "An affiliate's own endorsement is shown but does not count toward critical mass."
          }
          options={props.affiliates.map((a) => ({ value: a.id, label: `${a.name} (${a.partnerShortName})` }))}
        />
      ) : null}
      <div className="form-row">
        <Choice field={fields.stance} label="Stance" placeholder="Choose a stance" options={choices.map((s) => ({ value: s, label: STANCE_LABELS[s] }))} />
        <Input field={fields.decidedOn} label="Decision date" type="date" />
      </div>
      {props.rankedMax ? (
        <Input
          field={fields.rank}
          label="Rank (ranked endorsements)"
          inputMode="numeric"
          hint={`Optional, for an endorsement: 1 to ${props.rankedMax}. Only a first choice counts toward critical mass.`}
        />
      ) : null}
      <Input field={fields.decidingBody} label="Deciding body" hint="Who decided: a board, a PAC committee, a member vote." />
      <Textarea field={fields.note} label="Note" rows={2} />
      <Choice
        field={fields.noteSource}
        label="The note's information came from"
        options={[
          { value: "research", label: "Our own assessment or research" },
          { value: "public", label: "Public sources" },
          { value: "campaign", label: "The campaign (withheld from independent-side members)" },
        ]}
      />
      {props.canPrivate ? <Tick field={fields.notePrivate} label="Keep the note private to this partner" /> : null}
      <div className="actions">
        <Submit intent="stance" pendingText="Recording…" busy={props.busy}>
          Record stance
        </Submit>
      </div>
    </ConformForm>
  );
}
