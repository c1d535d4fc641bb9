import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { coverageText } from "~/components/affiliate-fields";
import { CountOf, LegalTypeBadge, SubTableStatusBadge } from "~/components/badges";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Submit, stateFor } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { closeSubCoalition, getSubCoalition, subTableProgram } from "~/models/sub-coalitions.server";
import { carrySubTable, subTableElection } from "~/models/carry.server";
import { carryForm } from "~/domain/results";
import { ELECTION_LABELS } from "~/domain/windows";
import { today } from "~/server/clock.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { can } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm, redirect, refused, submit } from "~/server/http.server";
import { ConcernsSection } from "~/components/concerns";
import { aboutValue } from "~/domain/concerns";
import { formatDate as day } from "~/domain/dates";
import { readCursor } from "~/domain/keyset";
import { listConcerns, raisingPartners, subTableConcernSubjects } from "~/models/concerns.server";
import { ANSWER_INTENT, CONCERN_INTENT, NOTICE_INTENT, submitAnswer, submitConcern, submitNotice } from "~/server/guards/concern-action.server";
import { NoticesSection } from "~/components/notices";
import { listNotices } from "~/models/notices.server";
import { requirePermission, requireUser } from "~/server/guards/auth.server";
import { CommentsSection } from "~/components/comments";
import { commentVoices, listComments } from "~/models/comments.server";
import { COMMENT_INTENTS, submitCommentAction } from "~/server/guards/comment-action.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId: tableId } = await workspaceAccess({ params, request, context }, "table.view");
    const coalitionId = idParam(params, "coalitionId", "Table");
    const subTableId = idParam(params, "subTableId", "Sub-table");
    const db = getDb();
    const sub = getSubCoalition(db, user, { coalitionId, subCoalitionId: subTableId, today: today() });
    // what the page shows of each member, affiliate and change, no more (issue 11)
    return {
      coalitionId,
      canManage: can(user, { action: "table.manage", coalitionId: tableId }).ok,
      canCredit: can(user, { action: "credit.read", coalitionId: tableId, partnerIds: [...new Set(sub.history.map((h) => h.partnerId))] }).ok,
      subTable: sub.subTable,
      race: sub.race,
      members: sub.members.map((m) => ({ id: m.id, partnerId: m.partnerId, partnerName: m.partnerName, partnerShortName: m.partnerShortName, legalType: m.legalType, joinedAt: m.joinedAt })),
      history: sub.history.map((h) => ({ id: h.id, partnerId: h.partnerId, partnerShortName: h.partnerShortName, joinedAt: h.joinedAt, leftAt: h.leftAt, actorName: h.actorName })),
      affiliates: sub.affiliates.map((a) => ({
        id: a.id,
        name: a.name,
        partnerShortName: a.partnerShortName,
        state: a.state,
        leadName: a.leadName,
        leadContact: a.leadContact,
        coverage: a.coverage.filter((c) => c.kind === "district").map((c) => ({ kind: c.kind, value: c.value })),
      })),
      program: subTableProgram(db, user, { coalitionId, subCoalitionId: subTableId }),
      election: subTableElection(db, user, { coalitionId, subCoalitionId: subTableId, today: today() }),
      ...subTableConcerns(db, user, coalitionId, subTableId, sub.subTable.candidateName, sub.members, new URL(request.url)),
      // comments (issue 17): read by the sub-table's members and neutral staff; a member comments for itself
      me: user.id,
      comments: listComments(db, user, { coalitionId, on: { subCoalitionId: subTableId }, cursor: readCursor(new URL(request.url), "comments") }),
      commentVoices: memberVoices(commentVoices(db, user, { coalitionId }), sub.members),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const subTableId = idParam(params, "subTableId", "Sub-table");
    const here = `/tables/${coalitionId}/sub-tables/${subTableId}`;
    // concerns (issue 17): a seated member raises one; the facilitator marks it answered
    const user = await requireUser(request, db);
    const values = await readForm(request);
    if (values.intent === CONCERN_INTENT) return submitConcern(db, user, coalitionId, values, here, context);
    if (values.intent === ANSWER_INTENT) return submitAnswer(db, user, coalitionId, values, here, context);
    if (COMMENT_INTENTS.includes(values.intent as string)) return submitCommentAction(db, user, coalitionId, { subCoalitionId: subTableId }, values, here, context);
    if (values.intent === NOTICE_INTENT) return submitNotice(db, user, coalitionId, subTableId, values, here, context);
    requirePermission(user, { action: "table.manage", coalitionId }, context, db);
    const actor = user;
    if (values.intent === "carry") return submit("carry", carryForm, values, (input) => carrySubTable(db, actor, { coalitionId, subCoalitionId: subTableId, note: input.note }), () => `${here}?carried`);
    if (values.intent !== "close") return invalid("close", { _form: "This form could not be understood. Reload the page and try again." }, values);
    const result = closeSubCoalition(db, actor, coalitionId, subTableId);
    if (!result.ok) return refused("close", result, values);
    return redirect(`/tables/${coalitionId}/sub-tables/${subTableId}`);
  });
}

