import { z } from "zod";
import { MATERIAL_KINDS, TURF_KINDS, WORK_SIDES, WORK_TYPES, type Chamber, type LocalityKind, type SeatKind, type TurfKind, type UnitDistrictKind, type WorkType } from "~/domain/vocabulary";
import { normalizeCounty } from "./coverage";
import { readLocalDistrict } from "./jurisdictions";
import { SOURCE_KINDS } from "~/domain/vocabulary";
import { HOUSE_SEATS, normalizeDistrict } from "./districts";
import { isIsoDate } from "./dates";
import { checkbox, chosenId, isoDate, optionalIsoDate, optionalUrl, required } from "./forms";

/** Form schemas of joint field work (issue 5): programs, turf units, pledges, the split. */

export const WORK_TYPE_LABELS: Record<WorkType, string> = {
  doorknock: "Doorknocking",
  phonebank: "Phonebank",
  textbank: "Textbank",
  public_event: "Public event",
  organizing_call: "Joint organizing call",
};

/** What a program's goal for a work type counts. */
export const GOAL_UNITS: Record<WorkType, string> = {
  doorknock: "doors knocked",
  phonebank: "calls",
  textbank: "texts",
  public_event: "events",
  organizing_call: "calls held",
};

const ID = /^[1-9]\d{0,15}$/;

/**
 * A choice that may be left out (a select with a usual answer): blank or absent reads as
 * `fallback`, anything else must be one of `values`. Not required, so its label has no "*".
 */
export function choiceOr<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number], message: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx): T[number] => {
      const chosen = v || fallback;
      if ((values as readonly string[]).includes(chosen)) return chosen;
      ctx.issues.push({ code: "custom", message, input: v });
      return z.NEVER;
    });
}

/**
 * The hidden ids a form carries (the row or record a button acts on). There is no field to
 * show a junk id by, so it is a refusal of the whole form, with `message`.
 */
export function hiddenIds<const K extends string>(keys: readonly K[], message: string) {
  const shape = Object.fromEntries(keys.map((k) => [k, z.unknown().optional()])) as { [P in K]: z.ZodOptional<z.ZodUnknown> };
  return z.object(shape).transform((v, ctx) => {
    const ids = {} as Record<K, number>;
    for (const k of keys) {
      const raw = (v as Record<string, unknown>)[k];
      const text = typeof raw === "string" ? raw.trim() : "";
      if (!ID.test(text)) {
        ctx.issues.push({ code: "custom", message, input: raw });
        return z.NEVER;
      }
      ids[k] = Number(text);
    }
    return ids;
  });
}

/** The form field of a work type's goal: goal_doorknock, goal_phonebank, ... */
export const goalField = (w: WorkType) => `goal_${w}` as const;

const GOAL_MAX = 10_000_000;

/** A blank goal means "no goal for this work type". */
const optionalGoal = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[,\s]/g, "") : null))
    .refine((v) => v === null || /^\d+$/.test(v), `${label} must be a whole number, 0 or more.`)
    .refine((v) => v === null || v.length <= 8, `${label} must be at most ${GOAL_MAX.toLocaleString("en-US")}.`)
    .transform((v) => (v === null ? null : Number(v)))
    .refine((n) => n === null || n <= GOAL_MAX, `${label} must be at most ${GOAL_MAX.toLocaleString("en-US")}.`);

const goalShape = Object.fromEntries(WORK_TYPES.map((w) => [goalField(w), optionalGoal(`The ${WORK_TYPE_LABELS[w].toLowerCase()} goal`)])) as Record<
  `goal_${WorkType}`,
  ReturnType<typeof optionalGoal>
>;

export type ProgramInput = {
  name: string;
  startDate: string;
  endDate: string;
  side: (typeof WORK_SIDES)[number];
  goals: Partial<Record<WorkType, number>>;
};

/**
 * A sub-table's program for its candidate: name, dates, side and a goal per work type. The
 * browser validates with `programFields` (conform reads a form's constraints from its fields
 * and cannot read a transform of the whole form); the server parses with `programForm`, the
 * same fields and checks, read into a ProgramInput.
 */
