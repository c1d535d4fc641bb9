import type { FieldMetadata } from "@conform-to/react";
import { LEGAL_TYPES } from "~/domain/vocabulary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { Choice, Input } from "./form";

type Field = FieldMetadata<string | undefined>;
type CoverageFields = { districts: Field; counties: Field };
type Fields = CoverageFields & Record<"partnerId" | "name" | "state" | "legalType" | "leadName" | "leadContact", Field>;

export function AffiliateFields({ fields, partners }: { fields: Fields; partners: { id: number; shortName: string; name: string }[] }) {
  return (
    <>
      <Choice field={fields.partnerId} label="Partner" placeholder="Choose a partner" options={partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
      <div className="form-row">
        <Input field={fields.name} label="Name" />
        <Input field={fields.state} label="State" hint="Two letters, e.g. PA." autoComplete="off" />
      </div>
      <Choice field={fields.legalType} label="Legal type" placeholder="Same as the partner" options={LEGAL_TYPES.map((t) => ({ value: t, label: LEGAL_TYPE_LABELS[t] }))} />
      <CoverageInputs fields={fields} countiesHint="Comma-separated, e.g. Allegheny, Butler." />
      <div className="form-row">
        <Input field={fields.leadName} label="Lead's name" />
        <Input field={fields.leadContact} label="Lead's contact" hint="Email or phone." />
      </div>
    </>
  );
}

/** The districts and counties an affiliate covers (its lead edits only these). */
export function CoverageInputs({ fields, countiesHint = "Comma-separated." }: { fields: CoverageFields; countiesHint?: string }) {
  return (
    <div className="form-row">
      <Input field={fields.districts} label="Congressional districts covered" hint="Comma-separated, e.g. 3, 7, 12 (AL for at-large)." />
      <Input field={fields.counties} label="Counties covered" hint={countiesHint} />
    </div>
  );
}

export function coverageText(coverage: { kind: string; value: string }[], kind: "district" | "county"): string {
  return coverage
    .filter((c) => c.kind === kind)
    .map((c) => c.value)
    .join(", ");
}
