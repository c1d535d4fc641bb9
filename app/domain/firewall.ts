import type { LegalType } from "~/domain/vocabulary";
import type { SourceKind } from "~/domain/vocabulary";
import type { Account, OverrideScope, WallReason } from "~/domain/vocabulary";
import { daysBetween } from "./dates";

/**
 * The firewall's pure rules: DESIGN.md's table of legal types (which side of a race each
 * member stands on, whether it may receive a campaign's non-public information) and rules
 * F2–F9. The one server-side gate (app/models/firewall.server.ts) asks these.
 */
export type Side = "independent" | "coordinated" | "none";

export const SIDE_LABELS: Record<Side, string> = { independent: "Independent", coordinated: "Coordinated", none: "None (nonpartisan only)" };

export const ACCOUNT_LABELS: Record<Account, string> = {
  main: "Organization",
  members_only: "Members-only program",
  contribution: "Contribution account",
  non_contribution: "Non-contribution (independent expenditure) account",
};

/** The accounts of a member that are sides of their own: a hybrid PAC's two accounts, a union's members-only program. */
export function accountsOf(legalType: LegalType): Account[] {
  if (legalType === "hybrid_pac") return ["contribution", "non_contribution"];
  if (legalType === "c5") return ["main", "members_only"];
  return ["main"];
}

/**
 * The accounts a person acting for a member stands on (issue 18): a hybrid PAC's person whom
 * counsel dedicated to one account stands on that one only; anyone else on every account of
 * the member, so a person on both of a hybrid PAC's accounts is walled by the independent one.
 */
export function personAccounts(legalType: LegalType, dedicated: Account | null | undefined): Account[] {
  const all = accountsOf(legalType);
  return legalType === "hybrid_pac" && dedicated && all.includes(dedicated) ? [dedicated] : all;
}

/** Whether counsel may dedicate a member's person to this account (the refusal message when not). */
export function checkDedication(legalType: LegalType, account: Account): string | null {
  if (legalType !== "hybrid_pac") return "Only a hybrid PAC's people are dedicated to one account: other members have one side per race.";
  return accountsOf(legalType).includes(account) ? null : "Choose the contribution or the non-contribution account.";
}

/** The sides the law allows a member's account to take in a race. The first is its default. */
export function sidesAllowed(legalType: LegalType, account: Account): Side[] {
  if (!accountsOf(legalType).includes(account)) return [];
  switch (legalType) {
    case "c3":
      return ["none"];
    case "c4":
    case "super_pac":
      return ["independent"];
    case "c5":
      return account === "members_only" ? ["independent", "coordinated"] : ["independent"];
    case "hybrid_pac":
      return account === "contribution" ? ["independent", "coordinated"] : ["independent"];
    case "pac":
    case "527":
      return ["independent", "coordinated"];
    default:
      return [];
  }
}

/**
 * A member's side before its counsel says otherwise: a 501(c)(3) has none (nonpartisan work
 * only); everyone else starts independent, the side that receives less.
 */
export function defaultSide(legalType: LegalType): Side {
  return legalType === "c3" ? "none" : "independent";
}

/**
 * The side of one account in one race: counsel's setting when the law allows it, else the
 * default. A setting the legal type does not allow (say, after a change of legal type) is
 * ignored: the side falls back to the default, which never receives more.
 */
export function sideOf(legalType: LegalType, account: Account, setting: Side | null | undefined): Side {
  const allowed = sidesAllowed(legalType, account);
  if (allowed.length === 0) return defaultSide(legalType);
  return setting && allowed.includes(setting) ? setting : allowed[0];
}

/** Whether counsel may set this side for this account (the refusal message when not). */
export function checkSideSetting(legalType: LegalType, account: Account, side: Side): string | null {
  const allowed = sidesAllowed(legalType, account);
  if (allowed.length === 0) return "This member has no such account.";
  if (allowed.includes(side)) return null;
  return `A member of this legal type may only be ${allowed.map((s) => SIDE_LABELS[s].toLowerCase()).join(" or ")} on this account.`;
}

/**
 * Rule F2: may this person receive `campaign` information about a race? Neutral staff (no
 * member role) may; a person acting for members may only if every one of their sides there
 * is coordinated. One independent or nonpartisan side is enough to wall the person: someone
 * holding roles in a 501(c)(4) and in its connected PAC is walled.
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

export function withheldNotice(n: number, what: "note" | "item" = "note", reader: "member" | "counsel" = "member"): string | null {
  if (n <= 0) return null;
  const head = `${n} ${n === 1 ? what : `${what}s`} from the campaign ${n === 1 ? "is" : "are"} withheld under your firewall (rule F2).`;
  // issue 15: counsel was told to "ask your counsel"; say what counsel can do here instead
  if (reader === "counsel")
    return `${head} No override opens campaign information to an independent-side member. Where your member's legal type allows, you can set it coordinated in this race on the Sides page: its people may then receive campaign information and are walled from its independent-side work. Who heard plans or needs is on the wall roster.`;
  return `${head} Ask your counsel if you think you should see ${n === 1 ? "it" : "them"}.`;
}

/** Rule F4's lookback: service on day L walls work on day T while T − L ≤ the lookback; 120 is the federal one (each table sets its own: firewall-lengths.ts). */
export const LOOKBACK_DAYS = 120;

