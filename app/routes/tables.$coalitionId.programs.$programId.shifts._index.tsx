import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { Choice, ConformForm, FormErrors, Submit, useActionForm } from "~/components/form";
import { CalendarFeeds } from "~/components/calendar-feeds";
import { SeriesFields, ShiftFields, TurfFinder } from "~/components/shift-fields";
import { Pager } from "~/components/pager";
import { UpcomingShifts } from "~/components/upcoming-shifts";
import { shiftCard } from "~/domain/field-views";
import { formatDate } from "~/domain/dates";
import { exportForm, feedRevokeForm, shiftForm } from "~/domain/shift-forms";
import { seriesFields, shiftCreateFields } from "~/domain/shift-series";
import { createFeed, listFeeds, revokeFeed } from "~/models/calendar-feeds.server";
import { createShift, findTurf, listShiftPage } from "~/models/shifts.server";
import { readCursor, pageSize } from "~/domain/keyset";
import { FEED_DAYS_AHEAD, FEED_DAYS_BACK, shiftListFilters, turfFilters } from "~/domain/field-lists";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { WORK_TYPES } from "~/domain/vocabulary";
import { vendorChoices } from "~/models/vendors.server";
import { requirePermission } from "~/server/guards/auth.server";
import { programAccess, requireFieldRole } from "~/server/guards/program-access.server";
import { handle, invalid, parse, readForm, redirect, refused } from "~/server/http.server";
import { can } from "~/domain/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Shifts · ${data.program.name} · Coalition Table` : "Shifts · Coalition Table" }];

/** The query parameters a search of turf keeps (the shift list's own) and the other way round. */
const LIST_PARAMS = ["when", "type", "host", "mine", "page"];
const TURF_PARAMS = ["turfKind", "turfArea", "turfCode", "turfPage"];
const pickAffiliate = (a: { id: number; name: string; partnerName: string }) => ({ id: a.id, name: a.name, partnerName: a.partnerName });
const kept = (url: URL, names: string[]) => Object.fromEntries(names.flatMap((n) => (url.searchParams.get(n) ? [[n, url.searchParams.get(n)!]] : [])));

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail: program, participants, managed, db } = await programAccess(args);
    const mayFeed = managed.length > 0 || can(user, { action: "table.manage", coalitionId }).ok;
    const url = new URL(args.request.url);
    const filters = shiftListFilters(url.searchParams, participants.map((a) => a.id));
    if (filters.mine && managed.length === 0) filters.ignored.push("mine");
    const mine = filters.mine && managed.length > 0;
    const list = listShiftPage(db, user, {
      coalitionId,
      programId,
      when: filters.when,
      workType: filters.workType,
      hostIds: mine ? managed.map((a) => a.id) : filters.host ? [filters.host] : null,
      cursor: readCursor(url),
      limit: pageSize(url, 100),
    });
    // the turf picker of the schedule form: a page of units found, never the program's every unit
    const tf = turfFilters(url.searchParams);
    const found = managed.length > 0 ? findTurf(db, user, { programId, filters: tf, cursor: readCursor(url, "turfPage") }) : null;
    return {
      coalitionId,
      program: { ...program.program, candidateName: program.candidateName, timeZone: program.race.timeZone, raceLabel: `${program.race.office}, ${program.race.state}${program.race.district ? `-${program.race.district}` : ""}` },
      filters: { ...filters, mine },
      shifts: list.rows.map(shiftCard),
      pages: { prev: list.prev, next: list.next, total: list.total },
      // what the filter and the schedule form name them by, not each affiliate's whole row (coverage and all)
      participants: participants.map(pickAffiliate),
      hosts: managed.map(pickAffiliate),
      units: found?.rows ?? [],
      turf: found ? { filters: tf, total: found.total, shown: found.rows.length, prev: found.prev, next: found.next, ignored: tf.ignored } : null,
      keep: { list: kept(url, LIST_PARAMS), turf: kept(url, TURF_PARAMS) },
      feeds: mayFeed ? listFeeds(db, user, { programId }) : null,
      mayExport: mayFeed,
      // the export form's vendor recipient is picked from the table's roster (rule F5 asks about it)
      vendors: mayFeed ? vendorChoices(db, user, { coalitionId }) : [],
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
    const series = parse(seriesFields, values);
    if (!parsed.ok || !series.ok) return invalid("create", { ...(series.ok ? {} : series.errors), ...(parsed.ok ? {} : parsed.errors) }, values);
    const host = participants.find((a) => a.id === parsed.data.hostAffiliateId);
    if (!host) return invalid("create", { hostAffiliateId: "Choose an affiliate that takes part in this program." }, values);
    requirePermission(user, { action: "shift.manage", coalitionId, partnerId: host.partnerId, affiliateId: host.id }, args.context, db);
    const r = createShift(db, user, { coalitionId, programId, ...parsed.data, series: series.data });
    if (!r.ok) return refused("create", r, values, 400, args.request);
    return redirect(`${base}/${r.shift.id}?created${r.shifts.length > 1 ? `=${r.shifts.length}` : ""}`);
  });
}

