import { STANCES, type Stance } from "~/domain/vocabulary";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { ActionForm, Checkbox, Field, FormError, Select, Submit, TextArea, type FormState } from "./form";

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
  state?: FormState;
  action?: string;
}) {
  const { state, current } = props;
  const choices = STANCES.filter((s) => s !== current && (s !== "withdrawn" || current === "endorsed" || !props.partner));
  return (
    <ActionForm intent="stance" className="stack" action={props.action} aria-label="Record a stance">
      <input type="hidden" name="candidateId" value={props.candidateId} />
      <FormError state={state} />
      {props.partner ? (
        <input type="hidden" name="partnerId" value={props.partner.id} />
      ) : (
        <Select
          name="partnerId"
          label="Partner"
          required
          state={state}
          placeholder="Choose a partner"
          options={(props.partners ?? []).map((p) => ({ value: String(p.id), label: `${p.shortName} — ${p.name}` }))}
        />
      )}
      {props.affiliates && props.affiliates.length > 0 ? (
        <Select
          name="affiliateId"
          label="Recorded by an affiliate (optional)"
          state={state}
          placeholder="No: the national partner's stance"
          hint="An affiliate's own endorsement is shown but does not count toward critical mass."
          options={props.affiliates.map((a) => ({ value: String(a.id), label: `${a.name} (${a.partnerShortName})` }))}
        />
      ) : null}
      <div className="form-row">
        <Select
          name="stance"
          label="Stance"
          required
          state={state}
          placeholder="Choose a stance"
          options={choices.map((s) => ({ value: s, label: STANCE_LABELS[s] }))}
        />
        <Field name="decidedOn" label="Decision date" type="date" required state={state} defaultValue={props.today} />
      </div>
      <Field name="decidingBody" label="Deciding body" state={state} hint="Who decided: a board, a PAC committee, a member vote." />
      <TextArea name="note" label="Note" state={state} rows={2} />
      <Select
        name="noteSource"
        label="The note's information came from"
        state={state}
        defaultValue="research"
        options={[
          { value: "research", label: "Our own assessment or research" },
          { value: "public", label: "Public sources" },
          { value: "campaign", label: "The campaign (withheld from independent-side members)" },
        ]}
      />
      {props.canPrivate ? <Checkbox name="notePrivate" label="Keep the note private to this partner" state={state} /> : null}
      <div className="actions">
        <Submit intent="stance" pendingText="Recording…">
          Record stance
        </Submit>
      </div>
    </ActionForm>
  );
}
