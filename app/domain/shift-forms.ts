import { z } from "zod";
import { HOST_KINDS, WORK_TYPES, type TurfKind, type WorkType } from "~/domain/vocabulary";
import { choiceOr, hiddenIds } from "./field-forms";
import { chosenId, idList, optional, required } from "./forms";
import { isIsoDate } from "./dates";
import { isLocalDateTime, localDateOf, localToUtc } from "./zoned-time";

/**
 * Shifts, sign-ups and results of joint field work (issue 5, second half): form schemas and
 * the pure rules (times in the race's zone, overlaps, conflicts, capacity). No I/O here.
 */

export const CAPACITY_MAX = 10_000;
export const RESULT_MAX = 1_000_000;

const localDateTime = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .refine(isLocalDateTime, `${label} must be a date and time, like 2027-04-10T09:30.`);

const count = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .transform((v) => v.replace(/[,\s]/g, ""))
    .refine((v) => /^\d{1,9}$/.test(v), `${label} must be a whole number, ${min} or more.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} must be from ${min} to ${max.toLocaleString("en-US")}.`);

const id = (label: string) => chosenId(`Choose ${label}.`);

const callLink = optional("Call link", 500).refine((v) => v === null || /^https:\/\/[^\s.]+\.[^\s]+$/i.test(v), "Call link must be a web address starting with https://.");


/**
 * A shift (create and edit): its fields, the co-host affiliates (`coHosts`) and the turf units
 * it works (`turf`). The browser validates with `shiftFields` (conform reads a form's
 * constraints from its fields and cannot read a transform of the whole form); the server
 * parses with `shiftForm`, the same fields and checks, read as `coHostIds` (never the host
 * itself) and `turfUnitIds`.
 */
export const shiftFields = z
  .object({
    workType: z.enum(WORK_TYPES, { error: "Choose a work type." }),
    title: optional("Title", 120).transform((v) => v ?? ""),
    startsAt: localDateTime("Start"),
    endsAt: localDateTime("End"),
    location: optional("Place", 300),
    callLink,
    hostAffiliateId: id("the host affiliate"),
    hostKind: choiceOr(HOST_KINDS, "affiliate", "Choose who hosts it."),
    campaignHost: optional("Campaign host", 160),
    capacity: count("Capacity", 1, CAPACITY_MAX),
    notes: optional("Notes", 4000).transform((v) => v ?? ""),
    coHosts: idList("Co-hosts must be affiliates taking part in this program."),
    turf: idList("Choose turf units of this program."),
  })
  .superRefine((v, ctx) => {
    if (v.hostKind === "campaign" && !v.campaignHost) ctx.addIssue({ code: "custom", path: ["campaignHost"], message: "Name the campaign host (its field office)." });
    if (v.workType === "doorknock" && !v.location) ctx.addIssue({ code: "custom", path: ["location"], message: "A doorknock needs a place to meet." });
    if ((v.workType === "phonebank" || v.workType === "textbank" || v.workType === "organizing_call") && !v.location && !v.callLink) {
      ctx.addIssue({ code: "custom", path: ["callLink"], message: "Give a call link or a place." });
    }
  });
export const shiftForm = shiftFields.transform(({ coHosts, turf, ...v }) => ({ ...v, coHostIds: coHosts.filter((a) => a !== v.hostAffiliateId), turfUnitIds: turf }));

export type ShiftInput = z.output<typeof shiftForm>;

/**
 * The kind of turf each work type works: doors from walk packets, calls from call lists,
 * texts from text lists. A public event or an organizing call names no kind (any unit it
 * is about may be listed). Issue 15: a call list could be the turf of a doorknock.
 */
export const WORK_TURF_KIND: Record<WorkType, TurfKind | null> = {
  doorknock: "walk_packet",
  phonebank: "call_list",
  textbank: "text_list",
  public_event: null,
  organizing_call: null,
};

