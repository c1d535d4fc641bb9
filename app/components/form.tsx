import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation, useSearchParams, type FormProps } from "@remix-run/react";
import { keptValues } from "~/domain/comeback";
import { useEffect, useId, useMemo, useRef, type ComponentType, type ReactNode } from "react";
import type { z } from "zod";

/** What a form shows: values to fill in and one error per field (the action's answer). */
export type FormState = {
  values?: Record<string, string | string[]> | null;
  errors?: Record<string, string> | null;
  /** A rule F6 refusal's link: read and acknowledge the policy, then come back here. */
  acknowledge?: { href: string; text: string } | null;
};

/**
 * A form whose fields conform manages over the zod schema the server parses with: the browser
 * validates with the same schema before the round trip (on submit, then as the person corrects it),
 * and the server's answer for this form's intent (`{ intent, errors, values }`, one message per
 * field and what was typed) becomes conform's last result, so after a refused post the fields
 * keep what was typed and show the server's message next to them, with or without JavaScript.
 * `defaultValue` fills the fields when nothing was posted yet (a saved record's values).
 */
export function useActionForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: S,
  options: {
    intent: string;
    actionData: unknown;
    defaultValue?: Record<string, unknown> | null;
    id?: string;
    /**
     * An "add" form that stays on the page after it saved (the post redirects back to it):
     * clear it once saved, so the next item does not carry the last one's text (issue 15). A
     * refused post keeps what was typed.
     */
    clearOnSave?: boolean;
  },
) {
  const state = stateFor(options.actionData, options.intent);
  const lastResult = useMemo(() => (state ? toLastResult(state) : undefined), [state]);
  // the come-back after a rule F6 refusal: what was typed, carried in the page's query string
  const [search] = useSearchParams();
  const kept = useMemo(() => keptValues(search, options.intent), [search, options.intent]);
  const [form, fields] = useForm<z.input<S>, z.output<S>>({
    id: options.id ?? `form-${options.intent}`,
    lastResult,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    defaultValue: (kept ? { ...(options.defaultValue ?? {}), ...kept } : (options.defaultValue ?? undefined)) as any,
    constraint: constraintOf(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  useClearOnSave(form, options.intent, options.clearOnSave === true, state !== undefined);
  return { form, fields, state };
}

/**
 * Resets a form once a navigation that posted its intent has settled without an answer for it
 * (the post redirected: saved). With an answer (refused), what was typed stays.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function useClearOnSave(form: FormMetadata<any, string[]>, intent: string, enabled: boolean, answered: boolean) {
  const nav = useNavigation();
  const sent = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    if (nav.state !== "idle") {
      if (nav.formData?.get("intent") === intent) sent.current = true;
      return;
    }
    if (!sent.current) return;
    sent.current = false;
    if (!answered) form.reset();
  }, [enabled, nav.state, nav.formData, intent, answered, form]);
}

/**
 * The HTML constraints (required, maxLength...) conform reads off a schema. A schema that ends
 * in a transform (reshaping its output) has no constraint of its own: read its input side.
 */
function constraintOf(schema: z.ZodType) {
  let current: z.ZodType | undefined = schema;
  while (current) {
    try {
      return getZodConstraint(current);
    } catch {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const def: { type?: string; in?: z.ZodType } | undefined = (current as any)._zod?.def;
      current = def?.type === "pipe" ? def.in : undefined;
    }
  }
  return undefined;
}

/** The server's answer in conform's shape: a form-level message is keyed by "". */
export function toLastResult(state: FormState): SubmissionResult<string[]> {
  const error: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(state.errors ?? {})) error[k === "_form" ? "" : k] = [v];
  return { status: "error", initialValue: (state.values ?? {}) as Record<string, string | string[]>, error };
}

type Described = { label: ReactNode; hint?: ReactNode };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = FieldMetadata<any, any, string[]>;

/** A field's hint, referenced by its control's aria-describedby. */
export function HintText({ field, hint }: { field: AnyField; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={field.descriptionId}>
      {hint}
    </p>
  ) : null;
}

/** A field's first error, announced, beside its control. */
export function ErrorText({ field }: { field: AnyField }) {
  const error = field.errors?.[0];
  return error ? (
    <p className="field-error" id={field.errorId} role="alert">
      {error}
    </p>
  ) : null;
}

/** The label, hint and error around a conform-managed control. */
function FieldShell({ field, label, hint, children, className = "field" }: Described & { field: AnyField; children: ReactNode; className?: string }) {
  const error = field.errors?.[0];
  return (
    <div className={`${className}${error ? " has-error" : ""}`}>
      <label htmlFor={field.id}>
        {label}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      <HintText field={field} hint={hint} />
      <ErrorText field={field} />
    </div>
  );
}

const aria = (field: AnyField, hint?: ReactNode) => ({ ariaDescribedBy: hint ? field.descriptionId : undefined });

/** A text-like input bound to a conform field. */
export function Input(
  props: Described & { field: AnyField; type?: "text" | "email" | "password" | "url" | "date" | "time" | "datetime-local" | "number" | "tel" | "search"; inputMode?: "numeric" | "decimal" | "email" | "url" | "tel"; placeholder?: string; autoComplete?: string },
) {
  const { field } = props;
  const { key, ...input } = getInputProps(field, { type: props.type ?? "text", ...aria(field, props.hint) });
  return (
    <FieldShell field={field} label={props.label} hint={props.hint}>
      <input key={key} {...input} inputMode={props.inputMode} placeholder={props.placeholder} autoComplete={props.autoComplete} />
    </FieldShell>
  );
}

/** A textarea bound to a conform field. */
export function Textarea(props: Described & { field: AnyField; rows?: number }) {
  const { field } = props;
  const { key, ...textarea } = getTextareaProps(field, aria(field, props.hint));
  return (
    <FieldShell field={field} label={props.label} hint={props.hint}>
      <textarea key={key} {...textarea} rows={props.rows ?? 3} />
    </FieldShell>
  );
}

/** A select bound to a conform field; `placeholder` adds an empty first option. */
export function Choice(props: Described & { field: AnyField; options: readonly { value: string | number; label: string }[]; placeholder?: string }) {
  const { field } = props;
  const { key, ...select } = getSelectProps(field, aria(field, props.hint));
  return (
    <FieldShell field={field} label={props.label} hint={props.hint}>
      <select key={key} {...select}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** One checkbox bound to a conform field (posted as "on"). */
export function Tick(props: Described & { field: AnyField }) {
  const { field } = props;
  const error = field.errors?.[0];
  const { key, ...input } = getInputProps(field, { type: "checkbox", ...aria(field, props.hint) });
  return (
    <div className={`field checkbox${error ? " has-error" : ""}`}>
      <input key={key} {...input} />
      <label htmlFor={field.id}>{props.label}</label>
      <HintText field={field} hint={props.hint} />
      <ErrorText field={field} />
    </div>
  );
}

/**
 * A list of checkboxes posting one array field (`attended=3&attended=7`), in a fieldset whose
 * legend names the list; the error is said once, under the legend.
 */
/**
 * conform's getCollectionProps for checkboxes, with the field's metadata read once rather than
 * once per box (each read goes through conform's proxies; a list of dozens of boxes cost
 * milliseconds per page: issue 11). Same props: the control's, then key, id, value, checked.
 */
function checkboxes(field: AnyField, values: string[], options: { ariaDescribedBy?: string }) {
  // the props of one box, taken once: conform's own, for a value no box has
  const [control] = getCollectionProps(field, { type: "checkbox", options: ["\u0000"], ...options });
  const key = field.key ?? "";
  const id = field.id;
  const initial = field.initialValue as unknown;
  const checked = (v: string) => (Array.isArray(initial) ? initial.includes(v) : initial === v);
  return values.map((value) => ({ ...control, key: `${key}${value}`, id: `${id}-${value}`, value, defaultChecked: checked(value) }));
}

export function TickList(props: Described & { field: AnyField; options: readonly { value: string | number; label: ReactNode }[] }) {
  const { field } = props;
  const error = field.errors?.[0];
  const boxes = checkboxes(field, props.options.map((o) => String(o.value)), aria(field, props.hint));
  const labels = new Map(props.options.map((o) => [String(o.value), o.label]));
  return (
    <fieldset className={`field checkbox-list${error ? " has-error" : ""}`} aria-describedby={[props.hint ? field.descriptionId : "", error ? field.errorId : ""].filter(Boolean).join(" ") || undefined}>
      <legend>{props.label}</legend>
      <HintText field={field} hint={props.hint} />
      {boxes.map(({ key, ...box }) => (
        <div className="checkbox" key={key}>
          <input {...box} />
          <label htmlFor={box.id}>{labels.get(box.value)}</label>
        </div>
      ))}
      <ErrorText field={field} />
    </fieldset>
  );
}

/**
 * The form-level message of a conform form (a refusal not tied to one field). With the form's
 * state, a rule F6 refusal's link follows it: to the policy to acknowledge, coming back here.
 */
export function FormErrors({ form, state }: { form: FormMetadata<any, string[]>; state?: FormState | null }) {
  const message = form.errors?.[0];
  if (!message) return null;
  const link = state?.acknowledge;
  return (
    <p className="form-error" role="alert" id={form.errorId}>
      {message}
      {link ? (
        <>
          {" "}
          <a href={link.href}>{link.text}</a>
        </>
      ) : null}
    </p>
  );
}

/**
 * A POST form bound to conform, with the intent carried along. It works without JavaScript
 * (a plain POST whose answer re-renders the form with the messages and what was typed); with
 * it, the schema runs in the browser first and the submit button shows a pending state.
 */
export function ConformForm({
  form,
  intent,
  children,
  as: As = Form,
  ...rest
}: Omit<FormProps, "id" | "onSubmit" | "noValidate"> & {
  form: FormMetadata<any, string[]>;
  intent: string;
  /** The form component: Remix's Form (a navigation) unless a fetcher's (`fetcher.Form`, in place). */
  as?: ComponentType<FormProps>;
}) {
  return (
    <As method="post" {...getFormProps(form)} {...rest}>
      <input type="hidden" name="intent" value={intent} />
      {children}
    </As>
  );
}

/** A submit button that shows a pending state while its form is on its way. */
export function Submit({ children, intent, pendingText = "Saving…", className, busy }: { children: ReactNode; intent?: string; pendingText?: string; className?: string; busy?: boolean }) {
  const nav = useNavigation();
  const pending = busy ?? (nav.state !== "idle" && nav.formMethod != null && (intent === undefined || nav.formData?.get("intent") === intent));
  return (
    <button type="submit" name={intent ? "intent" : undefined} value={intent} disabled={pending} aria-busy={pending || undefined} className={className}>
      {pending ? pendingText : children}
    </button>
  );
}

/** The action's answer, if it was for this form's intent. */
export function stateFor(actionData: unknown, intent: string): FormState | undefined {
  if (actionData && typeof actionData === "object" && "intent" in actionData && (actionData as { intent: string }).intent === intent) {
    return actionData as FormState;
  }
  return undefined;
}

/** A select in a GET filter form: the first option means "no filter". */
export function FilterSelect(props: { name: string; label: string; value: string | number | null; allLabel: string; options: readonly (string | { value: string | number; label: string })[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value === null ? "" : String(props.value)}>
        <option value="">{props.allLabel}</option>
        {props.options.map((o) =>
          typeof o === "string" ? (
            <option key={o}>{o}</option>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </div>
  );
}
