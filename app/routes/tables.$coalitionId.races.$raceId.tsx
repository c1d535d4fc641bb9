import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CountOf, SubTableStatusBadge } from "~/components/badges";
import { CandidateFields, NEW_CANDIDATE_DEFAULTS } from "~/components/candidate-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { RaceFields } from "~/components/race-fields";
import { daysBetween, formatDate } from "~/domain/dates";
import { contentWindows, ELECTION_LABELS, windowsOn } from "~/domain/windows";
import { outsideCountsOfRace } from "~/models/outside-support.server";
import { candidateForm, raceFormFor } from "~/domain/forms";
import { CHAMBER_LABELS, PRIMARY_KIND_LABELS } from "~/domain/jurisdictions";
import { INCUMBENCY_LABELS } from "~/domain/labels";
import { createCandidate } from "~/models/candidates.server";
import { getRace, raceLabel, updateRace } from "~/models/races.server";
import { getCoalition } from "~/models/coalitions.server";
import { tableLengths } from "~/models/firewall-lengths.server";
import { lengthsBasisText } from "~/domain/firewall-lengths";
import { raceProcesses } from "~/models/processes.server";
import { RaceProcesses } from "~/components/race-processes";
import { EarlierLessons } from "~/components/lessons";
import { lessonsForRace } from "~/models/lessons.server";
import { raceCandidateRows, splitRaces } from "~/models/table-picture.server";
import { today } from "~/server/clock.server";
import { authorize } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, readForm, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId: tableId } = await workspaceAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const race = getRace(db, user, { coalitionId, raceId: idParam(params, "raceId", "Race") });
    const candidates = raceCandidateRows(db, user, { coalitionId, raceId: race.id, today: today() });
    const coalition = getCoalition(db, user, { coalitionId });
    const lengths = tableLengths(db, user, { coalitionId });
    return {
      coalitionId,
      level: coalition.level,
      threshold: coalition.threshold,
      race: { ...race, label: raceLabel(race), daysToPrimary: daysBetween(today(), race.primaryDate) },
      windows: contentWindows(race, lengths.windowDays).map((w) => ({ ...w, open: windowsOn([w], today()).length > 0 })),
      windowDays: lengths.windowDays,
      windowBasis: lengthsBasisText(lengths),
      candidates,
      split: splitRaces(db, { coalitionId, limit: 1, raceIds: [race.id] }).rows[0] ?? null,
      processes: raceProcesses(db, user, { coalitionId, raceId: race.id }),
      outsideCounts: outsideCountsOfRace(db, user, { raceId: race.id }),

      // issue 16: what earlier cycles' reviews learned about this race (the same place at this level)
      lessons: lessonsForRace(db, user, { coalitionId, raceId: race.id }),
      saved: new URL(request.url).searchParams.has("saved"),
      canManage: can(user, { action: "table.manage", coalitionId: tableId }).ok,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const raceId = idParam(params, "raceId", "Race");
    const actor = await authorize(request, context, { action: "table.manage", coalitionId });
    const values = await readForm(request);
    if (values.intent === "candidate") {
      return submit("candidate", candidateForm, values, (data) => createCandidate(db, actor, coalitionId, raceId, data), (result) => `/tables/${coalitionId}/candidates/${result.candidate.id}`);
    }
    const { level } = getCoalition(db, actor, { coalitionId });
    return submit("update", raceFormFor(level), values, (data) => updateRace(db, actor, coalitionId, raceId, data), (result) => `/tables/${coalitionId}/races/${raceId}?saved`);
  });
}

