import type { Decider, Stance } from "~/domain/vocabulary";

/** One row of endorsement history, as the rules need it. */
export type StanceEvent = {
  id: number;
  candidateId: number;
  partnerId: number;
  affiliateId: number | null;
  stance: Stance;
  /** Issue 13: the endorsement's rank at a table that takes ranked endorsements; null (or absent) when unranked. */
  rank?: number | null;
};

export const DECIDER_LABELS: Record<Decider, string> = {
  national: "The national partner",
  affiliate: "The partner's affiliate covering the race",
};

/**
 * Whose stance counts at a table (issue 13): the national partner's own (`national`), or an
 * affiliate's whose coverage contains the candidate's race (`affiliate`; `covers` answers that).
 */
export type DecidingRule = { decider: Decider; covers?: (affiliateId: number, candidateId: number) => boolean };
export const NATIONAL: DecidingRule = { decider: "national" };

/**
 * Whether a current stance counts toward critical mass: an endorsement, unranked or ranked
 * first (a sub-table commits field work to one candidate, so only a first choice can form or
 * join one), held by whom the table's rule says decides. Either way a partner counts once:
 * callers count distinct partners.
 */
export function countsTowardCriticalMass(e: StanceEvent, rule: DecidingRule = NATIONAL): boolean {
  if (e.stance !== "endorsed" || (e.rank ?? 1) !== 1) return false;
  if (rule.decider === "national") return e.affiliateId === null;
  return e.affiliateId !== null && (rule.covers?.(e.affiliateId, e.candidateId) ?? false);
}

/** "1st", "2nd", "3rd", "4th" … */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;
}

