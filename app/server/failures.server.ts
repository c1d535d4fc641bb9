import type { FormValues } from "~/domain/forms";

/** What a person is told when SQLite's write lock is held past the busy timeout. */
export const BUSY_MESSAGE = "The table is busy; try again in a moment.";
export const BUSY_RETRY_SECONDS = 5;

/** What a person is told when their address sent too many changes in a short time. */
export function tooManyWritesMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds <= 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many changes from your network in a short time. Wait ${wait} and send it again; nothing was saved.`;
}

/** What was typed, minus anything that must never be echoed back (a password and its confirmation). */
export function keepTyped(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password|confirm|secret/i.test(k)));
}

/**
 * The answer to a form refused for a reason that is not about its fields (busy, rate
 * limited): the message above the form and what was typed. It is read by the forms'
 * `stateFor(actionData, intent)` (`errors._form`, `values`) and by conform's `lastResult`
 * (`status`, `error[""]`, `initialValue`).
 */
export function formFailure(values: FormValues, message: string) {
  const kept = keepTyped(values);
  return {
    intent: values.intent ?? "",
    errors: { _form: message } as Record<string, string>,
    values: kept,
    status: "error" as const,
    error: { "": [message] },
    initialValue: kept,
  };
}
