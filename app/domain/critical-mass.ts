import type { Stance } from "~/domain/vocabulary";

/** One row of endorsement history, as the rules need it. */
export type StanceEvent = {
  id: number;
  candidateId: number;
  partnerId: number;
  affiliateId: number | null;
  stance: Stance;
};

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
 * Distinct national partners whose current stance on the candidate is endorsed.
 * An affiliate's own endorsement is shown elsewhere but does not count.
 */
export function endorsingPartners(events: readonly StanceEvent[], candidateId: number): number[] {
  const ids = new Set<number>();
  for (const e of currentStances(events).values()) {
    if (e.candidateId === candidateId && e.affiliateId === null && e.stance === "endorsed") ids.add(e.partnerId);
  }
  return [...ids].sort((a, b) => a - b);
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
