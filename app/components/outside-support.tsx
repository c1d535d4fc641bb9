import { Form, Link } from "@remix-run/react";
import { formatDate } from "~/domain/dates";
import { OUTSIDE_KIND_LABELS, outsideSupportEditForm, outsideSupportForm } from "~/domain/outside-support";
import { OUTSIDE_SUPPORTER_KINDS, type OutsideSupporterKind } from "~/domain/vocabulary";
import { Choice, ConformForm, FormErrors, Input, stateFor, Submit, useActionForm } from "./form";
import { Pager } from "./pager";

export type OutsideView = {
  id: number;
  kind: OutsideSupporterKind;
  name: string;
  sourceUrl: string;
  endorsedOn: string;
  note: string | null;
  partnerShortName: string | null;
  addedByName: string | null;
  canEdit: boolean;
};

export const OUTSIDE_ADD = "outside-add";
export const OUTSIDE_EDIT = "outside-edit";
export const OUTSIDE_REMOVE = "outside-remove";

const KIND_OPTIONS = OUTSIDE_SUPPORTER_KINDS.map((k) => ({ value: k, label: OUTSIDE_KIND_LABELS[k] }));

/**
 * A candidate's "Support from outside the table": organizations, unions, elected officials and
 * local groups that endorsed, each with its public source and date (paged apart, `outside=`),
 * and the form to add one, or to change the one chosen (`?outside-edit=<id>`).
 */
export function OutsideSupportSection(props: {
  candidateName: string;
  outside: { rows: readonly OutsideView[]; total: number; next: string | null; prev: string | null };
  canAdd: boolean;
  partners: readonly { id: number; shortName: string; name: string }[];
  editing: (Omit<OutsideView, "canEdit" | "partnerShortName" | "addedByName"> & { note: string | null }) | null;
  today: string;
  actionData: unknown;
}) {
  const { outside } = props;
  const removeState = stateFor(props.actionData, OUTSIDE_REMOVE);
  const removeError = removeState?.errors ? Object.values(removeState.errors)[0] : null;
  return (
    <section aria-labelledby="outside" id="outside-support">
      <h2 id="outside">Support from outside the table</h2>
      <p className="hint">Other organizations, unions, elected officials and local groups that endorsed {props.candidateName}, each with its public source.</p>
      {removeError ? (
        <p className="form-error" role="alert">
          {removeError}
        </p>
      ) : null}
      {outside.rows.length === 0 ? (
        <p className="empty">No outside endorsement recorded yet.</p>
      ) : (
        <ul className="history card">
          {outside.rows.map((o) => (
            <li key={o.id} id={`outside-${o.id}`}>
              <strong>{o.name}</strong> <span className="badge">{OUTSIDE_KIND_LABELS[o.kind]}</span> · endorsed {formatDate(o.endorsedOn)} ·{" "}
              <a href={o.sourceUrl} rel="noreferrer">
                source<span className="visually-hidden"> for {o.name}</span>
              </a>
              {o.note ? <div>{o.note}</div> : null}
              <div className="muted">
                Added by {o.addedByName ?? "someone"}
                {o.partnerShortName ? ` (${o.partnerShortName})` : ""}
                {o.canEdit ? (
                  <span className="row-actions">
                    <Link to={`?outside-edit=${o.id}#outside-form`} aria-label={`Change ${o.name}'s endorsement`} preventScrollReset>
                      Change
                    </Link>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value={OUTSIDE_REMOVE} />
                      <input type="hidden" name="outsideId" value={o.id} />
                      <button type="submit" className="secondary small" aria-label={`Remove ${o.name}'s endorsement`}>
                        Remove
                      </button>
                    </Form>
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager prev={outside.prev} next={outside.next} total={outside.total} shown={outside.rows.length} noun="outside endorsements" param="outside" label="Pages of outside endorsements" />
      {props.editing ? <EditOutside editing={props.editing} actionData={props.actionData} /> : props.canAdd ? <AddOutside partners={props.partners} today={props.today} actionData={props.actionData} /> : null}
    </section>
  );
}

function AddOutside(props: { partners: readonly { id: number; shortName: string; name: string }[]; today: string; actionData: unknown }) {
  const { form, fields } = useActionForm(outsideSupportForm, {
    intent: OUTSIDE_ADD,
    actionData: props.actionData,
    clearOnSave: true,
    defaultValue: { partnerId: props.partners.length === 1 ? props.partners[0].id : "", endorsedOn: props.today },
  });
  return (
    <div className="card" id="outside-form">
      <h3 id="add-outside">Add an outside endorsement</h3>
      <ConformForm form={form} intent={OUTSIDE_ADD} className="stack" aria-labelledby="add-outside">
        <FormErrors form={form} />
        {props.partners.length === 1 ? (
          <input type="hidden" name={fields.partnerId.name} value={props.partners[0].id} />
        ) : props.partners.length > 1 ? (
          <Choice field={fields.partnerId} label="Added for" placeholder="Choose a partner" options={props.partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
        ) : null}
        <OutsideFields fields={fields} />
        <div className="actions">
          <Submit intent={OUTSIDE_ADD} pendingText="Adding…">
            Add endorsement
          </Submit>
        </div>
      </ConformForm>
    </div>
  );
}

function EditOutside(props: { editing: { id: number; kind: OutsideSupporterKind; name: string; sourceUrl: string; endorsedOn: string; note: string | null }; actionData: unknown }) {
  const e = props.editing;
  const { form, fields } = useActionForm(outsideSupportEditForm, {
    intent: OUTSIDE_EDIT,
    actionData: props.actionData,
    defaultValue: { kind: e.kind, name: e.name, sourceUrl: e.sourceUrl, endorsedOn: e.endorsedOn, note: e.note ?? "" },
  });
  return (
    <div className="card" id="outside-form">
      <h3 id="edit-outside">Change {e.name}'s endorsement</h3>
      <ConformForm form={form} intent={OUTSIDE_EDIT} className="stack" aria-labelledby="edit-outside">
        <FormErrors form={form} />
        <input type="hidden" name={fields.outsideId.name} value={e.id} />
        <OutsideFields fields={fields} />
        <div className="actions">
          <Submit intent={OUTSIDE_EDIT}>Save changes</Submit>
          <Link to="?#outside-support">Cancel</Link>
        </div>
      </ConformForm>
    </div>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function OutsideFields({ fields }: { fields: any }) {
  return (
    <>
      <Choice field={fields.kind} label="Who endorsed" placeholder="Choose a kind" options={KIND_OPTIONS} />
      <Input field={fields.name} label="Name" hint="The organization, union, official (with office) or group, as it calls itself." autoComplete="off" />
      <Input field={fields.sourceUrl} label="Public source" type="url" hint="A web address where the endorsement is public: a press release, a post, an article." placeholder="https://" />
      <Input field={fields.endorsedOn} label="Date endorsed" type="date" />
      <Input field={fields.note} label="Note (optional)" autoComplete="off" />
    </>
  );
}