export const STANCE_LABELS: Record<Stance, string> = {
  considering: "Considering",
  endorsed: "Endorsed",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export const THRESHOLD_MIN = 2;
export const THRESHOLD_MAX = 10;
export const DEFAULT_THRESHOLD = 4;

export function holderKey(e: { candidateId: number; partnerId: number; affiliateId: number | null }): string {
  return `${e.candidateId}:${e.partnerId}:${e.affiliateId ?? "-"}`;
}

/**
 * The current stance of each holder (partner or affiliate) on each candidate: the newest
 * event wins. Events are ordered by id, the order they were appended.
 */
export function currentStances<T extends StanceEvent>(events: readonly T[]): Map<string, T> {
  const current = new Map<string, T>();
  const sorted = [...events].sort((a, b) => a.id - b.id);
  for (const e of sorted) current.set(holderKey(e), e);
  return current;
}

/**
 * Distinct partners whose current stance on the candidate counts (`countsTowardCriticalMass`):
 * by default the national partners' own endorsements; at a table where affiliates decide, the
 * endorsements of affiliates covering the race, one per partner however many of its chapters
 * endorse. The other kind of stance is shown elsewhere but does not count.
 */
export function endorsingPartners(events: readonly StanceEvent[], candidateId: number, rule: DecidingRule = NATIONAL): number[] {
  const ids = new Set<number>();
  for (const e of currentStances(events).values()) {
    if (e.candidateId === candidateId && countsTowardCriticalMass(e, rule)) ids.add(e.partnerId);
  }
  return [...ids].sort((a, b) => a - b);
}

export type RankCheck = { ok: true } | { ok: false; field: "rank"; message: string };

/**
 * A rank given with a stance (issue 13). Ranks are for endorsements at a table that takes
 * them, from 1 to its maximum, and one holder gives each rank once in a race (`ranksTaken`:
 * the holder's other current ranked endorsements in the race, rank → candidate name).
 */
export function checkRank(input: { rank: number | null; stance: Stance; rankedMax: number | null; ranksTaken: ReadonlyMap<number, string> }): RankCheck {
  const { rank, stance, rankedMax, ranksTaken } = input;
  if (rank === null) return { ok: true };
  if (rankedMax === null) return { ok: false, field: "rank", message: "This table does not take ranked endorsements: leave the rank empty." };
  if (stance !== "endorsed") return { ok: false, field: "rank", message: "Only an endorsement is ranked: leave the rank empty for this stance." };
  if (rank < 1 || rank > rankedMax) return { ok: false, field: "rank", message: `Rank from 1 to ${rankedMax}: this table takes up to ${rankedMax} ranked endorsements in a race.` };
  const other = ranksTaken.get(rank);
  if (other !== undefined) return { ok: false, field: "rank", message: `${other} is already ranked ${ordinal(rank)} in this race. Give each rank once.` };
  return { ok: true };
}

export function reachesCriticalMass(count: number, threshold: number): boolean {
  return count >= threshold;
}

export type StanceChangeCheck =
  | { ok: true }
  | { ok: false; field: "stance"; message: string };

/**
 * Checks a stance change for one holder. `endorsedInRace` is the set of other candidates in
 * the same race the holder currently endorses. Nothing here looks at other partners'
 * stances: no partner's stance depends on another's (unity, not unanimity).
 */
export function checkStanceChange(input: {
  from: Stance | null;
  to: Stance;
  seats: number;
  endorsedElsewhereInRace: number;
}): StanceChangeCheck {
  const { from, to, seats, endorsedElsewhereInRace } = input;
  if (from === to) return { ok: false, field: "stance", message: `The stance is already "${STANCE_LABELS[to]}".` };
  if (to === "withdrawn" && from !== "endorsed") {
    return { ok: false, field: "stance", message: "Only an endorsement can be withdrawn." };
  }
  if (to === "endorsed" && endorsedElsewhereInRace >= seats) {
    return {
      ok: false,
      field: "stance",
      message:
        seats === 1
          ? "This partner already endorses another candidate in this race, which has one seat. Withdraw that endorsement first."
          : `This partner already endorses ${endorsedElsewhereInRace} candidates in this race, which has ${seats} seats. Withdraw one first.`,
    };
  }
  return { ok: true };
}

export type SubTableChange =
  | { kind: "none" }
  | { kind: "form"; members: number[] }
  | { kind: "join"; partnerId: number }
  | { kind: "leave"; partnerId: number };

/**
 * What a stance change does to the candidate's sub-table. `endorsersAfter` are the national
 * partners endorsing after the change; `members` the current members of an existing
 * sub-table (null if there is none); `open` whether that sub-table is still open.
 */
export function subTableChange(input: {
  partnerId: number;
  wasEndorsing: boolean;
  isEndorsing: boolean;
  endorsersAfter: readonly number[];
  threshold: number;
  members: readonly number[] | null;
  open: boolean;
  /** After the race's primary nothing forms, joins or leaves: the sub-table reads as closed. */
  primaryPassed?: boolean;
}): SubTableChange {
  const { partnerId, wasEndorsing, isEndorsing, endorsersAfter, threshold, members, open } = input;
  if (input.primaryPassed) return { kind: "none" };
  if (members === null) {
    if (isEndorsing && !wasEndorsing && reachesCriticalMass(endorsersAfter.length, threshold)) {
      return { kind: "form", members: [...endorsersAfter] };
    }
    return { kind: "none" };
  }
  if (!open) return { kind: "none" };
  const isMember = members.includes(partnerId);
  if (isEndorsing && !isMember) return { kind: "join", partnerId };
  if (!isEndorsing && isMember) return { kind: "leave", partnerId };
  return { kind: "none" };
}

export type SubTableStatus = "active" | "below_critical_mass" | "closed";

export const SUB_TABLE_STATUS_LABELS: Record<SubTableStatus, string> = {
  active: "At critical mass",
  below_critical_mass: "Below critical mass",
  closed: "Closed",
};

/**
 * A sub-table is closed when the facilitator closed it or once its race's primary is past
 * (or, once carried into a runoff or the general, that election);
 * otherwise it is below critical mass when its members fall under the threshold.
 */
export function subTableStatus(input: {
  closedAt: string | null;
  primaryDate: string;
  /** The election day it was carried to (issue 16); it then stays open until that day. */
  activeUntil?: string | null;
  today: string;
  memberCount: number;
  threshold: number;
}): SubTableStatus {
  if (input.closedAt) return "closed";
  if (input.today > (input.activeUntil ?? input.primaryDate)) return "closed";
  return reachesCriticalMass(input.memberCount, input.threshold) ? "active" : "below_critical_mass";
}

/**
 * A split race: national partners endorse more distinct candidates than the race has seats.
 * Returns the endorsed candidates with their endorsers when split, else null.
 */
export function splitRace(
  seats: number,
  endorsersByCandidate: ReadonlyMap<number, readonly number[]>,
): { candidateId: number; partners: readonly number[] }[] | null {
  const endorsed = [...endorsersByCandidate.entries()]
    .filter(([, ps]) => ps.length > 0)
    .map(([candidateId, partners]) => ({ candidateId, partners }));
  return endorsed.length > seats ? endorsed : null;
}

/**
 * When a table's threshold is lowered, candidates whose endorsers already reach the new
 * threshold, have no sub-table and whose primary is still ahead get one formed.
 */
export function subTablesToFormOnThresholdChange(
  candidates: readonly { candidateId: number; endorsers: readonly number[]; hasSubTable: boolean; primaryPassed: boolean }[],
  threshold: number,
): { candidateId: number; members: number[] }[] {
  return candidates
    .filter((c) => !c.hasSubTable && !c.primaryPassed && reachesCriticalMass(c.endorsers.length, threshold))
    .map((c) => ({ candidateId: c.candidateId, members: [...c.endorsers] }));
}

/** Candidates close to the threshold: at least threshold−2 (and at least one) but below it. */
export function isNearingCriticalMass(count: number, threshold: number): boolean {
  return count < threshold && count >= Math.max(1, threshold - 2);
}
