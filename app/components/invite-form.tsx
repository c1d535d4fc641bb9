import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { ROLES, type Role } from "~/domain/vocabulary";
import { adminInvitationForm, invitationForm } from "~/domain/auth-forms";
import { ROLE_LABELS } from "~/domain/permissions";
import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "./form";

type Choices = {
  roles: readonly Role[];
  partners: { id: number; shortName: string; name: string }[];
  affiliates: { id: number; name: string; partnerShortName: string }[];
};
/** The page's action answer (`useActionData`); leave it out once a link was made, for a fresh form. */
type Answer = { actionData: unknown };

/** Invites a person to a role at this table. Roles the inviter may not give are not offered. */
export function InviteForm(props: Choices & Answer) {
  const { form, fields } = useActionForm(invitationForm, { intent: "invite", actionData: props.actionData });
  return <InviteShell form={form} fields={fields} roles={props.roles} partners={props.partners} affiliates={props.affiliates} />;
}

/** The instance admin's invitation: to any table, chosen first. */
export function AdminInviteForm(props: Choices & Answer & { coalitions: { id: number; name: string }[] }) {
  const { form, fields } = useActionForm(adminInvitationForm, { intent: "invite", actionData: props.actionData });
  return (
    <InviteShell form={form} fields={fields} roles={props.roles} partners={props.partners} affiliates={props.affiliates}>
      <Choice field={fields.coalitionId} label="Table" placeholder="Choose a table" options={props.coalitions.map((c) => ({ value: c.id, label: c.name }))} />
    </InviteShell>
  );
}

type Field = FieldMetadata<string | undefined>;

function InviteShell(
  props: Choices & {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    form: FormMetadata<any, string[]>;
    fields: Record<"name" | "email" | "role" | "partnerId" | "affiliateId", Field>;
    /** Fields before the person's (the admin's choice of table). */
    children?: ReactNode;
  },
) {
  const { form, fields } = props;
  return (
    <ConformForm form={form} intent="invite" className="stack" aria-label="Invite someone">
      <FormErrors form={form} />
      {props.children}
      <div className="form-row">
        <Input field={fields.name} label="Name" autoComplete="off" />
        <Input field={fields.email} label="Email" type="email" autoComplete="off" />
      </div>
      <Choice field={fields.role} label="Role" placeholder="Choose a role" options={ROLES.filter((r) => props.roles.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      {props.partners.length ? (
        <Choice
          field={fields.partnerId}
          label="Partner (for a representative or counsel)"
          placeholder="—"
          options={props.partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))}
        />
      ) : null}
      {props.affiliates.length ? (
        <Choice
          field={fields.affiliateId}
          label="Affiliate (for an affiliate lead)"
          placeholder="—"
          options={props.affiliates.map((a) => ({ value: a.id, label: `${a.name} (${a.partnerShortName})` }))}
        />
      ) : null}
      <div className="actions">
        <Submit intent="invite" pendingText="Creating link…">
          Create invitation link
        </Submit>
      </div>
      <p className="hint">No email is sent: copy the link and send it yourself. It works once, for 7 days.</p>
    </ConformForm>
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
