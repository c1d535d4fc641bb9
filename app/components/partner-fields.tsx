import type { FieldMetadata } from "@conform-to/react";
import { LEGAL_TYPES, type LegalType } from "~/domain/vocabulary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { Choice, Input } from "./form";

/** What the fields are filled with when editing (a saved partner's values). */
export type PartnerDefaults = { name: string; shortName: string; legalType: LegalType; website: string | null; contactName: string | null; contactEmail: string | null };

type Fields = Record<"name" | "shortName" | "legalType" | "website" | "contactName" | "contactEmail", FieldMetadata<string | undefined>>;

export function PartnerFields({ fields }: { fields: Fields }) {
  return (
    <>
      <div className="form-row">
        <Input field={fields.name} label="Name" />
        <Input field={fields.shortName} label="Short name" hint="Shown in the matrix, e.g. WFA." />
      </div>
      <Choice
        field={fields.legalType}
        label="Legal type"
        placeholder="Choose a legal type"
        options={LEGAL_TYPES.map((t) => ({ value: t, label: LEGAL_TYPE_LABELS[t] }))}
        hint="A 501(c)(3) cannot endorse or join a sub-table (firewall rule F1)."
      />
      <Input field={fields.website} label="Website" type="url" placeholder="https://" />
      <div className="form-row">
        <Input field={fields.contactName} label="Contact name" />
        <Input field={fields.contactEmail} label="Contact email" type="email" />
      </div>
    </>
  );
}
