import { LEGAL_TYPES, type LegalType } from "~/domain/vocabulary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { Field, Select, type FormState } from "./form";

export type AffiliateDefaults = {
  partnerId?: number | null;
  name?: string;
  state?: string;
  legalType?: LegalType | null;
  districts?: string;
  counties?: string;
  leadName?: string | null;
  leadContact?: string | null;
};

export function AffiliateFields({
  state,
  partners,
  defaults = {},
}: {
  state?: FormState;
  partners: { id: number; shortName: string; name: string }[];
  defaults?: AffiliateDefaults;
}) {
  return (
    <>
      <Select
        name="partnerId"
        label="Partner"
        required
        state={state}
        defaultValue={defaults.partnerId ? String(defaults.partnerId) : ""}
        placeholder="Choose a partner"
        options={partners.map((p) => ({ value: String(p.id), label: `${p.shortName} — ${p.name}` }))}
      />
      <div className="form-row">
        <Field name="name" label="Name" required state={state} defaultValue={defaults.name} />
        <Field name="state" label="State" required state={state} defaultValue={defaults.state} hint="Two letters, e.g. PA." autoComplete="off" />
      </div>
      <Select
        name="legalType"
        label="Legal type"
        state={state}
        defaultValue={defaults.legalType ?? ""}
        placeholder="Same as the partner"
        options={LEGAL_TYPES.map((t) => ({ value: t, label: LEGAL_TYPE_LABELS[t] }))}
      />
      <div className="form-row">
        <Field name="districts" label="Congressional districts covered" state={state} defaultValue={defaults.districts} hint="Comma-separated, e.g. 3, 7, 12 (AL for at-large)." />
        <Field name="counties" label="Counties covered" state={state} defaultValue={defaults.counties} hint="Comma-separated, e.g. Allegheny, Butler." />
      </div>
      <div className="form-row">
        <Field name="leadName" label="Lead's name" state={state} defaultValue={defaults.leadName} />
        <Field name="leadContact" label="Lead's contact" state={state} defaultValue={defaults.leadContact} hint="Email or phone." />
      </div>
    </>
  );
}

export function coverageText(coverage: { kind: string; value: string }[], kind: "district" | "county"): string {
  return coverage
    .filter((c) => c.kind === kind)
    .map((c) => c.value)
    .join(", ");
}
