import { z } from "zod";
import { WORK_SIDES, WORK_TYPES, type WorkType } from "../../db/schema/field-work";
import { isIsoDate } from "./dates";

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

/** The form field of a work type's goal: goal_doorknock, goal_phonebank, ... */
export const goalField = (w: WorkType) => `goal_${w}` as const;

const GOAL_MAX = 10_000_000;

const name = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

const isoDate = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .refine(isIsoDate, `${label} must be a date (YYYY-MM-DD).`);

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

/** A sub-table's program for its candidate: name, dates, side and a goal per work type. */
export const programForm = z
  .object({
    name: name("Name", 120),
    startDate: isoDate("Start date"),
    endDate: isoDate("End date"),
    side: z
      .string()
      .optional()
      .transform((v) => v || "independent")
      .pipe(z.enum(WORK_SIDES, { error: "Choose independent or coordinated." })),
    ...goalShape,
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.startDate) && isIsoDate(v.endDate) && v.endDate < v.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be on or after the start date." });
    }
  })
  .transform((v): ProgramInput => {
    const goals: Partial<Record<WorkType, number>> = {};
    for (const w of WORK_TYPES) {
      const g = v[goalField(w)];
      if (g !== null) goals[w] = g;
    }
    return { name: v.name, startDate: v.startDate, endDate: v.endDate, side: v.side, goals };
  });
