import { z } from "zod";
import { chosenId, optionalChosenId, optionalIsoDate, optionalUrl, requirePublicSource, required } from "./forms";
import type { DiffPart } from "./text-diff";
import { SOURCE_KINDS, type ProposalStatus, type SourceKind } from "./vocabulary";

/**
 * Members write too (issue 17): a member's representative proposes an agenda item or a change
 * to its sub-table's agreement, and the facilitator accepts it or answers it with a reason;
 * anyone at the table comments on a candidate (a sub-table's people on their sub-table), with
 * the comment's source like a note's (rule F2). Pure: the forms and the agenda item's words.
 */

export const agendaProposalForm = z.object({
  partnerId: chosenId("Choose the partner proposing it."),
  title: required("Agenda item", 200),
  why: required("Why the table should discuss it", 2000),
});

/** The agenda item an accepted proposal becomes: who proposed it, and its title. */
export function proposalAgendaTitle(partnerShortName: string, title: string): string {
  const t = `Proposed by ${partnerShortName}: ${title}`;
  return t.length > 300 ? `${t.slice(0, 299)}…` : t;
}

const agreementText = (label: string) => required(label, 5000);

/** A change to an agreement's four parts, against the version the member read. */
export const agreementProposalForm = z.object({
  partnerId: chosenId("Choose the partner proposing it."),
  baseVersionId: chosenId("Reload the page: the version you read is missing."),
  decidesTogether: agreementText("What the sub-table decides together"),
  eachKeeps: agreementText("What each member keeps for itself"),
  workAndCredit: agreementText("How work and credit are shared"),
  actingAlone: agreementText("What happens when a member acts on its own"),
  why: required("Why", 2000),
});
export type AgreementProposalInput = z.output<typeof agreementProposalForm>;

export const AGREEMENT_PARTS = [
  ["decidesTogether", "What the sub-table decides together"],
  ["eachKeeps", "What each member keeps for itself"],
  ["workAndCredit", "How work and credit are shared"],
  ["actingAlone", "What happens when a member acts on its own"],
] as const;

export const decideProposalForm = z.object({ id: chosenId("Choose a proposal.") });

const sourced = z.object({
  body: required("Comment", 3000),
  // absent: the author's own view (research); what a campaign said is marked so (rule F2)
  sourceKind: z.enum(SOURCE_KINDS, { error: "Choose where this came from." }).default("research"),
  sourceUrl: optionalUrl("Source URL"),
  capturedAt: optionalIsoDate("Date captured"),
});

const publicNeedsUrl = (v: z.output<typeof sourced>, ctx: z.RefinementCtx) =>
  requirePublicSource(ctx, { kind: v.sourceKind, url: v.sourceUrl, capturedAt: v.capturedAt }, { url: "sourceUrl", capturedAt: "capturedAt" });

/** partnerId: the member the author speaks for; empty for neutral staff. */
export const commentForm = sourced.extend({ partnerId: optionalChosenId("Choose who you comment for.") }).superRefine(publicNeedsUrl);
export type CommentInput = z.output<typeof commentForm>;
export const editCommentForm = sourced.extend({ commentId: chosenId("Choose a comment.") }).superRefine(publicNeedsUrl);
export const deleteCommentForm = z.object({ commentId: chosenId("Choose a comment.") });

/** A proposed agreement change as pages show it: per part of the text, the word diff from the version it was written against. */
export type AgreementProposalView = {
  id: number;
  partnerShortName: string;
  why: string;
  status: ProposalStatus;
  reply: string | null;
  baseVersion: number;
  resultVersion: number | null;
  createdAt: string;
  diff: { part: (typeof AGREEMENT_PARTS)[number][0]; parts: DiffPart[] }[];
};

/** A comment as pages show it. */
export type CommentView = {
  id: number;
  body: string;
  sourceKind: SourceKind;
  sourceUrl: string | null;
  capturedAt: string | null;
  authorId: number;
  authorName: string;
  partnerShortName: string | null;
  createdAt: string;
  editedAt: string | null;
};
