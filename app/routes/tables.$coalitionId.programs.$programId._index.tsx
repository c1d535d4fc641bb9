import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SplitChart } from "~/components/charts/split-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { Pager } from "~/components/pager";
import { programDefaults, ProgramFields } from "~/components/program-fields";
import { ProgramHeader } from "~/components/program-nav";
import { SplitTable, UncoveredUnits } from "~/components/split-table";
import { MATERIAL_KIND_LABELS, materialForm, programFields, programForm, TURF_KIND_LABELS } from "~/domain/field-forms";
import { pageSize, readCursor } from "~/domain/keyset";
import { TURF_KINDS } from "~/domain/vocabulary";
import { addMaterial, listMaterials } from "~/models/program-materials.server";
import { can } from "~/domain/permissions";
import { updateProgram } from "~/models/programs.server";
import { getSplitView, runSplit } from "~/models/split.server";
import { programResults } from "~/models/shift-results.server";
import { upcomingShifts } from "~/models/shifts.server";
import { eventLinks } from "~/models/event-pages.server";
import { myAllyPolicies, recordAllyPolicy, setAllyCoverage } from "~/models/allies.server";
import { allyCoverageForm } from "~/domain/forms";
import { acknowledgePolicy, policyPartnerId } from "~/models/policies.server";
import { acknowledgeForm, policyForm } from "~/domain/counsel-forms";
import { AllyPolicies } from "~/components/ally-policy";
import { requirePermission } from "~/server/guards/auth.server";
import { ProgramResults } from "~/components/program-results";
import { UpcomingShifts } from "~/components/upcoming-shifts";
import { shiftCard } from "~/domain/field-views";
import { requireProgram, programAccess } from "~/server/guards/program-access.server";
import { handle, invalid, readForm, redirect, submit } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail, members, db } = await programAccess({ params, request, context }, { affiliates: false });
    const url = new URL(request.url);
    const kindParam = url.searchParams.get("kind");
    const kind = TURF_KINDS.find((k) => k === kindParam) ?? null;
    const mine = user.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId !== null).map((g) => g.affiliateId!);
    const split = getSplitView(db, user, { programId, cursor: readCursor(url), kind, mine, size: pageSize(url, 100) });
    return {
      coalitionId,
      // an ally's lead sees its program, not the rest of the table: no links there
      seesTable: can(user, { action: "table.view", coalitionId }).ok,
      ...detail,
      split,
      kind,
      canManage: can(user, { action: "program.manage", coalitionId, memberPartnerIds: members }).ok,
      mine,
      // what <ProgramResults> draws (not every shift's row: thousands on a national program)
      results: pickResults(programResults(db, user, { coalitionId, programId, detail })),
      materials: listMaterials(db, user, { coalitionId, programId, detail }),
      upcoming: upcomingShifts(db, user, { coalitionId, programId, detail }).map(shiftCard),
      // issue 14: the public event page's links this person may hand out (made when a shift is published)
      eventLinks: eventLinks(db, user, { coalitionId, programId, members }),
      // issue 13: a regional ally's lead keeps its organization's written firewall policy here
      allyPolicies: myAllyPolicies(db, user, { programId }),
      origin: url.origin,
    };
  });
}

