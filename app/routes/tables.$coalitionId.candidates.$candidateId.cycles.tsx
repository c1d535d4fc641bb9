import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConformForm, FormErrors, Input, useActionForm } from "~/components/form";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { addOtherName, otherNames, removeOtherName, searchPeople } from "~/models/person-names.server";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { EarlierLessons } from "~/components/lessons";
import { lessonsForCandidate } from "~/models/lessons.server";
import { stateFor, Submit } from "~/components/form";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/permissions";
import { copyProfileForm as copyForm, linkCandidacyForm as linkForm, MIN_SEARCH, otherNameForm, OUTCOME_LABELS, removeOtherNameForm } from "~/domain/results";
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
    const url = new URL(request.url);
    const data = candidateAcrossCycles(getDb(), user, { coalitionId, candidateId });
    const lessons = lessonsForCandidate(getDb(), user, { coalitionId, candidateId, includeOwn: true });
    // issue 16: the person under another name: their other names, and a search by any name
    const q = (url.searchParams.get("q") ?? "").slice(0, 120);
    const search = q.trim() ? searchPeople(getDb(), user, { coalitionId, candidateId, q, cursor: readCursor(url, "found"), limit: pageSize(url, 50, 20) }) : null;
    return { coalitionId, candidateId, ...data, lessons, names: otherNames(getDb(), user, { coalitionId, candidateId }), q, search, copied: url.searchParams.get("copied"), canManage: can(user, { action: "table.manage", coalitionId }).ok };
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
    if (values.intent === "add-name") return submit("add-name", otherNameForm, values, (d) => addOtherName(db, actor, { coalitionId, candidateId, name: d.name }), () => `${here}#other-names`);
    if (values.intent === "remove-name") return submit("remove-name", removeOtherNameForm, values, (d) => removeOtherName(db, actor, { coalitionId, candidateId, nameId: d.nameId }), () => `${here}#other-names`);
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
      <OtherNames names={d.names} canManage={d.canManage} actionData={actionData} />
      {d.canManage ? <PersonSearch q={d.q} search={d.search} /> : null}
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
                    <SamePerson candidacy={c} />
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

/** "Same person": links a candidacy found (same name, or under another name) to this one. */
function SamePerson(props: { candidacy: { candidateId: number; name: string; cycle: number; raceLabel: string; coalitionName: string }; alsoKnownAs?: string | null }) {
  const c = props.candidacy;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="link" />
      <input type="hidden" name="otherCandidateId" value={c.candidateId} />
      <span>
        {c.name}
        {props.alsoKnownAs ? <span className="muted"> (also {props.alsoKnownAs})</span> : null} · {c.cycle} · {c.raceLabel} <span className="muted">({c.coalitionName})</span>
      </span>{" "}
      <Submit intent="link" className="secondary" pendingText="Linking…">
        Same person
      </Submit>
    </Form>
  );
}

/** The person's other names (a maiden name, a nickname); the facilitator adds and removes them. */
function OtherNames(props: { names: { id: number; name: string }[]; canManage: boolean; actionData: unknown }) {
  const { form, fields, state } = useActionForm(otherNameForm, { intent: "add-name", actionData: props.actionData, clearOnSave: true });
  if (!props.canManage && props.names.length === 0) return null;
  return (
    <section className="card" aria-labelledby="other-names">
      <h2 id="other-names" style={{ marginTop: 0 }}>
        Other names
      </h2>
      {props.names.length ? (
        <ul className="plain-list">
          {props.names.map((n) => (
            <li key={n.id}>
              {n.name}
              {props.canManage ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-name" />
                  <input type="hidden" name="nameId" value={n.id} />{" "}
                  <Submit intent="remove-name" className="secondary" pendingText="Removing…">
                    Remove {n.name}
                  </Submit>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No other names.</p>
      )}
      {props.canManage ? (
        <ConformForm form={form} intent="add-name" className="stack" aria-labelledby="other-names">
          <FormErrors form={form} state={state} />
          <Input field={fields.name} label="Another name they ran under or go by" hint="A maiden name, a nickname (Bob for Robert): the person search finds them by it." autoComplete="off" />
          <div className="actions">
            <Submit intent="add-name" pendingText="Adding…">
              Add the name
            </Submit>
          </div>
        </ConformForm>
      ) : null}
    </section>
  );
}

type SearchResult = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["search"]>;

/** Find the person's earlier candidacy by any name they ran under; "Same person" links it, then the last profile can be the start. */
function PersonSearch(props: { q: string; search: SearchResult | null }) {
  return (
    <section className="card" aria-labelledby="person-search">
      <h2 id="person-search" style={{ marginTop: 0 }}>
        Find this person under another name
      </h2>
      <p className="hint">Searches the start of every candidacy's name and every person's other names, in any case, at the tables you can see.</p>
      <Form method="get" className="inline-form" role="search" aria-labelledby="person-search">
        <label htmlFor="person-q">Name</label> <input id="person-q" name="q" defaultValue={props.q} minLength={MIN_SEARCH} maxLength={120} autoComplete="off" />{" "}
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      {props.search ? (
        props.search.rows.length === 0 ? (
          <p className="empty">{props.search.q.length < MIN_SEARCH ? `Type at least ${MIN_SEARCH} letters.` : `No candidacy in another race goes by a name starting "${props.q.trim()}".`}</p>
        ) : (
          <>
            <ul className="plain-list">
              {props.search.rows.map((c) => (
                <li key={`${c.candidateId}-${c.matchedName}`}>
                  <SamePerson candidacy={c} alsoKnownAs={c.viaOtherName ? c.matchedName : null} />
                </li>
              ))}
            </ul>
            <Pager prev={props.search.prev} next={props.search.next} shown={props.search.rows.length} noun="candidacies" param="found" label="Pages of candidacies found" />
          </>
        )
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
