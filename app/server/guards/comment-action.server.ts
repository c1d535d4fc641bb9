import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";
import type { FormValues } from "~/domain/forms";
import type { Principal } from "~/domain/permissions";
import { commentForm, deleteCommentForm, editCommentForm } from "~/domain/proposals";
import { addComment, commentOf, deleteComment, editComment, type CommentOn } from "~/models/comments.server";
import { requirePermission } from "./auth.server";
import { invalid, parse, redirect, refused } from "~/server/http.server";

export const COMMENT_INTENT = "comment";
export const EDIT_COMMENT_INTENT = "edit-comment";
export const DELETE_COMMENT_INTENT = "delete-comment";
export const COMMENT_INTENTS: readonly string[] = [COMMENT_INTENT, EDIT_COMMENT_INTENT, DELETE_COMMENT_INTENT];

/**
 * Shared by the pages that carry comments (a candidate's, a sub-table's): writing one (`comment.write`
 * for the member spoken for, or as neutral staff), and its author's edit or delete (`comment.own`).
 * Each goes back to `back` at the comments.
 */
export function submitCommentAction(db: Db, user: Principal, coalitionId: number, on: CommentOn, values: FormValues, back: string, context?: AppLoadContext, now = new Date()) {
  if (values.intent === COMMENT_INTENT) {
    const parsed = parse(commentForm, values);
    if (!parsed.ok) return invalid(COMMENT_INTENT, parsed.errors, parsed.values);
    requirePermission(user, { action: "comment.write", coalitionId, partnerId: parsed.data.partnerId }, context, db);
    const r = addComment(db, user, { coalitionId, on, ...parsed.data }, now);
    return r.ok ? redirect(`${back}#comment-${r.comment.id}`) : refused(COMMENT_INTENT, r, values);
  }
  const id = parse(deleteCommentForm, values);
  if (!id.ok) return invalid(values.intent as string, id.errors, id.values);
  const comment = commentOf(db, user, { coalitionId, commentId: id.data.commentId });
  requirePermission(user, { action: "comment.own", coalitionId, authorId: comment.authorId }, context, db);
  if (values.intent === EDIT_COMMENT_INTENT) {
    const parsed = parse(editCommentForm, values);
    if (!parsed.ok) return invalid(EDIT_COMMENT_INTENT, parsed.errors, parsed.values);
    const r = editComment(db, user, { coalitionId, ...parsed.data }, now);
    return r.ok ? redirect(`${back}#comment-${comment.id}`) : refused(EDIT_COMMENT_INTENT, r, values);
  }
  const r = deleteComment(db, user, { coalitionId, commentId: comment.id }, now);
  return r.ok ? redirect(`${back}#comments`) : refused(DELETE_COMMENT_INTENT, r, values);
}
