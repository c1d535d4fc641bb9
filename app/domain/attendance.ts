import type { FieldErrors, FormValues } from "./forms";
import { single } from "./forms";

/**
 * The one-screen attendance form (issue 14): a mark per sign-up (`mark-<id>`: attended, no-show
 * or cancelled; attended unless marked) and up to WALK_IN_SLOTS walk-ins (`walkIn<i>Name`,
 * `walkIn<i>Email`, the email optional). Pure: parsed here, checked against the shift's own
 * sign-ups by the model.
 */

export const MARKS = ["attended", "no_show", "cancelled"] as const;
export type Mark = (typeof MARKS)[number];
export const MARK_LABELS: Record<Mark, string> = { attended: "Attended", no_show: "No-show", cancelled: "Cancelled" };
export const WALK_IN_SLOTS = 3;

export type AttendanceSheet = { noShows: number[]; cancelled: number[]; walkIns: { name: string; email: string | null }[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseAttendanceSheet(values: FormValues): { ok: true; data: AttendanceSheet } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const noShows: number[] = [];
  const cancelled: number[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const m = /^mark-(\d{1,12})$/.exec(key);
    if (!m) continue;
    const mark = single(raw);
    if (!(MARKS as readonly string[]).includes(mark)) {
      errors[key] = "Choose attended, no-show or cancelled.";
      continue;
    }
    if (mark === "no_show") noShows.push(Number(m[1]));
    if (mark === "cancelled") cancelled.push(Number(m[1]));
  }
  const walkIns: AttendanceSheet["walkIns"] = [];
  for (let i = 0; i < WALK_IN_SLOTS; i++) {
    const name = single(values[`walkIn${i}Name`]).trim();
    const email = single(values[`walkIn${i}Email`]).trim().toLowerCase();
    if (!name && !email) continue;
    if (!name) errors[`walkIn${i}Name`] = "Give the walk-in's name.";
    else if (name.length > 120) errors[`walkIn${i}Name`] = "A name is at most 120 characters.";
    if (email && (email.length > 200 || !EMAIL.test(email))) errors[`walkIn${i}Email`] = "Email must be an address like name@example.org, or left empty.";
    walkIns.push({ name, email: email || null });
  }
  const emails = walkIns.flatMap((w) => (w.email ? [w.email] : []));
  if (new Set(emails).size !== emails.length) errors.walkIn0Email ??= "The same walk-in is listed twice.";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: { noShows, cancelled, walkIns } };
}