/** The first unit a shift of this work type cannot work, with the message said next to the turf field; null when all fit. */
export function turfMismatch(workType: WorkType, units: readonly { code: string; kind: TurfKind }[]): { code: string; message: string } | null {
  const wanted = WORK_TURF_KIND[workType];
  if (!wanted) return null;
  const wrong = units.find((u) => u.kind !== wanted);
  if (!wrong) return null;
  return {
    code: wrong.code,
    message: `${wrong.code} is a ${TURF_KIND_NAMES[wrong.kind]}; a ${WORK_TYPE_NAMES[workType]} works ${TURF_KIND_NAMES[wanted]}s only. Untick it or change the work type.`,
  };
}
const TURF_KIND_NAMES: Record<TurfKind, string> = { walk_packet: "walk packet", call_list: "call list", text_list: "text list" };
const WORK_TYPE_NAMES: Record<WorkType, string> = { doorknock: "doorknock", phonebank: "phonebank", textbank: "textbank", public_event: "public event", organizing_call: "organizing call" };

/** The affiliates a shift may name as co-hosts: the program's participants but its host (issue 15: the host was offered as its own co-host). */
export function coHostChoices<A extends { id: number }>(participants: readonly A[], hostId: number | string | null | undefined): A[] {
  const host = hostId === null || hostId === undefined || hostId === "" ? null : Number(hostId);
  return participants.filter((p) => p.id !== host);
}
export type ShiftFormData = Omit<ShiftInput, "coHostIds" | "turfUnitIds">;

export const signupForm = z
  .object({
    volunteerName: required("Volunteer name", 120),
    email: optional("Email", 200)
      .transform((v) => v?.toLowerCase() ?? null)
      .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Email must look like name@example.org."),
    phone: optional("Phone", 40).refine((v) => v === null || /^\+?[\d\s().-]{7,}$/.test(v), "Phone must be a phone number, like 610-555-0100."),
    recruitedByAffiliateId: id("the affiliate that recruited them"),
    confirmDouble: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: "custom", path: ["email"], message: "Give an email or a phone number." });
  });
export type SignupInput = z.output<typeof signupForm>;

/** The buttons of a sign-up's row. */
export const signupRowForm = hiddenIds(["signupId"], "Choose a sign-up.");

/**
 * A sign-up's attendance: attended, no-show, or blank for not taken (`attendanceChoice`, what
 * the browser validates), for a sign-up (a hidden id, the server's to check).
 */
export const attendanceChoice = z.object({
  attended: z.enum(["yes", "no"], { error: "Choose attended, no-show or not taken." }).optional(),
});
export const attendanceForm = attendanceChoice
  .and(signupRowForm)
  .transform((v) => ({ signupId: v.signupId, attended: v.attended === "yes" ? true : v.attended === "no" ? false : null }));

export const RESULT_FIELDS = ["doorsKnocked", "conversations", "callsDialed", "contactsMade", "textsSent"] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];
export type ResultCounts = Record<ResultField, number>;
export const RESULT_LABELS: Record<ResultField, string> = {
  doorsKnocked: "Doors knocked",
  conversations: "Conversations",
  callsDialed: "Calls dialed",
  contactsMade: "Contacts made",
  textsSent: "Texts sent",
};

export const resultsForm = z.object({
  affiliateId: id("the affiliate"),
  ...(Object.fromEntries(RESULT_FIELDS.map((f) => [f, count(RESULT_LABELS[f], 0, RESULT_MAX)])) as Record<ResultField, ReturnType<typeof count>>),
});
export type ResultsInput = z.output<typeof resultsForm>;

/** Which result counts speak to a program goal of each work type. */
export const GOAL_RESULT: Record<WorkType, ResultField | null> = {
  doorknock: "doorsKnocked",
  phonebank: "callsDialed",
  textbank: "textsSent",
  public_event: null,
  organizing_call: null,
};

/** An export: what, for whom; a vendor is picked from the table's vendor roster (rule F5 asks about it). */
export const exportForm = z
  .object({
    kind: z.enum(["shifts", "signups", "results"], { error: "Choose what to export." }),
    recipient: z.enum(["member", "vendor", "campaign"], { error: "Say who the export is for." }),
    vendorId: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^[1-9]\d{0,15}$/.test(v), "Choose a vendor from the list.")
      .transform((v) => (v ? Number(v) : null)),
  })
  .superRefine((v, ctx) => {
    if (v.recipient === "vendor" && v.vendorId === null) ctx.addIssue({ code: "custom", path: ["vendorId"], message: "Choose the vendor from the table's vendor list." });
  });
