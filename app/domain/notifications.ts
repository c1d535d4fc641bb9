/**
 * Notifications to people at the table (issue 14), as pure functions: their labels, the
 * email of one notification, and the daily digest. A notification carries the table's own
 * facts (who endorsed, who joined, who signed up), never a stance note or anything a campaign
 * said (rule F2 reaches the mail). Links are app paths; "{{BASE}}" is replaced by the site's
 * address when the queue sends the message.
 */
import type { OutgoingMail } from "./mail";
import { localDateOf, localToUtc } from "./zoned-time";
import type { NotificationKind, NotifyMode } from "./vocabulary";

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  sub_table_formed: "A sub-table formed with your member",
  sub_table_changed: "A partner joined or left one of your sub-tables",
  stance_changed: "A stance changed on a candidate your partner is considering",
  meeting: "A meeting scheduled or its agenda published",
  action_item_assigned: "An action item assigned to you",
  action_item_overdue: "An action item of yours is overdue",
  policy_version: "A new firewall policy version to acknowledge",
  shift_signups: "Volunteers signed up for a shift you host",
};

export const NOTIFY_MODE_LABELS: Record<NotifyMode, string> = { instant: "Email at once", digest: "Daily digest", off: "Inbox only" };

export const BASE = "{{BASE}}";

/** `ics`: a calendar entry that goes with it (a meeting's), attached to its email. */
export type NotificationFacts = { kind: NotificationKind; title: string; body: string; link: string | null; ics?: string | null };

const unsubscribe = (token: string, kind: string) => `${BASE}/unsubscribe/${token}?kind=${kind}`;

/** One notification by email at once, with its one-click way to stop this kind. */
export function notificationMail(n: NotificationFacts, to: { email: string; name: string }, token: string): OutgoingMail {
  const stop = unsubscribe(token, n.kind);
  return {
    kind: "notification",
    to: to.email,
    toName: to.name,
    subject: n.title,
    text: [`Hi ${to.name},`, "", n.title, ...(n.body ? ["", n.body] : []), ...(n.link ? ["", `Open it: ${BASE}${n.link}`] : []), "", "—", `Stop these emails (${NOTIFICATION_LABELS[n.kind].toLowerCase()}): ${stop}`, `All your settings: ${BASE}/inbox`].join("\n"),
    headers: { "List-Unsubscribe": `<${stop}>` },
    ics: n.ics ?? null,
  };
}

/** The events of several calendars in one (a digest's meetings): their VEVENTs under the first one's head. */
export function mergeCalendars(list: readonly string[]): string | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0];
  const head = list[0].slice(0, list[0].indexOf("BEGIN:VEVENT"));
  const events = list.map((c) => c.slice(c.indexOf("BEGIN:VEVENT"), c.lastIndexOf("END:VCALENDAR")));
  return head + events.join("") + "END:VCALENDAR\r\n";
}

/** A day's notifications in one email; a link to stop each kind in it. */
export function digestMail(list: NotificationFacts[], to: { email: string; name: string }, token: string, date: string): OutgoingMail {
  const kinds = [...new Set(list.map((n) => n.kind))];
  return {
    kind: "digest",
    to: to.email,
    toName: to.name,
    subject: `Your Coalition Table digest for ${date}: ${list.length} update${list.length === 1 ? "" : "s"}`,
    text: [
      `Hi ${to.name},`,
      "",
      ...list.flatMap((n) => [`• ${n.title}`, ...(n.body ? [`  ${n.body}`] : []), ...(n.link ? [`  ${BASE}${n.link}`] : [])]),
      "",
      "—",
      ...kinds.map((k) => `Stop "${NOTIFICATION_LABELS[k]}": ${unsubscribe(token, k)}`),
      `All your settings: ${BASE}/inbox`,
    ].join("\n"),
    headers: { "List-Unsubscribe": `<${unsubscribe(token, "all")}>` },
    ics: mergeCalendars(list.flatMap((n) => (n.ics ? [n.ics] : []))),
  };
}

/** The hours a person may choose for the daily digest, and the zones offered beside UTC. */
export const DIGEST_HOURS = Array.from({ length: 24 }, (_, h) => h);
export const DIGEST_ZONES = ["UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico"] as const;
export const DEFAULT_DIGEST_HOUR = 12;

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/**
 * The next time a daily digest at `hour` o'clock in `timeZone` is due, strictly after `now`.
 * DST-safe: an hour the clocks skip that day goes out at the first hour after it.
 */
export function nextDigestAt(hour: number, timeZone: string, now: Date): string {
  let date = localDateOf(now, timeZone);
  for (let i = 0; i < 3; i++) {
    for (let h = hour; h < 24; h++) {
      const at = localToUtc(`${date}T${String(h).padStart(2, "0")}:00`, timeZone);
      if (at.ok) {
        if (at.instant.getTime() > now.getTime()) return at.iso;
        break;
      }
    }
    date = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  throw new Error(`no digest time after ${now.toISOString()} in ${timeZone}`);
}
