import type { ResultCounts } from "./shift-forms";
import type { HostKind, TurfKind, WorkSide, WorkType } from "./vocabulary";

/** The shapes the field-work models return and the field components draw: plain data, no ORM. */

export type AffiliateRef = { id: number; name: string; partnerId: number; partnerName: string };

/** A shift as pages show it: the stored row's fields with its hosts, places left and local times. */
export type ShiftView = {
  id: number;
  programId: number;
  workType: WorkType;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  /** Null when there is none, or when this viewer may not see it (then linkHidden). */
  callLink: string | null;
  /** There is a meeting link, kept for the shift's hosts and recruiters (issue 13). */
  linkHidden: boolean;
  hostKind: HostKind;
  hostAffiliateId: number | null;
  campaignHost: string | null;
  side: WorkSide;
  capacity: number;
  notes: string;
  createdBy: number;
  createdAt: string;
  cancelledAt: string | null;
  /** The first shift's id when the shift was made as one of a series (issue 14), else null. */
  seriesId: number | null;
  /** Issue 14: published to a public page since; reminders 24 h and 2 h before. */
  publishedAt: string | null;
  remind24h: boolean;
  remind2h: boolean;
  timeZone: string;
  raceId: number;
  programName: string;
  host: AffiliateRef | null;
  coHosts: AffiliateRef[];
  turfUnitIds: number[];
  signedUp: number;
  seatsLeft: number;
  /** "Sat, Apr 10, 2027, 9:00 AM – 12:00 PM EDT", in the race's zone. */
  when: string;
  localDate: string;
  startsLocal: string;
  endsLocal: string;
};

/** What a shift card in a list draws (<UpcomingShifts>): a page sends no more of each shift than that. */
export type ShiftCard = Pick<ShiftView, "id" | "programId" | "title" | "workType" | "when" | "location" | "callLink" | "linkHidden" | "capacity" | "signedUp" | "seatsLeft" | "cancelledAt" | "hostKind" | "campaignHost" | "programName"> & {
  host: { name: string } | null;
  coHosts: { name: string }[];
};

export function shiftCard(s: ShiftView): ShiftCard {
  return {
    id: s.id,
    programId: s.programId,
    title: s.title,
    workType: s.workType,
    when: s.when,
    location: s.location,
    callLink: s.callLink,
    linkHidden: s.linkHidden,
    capacity: s.capacity,
    signedUp: s.signedUp,
    seatsLeft: s.seatsLeft,
    cancelledAt: s.cancelledAt,
    hostKind: s.hostKind,
    campaignHost: s.campaignHost,
    programName: s.programName,
    host: s.host ? { name: s.host.name } : null,
    coHosts: s.coHosts.map((c) => ({ name: c.name })),
  };
}

/** A shift's host and co-hosts as the permission rules name them (shift.edit, signup.contacts). */
export function shiftHosts(shift: Pick<ShiftView, "host" | "coHosts">): { partnerId: number; affiliateId: number }[] {
  return [shift.host, ...shift.coHosts].filter((a): a is AffiliateRef => a !== null).map((a) => ({ partnerId: a.partnerId, affiliateId: a.id }));
}

export type ProgramResults = {
  timeZone: string;
  totals: ResultCounts;
  /** Each goal against what the results say (public events and calls held count shifts held). */
  goals: { workType: WorkType; target: number; done: number; unit: string }[];
  /** One row per local day in the race's zone that has results, oldest first. */
  byDay: (ResultCounts & { date: string })[];
  byAffiliate: (ResultCounts & { affiliateId: number; name: string; partnerName: string; shifts: number; volunteers: number })[];
};

export type AffiliateShare = {
  affiliateId: number;
  name: string;
  partnerShortName: string;
  kind: TurfKind;
  hours: number;
  /** Percent of the pledged hours of this kind's work type. */
  pledgePercent: number;
  ideal: number;
  units: number;
  size: number;
  locked: number;
};
