import { formatDate } from "~/domain/dates";
import { AGREEMENT_PARTS, agreementProposalForm, type AgreementProposalView } from "~/domain/proposals";
import type { DiffPart } from "~/domain/text-diff";
import { Choice, ConformForm, FormErrors, Submit, Textarea, useActionForm } from "./form";
import { Pager } from "./pager";
import { DecideProposal } from "./proposals";

type PartKey = (typeof AGREEMENT_PARTS)[number][0];
const LABEL = Object.fromEntries(AGREEMENT_PARTS) as Record<PartKey, string>;

/** A word diff: removed words struck through, added words marked, each also said in words for screen readers. */
export function DiffText({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <p className="prewrap diff">
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "removed" ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
            {p.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {p.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}


/** Members' proposed changes to the agreement, each as a diff against the version it read; the facilitator accepts one into the next version or answers it. */
export function AgreementProposals(props: { rows: readonly AgreementProposalView[]; total: number; next: string | null; prev: string | null; canManage: boolean; actionData: unknown }) {
  const acceptError =
    props.actionData && typeof props.actionData === "object" && (props.actionData as { intent?: string }).intent === "accept-change" ? Object.values((props.actionData as { errors?: Record<string, string> }).errors ?? {})[0] : null;
  return (
    <section aria-labelledby="proposed-changes">
      <h2 id="proposed-changes">Proposed changes</h2>
      {acceptError ? (
        <p className="form-error" role="alert">
          {acceptError}
        </p>
      ) : null}
      {props.rows.length === 0 ? (
        <p className="empty">No member has proposed a change.</p>
      ) : (
        <ul className="history card">
          {props.rows.map((p) => (
            <li key={p.id} id={`change-${p.id}`}>
              <p>
                <strong>{p.partnerShortName}</strong> proposes a change to version {p.baseVersion} <span className="muted">· {formatDate(p.createdAt.slice(0, 10))}</span>{" "}
                <span className={`badge${p.status === "proposed" ? " status-below_critical_mass" : ""}`}>
                  {p.status === "proposed" ? "Waiting" : p.status === "accepted" ? `Accepted as version ${p.resultVersion ?? "?"}` : "Answered"}
                </span>
              </p>
              <p>
                <span className="muted">Why:</span> {p.why}
              </p>
              {p.diff
                .filter((d) => d.parts.some((x) => x.kind !== "same"))
                .map((d) => (
                  <div key={d.part}>
                    <h3 className="small-heading">{LABEL[d.part]}</h3>
                    <DiffText parts={d.parts} />
                  </div>
                ))}
              {p.reply ? (
                <p>
                  <span className="muted">The facilitator's reply:</span> {p.reply}
                </p>
              ) : null}
              {props.canManage && p.status === "proposed" ? <DecideProposal id={p.id} acceptIntent="accept-change" declineIntent="decline-change" what={`${p.partnerShortName}'s proposed change`} actionData={props.actionData} /> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager prev={props.prev} next={props.next} total={props.total} shown={props.rows.length} noun="proposed changes" param="changes" label="Pages of proposed changes" />
    </section>
  );
}

/** A member's representative proposes a change: the current text to edit, and why. */
export function ProposeChange(props: { current: { id: number; version: number } & Record<PartKey, string>; partners: readonly { partnerId: number; shortName: string }[]; actionData: unknown }) {
  const { form, fields } = useActionForm(agreementProposalForm, {
    intent: "propose-change",
    actionData: props.actionData,
    defaultValue: { ...props.current, baseVersionId: props.current.id, partnerId: props.partners.length === 1 ? props.partners[0].partnerId : "" },
  });
  return (
    <section className="card" aria-labelledby="propose-change">
      <h2 id="propose-change">Propose a change to version {props.current.version}</h2>
      <p className="hint">Edit the text as you would have it. The facilitator sees what you changed, word by word, and accepts it as the next version (which every member signs again) or answers you.</p>
      <ConformForm form={form} intent="propose-change" className="stack" aria-labelledby="propose-change">
        <FormErrors form={form} />
        <input type="hidden" name={fields.baseVersionId.name} value={props.current.id} />
        {props.partners.length === 1 ? (
          <input type="hidden" name={fields.partnerId.name} value={props.partners[0].partnerId} />
        ) : (
          <Choice field={fields.partnerId} label="Proposed by" placeholder="Choose a partner" options={props.partners.map((m) => ({ value: m.partnerId, label: m.shortName }))} />
        )}
        {AGREEMENT_PARTS.map(([key, label]) => (
          <Textarea key={key} field={fields[key]} label={label} rows={3} />
        ))}
        <Textarea field={fields.why} label="Why" rows={2} />
        <div className="actions">
          <Submit intent="propose-change">Propose this change</Submit>
        </div>
      </ConformForm>
    </section>
  );
}
