import { z } from "zod";
import { chosenId } from "./forms";
import type { WorkType } from "./vocabulary";
import { US_STATES } from "./states";

/**
 * Remote work (issue 13). Doors need coverage; phone and text work does not. An affiliate of a
 * member partner in another state can join a program remotely: it pledges phone, text and call
 * hours, takes call and text lists the program does not keep local, and hosts, co-hosts and
 * recruits for virtual shifts (a meeting link, no address).
 */
export const REMOTE_WORK_TYPES: readonly WorkType[] = ["phonebank", "textbank", "organizing_call"];

export const isRemoteWork = (w: WorkType): boolean => REMOTE_WORK_TYPES.includes(w);

/** A shift is virtual when it meets over a link and has no address. */
export const isVirtualShift = (s: { location: string | null; callLink: string | null }): boolean => !s.location && !!s.callLink;

const stateName = (s: string) => US_STATES[s]?.name ?? s;

/**
 * National hosts (issue 13): a partner's national staff act through its national office, an
 * affiliate row flagged `national` under the partner, with no state of its own and no coverage.
 * It joins a program like a chapter from another state and works remotely like one, under the
 * partner's own legal type and side.
 */
export const NATIONAL_OFFICE_STATE = "US";
export const nationalOfficeName = (partnerName: string) => `${partnerName} national staff`;

type Away = { name: string; remote: boolean; national?: boolean };
const whereFrom = (a: Away, raceState: string) => (a.national ? `${a.name} take part remotely, as the partner itself` : `${a.name} takes part from outside ${stateName(raceState)}`);

/** Why a remote affiliate (or a partner's national staff) may not pledge this work, or null. */
export function remotePledgeRefusal(affiliate: Away, raceState: string, workType: WorkType): string | null {
  if (!affiliate.remote || isRemoteWork(workType)) return null;
  return `${whereFrom(affiliate, raceState)}: it pledges phonebank, textbank or organizing-call hours, not doors or public events.`;
}

/** Why a remote affiliate (or a partner's national staff) may not host, co-host or recruit for this shift, or null. */
export function remoteShiftRefusal(affiliate: Away, raceState: string, shift: { workType: WorkType; location: string | null; callLink: string | null }, role: "host" | "co-host" | "recruit for"): string | null {
  if (!affiliate.remote) return null;
  if (isRemoteWork(shift.workType) && isVirtualShift(shift)) return null;
  return `${affiliate.national ? `${affiliate.name} take part remotely, as the partner itself` : `${affiliate.name} is outside ${stateName(raceState)}`}: it can ${role} a virtual phonebank, textbank or call only (a meeting link and no address).`;
}

/** Taking part as a partner's national staff: which partner. */
export const nationalJoinForm = z.object({ partnerId: chosenId("Choose a partner you act for.") });

/** Joining a program from another state: which of one's affiliates. */
export const remoteJoinForm = z.object({ affiliateId: chosenId("Choose one of your affiliates.") });
