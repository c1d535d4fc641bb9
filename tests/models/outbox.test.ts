/**
 * The outbox (issue 14) against a real SMTP server in this process (smtp-server): delivery,
 * headers and content; a failing server retried with backoff, then dead-lettered; a restart
 * between enqueue and send sends once; no SMTP configured keeps the message in the outbox.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { outbox } from "../../db/schema";
import { signupConfirmation, type ShiftFacts } from "~/domain/mail";
import { unfold } from "~/domain/ical";
import { claimDueMail, enqueueMail, getOutboxMessage, listOutbox, MAX_ATTEMPTS, retryMessage, workMailQueue } from "~/models/outbox.server";
import { startMailQueue } from "~/models/mail-queue.server";
import { mailSettings, smtpSender } from "~/server/mailer.server";
import { testActor, testDb } from "../db";
import { header, parts, startSmtp } from "../support/smtp";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outbox-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const facts: ShiftFacts = {
  shiftId: 7,
  workLabel: "Door knocking",
  title: "Saturday doors",
  startsAt: "2027-04-17T13:00:00.000Z",
  endsAt: "2027-04-17T16:00:00.000Z",
  when: "Sat, Apr 17, 2027, 9:00 AM – 12:00 PM EDT",
  place: "Union hall, 12 Main St",
  hosts: ["Alpha Chapter", "Bravo Chapter"],
};
const NOW = new Date("2027-04-01T12:00:00Z");
const confirmation = () => signupConfirmation(facts, { email: "vera@example.test", name: "Vera Volunteer" }, { cancel: "http://localhost/volunteer/abc" }, NOW);

async function smtp(o: { failing?: boolean } = {}) {
  const s = await startSmtp(o);
  const sender = smtpSender(mailSettings({ SMTP_URL: s.url, MAIL_FROM: "Coalition Table <table@example.test>" })!);
  closers.push(() => sender.close(), s.close);
  return { ...s, sender };
}

describe("mail settings", () => {
  it("are off with nothing set, from SMTP_URL or SMTP_HOST otherwise, and refuse a URL that is not SMTP", () => {
    expect(mailSettings({})).toBeNull();
    expect(mailSettings({ SMTP_URL: "smtp://u:p@mail.example.org:2525" })).toMatchObject({ url: "smtp://u:p@mail.example.org:2525", from: expect.stringContaining("Coalition Table") });
    expect(mailSettings({ SMTP_HOST: "mail.example.org", SMTP_PORT: "465", SMTP_SECURE: "1", SMTP_USER: "u", SMTP_PASS: "p", MAIL_FROM: "T <t@example.org>" })).toEqual({ url: null, host: "mail.example.org", port: 465, secure: true, user: "u", pass: "p", from: "T <t@example.org>" });
    expect(() => mailSettings({ SMTP_URL: "http://mail.example.org" })).toThrow(/smtp:\/\//);
    expect(() => mailSettings({ SMTP_HOST: "h", SMTP_PORT: "99999" })).toThrow(/port/);
  });
});

describe("the outbox over SMTP", () => {
  it("delivers a queued confirmation with its headers, text and .ics attachment, and marks it sent", async () => {
    const db = testDb();
    const s = await smtp();
    const id = enqueueMail(db, confirmation(), NOW)!;
    expect(getOutboxMessage(db, "system", { messageId: id }).status).toBe("queued");
    const done = await workMailQueue(db, s.sender, { now: () => NOW, host: "table.example.test" });
    expect(done).toEqual({ sent: 1, kept: 0, failed: 0, dead: 0 });
    expect(s.received).toHaveLength(1);
    const [m] = s.received;
    expect(m.to).toEqual(["vera@example.test"]);
    expect(m.from).toBe("table@example.test");
    expect(header(m.raw, "Subject")).toContain("You're signed up: Saturday doors (Door knocking)");
    expect(header(m.raw, "To")).toBe("Vera Volunteer <vera@example.test>");
    expect(header(m.raw, "Message-ID")).toBe(`<outbox-${id}@table.example.test>`);
    expect(header(m.raw, "X-Coalition-Table-Kind")).toBe("signup_confirmation");
    const body = parts(m.raw);
    const text = body.find((p) => p.type === "text/plain")!.body;
    expect(text).toContain("Where: Union hall, 12 Main St");
    expect(text).toContain("Hosted by: Alpha Chapter, Bravo Chapter");
    expect(text).toContain("http://localhost/volunteer/abc");
    const ics = body.find((p) => p.filename === "invite.ics")!;
    expect(ics.type).toBe("text/calendar");
    expect(unfold(ics.body)).toEqual(expect.arrayContaining(["DTSTART:20270417T130000Z", "LOCATION:Union hall\\, 12 Main St", "UID:shift-7@coalition-table"]));
    const row = getOutboxMessage(db, "system", { messageId: id });
    expect(row).toMatchObject({ status: "sent", attempts: 1, sentAt: NOW.toISOString(), lastError: null });
    // nothing more to send
    expect(await workMailQueue(db, s.sender, { now: () => NOW })).toEqual({ sent: 0, kept: 0, failed: 0, dead: 0 });
    expect(s.received).toHaveLength(1);
  });

  it("retries a refusing server with growing delays, then dead-letters; the admin can put it back", async () => {
    const db = testDb();
    const s = await smtp({ failing: true });
    const id = enqueueMail(db, confirmation(), NOW)!;
    let t = NOW.getTime();
    const waits: number[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const done = await workMailQueue(db, s.sender, { now: () => new Date(t) });
      expect(done).toEqual({ sent: 0, kept: 0, failed: i < MAX_ATTEMPTS ? 1 : 0, dead: i < MAX_ATTEMPTS ? 0 : 1 });
      const row = getOutboxMessage(db, "system", { messageId: id });
      expect(row.attempts).toBe(i);
      expect(row.lastError).toMatch(/451|busy/i);
      const next = Date.parse(row.nextAttemptAt);
      waits.push(next - t);
      // not due again before its time
      expect(await workMailQueue(db, s.sender, { now: () => new Date(next - 1000) })).toEqual({ sent: 0, kept: 0, failed: 0, dead: 0 });
      t = next;
    }
    expect(s.state.refused).toBe(MAX_ATTEMPTS);
    expect(waits.slice(0, 3)).toEqual([60_000, 300_000, 1_500_000]);
    expect(getOutboxMessage(db, "system", { messageId: id }).status).toBe("dead");
    // dead letters stay dead: no more attempts
    expect(await workMailQueue(db, s.sender, { now: () => new Date(t + 86_400_000) })).toEqual({ sent: 0, kept: 0, failed: 0, dead: 0 });
    const dead = listOutbox(db, "system", { status: "dead" });
    expect(dead.rows.map((r) => r.id)).toEqual([id]);
    expect(dead.counts.dead).toBe(1);
    // the server recovers; the admin retries the dead letter
    s.state.failing = false;
    expect(retryMessage(db, testActor(db), { messageId: id }, new Date(t))).toBe(true);
    expect(await workMailQueue(db, s.sender, { now: () => new Date(t) })).toEqual({ sent: 1, kept: 0, failed: 0, dead: 0 });
    expect(s.received).toHaveLength(1);
  });

  it("with no SMTP configured keeps the message in the outbox, readable", async () => {
    const db = testDb();
    const kept: number[] = [];
    const id = enqueueMail(db, confirmation(), NOW)!;
    expect(await workMailQueue(db, null, { now: () => NOW, onKept: (r) => kept.push(r.id) })).toEqual({ sent: 0, kept: 1, failed: 0, dead: 0 });
    expect(kept).toEqual([id]);
    const row = getOutboxMessage(db, "system", { messageId: id });
    expect(row).toMatchObject({ status: "kept", toAddress: "vera@example.test" });
    expect(row.textBody).toContain("Saturday doors");
    expect(row.ics).toContain("BEGIN:VEVENT");
  });

  it("a message due later waits; a dedupe key schedules once", () => {
    const db = testDb();
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(enqueueMail(db, { ...confirmation(), dueAt: later, dedupeKey: "k1" }, NOW)).not.toBeNull();
    expect(enqueueMail(db, { ...confirmation(), dueAt: later, dedupeKey: "k1" }, NOW)).toBeNull();
    expect(db.select().from(outbox).all()).toHaveLength(1);
    expect(claimDueMail(db, { now: NOW })).toEqual([]);
    expect(claimDueMail(db, { now: later })).toHaveLength(1);
  });

  it("two workers claiming at once never take the same message", () => {
    const file = path.join(dir, "claims.db");
    const a = openDb(file);
    const b = openDb(file);
    for (let i = 0; i < 30; i++) enqueueMail(a, { ...confirmation(), to: `v${i}@example.test` }, NOW);
    const ids: number[] = [];
    for (let round = 0; round < 4; round++) for (const db of [a, b]) ids.push(...claimDueMail(db, { now: NOW, limit: 4 }).map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
    a.$client.close();
    b.$client.close();
  });

  it("a restart between enqueue and send sends once, and a worker that died mid-send is taken over after the lease", async () => {
    const file = path.join(dir, "restart.db");
    const s = await smtp();
    // the request's process enqueues, then the server stops before the queue runs
    let db = openDb(file);
    const id = enqueueMail(db, confirmation())!;
    db.$client.close();
    // the server starts again: its queue runs (twice, as a timer would), on a new connection
    db = openDb(file);
    const q = startMailQueue(db, s.sender, { intervalMs: 60_000 });
    await q.pass();
    await q.pass();
    await q.stop();
    expect(s.received).toHaveLength(1);
    expect(getOutboxMessage(db, "system", { messageId: id }).status).toBe("sent");
    // a worker claims a message and dies before sending: nobody else takes it during the lease
    const id2 = enqueueMail(db, { ...confirmation(), to: "walt@example.test" }, NOW)!;
    expect(claimDueMail(db, { now: NOW }).map((r) => r.id)).toEqual([id2]);
    expect(await workMailQueue(db, s.sender, { now: () => new Date(NOW.getTime() + 60_000) })).toMatchObject({ sent: 0 });
    // after the lease the message is claimed again and sent once
    expect(await workMailQueue(db, s.sender, { now: () => new Date(NOW.getTime() + 11 * 60_000) })).toMatchObject({ sent: 1 });
    expect(s.received.map((m) => m.to[0])).toEqual(["vera@example.test", "walt@example.test"]);
    db.$client.close();
  });
});