const pickResults = ({ goals, byDay, byAffiliate, timeZone }: ReturnType<typeof programResults>) => ({ goals, byDay, byAffiliate, timeZone });

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, members, db } = await programAccess({ params, request, context });
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/programs/${programId}`;
    // a regional ally's own policy (issue 13): its lead records and acknowledges it; nothing else of the program
    if (values.intent === "ally-policy")
      return submit("ally-policy", policyForm, values, (input) => {
        requirePermission(user, { action: "ally.keep", coalitionId, partnerId: input.partnerId }, context, db);
        return recordAllyPolicy(db, user, input);
      }, () => `${here}#ally-policy`);
    if (values.intent === "ally-coverage")
      return submit("ally-coverage", allyCoverageForm, values, ({ partnerId, ...coverage }) => {
        requirePermission(user, { action: "ally.keep", coalitionId, partnerId }, context, db);
        return setAllyCoverage(db, user, { partnerId, coverage });
      }, () => `${here}#ally-policy`);
    if (values.intent === "ally-acknowledge")
      return submit("ally-acknowledge", acknowledgeForm, values, (input) => {
        requirePermission(user, { action: "ally.keep", coalitionId, partnerId: policyPartnerId(db, user, { policyId: input.policyId }) ?? 0 }, context, db);
        return acknowledgePolicy(db, user, input);
      }, () => `${here}#ally-policy`);
    requireProgram(user, coalitionId, members, "program.manage", context);
    switch (values.intent) {
      case "split":
        runSplit(db, user, { coalitionId, programId });
        return redirect(here);
      case "material":
        return submit("material", materialForm, values, (input) => addMaterial(db, user, coalitionId, programId, input), () => `${here}#materials`);
      case "update":
        return submit("update", programForm, values, (input) => updateProgram(db, user, { coalitionId, programId, ...input }), () => here);
      default:
        return invalid("update", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>();
  const { program, goals, split, kind, canManage, mine, results, upcoming, materials } = data;
  const actionData = useActionData<typeof action>();
  const update = useActionForm(programFields, { intent: "update", actionData, defaultValue: programDefaults(program, goals) });
  const material = useActionForm(materialForm, { intent: "material", actionData });
  return (
    <>
      <ProgramHeader head={data} />
      <AllyPolicies allies={data.allyPolicies} />

      <ProgramResults results={results} />

      {data.eventLinks.length ? (
        <section className="card" aria-labelledby="event-links-title">
          <h2 id="event-links-title">Public event page</h2>
          <p className="hint">The program&apos;s upcoming published shifts as timeslots, for volunteers with no account. Each affiliate&apos;s link credits the volunteers it brings to that affiliate; the plain link credits each shift&apos;s host.</p>
          <ul className="plain-list">
            {data.eventLinks.map((l) => (
              <li key={l.token}>
                <span>{l.name}</span>
                <br />
                <a className="copy-link" href={`/e/${l.token}`}>{`${data.origin}/e/${l.token}`}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="split">
        <h2 id="split">The split</h2>
        <p className="hint">
          Each unit goes to one affiliate whose coverage contains it, in proportion to the hours pledged for its kind of work (walk packets: doorknocking, call lists: phonebanks, text lists: textbanks). Locked units stay where
          they are.
        </p>
        {split.stale ? (
          <p className="notice warn" role="note" data-testid="split-stale">
            The split is out of date{split.summary.staleReason ? ` (${split.summary.staleReason})` : ""}: re-split to bring it up to date.{" "}
            {canManage ? "" : "A facilitator or member representative can re-split."}
          </p>
        ) : null}
        {split.summary.totalUnits > 0 ? (
          <p>
            {split.summary.totalUnits.toLocaleString("en-US")} units: {split.summary.assigned.toLocaleString("en-US")} assigned
            {split.summary.locked ? `, ${split.summary.locked.toLocaleString("en-US")} locked` : ""}, {split.summary.uncovered.toLocaleString("en-US")} nobody covers.
          </p>
        ) : null}
        {split.own.length > 0 ? (
          <>
            <h3>Your affiliate's share</h3>
            <SplitTable shares={split.own} totalUnits={split.summary.totalUnits} highlight={mine} caption="Your affiliate's share of the turf against its pledge" />
          </>
        ) : null}
        <h3>Every affiliate's share</h3>
        {split.summary.shares > 0 ? (
          <form method="get" className="filters">
            <FilterSelect name="kind" label="Kind of unit" value={kind} allLabel="All kinds" options={TURF_KINDS.map((k) => ({ value: k, label: TURF_KIND_LABELS[k] }))} />
            <button type="submit" className="secondary">
              Show
            </button>
          </form>
        ) : null}
        <SplitChart shares={split.shares} />
        <SplitTable shares={split.shares} totalUnits={split.summary.totalUnits} highlight={mine} />
        <Pager prev={split.prev} next={split.next} total={split.total} shown={split.shares.length} noun="shares" />
        {mine.length > 0 ? (
          <p>
            <Link to={`/tables/${data.coalitionId}/programs/${program.id}/turf?holder=${mine[0]}`}>Your affiliate's units</Link>
          </p>
        ) : null}
        {split.summary.unpledged > 0 ? (
          <p className="hint">{split.summary.unpledged.toLocaleString("en-US")} unit(s) are covered only by affiliates that pledged nothing for that work, so they were shared among those affiliates evenly.</p>
        ) : null}
        <h3>Units nobody covers</h3>
        <UncoveredUnits units={split.uncovered} total={split.summary.uncovered} href={`/tables/${data.coalitionId}/programs/${program.id}/turf?uncovered=1`} />
        {canManage ? (
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="split" />
            <Submit intent="split" pendingText="Splitting…" className="secondary">
              Re-split now (keeps locks)
            </Submit>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="materials-h" id="materials">
        <h2 id="materials-h">Scripts and materials</h2>
        {materials.withheldNotice ? (
          <p className="notice warn" role="note" data-testid="withheld-notice">
            {materials.withheldNotice}
          </p>
        ) : null}
        {materials.materials.length === 0 ? <p className="empty">No scripts or materials yet.</p> : null}
        {materials.materials.map((m) => (
          <article key={m.id} className="card">
            <h3>
              {MATERIAL_KIND_LABELS[m.kind]}: {m.title}
            </h3>
            <div className="policy-body">{m.body}</div>
            <p className="muted">
              Source: {m.sourceKind}
              {m.sourceUrl ? (
                <>
                  {" "}
                  — <a href={m.sourceUrl}>{m.sourceUrl}</a>
                </>
              ) : null}
            </p>
          </article>
        ))}
        {canManage ? (
          <details className="card" open={!!material.state}>
            <summary>Add a script or material</summary>
            <ConformForm form={material.form} intent="material" className="stack" aria-label="Add a script or material">
              <Choice field={material.fields.kind} label="What it is" options={Object.entries(MATERIAL_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
              <Input field={material.fields.title} label="Title" />
              <Textarea field={material.fields.body} label="Text" rows={6} />
              <Choice
                field={material.fields.sourceKind}
                label="Where it came from"
                placeholder="Choose"
                hint="Material from the campaign is never attached to independent-side work (rules F2, F7)."
                options={[
                  { value: "research", label: "Our own research or writing" },
                  { value: "public", label: "Public source" },
                  { value: "campaign", label: "The campaign" },
                ]}
              />
              <Input field={material.fields.sourceUrl} label="Source URL (public sources)" />
              <Input field={material.fields.capturedAt} label="Date captured (public sources)" type="date" />
              <FormErrors form={material.form} />
              <Submit intent="material">Add</Submit>
            </ConformForm>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="upcoming">
        <h2 id="upcoming">Upcoming shifts</h2>
        <UpcomingShifts shifts={upcoming} coalitionId={data.coalitionId} empty="No shifts scheduled yet." />
        <p>
          <Link to={`/tables/${data.coalitionId}/programs/${program.id}/shifts`}>All shifts, and schedule one</Link>
        </p>
      </section>

      {canManage ? (
        <details className="card" open={!!update.state}>
          <summary>Edit the program</summary>
          <ConformForm form={update.form} intent="update" className="stack">
            <FormErrors form={update.form} />
            <ProgramFields fields={update.fields} />
            <Submit intent="update">Save program</Submit>
          </ConformForm>
        </details>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