/** On a sub-table, a person comments for the members it acts for, or as neutral staff. */
function memberVoices(voices: ReturnType<typeof commentVoices>, members: readonly { partnerId: number }[]) {
  const ids = new Set(members.map((m) => m.partnerId));
  return { partners: voices.partners.filter((p) => ids.has(p.id)), asStaff: voices.asStaff };
}

/** Concerns about this sub-table, its agreement or its meetings' decisions, what a new one can be about, and its notices of independent action (issue 17). */
function subTableConcerns(db: ReturnType<typeof getDb>, user: Parameters<typeof listConcerns>[1], coalitionId: number, subCoalitionId: number, candidateName: string, members: readonly { partnerId: number }[], url: URL) {
  const subjects = subTableConcernSubjects(db, user, { coalitionId, subCoalitionId });
  const raised = Number(url.searchParams.get("concern"));
  const given = Number(url.searchParams.get("notice"));
  const partners = raisingPartners(db, user, { coalitionId });
  const memberIds = new Set(members.map((m) => m.partnerId));
  return {
    // notices of independent action: this sub-table's, and its member partners this person speaks for
    notices: listNotices(db, user, { coalitionId, subCoalitionId, cursor: readCursor(url, "notices") }),
    noticePartners: partners.filter((p) => memberIds.has(p.id)),
    noticeGiven: Number.isSafeInteger(given) && given > 0 ? given : null,
    concerns: listConcerns(db, user, { coalitionId, subCoalitionId, cursor: readCursor(url, "concerns") }),
    concernAbouts: [
      { value: aboutValue({ subject: "sub_table", id: subCoalitionId }), label: `The sub-table for ${candidateName}` },
      ...(subjects.agreementId ? [{ value: aboutValue({ subject: "agreement", id: subjects.agreementId }), label: "Its written agreement" }] : []),
      ...subjects.decisions.map((d) => ({ value: aboutValue({ subject: "decision", id: d.id }), label: `Decision of ${day(d.startsAt.slice(0, 10))}: ${d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text}` })),
    ],
    concernPartners: partners,
    concernRaised: Number.isSafeInteger(raised) && raised > 0 ? raised : null,
  };
}

