/**
 * Notifications (issue 14): a sub-table formed, a partner joining or leaving, sign-ups on a
 * shift one hosts; each into the inbox (the table layout's unread count) and by email as the
 * person chose per kind (at once, daily digest, inbox only), with a one-click unsubscribe link.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as inboxPage from "~/routes/inbox";
import * as unsubscribePage from "~/routes/unsubscribe.$unsubscribeToken";
import * as layout from "~/routes/tables.$coalitionId";
import { grantRole } from "~/models/accounts.server";
import { sendDigests } from "~/models/notifications.server";
import { outgoing } from "~/models/outbox.server";
import { publicSignUp, publishShift } from "~/models/public-shifts.server";
import { notifications, outbox } from "../../db/schema";
import { NOTIFICATION_KINDS } from "~/domain/vocabulary";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift, buildTableWithRace, stance } from "../factories";
import { act, expectRedirect, expectStatus, load, settle, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function table() {
  const t = buildTableWithRace(db, actor, { partners: 4, threshold: 2 });
  const rep = (i: number) => {
    const u = testActor(db, `Rep ${"ABCD"[i]}`);
    grantRole(db, actor, u.id, { role: "partner_rep", coalitionId: t.coalition.id, partnerId: t.partners[i].id });
    buildPolicy(db, actor, t.partners[i].id, [u.id]);
    return u;
  };
  const reps = [rep(0), rep(1), rep(2), rep(3)];
  const fac = testActor(db, "Fay Facilitator");
  grantRole(db, actor, fac.id, { role: "facilitator", coalitionId: t.coalition.id });
  // each new policy tells its member's people (tests/models/notification-kinds.test.ts); not what these tests look at
  db.delete(notifications).run();
  db.delete(outbox).run();
  return { ...t, reps, fac, candidate: t.candidates[0] };
}

const inboxOf = (userId: number) => db.select().from(notifications).all().filter((n) => n.userId === userId);
const mailTo = (email: string) => db.select().from(outbox).all().filter((m) => m.toAddress === email);
const emailOf = (userId: number) => db.$client.prepare("select email from users where id = ?").pluck().get(userId) as string;

describe("sub-table notifications", () => {
  it("the endorsement that forms a sub-table tells its members' representatives and the facilitator, in the inbox and by email", async () => {
    const t = table();
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[0].id, "endorsed", { note: "CAMPAIGN-SAID: the campaign wants ward 5", noteSource: "campaign" });
    expect(db.select().from(notifications).all()).toHaveLength(0);
    const formed = stance(db, actor, t.coalition.id, t.candidate.id, t.partners[1].id, "endorsed");
    if (!formed.ok || formed.subTable.kind !== "form") throw new Error("expected a sub-table");
    for (const who of [t.reps[0], t.reps[1], t.fac]) {
      const title = `A sub-table formed for ${t.candidate.name} (${t.race.state}-${t.race.district})`;
      expect(inboxOf(who.id).map((n) => [n.kind, n.title])).toEqual([["sub_table_formed", title]]);
      expect(inboxOf(who.id)[0].body).toBe(`Endorsing: ${[t.partners[0].name, t.partners[1].name].sort().join(", ")}.`);
      const [m] = mailTo(emailOf(who.id));
      expect(m).toMatchObject({ kind: "notification", subject: title });
      // the links get the site's address when sent; every email has a way to stop it
      const sent = outgoing(m, "https://table.example.org");
      expect(sent.text).toContain(`Open it: https://table.example.org/tables/${t.coalition.id}/sub-tables/${formed.subTable.subCoalitionId}`);
      expect(sent.headers!["List-Unsubscribe"]).toMatch(/^<https:\/\/table\.example\.org\/unsubscribe\/[A-Za-z0-9_-]+\?kind=sub_table_formed>$/);
      expect(sent.text).not.toContain("CAMPAIGN-SAID");
    }
    // partners not in it hear nothing
    expect(inboxOf(t.reps[2].id)).toEqual([]);
    // a third partner joins, the first leaves: the members hear of each
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[2].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[0].id, "withdrawn");
    expect(inboxOf(t.reps[1].id).map((n) => n.title.replace(/ for .*/, ""))).toEqual(["A sub-table formed", `${t.partners[2].name} joined the sub-table`, `${t.partners[0].name} left the sub-table`]);
    expect(inboxOf(t.reps[0].id).at(-1)!.title).toContain("left the sub-table");
  });

  it("the inbox: the layout's unread count, newest first, mark all read", async () => {
    const t = table();
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[0].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[1].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[2].id, "endorsed");
    signInAs(db, t.reps[0].id);
    const c = String(t.coalition.id);
    expect((await load(layout.loader, `/tables/${c}`, { coalitionId: c })).unread).toBe(2);
    const page = await load(inboxPage.loader, "/inbox?size=1", {});
    expect(page.rows.map((r) => r.kind)).toEqual(["sub_table_changed"]);
    expect(page).toMatchObject({ unread: 2, total: 2 });
    expect((await load(inboxPage.loader, `/inbox?size=1&page=${page.next}`, {})).rows.map((r) => r.kind)).toEqual(["sub_table_formed"]);
    await expectRedirect(act(inboxPage.action, "/inbox", {}, { intent: "read" }), /^\/inbox$/);
    expect((await load(layout.loader, `/tables/${c}`, { coalitionId: c })).unread).toBe(0);
    // someone else's inbox is their own
    signInAs(db, t.reps[3].id);
    expect((await load(inboxPage.loader, "/inbox", {})).rows).toEqual([]);
  });
});

