/**
 * Reminders and change notices (issue 14) through the persistent queue: a reminder scheduled,
 * the server restarted, the reminder sent once (to a real SMTP server in this process); the
 * hosts turning reminders off; no reminder for a sign-up made after its time; moving or
 * cancelling a shift tells everyone signed up.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../db/client";
import { outbox } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { cancelShift, updateShift } from "~/models/shifts.server";
import { cancelSignup } from "~/models/signups.server";
import { scheduleReminders, setReminders } from "~/models/reminders.server";
import { outgoing, workMailQueue } from "~/models/outbox.server";
import { cancelByToken, volunteerSignup } from "~/models/public-shifts.server";
import { mailSettings, smtpSender } from "~/server/mailer.server";
import { testActor, testDb } from "../db";
import { buildProgramWorld, buildShift, buildSignup, shiftInput } from "../factories";
import { header, startSmtp } from "../support/smtp";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reminders-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

// the shift: Saturday April 17, 2027, 9:00–12:00 New York time (13:00–16:00 UTC)
const START = Date.parse("2027-04-17T13:00:00Z");
const at = (hoursBefore: number) => new Date(START - hoursBefore * 3_600_000);
const SIGNED_UP = new Date("2027-04-01T12:00:00Z");

function world(db: Db, actor: Actor) {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.affiliates[0].id, { startsAt: "2027-04-17T09:00", endsAt: "2027-04-17T12:00", location: "Union hall" });
  const ref = { coalitionId: w.coalition.id, programId: w.program.id, shiftId: shift.id };
  const signup = (email: string, now = SIGNED_UP) => buildSignup(db, actor, ref.coalitionId, ref.programId, shift.id, w.affiliates[0].id, { volunteerName: email.split("@")[0], email }, now);
  return { ...w, shift, ref, signup };
}

const reminders = (db: Db) => db.select().from(outbox).all().filter((m) => m.kind === "shift_reminder");

describe("reminders", () => {
  it("scheduled, the server restarted, sent once — 24 hours and 2 hours before", async () => {
    const file = path.join(dir, "restart.db");
    const smtp = await startSmtp();
    const sender = smtpSender(mailSettings({ SMTP_URL: smtp.url })!);
    closers.push(() => sender.close(), smtp.close);
    let db = openDb(file);
    const actor = testActor(db);
    const w = world(db, actor);
    w.signup("rosa@example.test");
    // a day and a half before: nothing due yet
    expect(scheduleReminders(db, at(36))).toBe(0);
    // 23 hours before: the 24-hour reminder is scheduled...
    expect(scheduleReminders(db, at(23))).toBe(1);
    // ...and the server stops before its queue sends it
    db.$client.close();
    db = openDb(file);
    // after the restart the scheduler runs again (nothing new) and the queue sends it, once
    expect(scheduleReminders(db, at(22.9))).toBe(0);
    expect(await workMailQueue(db, sender, { now: () => at(22.9) })).toMatchObject({ sent: 1 });
    expect(scheduleReminders(db, at(22.8))).toBe(0);
    expect(await workMailQueue(db, sender, { now: () => at(22.8) })).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(header(smtp.received[0].raw, "Subject")).toMatch(/^Reminder: Doorknocking tomorrow/);
    // 2 hours before: the second reminder, once
    expect(scheduleReminders(db, at(1.5))).toBe(1);
    expect(scheduleReminders(db, at(1.4))).toBe(0);
    await workMailQueue(db, sender, { now: () => at(1.4) });
    expect(smtp.received.map((m) => header(m.raw, "Subject"))).toEqual([expect.stringContaining("tomorrow"), expect.stringContaining("soon")]);
    db.$client.close();
  });

  it("carry a single-use cancel link of their own: it frees the place once, and the next link says it is already cancelled", () => {
    const db = testDb();
    const actor = testActor(db);
    const w = world(db, actor);
    w.signup("rosa@example.test");
    expect(scheduleReminders(db, at(23))).toBe(1);
    const [r] = reminders(db);
    const sent = outgoing(r, "https://table.example.org");
    const link = sent.text.match(/Cancel here: https:\/\/table\.example\.org\/volunteer\/([A-Za-z0-9_-]+)$/m);
    expect(link).not.toBeNull();
    const token = link![1];
    // only its hash is stored
    expect(db.$client.prepare("select count(*) from signup_tokens where token_hash = ?").pluck().get(token)).toBe(0);
    expect(volunteerSignup(db, "system", { cancelToken: token, now: at(23) })).toMatchObject({ volunteerName: "rosa", cancelledAt: null });
    expect(cancelByToken(db, null, { cancelToken: token }, at(22))).toMatchObject({ ok: true });
    expect(db.$client.prepare("select count(*) from signups where cancelled_at is null").pluck().get()).toBe(0);
    expect(cancelByToken(db, null, { cancelToken: token }, at(21))).toMatchObject({ ok: false, message: expect.stringContaining("already cancelled") });
    // the 2-hour reminder is not made for a cancelled sign-up
    expect(scheduleReminders(db, at(1.5))).toBe(0);
    // a made-up link is unknown
    expect(cancelByToken(db, null, { cancelToken: "AAAAAAAAAAAAAAAAAAAAAAAA" }, at(21))).toBeNull();
  });

  it("follow the hosts' settings, skip cancelled sign-ups and sign-ups made after the reminder's time", () => {
    const db = testDb();
    const actor = testActor(db);
    const w = world(db, actor);
    const gone = w.signup("gone@example.test");
    w.signup("late@example.test", at(10)); // signed up 10 hours before: no 24-hour reminder
    w.signup("kept@example.test");
    expect(cancelSignup(db, actor, { ...w.ref, signupId: gone }, at(30)).ok).toBe(true);
    expect(scheduleReminders(db, at(23))).toBe(1);
    expect(reminders(db).map((m) => m.toAddress)).toEqual(["kept@example.test"]);
    // the hosts turn the 2-hour reminder off: none is made
    expect(setReminders(db, actor, { ...w.ref, remind24h: true, remind2h: false }).ok).toBe(true);
    expect(scheduleReminders(db, at(1.5))).toBe(0);
    // on again: both people left get it
    expect(setReminders(db, actor, { ...w.ref, remind24h: true, remind2h: true }).ok).toBe(true);
    expect(scheduleReminders(db, at(1.5))).toBe(2);
    expect(reminders(db).map((m) => m.toAddress).sort()).toEqual(["kept@example.test", "kept@example.test", "late@example.test"]);
  });

  it("a queued reminder turned off is not sent", async () => {
    const db = testDb();
    const actor = testActor(db);
    const w = world(db, actor);
    w.signup("rosa@example.test");
    expect(scheduleReminders(db, at(23))).toBe(1);
    expect(setReminders(db, actor, { ...w.ref, remind24h: false, remind2h: true }).ok).toBe(true);
    expect(await workMailQueue(db, null, { now: () => at(22) })).toMatchObject({ kept: 0 });
    expect(reminders(db).map((m) => m.status)).toEqual(["cancelled"]);
  });
});

describe("moving or cancelling a shift", () => {
  it("tells everyone signed up with an email, with the new time and the old one; a moved shift reminds at its new time", () => {
    const db = testDb();
    const actor = testActor(db);
    const w = world(db, actor);
    w.signup("rosa@example.test");
    w.signup("tom@example.test");
    const moved = updateShift(db, actor, { ...w.ref, ...shiftInput(w.affiliates[0].id, { startsAt: "2027-04-18T10:00", endsAt: "2027-04-18T13:00", location: "Union hall" }) }, SIGNED_UP);
    expect(moved.ok).toBe(true);
    const changed = db.select().from(outbox).all().filter((m) => m.kind === "shift_changed");
    expect(changed.map((m) => m.toAddress)).toEqual(["rosa@example.test", "tom@example.test"]);
    expect(changed[0].subject).toContain("Sun, Apr 18, 2027, 10:00 AM");
    expect(changed[0].textBody).toContain("Was: Sat, Apr 17, 2027, 9:00 AM");
    expect(changed[0].ics).toContain("DTSTART:20270418T140000Z");
    // an edit that moves nothing tells nobody
    expect(updateShift(db, actor, { ...w.ref, ...shiftInput(w.affiliates[0].id, { startsAt: "2027-04-18T10:00", endsAt: "2027-04-18T13:00", location: "Union hall", title: "Sunday doors" }) }, SIGNED_UP).ok).toBe(true);
    expect(db.select().from(outbox).all().filter((m) => m.kind === "shift_changed")).toHaveLength(2);
    // the old time's reminder is not made; the new time's is
    expect(scheduleReminders(db, at(23))).toBe(0);
    expect(scheduleReminders(db, new Date(Date.parse("2027-04-18T14:00:00Z") - 23 * 3_600_000))).toBe(2);
    // cancelled: everyone hears, with a cancelled calendar entry; no reminder after
    expect(cancelShift(db, actor, w.ref, SIGNED_UP).ok).toBe(true);
    const cancelled = db.select().from(outbox).all().filter((m) => m.kind === "shift_cancelled");
    expect(cancelled.map((m) => m.toAddress)).toEqual(["rosa@example.test", "tom@example.test"]);
    expect(cancelled[0].ics).toContain("STATUS:CANCELLED");
    expect(scheduleReminders(db, new Date(Date.parse("2027-04-18T14:00:00Z") - 1.5 * 3_600_000))).toBe(0);
  });
});
