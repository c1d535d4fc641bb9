/**
 * The mail the app sends (issue 14), as pure functions of plain facts: what a volunteer gets
 * about a shift (confirmation with its .ics, cancellation, reminders, a moved or cancelled
 * shift). The facts are the shift's own logistics only (work type, title, time in the race's
 * zone, place, hosting organizations): never notes, turf or anything campaign-sourced
 * (firewall rule F2 reaches the mail), so a volunteer's message is the public page's content.
 */
import { buildCalendar } from "./ical";
import type { MailKind, MailStatus } from "./vocabulary";

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  kept: "Kept (no SMTP)",
  failed: "Failed, will retry",
  dead: "Dead letter",
  cancelled: "Not needed",
};

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  signup_confirmation: "Sign-up confirmation",
  signup_cancelled: "Sign-up cancelled",
  signup_released: "Held sign-up released",
  shift_reminder: "Shift reminder",
  shift_changed: "Shift changed",
  shift_cancelled: "Shift cancelled",
  notification: "Notification",
  digest: "Daily digest",
  test: "Test message",
};

/** A message as the outbox stores it and the mailer sends it. */
export type OutgoingMail = {
  kind: MailKind;
  to: string;
  toName?: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  /** An iCalendar attachment (invite.ics). */
  ics?: string | null;
};

/** Backoff after the nth failed attempt: 1, 5, 25, 125 minutes ... capped at 12 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(12 * 60, 5 ** Math.max(0, attempts - 1)) * 60_000;
}

/** What a volunteer's mail says about a shift: its public logistics and nothing else. */
export type ShiftFacts = {
  shiftId: number;
  /** "Door knocking", "Phone bank" ... */
  workLabel: string;
  title: string;
  startsAt: string;
  endsAt: string;
  /** The span in the race's zone, as the pages show it. */
  when: string;
  /** The address, or null for a shift without one. */
  place: string | null;
  /** The hosting organizations' names, host first. */
  hosts: string[];
};

/** The shift's one-line name in a subject. */
export function shiftName(f: Pick<ShiftFacts, "workLabel" | "title">): string {
  return f.title ? `${f.title} (${f.workLabel})` : f.workLabel;
}

function details(f: ShiftFacts): string[] {
  return [`What: ${shiftName(f)}`, `When: ${f.when}`, `Where: ${f.place || "the hosts will send the place"}`, `Hosted by: ${f.hosts.join(", ")}`];
}

/** The shift as one calendar event (the same UID as the table's feeds, so a calendar keeps one copy). */
export function shiftInvite(f: ShiftFacts, now: Date, opts: { cancelled?: boolean; url?: string | null } = {}): string {
  return buildCalendar({
    name: shiftName(f),
    now,
    events: [{ uid: `shift-${f.shiftId}@coalition-table`, startsAt: f.startsAt, endsAt: f.endsAt, summary: shiftName(f), description: `Hosted by ${f.hosts.join(", ")}`, location: f.place, url: opts.url ?? null, cancelled: opts.cancelled }],
  });
}

type To = { email: string; name: string };

export function signupConfirmation(f: ShiftFacts, to: To, links: { cancel: string }, now: Date): OutgoingMail {
  return {
    kind: "signup_confirmation",
    to: to.email,
    toName: to.name,
    subject: `You're signed up: ${shiftName(f)}, ${f.when}`,
    text: [`Hi ${to.name},`, "", "Thanks for signing up. The details:", "", ...details(f), "", "The calendar invitation is attached.", "", `Can't make it? Cancel here (the link works once): ${links.cancel}`].join("\n"),
    ics: shiftInvite(f, now),
  };
}

export function signupCancelled(f: ShiftFacts, to: To): OutgoingMail {
  return {
    kind: "signup_cancelled",
    to: to.email,
    toName: to.name,
    subject: `Cancelled: your place at ${shiftName(f)}`,
    text: [`Hi ${to.name},`, "", "Your sign-up is cancelled and your place is free for someone else:", "", ...details(f), "", "Thank you for letting the hosts know."].join("\n"),
  };
}

/** A held sign-up the recruiting lead released: said plainly, with no reason (the wall roster is never shown to a volunteer). */
export function signupReleased(f: ShiftFacts, to: To): OutgoingMail {
  return {
    kind: "signup_released",
    to: to.email,
    toName: to.name,
    subject: `About your sign-up for ${shiftName(f)}`,
    text: [`Hi ${to.name},`, "", "The organizers could not confirm your place at this shift, so your sign-up is cancelled:", "", ...details(f), "", `Questions? Ask ${f.hosts[0] ?? "the hosts"}.`].join("\n"),
  };
}

export function shiftReminder(f: ShiftFacts, to: To, hoursBefore: number, links: { cancel: string | null }): OutgoingMail {
  return {
    kind: "shift_reminder",
    to: to.email,
    toName: to.name,
    subject: `Reminder: ${shiftName(f)} ${hoursBefore >= 24 ? "tomorrow" : "soon"}, ${f.when}`,
    text: [`Hi ${to.name},`, "", `A reminder: your shift starts in about ${hoursBefore} hours.`, "", ...details(f), ...(links.cancel ? ["", `Can't make it? Cancel here: ${links.cancel}`] : [])].join("\n"),
  };
}

export function shiftChanged(f: ShiftFacts, to: To, was: { when: string; place: string | null }, now: Date): OutgoingMail {
  return {
    kind: "shift_changed",
    to: to.email,
    toName: to.name,
    subject: `Changed: ${shiftName(f)} is now ${f.when}`,
    text: [`Hi ${to.name},`, "", "The hosts changed a shift you signed up for.", "", `Was: ${was.when}${was.place ? `, ${was.place}` : ""}`, "", "Now:", ...details(f), "", "The updated calendar invitation is attached."].join("\n"),
    ics: shiftInvite(f, now),
  };
}

export function shiftCancelled(f: ShiftFacts, to: To, now: Date): OutgoingMail {
  return {
    kind: "shift_cancelled",
    to: to.email,
    toName: to.name,
    subject: `Cancelled: ${shiftName(f)}, ${f.when}`,
    text: [`Hi ${to.name},`, "", "The hosts cancelled a shift you signed up for. Sorry for the change of plans.", "", ...details(f)].join("\n"),
    ics: shiftInvite(f, now, { cancelled: true }),
  };
}
