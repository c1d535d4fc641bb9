import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { stanceForm } from "~/domain/forms";
import { recordStance } from "~/models/endorsements.server";
import { invalid, parse, refused } from "./http.server";
import type { FormValues } from "~/domain/forms";

export const STANCE_INTENT = "stance";

/**
 * Shared by every page that records a stance (the matrix cell, the candidate profile):
 * parses the form, records it, and says what happened to the sub-table.
 */
export function submitStance(db: Db, actor: Actor, coalitionId: number, values: FormValues, now = new Date()) {
  const parsed = parse(stanceForm, values);
  if (!parsed.ok) return { ok: false as const, response: invalid(STANCE_INTENT, parsed.errors, parsed.values) };
  const result = recordStance(db, actor, coalitionId, parsed.data, now);
  if (!result.ok) return { ok: false as const, response: refused(STANCE_INTENT, result, values, result.rule ? 403 : 400) };
  const params = new URLSearchParams({ recorded: String(result.event.id) });
  if (result.subTable.kind !== "none" && result.subTable.subCoalitionId) {
    params.set("subtable", result.subTable.kind);
    params.set("sub", String(result.subTable.subCoalitionId));
  }
  return { ok: true as const, params, result };
}