export const programFields = z
  .object({
    name: required("Name", 120),
    startDate: isoDate("Start date"),
    endDate: isoDate("End date"),
    side: choiceOr(WORK_SIDES, "independent", "Choose independent or coordinated."),
    ...goalShape,
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.startDate) && isIsoDate(v.endDate) && v.endDate < v.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be on or after the start date." });
    }
  });
export const programForm = programFields.transform((v): ProgramInput => {
  const goals: Partial<Record<WorkType, number>> = {};
  for (const w of WORK_TYPES) {
    const g = v[goalField(w)];
    if (g !== null) goals[w] = g;
  }
  return { name: v.name, startDate: v.startDate, endDate: v.endDate, side: v.side, goals };
});

/**
 * Starting a program: the sub-table it is for, then the program's own fields. The server reads
 * the sub-table first (its partners decide who may start the program), then `programForm`;
 * the browser validates both at once with `newProgramForm`.
 */
export const programSubTableForm = z.object({
  subTableId: z
    .string({ error: "Choose a sub-table of this table." })
    .trim()
    .refine((v) => ID.test(v), "Choose a sub-table of this table.")
    .transform(Number),
});
export const newProgramForm = programSubTableForm.and(programFields);

// ---- Turf units ----

/**
 * Turf units typed by hand or imported from a CSV file (issue 5). A unit is a walk packet,
 * a call-list chunk or a text-list chunk with its size and geography; never a voter's name
 * or number.
 */

export const TURF_KIND_LABELS: Record<TurfKind, string> = {
  walk_packet: "Walk packet",
  call_list: "Call-list chunk",
  text_list: "Text-list chunk",
};
export const TURF_SIZE_UNITS: Record<TurfKind, string> = { walk_packet: "doors", call_list: "numbers", text_list: "numbers" };
/** A unit's size with what it counts: "500 numbers", "1,200 doors", "1 door" (issue 15: a bare "500"). */
export function unitSize(kind: TurfKind, size: number): string {
  const unit = TURF_SIZE_UNITS[kind];
  return `${size.toLocaleString("en-US")} ${size === 1 ? unit.replace(/s$/, "") : unit}`;
}

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_UNIT_SIZE = 100_000;

/** "Walk packet", "walk-packet", "WALK_PACKET" → walk_packet. */
export function normalizeKind(raw: string): string {
  const v = raw.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (v === "call_list_chunk" || v === "phone_list") return "call_list";
  if (v === "text_list_chunk") return "text_list";
  return v;
}

