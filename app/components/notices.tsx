import { AgendaPlace } from "./concerns";
import { formatDate } from "~/domain/dates";
import { NOTICE_KIND_LABELS, noticeGiveForm } from "~/domain/notices";
import { NOTICE_KINDS, type NoticeKind } from "~/domain/vocabulary";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "./form";
import { Pager } from "./pager";

export type NoticeView = { id: number; partnerShortName: string; kind: NoticeKind; what: string; why: string; plannedOn: string | null; meetingId: number | null; meetingTitle: string | null; createdAt: string };

/** A sub-table's notices of independent action (issue 17), and the form its members' representatives give one with. */
export function NoticesSection(props: {
  base: string;
  notices: { rows: readonly NoticeView[]; total: number; next: string | null; prev: string | null };
  partners: readonly { id: number; shortName: string; name: string }[];
  actionData: unknown;
  highlight: number | null;
}) {
  const { notices } = props;
  return (
    <section aria-labelledby="notices">
      <h2 id="notices">Notice of independent action</h2>
      <p className="hint">
        A member that will act outside this sub-table (announce an endorsement, run its own program, make a public statement, leave) tells it here first, and why. Each notice goes onto
        the next meeting's agenda by itself.
      </p>
      {props.highlight ? (
        <p className="notice ok" role="status">
          Notice given.
        </p>
      ) : null}
      {notices.rows.length === 0 ? (
        <p className="empty">No notice given.</p>
      ) : (
        <ul className="history card">
          {notices.rows.map((n) => (
            <li key={n.id} id={`notice-${n.id}`} className={props.highlight === n.id ? "selected" : undefined}>
              <p>
                <strong>{n.partnerShortName}</strong>: {NOTICE_KIND_LABELS[n.kind].toLowerCase()}
                {n.plannedOn ? ` on ${formatDate(n.plannedOn)}` : ""}. {n.what}
              </p>
              <p>
                <span className="muted">Why:</span> {n.why}
              </p>
              <p className="muted">
                Given {formatDate(n.createdAt.slice(0, 10))}
                <AgendaPlace base={props.base} meetingId={n.meetingId} meetingTitle={n.meetingTitle} waiting />
              </p>
            </li>
          ))}
        </ul>
      )}
      {notices.prev || notices.next ? <Pager prev={notices.prev} next={notices.next} total={notices.total} shown={notices.rows.length} noun="notices" param="notices" label="Pages of notices" /> : null}
      {props.partners.length > 0 ? <GiveNoticeForm partners={props.partners} actionData={props.actionData} /> : null}
    </section>
  );
}

function GiveNoticeForm(props: { partners: readonly { id: number; shortName: string; name: string }[]; actionData: unknown }) {
  const { form, fields } = useActionForm(noticeGiveForm, { intent: "notice", actionData: props.actionData, defaultValue: { partnerId: props.partners.length === 1 ? props.partners[0].id : "" } });
  return (
    <section className="card" aria-labelledby="give-notice">
      <h3 id="give-notice">Give notice</h3>
      <ConformForm form={form} intent="notice" className="stack" aria-labelledby="give-notice">
        <FormErrors form={form} />
        {props.partners.length === 1 ? (
          <input type="hidden" name={fields.partnerId.name} value={props.partners[0].id} />
        ) : (
          <Choice field={fields.partnerId} label="Given by" placeholder="Choose a partner" options={props.partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
        )}
        <div className="form-row">
          <Choice field={fields.kind} label="What you will do" placeholder="Choose" options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABELS[k] }))} />
          <Input field={fields.plannedOn} label="When (if known)" type="date" />
        </div>
        <Input field={fields.what} label="In a sentence" autoComplete="off" />
        <Textarea field={fields.why} label="Why" rows={3} />
        <div className="actions">
          <Submit intent="notice" pendingText="Giving notice…">
            Give notice
          </Submit>
        </div>
      </ConformForm>
    </section>
  );
}
