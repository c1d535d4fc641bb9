import { z } from "zod";
import { chosenId, optional, optionalIsoDate, optionalUrl, requirePublicSource, required } from "./forms";
import type { SourceKind } from "./vocabulary";

/**
 * The shared questionnaire (issue 17): the table's questions for its candidates (one table is
 * one cycle at one level), members' proposed questions, each partner's own questions, and the
 * candidates' answers with their source. Pure: forms and the source rule.
 */

/**
 * Where an answer comes from. A candidate's answer is never the table's research: either the
 * campaign gave it to the table (`campaign` information under rule F2) or the campaign
 * published it (`public`, with the URL and the date it was captured).
 */
export const ANSWER_SOURCES = ["campaign", "public"] as const satisfies readonly SourceKind[];
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

export const ANSWER_SOURCE_LABELS: Record<AnswerSource, string> = {
  campaign: "Given to the table by the campaign (withheld from independent-side members)",
  public: "Published by the campaign (give the URL)",
};

/** The source an answer is stored with: the rule in one place (a published answer is public only with its URL). */
export function answerSourceProblem(v: { sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null }): { field: "sourceKind" | "sourceUrl" | "capturedAt"; message: string } | null {
  if (v.sourceKind === "research") return { field: "sourceKind", message: "An answer comes from the campaign: given to the table (campaign) or published (public)." };
  if (v.sourceKind === "public" && !v.sourceUrl) return { field: "sourceUrl", message: "A published answer needs the URL where the campaign published it." };
  if (v.sourceKind === "public" && !v.capturedAt) return { field: "capturedAt", message: "A public source needs the date it was captured." };
  return null;
}

export const questionForm = z.object({ text: required("Question", 500) });

/** A member's representative proposes a question to the table, or adds its own (`own`). */
export const proposeQuestionForm = z.object({
  partnerId: chosenId("Choose the partner asking."),
  text: required("Question", 500),
  why: optional("Why the table should ask it", 1000),
});

export const questionIdForm = z.object({ questionId: chosenId("Choose a question.") });
export const declineForm = z.object({ id: chosenId("Choose what to answer."), reply: required("Reply", 1000) });

export const answerForm = z
  .object({
    questionId: chosenId("Choose a question."),
    candidateId: chosenId("Choose a candidate."),
    body: required("Answer", 5000),
    sourceKind: z.enum(ANSWER_SOURCES, { error: "Choose where the answer came from: given to the table (campaign) or published (public)." }),
    sourceUrl: optionalUrl("Source URL"),
    capturedAt: optionalIsoDate("Date captured"),
  })
  .superRefine((v, ctx) => {
    requirePublicSource(ctx, { kind: v.sourceKind, url: v.sourceUrl, capturedAt: v.capturedAt }, { url: "sourceUrl", capturedAt: "capturedAt" });
  });
export type AnswerInput = z.output<typeof answerForm>;

/** Whose a question is, in words: "The table", "The table (proposed by KA)", "KA's own". */
export function questionOwner(q: { partnerShortName: string | null; proposedByShortName: string | null }): string {
  if (q.partnerShortName) return `${q.partnerShortName}'s own`;
  return q.proposedByShortName ? `The table (proposed by ${q.proposedByShortName})` : "The table";
}
