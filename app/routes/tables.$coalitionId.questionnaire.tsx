import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { Pager } from "~/components/pager";
import { AnsweredProposals, DecideProposal } from "~/components/proposals";
import { formatDate } from "~/domain/dates";
import { readCursor, pageSize } from "~/domain/keyset";
import { can } from "~/domain/permissions";
import { decideProposalForm } from "~/domain/proposals";
import { declineForm, proposeQuestionForm, questionForm, questionIdForm } from "~/domain/questions";
import { getCoalition } from "~/models/coalitions.server";
import { addQuestion, decideQuestion, listQuestionnaire, listQuestionProposals, proposeQuestion, proposingPartners, questionOf, removeQuestion } from "~/models/questions.server";
import { getDb } from "~/server/db.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { handle, idParam, invalid, parse, readForm, submit } from "~/server/http.server";

/** The table's candidate questionnaire (issue 17): its questions, each partner's own, and members' proposals the facilitator accepts or answers. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    const table = getCoalition(db, user, { coalitionId });
    return {
      coalitionId,
      table: { cycle: table.cycle, level: table.level },
      questions: listQuestionnaire(db, user, { coalitionId, cursor: readCursor(url), limit: pageSize(url) }),
      proposed: listQuestionProposals(db, user, { coalitionId, status: "proposed", cursor: readCursor(url, "proposed") }),
      declined: listQuestionProposals(db, user, { coalitionId, status: "declined", cursor: readCursor(url, "declined"), limit: 10 }),
      partners: proposingPartners(db, user, { coalitionId }),
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/questionnaire`;
    const manage = () => requirePermission(user, { action: "table.manage", coalitionId }, context, db);
    switch (values.intent) {
      case "add-question":
        manage();
        return submit("add-question", questionForm, values, (d) => addQuestion(db, user, { coalitionId, text: d.text }), () => `${here}#questions`);
      case "propose-question": {
        // the second button adds it as the partner's own question
        const own = values.own === "yes";
        const parsed = parse(proposeQuestionForm, values);
        if (!parsed.ok) return invalid("propose-question", parsed.errors, parsed.values);
        requirePermission(user, { action: "question.propose", coalitionId, partnerId: parsed.data.partnerId }, context, db);
        return submit("propose-question", proposeQuestionForm, values, (d) => proposeQuestion(db, user, { coalitionId, ...d, own }), () => `${here}${own ? "#questions" : "?proposed-sent#proposals"}`);
      }
      case "accept-question":
        manage();
        return submit("accept-question", decideProposalForm, values, (d) => decideQuestion(db, user, { coalitionId, questionId: d.id, accept: true }), () => `${here}#questions`);
      case "decline-question":
        manage();
        return submit("decline-question", declineForm, values, (d) => decideQuestion(db, user, { coalitionId, questionId: d.id, accept: false, reply: d.reply }), () => `${here}#proposals`);
      case "remove-question": {
        const parsed = parse(questionIdForm, values);
        if (!parsed.ok) return invalid("remove-question", parsed.errors, parsed.values);
        const question = questionOf(db, user, { coalitionId, questionId: parsed.data.questionId });
        // the table's question is the facilitator's to remove; a partner's own, also its representative's
        if (!(question.partnerId !== null && can(user, { action: "question.propose", coalitionId, partnerId: question.partnerId }).ok)) manage();
        return submit("remove-question", questionIdForm, values, (d) => removeQuestion(db, user, { coalitionId, questionId: d.questionId }), () => `${here}#questions`);
      }
      default:
        return invalid(values.intent ?? "", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function Questionnaire() {
  const { coalitionId, table, questions, proposed, declined, partners, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mayRemove = (partnerId: number | null) => canManage || (partnerId !== null && partners.some((p) => p.id === partnerId));
  const refusal = actionData && "errors" in actionData && actionData.intent === "remove-question" ? Object.values(actionData.errors ?? {})[0] : null;
  return (
    <>
      <h1>Candidate questionnaire</h1>
      <p className="hint">
        The table's questions to every candidate of the {table.cycle} cycle, and each partner's own (marked as that partner's). Members propose questions to the table; the
        facilitator accepts them or answers with a reason. Candidates' answers are shown side by side on each race's <strong>Answers</strong> page; what a campaign gave the table
        is withheld from independent-side members (rule F2).
      </p>
      <section aria-labelledby="questions">
        <h2 id="questions">Questions</h2>
        {refusal ? (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        ) : null}
        {questions.rows.length === 0 ? (
          <p className="empty">No questions yet.</p>
        ) : (
          <ol className="history card">
            {questions.rows.map((q) => (
              <li key={q.id} id={`question-${q.id}`}>
                <p>
                  {q.text} <span className={`badge${q.partnerId ? " status-below_critical_mass" : ""}`}>{q.owner}</span>
                </p>
                {mayRemove(q.partnerId) ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="remove-question" />
                    <input type="hidden" name="questionId" value={q.id} />
                    <button type="submit" className="secondary small" aria-label={`Remove the question "${q.text.slice(0, 60)}"`}>
                      Remove
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <Pager prev={questions.prev} next={questions.next} total={questions.total} shown={questions.rows.length} noun="questions" label="Pages of questions" />
      </section>
      {canManage ? <AddQuestion /> : null}
      {partners.length ? <ProposeQuestion partners={partners} /> : null}
      <section aria-labelledby="proposals">
        <h2 id="proposals">Proposed by members</h2>
        {proposed.rows.length === 0 ? (
          <p className="empty">No proposed question is waiting.</p>
        ) : (
          <ul className="history card">
            {proposed.rows.map((p) => (
              <li key={p.id} id={`proposal-${p.id}`}>
                <p>
                  <strong>{p.proposedByShortName}</strong> proposes: {p.text} <span className="muted">· {formatDate(p.createdAt.slice(0, 10))}</span>
                </p>
                {p.why ? (
                  <p>
                    <span className="muted">Why:</span> {p.why}
                  </p>
                ) : null}
                {canManage ? <DecideProposal id={p.id} acceptIntent="accept-question" declineIntent="decline-question" what={`${p.proposedByShortName}'s proposed question`} actionData={actionData} /> : null}
              </li>
            ))}
          </ul>
        )}
        <Pager prev={proposed.prev} next={proposed.next} total={proposed.total} shown={proposed.rows.length} noun="proposed questions" param="proposed" label="Pages of proposed questions" />
        <AnsweredProposals {...declined} rows={declined.rows.map((p) => ({ id: p.id, who: p.proposedByShortName, text: p.text, reply: p.reply }))} noun="answered proposals" param="declined" />
      </section>
      <p>
        <Link to={`/tables/${coalitionId}/races`}>Races: each has its candidates' answers side by side</Link>
      </p>
    </>
  );
}

function AddQuestion() {
  const { form, fields } = useActionForm(questionForm, { intent: "add-question", actionData: useActionData<typeof action>(), clearOnSave: true });
  return (
    <section className="card" aria-labelledby="add-question">
      <h2 id="add-question">Add a question of the table's</h2>
      <ConformForm form={form} intent="add-question" className="stack" aria-labelledby="add-question">
        <FormErrors form={form} />
        <Textarea field={fields.text} label="Question" rows={2} />
        <div className="actions">
          <Submit intent="add-question">Add question</Submit>
        </div>
      </ConformForm>
    </section>
  );
}

function ProposeQuestion({ partners }: { partners: { id: number; shortName: string; name: string }[] }) {
  const { form, fields } = useActionForm(proposeQuestionForm, { intent: "propose-question", actionData: useActionData<typeof action>(), clearOnSave: true, defaultValue: { partnerId: partners.length === 1 ? partners[0].id : "" } });
  return (
    <section className="card" aria-labelledby="propose-question">
      <h2 id="propose-question">Ask a question</h2>
      <p className="hint">Propose it to the table (the facilitator adds it or answers why not), or add it as your partner's own question (shown at once, marked as yours).</p>
      <ConformForm form={form} intent="propose-question" className="stack" aria-labelledby="propose-question">
        <FormErrors form={form} />
        {partners.length === 1 ? (
          <input type="hidden" name={fields.partnerId.name} value={partners[0].id} />
        ) : (
          <Choice field={fields.partnerId} label="Asked by" placeholder="Choose a partner" options={partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
        )}
        <Textarea field={fields.text} label="Question" rows={2} />
        <Input field={fields.why} label="Why the table should ask it (optional)" autoComplete="off" />
        <div className="actions">
          <Submit intent="propose-question">Propose to the table</Submit>
          <button type="submit" name="own" value="yes" className="secondary">
            Add as {partners.length === 1 ? `${partners[0].shortName}'s` : "our"} own question
          </button>
        </div>
      </ConformForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
