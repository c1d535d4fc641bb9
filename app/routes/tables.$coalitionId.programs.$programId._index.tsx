import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SplitChart } from "~/components/charts/split-chart";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, FormError, Submit, stateFor } from "~/components/form";
import { ProgramFields } from "~/components/program-fields";
import { ProgramHeader } from "~/components/program-nav";
import { SplitTable, UncoveredUnits } from "~/components/split-table";
import { GOAL_UNITS, programForm, WORK_TYPE_LABELS } from "~/domain/field-forms";
import { can } from "~/domain/permissions";
import { updateProgram } from "~/models/programs.server";
import { getSplitView, runSplit } from "~/models/turf.server";
import { requireProgram, programAccess } from "~/utils/program-access.server";
import { handle, invalid, readForm, redirect, submit } from "~/utils/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail, members, db } = await programAccess({ params, request, context });
    const split = getSplitView(db, coalitionId, programId);
    return {
      coalitionId,
      ...detail,
      split: { totalUnits: split.totalUnits, shares: split.shares, uncovered: split.uncovered, unassigned: split.unassigned, unpledged: split.unpledged, stale: split.stale },
      canManage: can(user, { action: "program.manage", coalitionId, memberPartnerIds: members }).ok,
      mine: user.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId !== null).map((g) => g.affiliateId!),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, members, db } = await programAccess({ params, request, context });
    requireProgram(user, coalitionId, members, "program.manage", context);
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/programs/${programId}`;
    switch (values.intent) {
      case "split":
        runSplit(db, user, coalitionId, programId);
        return redirect(here);
      case "update":
        return submit("update", programForm, values, (input) => updateProgram(db, user, coalitionId, programId, input), () => here);
      default:
        return invalid("update", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>();
  const { program, goals, split, canManage, mine } = data;
  const actionData = useActionData<typeof action>();
  const updateState = stateFor(actionData, "update");
  return (
    <>
      <ProgramHeader head={data} />

      <section aria-labelledby="goals">
        <h2 id="goals">Goals</h2>
        {goals.length === 0 ? (
          <p className="empty">No goals set.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Work</th>
                  <th scope="col">Goal</th>
                  {/* SLOT(results): the results engineer adds a "Done" column (results against the goal) here. */}
                </tr>
              </thead>
              <tbody>
                {goals.map((g) => (
                  <tr key={g.workType} data-work-type={g.workType}>
                    <td>{WORK_TYPE_LABELS[g.workType]}</td>
                    <td>
                      {g.target.toLocaleString("en-US")} {GOAL_UNITS[g.workType]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="progress" data-slot="results-chart">
        <h2 id="progress">Progress</h2>
        {/* SLOT(results-chart): a recharts chart of results per day and per affiliate goes here. */}
        <p className="empty">Results appear here once shifts report them.</p>
      </section>

      <section aria-labelledby="split">
        <h2 id="split">The split</h2>
        <p className="hint">
          Each unit goes to one affiliate whose coverage contains it, in proportion to the hours pledged for its kind of work (walk packets: doorknocking, call lists: phonebanks, text lists: textbanks). Locked units stay where
          they are.
        </p>
        {split.stale ? (
          <p className="notice warn" role="note">
            Pledges, coverage or units changed since the last split{split.unassigned ? `; ${split.unassigned} unit(s) are not assigned yet` : ""}. {canManage ? "Re-split to bring it up to date." : "A facilitator or member representative can re-split."}
          </p>
        ) : null}
        <SplitChart shares={split.shares} />
        <SplitTable shares={split.shares} totalUnits={split.totalUnits} highlight={mine} />
        {mine.length > 0 ? (
          <p>
            <Link to={`/tables/${data.coalitionId}/programs/${program.id}/turf?affiliate=${mine[0]}`}>Your affiliate's units</Link>
          </p>
        ) : null}
        {split.unpledged > 0 ? (
          <p className="hint">{split.unpledged} unit(s) are covered only by affiliates that pledged nothing for that work, so they were shared among those affiliates evenly.</p>
        ) : null}
        <h3>Units nobody covers</h3>
        <UncoveredUnits units={split.uncovered} />
        {canManage ? (
          <ActionForm intent="split" className="actions">
            <Submit intent="split" pendingText="Splitting…" className="secondary">
              Re-split now (keeps locks)
            </Submit>
          </ActionForm>
        ) : null}
      </section>

      <section aria-labelledby="upcoming" data-slot="upcoming-shifts">
        <h2 id="upcoming">Upcoming shifts</h2>
        {/* SLOT(upcoming-shifts): the shifts engineer lists the program's next shifts here. */}
        <p className="empty">No shifts scheduled yet.</p>
      </section>

      {canManage ? (
        <details className="card">
          <summary>Edit the program</summary>
          <ActionForm intent="update" className="stack">
            <FormError state={updateState} />
            <ProgramFields state={updateState} defaults={{ ...program, goals }} />
            <Submit intent="update">Save program</Submit>
          </ActionForm>
        </details>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
