import { Form } from "@remix-run/react";
import { declineForm } from "~/domain/questions";
import { ConformForm, FormErrors, Input, Submit, useActionForm } from "./form";

/** The facilitator's two answers to a member's proposal: accept it, or decline it with a reply. `what` names it for the buttons. */
export function DecideProposal(props: { id: number; acceptIntent: string; declineIntent: string; what: string; actionData: unknown }) {
  const mine =
    props.actionData && typeof props.actionData === "object" && (props.actionData as { values?: Record<string, unknown> }).values?.id === String(props.id) ? props.actionData : undefined;
  const { form, fields } = useActionForm(declineForm, { intent: props.declineIntent, id: `${props.declineIntent}-${props.id}`, actionData: mine });
  return (
    <div className="row-actions stack">
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value={props.acceptIntent} />
        <input type="hidden" name="id" value={props.id} />
        <button type="submit" className="small" aria-label={`Accept ${props.what}`}>
          Accept
        </button>
      </Form>
      <ConformForm form={form} intent={props.declineIntent} className="stack" aria-label={`Decline ${props.what} with a reply`}>
        <input type="hidden" name={fields.id.name} value={props.id} />
        <FormErrors form={form} />
        <Input field={fields.reply} label="Reply (why not)" autoComplete="off" />
        <div className="actions">
          <Submit intent={props.declineIntent} className="secondary small">
            Decline with this reply
          </Submit>
        </div>
      </ConformForm>
    </div>
  );
}
