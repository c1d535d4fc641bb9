import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EarlierLessons } from "~/components/lessons";
import { lessonsForCandidate } from "~/models/lessons.server";
import { PROFILE_ITEM_KINDS } from "~/domain/vocabulary";
import { CountOf, SourceBadge, StanceBadge, SubTableStatusBadge } from "~/components/badges";
import { EndorsementsChart } from "~/components/charts/endorsements-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor } from "~/components/form";
import { ProfileItemForm } from "~/components/profile-item-form";
import { StanceForm } from "~/components/stance-form";
import { ordinal } from "~/domain/critical-mass";
import { countingEndorsers } from "~/models/deciders.server";
import { StanceRecordedNotice } from "~/components/stance-notice";
import { formatDate } from "~/domain/dates";
import { withheldNotice } from "~/domain/firewall";
import { profileItemForm, removeProfileItemForm} from "~/domain/forms";
import { INCUMBENCY_LABELS, PROFILE_SECTION_TITLES, money } from "~/domain/labels";
import { addProfileItem, getCandidateProfile, removeProfileItem, stanceAffiliates } from "~/models/candidates.server";
import { getCoalition } from "~/models/coalitions.server";
import { listPartners } from "~/models/partners.server";
import { today } from "~/server/clock.server";
import { requirePermission, requireUser } from "~/server/guards/auth.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { can, recordablePartners } from "~/domain/permissions";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, submit } from "~/server/http.server";
import { submitStance } from "~/server/guards/stance-action.server";
import { ConcernsSection } from "~/components/concerns";
import { readCursor } from "~/domain/keyset";
import { listConcerns, raisingPartners } from "~/models/concerns.server";
import { ANSWER_INTENT, CONCERN_INTENT, submitAnswer, submitConcern } from "~/server/guards/concern-action.server";
import { OutsideSupportSection } from "~/components/outside-support";
import { outsideOnCandidatePage } from "~/models/outside-support.server";
import { OUTSIDE_INTENTS, submitOutside } from "~/server/guards/outside-action.server";

/** "ranked 2nd" beside a ranked endorsement (issue 13); a first choice reads "1st choice". */
function RankNote({ rank }: { rank: number | null | undefined }) {
  if (!rank) return null;
  return <span className="muted">{rank === 1 ? "1st choice" : `ranked ${ordinal(rank)}`}</span>;
}