export const turfUnitForm = z.object({
  code: required("Unit id", 60).refine((v) => !/[\u0000-\u001f]/.test(v), "Unit id must be plain text."),
  kind: z
    .string({ error: "Choose a walk packet, call-list chunk or text-list chunk." })
    .transform(normalizeKind)
    .pipe(z.enum(TURF_KINDS, { error: "Kind must be walk_packet, call_list or text_list." })),
  name: required("Name", 120),
  size: z
    .string({ error: "Size is required." })
    .trim()
    .min(1, "Size is required.")
    .transform((v) => v.replace(/,/g, ""))
    .refine((v) => /^\d+$/.test(v), "Size must be a whole number of doors or numbers, 0 or more.")
    .refine((v) => v.length <= 7 && Number(v) <= MAX_UNIT_SIZE, `Size must be at most ${MAX_UNIT_SIZE.toLocaleString("en-US")}.`)
    .transform(Number),
  state: z
    .string({ error: "State is required." })
    .trim()
    .toUpperCase()
    .refine((v) => Object.hasOwn(HOUSE_SEATS, v), "State must be a two-letter US state code, like PA."),
  // the district at the race's level: congressional, a chamber's, a ward (placeUnit reads it)
  district: required("District", 60),
  county: required("County", 80),
  precinct: z
    .string()
    .trim()
    .max(60, "Precinct must be at most 60 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
  // issue 13: a call or text list kept for local callers (doors always are)
  localOnly: checkbox,
});
export type TurfUnitInput = Omit<z.output<typeof turfUnitForm>, "localOnly"> & { localOnly?: boolean };

/** Editing a unit: its fields (what the browser validates) and the unit (a hidden id, the server's to check). */
export const turfUnitEditForm = turfUnitForm.and(hiddenIds(["unitId"], "Choose a unit to edit."));
/** The buttons of a unit's row and edit panel. */
export const unitLockForm = hiddenIds(["unitId"], "Choose a unit.");
export const unitDeleteForm = hiddenIds(["unitId"], "Choose a unit to remove.");

export const NO_CSV_MESSAGE = "Choose a CSV file, or paste its lines.";
export const IMPORT_LIMIT_MESSAGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the limit per import. Split it into smaller files. Nothing was saved.`;

/**
 * Checking a CSV import: an uploaded file or pasted lines. The browser reads it with this
 * schema before the upload (a missing or too large file is said at once); the server reads
 * the same two ways in with the same messages (the file's bytes are not a form value there).
 */
export const turfImportForm = z
  .object({
    file: z.file().max(MAX_IMPORT_BYTES, IMPORT_LIMIT_MESSAGE).optional(),
    csv: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.file?.size && !v.csv?.trim()) ctx.addIssue({ code: "custom", path: ["csv"], message: NO_CSV_MESSAGE });
  });

/** A race's place; chamber or locality set: a state-legislative or municipal race, whose district is not a congressional one. */
export type RaceArea = { state: string; district: string | null; chamber?: Chamber | null; locality?: string | null; localityKind?: LocalityKind | null; seatKind?: SeatKind | null };

/** What a unit's district is called at its race's level: the unit form's label and the import's help. */
export function unitDistrictLabel(race: RaceArea): string {
  if (race.chamber) return race.chamber === "upper" ? "State senate district" : "State house district";
  if (race.locality && race.localityKind === "county") return `District of ${race.locality}`;
  if (race.locality) return `Ward of ${race.locality}`;
  return "Congressional district";
}

export type PlacedUnit<T> = T & { districtKind: UnitDistrictKind; locality: string | null };

/**
 * Whether a unit lies in the program's race, and its geography at the race's level (issue 13):
 * - federal: a congressional district that exists in the state, the race's own for a House race;
 * - state legislative: the race's chamber, and a district as the state writes it (the race's own);
 * - municipal, a city: a ward of the race's city (the race's own ward for a ward seat; any
 *   ward for an at-large or citywide seat);
 * - municipal, a county: the race's county, and a county district as the county writes it.
 * Returns the unit with its district normalized ("7" → "07", "ward 5" → "5") and its kind,
 * or the field and message.
 */
export function placeUnit<T extends { state: string; district: string; county: string }>(
  unit: T,
  race: RaceArea,
): { ok: true; unit: PlacedUnit<T> } | { ok: false; field: "state" | "district" | "county"; message: string } {
  if (unit.state !== race.state) return { ok: false, field: "state", message: `This program's race is in ${race.state}; the unit is in ${unit.state}.` };
  if (race.chamber) {
    const house = race.chamber === "upper" ? "state senate" : "state house";
    const d = readLocalDistrict(unit.district, `${house} district`);
    if (!d.ok) return { ok: false, field: "district", message: d.message };
    if (race.district && d.value.toLowerCase() !== race.district.toLowerCase()) {
      return { ok: false, field: "district", message: `District ${d.value} is outside this race (${race.state} ${house} district ${race.district}).` };
    }
    return { ok: true, unit: { ...unit, district: d.value, districtKind: race.chamber, locality: null } };
  }
  if (race.locality && race.localityKind === "county") {
    if (normalizeCounty(unit.county) !== normalizeCounty(race.locality)) {
      return { ok: false, field: "county", message: `${unit.county} is outside this race (${race.locality}).` };
    }
    const d = readLocalDistrict(unit.district.replace(/^district\s+/i, ""), "county district");
    if (!d.ok) return { ok: false, field: "district", message: d.message };
    return { ok: true, unit: { ...unit, district: d.value, districtKind: "county_district", locality: null } };
  }
  if (race.locality) {
    const d = readLocalDistrict(unit.district.replace(/^ward\s+/i, ""), "ward");
    if (!d.ok) return { ok: false, field: "district", message: `${d.message} In a city, write the unit's ward.` };
    if (race.seatKind === "ward" && race.district && d.value.toLowerCase() !== race.district.toLowerCase()) {
      return { ok: false, field: "district", message: `Ward ${d.value} is outside this race (${race.locality} Ward ${race.district}).` };
    }
    return { ok: true, unit: { ...unit, district: d.value, districtKind: "ward", locality: race.locality } };
  }
  const district = normalizeDistrict(unit.state, unit.district.trim().toUpperCase());
  if (district === null) {
    const seats = HOUSE_SEATS[unit.state];
    const has = seats === 1 ? "one at-large district, AL" : `districts 1 to ${seats}`;
    return { ok: false, field: "district", message: `Unknown district ${unit.district}: ${unit.state} has ${has}.` };
  }
  if (race.district && district !== race.district) {
    return { ok: false, field: "district", message: `District ${district} is outside this race (${race.state}-${race.district}).` };
  }
  return { ok: true, unit: { ...unit, district, districtKind: "congressional", locality: null } };
}

