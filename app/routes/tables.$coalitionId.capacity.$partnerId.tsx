import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CapacityForm, CapacityList, type CapacityView } from "~/components/capacity";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { stateFor } from "~/components/form";
import { capacityItemForm, capacityRemoveForm } from "~/domain/capacity";
import { can, partnersOf } from "~/domain/permissions";
import { addCapacityItem, getCapacityItem, listCapacity, removeCapacityItem, updateCapacityItem } from "~/models/capacity.server";
import { partnerAtTable } from "~/models/partners.server";
import { requirePermission, requireUser, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, idParam, invalid, parse, readForm, redirect, submit } from "~/server/http.server";

/** A partner's capacity and red lines (issue 17): each reader sees the items it may; its representative keeps them. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const partner = partnerAtTable(db, user, { coalitionId, partnerId: idParam(params, "partnerId", "Partner") });
    const items = listCapacity(db, user, { coalitionId, partnerId: partner.id });
    const canEdit = can(user, { action: "capacity.keep", coalitionId, partnerId: partner.id }).ok;
    const editId = Number(new URL(request.url).searchParams.get("edit"));
    const view = (i: (typeof items)[number]): CapacityView => ({ id: i.id, kind: i.kind, state: i.state, amount: i.amount, capability: i.capability, detail: i.detail, readers: i.readers });
    return {
      coalitionId,
      partner: { id: partner.id, name: partner.name, shortName: partner.shortName },
      items: items.map(view),
      canEdit,
      own: partnersOf(user).includes(partner.id),
      editing: canEdit ? (items.map(view).find((i) => i.id === editId) ?? null) : null,
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const partnerId = idParam(params, "partnerId", "Partner");
    const user = await requireUser(request, db);
    requirePermission(user, { action: "capacity.keep", coalitionId, partnerId }, context, db);
    partnerAtTable(db, user, { coalitionId, partnerId });
    const values = await readForm(request);
    const here = `/tables/${coalitionId}/capacity/${partnerId}`;
    switch (values.intent) {
      case "add":
        return submit("add", capacityItemForm, values, (d) => addCapacityItem(db, user, { ...d, partnerId }), (r) => `${here}#item-${r.item.id}`);
      case "edit": {
        const id = parse(capacityRemoveForm, values);
        if (!id.ok) return invalid("edit", { _form: id.errors.itemId }, values);
        getCapacityItem(db, user, { partnerId, itemId: id.data.itemId });
        return submit("edit", capacityItemForm, values, (d) => updateCapacityItem(db, user, { ...d, partnerId, itemId: id.data.itemId }), (r) => `${here}#item-${r.item.id}`);
      }
      case "remove": {
        const id = parse(capacityRemoveForm, values);
        if (!id.ok) return invalid("remove", { _form: id.errors.itemId }, values);
        removeCapacityItem(db, user, { partnerId, itemId: id.data.itemId });
        return redirect(`${here}#items`);
      }
      default:
        return invalid(values.intent ?? "", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

export default function PartnerCapacity() {
  const { coalitionId, partner, items, canEdit, own, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const removeState = stateFor(actionData, "remove");
  const removeError = removeState?.errors ? Object.values(removeState.errors)[0] : null;
  const brings = items.filter((i) => i.kind !== "red_line");
  const lines = items.filter((i) => i.kind === "red_line");
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/partners/${partner.id}`}>{partner.name}</Link>
      </p>
      <h1>{partner.shortName}'s capacity and red lines</h1>
      <p className="hint">
        What {partner.shortName} brings to the table's joint work and what it will not do. Each item says who may read it: the whole table, the facilitator only, or{" "}
        {partner.shortName}'s own people.{own ? "" : ` You see what ${partner.shortName} shares with you.`}
      </p>
      {removeError ? (
        <p className="form-error" role="alert">
          {removeError}
        </p>
      ) : null}
      <section aria-labelledby="items">
        <h2 id="items">What it brings</h2>
        <CapacityList items={brings} canEdit={canEdit} label={`What ${partner.shortName} brings`} empty={canEdit ? "Nothing recorded yet: add members, volunteers, organizers, the states where you are strong and what you can do." : "Nothing shared with you yet."} />
      </section>
      <section aria-labelledby="red-lines">
        <h2 id="red-lines">Red lines</h2>
        <CapacityList items={lines} canEdit={canEdit} label={`${partner.shortName}'s red lines`} empty={canEdit ? "No red line recorded." : "No red line shared with you."} />
      </section>
      {canEdit ? <CapacityForm key={editing?.id ?? "new"} editing={editing} actionData={actionData} /> : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
