import type { FormValues } from "./forms";

/**
 * The come-back after a refusal for want of an acknowledgment (rule F6): the refused form's
 * page, with what was typed carried in its query string (`keep=<intent>&kept=<json>`), so
 * that once the person has acknowledged the policy the page opens again with the same form
 * filled in. Pure: the route builds it from its request, the form reads it back.
 */
export const KEEP_PARAM = "keep";
export const KEPT_PARAM = "kept";

/** Longest value carried (a long note is cut there: a URL is no place for a page of text). */
export const KEPT_VALUE_MAX = 2_000;

/** Fields never carried in a URL. */
const NEVER_KEPT = new Set(["intent", "password", "newPassword", "currentPassword", "csrf"]);

function trimValues(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (NEVER_KEPT.has(k)) continue;
    out[k] = Array.isArray(v) ? v.map((x) => x.slice(0, KEPT_VALUE_MAX)) : v.slice(0, KEPT_VALUE_MAX);
  }
  return out;
}

/**
 * The page to come back to: `pageUrl` (path and query of the refused form's page; Remix's
 * `index` and `.data` markers dropped) with the form's intent and typed values added.
 */
export function comeBackUrl(pageUrl: string, intent: string, values: FormValues): string {
  const url = new URL(pageUrl, "http://local");
  const path = url.pathname.replace(/\.data$/, "");
  const search = new URLSearchParams(url.search);
  for (const k of ["index", "_data", KEEP_PARAM, KEPT_PARAM]) search.delete(k);
  search.set(KEEP_PARAM, intent);
  search.set(KEPT_PARAM, JSON.stringify(trimValues(values)));
  return `${path === "" ? "/" : path}?${search.toString()}`;
}

/** The values kept for this form's intent in a page's query string, or null. Junk reads as nothing. */
export function keptValues(search: URLSearchParams, intent: string): FormValues | null {
  if (search.get(KEEP_PARAM) !== intent) return null;
  try {
    const raw: unknown = JSON.parse(search.get(KEPT_PARAM) ?? "");
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    const out: FormValues = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (NEVER_KEPT.has(k)) continue;
      if (typeof v === "string") out[k] = v.slice(0, KEPT_VALUE_MAX);
      else if (Array.isArray(v) && v.every((x) => typeof x === "string")) out[k] = v.map((x: string) => x.slice(0, KEPT_VALUE_MAX));
    }
    return out;
  } catch {
    return null;
  }
}

/** Where a refusal for want of an acknowledgment sends the person: the policy page, coming back after. */
export function acknowledgeHref(coalitionId: number, back: string): string {
  return `/tables/${coalitionId}/firewall/policies?redirectTo=${encodeURIComponent(back)}`;
}
