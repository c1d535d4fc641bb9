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

/** Why a remote affiliate may not pledge this work, or null. */
export function remotePledgeRefusal(affiliate: { name: string; remote: boolean }, raceState: string, workType: WorkType): string | null {
  if (!affiliate.remote || isRemoteWork(workType)) return null;
  return `${affiliate.name} takes part from outside ${stateName(raceState)}: it pledges phonebank, textbank or organizing-call hours, not doors or public events.`;
}

/** Why a remote affiliate may not host, co-host or recruit for this shift, or null. */
export function remoteShiftRefusal(affiliate: { name: string; remote: boolean }, raceState: string, shift: { workType: WorkType; location: string | null; callLink: string | null }, role: "host" | "co-host" | "recruit for"): string | null {
  if (!affiliate.remote) return null;
  if (isRemoteWork(shift.workType) && isVirtualShift(shift)) return null;
  return `${affiliate.name} is outside ${stateName(raceState)}: it can ${role} a virtual phonebank, textbank or call only (a meeting link and no address).`;
}

/** Joining a program from another state: which of one's affiliates. */
export const remoteJoinForm = z.object({ affiliateId: chosenId("Choose one of your affiliates.") });