export default function SubTableDetail() {
  const { coalitionId, canManage, canCredit, subTable, race, members, history, affiliates, program, election, concerns, concernAbouts, concernPartners, concernRaised, notices, noticePartners, noticeGiven, comments, me, commentVoices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const closeErrors = stateFor(actionData, "close")?.errors;
  const carryErrors = stateFor(actionData, "carry")?.errors;
  const carryError = carryErrors ? Object.values(carryErrors)[0] : null;
  const electionName = ELECTION_LABELS[election.election].toLowerCase();
  const closeError = closeErrors ? Object.values(closeErrors)[0] : null;
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/sub-tables`}>Sub-tables</Link>
      </p>
      <h1>Sub-table for {subTable.candidateName}</h1>
      <p className="actions">
        <SubTableStatusBadge status={subTable.status} />
        <CountOf count={subTable.memberCount} threshold={subTable.threshold} />
        <span className="muted">
          <Link to={`${base}/candidates/${subTable.candidateId}`}>{subTable.candidateName}</Link> · <Link to={`${base}/races/${race.id}`}>{race.office}, {race.state}{race.district ? `-${race.district}` : ""}</Link> · {electionName} {formatDate(election.electionDate)}
        </span>
      </p>
      <section aria-labelledby="election-title">
        <h2 id="election-title">Election</h2>
        <p>
          Works toward the <strong>{electionName}</strong> on {formatDate(election.electionDate)}
          {election.window ? (
            <>
              {" "}
              · content window (rule F8) {formatDate(election.window.opens)} – {formatDate(election.window.closes)}
            </>
          ) : null}
          . <Link to={`${base}/races/${race.id}/results`}>Results</Link>
        </p>
        {election.steps.length ? (
          <ul className="history card" aria-label="Steps to the next election">
            {election.steps.map((s) => (
              <li key={s.id}>
                Carried from the {ELECTION_LABELS[s.fromElection].toLowerCase()} into the {ELECTION_LABELS[s.toElection].toLowerCase()} ({formatDate(s.electionDate)}) on {formatDate(s.createdAt)}
                {s.programStart ? ` · program ${formatDate(s.programStartBefore)} – ${formatDate(s.programEndBefore)} became ${formatDate(s.programStart)} – ${formatDate(s.programEnd)}` : ""}
                {s.note ? ` · ${s.note}` : ""} <span className="muted">· by {s.actorName ?? "unknown"}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {canManage && election.plan ? (
          <div className="card">
            <h3 style={{ marginTop: 0 }}>Carry into the {ELECTION_LABELS[election.plan.election].toLowerCase()}</h3>
            <p className="hint">
              {subTable.candidateName} advanced. Carrying keeps the members and their stances (each partner can still change its own), keeps the sub-table open until {formatDate(election.plan.electionDate)}
              {election.plan.programStart ? `, and moves the program to ${formatDate(election.plan.programStart)} – ${formatDate(election.plan.programEnd)}` : ""}. Without this step it closes after the {electionName}.
            </p>
            <Form method="post" className="stack">
              {carryError ? (
                <p className="form-error" role="alert">
                  {carryError}
                </p>
              ) : null}
              <input type="hidden" name="intent" value="carry" />
              <div className="field">
                <label htmlFor="carry-note">Note for the history (optional)</label>
                <input id="carry-note" name="note" maxLength={1000} />
              </div>
              <Submit intent="carry" pendingText="Carrying…">
                Carry into the {ELECTION_LABELS[election.plan.election].toLowerCase()}
              </Submit>
            </Form>
          </div>
        ) : canManage && election.notYet && subTable.status === "closed" && !subTable.closedAt ? (
          <p className="hint">Not carried forward: {election.notYet}</p>
        ) : null}
      </section>
      <p>
        <Link to={`${base}/agreements/${subTable.id}`}>Written agreement and sign-offs</Link>
        {canCredit ? (
          <>
            {" · "}
            <Link to={`${base}/credit/${subTable.id}`}>Credit report</Link>
          </>
        ) : null}
      </p>
      {subTable.status === "below_critical_mass" ? (
        <p className="notice warn" role="note">
          Below critical mass: {subTable.memberCount} of the {subTable.threshold} partners needed still endorse. The sub-table stays until the facilitator closes it.
        </p>
      ) : null}
      {subTable.status === "closed" ? (
        <p className="notice" role="note">
          Closed {subTable.closedAt ? `on ${formatDate(subTable.closedAt)}` : `after the ${electionName}`}.
        </p>
      ) : null}
      <p>{program ? <Link to={`${base}/programs/${program.id}`}>Field program: {program.name}</Link> : <Link to={`${base}/programs`}>Field programs</Link>}</p>
      <h2>Members</h2>
      {members.length === 0 ? (
        <p className="empty">No partner endorses this candidate now.</p>
      ) : (
        <ul className="history card" aria-label="Current members">
          {members.map((m) => (
            <li key={m.id} data-partner={m.partnerShortName}>
              <Link to={`${base}/partners/${m.partnerId}`}>{m.partnerName}</Link> <span className="muted">({m.partnerShortName})</span> <LegalTypeBadge legalType={m.legalType} />{" "}
              <span className="muted">· since {formatDate(m.joinedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Affiliates in the district</h2>
      {affiliates.length === 0 ? (
        <p className="empty">No affiliate of a member partner covers {race.state}{race.district ? `-${race.district}` : ""} yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Affiliate</th>
                <th scope="col">Partner</th>
                <th scope="col">Covers</th>
                <th scope="col" className="hide-narrow">Lead</th>
              </tr>
            </thead>
            <tbody>
              {affiliates.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`${base}/affiliates/${a.id}`}>{a.name}</Link>
                  </td>
                  <td>{a.partnerShortName}</td>
                  <td>
                    {a.state} {coverageText(a.coverage, "district")}
                  </td>
                  <td className="hide-narrow">
                    {a.leadName ?? "—"} {a.leadContact ? <span className="muted">· {a.leadContact}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Membership history</h2>
      <ul className="history card">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{h.partnerShortName}</strong> joined {formatDate(h.joinedAt)}
            {h.leftAt ? <> · left {formatDate(h.leftAt)}</> : null} <span className="muted">· recorded by {h.actorName ?? "unknown"}</span>
          </li>
        ))}
      </ul>
      <NoticesSection base={base} notices={notices} partners={noticePartners} actionData={actionData} highlight={noticeGiven} />
      <ConcernsSection
        base={base}
        concerns={concerns}
        abouts={concernAbouts}
        partners={concernPartners}
        canAnswer={canManage}
        actionData={actionData}
        highlight={concernRaised}
        empty="No concern raised about this sub-table, its agreement or its decisions."
      />
      <CommentsSection comments={comments} me={me} voices={commentVoices} actionData={actionData} hint="The sub-table's members and neutral staff read these comments; each says where its information came from." />
      {subTable.status !== "closed" && canManage ? (
        <section className="card" aria-labelledby="close-title">
          <h2 id="close-title" style={{ marginTop: 0 }}>
            Close this sub-table
          </h2>
          <p className="hint">Closing keeps the history. A closed sub-table does not take new members.</p>
          <Form method="post">
            {closeError ? (
              <p className="form-error" role="alert">
                {closeError}
              </p>
            ) : null}
            <input type="hidden" name="intent" value="close" />
            <Submit intent="close" className="danger" pendingText="Closing…">
              Close sub-table
            </Submit>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
