import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import { answerConcernForm, concernForm, readAbout } from "~/domain/concerns";
import type { FormValues } from "~/domain/forms";
import type { Principal } from "~/domain/permissions";
import { answerConcern, raiseConcern } from "~/models/concerns.server";
import { noticeGiveForm } from "~/domain/notices";
import { giveNotice } from "~/models/notices.server";
import { requirePermission } from "./auth.server";
import { invalid, parse, redirect, refused } from "~/server/http.server";

export const CONCERN_INTENT = "concern";
export const ANSWER_INTENT = "answer-concern";
export const NOTICE_INTENT = "notice";

/**
 * Shared by every page where a concern can be raised (a candidate's, a sub-table's): parses
 * the form, checks this person speaks for the partner raising it (`concern.raise`), raises it,
 * and goes back to `back` with the concern's anchor.
 */
export function submitConcern(db: Db, user: Principal, coalitionId: number, values: FormValues, back: string, context?: AppLoadContext, now = new Date()) {
  const parsed = parse(concernForm, values);
  if (!parsed.ok) return invalid(CONCERN_INTENT, parsed.errors, parsed.values);
  requirePermission(user, { action: "concern.raise", coalitionId, partnerId: parsed.data.partnerId }, context, db);
  const result = raiseConcern(db, user, { ...parsed.data, coalitionId, about: readAbout(parsed.data.about)! }, now);
  if (!result.ok) return refused(CONCERN_INTENT, result, values);
  return redirect(`${back}${back.includes("?") ? "&" : "?"}concern=${result.concern.id}${result.meetingId ? `&meeting=${result.meetingId}` : ""}#concerns`);
}

/** The facilitator marks a concern answered once the table has discussed it (table.manage). */
export function submitAnswer(db: Db, user: Principal, coalitionId: number, values: FormValues, back: string, context?: AppLoadContext, now = new Date()) {
  requirePermission(user, { action: "table.manage", coalitionId }, context, db);
  const parsed = parse(answerConcernForm, values);
  if (!parsed.ok) return invalid(ANSWER_INTENT, parsed.errors, parsed.values);
  const result = answerConcern(db, user, { coalitionId, ...parsed.data }, now);
  if (!result.ok) return refused(ANSWER_INTENT, result, values);
  return redirect(`${back}#concerns`);
}


/** A member's representative tells its sub-table in advance what it will do outside it (`notice.give`; the model checks membership). */
export function submitNotice(db: Db, user: Principal, coalitionId: number, subCoalitionId: number, values: FormValues, back: string, context?: AppLoadContext, now = new Date()) {
  const parsed = parse(noticeGiveForm, values);
  if (!parsed.ok) return invalid(NOTICE_INTENT, parsed.errors, parsed.values);
  requirePermission(user, { action: "notice.give", coalitionId, partnerId: parsed.data.partnerId }, context, db);
  const result = giveNotice(db, user, { ...parsed.data, coalitionId, subCoalitionId }, now);
  if (!result.ok) return refused(NOTICE_INTENT, result, values);
  return redirect(`${back}?notice=${result.notice.id}#notices`);
}
