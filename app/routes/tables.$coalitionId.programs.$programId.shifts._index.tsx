import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { Choice, ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { ProgramResults } from "~/components/program-results";
import { CalendarFeeds } from "~/components/calendar-feeds";
import { ShiftFields } from "~/components/shift-fields";
import { UpcomingShifts } from "~/components/upcoming-shifts";
import { formatDate } from "~/domain/dates";
import { exportForm, feedRevokeForm, shiftFields, shiftForm } from "~/domain/shift-forms";
import { createFeed, listFeeds, revokeFeed } from "~/models/calendar-feeds.server";
import { programResults } from "~/models/shift-results.server";
import { createShift, listShifts, programTurf, upcomingShifts } from "~/models/shifts.server";
import { requirePermission } from "~/server/guards/auth.server";
import { programAccess, requireFieldRole } from "~/server/guards/program-access.server";
import { handle, invalid, parse, readForm, redirect, refused } from "~/server/http.server";
import { can } from "~/domain/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Shifts · ${data.program.name} · Coalition Table` : "Shifts · Coalition Table" }];

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail: program, participants, managed, db } = await programAccess(args);
    const mayFeed = managed.length > 0 || can(user, { action: "table.manage", coalitionId }).ok;
    return {
      coalitionId,
      program: { ...program.program, candidateName: program.candidateName, timeZone: program.race.timeZone, raceLabel: `${program.race.office}, ${program.race.state}${program.race.district ? `-${program.race.district}` : ""}` },
      shifts: listShifts(db, user, { coalitionId, programId }),
      upcoming: upcomingShifts(db, user, { coalitionId, programId }),
      results: programResults(db, user, { coalitionId, programId }),
      participants,
      hosts: managed,
      units: programTurf(db, user, { programId }),
      feeds: mayFeed ? listFeeds(db, user, { programId }) : null,
      mayExport: mayFeed,
    };
  });
}

export async function action(args: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, participants, db } = await programAccess(args);
    const values = await readForm(args.request);
    const intent = values.intent ?? "";
    const base = `/tables/${coalitionId}/programs/${programId}/shifts`;
    if (intent === "feed" || intent === "revokeFeed") {
      requireFieldRole(db, user, coalitionId, participants, args.context, { facilitator: true });
      if (intent === "feed") {
        const { token } = createFeed(db, user, { programId });
        return data({ intent: "feed", link: new URL(`/calendar/${token}.ics`, args.request.url).toString(), errors: null, values: null });
      }
      const which = parse(feedRevokeForm, values);
      if (!which.ok) return invalid("revokeFeed", which.errors, values);
      const r = revokeFeed(db, user, { programId, feedId: which.data.feedId });
      if (!r.ok) return refused("revokeFeed", r, values);
      return redirect(`${base}?revoked`);
    }
    if (intent !== "create") return invalid("create", { _form: "This form could not be understood. Reload the page and try again." }, values);
    requireFieldRole(db, user, coalitionId, participants, args.context);
    const parsed = parse(shiftForm, values);
    if (!parsed.ok) return invalid("create", parsed.errors, values);
    const host = participants.find((a) => a.id === parsed.data.hostAffiliateId);
    if (!host) return invalid("create", { hostAffiliateId: "Choose an affiliate that takes part in this program." }, values);
    requirePermission(user, { action: "shift.manage", coalitionId, partnerId: host.partnerId, affiliateId: host.id }, args.context, db);
    const r = createShift(db, user, { coalitionId, programId, ...parsed.data });
    if (!r.ok) return refused("create", r, values);
    return redirect(`${base}/${r.shift.id}?created`);
  });
}

export default function ProgramShifts() {
  const { coalitionId, program, shifts, upcoming, results, participants, hosts, units, feeds, mayExport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const create = useActionForm(shiftFields, {
    intent: "create",
    actionData,
    defaultValue: { workType: "doorknock", hostAffiliateId: hosts[0] ? String(hosts[0].id) : "", hostKind: "affiliate", capacity: "10" },
  });
  // the export is a GET to the CSV route (a download): checked in the browser with the route's schema
  const exporting = useActionForm(exportForm, { intent: "export", actionData: null, defaultValue: { kind: "shifts", recipient: "member" } });
  const feed = actionData && "link" in actionData ? actionData : null;
  const feedRefusal = actionData && !("link" in actionData) && actionData.intent === "revokeFeed" ? actionData.errors._form : null;
  const base = `/tables/${coalitionId}`;
  const past = shifts.filter((s) => !upcoming.some((u) => u.id === s.id));
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/sub-tables/${program.subCoalitionId}`}>Sub-table for {program.candidateName}</Link> · <Link to={`${base}/shifts/week`}>Week</Link>
      </p>
      <h1>Shifts: {program.name}</h1>
      <p className="muted">
        {program.raceLabel} · {formatDate(program.startDate)} – {formatDate(program.endDate)} · times in {program.timeZone} · {program.side} side
      </p>
      <h2>Upcoming shifts</h2>
      <UpcomingShifts shifts={upcoming} coalitionId={coalitionId} empty="No upcoming shifts. Schedule one below." />
      {past.length ? (
        <details>
          <summary>Past and cancelled shifts ({past.length})</summary>
          <UpcomingShifts shifts={past} coalitionId={coalitionId} />
        </details>
      ) : null}
      <ProgramResults results={results} />
      {hosts.length > 0 ? (
        <section className="card" aria-labelledby="new-shift">
          <h2 id="new-shift">Schedule a shift</h2>
          <ConformForm form={create.form} intent="create" className="stack">
            <FormErrors form={create.form} />
            <ShiftFields fields={create.fields} timeZone={program.timeZone} hosts={hosts} participants={participants} units={units} />
            <Submit intent="create">Schedule the shift</Submit>
          </ConformForm>
        </section>
      ) : (
        <p className="hint">Leads of the sub-table's affiliates (and their partners' representatives) schedule shifts here.</p>
      )}
      {mayExport ? (
        <section className="card" aria-labelledby="export-title">
          <h2 id="export-title">Export</h2>
          <Form method="get" action={`${base}/programs/${program.id}/export.csv`} reloadDocument className="stack" {...getFormProps(exporting.form)}>
            <FormErrors form={exporting.form} />
            <Choice field={exporting.fields.kind} label="What" options={[{ value: "shifts", label: "Shifts" }, { value: "signups", label: "Sign-ups" }, { value: "results", label: "Results" }]} />
            <Choice
              field={exporting.fields.recipient}
              label="Who is it for?"
              options={[{ value: "member", label: "A member of the table" }, { value: "vendor", label: "A vendor" }, { value: "campaign", label: "A campaign" }]}
              hint="Independent-side plans and results never go to a campaign (firewall rule F7); that export is refused unless counsel records an override."
            />
            <button type="submit">Download CSV</button>
          </Form>
        </section>
      ) : null}
      {feeds ? (
        <section className="card" aria-labelledby="feeds-title">
          <h2 id="feeds-title">Calendar feed of this program</h2>
          <CalendarFeeds feeds={feeds} link={feed?.link ?? null} what="every shift of this program" error={feedRefusal} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
