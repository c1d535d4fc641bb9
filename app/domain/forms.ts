import { z } from "zod";
import { CHAMBERS, COALITION_LEVELS, DECIDERS, LOCALITY_KINDS, PRIMARY_KINDS, SEAT_KINDS, type CoalitionLevel } from "~/domain/vocabulary";
import { checkJurisdiction } from "./jurisdictions";
import { parseLocalDistrictList, parseNameList, parseWardList } from "./coverage";
import { LEGAL_TYPES } from "~/domain/vocabulary";
import { INCUMBENCY, PROFILE_ITEM_KINDS, SOURCE_KINDS, type SourceKind } from "~/domain/vocabulary";
import { STANCES } from "~/domain/vocabulary";
import { THRESHOLD_MAX, THRESHOLD_MIN } from "./critical-mass";
import { isIsoDate } from "./dates";
import { isTimeZone } from "./zoned-time";
import { US_STATES, isUsState } from "./states";

/** Form schemas shared by server and client. Each field error is a sentence for a person. */

/** A database id as a form posts it: a positive whole number. */
const ID_PATTERN = /^[1-9]\d{0,15}$/;

export const required = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

export const optional = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

export const optionalUrl = (label: string) =>
  optional(label, 500).refine((v) => v === null || /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), {
    message: `${label} must be a web address starting with http:// or https://.`,
  });

export const isoDate = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .refine(isIsoDate, `${label} must be a date (YYYY-MM-DD).`);

export const optionalIsoDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), `${label} must be a date (YYYY-MM-DD).`);

export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .refine((v) => /^-?\d+$/.test(v), `${label} must be a whole number.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} must be from ${min} to ${max}.`);

const optionalAmount = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[$,\s]/g, "") : null))
    .refine((v) => v === null || /^\d+$/.test(v), `${label} must be a whole dollar amount.`)
    .refine((v) => v === null || v.length <= 13, `${label} must be under $10 trillion.`)
    .transform((v) => (v === null ? null : Number(v)));

const state = z
  .string({ error: "State is required." })
  .trim()
  .toUpperCase()
  .refine(isUsState, "State must be a two-letter US state code, like PA.");

const email = optional("Email", 200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
  message: "Email must look like name@example.org.",
});

export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/**
 * A checkbox list posted as one repeated name (`attendees=3&attendees=7`): the ticked ids,
 * once each, in order. One ticked box (a single value) reads as a list of one, nothing ticked
 * as an empty list, the same on the server and in the browser; a junk id is an error.
 */
export const idList = (message: string) =>
  z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ""),
      z.array(
        z
          .string({ error: message })
          .trim()
          .refine((s) => ID_PATTERN.test(s), message)
          .transform(Number),
        { error: message },
      ),
    )
    .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

export const coalitionForm = z.object({
  name: required("Name", 120),
  level: z.enum(COALITION_LEVELS, { error: "Choose a level." }),
  cycle: wholeNumber("Cycle year", 2000, 2100),
  threshold: wholeNumber("Critical-mass threshold", THRESHOLD_MIN, THRESHOLD_MAX),
});

/** Whose stance counts toward critical mass, and ranked endorsements (issue 13): the table's deciding settings. */
export const decidingForm = z.object({
  decider: z.enum(DECIDERS, { error: "Choose whose stance counts." }),
  // empty: the table takes no ranked endorsements
  rankedMax: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,2}$/.test(v) || Number(v) < 2 || Number(v) > 10) {
        ctx.addIssue({ code: "custom", message: "Ranks allowed must be a whole number from 2 to 10, or empty for no ranking." });
        return z.NEVER;
      }
      return Number(v);
    }),
});

export const partnerForm = z.object({
  name: required("Name", 160),
  shortName: required("Short name", 24),
  legalType: z.enum(LEGAL_TYPES, { error: "Choose a legal type." }),
  website: optionalUrl("Website"),
  contactName: optional("Contact name", 120),
  contactEmail: email,
});

/** "3, 07,12" → ["03","07","12"]; district codes are one or two digits or AL (at-large). */
export function parseDistrictList(raw: string): { values: string[]; bad: string[] } {
  const values: string[] = [];
  const bad: string[] = [];
  for (const part of raw.split(/[,\n;]+/).map((s) => s.trim()).filter(Boolean)) {
    const up = part.toUpperCase();
    if (up === "AL") values.push("AL");
    else if (/^\d{1,2}$/.test(up) && Number(up) >= 1) values.push(up.padStart(2, "0"));
    else bad.push(part);
  }
  return { values: [...new Set(values)], bad };
}

