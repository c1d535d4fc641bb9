import { ROLES, type Role } from "~/domain/vocabulary";
import { ROLE_LABELS } from "~/domain/permissions";
import { ActionForm, Field, FormError, Select, Submit, type FormState } from "./form";

/** Invites a person to a role. Roles the inviter may not give are not offered. */
export function InviteForm(props: {
  state?: FormState;
  roles: readonly Role[];
  partners: { id: number; shortName: string; name: string }[];
  affiliates: { id: number; name: string; partnerShortName: string }[];
  coalitionId?: number;
  coalitions?: { id: number; name: string }[];
}) {
  const { state } = props;
  return (
    <ActionForm intent="invite" className="stack" aria-label="Invite someone">
      <FormError state={state} />
      {props.coalitions ? (
        <Select
          name="coalitionId"
          label="Table"
          required
          state={state}
          placeholder="Choose a table"
          options={props.coalitions.map((c) => ({ value: String(c.id), label: c.name }))}
        />
      ) : null}
      <div className="form-row">
        <Field name="name" label="Name" required state={state} autoComplete="off" />
        <Field name="email" label="Email" type="email" required state={state} autoComplete="off" />
      </div>
      <Select
        name="role"
        label="Role"
        required
        state={state}
        placeholder="Choose a role"
        options={ROLES.filter((r) => props.roles.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      {props.partners.length ? (
        <Select
          name="partnerId"
          label="Partner (for a representative or counsel)"
          state={state}
          placeholder="—"
          options={props.partners.map((p) => ({ value: String(p.id), label: `${p.shortName} — ${p.name}` }))}
        />
      ) : null}
      {props.affiliates.length ? (
        <Select
          name="affiliateId"
          label="Affiliate (for an affiliate lead)"
          state={state}
          placeholder="—"
          options={props.affiliates.map((a) => ({ value: String(a.id), label: `${a.name} (${a.partnerShortName})` }))}
        />
      ) : null}
      <div className="actions">
        <Submit intent="invite" pendingText="Creating link…">
          Create invitation link
        </Submit>
      </div>
      <p className="hint">No email is sent: copy the link and send it yourself. It works once, for 7 days.</p>
    </ActionForm>
  );
}

/** Shown once after an invitation or reset is made. */
export function OneTimeLink({ link, what }: { link: string; what: string }) {
  return (
    <div className="notice ok" role="status">
      <p style={{ marginTop: 0 }}>{what} Copy this link now; it is not shown again:</p>
      <p className="copy-link" data-testid="one-time-link">
        {link}
      </p>
    </div>
  );
}