describe("per-kind settings", () => {
  it("daily digest: no email at once, one digest at the person's hour (12:00 UTC unless chosen); inbox only: no email; bad input kept out", async () => {
    const t = table();
    signInAs(db, t.reps[0].id);
    const all = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, "instant"]));
    await expectRedirect(act(inboxPage.action, "/inbox", {}, { ...all, intent: "prefs", sub_table_formed: "digest", sub_table_changed: "off" }), /\?saved=prefs/);
    expect((await load(inboxPage.loader, "/inbox", {})).prefs).toEqual({ ...all, sub_table_formed: "digest", sub_table_changed: "off" });
    const bad = await settle(act(inboxPage.action, "/inbox", {}, { ...all, intent: "prefs", sub_table_formed: "hourly", sub_table_changed: "off" }));
    expect(bad.status).toBe(400);
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[0].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[1].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[2].id, "endorsed");
    const mine = emailOf(t.reps[0].id);
    expect(mailTo(mine)).toEqual([]);
    expect(inboxOf(t.reps[0].id)).toHaveLength(2);
    // the stances were recorded at 2026-11-01T15:00Z: the first digest is due at noon UTC the next day
    expect(sendDigests(db, new Date("2026-11-02T11:59:00Z"))).toBe(0);
    expect(sendDigests(db, new Date("2026-11-02T12:00:30Z"))).toBe(1);
    expect(sendDigests(db, new Date("2026-11-02T13:00:00Z"))).toBe(0);
    const [digest] = mailTo(mine);
    expect(digest).toMatchObject({ kind: "digest", subject: "Your Coalition Table digest for 2026-11-02: 1 update" });
    expect(digest.textBody).toContain(`• A sub-table formed for ${t.candidate.name}`);
    expect(digest.textBody).toMatch(/Stop "A sub-table formed with your member": \{\{BASE\}\}\/unsubscribe\//);
  });

  it("the digest's hour and zone: a select of hours on the inbox; a bad value is refused next to the field and keeps what was chosen", async () => {
    const t = table();
    signInAs(db, t.reps[0].id);
    expect((await load(inboxPage.loader, "/inbox", {})).digest).toEqual({ hour: 12, timeZone: "UTC", nextAt: null });
    await expectRedirect(act(inboxPage.action, "/inbox", {}, { intent: "digest", digestHour: "7", digestZone: "America/Chicago" }), /\?saved=digest/);
    const saved = (await load(inboxPage.loader, "/inbox", {})).digest;
    expect(saved).toMatchObject({ hour: 7, timeZone: "America/Chicago" });
    // due at the next 07:00 in Chicago, after now
    expect(Date.parse(saved.nextAt!)).toBeGreaterThan(Date.now());
    expect(Date.parse(saved.nextAt!) - Date.now()).toBeLessThanOrEqual(86_400_000);
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hour12: false }).format(new Date(saved.nextAt!))).toBe("07");
    const bad = await settle(act(inboxPage.action, "/inbox", {}, { intent: "digest", digestHour: "25", digestZone: "Mars/Olympus" }));
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ intent: "digest", errors: { digestHour: "Choose an hour.", digestZone: "Choose a time zone from the list." }, values: { digestHour: "25", digestZone: "Mars/Olympus" } });
    expect((await load(inboxPage.loader, "/inbox", {})).digest).toMatchObject({ hour: 7, timeZone: "America/Chicago" });
  });

  it("the one-click unsubscribe link stops that kind; unknown links are a 404", async () => {
    const t = table();
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[0].id, "endorsed");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[1].id, "endorsed");
    const [m] = mailTo(emailOf(t.reps[1].id));
    const token = m.textBody.match(/unsubscribe\/([A-Za-z0-9_-]+)\?kind=sub_table_formed/)![1];
    signInAs(db, null);
    const path = `/unsubscribe/${token}?kind=sub_table_formed`;
    expect((await load(unsubscribePage.loader, path, { unsubscribeToken: token })).label).toBe("A sub-table formed with your member");
    expect(await unsubscribePage.action({ request: new Request(`http://localhost:3000${path}`, { method: "POST", headers: { Origin: "http://localhost:3000" } }), params: { unsubscribeToken: token }, context: {} })).toEqual({ done: true, error: null });
    signInAs(db, t.reps[1].id);
    expect((await load(inboxPage.loader, "/inbox", {})).prefs.sub_table_formed).toBe("off");
    await expectStatus(load(unsubscribePage.loader, "/unsubscribe/AAAAAAAAAAAAAAAAAAAA", { unsubscribeToken: "AAAAAAAAAAAAAAAAAAAA" }), 404);
  });
});

describe("sign-ups on a shift one hosts", () => {
  it("a public sign-up tells the host affiliate's leads", () => {
    const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
    const lead = testActor(db, "Hal Host");
    grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[0].id });
    const other = testActor(db, "Oli Other");
    grantRole(db, actor, other.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[1].id });
    const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.affiliates[0].id, { title: "Saturday doors", capacity: 5 });
    expect(publishShift(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, shiftId: shift.id, publish: true }).ok).toBe(true);
    const token = db.$client.prepare("select token from shift_links where shift_id = ? and affiliate_id = ?").pluck().get(shift.id, w.affiliates[1].id) as string;
    expect(publicSignUp(db, null, { shareToken: token, base: "http://localhost", volunteerName: "Vera Volunteer", email: "vera@example.test", phone: null }).ok).toBe(true);
    const [n] = inboxOf(lead.id);
    expect(n).toMatchObject({ kind: "shift_signups", title: "Vera Volunteer signed up for Saturday doors (Doorknocking)" });
    expect(n.body).toContain(`Through ${w.affiliates[1].name}'s link; 4 places left.`);
    expect(inboxOf(other.id)).toEqual([]);
  });
});