export type WallSpan = { reason: WallReason; raceId: number | null; startDate: string; lastServiceDate: string | null; untilDate: string | null };

/** Whether a wall entry covers a race: party committee service taints every race (F4). */
export function wallCoversRace(wall: Pick<WallSpan, "reason" | "raceId">, raceId: number): boolean {
  return wall.reason === "party_service" || wall.raceId === raceId;
}

/**
 * Whether a wall entry bars independent-side work on `workDate` (the date of the work, not
 * today). Service (F4): from its start while serving, and until T − L ≤ lookbackDays after the
 * last date of service L. A campaign contact (F3): from the contact until the general election.
 */
export function wallActiveOn(wall: WallSpan, workDate: string, lookbackDays: number): boolean {
  if (workDate < wall.startDate) return false;
  if (wall.reason === "campaign_contact") return wall.untilDate === null || workDate <= wall.untilDate;
  if (wall.lastServiceDate === null) return true;
  return daysBetween(wall.lastServiceDate, workDate) <= lookbackDays;
}

/** The first date a service wall no longer bars work (L + lookback + 1), or null while serving / for contacts. */
export function wallClearsOn(wall: WallSpan, lookbackDays: number): string | null {
  if (wall.reason === "campaign_contact") return null;
  if (!wall.lastServiceDate) return null;
  const d = new Date(`${wall.lastServiceDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + lookbackDays + 1);
  return d.toISOString().slice(0, 10);
}

export type VendorClientSpan = { kind: "candidate" | "party"; raceId: number | null; startDate: string; lastServiceDate: string | null };

/**
 * Rule F5: a vendor that served a candidate in the race, or a party, within the lookback
 * (120 days federally) of the use needs its own written firewall policy on file before a
 * member uses it there.
 */
export function vendorNeedsPolicy(clients: readonly VendorClientSpan[], raceId: number, useDate: string, lookbackDays: number): boolean {
  return clients.some(
    (c) =>
      (c.kind === "party" || c.raceId === raceId) &&
      c.startDate <= useDate &&
      (c.lastServiceDate === null || daysBetween(c.lastServiceDate, useDate) <= lookbackDays),
  );
}

/** Rule F9: a joint canvass with a campaign needs two counsel approvals; other overrides one. */
export function requiredApprovals(scope: OverrideScope): 1 | 2 {
  return scope === "joint_canvass" ? 2 : 1;
}

export type OverrideState = { revokedAt: string | null; expiresOn: string; requiredApprovals: number; approvers: readonly number[] };

/** An override allows the refused act while it is not revoked, not past its expiry date (inclusive), and has its approvals from distinct people. */
export function overrideInForce(o: OverrideState, onDate: string): boolean {
  return o.revokedAt === null && onDate <= o.expiresOn && new Set(o.approvers).size >= o.requiredApprovals;
}

export type PolicyStanding = { partnerId: number; partnerName: string; currentVersion: number | null; acknowledgedVersion: number | null };

/**
 * Rule F6: before opening a race workspace, each member a person acts for must have a
 * current written policy, and the person must have acknowledged that version. Returns what
 * is missing, member by member (empty: the workspace may open).
 */
export function policyGaps(standings: readonly PolicyStanding[]): { partnerId: number; partnerName: string; problem: "no_policy" | "not_acknowledged"; version: number | null }[] {
  const gaps: { partnerId: number; partnerName: string; problem: "no_policy" | "not_acknowledged"; version: number | null }[] = [];
  for (const s of standings) {
    if (s.currentVersion === null) gaps.push({ partnerId: s.partnerId, partnerName: s.partnerName, problem: "no_policy", version: null });
    else if (s.acknowledgedVersion !== s.currentVersion) gaps.push({ partnerId: s.partnerId, partnerName: s.partnerName, problem: "not_acknowledged", version: s.currentVersion });
  }
  return gaps;
}

/**
 * Rule F7: independent-side field plans, turf, lists and results never go to a campaign:
 * a shift with a campaign host, or an export or share to a campaign recipient, is refused.
 * Returns the refusal's message, or null when the act is allowed without an override.
 */
export function campaignHostRefusal(side: Side, counterpartyIsCampaign: boolean, what: "shift" | "export" | "share"): string | null {
  if (!counterpartyIsCampaign || side === "coordinated") return null;
  const act = what === "shift" ? "A shift on the independent side may not be hosted by or joined with a campaign" : what === "export" ? "Independent-side plans, turf, lists and results may not be exported to a campaign" : "Independent-side plans, turf, lists and results may not be shared with a campaign";
  return `${act} (firewall rule F7). Your counsel can record an override with a reason, scope and expiry${what === "shift" ? "; a joint canvass with a campaign needs two counsel approvals" : ""} (rule F9).`;
}
