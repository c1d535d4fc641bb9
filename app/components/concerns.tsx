import { Link } from "@remix-run/react";
import { answerConcernForm, concernForm } from "~/domain/concerns";
import { formatDate } from "~/domain/dates";
import { withheldNotice } from "~/domain/firewall";
import type { ConcernStatus, SourceKind } from "~/domain/vocabulary";
import { SourceBadge } from "./badges";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "./form";
import { SourceFields } from "./source-fields";
import { Pager } from "./pager";

export type ConcernView = {
  id: number;
  partnerShortName: string;
  about: string;
  concern: string;
  reason: string;
  sourceKind: SourceKind;
  sourceUrl: string | null;
  capturedAt: string | null;
  status: ConcernStatus;
  answer: string | null;
  answeredAt: string | null;
  meetingId: number | null;
  meetingTitle: string | null;
  createdAt: string;
};

/** Concerns where they apply: who raised it, about what, its reason and source, where it was put on the agenda, its answer. */
export function ConcernList(props: { base: string; rows: readonly ConcernView[]; withheld: number; canAnswer: boolean; actionData?: unknown; highlight?: number | null; empty: string }) {
  const notice = withheldNotice(props.withheld);
  return (
    <>
      {notice ? <p className="notice warn">{notice.replace(/notes?/, (w) => (w === "note" ? "concern" : "concerns"))}</p> : null}
      {props.rows.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="history card concerns">
          {props.rows.map((c) => (
            <li key={c.id} id={`concern-${c.id}`} className={props.highlight === c.id ? "selected" : undefined}>
              <p>
                <strong>{c.partnerShortName}</strong> has a concern about {c.about}: {c.concern}{" "}
                <span className={`badge ${c.status === "open" ? "status-below_critical_mass" : "status-active"}`}>{c.status === "open" ? "Open" : "Answered"}</span>
              </p>
              <p>
                <span className="muted">Reason:</span> {c.reason} <SourceBadge kind={c.sourceKind} />
                {c.sourceUrl ? (
                  <>
                    {" "}
                    <a href={c.sourceUrl}>source</a>
                    {c.capturedAt ? <span className="muted"> (captured {formatDate(c.capturedAt)})</span> : null}
                  </>
                ) : null}
              </p>
              <p className="muted">
                Raised {formatDate(c.createdAt.slice(0, 10))}
                <AgendaPlace base={props.base} meetingId={c.meetingId} meetingTitle={c.meetingTitle} waiting={c.status === "open"} />
                {c.answeredAt ? ` · answered ${formatDate(c.answeredAt.slice(0, 10))}` : null}
              </p>
              {c.answer ? (
                <p>
                  <span className="muted">The table's answer:</span> {c.answer}
                </p>
              ) : null}
              {props.canAnswer && c.status === "open" ? <AnswerForm concernId={c.id} actionData={props.actionData} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AnswerForm({ concernId, actionData }: { concernId: number; actionData?: unknown }) {
  const mine = actionData && typeof actionData === "object" && "values" in actionData && (actionData as { values?: Record<string, unknown> }).values?.concernId === String(concernId) ? actionData : undefined;
  const { form, fields } = useActionForm(answerConcernForm, { intent: "answer-concern", id: `answer-${concernId}`, actionData: mine });
  return (
    <ConformForm form={form} intent="answer-concern" className="stack" aria-label="Mark the concern answered">
      <input type="hidden" name={fields.concernId.name} value={concernId} />
      <FormErrors form={form} />
      <Input field={fields.answer} label="What the table said (optional)" />
      <div className="actions">
        <Submit intent="answer-concern" pendingText="Saving…">
          Mark answered
        </Submit>
      </div>
    </ConformForm>
  );
}

/**
 * Raise a concern, in writing, with its reason. It blocks nothing: it goes onto the next
 * meeting's agenda by itself. `abouts`: what it can be about here (one: carried hidden).
 */
export function RaiseConcernForm(props: { abouts: readonly { value: string; label: string }[]; partners: readonly { id: number; shortName: string; name: string }[]; actionData: unknown }) {
  const { form, fields } = useActionForm(concernForm, {
    intent: "concern",
    actionData: props.actionData,
    defaultValue: { about: props.abouts.length === 1 ? props.abouts[0].value : "", partnerId: props.partners.length === 1 ? props.partners[0].id : "", sourceKind: "research" },
  });
  return (
    <section className="card" aria-labelledby="raise-concern">
      <h3 id="raise-concern">Raise a concern</h3>
      <p className="hint">Say it early, in writing, with your reason. A concern blocks nothing: it goes onto the next meeting's agenda by itself.</p>
      <ConformForm form={form} intent="concern" className="stack" aria-labelledby="raise-concern">
        <FormErrors form={form} />
        {props.abouts.length === 1 ? (
          <input type="hidden" name={fields.about.name} value={props.abouts[0].value} />
        ) : (
          <Choice field={fields.about} label="About" placeholder="Choose what it is about" options={props.abouts} />
        )}
        {props.partners.length === 1 ? (
          <input type="hidden" name={fields.partnerId.name} value={props.partners[0].id} />
        ) : (
          <Choice field={fields.partnerId} label="Raised by" placeholder="Choose a partner" options={props.partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
        )}
        {fields.about.errors?.[0] && props.abouts.length === 1 ? (
          <p className="form-error" role="alert">
            {fields.about.errors[0]}
          </p>
        ) : null}
        <Input field={fields.concern} label="I have a concern about…" autoComplete="off" />
        <Textarea field={fields.reason} label="Reason" rows={3} />
        <SourceFields kind={fields.sourceKind} url={fields.sourceUrl} capturedAt={fields.capturedAt} hint="A campaign's words are withheld from independent-side members (rule F2)." legend="Where the reason's information came from" />
        <div className="actions">
          <Submit intent="concern" pendingText="Raising…">
            Raise concern
          </Submit>
        </div>
      </ConformForm>
    </section>
  );
}

/** A page's "Concerns" section: the concerns about what the page shows (paged apart, `concerns=`), and the form to raise one. */
export function ConcernsSection(props: {
  base: string;
  concerns: { rows: readonly ConcernView[]; total: number; withheld: number; next: string | null; prev: string | null };
  abouts: readonly { value: string; label: string }[];
  partners: readonly { id: number; shortName: string; name: string }[];
  canAnswer: boolean;
  actionData: unknown;
  highlight: number | null;
  empty: string;
}) {
  const { concerns } = props;
  const answerData = props.actionData && typeof props.actionData === "object" && (props.actionData as { intent?: string }).intent === "answer-concern" ? props.actionData : undefined;
  return (
    <section aria-labelledby="concerns">
      <h2 id="concerns">Concerns</h2>
      {props.highlight ? (
        <p className="notice ok" role="status">
          Concern raised. It blocks nothing; it is on the next meeting's agenda (or will be, once a meeting is set).
        </p>
      ) : null}
      <ConcernList base={props.base} rows={concerns.rows} withheld={concerns.withheld} canAnswer={props.canAnswer} actionData={answerData} highlight={props.highlight} empty={props.empty} />
      {concerns.prev || concerns.next ? <Pager prev={concerns.prev} next={concerns.next} total={concerns.total} shown={concerns.rows.length} noun="concerns" param="concerns" label="Pages of concerns" /> : null}
      {props.partners.length > 0 && props.abouts.length > 0 ? <RaiseConcernForm abouts={props.abouts} partners={props.partners} actionData={props.actionData} /> : null}
    </section>
  );
}

/** Where a member's concern or notice went: the meeting whose agenda it is on, or waiting for the next one. */
export function AgendaPlace(props: { base: string; meetingId: number | null; meetingTitle: string | null; waiting: boolean }) {
  if (props.meetingId) {
    return (
      <>
        {" "}
        · on the agenda of <Link to={`${props.base}/meetings/${props.meetingId}#agenda`}>{props.meetingTitle}</Link>
      </>
    );
  }
  return props.waiting ? <> · waiting for the next meeting's agenda</> : null;
}
