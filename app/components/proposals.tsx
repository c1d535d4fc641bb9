import { Form } from "@remix-run/react";
import { Pager } from "./pager";
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

/** Members' proposals the facilitator answered without taking them, each with the reply; paged apart (`param`). */
export function AnsweredProposals(props: { rows: readonly { id: number; who: string | null; text: string; reply: string | null }[]; total: number; next: string | null; prev: string | null; noun: string; param: string }) {
  if (props.rows.length === 0) return null;
  return (
    <>
      <h3>Answered, not added</h3>
      <ul className="history card">
        {props.rows.map((p) => (
          <li key={p.id}>
            <p>
              <strong>{p.who}</strong>: {p.text}
            </p>
            <p>
              <span className="muted">The facilitator's reply:</span> {p.reply}
            </p>
          </li>
        ))}
      </ul>
      <Pager prev={props.prev} next={props.next} total={props.total} shown={props.rows.length} noun={props.noun} param={props.param} label={`Pages of ${props.noun}`} />
    </>
  );
}
