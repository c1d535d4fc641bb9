import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConcernList } from "~/components/concerns";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/form";
import { Pager } from "~/components/pager";
import { CONCERN_STALE_DAYS } from "~/domain/concerns";
import { pageSize, readCursor } from "~/domain/keyset";
import { can } from "~/domain/permissions";
import { CONCERN_STATUSES, type ConcernStatus } from "~/domain/vocabulary";
import { listConcerns } from "~/models/concerns.server";
import { requireUser, tableAccess } from "~/server/guards/auth.server";
import { ANSWER_INTENT, submitAnswer } from "~/server/guards/concern-action.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, readForm } from "~/server/http.server";

const STATUS_LABELS: Record<ConcernStatus, string> = { open: "Open", answered: "Answered" };

/** Every concern members raised at this table (issue 17), newest first, by status; the facilitator answers them here too. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const url = new URL(request.url);
    const raw = url.searchParams.get("status");
    const status = (CONCERN_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as ConcernStatus) : null;
    const page = listConcerns(db, user, { coalitionId, status, cursor: readCursor(url), limit: pageSize(url) });
    return { coalitionId, status, page, canAnswer: can(user, { action: "table.manage", coalitionId }).ok };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const user = await requireUser(request, db);
    const values = await readForm(request);
    const back = `/tables/${coalitionId}/concerns${new URL(request.url).search}`;
    if (values.intent === ANSWER_INTENT) return submitAnswer(db, user, coalitionId, values, back, context);
    return invalid(values.intent ?? "", { _form: "This form could not be understood. Reload the page and try again." }, values);
  });
}

export default function Concerns() {
  const { coalitionId, status, page, canAnswer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Members' concerns</h1>
      <p className="hint">
        A member raises a concern where it applies (a candidate, a sub-table, its agreement, a meeting's decision), in writing with its reason. It blocks nothing, goes onto the
        next meeting's agenda by itself, and is answered once the table has discussed it. The health page counts those open longer than {CONCERN_STALE_DAYS} days.
      </p>
      <Form method="get" className="filters" aria-label="Filter concerns">
        <FilterSelect name="status" label="Status" value={status} allLabel="Open and answered" options={CONCERN_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <section aria-labelledby="concerns">
        <h2 id="concerns">{status ? STATUS_LABELS[status] : "All"} concerns</h2>
        <ConcernList base={`/tables/${coalitionId}`} rows={page.rows} withheld={page.withheld} canAnswer={canAnswer} actionData={actionData} highlight={null} empty="No concern matches." />
      </section>
      <Pager prev={page.prev} next={page.next} total={page.total} shown={page.rows.length} noun="concerns" label="Pages of concerns" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