export default function RaceDetail() {
  const { coalitionId, level, threshold, race, candidates, split, saved, canManage, windows, windowDays, windowBasis, processes, outsideCounts, lessons } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const update = useActionForm(raceFormFor(level), { intent: "update", actionData, defaultValue: race });
  const addCandidate = useActionForm(candidateForm, { intent: "candidate", actionData, defaultValue: NEW_CANDIDATE_DEFAULTS });
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/races`}>Races</Link>
      </p>
      <h1>{race.label}</h1>
      {saved && !update.state ? <p className="notice ok" role="status">Saved.</p> : null}
      <dl className="facts card">
        {race.chamber ? (
          <>
            <dt>Chamber</dt>
            <dd>{CHAMBER_LABELS[race.chamber]}</dd>
          </>
        ) : null}
        {race.locality ? (
          <>
            <dt>{race.localityKind === "county" ? "County" : "City"}</dt>
            <dd>{race.locality}</dd>
          </>
        ) : null}
        <dt>Primary</dt>
        <dd>
          {race.primaryKind === "none" ? (
            PRIMARY_KIND_LABELS.none
          ) : (
            <>
              {PRIMARY_KIND_LABELS[race.primaryKind]}: {formatDate(race.primaryDate)}{" "}
              {race.daysToPrimary >= 0 ? <span className="muted">(in {race.daysToPrimary} days)</span> : <span className="muted">(past)</span>}
            </>
          )}
        </dd>
        <dt>General</dt>
        <dd>{formatDate(race.generalDate)}</dd>
        <dt>Seats</dt>
        <dd>
          {race.seats}
          {race.seats > 1 && race.chamber ? <span className="muted"> (a multi-member district)</span> : null}
          {race.seats > 1 && race.seatKind === "at_large" ? <span className="muted"> (at-large seats)</span> : null}
        </dd>
        <dt>Incumbent</dt>
        <dd>{race.incumbent ?? "—"}</dd>
        <dt>Time zone</dt>
        <dd>{race.timeZone}</dd>
      </dl>
      <p>
        <Link to={`${base}/races/${race.id}/results`}>Results of the race's elections</Link> · <Link to={`${base}/races/${race.id}/answers`}>Answers to the questionnaire, side by side</Link>
      </p>
      <section aria-labelledby="windows-title">
        <h2 id="windows-title">Content windows</h2>
        <p className="hint">
          For each election, the {windowDays} days up to and including election day (rule F8; the table's window: {windowBasis}){" "}
          Communications inside a window get closer scrutiny. Not legal advice.
        </p>
        <ul className="history card" aria-label="Content windows">
          {windows.map((w) => (
            <li key={w.kind}>
              <strong>{ELECTION_LABELS[w.kind]}</strong> {formatDate(w.election)}: window {formatDate(w.opens)} – {formatDate(w.closes)}
              {w.open ? <span className="badge status-below_critical_mass"> open today</span> : null}
            </li>
          ))}
        </ul>
      </section>
      {split ? (
        <p className="notice warn" role="note">
          Split race: partners endorse {split.candidates.length} candidates for {race.seats} seat{race.seats > 1 ? "s" : ""} (
          {split.candidates.map((c) => `${c.name}: ${c.partners.join(", ")}`).join("; ")}). Each partner keeps its own stance.
        </p>
      ) : null}
      <EarlierLessons lessons={lessons.lessons} withheld={lessons.withheld} title="Lessons from earlier cycles" id="earlier-lessons" />
      <h2>Candidates</h2>
      {candidates.length === 0 ? (
        <p className="empty">No candidates yet. Add the first below.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Party</th>
                <th scope="col" className="hide-narrow">Status</th>
                <th scope="col">Endorsing partners</th>
                <th scope="col">Sub-table</th>
                <th scope="col">Outside support</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`${base}/candidates/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.party}</td>
                  <td className="hide-narrow">{INCUMBENCY_LABELS[c.incumbency]}</td>
                  <td>
                    <CountOf count={c.count} threshold={threshold} />
                  </td>
                  <td>
                    {c.subTable ? (
                      <Link to={`${base}/sub-tables/${c.subTable.id}`}>
                        <SubTableStatusBadge status={c.subTable.status} />
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <Link to={`${base}/candidates/${c.id}#outside-support`} aria-label={`${outsideCounts[c.id] ?? 0} outside endorsements of ${c.name}`}>
                      {outsideCounts[c.id] ?? 0}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RaceProcesses base={base} rows={processes} />
      {canManage ? (
      <>
      <section className="card" aria-labelledby="add-candidate">
        <h2 id="add-candidate">Add a candidate</h2>
        <ConformForm form={addCandidate.form} intent="candidate" className="stack">
          <FormErrors form={addCandidate.form} />
          <CandidateFields fields={addCandidate.fields} />
          <div className="actions">
            <Submit intent="candidate">Create profile</Submit>
          </div>
        </ConformForm>
      </section>
      <section className="card" aria-labelledby="edit-race">
        <h2 id="edit-race">Edit race</h2>
        <ConformForm form={update.form} intent="update" className="stack">
          <FormErrors form={update.form} />
          <RaceFields fields={update.fields} level={level} />
          <div className="actions">
            <Submit intent="update">Save race</Submit>
          </div>
        </ConformForm>
      </section>
      </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