export function parseCountyList(raw: string): string[] {
  return [...new Set(raw.split(/[,\n;]+/).map((s) => s.trim()).filter(Boolean))];
}

/** A comma-separated list of district codes, read into ["03", "AL", ...]; a bad code is named in the field's error. */
const districtList = z
  .string()
  .optional()
  .default("")
  .transform((v, ctx) => {
    const { values, bad } = parseDistrictList(v);
    if (bad.length) {
      ctx.addIssue({ code: "custom", message: `Districts must be numbers like 3 or 07, or AL for at-large (not: ${bad.join(", ")}).` });
      return z.NEVER;
    }
    return values;
  });

const countyList = optional("Counties", 2000).transform((v) => parseCountyList(v ?? ""));

/** State-legislative districts of one chamber as the state writes them: "48, 34A, Hillsborough 45". */
const chamberDistrictList = (chamber: string) =>
  z
    .string()
    .max(2000, "At most 2,000 characters.")
    .optional()
    .default("")
    .transform((v, ctx) => {
      const { values, bad } = parseLocalDistrictList(v);
      if (bad.length) {
        ctx.addIssue({ code: "custom", message: `${chamber} districts are numbers like 48 or 34A, or names like Hillsborough 45 (not: ${bad.join(", ")}).` });
        return z.NEVER;
      }
      return values;
    });

const cityList = optional("Cities", 2000).transform((v) => parseNameList(v ?? ""));

/** Wards by city: "Chicago: 5, 25; Evanston: 1". */
const wardList = z
  .string()
  .max(2000, "At most 2,000 characters.")
  .optional()
  .default("")
  .transform((v, ctx) => {
    const { values, bad } = parseWardList(v);
    if (bad.length) {
      ctx.addIssue({ code: "custom", message: `Write wards with their city, like Chicago: 5, 25 (not: ${bad.join("; ")}).` });
      return z.NEVER;
    }
    return values;
  });

/** Every kind of coverage (issue 13), each its own field so a bad one is reported next to it. */
const coverageFields = {
  statewide: checkbox,
  districts: districtList,
  upperDistricts: chamberDistrictList("Upper-chamber"),
  lowerDistricts: chamberDistrictList("Lower-chamber"),
  counties: countyList,
  cities: cityList,
  wards: wardList,
};

// Each field reads itself (no transform of the whole object), so conform can read the schema's
// constraints in the browser, and a bad district is reported together with the other fields' errors.
export const affiliateForm = z.object({
  partnerId: wholeNumber("Partner", 1, Number.MAX_SAFE_INTEGER),
  name: required("Name", 160),
  state,
  // empty (read as absent): the partner's own legal type
  legalType: z
    .enum(LEGAL_TYPES, { error: "Choose a legal type." })
    .optional()
    .transform((v) => v ?? null),
  ...coverageFields,
  leadName: optional("Lead's name", 120),
  leadContact: optional("Lead's contact", 200),
});

/** The part of an affiliate its lead manages: the geography it covers, of every kind (issue 13). */
export const coverageForm = z.object(coverageFields);
/** A regional ally's coverage, set by its lead from the program page (issue 13). */
export const allyCoverageForm = z.object({ ...coverageFields, partnerId: z.coerce.number({ error: "Choose the ally." }).int().positive("Choose the ally.") });

const raceFields = {
  office: required("Office", 120),
  state,
  // checked against the table's level in raceFormFor (and again by the model)
  district: optional("District", 80),
  chamber: z.enum(CHAMBERS, { error: "Choose the chamber." }).optional().transform((v) => v ?? null),
  locality: optional("City or county", 80),
  localityKind: z.enum(LOCALITY_KINDS, { error: "Choose city or county." }).optional().transform((v) => v ?? null),
  seatKind: z.enum(SEAT_KINDS, { error: "Choose the kind of seat." }).optional().transform((v) => v ?? null),
  primaryKind: z.enum(PRIMARY_KINDS, { error: "Choose how nominees are chosen." }).default("partisan"),
  seats: wholeNumber("Seats", 1, 20),
  // optional only for a race with no primary (the model then dates its first election to the general)
  primaryDate: optionalIsoDate("Primary date"),
  generalDate: isoDate("General election date"),
  runoffDate: optionalIsoDate("Runoff date"),
  specialDate: optionalIsoDate("Special election date"),
  incumbent: optional("Incumbent", 120),
  timeZone: optional("Time zone", 64).refine(
    (v) => v === null || isTimeZone(v),
    "Time zone must be an IANA zone such as America/New_York.",
  ),
};

