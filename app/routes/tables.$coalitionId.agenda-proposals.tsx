import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { Pager } from "~/components/pager";
import { AnsweredProposals, DecideProposal } from "~/components/proposals";
import { formatDate } from "~/domain/dates";
import { readCursor } from "~/domain/keyset";
import { can } from "~/domain/permissions";
import { agendaProposalForm, decideProposalForm } from "~/domain/proposals";
import { declineForm } from "~/domain/questions";
import { decideAgendaProposal, listAgendaProposals, proposeAgendaItem } from "~/models/proposals.server";
import { proposingPartners } from "~/models/questions.server";
import { getDb } from "~/server/db.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { handle, idParam, invalid, parse, readForm, submit } from "~/server/http.server";

/** Members' proposed agenda items (issue 17): a representative proposes one for the next meeting; the facilitator puts it on the draft agenda or answers why not. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    return {
      coalitionId,
      proposed: listAgendaProposals(db, user, { coalitionId, status: "proposed", cursor: readCursor(url) }),
      accepted: listAgendaProposals(db, user, { coalitionId, status: "accepted", cursor: readCursor(url, "accepted"), limit: 10 }),
      declined: listAgendaProposals(db, user, { coalitionId, status: "declined", cursor: readCursor(url, "declined"), limit: 10 }),
      partners: proposingPartners(db, user, { coalitionId }),
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
      sent: url.searchParams.has("sent"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/agenda-proposals`;
    switch (values.intent) {
      case "propose-agenda": {
        const parsed = parse(agendaProposalForm, values);
        if (!parsed.ok) return invalid("propose-agenda", parsed.errors, parsed.values);
        requirePermission(user, { action: "agenda.propose", coalitionId, partnerId: parsed.data.partnerId }, context, db);
        return submit("propose-agenda", agendaProposalForm, values, (d) => proposeAgendaItem(db, user, { coalitionId, ...d }), () => `${here}?sent#proposed`);
      }
      case "accept-agenda":
        requirePermission(user, { action: "table.manage", coalitionId }, context, db);
        return submit("accept-agenda", decideProposalForm, values, (d) => decideAgendaProposal(db, user, { coalitionId, proposalId: d.id, accept: true }), (r) => (r.meetingId ? `/tables/${coalitionId}/meetings/${r.meetingId}#agenda` : here));
      case "decline-agenda":
        requirePermission(user, { action: "table.manage", coalitionId }, context, db);
        return submit("decline-agenda", declineForm, values, (d) => decideAgendaProposal(db, user, { coalitionId, proposalId: d.id, accept: false, reply: d.reply }), () => `${here}#answered`);
      default:
        return invalid(values.intent ?? "", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function AgendaProposals() {
  const { coalitionId, proposed, accepted, declined, partners, canManage, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/tables/${coalitionId}`;
  const acceptError = actionData && "intent" in actionData && actionData.intent === "accept-agenda" && actionData.errors ? Object.values(actionData.errors)[0] : null;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/meetings`}>Meetings</Link>
      </p>
      <h1>Proposed agenda items</h1>
      <p className="hint">A member's representative proposes an item for the table's next meeting, with why. The facilitator puts it on the draft agenda or answers why not.</p>
      {sent ? (
        <p className="notice" role="status">
          Proposed: the facilitator will put it on the agenda or answer you here.
        </p>
      ) : null}
      {partners.length ? <ProposeAgendaItem partners={partners} /> : null}
      <section aria-labelledby="proposed">
        <h2 id="proposed">Waiting for the facilitator</h2>
        {acceptError ? (
          <p className="form-error" role="alert">
            {acceptError}
          </p>
        ) : null}
        {proposed.rows.length === 0 ? (
          <p className="empty">No proposed agenda item is waiting.</p>
        ) : (
          <ul className="history card">
            {proposed.rows.map((p) => (
              <li key={p.id} id={`proposal-${p.id}`}>
                <p>
                  <strong>{p.partnerShortName}</strong> proposes: {p.title} <span className="muted">· {formatDate(p.createdAt.slice(0, 10))}</span>
                  {p.meetingId ? (
                    <span className="muted">
                      {" "}
                      · for <Link to={`${base}/meetings/${p.meetingId}`}>{p.meetingTitle}</Link>
                    </span>
                  ) : null}
                </p>
                <p>
                  <span className="muted">Why:</span> {p.why}
                </p>
                {canManage ? <DecideProposal id={p.id} acceptIntent="accept-agenda" declineIntent="decline-agenda" what={`${p.partnerShortName}'s proposed agenda item`} actionData={actionData} /> : null}
              </li>
            ))}
          </ul>
        )}
        <Pager prev={proposed.prev} next={proposed.next} total={proposed.total} shown={proposed.rows.length} noun="proposed items" label="Pages of proposed agenda items" />
      </section>
      <section aria-labelledby="answered">
        <h2 id="answered">Decided</h2>
        {accepted.rows.length === 0 && declined.rows.length === 0 ? <p className="empty">Nothing decided yet.</p> : null}
        {accepted.rows.length ? (
          <>
            <h3>On an agenda</h3>
            <ul className="history card">
              {accepted.rows.map((p) => (
                <li key={p.id}>
                  <strong>{p.partnerShortName}</strong>: {p.title}
                  {p.meetingId ? (
                    <>
                      {" "}
                      · on the agenda of <Link to={`${base}/meetings/${p.meetingId}`}>{p.meetingTitle}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            <Pager prev={accepted.prev} next={accepted.next} total={accepted.total} shown={accepted.rows.length} noun="accepted items" param="accepted" label="Pages of accepted items" />
          </>
        ) : null}
        <AnsweredProposals {...declined} rows={declined.rows.map((p) => ({ id: p.id, who: p.partnerShortName, text: p.title, reply: p.reply }))} noun="answered items" param="declined" />
      </section>
    </>
  );
}

function ProposeAgendaItem({ partners }: { partners: { id: number; shortName: string; name: string }[] }) {
  const { form, fields } = useActionForm(agendaProposalForm, { intent: "propose-agenda", actionData: useActionData<typeof action>(), clearOnSave: true, defaultValue: { partnerId: partners.length === 1 ? partners[0].id : "" } });
  return (
    <section className="card" aria-labelledby="propose-agenda">
      <h2 id="propose-agenda">Propose an agenda item</h2>
      <p className="hint">Everyone at the table reads the item's title: put what a campaign told you in a concern or a note with its source, not here.</p>
      <ConformForm form={form} intent="propose-agenda" className="stack" aria-labelledby="propose-agenda">
        <FormErrors form={form} />
        {partners.length === 1 ? (
          <input type="hidden" name={fields.partnerId.name} value={partners[0].id} />
        ) : (
          <Choice field={fields.partnerId} label="Proposed by" placeholder="Choose a partner" options={partners.map((p) => ({ value: p.id, label: `${p.shortName} — ${p.name}` }))} />
        )}
        <Input field={fields.title} label="Agenda item" autoComplete="off" />
        <Textarea field={fields.why} label="Why the table should discuss it" rows={3} />
        <div className="actions">
          <Submit intent="propose-agenda">Propose</Submit>
        </div>
      </ConformForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
