import { and, eq, gt, isNull, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, shifts, signups, type Shift } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { Result } from "~/domain/errors";
import { shiftCancelled, shiftChanged, shiftReminder } from "~/domain/mail";
import { publicPlace } from "~/domain/public-shift-forms";
import { formatSpan } from "~/domain/zoned-time";
import { appendAudit } from "./audit.server";
import { enqueueMail } from "./outbox.server";
import type { ProgramRef } from "./programs.server";
import { addCancelToken, shiftFacts } from "./public-shifts.server";
import { BASE } from "~/domain/notifications";
import { shiftQuery, shiftRow, shiftViews, type Tx } from "./shift-rows.server";

/**
 * Reminders and change notices to the people signed up for a shift (issue 14), through the
 * outbox. Reminders are made when they fall due (`scheduleReminders`, run by the queue worker
 * before each pass), from the shift as it is then: a moved shift reminds at its new time, a
 * reminder turned off is never made. Each has a dedupe key (hours, sign-up, start), so a worker
 * restarted, or two passes at once, make it once, and the claim sends it once.
 */

/** The reminders, hours before the start. */
export const REMINDER_HOURS = [24, 2] as const;
/** The most reminders one pass makes (the rest wait for the next pass, seconds later). */
const BATCH = 500;

/**
 * Queues the reminders now due: active sign-ups with an email on shifts starting within the
 * next 24 (or 2) hours whose hosts left that reminder on, made before that reminder's time (a
 * volunteer who signs up an hour before gets the confirmation, not a reminder too), and not
 * already queued. Along shifts_start and the outbox's dedupe index.
 */
export function scheduleReminders(db: Db, now: Date = new Date()): number {
  let made = 0;
  for (const hours of REMINDER_HOURS) {
    const horizon = new Date(now.getTime() + hours * 3_600_000).toISOString();
    const flag = hours === 24 ? shifts.remind24h : shifts.remind2h;
    // the key's prefix written out (a bound number would read "24.0"); hours come from REMINDER_HOURS
    const key = sql<string>`${sql.raw(`'reminder:${hours}h:'`)} || ${signups.id} || ':' || ${shifts.startsAt}`;
    const due = db
      .select({ signupId: signups.id, shiftId: shifts.id, email: signups.email, name: signups.volunteerName, key })
      .from(shifts)
      .innerJoin(signups, eq(signups.shiftId, shifts.id))
      .leftJoin(outbox, eq(outbox.dedupeKey, key))
      .where(
        and(
          gt(shifts.startsAt, now.toISOString()),
          lte(shifts.startsAt, horizon),
          isNull(shifts.cancelledAt),
          eq(flag, true),
          isNull(signups.cancelledAt),
          isNotNull(signups.email),
          sql`${signups.createdAt} < strftime('%Y-%m-%dT%H:%M:%fZ', ${shifts.startsAt}, ${`-${hours} hours`})`,
          isNull(outbox.id),
        ),
      )
      .limit(BATCH)
      .all();
    if (due.length === 0) continue;
    const views = new Map(shiftViews(db, shiftQuery(db).where(sql`${shifts.id} in (${sql.join([...new Set(due.map((d) => d.shiftId))].map((id) => sql`${id}`), sql`, `)})`).all()).map((v) => [v.id, v]));
    db.transaction((tx) => {
      for (const d of due) {
        // each reminder carries its own single-use cancel link (the confirmation's secret is stored hashed)
        const cancelToken = addCancelToken(tx, d.signupId, now);
        const mail = shiftReminder(shiftFacts(views.get(d.shiftId)!), { email: d.email!, name: d.name }, hours, { cancel: `${BASE}/volunteer/${cancelToken}` });
        if (enqueueMail(tx, { ...mail, dedupeKey: d.key, signupId: d.signupId, shiftId: d.shiftId }, now) !== null) made++;
      }
    });
  }
  return made;
}

/** The hosts turn a shift's reminders on or off. The route checks shift.edit. */
export function setReminders(db: Db, actor: Actor, input: ProgramRef & { shiftId: number; remind24h: boolean; remind2h: boolean }, now: Date = new Date()): Result<{ shiftId: number }> {
  const row = shiftRow(db, input);
  return db.transaction((tx) => {
    tx.update(shifts).set({ remind24h: input.remind24h, remind2h: input.remind2h }).where(eq(shifts.id, input.shiftId)).run();
    // a reminder already queued for a reminder now off is not sent
    for (const hours of REMINDER_HOURS) {
      if (hours === 24 ? input.remind24h : input.remind2h) continue;
      tx.update(outbox)
        .set({ status: "cancelled" })
        .where(and(eq(outbox.shiftId, input.shiftId), eq(outbox.kind, "shift_reminder"), eq(outbox.status, "queued"), sql`${outbox.dedupeKey} like ${`reminder:${hours}h:%`}`))
        .run();
    }
    appendAudit(tx, actor, { action: "shift.reminders", decision: "info", raceId: row.raceId, subjectType: "shift", subjectId: input.shiftId, detail: `24h ${input.remind24h ? "on" : "off"}, 2h ${input.remind2h ? "on" : "off"}` }, now);
    return { ok: true as const, shiftId: input.shiftId };
  });
}

/**
 * Inside a shift's edit or cancel transaction: tells everyone signed up (with an email) that it
 * moved (its time or place changed) or was cancelled. Nothing when neither happened.
 */
export function noticeShiftChange(tx: Tx, before: Shift, after: Shift, timeZone: string, now: Date = new Date()): number {
  const cancelled = !before.cancelledAt && !!after.cancelledAt;
  const moved = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt || (before.location ?? "") !== (after.location ?? "") || (before.callLink ?? "") !== (after.callLink ?? "");
  if (!cancelled && !moved) return 0;
  const people = tx
    .select({ id: signups.id, email: signups.email, name: signups.volunteerName })
    .from(signups)
    .where(and(eq(signups.shiftId, after.id), isNull(signups.cancelledAt), isNotNull(signups.email)))
    .all();
  if (people.length === 0) return 0;
  const facts = shiftFacts(shiftViews(tx, [shiftQuery(tx).where(eq(shifts.id, after.id)).get()!])[0]);
  const was = { when: formatSpan(before.startsAt, before.endsAt, timeZone), place: publicPlace(before) };
  for (const p of people) {
    const to = { email: p.email!, name: p.name };
    enqueueMail(tx, { ...(cancelled ? shiftCancelled(facts, to, now) : shiftChanged(facts, to, was, now)), signupId: p.id, shiftId: after.id }, now);
  }
  return people.length;
}
