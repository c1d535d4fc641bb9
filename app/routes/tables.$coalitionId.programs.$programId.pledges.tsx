import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { ProgramHeader } from "~/components/program-nav";
import { formatDate } from "~/domain/dates";
import { pledgeForm, programWeeks, WORK_TYPE_LABELS } from "~/domain/field-forms";
import { can } from "~/domain/permissions";
import { pagePledges, pagePledgeTotals, setPledge } from "~/models/pledges.server";
import { joinProgramRemotely, remoteCandidates } from "~/models/remote-work.server";
import { getProgram } from "~/models/programs.server";
import { nationalJoinForm, remoteJoinForm } from "~/domain/remote-work";
import { joinProgramAsNational, nationalChoices } from "~/models/national-hosts.server";
import { pageSize, readCursor } from "~/domain/keyset";
import { Pager } from "~/components/pager";
import { requirePermission } from "~/server/guards/auth.server";
import { programAccess, requireProgram } from "~/server/guards/program-access.server";
import { handle, intQuery, invalid, linkCreated, parse, readForm, redirect, refused } from "~/server/http.server";
import { WORK_TYPES } from "~/domain/vocabulary";
import { allyInviteForm } from "~/domain/allies";
import { inviteAlly, programAllyRows } from "~/models/allies.server";
import { AllySection } from "~/components/ally-invite";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail, members, participants, db } = await programAccess({ params, request, context });
    const pledgers = withAllies(members, participants);
    const url = new URL(request.url);
    // the sub-table's partners (a few dozen at most) for the filter; an unknown partner is ignored
    const partnerChoices = [...new Map(participants.map((a) => [a.partnerId, a.partnerShortName])).entries()].map(([id, name]) => ({ value: id, label: name })).sort((a, b) => a.label.localeCompare(b.label));
    const asked = intQuery(url, "partner");
    const partnerId = partnerChoices.some((p) => p.value === asked) ? asked : null;
    const mayPledgeFor = participants
      .filter((a) => (partnerId === null || a.partnerId === partnerId) && can(user, { action: "pledge.record", coalitionId, partnerId: a.partnerId, affiliateId: a.id, memberPartnerIds: pledgers }).ok)
      .map((a) => ({ id: a.id, name: `${a.name} (${a.partnerShortName})` }));
    const size = pageSize(url, 100);
    return {
      seesTable: can(user, { action: "table.view", coalitionId }).ok,
      // issue 13: this person's affiliates elsewhere that may join the program remotely
      remoteChoices: remoteCandidates(db, user, { coalitionId, detail }).map((a) => ({ value: String(a.id), label: `${a.name} (${a.state})` })),
      remoteParticipants: participants.filter((a) => a.remote).map((a) => ({ id: a.id, name: a.national ? a.name : `${a.name} (${a.partnerShortName}, ${a.state})` })),
      // issue 13: partners whose national staff this person may bring in, as the partner itself
      nationalChoices: nationalChoices(db, user, { coalitionId, detail }).map((p) => ({ value: String(p.id), label: p.name })),
      // issue 13: the program's regional allies; the facilitator and the sub-table's representatives invite more
      allies: programAllyRows(db, user, { programId }),
      mayInviteAlly: can(user, { action: "program.manage", coalitionId, memberPartnerIds: members }).ok,
      coalitionId,
      ...detail,
      partnerId,
      partnerChoices,
      pledges: pagePledges(db, user, { programId, partnerId, cursor: readCursor(url), size }),
      totals: pagePledgeTotals(db, user, { programId, partnerId, cursor: readCursor(url, "totals"), size }),
      weeks: programWeeks(detail.program.startDate, detail.program.endDate),
      mayPledgeFor,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, members, participants, db } = await programAccess({ params, request, context });
    const pledgers = withAllies(members, participants);
    const values = await readForm(request);
    if (values.intent === "join-remote") {
      const parsed = parse(remoteJoinForm, values);
      if (!parsed.ok) return invalid("join-remote", parsed.errors, values);
      const detail = getProgram(db, user, { coalitionId, programId });
      const ours = remoteCandidates(db, user, { coalitionId, detail }).find((a) => a.id === parsed.data.affiliateId);
      if (!ours) return invalid("join-remote", { affiliateId: "Choose an affiliate of a partner in this sub-table, outside the race's state, that has not joined yet." }, values);
      requirePermission(user, { action: "pledge.record", coalitionId, partnerId: ours.partnerId, affiliateId: ours.id, memberPartnerIds: members }, context);
      const r = joinProgramRemotely(db, user, { coalitionId, programId, affiliateId: ours.id });
      if (!r.ok) return refused("join-remote", r, values);
      return redirect(`/tables/${coalitionId}/programs/${programId}/pledges`);
    }
    if (values.intent === "join-national") {
      const parsed = parse(nationalJoinForm, values);
      if (!parsed.ok) return invalid("join-national", parsed.errors, values);
      requirePermission(user, { action: "partner.manage", coalitionId, partnerId: parsed.data.partnerId }, context);
      const r = joinProgramAsNational(db, user, { coalitionId, programId, partnerId: parsed.data.partnerId });
      if (!r.ok) return refused("join-national", r, values);
      return redirect(`/tables/${coalitionId}/programs/${programId}/pledges`);
    }
    if (values.intent === "invite-ally") {
      requireProgram(user, coalitionId, members, "program.manage", context);
      const parsed = parse(allyInviteForm, values);
      if (!parsed.ok) return invalid("invite-ally", parsed.errors, values);
      const r = inviteAlly(db, user, { coalitionId, programId, ...parsed.data });
      if (!r.ok) return refused("invite-ally", r, values);
      return linkCreated("invite-ally", r.token, r.invitation.email, request);
    }
    if (values.intent !== "pledge") return invalid("pledge", { _form: "This form could not be understood. Reload the page and try again." }, values);
    const parsed = parse(pledgeForm, values);
    if (!parsed.ok) return invalid("pledge", parsed.errors, values);
    const affiliate = participants.find((a) => a.id === parsed.data.affiliateId);
    if (!affiliate) return invalid("pledge", { affiliateId: "Choose an affiliate of a partner in this sub-table." }, values);
    requirePermission(user, { action: "pledge.record", coalitionId, partnerId: affiliate.partnerId, affiliateId: affiliate.id, memberPartnerIds: pledgers }, context);
    const r = setPledge(db, user, { coalitionId, programId, ...parsed.data });
    if (!r.ok) return refused("pledge", r, values, 400, request);
    return redirect(`/tables/${coalitionId}/programs/${programId}/pledges`);
  });
}

