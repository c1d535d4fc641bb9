import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getInputProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { formValues, single, type PostedValues } from "~/domain/forms";
import { can } from "~/domain/permissions";
import { allowedOutcomes, OUTCOME_LABELS, resultForm, resultsImportForm } from "~/domain/results";
import { MAX_RESULT_BYTES, type ResultsPreview } from "~/domain/results-csv";
import { ELECTION_LABELS } from "~/domain/windows";
import { raceLabel } from "~/models/races.server";
import { importResults, previewResults, raceCandidateChoices, raceResults, recordResult } from "~/models/results.server";
import { getDb } from "~/server/db.server";
import { authorize } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { handle, idParam, intQuery, parse, redirect, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await workspaceAccess({ params, request, context }, "table.view");
    const db = getDb();
    const { race, elections } = raceResults(db, user, { coalitionId, raceId: idParam(params, "raceId", "Race") });
    const candidates = raceCandidateChoices(db, user, { raceId: race.id });
    return {
      coalitionId,
      race: { id: race.id, label: raceLabel(race) },
      elections: elections.map((e) => ({ ...e, outcomes: allowedOutcomes(e.kind, race) })),
      candidates,
      imported: intQuery(new URL(request.url), "imported"),
      saved: new URL(request.url).searchParams.has("saved"),
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
    };
  });
}

type PreviewData = { intent: "preview" | "import"; preview: ResultsPreview | null; content: string; errors: Record<string, string>; values: PostedValues };

/** The form with the CSV from the uploaded file, else from the text box; a body over the limit is refused unread. */
async function readResultsForm(request: Request): Promise<{ values: PostedValues; tooBig: boolean }> {
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_RESULT_BYTES * 2 + 65_536) return { values: {}, tooBig: true };
  let fd: FormData;
  try {
    fd = await request.formData();
  } catch {
    return { values: {}, tooBig: false };
  }
  const values = formValues(fd);
  const file = fd.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_RESULT_BYTES) return { values, tooBig: true };
    values.csv = await file.text();
  }
  return { values, tooBig: false };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const raceId = idParam(params, "raceId", "Race");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const { values, tooBig } = await readResultsForm(request);
    const here = `/tables/${coalitionId}/races/${raceId}/results`;
    const intent = single(values.intent);
    if (intent === "preview" || intent === "import") {
      const { csv: _csv, ...kept } = values;
      const answer = (preview: ResultsPreview | null, errors: Record<string, string>, content = "", status = 400) =>
        data<PreviewData>({ intent, preview: preview && preview.ok ? { ...preview, results: [] } : preview, content, errors, values: kept }, { status });
      if (tooBig) return answer(null, { csv: `The file is over ${MAX_RESULT_BYTES / 1024} KB: a results file has one line per candidate.` });
      const parsed = parse(resultsImportForm, values);
      if (!parsed.ok) return answer(null, parsed.errors);
      const input = { coalitionId, raceId, election: parsed.data.election, content: parsed.data.csv ?? "" };
      if (intent === "preview") {
        const preview = previewResults(db, actor, input);
        const clean = preview.ok && preview.errorRows.length === 0 && !preview.problem;
        return answer(preview, preview.ok ? (preview.problem ? { csv: preview.problem } : {}) : { csv: preview.message }, clean ? input.content : "", clean ? 200 : 400);
      }
      const r = importResults(db, actor, { ...input, sourceUrl: parsed.data.sourceUrl, sourceDate: parsed.data.sourceDate });
      if (r.ok) return redirect(`${here}?imported=${r.count}`);
      return answer("preview" in r ? r.preview : null, { [r.field ?? "csv"]: r.message });
    }
    return submit("result", resultForm, values, (input) => recordResult(db, actor, { coalitionId, raceId, ...input }), () => `${here}?saved`);
  });
}

