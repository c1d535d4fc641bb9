import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FirewallLengthsSummary } from "~/components/firewall-lengths";
import { Choice, ConformForm, FormErrors, Input, Submit, Textarea, useActionForm } from "~/components/form";
import { FEDERAL_LENGTHS, LOOKBACK_DAYS_MAX, WINDOW_DAYS_MAX, lengthsForm } from "~/domain/firewall-lengths";
import { setTableLengths, tableLengths } from "~/models/firewall-lengths.server";
import { isSeated, listPartners } from "~/models/partners.server";
import { counselPartners } from "~/server/guards/audit-access.server";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, parse, readForm, redirect, refused } from "~/server/http.server";

/**
 * The firewall by level (issue 13): the table's content window (F8) and lookback (F4, F5).
 * Everyone at the table reads them and where they come from; a seated member's counsel sets them.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const mine = counselPartners(user);
    const members = mine.length ? listPartners(db, user, { coalitionId }).filter((p) => mine.includes(p.id)) : [];
    return {
      coalitionId,
      lengths: tableLengths(db, user, { coalitionId }),
      members: members.map((p) => ({ value: String(p.id), label: p.name })),
      saved: new URL(request.url).searchParams.has("saved"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const values = await readForm(request);
    const parsed = parse(lengthsForm, values);
    if (!parsed.ok) return invalid("lengths", parsed.errors, parsed.values);
    // counsel of a member seated at this table, and only that (not the facilitator, not the admin)
    const partnerId = isSeated(db, user, { coalitionId, partnerId: parsed.data.partnerId }) ? parsed.data.partnerId : 0;
    requirePermission(user, { action: "firewall.manage", partnerId }, context);
    const result = setTableLengths(db, user, { coalitionId, ...parsed.data });
    if (!result.ok) return refused("lengths", result, values);
    return redirect(`/tables/${coalitionId}/firewall/lengths?saved`);
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function LengthsForm({ lengths, members }: Pick<Data, "lengths" | "members">) {
  const { form, fields } = useActionForm(lengthsForm, {
    intent: "lengths",
    actionData: useActionData<typeof action>(),
    defaultValue: { partnerId: members[0]?.value, windowDays: String(lengths.windowDays), lookbackDays: String(lengths.lookbackDays), basisNote: lengths.stored?.basisNote ?? "" },
  });
  const federal = lengths.level === "federal";
  return (
    <ConformForm form={form} intent="lengths" className="stack card" aria-labelledby="set-lengths">
      <h2 id="set-lengths" style={{ marginTop: 0 }}>Set the lengths</h2>
      <FormErrors form={form} />
      {members.length > 1 ? (
        <Choice field={fields.partnerId} label="Setting them as counsel of" options={members} />
      ) : (
        <input type="hidden" name={fields.partnerId.name} value={members[0]?.value ?? ""} />
      )}
      <Input
        field={fields.windowDays}
        label="Content window (days before each election)"
        type="number"
        inputMode="numeric"
        hint={federal ? `Rule F8. The federal rule is ${FEDERAL_LENGTHS.windowDays} days for House candidates; a federal table may lengthen it, not shorten it.` : `Rule F8. 1 to ${WINDOW_DAYS_MAX} days, as the state's law reads.`}
      />
      <Input
        field={fields.lookbackDays}
        label="Lookback (days after the last service)"
        type="number"
        inputMode="numeric"
        hint={federal ? `Rules F4 and F5. The federal rule is ${FEDERAL_LENGTHS.lookbackDays} days; a federal table may lengthen it, not shorten it.` : `Rules F4 and F5. 1 to ${LOOKBACK_DAYS_MAX} days, as the state's law reads.`}
      />
      <Textarea field={fields.basisNote} label="What they rest on (optional)" hint="The statute, regulation or opinion: shown on the firewall page and written to the audit log." rows={2} />
      <div className="actions">
        <Submit intent="lengths">Save the lengths</Submit>
      </div>
    </ConformForm>
  );
}

export default function FirewallLengths() {
  const { coalitionId, lengths, members, saved } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Window and lookback</h1>
      {saved ? (
        <p className="notice ok" role="status">
          Saved. The change is in the audit log.
        </p>
      ) : null}
      <FirewallLengthsSummary lengths={lengths} />
      <p className="hint">
        The window and the lookback apply to every race of this table: each race page lists its content windows, the wall roster and the check
        that places a person on field work count walls with the lookback, and vendors (F5) need their own policy within it. Not legal advice.
      </p>
      {members.length > 0 ? (
        <LengthsForm lengths={lengths} members={members} />
      ) : (
        <p className="hint">Only a member's compliance counsel sets these lengths.</p>
      )}
      <p>
        <Link to={`/tables/${coalitionId}/firewall`}>Back to the firewall</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