/** Who pledges to the program: the sub-table's partners and (issue 13) its regional allies. */
const withAllies = (members: number[], participants: { partnerId: number; ally?: boolean }[]) => [...members, ...participants.filter((a) => a.ally).map((a) => a.partnerId)];

export default function PledgesPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, fields, state } = useActionForm(pledgeForm, { intent: "pledge", actionData });
  const join = useActionForm(remoteJoinForm, { intent: "join-remote", actionData });
  const national = useActionForm(nationalJoinForm, { intent: "join-national", actionData });
  return (
    <>
      <ProgramHeader head={d} title="Pledges" />
      <p className="hint">Each affiliate pledges volunteer hours per kind of work and week. The turf is split in proportion to the hours pledged, and re-split (keeping locked units) whenever a pledge changes. Set 0 to withdraw a pledge.</p>
      {d.mayPledgeFor.length > 0 ? (
        <section className="card" aria-labelledby="pledge-title">
          <h2 id="pledge-title" style={{ marginTop: 0 }}>
            Pledge hours
          </h2>
          <ConformForm form={form} intent="pledge" className="stack">
            <FormErrors form={form} state={state} />
            <Choice field={fields.affiliateId} label="Affiliate" options={d.mayPledgeFor.map((a) => ({ value: String(a.id), label: a.name }))} />
            <div className="form-row">
              <Choice field={fields.workType} label="Work" options={WORK_TYPES.map((w) => ({ value: w, label: WORK_TYPE_LABELS[w] }))} />
              <Choice field={fields.weekStart} label="Week of" options={d.weeks.map((w) => ({ value: w, label: formatDate(w) }))} />
              <Input field={fields.hours} label="Volunteer hours" inputMode="decimal" />
            </div>
            <Submit intent="pledge">Save pledge</Submit>
          </ConformForm>
        </section>
      ) : null}
      <AllySection allies={d.allies} mayInvite={d.mayInviteAlly} actionData={actionData} />
      {d.remoteParticipants.length > 0 ? (
        <p className="hint">Taking part remotely, from other states or as a partner's national staff (phone, text and calls; virtual shifts): {d.remoteParticipants.map((a) => a.name).join("; ")}.</p>
      ) : null}
      {d.remoteChoices.length > 0 ? (
        <section className="card" aria-labelledby="remote-title">
          <h2 id="remote-title" style={{ marginTop: 0 }}>
            Take part from another state
          </h2>
          <p className="hint">Phone and text work needs no coverage: your affiliate can pledge phonebank, textbank and call hours, take a share of the call and text lists the program does not keep local, and host, co-host or recruit for virtual shifts.</p>
          <ConformForm form={join.form} intent="join-remote" className="stack">
            <FormErrors form={join.form} />
            <Choice field={join.fields.affiliateId} label="Your affiliate" options={d.remoteChoices} />
            <Submit intent="join-remote">Join remotely</Submit>
          </ConformForm>
        </section>
      ) : null}
      {d.nationalChoices.length > 0 ? (
        <section className="card" aria-labelledby="national-title">
          <h2 id="national-title" style={{ marginTop: 0 }}>
            Take part as national staff
          </h2>
          <p className="hint">
            A partner's national staff host, co-host and recruit for virtual shifts and pledge phonebank, textbank and call hours as the partner itself: under
            its legal type and its side in this race, with its walls and its policy. Their hours count to the partner's credit.
          </p>
          <ConformForm form={national.form} intent="join-national" className="stack">
            <FormErrors form={national.form} />
            <Choice field={national.fields.partnerId} label="Partner" options={d.nationalChoices} />
            <Submit intent="join-national">Join as national staff</Submit>
          </ConformForm>
        </section>
      ) : null}
      <form method="get" className="filters">
        <FilterSelect name="partner" label="Partner" value={d.partnerId} allLabel="Every partner" options={d.partnerChoices} />
        <button type="submit" className="secondary">
          Show
        </button>
      </form>
      <h2>Totals</h2>
      {d.totals.rows.length === 0 ? (
        <p className="empty">No pledges yet.</p>
      ) : (
        <ul className="history card" aria-label="Pledged hours by affiliate and work">
          {d.totals.rows.map((t) => (
            <li key={`${t.affiliateId}-${t.workType}`}>
              <strong>
                {t.affiliateName} ({t.partnerShortName})
              </strong>
              : {t.hours} h of {WORK_TYPE_LABELS[t.workType].toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      <Pager prev={d.totals.prev} next={d.totals.next} shown={d.totals.rows.length} noun="totals" param="totals" label="Pages of totals" />
      <h2>By week</h2>
      {d.pledges.rows.length === 0 ? (
        <p className="empty">No pledges yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Affiliate</th>
                <th scope="col">Work</th>
                <th scope="col">Week of</th>
                <th scope="col">Hours</th>
              </tr>
            </thead>
            <tbody>
              {d.pledges.rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.affiliateName} <span className="muted">({p.partnerShortName})</span>
                  </td>
                  <td>{WORK_TYPE_LABELS[p.workType]}</td>
                  <td>{formatDate(p.weekStart)}</td>
                  <td>{p.hours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={d.pledges.prev} next={d.pledges.next} shown={d.pledges.rows.length} noun="pledges" label="Pages of pledges by week" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
