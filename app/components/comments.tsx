import { Form } from "@remix-run/react";
import { formatDate } from "~/domain/dates";
import { withheldNotice } from "~/domain/firewall";
import { commentForm, editCommentForm, type CommentView } from "~/domain/proposals";
import { SourceBadge } from "./badges";
import { Choice, ConformForm, FormErrors, Submit, Textarea, useActionForm } from "./form";
import { Pager } from "./pager";
import { SourceFields } from "./source-fields";


type Page = { rows: readonly CommentView[]; total: number; withheld: number; next: string | null; prev: string | null; hidden: boolean };

/** A page's comments (paged apart, `comments=`): newest first with their source, the author's own edit and delete, and the form to add one. */
export function CommentsSection(props: { comments: Page; me: number; voices: { partners: readonly { id: number; shortName: string }[]; asStaff: boolean }; actionData: unknown; hint: string }) {
  const { comments } = props;
  if (comments.hidden) return null;
  const notice = withheldNotice(comments.withheld);
  const mayWrite = props.voices.partners.length > 0 || props.voices.asStaff;
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">Comments</h2>
      <p className="hint">{props.hint}</p>
      {notice ? <p className="notice warn">{notice.replace(/notes?/, (w) => (w === "note" ? "comment" : "comments"))}</p> : null}
      {comments.rows.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ul className="history card">
          {comments.rows.map((c) => (
            <li key={c.id} id={`comment-${c.id}`}>
              <p className="prewrap">{c.body}</p>
              <p className="muted">
                {c.authorName}
                {c.partnerShortName ? ` (${c.partnerShortName})` : " (neutral staff)"} · {formatDate(c.createdAt.slice(0, 10))}
                {c.editedAt ? " · edited" : ""} <SourceBadge kind={c.sourceKind} />
                {c.sourceUrl ? (
                  <>
                    {" "}
                    <a href={c.sourceUrl}>source</a>
                  </>
                ) : null}
              </p>
              {c.authorId === props.me ? <OwnComment comment={c} actionData={props.actionData} /> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager prev={comments.prev} next={comments.next} total={comments.total} shown={comments.rows.length} noun="comments" param="comments" label="Pages of comments" />
      {mayWrite ? <AddComment voices={props.voices} actionData={props.actionData} /> : null}
    </section>
  );
}

function AddComment(props: { voices: { partners: readonly { id: number; shortName: string }[]; asStaff: boolean }; actionData: unknown }) {
  const { partners, asStaff } = props.voices;
  const only = !asStaff && partners.length === 1 ? partners[0] : null;
  const { form, fields } = useActionForm(commentForm, { intent: "comment", actionData: props.actionData, clearOnSave: true, defaultValue: { partnerId: only?.id ?? "", sourceKind: "research" } });
  const options = [...(asStaff ? [{ value: "", label: "Neutral staff (no partner)" }] : []), ...partners.map((p) => ({ value: p.id, label: p.shortName }))];
  return (
    <div className="card">
      <h3 id="add-comment">Add a comment</h3>
      <ConformForm form={form} intent="comment" className="stack" aria-labelledby="add-comment">
        <FormErrors form={form} />
        {only ? <input type="hidden" name={fields.partnerId.name} value={only.id} /> : asStaff && partners.length === 0 ? null : <Choice field={fields.partnerId} label="Comment for" options={options} />}
        <Textarea field={fields.body} label="Comment" rows={3} />
        <SourceFields kind={fields.sourceKind} url={fields.sourceUrl} capturedAt={fields.capturedAt} hint="What a campaign said is withheld from independent-side members (rule F2)." legend="Where it came from" />
        <div className="actions">
          <Submit intent="comment">Add comment</Submit>
        </div>
      </ConformForm>
    </div>
  );
}

function OwnComment({ comment, actionData }: { comment: CommentView; actionData: unknown }) {
  const mine = actionData && typeof actionData === "object" && (actionData as { values?: Record<string, unknown> }).values?.commentId === String(comment.id) ? actionData : undefined;
  const { form, fields } = useActionForm(editCommentForm, { intent: "edit-comment", id: `edit-comment-${comment.id}`, actionData: mine, defaultValue: { ...comment, commentId: comment.id } });
  return (
    <div className="row-actions">
      <details>
        <summary>Edit</summary>
        <ConformForm form={form} intent="edit-comment" className="stack" aria-label="Edit your comment">
          <input type="hidden" name={fields.commentId.name} value={comment.id} />
          <FormErrors form={form} />
          <Textarea field={fields.body} label="Comment" rows={3} />
          <SourceFields kind={fields.sourceKind} url={fields.sourceUrl} capturedAt={fields.capturedAt} hint="What a campaign said is withheld from independent-side members (rule F2)." legend="Where it came from" />
          <div className="actions">
            <Submit intent="edit-comment">Save comment</Submit>
          </div>
        </ConformForm>
      </details>
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="delete-comment" />
        <input type="hidden" name="commentId" value={comment.id} />
        <button type="submit" className="secondary small" aria-label="Delete your comment">
          Delete
        </button>
      </Form>
    </div>
  );
}
