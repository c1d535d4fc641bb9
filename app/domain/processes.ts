import { z } from "zod";
import { STANCE_LABELS } from "./critical-mass";
import { chosenId, optionalChosenId, optionalIsoDate, required } from "./forms";
import type { Stance } from "./vocabulary";

/**
 * Each partner's own endorsement process (issue 17): its ordered steps, and where a candidate
 * stands in it. Pure: form schemas, the cell's words, who is mid-process.
 */

/** A partner keeps at most this many steps: a process, not a task list. */
export const MAX_PROCESS_STEPS = 20;

/** Example steps offered to a partner that has none yet. */
export const EXAMPLE_STEPS = ["Questionnaire sent", "Questionnaire returned", "Interview done", "Chapter recommendation", "Board vote", "Announced"] as const;

export const processStepForm = z.object({ label: required("Step", 80) });
export const processStepMoveForm = z.object({ stepId: chosenId("Choose a step."), direction: z.enum(["up", "down"], { error: "Choose up or down." }) });
export const processStepRemoveForm = z.object({ stepId: chosenId("Choose a step.") });

/** Where a candidate stands in one partner's process: the step reached (empty: not started) and the date it expects to decide. */
export const candidateProcessForm = z.object({
  candidateId: chosenId("Choose a candidate."),
  partnerId: chosenId("Choose a partner."),
  stepId: optionalChosenId("Choose one of this partner's steps."),
  expectedOn: optionalIsoDate("Expected decision"),
});
export type CandidateProcessInput = z.output<typeof candidateProcessForm>;

/**
 * A matrix cell's words: the stance, then the step reached ("Considering · Interview done").
 * A step with no stance yet reads alone; no stance and no step is empty.
 */
export function cellText(stance: Stance | null, step: string | null): string {
  const parts = [stance ? STANCE_LABELS[stance] : null, step].filter((p): p is string => !!p);
  return parts.join(" · ");
}

/** "step 3 of 6" */
export function stepProgress(position: number, of: number): string {
  return `step ${position} of ${of}`;
}

/**
 * A partner is mid-process on a candidate while it has reached a step (or named a date) and
 * not decided: its stance is none or considering. Endorsed, declined and withdrawn are decided.
 */
export function isMidProcess(p: { stance: Stance | null; stepId: number | null; expectedOn: string | null }): boolean {
  return (p.stepId !== null || p.expectedOn !== null) && (p.stance === null || p.stance === "considering");
}

/** The steps reordered: `stepId` swapped with its neighbour; unchanged at either end or when absent. */
export function moveStep<T extends { id: number }>(steps: readonly T[], stepId: number, direction: "up" | "down"): T[] {
  const list = [...steps];
  const i = list.findIndex((s) => s.id === stepId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= list.length) return list;
  [list[i], list[j]] = [list[j], list[i]];
  return list;
}
