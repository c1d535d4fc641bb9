import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SourceBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { Pager } from "~/components/pager";
import { formatDate } from "~/domain/dates";
import { withheldNotice } from "~/domain/firewall";
import { pageSize, readCursor } from "~/domain/keyset";
import { can } from "~/domain/permissions";
import { ANSWER_SOURCES, ANSWER_SOURCE_LABELS, answerForm } from "~/domain/questions";
import { answerGrid, questionOf, recordAnswer } from "~/models/questions.server";
import { getRace, raceLabel } from "~/models/races.server";
import { getDb } from "~/server/db.server";
import { requirePermission, requireUser } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { handle, idParam, invalid, parse, readForm, submit } from "~/server/http.server";

/** A race's candidates' answers to the questionnaire, side by side (issue 17): questions × candidates, paged by questions; campaign answers withheld under rule F2. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await workspaceAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    const race = getRace(db, user, { coalitionId, raceId: idParam(params, "raceId", "Race") });
    const grid = answerGrid(db, user, { coalitionId, raceId: race.id, cursor: readCursor(url), limit: pageSize(url) });
    return {
      coalitionId,
      race: { id: race.id, label: raceLabel(race) },
      grid,
      // who records what: the facilitator every answer; a partner's representative its own questions'
      answerable: grid.rows.filter((r) => can(user, { action: "answer.record", coalitionId, partnerId: r.partnerId }).ok).map((r) => ({ value: r.id, label: `${r.position}. ${r.text.length > 90 ? `${r.text.slice(0, 89)}…` : r.text}` })),
      saved: url.searchParams.has("saved"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const raceId = idParam(params, "raceId", "Race");
    const user = await requireUser(request, db);
    const race = getRace(db, user, { coalitionId, raceId });
    const values = await readForm(request);
    if (values.intent !== "answer") return invalid(values.intent ?? "", { _form: "This form could not be understood. Reload the page and try again." }, values);
    const parsed = parse(answerForm, values);
    if (!parsed.ok) return invalid("answer", parsed.errors, parsed.values);
    const question = questionOf(db, user, { coalitionId, questionId: parsed.data.questionId });
    requirePermission(user, { action: "answer.record", coalitionId, partnerId: question.partnerId }, context, db);
    return submit(
      "answer",
      answerForm,
      values,
      (d) => (raceOfCandidate(db, race.id, d.candidateId) ? recordAnswer(db, user, { ...d, coalitionId }) : { ok: false as const, field: "candidateId", message: "Choose a candidate in this race." }),
      () => `/tables/${coalitionId}/races/${race.id}/answers?saved#answers`,
    );
  });
}

function raceOfCandidate(db: ReturnType<typeof getDb>, raceId: number, candidateId: number): boolean {
  return db.$client.prepare("select 1 from candidates where id = ? and race_id = ?").get(candidateId, raceId) !== undefined;
}

export default function RaceAnswers() {
  const { coalitionId, race, grid, answerable, saved } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}`;
  const notice = withheldNotice(grid.withheld);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/races/${race.id}`}>{race.label}</Link>
      </p>
      <h1>Answers to the questionnaire: {race.label}</h1>
      <p className="hint">
        Each candidate's answer to each question of the <Link to={`${base}/questionnaire`}>table's questionnaire</Link>, with its source. What a campaign gave the table is campaign
        information: withheld from independent-side members (rule F2). What it published is public, with its URL.
      </p>
      {saved ? (
        <p className="notice" role="status">
          Answer saved.
        </p>
      ) : null}
      {notice ? <p className="notice warn">{notice.replace(/notes?/, (w) => (w === "note" ? "answer" : "answers"))}</p> : null}
      <section aria-labelledby="answers">
        <h2 id="answers">Side by side</h2>
        {grid.rows.length === 0 || grid.candidates.length === 0 ? (
          <p className="empty">{grid.candidates.length === 0 ? "This race has no candidates yet." : "The questionnaire has no questions yet."}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Answers, questions by candidates, scrollable">
            <table className="answers-grid">
              <caption className="visually-hidden">Questions down the side, candidates across the top</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  {grid.candidates.map((c) => (
                    <th scope="col" key={c.id}>
                      <Link to={`${base}/candidates/${c.id}`}>{c.name}</Link> <span className="muted">({c.party})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.position}. {r.text} <span className="muted">· {r.owner}</span>
                    </th>
                    {r.cells.map((cell) => (
                      <td key={cell.candidateId}>
                        {cell.answer ? (
                          <>
                            <p>{cell.answer.body}</p>
                            <p>
                              <SourceBadge kind={cell.answer.sourceKind} />
                              {cell.answer.sourceUrl ? (
                                <>
                                  {" "}
                                  <a href={cell.answer.sourceUrl}>published</a>
                                  {cell.answer.capturedAt ? <span className="muted"> (captured {formatDate(cell.answer.capturedAt)})</span> : null}
                                </>
                              ) : null}
                            </p>
                          </>
                        ) : cell.withheld ? (
                          <span className="muted">Withheld (campaign information, rule F2)</span>
                        ) : (
                          <span className="muted">No answer</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {grid.moreCandidates ? <p className="hint">This race has more candidates than fit side by side; the first {grid.candidates.length} by name are shown.</p> : null}
        <Pager prev={grid.prev} next={grid.next} total={grid.total} shown={grid.rows.length} noun="questions" label="Pages of questions" />
      </section>
      {answerable.length && grid.candidates.length ? <RecordAnswer questions={answerable} candidates={grid.candidates.map((c) => ({ value: c.id, label: c.name }))} /> : null}
    </>
  );
}

function RecordAnswer(props: { questions: { value: number; label: string }[]; candidates: { value: number; label: string }[] }) {
  const { form, fields } = useActionForm(answerForm, { intent: "answer", actionData: useActionData<typeof action>(), clearOnSave: true });
  return (
    <section className="card" aria-labelledby="record-answer">
      <h2 id="record-answer">Record an answer</h2>
      <p className="hint">A new answer for the same question and candidate replaces the old one.</p>
      <ConformForm form={form} intent="answer" className="stack" aria-labelledby="record-answer">
        <FormErrors form={form} />
        <Choice field={fields.questionId} label="Question" placeholder="Choose a question" options={props.questions} />
        <Choice field={fields.candidateId} label="Candidate" placeholder="Choose a candidate" options={props.candidates} />
        <Textarea field={fields.body} label="Answer" rows={3} />
        <fieldset className="stack">
          <legend>Where the answer came from</legend>
          <Choice field={fields.sourceKind} label="Source" placeholder="Choose a source" options={ANSWER_SOURCES.map((k) => ({ value: k, label: ANSWER_SOURCE_LABELS[k] }))} />
          <div className="form-row">
            <Input field={fields.sourceUrl} label="Where it was published (URL)" type="url" placeholder="https://" />
            <Input field={fields.capturedAt} label="Date captured" type="date" />
          </div>
        </fieldset>
        <div className="actions">
          <Submit intent="answer">Save answer</Submit>
        </div>
      </ConformForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
