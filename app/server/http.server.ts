import { AsyncLocalStorage } from "node:async_hooks";
import { data, redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import { formValues, type FieldErrors, type FormValues, type Parsed, type PostedValues } from "~/domain/forms";
import { isDatabaseBusy, NotFoundError, type Refusal } from "~/domain/errors";
import { BUSY_MESSAGE, BUSY_RETRY_SECONDS, formFailure } from "./failures.server";
import { log } from "./log.server";
import { currentRequest } from "./request-context.server";
import { acknowledgeHref, comeBackUrl } from "~/domain/comeback";

export function notFound(what = "Page"): Response {
  return new Response(`${what} not found`, { status: 404, statusText: `${what} not found` });
}

/** A route param that must be a positive integer id; anything else is a 404. */
export function idParam(params: Params, name: string, what = "Page"): number {
  const raw = params[name] ?? "";
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound(what);
  return Number(raw);
}

/** An optional integer from a query string; junk is ignored rather than answered with a 500. */
export function intQuery(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  return raw && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
}

/**
 * What one handle() call keeps: the form its request's body held, once `readForm` has read it
 * (kept for the busy answer), and the work to finish when its body ends (`whenHandled`).
 */
type HandleScope = { values?: FormValues; atEnd: (() => void)[] };
const formScope = new AsyncLocalStorage<HandleScope>();

/**
 * Runs `cb` when the current loader's or action's body ends, before its answer is returned
 * (after an error too, best effort). The guard uses it to append the request's firewall record
 * once (rule F2, issue 11). False outside handle(): the caller then does its work at once.
 */
export function whenHandled(cb: () => void): boolean {
  const scope = formScope.getStore();
  if (!scope) return false;
  scope.atEnd.push(cb);
  return true;
}

function finish(scope: HandleScope): void {
  const pending = scope.atEnd.splice(0);
  for (const cb of pending) cb();
}

/**
 * Runs a loader or action body:
 * - a model's NotFoundError is a 404 page;
 * - a busy database (another connection holds the write lock past the busy timeout) is a
 *   503 with Retry-After: an action that read its form answers "The table is busy; try
 *   again in a moment" above the form with what was typed (no password); a loader throws
 *   the same message to the error page. The write's transaction rolled back, so nothing is
 *   half-written;
 * - under the server (a request id is known), any other error is logged once with its
 *   stack and answered with a 500 that carries the request id, for the error page.
 */
export async function handle<T>(fn: () => T | Promise<T>): Promise<T> {
  const scope: HandleScope = { atEnd: [] };
  try {
    const out = await formScope.run(scope, fn);
    finish(scope);
    return out;
  } catch (err) {
    // the body failed part-way: what it decided is still recorded; a failure to record is
    // logged, and the body's own error is the answer
    for (const cb of scope.atEnd.splice(0)) {
      try {
        cb();
      } catch (late) {
        log.warn({ reqId: currentRequest()?.requestId, err: late }, "work at the end of a failed request failed");
      }
    }
    if (err instanceof NotFoundError) throw notFound(err.what);
    const request = currentRequest();
    if (isDatabaseBusy(err)) {
      if (request) request.busy = true;
      log.warn({ reqId: request?.requestId, code: (err as { code?: string }).code }, "database busy: answered 503");
      const headers = { "Retry-After": String(BUSY_RETRY_SECONDS) };
      if (scope.values) return data(formFailure(scope.values, BUSY_MESSAGE), { status: 503, headers }) as T;
      throw new Response(BUSY_MESSAGE, { status: 503, statusText: "The table is busy", headers });
    }
    if (request && err instanceof Error) {
      log.error({ reqId: request.requestId, err }, "unexpected error");
      throw data({ message: "Unexpected Server Error", requestId: request.requestId }, { status: 500, statusText: "Unexpected Server Error" });
    }
    throw err;
  }
}

/** `acknowledge`: a rule F6 refusal's link to the policy page, which comes back to the form with what was typed. */
export type ActionFailure = { intent: string; errors: FieldErrors; values: FormValues; acknowledge?: AcknowledgeLink };
export type AcknowledgeLink = { href: string; text: string };

/** The answer to a form that did not pass: 400 with the field errors and what was typed. */
export function invalid(intent: string, errors: FieldErrors, values: FormValues) {
  return data<ActionFailure>({ intent, errors, values }, { status: 400 });
}

export function refused(intent: string, refusal: Refusal, values: FormValues, status = 400, page?: Request | string) {
  const acknowledge = page ? acknowledgeLink(refusal, page, intent, values) : undefined;
  return data<ActionFailure>({ intent, errors: { [refusal.field ?? "_form"]: refusal.message }, values, ...(acknowledge ? { acknowledge } : {}) }, { status: acknowledge ? 403 : status });
}

/**
 * For a rule F6 refusal: the link to the member's policy page, whose acknowledgment comes back
 * to the refused form's page (the request's URL) with what was typed in its query string.
 */
export function acknowledgeLink(refusal: Refusal, page: Request | string, intent: string, values: FormValues): AcknowledgeLink | undefined {
  const a = refusal.acknowledge;
  if (!a) return undefined;
  const url = new URL(typeof page === "string" ? page : page.url, "http://local");
  const back = comeBackUrl(`${url.pathname}${url.search}`, intent, values);
  return {
    href: acknowledgeHref(a.coalitionId, back),
    text: a.version === null ? `See ${a.partnerName}'s firewall policies` : `Read and acknowledge version ${a.version} of ${a.partnerName}'s firewall policy`,
  };
}

/** Reads a form from a request, tolerating bodies that are not forms. */
export async function readForm(request: Request): Promise<PostedValues> {
  let values: PostedValues;
  try {
    values = formValues(await request.formData());
  } catch {
    values = {};
  }
  const scope = formScope.getStore();
  if (scope) scope.values = values;
  return values;
}

/**
 * Parses posted values with a form's zod schema the way the browser does: conform's
 * parseWithZod, so empty fields, numbers and checkbox lists are read the same on both sides.
 * On failure: one message per field ("_form" for the form) and what was typed.
 */
export function parse<S extends z.ZodType>(schema: S, values: FormValues): Parsed<z.output<S>> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const submission = parseWithZod(body, { schema });
  if (submission.status === "success") return { ok: true, data: submission.value as z.output<S> };
  const errors: FieldErrors = {};
  for (const [k, messages] of Object.entries(submission.error ?? {})) {
    const key = k === "" ? "_form" : k.replace(/[.[].*$/, "");
    if (messages?.length) errors[key] ??= messages[0];
  }
  return { ok: false, errors, values };
}

/**
 * The whole life of a form post: parse with the schema (400 with field errors and the typed
 * values), run the model (400 with its refusal next to the field), else redirect.
 */
export function submit<S extends z.ZodType, R extends { ok: boolean }>(
  intent: string,
  schema: S,
  values: FormValues,
  run: (data: z.output<S>) => R,
  to: (result: Extract<R, { ok: true }>) => string,
) {
  const parsed = parse(schema, values);
  if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
  const result = run(parsed.data);
  if (!result.ok) return refused(intent, result as unknown as Refusal, values);
  return redirect(to(result as Extract<R, { ok: true }>));
}

/** The answer to a form that made a one-time link (invitation, reset): shown once, never stored. */
export function linkCreated(intent: string, token: string, email: string, request: Request) {
  return data({ intent, link: new URL(`/invitations/${token}`, request.url).toString(), email, errors: null, values: null });
}

export { redirect };