// ---- Pledges ----

export const MAX_PLEDGE_HOURS = 10_000;

/** An affiliate's pledge of volunteer hours for one work type in one week (weekStart: its Monday). */
export const pledgeForm = z.object({
  affiliateId: chosenId("Choose an affiliate."),
  workType: z.enum(WORK_TYPES, { error: "Choose a work type." }),
  weekStart: isoDate("Week").refine((v) => !isIsoDate(v) || new Date(`${v}T00:00:00Z`).getUTCDay() === 1, "Choose a week (it starts on a Monday)."),
  hours: z
    .string({ error: "Hours are required." })
    .trim()
    .min(1, "Hours are required.")
    .refine((v) => /^-?\d+(\.\d{1,2})?$/.test(v), "Hours must be a number, like 12 or 7.5.")
    .transform(Number)
    .refine((n) => n >= 0, "Hours cannot be negative.")
    .refine((n) => n <= MAX_PLEDGE_HOURS, `Hours must be at most ${MAX_PLEDGE_HOURS.toLocaleString("en-US")} a week.`),
});
export type PledgeInput = z.output<typeof pledgeForm>;

/** The Mondays of the weeks a program spans, from the week of its start to the week of its end. */
export function programWeeks(startDate: string, endDate: string): string[] {
  const start = new Date(`${startDate}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (const d = start; d.toISOString().slice(0, 10) <= endDate && weeks.length < 200; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(d.toISOString().slice(0, 10));
  return weeks;
}

// ---- The split: moving and locking units by hand ----

export const moveUnitForm = z.object({
  unitId: chosenId("Choose a unit."),
  affiliateId: chosenId("Choose an affiliate."),
});

/** A script, talking points or literature for a program, with its information source (rule F2). */
export const materialForm = z
  .object({
    kind: z.enum(MATERIAL_KINDS, { error: "Choose what this is." }),
    title: z.string({ error: "Give it a title." }).trim().min(1, "Give it a title.").max(200, "The title must be at most 200 characters."),
    body: z.string().trim().max(20_000, "At most 20,000 characters.").optional().default(""),
    sourceKind: z.enum(SOURCE_KINDS, { error: "Choose where this came from." }),
    sourceUrl: optionalUrl("Source URL"),
    capturedAt: optionalIsoDate("Date captured"),
  })
  .superRefine((v, ctx) => {
    if (v.sourceKind === "public") {
      if (!v.sourceUrl) ctx.addIssue({ code: "custom", path: ["sourceUrl"], message: "A public source needs the URL it came from." });
      if (!v.capturedAt) ctx.addIssue({ code: "custom", path: ["capturedAt"], message: "A public source needs the date it was captured." });
    }
  });
export type MaterialInput = z.output<typeof materialForm>;

export const MATERIAL_KIND_LABELS: Record<(typeof MATERIAL_KINDS)[number], string> = {
  script: "Script",
  talking_points: "Talking points",
  literature: "Literature",
  attachment: "Attachment",
};
