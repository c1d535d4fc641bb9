import { Form, useNavigation, type FormProps } from "@remix-run/react";
import { useId, type ReactNode } from "react";

/** What a form shows: values to fill in and one error per field. */
export type FormState = {
  values?: Record<string, string> | null;
  errors?: Record<string, string> | null;
};

type FieldBase = {
  name: string;
  label: string;
  state?: FormState;
  defaultValue?: string | number | null;
  hint?: ReactNode;
  required?: boolean;
};

function useFieldProps({ name, state, defaultValue }: FieldBase) {
  const id = useId();
  const error = state?.errors?.[name];
  const value = state?.values && name in state.values ? state.values[name] : defaultValue ?? "";
  return { id, error, value: String(value ?? "") };
}

function Described({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

/** The label, the hint and the error around one control; `control` are the props every control takes. */
function useControl(props: FieldBase) {
  const { id, error, value } = useFieldProps(props);
  const control = {
    id,
    name: props.name,
    defaultValue: value,
    required: props.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, error, props.hint),
  } as const;
  const shell = (children: ReactNode) => (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      <Described id={id} error={error} hint={props.hint} />
    </div>
  );
  return { control, shell };
}

export function Field(props: FieldBase & { type?: string; inputMode?: "numeric" | "decimal" | "email" | "url"; placeholder?: string; autoComplete?: string }) {
  const { control, shell } = useControl(props);
  return shell(<input {...control} type={props.type ?? "text"} inputMode={props.inputMode} placeholder={props.placeholder} autoComplete={props.autoComplete} />);
}

export function TextArea(props: FieldBase & { rows?: number }) {
  const { control, shell } = useControl(props);
  return shell(<textarea {...control} rows={props.rows ?? 3} />);
}

export function Select(props: FieldBase & { options: readonly { value: string; label: string }[]; placeholder?: string }) {
  const { control, shell } = useControl(props);
  return shell(
    <select {...control}>
      {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>,
  );
}

export function Checkbox(props: FieldBase) {
  const { id, error } = useFieldProps(props);
  const checked = props.state?.values ? props.state.values[props.name] === "on" : props.defaultValue === "on";
  return (
    <div className={`field checkbox${error ? " has-error" : ""}`}>
      <input id={id} name={props.name} type="checkbox" defaultChecked={checked} aria-describedby={describedBy(id, error, props.hint)} />
      <label htmlFor={id}>{props.label}</label>
      <Described id={id} error={error} hint={props.hint} />
    </div>
  );
}

/** A form-level error (one not tied to a field), announced to screen readers. */
export function FormError({ state }: { state?: FormState }) {
  const message = state?.errors?._form;
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** A submit button that shows a pending state while its form is on its way. */
export function Submit({ children, intent, pendingText = "Saving…", className }: { children: ReactNode; intent?: string; pendingText?: string; className?: string }) {
  const nav = useNavigation();
  const pending = nav.state !== "idle" && nav.formMethod != null && (intent === undefined || nav.formData?.get("intent") === intent);
  return (
    <button type="submit" name={intent ? "intent" : undefined} value={intent} disabled={pending} aria-busy={pending || undefined} className={className}>
      {pending ? pendingText : children}
    </button>
  );
}

/**
 * A POST form with the intent carried along. The browser's own validation is off so every
 * error is the server's clear message next to its field, the same with or without JavaScript.
 */
export function ActionForm({ intent, children, ...rest }: FormProps & { intent: string }) {
  return (
    <Form method="post" noValidate {...rest}>
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
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
