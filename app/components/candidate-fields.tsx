import { INCUMBENCY, type Incumbency } from "~/domain/vocabulary";
import { INCUMBENCY_LABELS } from "~/domain/labels";
import { Field, Select, TextArea, type FormState } from "./form";

/** What the fields are filled with when editing (a saved candidate's values). */
export type CandidateDefaults = { name: string; party: string | null; incumbency: Incumbency; bio: string | null; website: string | null; socialLinks: string | null };

export function CandidateFields({ state, candidate }: { state?: FormState; candidate?: Partial<CandidateDefaults> }) {
  return (
    <>
      <div className="form-row">
        <Field name="name" label="Name" required state={state} defaultValue={candidate?.name} />
        <Field name="party" label="Party" required state={state} defaultValue={candidate?.party ?? "Democratic"} />
        <Select
          name="incumbency"
          label="Incumbent or challenger"
          required
          state={state}
          defaultValue={candidate?.incumbency ?? "challenger"}
          options={INCUMBENCY.map((i) => ({ value: i, label: INCUMBENCY_LABELS[i] }))}
        />
      </div>
      <TextArea name="bio" label="Bio" state={state} defaultValue={candidate?.bio} rows={4} />
      <Field name="website" label="Website" type="url" state={state} defaultValue={candidate?.website} placeholder="https://" />
      <TextArea name="socialLinks" label="Social links" state={state} defaultValue={candidate?.socialLinks} rows={2} hint="One web address per line." />
    </>
  );
}
