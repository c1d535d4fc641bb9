import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import { stanceForm, type FormValues } from "~/domain/forms";
import { can, type Principal } from "~/domain/permissions";
import { recordStance } from "~/models/endorsements.server";
import { requirePermission } from "./auth.server";
import { invalid, parse, refused } from "~/server/http.server";

export const STANCE_INTENT = "stance";

/**
 * Shared by every page that records a stance (the matrix cell, the candidate profile):
 * parses the form, checks that this person may record this partner's (or affiliate's)
 * stance, records it, and says what happened to the sub-table. `page`: the form's page, where a
 * rule F6 refusal comes back to (with what was typed) once the policy is acknowledged.
 */
export function submitStance(db: Db, user: Principal, coalitionId: number, values: FormValues, context?: AppLoadContext, now = new Date(), page?: Request | string) {
  const parsed = parse(stanceForm, values);
  if (!parsed.ok) return { ok: false as const, response: invalid(STANCE_INTENT, parsed.errors, parsed.values) };
  const { partnerId, affiliateId, notePrivate } = parsed.data;
  requirePermission(user, { action: "stance.record", coalitionId, partnerId, affiliateId }, context, db);
  if (notePrivate && !can(user, { action: "stance.private", partnerId }).ok) {
    return {
      ok: false as const,
      response: invalid(STANCE_INTENT, { notePrivate: "Only the partner's own people can mark a note private." }, values),
    };
  }
  const result = recordStance(db, user, coalitionId, parsed.data, now);
  if (!result.ok) return { ok: false as const, response: refused(STANCE_INTENT, result, values, result.rule ? 403 : 400, page) };
  const params = new URLSearchParams({ recorded: String(result.event.id) });
  if (result.subTable.kind !== "none" && result.subTable.subCoalitionId) {
    params.set("subtable", result.subTable.kind);
    params.set("sub", String(result.subTable.subCoalitionId));
  }
  return { ok: true as const, params, result };
}