export default function ProgramShifts() {
  const { coalitionId, program, filters, shifts, pages, participants, hosts, units, turf, keep, feeds, mayExport, vendors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const create = useActionForm(shiftCreateFields, {
    intent: "create",
    actionData,
    defaultValue: { workType: "doorknock", hostAffiliateId: hosts[0] ? String(hosts[0].id) : "", hostKind: "affiliate", capacity: "10", repeat: "once" },
  });
  // the export is a GET to the CSV route (a download): checked in the browser with the route's schema
  const exporting = useActionForm(exportForm, { intent: "export", actionData: null, defaultValue: { kind: "shifts", recipient: "member" } });
  const feed = actionData && "link" in actionData ? actionData : null;
  const feedRefusal = actionData && !("link" in actionData) && actionData.intent === "revokeFeed" ? actionData.errors._form : null;
  const base = `/tables/${coalitionId}`;
  const filtered = filters.workType !== null || filters.host !== null || filters.mine;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`${base}/sub-tables/${program.subCoalitionId}`}>Sub-table for {program.candidateName}</Link> · <Link to={`${base}/shifts/week`}>Week</Link>
      </p>
      <h1>Shifts: {program.name}</h1>
      <p className="muted">
        {program.raceLabel} · {formatDate(program.startDate)} – {formatDate(program.endDate)} · times in {program.timeZone} · {program.side} side
      </p>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{filters.when === "past" ? "Past shifts" : "Upcoming shifts"}</h2>
        <Form method="get" className="form-row shift-filters" aria-label="Filter the shifts">
          {Object.entries(keep.turf).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="field">
            <label htmlFor="filter-when">When</label>
            <select id="filter-when" name="when" defaultValue={filters.when}>
              <option value="upcoming">Upcoming</option>
              <option value="past">Past</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-type">Work type</label>
            <select id="filter-type" name="type" defaultValue={filters.workType ?? ""}>
              <option value="">Any work</option>
              {WORK_TYPES.map((w) => (
                <option key={w} value={w}>
                  {WORK_TYPE_LABELS[w]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-host">Host affiliate</label>
            <select id="filter-host" name="host" defaultValue={filters.host === null ? "" : String(filters.host)}>
              <option value="">Any host</option>
              {participants.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name} ({a.partnerName})
                </option>
              ))}
            </select>
          </div>
          {hosts.length > 0 ? (
            <div className="field checkbox">
              <input id="filter-mine" type="checkbox" name="mine" value="1" defaultChecked={filters.mine} />
              <label htmlFor="filter-mine">Only my affiliate's shifts</label>
            </div>
          ) : null}
          <div className="field">
            <button type="submit">Show shifts</button>
          </div>
        </Form>
        {filters.ignored.length ? (
          <p className="notice warn" role="status">
            Some filters were not understood and were left out.
          </p>
        ) : null}
        <p className="hint">{filters.when === "past" ? "Latest first. " : "Soonest first; a shift under way counts as upcoming. "}Cancelled shifts are listed, marked.</p>
        <UpcomingShifts
          shifts={shifts}
          coalitionId={coalitionId}
          empty={filtered ? "No shifts match these filters." : filters.when === "past" ? "No past shifts." : "No upcoming shifts. Schedule one below."}
        />
        <Pager prev={pages.prev} next={pages.next} total={pages.total} shown={shifts.length} noun="shifts" label="Pages of shifts" />
      </section>
      <p className="hint">
        Results per day and per affiliate, against the program's goals, are on <Link to={`${base}/programs/${program.id}`}>the program's page</Link>.
      </p>
      {hosts.length > 0 ? (
        <section className="card" aria-labelledby="new-shift">
          <h2 id="new-shift">Schedule a shift</h2>
          {turf ? <TurfFinder id="new-turf" state={turf} keep={keep.list} /> : null}
          <ConformForm form={create.form} intent="create" className="stack">
            <FormErrors form={create.form} state={create.state} />
            <ShiftFields fields={create.fields} timeZone={program.timeZone} hosts={hosts} participants={participants} units={units} />
            <SeriesFields fields={create.fields} />
            <Submit intent="create">Schedule</Submit>
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
            <Choice
              field={exporting.fields.vendorId}
              label="Which vendor?"
              placeholder={vendors.length ? "Not for a vendor" : "No vendors on the table's list"}
              options={vendors.map((v) => ({ value: v.id, label: `${v.name}${v.policyOnFile ? " (firewall policy on file)" : ""}` }))}
              hint="For a vendor: pick it from the table's vendor list. A vendor that served a candidate in this race or a party within the table's lookback (Firewall, Window and lookback) needs its own firewall policy on file first (firewall rule F5)."
            />
            <button type="submit">Download CSV</button>
          </Form>
        </section>
      ) : null}
      {feeds ? (
        <section className="card" aria-labelledby="feeds-title">
          <h2 id="feeds-title">Calendar feed of this program</h2>
          <CalendarFeeds feeds={feeds} link={feed?.link ?? null} what={`this program's shifts from ${FEED_DAYS_BACK} days ago to ${FEED_DAYS_AHEAD} days ahead`} error={feedRefusal} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