export type ExportInput = z.output<typeof exportForm>;

/** Revoking a calendar feed (a hidden id). */
export const feedRevokeForm = hiddenIds(["feedId"], "Choose a feed to revoke.");
/** An affiliate's own calendar feed: which affiliate (a hidden id). */
export const affiliateFeedForm = hiddenIds(["affiliateId"], "Choose one of your affiliates.");

export const feedForm = z.object({ scope: z.enum(["affiliate", "program"], { error: "Choose a feed." }), affiliateId: z.string().optional() });

/** ?week=YYYY-MM-DD, or null when absent or junk. */
export function weekParam(raw: string | null): string | null {
  return raw && isIsoDate(raw) ? raw : null;
}

// ---------------------------------------------------------------- rules

export type Span = { startsAt: string; endsAt: string };

/** Two half-open spans [start, end) overlap: one starting exactly when the other ends does not. */
export function overlaps(a: Span, b: Span): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

export type FieldRefusal = { ok: false; field: string; message: string };

/**
 * A shift's local start and end in the race's zone → UTC instants, checked: each exists
 * (not in a daylight-saving gap), the end is after the start, and both fall on the
 * program's dates (local calendar dates in the race's zone).
 */
export function shiftTimes(
  input: { startsAt: string; endsAt: string },
  timeZone: string,
  program: { startDate: string; endDate: string },
): { ok: true; startsAt: string; endsAt: string; ambiguous: boolean } | FieldRefusal {
  const start = localToUtc(input.startsAt, timeZone);
  if (!start.ok) return { ok: false, field: "startsAt", message: start.message };
  const end = localToUtc(input.endsAt, timeZone);
  if (!end.ok) return { ok: false, field: "endsAt", message: end.message };
  if (end.instant.getTime() <= start.instant.getTime()) return { ok: false, field: "endsAt", message: "The end must be after the start." };
  if (end.instant.getTime() - start.instant.getTime() > 24 * 3_600_000) return { ok: false, field: "endsAt", message: "A shift lasts at most 24 hours." };
  const first = localDateOf(start.iso, timeZone);
  const last = localDateOf(new Date(end.instant.getTime() - 1).toISOString(), timeZone);
  if (first < program.startDate || first > program.endDate) {
    return { ok: false, field: "startsAt", message: `The start must fall on the program's dates, ${program.startDate} to ${program.endDate}.` };
  }
  if (last > program.endDate) return { ok: false, field: "endsAt", message: `The end must fall on the program's dates, ${program.startDate} to ${program.endDate}.` };
  return { ok: true, startsAt: start.iso, endsAt: end.iso, ambiguous: start.ambiguous || end.ambiguous };
}

/** The first turf unit the shift would work while another overlapping shift works it, if any. */
export function turfConflict<S extends Span & { id: number; turfUnitIds: number[] }>(shift: Span & { id: number | null; turfUnitIds: number[] }, others: S[]): { unitId: number; other: S } | null {
  for (const o of others) {
    if (o.id === shift.id || !overlaps(shift, o)) continue;
    const unitId = shift.turfUnitIds.find((u) => o.turfUnitIds.includes(u));
    if (unitId !== undefined) return { unitId, other: o };
  }
  return null;
}

/** Same person: the same email (any case), or the same phone digits (last 10). */
export function samePerson(a: { email: string | null; phone: string | null }, b: { email: string | null; phone: string | null }): boolean {
  if (a.email && b.email && a.email.trim().toLowerCase() === b.email.trim().toLowerCase()) return true;
  const digits = (p: string | null) => (p ?? "").replace(/\D/g, "").slice(-10);
  return digits(a.phone).length >= 7 && digits(a.phone) === digits(b.phone);
}

/** Seats left on a shift; never negative. */
export function seatsLeft(capacity: number, active: number): number {
  return Math.max(0, capacity - active);
}

export function emptyCounts(): ResultCounts {
  return { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
}

export function addCounts(a: ResultCounts, b: ResultCounts): ResultCounts {
  return Object.fromEntries(RESULT_FIELDS.map((f) => [f, a[f] + b[f]])) as ResultCounts;
}
