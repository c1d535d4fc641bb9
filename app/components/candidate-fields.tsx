import type { FieldMetadata } from "@conform-to/react";
import { INCUMBENCY, type Incumbency } from "~/domain/vocabulary";
import { INCUMBENCY_LABELS } from "~/domain/labels";
import { Choice, Input, Textarea } from "./form";

/** What the fields are filled with when editing (a saved candidate's values). */
export type CandidateDefaults = { name: string; party: string | null; incumbency: Incumbency; bio: string | null; website: string | null; socialLinks: string | null };

/** A new candidate's defaults: a Democratic challenger. */
export const NEW_CANDIDATE_DEFAULTS: Partial<CandidateDefaults> = { party: "Democratic", incumbency: "challenger" };

type Fields = Record<"name" | "party" | "incumbency" | "bio" | "website" | "socialLinks", FieldMetadata<string | undefined>>;

export function CandidateFields({ fields }: { fields: Fields }) {
  return (
    <>
      <div className="form-row">
        <Input field={fields.name} label="Name" />
        <Input field={fields.party} label="Party" />
        <Choice field={fields.incumbency} label="Incumbent or challenger" options={INCUMBENCY.map((i) => ({ value: i, label: INCUMBENCY_LABELS[i] }))} />
      </div>
      <Textarea field={fields.bio} label="Bio" rows={4} />
      <Input field={fields.website} label="Website" type="url" placeholder="https://" />
      <Textarea field={fields.socialLinks} label="Social links" rows={2} hint="One web address per line." />
    </>
  );
}
