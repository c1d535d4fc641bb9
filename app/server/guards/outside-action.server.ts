import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import type { FormValues } from "~/domain/forms";
import { outsideSupportEditForm, outsideSupportForm, outsideSupportRemoveForm } from "~/domain/outside-support";
import { can, partnersOf, type Principal } from "~/domain/permissions";
import { addOutsideSupport, getOutsideSupport, removeOutsideSupport, updateOutsideSupport } from "~/models/outside-support.server";
import { today } from "~/server/clock.server";
import { invalid, parse, redirect, refused } from "~/server/http.server";
import { requirePermission } from "./auth.server";

export const OUTSIDE_INTENTS = ["outside-add", "outside-edit", "outside-remove"] as const;

/**
 * The candidate page's outside support (issue 17): add (`outside.add`: the facilitator or a
 * seated member's representative, who adds for one of its own partners), change or remove
 * (`outside.edit`: the one who added it or the facilitator). Bad input comes back next to the
 * field with what was typed; an unknown endorsement is a 404.
 */
export function submitOutside(db: Db, user: Principal, where: { coalitionId: number; candidateId: number }, values: FormValues & { intent?: string }, back: string, context?: AppLoadContext, now = new Date()) {
  const { coalitionId } = where;
  requirePermission(user, { action: "outside.add", coalitionId }, context, db);
  switch (values.intent) {
    case "outside-add": {
      const parsed = parse(outsideSupportForm, values);
      if (!parsed.ok) return invalid("outside-add", parsed.errors, parsed.values);
      // a representative adds for one of its own seated partners (the only one, when it has one); neutral staff for none
      const neutral = can(user, { action: "table.manage", coalitionId }).ok;
      const own = partnersOf(user).filter((partnerId) => can(user, { action: "capacity.keep", coalitionId, partnerId }).ok);
      const partnerId = neutral ? null : (parsed.data.partnerId ?? (own.length === 1 ? own[0] : null));
      if (!neutral && (partnerId === null || !own.includes(partnerId))) return invalid("outside-add", { partnerId: "Choose the partner you are adding it for." }, values);
      const result = addOutsideSupport(db, user, { ...where, ...parsed.data, partnerId, today: today() }, now);
      if (!result.ok) return refused("outside-add", result, values, 400, back);
      return redirect(`${back}#outside-${result.support.id}`);
    }
    case "outside-edit": {
      const parsed = parse(outsideSupportEditForm, values);
      if (!parsed.ok) return invalid("outside-edit", parsed.errors, parsed.values);
      const row = getOutsideSupport(db, user, { ...where, outsideId: parsed.data.outsideId });
      requirePermission(user, { action: "outside.edit", coalitionId, addedBy: row.addedBy }, context, db);
      const result = updateOutsideSupport(db, user, { ...where, ...parsed.data, today: today() }, now);
      if (!result.ok) return refused("outside-edit", result, values, 400, back);
      return redirect(`${back}#outside-${row.id}`);
    }
    default: {
      const parsed = parse(outsideSupportRemoveForm, values);
      if (!parsed.ok) return invalid("outside-remove", { _form: parsed.errors.outsideId }, values);
      const row = getOutsideSupport(db, user, { ...where, outsideId: parsed.data.outsideId });
      requirePermission(user, { action: "outside.edit", coalitionId, addedBy: row.addedBy }, context, db);
      const result = removeOutsideSupport(db, user, { ...where, outsideId: row.id }, now);
      if (!result.ok) return refused("outside-remove", result, values, 400, back);
      return redirect(`${back}#outside-support`);
    }
  }
}
