import type { FieldMetadata } from "@conform-to/react";
import { INCUMBENCY, type Incumbency, type SourceKind } from "~/domain/vocabulary";
import { INCUMBENCY_LABELS } from "~/domain/labels";
import { PUBLIC_ADDRESSES_HINT } from "~/domain/forms";
import { SourceFields } from "./source-fields";
import { Choice, Input, Textarea } from "./form";

/** What the fields are filled with when editing (a saved candidate's values). */
export type CandidateDefaults = {
  name: string;
  party: string | null;
  incumbency: Incumbency;
  bio: string | null;
  bioSourceKind: SourceKind | null;
  bioSourceUrl: string | null;
  bioCapturedAt: string | null;
  website: string | null;
  socialLinks: string | null;
};

/** A new candidate's defaults: a Democratic challenger. */
export const NEW_CANDIDATE_DEFAULTS: Partial<CandidateDefaults> = { party: "Democratic", incumbency: "challenger" };

type Fields = Record<
  "name" | "party" | "incumbency" | "bio" | "bioSourceKind" | "bioSourceUrl" | "bioCapturedAt" | "website" | "socialLinks",
  FieldMetadata<string | undefined>
>;

/**
 * The identity part of a profile. Name, party and incumbency are public facts; the bio asks
 * its source like a profile item (rule F2); website and social links are public-only by rule.
 */
export function CandidateFields({ fields }: { fields: Fields }) {
  return (
    <>
      <div className="form-row">
        <Input field={fields.name} label="Name" />
        <Input field={fields.party} label="Party" />
        <Choice field={fields.incumbency} label="Incumbent or challenger" options={INCUMBENCY.map((i) => ({ value: i, label: INCUMBENCY_LABELS[i] }))} />
      </div>
      <Textarea field={fields.bio} label="Bio" rows={4} />
      <SourceFields
        legend="Bio source"
        kind={fields.bioSourceKind}
        url={fields.bioSourceUrl}
        capturedAt={fields.bioCapturedAt}
        labels={{ kind: "Where the bio came from", url: "Bio source URL", capturedAt: "Bio date captured" }}
        hint="Needed when there is a bio. Public needs its URL and capture date. Campaign means the candidate's campaign told the table."
      />
      <Input field={fields.website} label="Website" type="url" placeholder="https://" hint={PUBLIC_ADDRESSES_HINT} />
      <Textarea field={fields.socialLinks} label="Social links" rows={2} hint={`One web address per line. ${PUBLIC_ADDRESSES_HINT}`} />
    </>
  );
}