function ImportPreview({ result }: { result: PreviewData }) {
  const p = result.preview;
  if (!p || !p.ok) return null;
  const clean = p.errorRows.length === 0 && !p.problem;
  return (
    <section aria-labelledby="preview-title" className="preview">
      <h3 id="preview-title">Preview</h3>
      <p className={`notice ${clean ? "ok" : "warn"}`} role="status">
        {p.total} row(s): {p.valid} ready, {p.errorRows.length} with errors. {clean ? "Nothing is saved until you confirm; the election's results become the file's." : "Fix the file and check it again. Nothing was saved."}
      </p>
      <div className="table-scroll">
        <table aria-label={clean ? "Rows to save" : "Rows with errors"}>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Candidate</th>
              <th scope="col">Votes</th>
              <th scope="col">Outcome</th>
              {clean ? null : <th scope="col">Errors</th>}
            </tr>
          </thead>
          <tbody>
            {(clean ? p.rows : p.errorRows).map((r) => (
              <tr key={r.line} data-line={r.line}>
                <td>{r.line}</td>
                <td>{r.values.candidate || "—"}</td>
                <td>{r.values.votes}</td>
                <td>{r.values.outcome}</td>
                {clean ? null : (
                  <td>
                    <ul className="row-errors">
                      {Object.entries(r.errors).map(([field, message]) => (
                        <li key={field}>{message}</li>
                      ))}
                    </ul>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {clean ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="import" />
          {(["election", "sourceUrl", "sourceDate"] as const).map((k) => (
            <input key={k} type="hidden" name={k} value={single(result.values[k])} />
          ))}
          <input type="hidden" name="csv" value={result.content} />
          <Submit intent="import" pendingText="Saving…">
            Save {p.total} results
          </Submit>
        </Form>
      ) : null}
    </section>
  );
}

export default function RaceResults() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const imported = actionData && (actionData.intent === "preview" || actionData.intent === "import") ? (actionData as PreviewData) : undefined;
  const importAnswer = useMemo(() => (imported ? { ...imported, intent: "preview" } : undefined), [imported]);
  const importing = useActionForm(resultsImportForm, { intent: "preview", actionData: importAnswer, defaultValue: { election: d.elections[0]?.kind } });
  const entering = useActionForm(resultForm, { intent: "result", actionData, defaultValue: { election: d.elections[0]?.kind } });
  const electionOptions = d.elections.map((e) => ({ value: e.kind, label: `${ELECTION_LABELS[e.kind]} (${formatDate(e.date)})` }));
  const outcomeOptions = [...new Set(d.elections.flatMap((e) => e.outcomes))].map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));
  const file = importing.fields.file;
  const { key: fileKey, ...fileInput } = getInputProps(file, { type: "file" });
  const base = `/tables/${d.coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/races`}>Races</Link> › <Link to={`${base}/races/${d.race.id}`}>{d.race.label}</Link>
      </p>
      <h1>Results: {d.race.label}</h1>
      <p className="hint">Results are public information: each carries the public source it came from. Shares are of the votes listed for the election.</p>
      {d.imported ? <p className="notice ok" role="status">Saved {d.imported} results.</p> : null}
      {d.saved && !entering.state ? <p className="notice ok" role="status">Saved.</p> : null}
      {d.elections.map((e) => (
        <section key={e.kind} aria-labelledby={`election-${e.kind}`}>
          <h2 id={`election-${e.kind}`}>
            {ELECTION_LABELS[e.kind]} <span className="muted">{formatDate(e.date)}</span>
          </h2>
          {e.rows.length === 0 ? (
            <p className="empty">No results recorded.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={`${ELECTION_LABELS[e.kind]} results, scrollable`}>
              <table aria-label={`${ELECTION_LABELS[e.kind]} results`}>
                <thead>
                  <tr>
                    <th scope="col">Candidate</th>
                    <th scope="col">Votes</th>
                    <th scope="col">Share</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="hide-narrow">
                      Source
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {e.rows.map((r) => (
                    <tr key={r.candidateId}>
                      <td>
                        <Link to={`${base}/candidates/${r.candidateId}`}>{r.name}</Link> <span className="muted">{r.party}</span>
                      </td>
                      <td>{r.votes.toLocaleString("en-US")}</td>
                      <td>{r.share === null ? "—" : `${r.share.toFixed(1)}%`}</td>
                      <td>{OUTCOME_LABELS[r.outcome]}</td>
                      <td className="hide-narrow">
                        <a href={r.sourceUrl} rel="noreferrer">
                          source
                        </a>{" "}
                        <span className="muted">as of {formatDate(r.sourceDate)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {d.canManage ? (
        <>
          <section className="card" aria-labelledby="import-title">
            <h2 id="import-title">Import results from a CSV file</h2>
            <p className="hint">Header: candidate, votes, outcome. One line per candidate, named as on their profile. Outcome is one of won, lost, advanced_runoff, advanced_general, withdrew. The file replaces the election's results once you confirm a preview without errors.</p>
            <ConformForm form={importing.form} intent="preview" encType="multipart/form-data" className="stack">
              <FormErrors form={importing.form} />
              <Choice field={importing.fields.election} label="Election" options={electionOptions} />
              <Input field={importing.fields.sourceUrl} label="Public source (web address)" type="url" />
              <Input field={importing.fields.sourceDate} label="Source date" type="date" />
              <div className={`field${file.errors?.[0] ? " has-error" : ""}`}>
                <label htmlFor={file.id}>CSV file</label>
                <input key={fileKey} {...fileInput} accept=".csv,text/csv" />
              </div>
              <Textarea field={importing.fields.csv} label="…or paste the lines" rows={4} />
              <Submit intent="preview" pendingText="Checking…">
                Check the file
              </Submit>
            </ConformForm>
            {imported?.preview ? <ImportPreview result={imported} /> : null}
          </section>
          <section className="card" aria-labelledby="enter-title">
            <h2 id="enter-title">Enter a result by hand</h2>
            <ConformForm form={entering.form} intent="result" className="stack">
              <FormErrors form={entering.form} />
              <Choice field={entering.fields.election} label="Election" options={electionOptions} />
              <Choice field={entering.fields.candidateId} label="Candidate" options={d.candidates.map((c) => ({ value: c.id, label: c.name }))} placeholder="Choose…" />
              <Input field={entering.fields.votes} label="Votes" inputMode="numeric" />
              <Choice field={entering.fields.outcome} label="Outcome" options={outcomeOptions} placeholder="Choose…" />
              <Input field={entering.fields.sourceUrl} label="Public source (web address)" type="url" />
              <Input field={entering.fields.sourceDate} label="Source date" type="date" />
              <Submit intent="result">Save result</Submit>
            </ConformForm>
          </section>
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
