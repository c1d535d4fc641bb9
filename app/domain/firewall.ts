import type { LegalType } from "../../db/schema/partners";
import type { SourceKind } from "../../db/schema/candidates";

/**
 * The firewall's pure rules. DESIGN.md's table of legal types: which side of a race each
 * member stands on and whether it may receive a campaign's non-public information.
 */
export type Side = "independent" | "coordinated" | "none";

/**
 * A member's side in a race before its counsel says otherwise: a 501(c)(3) has none
 * (nonpartisan work only); everyone else starts independent. A PAC or a hybrid PAC's
 * contribution account may be set to coordinated per race by its counsel (a later step);
 * until then it is independent, the side that receives less.
 */
export function defaultSide(legalType: LegalType): Side {
  return legalType === "c3" ? "none" : "independent";
}

/**
 * Rule F2: may this person receive `campaign` information about a race? Neutral staff (no
 * member role) may; a person acting for members may only if every one of those members is
 * on the coordinated side there. One independent or nonpartisan member is enough to wall
 * the person: someone holding roles in a 501(c)(4) and in its connected PAC is walled.
 */
export function mayReceiveCampaignInfo(memberSides: readonly Side[]): boolean {
  return memberSides.every((s) => s === "coordinated");
}

/** Splits information by source: what this person may see, and how many campaign items were withheld. */
export function withholdCampaign<T extends { sourceKind: SourceKind }>(items: readonly T[], allowed: boolean): { visible: T[]; withheld: number } {
  if (allowed) return { visible: [...items], withheld: 0 };
  const visible = items.filter((i) => i.sourceKind !== "campaign");
  return { visible, withheld: items.length - visible.length };
}

export function withheldNotice(n: number): string | null {
  if (n <= 0) return null;
  return `${n} ${n === 1 ? "note" : "notes"} from the campaign ${n === 1 ? "is" : "are"} withheld under your firewall (rule F2). Ask your counsel if you think you should see ${n === 1 ? "it" : "them"}.`;
}
