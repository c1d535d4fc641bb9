import { Choice, ConformForm, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { OneTimeLink } from "~/components/invite-form";
import { allyInviteForm } from "~/domain/allies";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { LEGAL_TYPES } from "~/domain/vocabulary";

type Ally = {
  partnerId: number;
  name: string;
  legalType: string;
  state: string;
  leadName: string | null;
};

/**
 * Issue 13: the program's regional allies, and (for the facilitator and the sub-table's
 * representatives) the invitation of another: the organization and its lead's account link.
 */
export function AllySection({ allies, mayInvite, actionData }: { allies: Ally[]; mayInvite: boolean; actionData: unknown }) {
  const link =
    actionData && typeof actionData === "object" && "intent" in actionData && actionData.intent === "invite-ally" && "link" in actionData && typeof actionData.link === "string"
      ? actionData.link
      : null;
  if (!mayInvite && allies.length === 0) return null;
  return (
    <section className="card" aria-labelledby="allies-title">
      <h2 id="allies-title" style={{ marginTop: 0 }}>
        Regional allies
      </h2>
      <p className="hint">
        Organizations at no table and of no partner (a city's independent groups) that take part in this program: they pledge, host and recruit for shifts like an affiliate, under
        their own legal type. They never count toward critical mass, and their leads see only this program.
      </p>
      {allies.length === 0 ? (
        <p className="empty">No ally has joined this program.</p>
      ) : (
        <ul aria-label="Regional allies in this program">
          {allies.map((a) => (
            <li key={a.partnerId}>
              <strong>{a.name}</strong> ({LEGAL_TYPE_LABELS[a.legalType as keyof typeof LEGAL_TYPE_LABELS] ?? a.legalType}, {a.state}){a.leadName ? ` · lead: ${a.leadName}` : ""}
            </li>
          ))}
        </ul>
      )}
      {link ? <OneTimeLink link={link} what="Ally invited." /> : null}
      {mayInvite ? <AllyInviteForm key={link ?? "form"} actionData={link ? undefined : actionData} /> : null}
    </section>
  );
}

function AllyInviteForm({ actionData }: { actionData: unknown }) {
  const { form, fields } = useActionForm(allyInviteForm, {
    intent: "invite-ally",
    actionData,
  });
  return (
    <ConformForm form={form} intent="invite-ally" className="stack" aria-labelledby="allies-title">
      <FormErrors form={form} />
      <Input field={fields.name} label="Organization" autoComplete="off" />
      <div className="form-row">
        <Choice
          field={fields.legalType}
          label="Legal type"
          placeholder="Choose a legal type"
          options={LEGAL_TYPES.map((t) => ({
            value: t,
            label: LEGAL_TYPE_LABELS[t],
          }))}
        />
        <Input field={fields.state} label="State" hint="Two letters, like IL." autoComplete="off" />
      </div>
      <div className="form-row">
        <Input field={fields.leadName} label="Lead's name" autoComplete="off" />
        <Input field={fields.leadEmail} label="Lead's email" type="email" autoComplete="off" />
      </div>
      <Submit intent="invite-ally" pendingText="Inviting…">
        Invite ally
      </Submit>
      <p className="hint">No email is sent: copy the lead's invitation link and send it yourself. It works once, for 7 days.</p>
    </ConformForm>
  );
}
