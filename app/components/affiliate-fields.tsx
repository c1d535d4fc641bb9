import type { FieldMetadata } from "@conform-to/react";
import { LEGAL_TYPES } from "~/domain/vocabulary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { coverageLabel, coverageListText, wardText, type CoverageArea } from "~/domain/coverage";
import { Choice, Input, Tick } from "./form";

type Field = FieldMetadata<string | undefined>;
type AnyField = FieldMetadata<unknown>;
type CoverageFields = { districts: Field; counties: Field; statewide: AnyField; upperDistricts: Field; lowerDistricts: Field; cities: Field; wards: AnyField };
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

/** The geography an affiliate covers, every kind (issue 13); its lead edits only these. */
export function CoverageInputs({ fields, countiesHint = "Comma-separated." }: { fields: CoverageFields; countiesHint?: string }) {
  return (
    <fieldset className="stack">
      <legend>Coverage</legend>
      <Tick field={fields.statewide} label="The whole state" hint="Covers every race and every unit in the state." />
      <div className="form-row">
        <Input field={fields.districts} label="Congressional districts covered" hint="Comma-separated, e.g. 3, 7, 12 (AL for at-large)." />
        <Input field={fields.counties} label="Counties covered" hint={countiesHint} />
      </div>
      <div className="form-row">
        <Input field={fields.upperDistricts} label="State senate districts covered" hint="The upper chamber, as the state writes them: 48, 34A." />
        <Input field={fields.lowerDistricts} label="State house districts covered" hint="The lower chamber (House, Assembly): 48B, 190." />
      </div>
      <div className="form-row">
        <Input field={fields.cities} label="Cities covered" hint="Comma-separated, e.g. Chicago, Evanston." />
        <Input field={fields.wards as Field} label="Wards covered" hint="With their city: Chicago: 5, 25; Evanston: 1." />
      </div>
    </fieldset>
  );
}

/** The coverage form's values from stored coverage. */
export function coverageDefaults(coverage: readonly (CoverageArea & { kind: string })[]) {
  return {
    statewide: coverage.some((c) => c.kind === "statewide") ? "on" : undefined,
    districts: coverageListText(coverage, "district"),
    counties: coverageListText(coverage, "county"),
    upperDistricts: coverageListText(coverage, "upper_district"),
    lowerDistricts: coverageListText(coverage, "lower_district"),
    cities: coverageListText(coverage, "city"),
    wards: wardText(coverage),
  };
}

/** Coverage in words, for a list or a page: "PA-07, Allegheny County, Chicago Ward 5". */
export function coverageSummary(coverage: readonly CoverageArea[]): string {
  return coverage.map(coverageLabel).join(", ");
}

export function coverageText(coverage: { kind: string; value: string }[], kind: "district" | "county"): string {
  return coverageListText(coverage, kind);
}
