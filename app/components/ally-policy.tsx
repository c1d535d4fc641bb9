import { useActionData } from "@remix-run/react";
import { ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { CoverageInputs, coverageDefaults, coverageSummary } from "~/components/affiliate-fields";
import { acknowledgeForm, POLICY_MAX_CHARS, policyForm } from "~/domain/counsel-forms";
import type { CoverageArea } from "~/domain/coverage";
import { allyCoverageForm } from "~/domain/forms";

type AllyPolicy = {
  partnerId: number;
  name: string;
  policy: { id: number; version: number; title: string; body: string } | null;
  acknowledged: boolean;
  state: string | null;
  coverage: CoverageArea[];
};

/**
 * A regional ally's written firewall policy (issue 13), on the program its lead works in: an ally
 * has no counsel at the table, so its lead records the policy, then acknowledges it; F6 asks for
 * the acknowledgment before the ally pledges, hosts or recruits, as for any member.
 */
export function AllyPolicies({ allies }: { allies: AllyPolicy[] }) {
  if (allies.length === 0) return null;
  return (
    <section aria-labelledby="ally-policy" className="card">
      <h2 id="ally-policy">Your organization: firewall policy and coverage</h2>
      <p className="hint">
        As a regional ally you keep your own written firewall policy. Each of your people acknowledges its current version before pledging, hosting or recruiting
        for this program.
      </p>
      {allies.map((a) => (
        <AllyPolicyCard key={a.partnerId} ally={a} />
      ))}
    </section>
  );
}

function AllyPolicyCard({ ally }: { ally: AllyPolicy }) {
  const actionData = useActionData<{ intent?: string }>();
  const record = useActionForm(policyForm, {
    intent: "ally-policy",
    id: `ally-policy-${ally.partnerId}`,
    actionData,
    defaultValue: { partnerId: String(ally.partnerId), title: ally.policy?.title ?? `${ally.name} firewall policy`, body: ally.policy?.body ?? "" },
  });
  const ack = useActionForm(acknowledgeForm, { intent: "ally-acknowledge", id: `ally-ack-${ally.partnerId}`, actionData });
  const covered = coverageDefaults(ally.coverage);
  const cover = useActionForm(allyCoverageForm, { intent: "ally-coverage", id: `ally-coverage-${ally.partnerId}`, actionData, defaultValue: { ...covered, partnerId: String(ally.partnerId) } });
  return (
    <div>
      <h3>{ally.name}</h3>
      {ally.policy ? (
        <>
          <p>
            Version {ally.policy.version}: <strong>{ally.policy.title}</strong>
          </p>
          <p className="prewrap">{ally.policy.body}</p>
          {ally.acknowledged ? (
            <p className="notice ok">You acknowledged version {ally.policy.version}.</p>
          ) : (
            <ConformForm form={ack.form} intent="ally-acknowledge" aria-label={`Acknowledge ${ally.name}'s policy`}>
              <input type="hidden" name={ack.fields.policyId.name} value={ally.policy.id} />
              <input type="hidden" name={ack.fields.version.name} value={ally.policy.version} />
              <FormErrors form={ack.form} />
              <Submit intent="ally-acknowledge">I have read and acknowledge version {ally.policy.version}</Submit>
            </ConformForm>
          )}
        </>
      ) : (
        <p className="notice">{ally.name} has no written firewall policy on file yet: record it below.</p>
      )}
      <h4>Where {ally.name} works</h4>
      <p>
        {coverageSummary(ally.coverage) || "No coverage yet: your organization takes call and text lists, but no doors, until it says where it works."}
        {ally.state ? <span className="muted"> (in {ally.state})</span> : null}
      </p>
      <details open={cover.state !== undefined}>
        <summary>Edit coverage</summary>
        <ConformForm form={cover.form} intent="ally-coverage" className="stack" aria-label={`${ally.name}'s coverage`}>
          <input type="hidden" name={cover.fields.partnerId.name} value={ally.partnerId} />
          <FormErrors form={cover.form} />
          <CoverageInputs fields={cover.fields} />
          <Submit intent="ally-coverage">Save coverage</Submit>
        </ConformForm>
      </details>
      <h4>Firewall policy</h4>
      <details open={!ally.policy || record.state !== undefined}>
        <summary>{ally.policy ? "Record a new version" : "Record the policy"}</summary>
        <ConformForm form={record.form} intent="ally-policy" aria-label={`${ally.name}'s policy`}>
          <input type="hidden" name={record.fields.partnerId.name} value={ally.partnerId} />
          <Input field={record.fields.title} label="Title" />
          <Textarea field={record.fields.body} label="Policy" rows={8} hint={`Write or paste the policy (up to ${POLICY_MAX_CHARS.toLocaleString("en-US")} characters).`} />
          <FormErrors form={record.form} />
          <Submit intent="ally-policy">Record version {(ally.policy?.version ?? 0) + 1}</Submit>
        </ConformForm>
      </details>
    </div>
  );
}