/**
 * A race as the table's level names it (issue 13): a congressional district at a federal
 * table, a chamber and a district as the state writes it at a state-legislative table, a city
 * or county and a ward, district or at-large seat at a municipal table. One message per
 * refusal, on its field (checkJurisdiction); the model checks again against the table's level.
 */
export function raceFormFor(level: CoalitionLevel) {
  return z.object(raceFields).superRefine((v, ctx) => {
    if (isUsState(v.state)) {
      const place = checkJurisdiction(level, v);
      if (!place.ok) ctx.addIssue({ code: "custom", path: [place.field], message: place.message });
    }
    if (!v.primaryDate && v.primaryKind !== "none") {
      ctx.addIssue({ code: "custom", path: ["primaryDate"], message: "Primary date is required (or choose no primary)." });
    }
    // only compare two real dates: a malformed primary date already has its own message
    if (v.primaryDate && isIsoDate(v.primaryDate) && isIsoDate(v.generalDate) && v.generalDate < v.primaryDate) {
      ctx.addIssue({ code: "custom", path: ["generalDate"], message: "The general election must be on or after the primary." });
    }
    if (v.runoffDate && v.primaryDate && isIsoDate(v.primaryDate) && v.runoffDate <= v.primaryDate) {
      ctx.addIssue({ code: "custom", path: ["runoffDate"], message: "A runoff comes after the primary." });
    }
  });
}

/** The federal race form (a congressional district or a statewide seat). */
export const raceForm = raceFormFor("federal");

export { isTimeZone };

/**
 * Rule F2's public source: the URL it came from and the date it was captured. Shared by
 * every field that carries a source (profile items, the candidate's bio).
 */
export function requirePublicSource(
  ctx: z.RefinementCtx,
  v: { kind: SourceKind | null | undefined; url: string | null; capturedAt: string | null },
  paths: { url: string; capturedAt: string },
): void {
  if (v.kind !== "public") return;
  if (!v.url) ctx.addIssue({ code: "custom", path: [paths.url], message: "A public source needs the URL it came from." });
  if (!v.capturedAt) ctx.addIssue({ code: "custom", path: [paths.capturedAt], message: "A public source needs the date it was captured." });
}

/** The hint on website and social links: public-only by rule (F2). */
export const PUBLIC_ADDRESSES_HINT = "Public addresses only: anything the campaign told the table goes in a note with its source.";

/**
 * The identity part of a profile. Name, party and incumbency are public facts; website and
 * social links are public addresses (public-only by rule); the bio carries its source (F2).
 * An empty bio needs no source (the model stores it as the table's own research). Each field
 * reads itself (no transform of the whole object), so conform can read the constraints.
 */
export const candidateForm = z
  .object({
    name: required("Name", 120),
    party: required("Party", 60),
    incumbency: z.enum(INCUMBENCY, { error: "Choose incumbent, challenger or open seat." }),
    bio: optional("Bio", 5000).transform((v) => v ?? ""),
    bioSourceKind: z.enum(SOURCE_KINDS, { error: "Choose where the bio came from." }).optional(),
    bioSourceUrl: optionalUrl("Bio source URL"),
    bioCapturedAt: optionalIsoDate("Bio date captured"),
    website: optionalUrl("Website"),
    socialLinks: optional("Social links", 2000)
      .transform((v) => v ?? "")
      .refine(
        (v) => v.split(/\s+/).filter(Boolean).every((u) => /^https?:\/\/\S+$/i.test(u)),
        "Social links must be web addresses starting with http:// or https://, one per line.",
      ),
  })
  .superRefine((v, ctx) => {
    if (!v.bio) return;
    if (!v.bioSourceKind) ctx.addIssue({ code: "custom", path: ["bioSourceKind"], message: "Choose where the bio came from." });
    requirePublicSource(ctx, { kind: v.bioSourceKind, url: v.bioSourceUrl, capturedAt: v.bioCapturedAt }, { url: "bioSourceUrl", capturedAt: "bioCapturedAt" });
  });

