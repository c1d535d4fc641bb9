import { Form } from "@remix-run/react";
import { formatDate } from "~/domain/dates";
import { withheldNotice } from "~/domain/firewall";
import { editLessonForm, LESSON_SCOPE_LABELS, lessonForm } from "~/domain/lessons";
import { LESSON_SCOPES, type LessonScope, type SourceKind } from "~/domain/vocabulary";
import { SourceBadge } from "./badges";
import { Choice, ConformForm, FormErrors, Submit, Textarea, useActionForm } from "./form";
import { SourceFields } from "./source-fields";

/** A lesson as pages show it (the model's LessonView, as loader JSON). */
export type LessonItem = {
  id: number;
  raceId: number;
  scope: LessonScope;
  body: string;
  sourceKind: SourceKind;
  sourceUrl: string | null;
  capturedAt: string | null;
  cycle: number;
  coalitionName: string;
  raceLabel: string;
  candidateName: string | null;
  origin: string;
  updatedAt: string | null;
};

const SCOPE_OPTIONS = LESSON_SCOPES.map((s) => ({ value: s, label: LESSON_SCOPE_LABELS[s] }));
const SOURCE_HINT = "A lesson from a campaign's own words is withheld from independent-side members, like any note (rule F2).";

const forThis = (actionData: unknown, lessonId: number) =>
  actionData && typeof actionData === "object" && "values" in actionData && (actionData as { values?: Record<string, unknown> }).values?.lessonId === String(lessonId) ? actionData : undefined;

/** Lessons with where they came from ("Lesson from the 2024 cycle review: …"); the facilitator's edit and remove forms when `manage`. */
export function LessonList(props: { lessons: readonly LessonItem[]; withheld: number; manage?: { actionData: unknown }; headingId?: string }) {
  const notice = withheldNotice(props.withheld);
  return (
    <>
      {notice ? <p className="notice warn">{notice.replace(/notes?\b/, (w) => (w === "note" ? "lesson" : "lessons"))}</p> : null}
      <ul className="history card lessons">
        {props.lessons.map((l) => (
          <li key={l.id} id={`lesson-${l.id}`}>
            <p>
              <strong>{l.origin}</strong>
              <span className="muted">
                {" "}
                ({l.coalitionName}, {l.raceLabel}
                {l.scope !== "race" && l.candidateName ? `, about ${l.candidateName}` : ""})
              </span>
              : {l.body} <SourceBadge kind={l.sourceKind} />
              {l.sourceUrl ? (
                <>
                  {" "}
                  <a href={l.sourceUrl}>source</a>
                  {l.capturedAt ? <span className="muted"> (captured {formatDate(l.capturedAt)})</span> : null}
                </>
              ) : null}
              {l.updatedAt ? <span className="muted"> · edited {formatDate(l.updatedAt.slice(0, 10))}</span> : null}
            </p>
            {props.manage ? <ManageLesson lesson={l} actionData={props.manage.actionData} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function ManageLesson({ lesson, actionData }: { lesson: LessonItem; actionData: unknown }) {
  const mine = forThis(actionData, lesson.id);
  const { form, fields, state } = useActionForm(editLessonForm, {
    intent: "edit-lesson",
    id: `edit-lesson-${lesson.id}`,
    actionData: mine,
    defaultValue: { lessonId: lesson.id, scope: lesson.scope, body: lesson.body, sourceKind: lesson.sourceKind, sourceUrl: lesson.sourceUrl ?? "", capturedAt: lesson.capturedAt ?? "" },
  });
  return (
    <div className="actions">
      <details open={mine !== undefined}>
        <summary>Edit this lesson</summary>
        <ConformForm form={form} intent="edit-lesson" className="stack" aria-label={`Edit the lesson ${lesson.id}`}>
          <input type="hidden" name={fields.lessonId.name} value={lesson.id} />
          <FormErrors form={form} state={state} />
          <Choice field={fields.scope} label="About" options={SCOPE_OPTIONS} />
          <Textarea field={fields.body} label="Lesson" rows={3} />
          <SourceFields kind={fields.sourceKind} url={fields.sourceUrl} capturedAt={fields.capturedAt} hint={SOURCE_HINT} legend="Where the lesson's information came from" />
          <div className="actions">
            <Submit intent="edit-lesson">Save the lesson</Submit>
          </div>
        </ConformForm>
      </details>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="remove-lesson" />
        <input type="hidden" name="lessonId" value={lesson.id} />
        <Submit intent="remove-lesson" className="secondary" pendingText="Removing…">
          Remove
        </Submit>
      </Form>
    </div>
  );
}

/** The facilitator's form for a new lesson on one of the page's reviewed races. */
export function AddLessonForm(props: { races: readonly { raceId: number; label: string }[]; actionData: unknown }) {
  const { form, fields, state } = useActionForm(lessonForm, {
    intent: "lesson",
    actionData: props.actionData,
    clearOnSave: true,
    defaultValue: { raceId: props.races.length === 1 ? props.races[0].raceId : "", scope: "race", sourceKind: "research" },
  });
  return (
    <section className="card" aria-labelledby="add-lesson">
      <h3 id="add-lesson">Add a lesson</h3>
      <p className="hint">
        It shows on the next cycle's table for the same race (the same place at this level) and, if it is about the candidate, on their later candidacies, with the cycle it came from.
      </p>
      <ConformForm form={form} intent="lesson" className="stack" aria-labelledby="add-lesson">
        <FormErrors form={form} state={state} />
        <Choice field={fields.raceId} label="Race" placeholder="Choose a race" options={props.races.map((r) => ({ value: r.raceId, label: r.label }))} />
        <Choice field={fields.scope} label="About" options={SCOPE_OPTIONS} />
        <Textarea field={fields.body} label="Lesson" rows={3} />
        <SourceFields kind={fields.sourceKind} url={fields.sourceUrl} capturedAt={fields.capturedAt} hint={SOURCE_HINT} legend="Where the lesson's information came from" />
        <div className="actions">
          <Submit intent="lesson" pendingText="Adding…">
            Add the lesson
          </Submit>
        </div>
      </ConformForm>
    </section>
  );
}

/** A page's lessons from earlier cycles (nothing when there are none). */
export function EarlierLessons(props: { lessons: readonly LessonItem[]; withheld: number; title: string; id: string }) {
  if (props.lessons.length === 0 && props.withheld === 0) return null;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <LessonList lessons={props.lessons} withheld={props.withheld} />
    </section>
  );
}
