/**
 * Notifications to people at the table (issue 14), as pure functions: their labels, the
 * email of one notification, and the daily digest. A notification carries the table's own
 * facts (who endorsed, who joined, who signed up), never a stance note or anything a campaign
 * said (rule F2 reaches the mail). Links are app paths; "{{BASE}}" is replaced by the site's
 * address when the queue sends the message.
 */
import type { OutgoingMail } from "./mail";
import type { NotificationKind, NotifyMode } from "./vocabulary";

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  sub_table_formed: "A sub-table formed with your member",
  sub_table_changed: "A partner joined or left one of your sub-tables",
  shift_signups: "Volunteers signed up for a shift you host",
};

export const NOTIFY_MODE_LABELS: Record<NotifyMode, string> = { instant: "Email at once", digest: "Daily digest", off: "Inbox only" };

export const BASE = "{{BASE}}";

export type NotificationFacts = { kind: NotificationKind; title: string; body: string; link: string | null };

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
  };
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
  };
}