import { CommentsSection } from "~/components/comments";
import { commentVoices, listComments } from "~/models/comments.server";
import { COMMENT_INTENTS, submitCommentAction } from "~/server/guards/comment-action.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await workspaceAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const profile = getCandidateProfile(db, user, { coalitionId, candidateId: idParam(params, "candidateId", "Candidate"), today: today() });
    const coalition = getCoalition(db, user, { coalitionId });
    const seated = listPartners(db, user, { coalitionId });
    const recordable = recordablePartners(user, coalitionId, seated.map((p) => p.id));
    const partners = seated;
    // the partners whose stance counts at this table (its setting: national or the covering affiliates; issue 13)
    const endorsing = countingEndorsers(db, user, { candidateId: profile.candidate.id });
    // what the page shows of each stance, partner and event, no more (issue 11: the loader's data is half the page)
    const stanceView = (e: (typeof profile.current)[number]) => ({
      id: e.id,
      partnerId: e.partnerId,
      affiliateId: e.affiliateId,
      partnerShortName: e.partnerShortName,
      affiliateName: e.affiliateName,
      stance: e.stance,
      rank: e.rank,
      decidedOn: e.decidedOn,
      decidingBody: e.decidingBody,
      note: e.note,
      noteWithheld: e.noteWithheld,
    });
    return {
      coalitionId,
      threshold: coalition.threshold,
      decider: coalition.decider,
      rankedMax: coalition.rankedMax,
      ...profile,
      current: profile.current.map(stanceView),
      history: profile.history.map((e) => ({ ...stanceView(e), fromStance: e.fromStance, actorName: e.actorName, notePrivate: e.notePrivate, noteWithheldBy: e.noteWithheldBy })),
      others: profile.others.map((c) => ({ id: c.id, name: c.name, party: c.party })),
      endorsing,
      partners: partners.map((p) => ({ id: p.id, shortName: p.shortName })),
      recordablePartners: seated.filter((p) => recordable.includes(p.id)).map((p) => ({ id: p.id, shortName: p.shortName, name: p.name })),
      affiliates: stanceAffiliates(db, user, { coalitionId, state: profile.race.state })
        .filter((a) => can(user, { action: "stance.record", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok)
        .map((a) => ({ id: a.id, name: a.name, partnerShortName: a.partnerShortName })),
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
      canPrivate: seated.some((p) => can(user, { action: "stance.private", partnerId: p.id }).ok),
      today: today(),
      // members' concerns about this candidate (issue 17), paged apart; campaign ones withheld per F2
      concerns: listConcerns(db, user, { coalitionId, candidateId: profile.candidate.id, cursor: readCursor(new URL(request.url), "concerns") }),
      concernPartners: raisingPartners(db, user, { coalitionId }),
      concernRaised: Number(new URL(request.url).searchParams.get("concern")) || null,
      // support from outside the table (issue 17), paged apart (`outside=`); `outside-edit=` chooses one to change
      ...outsideOnCandidatePage(db, user, { coalitionId, candidateId: profile.candidate.id, url: new URL(request.url) }),

      // issue 16: lessons about this person from the reviews of their other candidacies
      lessons: lessonsForCandidate(db, user, { coalitionId, candidateId: profile.candidate.id }),

      // comments on the candidate (issue 17), with their source; campaign ones withheld per F2
      me: user.id,
      comments: listComments(db, user, { coalitionId, on: { candidateId: profile.candidate.id }, cursor: readCursor(new URL(request.url), "comments") }),
      commentVoices: commentVoices(db, user, { coalitionId }),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const candidateId = idParam(params, "candidateId", "Candidate");
    const actor = await requireUser(request, db);
    const values = await readForm(request);
    const intent = values.intent ?? "";
    if (intent === "item" || intent === "remove-item") requirePermission(actor, { action: "table.manage", coalitionId }, context, db);
    const here = `/tables/${coalitionId}/candidates/${candidateId}`;
    if (COMMENT_INTENTS.includes(intent)) return submitCommentAction(db, actor, coalitionId, { candidateId }, values, here, context);
    switch (intent) {
      case "item": {
        return submit("item", profileItemForm, values, (data) => addProfileItem(db, actor, coalitionId, candidateId, data), (result) => `${here}#item-${result.item.id}`);
      }
      case "remove-item": {
        // the item is carried hidden: a bad id is said above the page's forms
        const parsed = parse(removeProfileItemForm, values);
        if (!parsed.ok) return invalid("remove-item", { _form: parsed.errors.itemId }, values);
        removeProfileItem(db, actor, coalitionId, candidateId, parsed.data.itemId);
        return redirect(here);
      }
      case CONCERN_INTENT:
        return submitConcern(db, actor, coalitionId, { ...values, about: `candidate:${candidateId}` }, here, context);
      case ANSWER_INTENT:
        return submitAnswer(db, actor, coalitionId, values, here, context);
      case OUTSIDE_INTENTS[0]:
      case OUTSIDE_INTENTS[1]:
      case OUTSIDE_INTENTS[2]:
        return submitOutside(db, actor, { coalitionId, candidateId }, values, here, context);
      case "stance": {
        const outcome = submitStance(db, actor, coalitionId, { ...values, candidateId: String(candidateId) }, context, undefined, request);
        if (!outcome.ok) return outcome.response;
        return redirect(`${here}?${outcome.params}#stances`);
      }
      default:
        return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function CandidateProfile() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/tables/${d.coalitionId}`;
  const { candidate, race } = d;
  const removeState = stateFor(actionData, "remove-item");
  const removeError = removeState?.errors ? Object.values(removeState.errors)[0] : null;
  const links = candidate.socialLinks.split(/\s+/).filter(Boolean);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/races/${race.id}`}>{race.label}</Link>
      </p>
      <h1>{candidate.name}</h1>
      <p>
        <Link to={`${base}/candidates/${candidate.id}/cycles`}>Across cycles: earlier races, results, starting from the last profile</Link> · <Link to={`${base}/races/${race.id}/results`}>Results</Link>
      </p>
      <p className="actions">
        <span>
          {candidate.party} · {INCUMBENCY_LABELS[candidate.incumbency]} · <CountOf count={d.endorsing} threshold={d.threshold} /> endorsing partners
        </span>
        {d.subTable ? (
          <Link to={`${base}/sub-tables/${d.subTable.id}`}>
            Sub-table <SubTableStatusBadge status={d.subTable.status} />
          </Link>
        ) : null}
        {d.canManage ? (
          <Link to="edit" className="button secondary">
            Edit profile
          </Link>
        ) : null}
        <Link to="history">Edit history</Link>
      </p>
      <section className="card" aria-labelledby="about">
        <h2 id="about" style={{ marginTop: 0 }}>
          About
        </h2>
        {candidate.bio ? (
          <>
            <p style={{ whiteSpace: "pre-line" }}>{candidate.bio}</p>
            <p className="muted">
              Bio source: <SourceBadge kind={candidate.bioSourceKind} />
              {candidate.bioSourceUrl ? (
                <>
                  {" "}
                  <a href={candidate.bioSourceUrl}>source</a>
                </>
              ) : null}
              {candidate.bioCapturedAt ? ` · captured ${formatDate(candidate.bioCapturedAt)}` : null}
            </p>
          </>
        ) : candidate.bioSourceKind === "campaign" ? (
          <p className="muted">The bio is from the campaign and is withheld under your firewall (rule F2).</p>
        ) : (
          <p className="empty">No bio yet.</p>
        )}
        <dl className="facts">
          <dt>Website</dt>
          <dd>{candidate.website ? <a href={candidate.website}>{candidate.website}</a> : "—"}</dd>
          <dt>Social</dt>
          <dd>
            {links.length
              ? links.map((l) => (
                  <a key={l} href={l} style={{ marginRight: ".6rem" }}>
                    {l.replace(/^https?:\/\//, "")}
                  </a>
                ))
              : "—"}
          </dd>
          <dt>Primary</dt>
          <dd>{formatDate(race.primaryDate)}</dd>
        </dl>
      </section>
      {withheldNotice(d.withheld) ? (
        <p className="notice warn" role="note" data-testid="withheld-notice">
          {withheldNotice(d.withheld)}
        </p>
      ) : null}
      {removeError ? (
        <p className="form-error" role="alert">
          {removeError}
        </p>
      ) : null}
      {PROFILE_ITEM_KINDS.map((kind) => {
        const items = d.items.filter((i) => i.kind === kind);
        return (
          <section key={kind} aria-labelledby={`sec-${kind}`}>
            <h2 id={`sec-${kind}`}>{PROFILE_SECTION_TITLES[kind]}</h2>
            {items.length === 0 ? (
              <p className="empty">None recorded.</p>
            ) : (
              <ul className="item-list">
                {items.map((i) => (
                  <li key={i.id} id={`item-${i.id}`}>
                    {i.topic ? <strong>{i.topic}: </strong> : null}
                    {i.kind === "fundraising" ? (
                      <span>
                        Raised {money(i.raised)} · cash on hand {money(i.cashOnHand)} · as of {formatDate(i.asOf)}
                      </span>
                    ) : null}
                    {i.kind === "poll" ? (
                      <span>
                        {i.pollster}: {i.pollShare}% · {formatDate(i.asOf)}
                      </span>
                    ) : null}
                    {i.body ? <span style={{ whiteSpace: "pre-line" }}> {i.body}</span> : null}
                    <div className="source actions">
                      <SourceBadge kind={i.sourceKind} />
                      {i.sourceUrl ? <a href={i.sourceUrl}>{i.sourceUrl.replace(/^https?:\/\//, "").slice(0, 60)}</a> : null}
                      {i.capturedAt ? <span>captured {formatDate(i.capturedAt)}</span> : null}
                      {d.canManage ? (
                        <Form method="post" style={{ display: "inline" }}>
                          <input type="hidden" name="intent" value="remove-item" />
                          <input type="hidden" name="itemId" value={i.id} />
                          <button type="submit" className="secondary" aria-label={`Remove this ${kind}`}>
                            Remove
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {d.canManage ? (
        <section className="card" aria-labelledby="add-item">
          <h2 id="add-item" style={{ marginTop: 0 }}>
            Add a note or figure
          </h2>
          <ProfileItemForm actionData={actionData} today={d.today} />
        </section>
      ) : null}
      <EarlierLessons lessons={d.lessons.lessons} withheld={d.lessons.withheld} title="Lessons from earlier races" id="earlier-lessons" />
      <section aria-labelledby="stances" id="stances">
        <h2 id="stances-title">Stances</h2>
        <StanceRecordedNotice coalitionId={d.coalitionId} />
        <div className="table-scroll" tabIndex={0}>
          <table aria-labelledby="stances-title">
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Stance</th>
                <th scope="col">Since</th>
                <th scope="col" className="hide-narrow">Deciding body</th>
              </tr>
            </thead>
            <tbody>
              {d.partners.map((p) => {
                const e = d.current.find((c) => c.partnerId === p.id && c.affiliateId === null);
                return (
                  <tr key={p.id}>
                    <th scope="row">{p.shortName}</th>
                    <td>
                      <StanceBadge stance={e?.stance} /> <RankNote rank={e?.rank} />
                      {e && d.decider === "affiliate" ? <span className="muted"> (national; its chapters decide here)</span> : null}
                    </td>
                    <td>{e ? formatDate(e.decidedOn) : ""}</td>
                    <td className="hide-narrow">{e?.decidingBody ?? ""}</td>
                  </tr>
                );
              })}
              {d.current
                .filter((e) => e.affiliateId !== null)
                .map((e) => (
                  <tr key={`a${e.id}`}>
                    <th scope="row">
                      {e.affiliateName} <span className="muted">(affiliate of {e.partnerShortName}{d.decider === "affiliate" ? "; counts where it covers the race" : "; does not count"})</span>
                    </th>
                    <td>
                      <StanceBadge stance={e.stance} /> <RankNote rank={e.rank} />
                    </td>
                    <td>{formatDate(e.decidedOn)}</td>
                    <td className="hide-narrow">{e.decidingBody ?? ""}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        {d.recordablePartners.length > 0 || d.affiliates.length > 0 ? (
          <div className="card" style={{ marginTop: "1rem" }}>
            <h3 style={{ marginTop: 0 }}>Record a stance</h3>
            <StanceForm
              candidateId={candidate.id}
              partners={d.recordablePartners}
              affiliates={d.affiliates}
              decider={d.decider}
              rankedMax={d.rankedMax}
              canPrivate={d.canPrivate}
              today={d.today}
              actionData={actionData}
            />
          </div>
        ) : null}
      </section>
      <ConcernsSection
        base={base}
        concerns={d.concerns}
        abouts={[{ value: `candidate:${candidate.id}`, label: candidate.name }]}
        partners={d.concernPartners}
        canAnswer={d.canManage}
        actionData={actionData}
        highlight={d.concernRaised}
        empty={`No concern raised about ${candidate.name}.`}
      />
      <OutsideSupportSection
        candidateName={candidate.name}
        outside={d.outside}
        canAdd={d.canAddOutside}
        partners={d.outsidePartners}
        editing={d.outsideEditing}
        today={d.today}
        actionData={actionData}
      />

      <CommentsSection comments={d.comments} me={d.me} voices={d.commentVoices} actionData={actionData} hint="Anyone at the table may comment, for its partner or as neutral staff, with where the information came from." />
      <section aria-labelledby="timeline">
        <h2 id="timeline">Endorsements over time</h2>
        <EndorsementsChart data={d.timeline} title={`Partners endorsing ${candidate.name}, by decision date`} />
      </section>
      <section aria-labelledby="stance-history">
        <h2 id="stance-history">Stance history</h2>
        {d.history.length === 0 ? (
          <p className="empty">No stance recorded yet.</p>
        ) : (
          <ul className="history card">
            {d.history.map((e) => (
              <li key={e.id}>
                <strong>{e.affiliateName ?? e.partnerShortName}</strong>: <StanceBadge stance={e.fromStance} /> → <StanceBadge stance={e.stance} />{" "}
                <span className="muted">
                  · decided {formatDate(e.decidedOn)}
                  {e.decidingBody ? ` by ${e.decidingBody}` : ""} · recorded by {e.actorName ?? "unknown"}
                </span>
                {e.note ? (
                  <div>
                    {e.notePrivate ? <em>(private to {e.partnerShortName}) </em> : null}
                    {e.note}
                  </div>
                ) : null}
                {e.noteWithheldBy === "private" ? <div className="muted">A private note of {e.partnerShortName}'s is not shown.</div> : null}
                {e.noteWithheldBy === "firewall" ? <div className="muted">A note from the campaign is withheld under your firewall (rule F2).</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
