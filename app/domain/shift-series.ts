import { z } from "zod";
import type { Refusal } from "./errors";
import { choiceOr } from "./field-forms";
import { isIsoDate } from "./dates";
import { parseLocal } from "./zoned-time";
import { shiftFields } from "./shift-forms";

/**
 * A series of shifts made by one form (issue 14): the shift as typed, then "repeat" — more
 * slots the same day (each as long as the first), or the same times every week until a date.
 * Pure: times stay wall-clock times in the race's zone ("YYYY-MM-DDTHH:mm"); the model turns
 * each into UTC as it does a single shift's, so a weekly series keeps its local time across a
 * daylight-saving change.
 */

export const REPEATS = ["once", "slots", "weekly"] as const;
export type Repeat = (typeof REPEATS)[number];
export const REPEAT_LABELS: Record<Repeat, string> = { once: "Just this shift", slots: "More slots the same day", weekly: "Every week until a date" };
/** The most shifts one series makes. */
export const SERIES_MAX = 26;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The series fields of the create form: `repeat`, `slots` ("13:00, 16:00"), `until` (a date). */
export const seriesFields = z
  .object({
    repeat: choiceOr(REPEATS, "once", "Choose how the shift repeats."),
    slots: z
      .string()
      .trim()
      .max(200, "List at most a few dozen start times.")
      .optional()
      .transform((v) => v ?? ""),
    until: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || isIsoDate(v), "The end date must be a date, like 2027-06-26."),
  })
  .superRefine((v, ctx) => {
    if (v.repeat === "slots") {
      const list = splitSlots(v.slots);
      if (list.length === 0) ctx.addIssue({ code: "custom", path: ["slots"], message: "List the other start times, like 13:00, 16:00." });
      const bad = list.find((t) => !TIME.test(t));
      if (bad) ctx.addIssue({ code: "custom", path: ["slots"], message: `"${bad}" is not a time of day such as 13:00.` });
    }
    if (v.repeat === "weekly" && !v.until) ctx.addIssue({ code: "custom", path: ["until"], message: "Give the date of the last week." });
  });
export type SeriesSpec = z.output<typeof seriesFields>;

export function splitSlots(slots: string): string[] {
  return slots
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/^\d:\d\d$/.test(s) ? `0${s}` : s));
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A wall-clock time moved by whole minutes (calendar arithmetic, no zone). */
function addMinutes(local: string, minutes: number): string {
  const p = parseLocal(local)!;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
function minutesBetween(a: string, b: string): number {
  const p = parseLocal(a)!;
  const q = parseLocal(b)!;
  return (Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute) - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)) / 60_000;
}

export type Occurrence = { startsAt: string; endsAt: string };

/**
 * The shifts of a series, in time order, the first as typed. Slots: each other start time the
 * same day, as long (wall clock) as the first; a time given twice is made once. Weekly: the
 * same wall-clock times 7, 14, ... days later, up to and including `until`. More than
 * SERIES_MAX is refused with the count, next to the field that makes them.
 */
export function expandSeries(first: Occurrence, spec: SeriesSpec): { ok: true; shifts: Occurrence[] } | Refusal {
  if (!parseLocal(first.startsAt) || !parseLocal(first.endsAt)) return { ok: true, shifts: [first] };
  if (spec.repeat === "once") return { ok: true, shifts: [first] };
  const length = minutesBetween(first.startsAt, first.endsAt);
  if (spec.repeat === "slots") {
    const day = first.startsAt.slice(0, 10);
    const starts = [...new Set([first.startsAt, ...splitSlots(spec.slots).map((t) => `${day}T${t}`)])].sort();
    if (starts.length > SERIES_MAX) return { ok: false, field: "slots", message: `A series makes at most ${SERIES_MAX} shifts; these slots make ${starts.length}.` };
    const shifts = starts.map((s) => ({ startsAt: s, endsAt: addMinutes(s, length) }));
    for (let i = 1; i < shifts.length; i++) {
      if (shifts[i].startsAt < shifts[i - 1].endsAt) return { ok: false, field: "slots", message: `The slot at ${shifts[i].startsAt.slice(11)} starts before the one at ${shifts[i - 1].startsAt.slice(11)} ends (each slot is as long as the first shift).` };
    }
    return { ok: true, shifts };
  }
  const until = spec.until!;
  if (until < first.startsAt.slice(0, 10)) return { ok: false, field: "until", message: "The last week must be on or after the first shift's date." };
  const shifts: Occurrence[] = [];
  for (let week = 0; addMinutes(first.startsAt, week * 7 * 1440).slice(0, 10) <= until; week++) {
    if (shifts.length === SERIES_MAX) {
      let total = shifts.length;
      while (addMinutes(first.startsAt, total * 7 * 1440).slice(0, 10) <= until) total++;
      return { ok: false, field: "until", message: `A series makes at most ${SERIES_MAX} shifts; weekly until ${until} makes ${total}. Choose an earlier date.` };
    }
    shifts.push({ startsAt: addMinutes(first.startsAt, week * 7 * 1440), endsAt: addMinutes(first.endsAt, week * 7 * 1440) });
  }
  return { ok: true, shifts };
}

/** The create form as the browser checks it: a shift's fields and the series fields. */
export const shiftCreateFields = shiftFields.safeExtend(seriesFields.shape).superRefine((v, ctx) => {
  if (v.repeat === "weekly" && !v.until) ctx.addIssue({ code: "custom", path: ["until"], message: "Give the date of the last week." });
});
