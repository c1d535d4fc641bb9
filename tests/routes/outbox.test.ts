/**
 * The admin's outbox pages (issue 14): the list, newest first and by status (dead letters),
 * keyset-paged; one message as sent; putting a dead letter back in the queue. Admin only.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import * as outboxPage from "~/routes/admin_.outbox";
import * as messagePage from "~/routes/admin_.outbox.$messageId";
import { claimDueMail, enqueueMail, markFailed, MAX_ATTEMPTS } from "~/models/outbox.server";
import { testActor } from "../db";
import { act, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
beforeEach(() => {
  ({ db } = freshDb());
});

const mail = (i: number) => ({ kind: "test" as const, to: `p${i}@example.test`, subject: `Message ${i}`, text: `Body ${i}`, ics: i === 1 ? "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" : null });

function deadLetter(id: number) {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    db.$client.prepare("update outbox set next_attempt_at = ? where id = ?").run(new Date(0).toISOString(), id);
    const [c] = claimDueMail(db, { limit: 1 });
    markFailed(db, c, "451 mailbox busy");
  }
}

describe("the outbox pages", () => {
  it("lists messages newest first, paged by id, with the counts by status and dead letters on their own", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => enqueueMail(db, mail(i + 1))!);
    deadLetter(ids[0]);
    const all = await load(outboxPage.loader, "/admin/outbox?size=3", {});
    expect(all.rows.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(all.total).toBe(7);
    expect(all.counts).toMatchObject({ queued: 6, dead: 1 });
    expect(all.smtp).toBeNull();
    const second = await load(outboxPage.loader, `/admin/outbox?size=3&page=${all.next}`, {});
    expect(second.rows.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    const back = await load(outboxPage.loader, `/admin/outbox?size=3&page=${second.prev}`, {});
    expect(back.rows.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    const dead = await load(outboxPage.loader, "/admin/outbox?status=dead", {});
    expect(dead.rows.map((r) => [r.id, r.status, r.attempts, r.lastError])).toEqual([[ids[0], "dead", MAX_ATTEMPTS, "451 mailbox busy"]]);
    expect(dead.total).toBe(1);
    // a junk status or cursor reads as the whole first page
    expect((await load(outboxPage.loader, "/admin/outbox?status=nope&page=%%%", {})).rows).toHaveLength(7);
  });

  it("shows one message as it is sent, and puts a dead letter back in the queue", async () => {
    const id = enqueueMail(db, mail(1))!;
    deadLetter(id);
    const page = await load(messagePage.loader, `/admin/outbox/${id}`, { messageId: String(id) });
    expect(page.message).toMatchObject({ subject: "Message 1", toAddress: "p1@example.test", textBody: "Body 1", status: "dead", ics: expect.stringContaining("VCALENDAR") });
    await expectRedirect(act(messagePage.action, `/admin/outbox/${id}`, { messageId: String(id) }, {}), new RegExp(`/admin/outbox/${id}$`));
    expect((await load(messagePage.loader, `/admin/outbox/${id}`, { messageId: String(id) })).message).toMatchObject({ status: "queued", attempts: 0 });
    await expectStatus(load(messagePage.loader, "/admin/outbox/999", { messageId: "999" }), 404);
    await expectStatus(load(messagePage.loader, "/admin/outbox/x", { messageId: "x" }), 404);
  });

  it("is the admin's only", async () => {
    const id = enqueueMail(db, mail(1))!;
    signInAs(db, testActor(db, "Not Admin").id);
    await expectStatus(load(outboxPage.loader, "/admin/outbox", {}), 403);
    await expectStatus(load(messagePage.loader, `/admin/outbox/${id}`, { messageId: String(id) }), 403);
  });
});