/** A note or figure with its information source (rule F2). */
export const profileItemForm = z
  .object({
    kind: z.enum(PROFILE_ITEM_KINDS, { error: "Choose what kind of item this is." }),
    topic: optional("Issue", 120),
    body: optional("Text", 5000).transform((v) => v ?? ""),
    raised: optionalAmount("Raised"),
    cashOnHand: optionalAmount("Cash on hand"),
    asOf: optionalIsoDate("As-of date"),
    pollster: optional("Pollster", 120),
    pollShare: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/%$/, "") : null))
      .refine((v) => v === null || (/^\d+(\.\d+)?$/.test(v) && Number(v) <= 100), "Poll share must be a percentage from 0 to 100.")
      .transform((v) => (v === null ? null : Number(v))),
    sourceKind: z.enum(SOURCE_KINDS, { error: "Choose where this came from." }),
    sourceUrl: optionalUrl("Source URL"),
    capturedAt: optionalIsoDate("Date captured"),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    requirePublicSource(ctx, { kind: v.sourceKind, url: v.sourceUrl, capturedAt: v.capturedAt }, { url: "sourceUrl", capturedAt: "capturedAt" });
    switch (v.kind) {
      case "position":
        if (!v.topic) need("topic", "A position needs the issue it is about.");
        if (!v.body) need("body", "Describe the position.");
        break;
      case "fundraising":
        if (v.raised === null && v.cashOnHand === null) need("raised", "Give the amount raised, cash on hand, or both.");
        if (!v.asOf) need("asOf", "Fundraising figures need their as-of date.");
        break;
      case "poll":
        if (!v.pollster) need("pollster", "A poll needs its pollster.");
        if (v.pollShare === null) need("pollShare", "A poll needs the candidate's share.");
        if (!v.asOf) need("asOf", "A poll needs the date it was taken.");
        break;
      default:
        if (!v.body) need("body", "Write the note.");
    }
  });

export const stanceForm = z.object({
  candidateId: wholeNumber("Candidate", 1, Number.MAX_SAFE_INTEGER),
  partnerId: wholeNumber("Partner", 1, Number.MAX_SAFE_INTEGER),
  affiliateId: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0), "Choose an affiliate."),
  stance: z.enum(STANCES, { error: "Choose a stance." }),
  // issue 13: a ranked endorsement's rank, at a table that takes them (checked against its maximum by the model)
  rank: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,2}$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: "custom", message: "Rank must be a whole number: 1 for the first choice." });
        return z.NEVER;
      }
      return Number(v);
    }),
  decidedOn: isoDate("Decision date"),
  decidingBody: optional("Deciding body", 160),
  note: optional("Note", 2000),
  notePrivate: checkbox,
  // absent or empty: our own research (a default, so the browser does not mark it required)
  noteSource: z.enum(SOURCE_KINDS, { error: "Choose where the note's information came from." }).default("research"),
});

/** A chosen record's id (a select or a hidden field): a positive whole number, else `message`. */
export const chosenId = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => ID_PATTERN.test(v), message)
    .transform(Number);

/** An id picked from a list that may be left empty (null). */
export const optionalChosenId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || ID_PATTERN.test(v), message)
    .transform((v) => (v === null ? null : Number(v)));

/** Seating a partner of another table at this one. */
export const seatPartnerForm = z.object({ partnerId: chosenId("Choose a partner.") });

/** Removing a note or figure from a candidate's profile. */
export const removeProfileItemForm = z.object({ itemId: chosenId("Choose an item to remove.") });

export type FieldErrors = Record<string, string>;
/** What was posted: one string per field, or a list where a name repeats (a checkbox list). */
export type FormValues = Record<string, string | string[]>;

/** What was posted, with one intent: a form names it in a hidden field and again on its submit button. */
export type PostedValues = FormValues & { intent?: string };

/**
 * Turns FormData into plain values (a repeated name becomes a list, files are left out), for
 * parsing and for re-filling forms. The intent is one string (the last one named).
 */
export function formValues(formData: FormData): PostedValues {
  const out: FormValues = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== "string") continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  if (Array.isArray(out.intent)) out.intent = out.intent[out.intent.length - 1] ?? "";
  return out as PostedValues;
}

/** One posted value as a string (the last one, where a name repeated). */
export function single(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[value.length - 1] ?? "") : (value ?? "");
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/** Parses a form with a zod schema; on failure returns one message per field and what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, values: FormValues): Parsed<z.output<S>> {
  // An empty field reads as absent, as conform reads it in the browser and on the server.
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  const result = schema.safeParse(present);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}

export { US_STATES };
