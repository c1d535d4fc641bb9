import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { EarlierLessons } from "~/components/lessons";
import { lessonsForCandidate } from "~/models/lessons.server";
import { stateFor, Submit } from "~/components/form";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/permissions";
import { copyProfileForm as copyForm, linkCandidacyForm as linkForm, OUTCOME_LABELS } from "~/domain/results";
import { ELECTION_LABELS } from "~/domain/windows";
import { candidateAcrossCycles, linkCandidacies, startFromLastProfile } from "~/models/persons.server";
import { getDb } from "~/server/db.server";
import { authorize } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { handle, idParam, invalid, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await workspaceAccess({ params, request, context }, "table.view");
    const candidateId = idParam(params, "candidateId", "Candidate");
    const data = candidateAcrossCycles(getDb(), user, { coalitionId, candidateId });
    const url = new URL(request.url);
    const lessons = lessonsForCandidate(getDb(), user, { coalitionId, candidateId, includeOwn: true });
    return { coalitionId, candidateId, ...data, lessons, copied: url.searchParams.get("copied"), canManage: can(user, { action: "table.manage", coalitionId }).ok };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const candidateId = idParam(params, "candidateId", "Candidate");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/candidates/${candidateId}/cycles`;
    if (values.intent === "link") return submit("link", linkForm, values, (d) => linkCandidacies(db, actor, { coalitionId, candidateId, otherCandidateId: d.otherCandidateId }), () => here);
    if (values.intent === "copy") return submit("copy", copyForm, values, () => startFromLastProfile(db, actor, { coalitionId, candidateId }), (r) => `${here}?copied=${r.copied}`);
    return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
  });
}

export default function AcrossCycles() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = (intent: string) => {
    const e = stateFor(actionData, intent)?.errors;
    return e ? Object.values(e)[0] : null;
  };
  const me = d.candidacies.find((c) => c.candidateId === d.candidateId);
  const base = `/tables/${d.coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/candidates/${d.candidateId}`}>{me?.name ?? "Candidate"}</Link>
      </p>
      <h1>{d.person ? d.person.name : me?.name}: across cycles</h1>
      <p className="hint">Every race this person ran in, at the tables you can see: each partner's stance, the sub-table, the results.</p>
      {d.copied !== null ? (
        <p className="notice ok" role="status">
          Copied {d.copied} public and research item(s) from the last profile. Campaign items are never copied.
        </p>
      ) : null}
      {d.candidacies.map((c) => (
        <section key={c.candidateId} className="card" aria-labelledby={`candidacy-${c.candidateId}`}>
          <h2 id={`candidacy-${c.candidateId}`} style={{ marginTop: 0 }}>
            {c.cycle}: {c.raceLabel} {c.candidateId === d.candidateId ? <span className="muted">(this candidacy)</span> : null}
          </h2>
          <p className="muted">
            {c.coalitionName} · <Link to={`/tables/${c.coalitionId}/candidates/${c.candidateId}`}>{c.name}</Link> ({c.party}) · primary {formatDate(c.primaryDate)}
            {c.subTableId ? (
              <>
                {" "}
                · <Link to={`/tables/${c.coalitionId}/sub-tables/${c.subTableId}`}>sub-table</Link> (to the {ELECTION_LABELS[c.subTableElection ?? "primary"].toLowerCase()})
              </>
            ) : (
              " · no sub-table"
            )}
          </p>
          <p>
            <strong>Results:</strong>{" "}
            {c.results.length ? c.results.map((r) => `${ELECTION_LABELS[r.election]}: ${OUTCOME_LABELS[r.outcome].toLowerCase()} (${r.votes.toLocaleString("en-US")} votes)`).join(" · ") : "none recorded"}
          </p>
          <p>
            <strong>Stances:</strong> {c.stances.length ? c.stances.map((s) => `${s.partnerName} ${STANCE_LABELS[s.stance].toLowerCase()} ${formatDate(s.decidedOn)}`).join(" · ") : "none"}
          </p>
        </section>
      ))}
      <EarlierLessons lessons={d.lessons.lessons} withheld={d.lessons.withheld} title="What the table learned" id="person-lessons" />
      {d.canManage ? (
        <>
          {d.sameName.length ? (
            <section className="card" aria-labelledby="link-title">
              <h2 id="link-title" style={{ marginTop: 0 }}>
                The same person?
              </h2>
              <p className="hint">Candidacies by the same name in other races. Link the ones that are this person.</p>
              {error("link") ? (
                <p className="form-error" role="alert">
                  {error("link")}
                </p>
              ) : null}
              <ul className="plain-list">
                {d.sameName.map((c) => (
                  <li key={c.candidateId}>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="link" />
                      <input type="hidden" name="otherCandidateId" value={c.candidateId} />
                      <span>
                        {c.name} · {c.cycle} · {c.raceLabel} <span className="muted">({c.coalitionName})</span>
                      </span>{" "}
                      <Submit intent="link" className="secondary" pendingText="Linking…">
                        Same person
                      </Submit>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {d.previous ? (
            <section className="card" aria-labelledby="copy-title">
              <h2 id="copy-title" style={{ marginTop: 0 }}>
                Start from the last profile
              </h2>
              <p className="hint">
                Copies the public and research notes and figures of the {d.previous.cycle} profile ({d.previous.raceLabel}), and its bio if this one has none. Campaign items never carry across races
                (rule F2).
              </p>
              <Form method="post">
                {error("copy") ? (
                  <p className="form-error" role="alert">
                    {error("copy")}
                  </p>
                ) : null}
                <input type="hidden" name="intent" value="copy" />
                <Submit intent="copy" pendingText="Copying…">
                  Start from the last profile
                </Submit>
              </Form>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
