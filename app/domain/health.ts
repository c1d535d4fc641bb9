import { addDays, daysBetween } from "./dates";
import { isOverdue } from "./meetings";
import type { ActionStatus } from "~/domain/vocabulary";

/** Pure rules of the table's health page. No clock is read here: `today` is an argument. */

/** A partner is quiet once this many days have passed since its last attendance or stance change. */
export const QUIET_DAYS = 30;

/**
 * Quiet: no attendance and no stance change in the last 30 days. Exactly 30 days since the
 * last sign of life counts as quiet (29 does not): "in 30 days" is read as the 30 days
 * before today, and a partner last seen 30 days ago was not seen in any of them. A partner
 * with no activity at all (never attended, never changed a stance) is the quietest of all,
 * however recently it was seated (issue 15: the page said "no partner has gone quiet" above
 * a partner that had done nothing). Activity from before it was seated counts from its seating.
 */
export function isQuiet(lastActivity: string | null, seatedOn: string, today: string, days = QUIET_DAYS): boolean {
  if (!lastActivity) return true;
  const since = lastActivity && lastActivity > seatedOn ? lastActivity : seatedOn;
  return daysBetween(since.slice(0, 10), today) >= days;
}

/** The later of two optional dates (YYYY-MM-DD or ISO instants, compared as dates). */
export function latestDate(...dates: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || d.slice(0, 10) > best)) best = d.slice(0, 10);
  return best;
}

/** Quiet partners, quietest first: never active, then by oldest last activity, then by name. */
export function quietestFirst<T extends { lastActivity: string | null; shortName: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.lastActivity ?? "").localeCompare(b.lastActivity ?? "") || a.shortName.localeCompare(b.shortName));
}

export type OwnedItem = { id: number; ownerKey: string; ownerName: string; status: ActionStatus; dueDate: string };

/** Overdue action items grouped by owner, most overdue owners first. */
export function overdueByOwner<T extends OwnedItem>(items: readonly T[], today: string): { ownerKey: string; ownerName: string; items: T[]; daysLate: number }[] {
  const groups = new Map<string, { ownerKey: string; ownerName: string; items: T[]; daysLate: number }>();
  for (const item of items) {
    if (!isOverdue(item, today)) continue;
    const g = groups.get(item.ownerKey) ?? { ownerKey: item.ownerKey, ownerName: item.ownerName, items: [], daysLate: 0 };
    g.items.push(item);
    g.daysLate = Math.max(g.daysLate, daysBetween(item.dueDate, today));
    groups.set(item.ownerKey, g);
  }
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length || b.daysLate - a.daysLate || a.ownerName.localeCompare(b.ownerName));
}

// ---------------------------------------------------------------------------------------
// Pledges against delivery

/** Below this share of its pledged hours, a sub-table (or an affiliate) is not delivering. */
export const DELIVERY_FLOOR = 0.8;

export type PledgeRow = { affiliateId: number; weekStart: string; hours: number };
/** Hours worked: one attended sign-up on a shift, credited to the recruiting affiliate on the shift's date. */
export type DeliveryRow = { affiliateId: number; date: string; hours: number };

export type Delivery = { pledged: number; delivered: number; share: number | null; behind: boolean };

/**
 * Pledged hours up to today against hours delivered. Only weeks that have ended count (a
 * week runs weekStart to weekStart + 6; it has ended when today is after its last day), and
 * only hours delivered in those weeks: a week in progress is neither owed nor credited yet.
 * Behind: something was pledged and less than 80% of it was delivered.
 */
export function pledgeDelivery(pledges: readonly PledgeRow[], delivered: readonly DeliveryRow[], today: string): Delivery & { byAffiliate: Map<number, Delivery> } {
  const ended = (weekStart: string) => addDays(weekStart, 6) < today;
  const endedWeeks = [...new Set(pledges.map((p) => p.weekStart))].filter(ended);
  const inEndedWeek = (date: string) => endedWeeks.some((w) => date >= w && date <= addDays(w, 6));
  const per = new Map<number, { pledged: number; delivered: number }>();
  const at = (id: number) => per.get(id) ?? (per.set(id, { pledged: 0, delivered: 0 }), per.get(id)!);
  for (const p of pledges) if (ended(p.weekStart)) at(p.affiliateId).pledged += p.hours;
  for (const d of delivered) if (inEndedWeek(d.date)) at(d.affiliateId).delivered += d.hours;
  const judge = (pledged: number, got: number): Delivery => {
    const share = pledged > 0 ? got / pledged : null;
    return { pledged: round1(pledged), delivered: round1(got), share, behind: share !== null && share < DELIVERY_FLOOR };
  };
  const byAffiliate = new Map([...per.entries()].map(([id, v]) => [id, judge(v.pledged, v.delivered)]));
  const total = [...per.values()].reduce((s, v) => ({ pledged: s.pledged + v.pledged, delivered: s.delivered + v.delivered }), { pledged: 0, delivered: 0 });
  return { ...judge(total.pledged, total.delivered), byAffiliate };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Hours of a shift from its UTC start and end instants. */
export function shiftHours(startsAt: string, endsAt: string): number {
  const ms = Date.parse(endsAt) - Date.parse(startsAt);
  return Number.isFinite(ms) && ms > 0 ? ms / 3_600_000 : 0;
}

// ---------------------------------------------------------------------------------------
// Attendance over time

export type AttendanceMeeting = { date: string; attendedPartnerIds: readonly number[]; invitedPartnerIds: readonly number[] };

/**
 * Meetings attended per partner per month (YYYY-MM), for the chart and its table. A partner
 * attends when it, or one of its affiliates, was marked present.
 */
export function attendanceByMonth(meetings: readonly AttendanceMeeting[], partners: readonly { id: number; shortName: string }[]) {
  const months = [...new Set(meetings.map((m) => m.date.slice(0, 7)))].sort();
  const rows = months.map((month) => {
    const row: Record<string, string | number> = { month };
    for (const p of partners) row[p.shortName] = 0;
    for (const m of meetings.filter((x) => x.date.slice(0, 7) === month)) {
      for (const id of new Set(m.attendedPartnerIds)) {
        const p = partners.find((x) => x.id === id);
        if (p) row[p.shortName] = (row[p.shortName] as number) + 1;
      }
    }
    return row;
  });
  const totals = partners.map((p) => {
    const invited = meetings.filter((m) => m.invitedPartnerIds.includes(p.id)).length;
    const attended = meetings.filter((m) => m.attendedPartnerIds.includes(p.id)).length;
    return { partnerId: p.id, shortName: p.shortName, invited, attended };
  });
  return { months, rows, totals };
}
