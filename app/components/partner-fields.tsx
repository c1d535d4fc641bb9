import { LEGAL_TYPES, type LegalType } from "~/domain/vocabulary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { Field, Select, type FormState } from "./form";

/** What the fields are filled with when editing (a saved partner's values). */
export type PartnerDefaults = { name: string; shortName: string; legalType: LegalType; website: string | null; contactName: string | null; contactEmail: string | null };

export function PartnerFields({ state, partner }: { state?: FormState; partner?: Partial<PartnerDefaults> }) {
  return (
    <>
      <div className="form-row">
        <Field name="name" label="Name" required state={state} defaultValue={partner?.name} />
        <Field name="shortName" label="Short name" required state={state} defaultValue={partner?.shortName} hint="Shown in the matrix, e.g. WFA." />
      </div>
      <Select
        name="legalType"
        label="Legal type"
        required
        state={state}
        defaultValue={partner?.legalType}
        placeholder="Choose a legal type"
        options={LEGAL_TYPES.map((t) => ({ value: t, label: LEGAL_TYPE_LABELS[t] }))}
        hint="A 501(c)(3) cannot endorse or join a sub-table (firewall rule F1)."
      />
      <Field name="website" label="Website" type="url" state={state} defaultValue={partner?.website} placeholder="https://" />
      <div className="form-row">
        <Field name="contactName" label="Contact name" state={state} defaultValue={partner?.contactName} />
        <Field name="contactEmail" label="Contact email" type="email" state={state} defaultValue={partner?.contactEmail} />
      </div>
    </>
  );
}
