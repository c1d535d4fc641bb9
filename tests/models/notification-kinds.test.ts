/**
 * Issue 14's later notification kinds, each written in the transaction of the change that
 * causes it (an inbox row, and an outbox row for those who want it at once; nothing is sent
 * inside the transaction): a stance changed on a candidate one's partner is considering, a
 * meeting scheduled or its agenda published (with its .ics), an action item assigned or
 * overdue (told once), a new firewall policy version to acknowledge.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { unfold } from "~/domain/ical";
import { grantRole } from "~/models/accounts.server";
import { publishAgenda, addAgendaItem } from "~/models/agendas.server";
import { notifyOverdueActionItems } from "~/models/notification-kinds.server";
import { setPreferences } from "~/models/notifications.server";
import { outgoing } from "~/models/outbox.server";
import { sendDigests, setDigestTime } from "~/models/digests.server";
import { notifications, outbox } from "../../db/schema";
import { testActor, testDb } from "../db";
import { buildActionItem, buildAffiliate, buildMeeting, buildPolicy, buildTableWithRace, stance } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db, "Ada Admin");
});

const inboxOf = (userId: number) => db.select().from(notifications).all().filter((n) => n.userId === userId);
const mailTo = (email: string) => db.select().from(outbox).all().filter((m) => m.toAddress === email);
const emailOf = (userId: number) => db.$client.prepare("select email from users where id = ?").pluck().get(userId) as string;
const nextYear = String(new Date().getUTCFullYear() + 1);

function table() {
  const t = buildTableWithRace(db, actor, { partners: 4, threshold: 4 });
  const reps = t.partners.map((p, i) => {
    const u = testActor(db, `Rep ${"ABCD"[i]}`);
    grantRole(db, actor, u.id, { role: "partner_rep", coalitionId: t.coalition.id, partnerId: p.id });
    return u;
  });
  const fac = testActor(db, "Fay Facilitator");
  grantRole(db, actor, fac.id, { role: "facilitator", coalitionId: t.coalition.id });
  for (const [i, p] of t.partners.entries()) buildPolicy(db, actor, p.id, [reps[i].id]);
  // the policies' own notifications are not what these tests look at
  db.delete(notifications).run();
  db.delete(outbox).run();
  return { ...t, reps, fac, candidate: t.candidates[0] };
}

describe("a stance changed on a candidate one's partner is considering", () => {
  it("tells the representatives of the partners considering it, not the others, and never carries a campaign's note", () => {
    const t = table();
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[1].id, "considering");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[2].id, "considering");
    db.delete(notifications).run();
    db.delete(outbox).run();
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[0].id, "endorsed", { note: "CAMPAIGN-SAID: they need ward 5", noteSource: "campaign" });
    for (const who of [t.reps[1], t.reps[2]]) {
      const [n] = inboxOf(who.id);
      expect(n).toMatchObject({ kind: "stance_changed", title: `${t.partners[0].name}: endorsed on ${t.candidate.name} (${t.race.state}-${t.race.district})`, body: "No stance → Endorsed.", link: `/tables/${t.coalition.id}/candidates/${t.candidate.id}` });
      const [m] = mailTo(emailOf(who.id));
      expect(m.status).toBe("queued");
      expect(m.textBody).not.toContain("CAMPAIGN-SAID");
      expect(outgoing(m, "https://x.example").headers!["List-Unsubscribe"]).toMatch(/kind=stance_changed>$/);
    }
    // the acting partner, a partner not considering it, and the facilitator hear nothing
    expect([...inboxOf(t.reps[0].id), ...inboxOf(t.reps[3].id), ...inboxOf(t.fac.id)]).toEqual([]);
    // the table's own research note goes along; a private one does not
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[3].id, "declined", { note: "Our board met.", noteSource: "research" });
    expect(inboxOf(t.reps[1].id).at(-1)!.body).toBe("No stance → Declined. Note: Our board met.");
    stance(db, actor, t.coalition.id, t.candidate.id, t.partners[3].id, "considering", { note: "PRIVATE-NOTE", notePrivate: true });
    expect(inboxOf(t.reps[1].id).at(-1)!.body).toBe("Declined → Considering.");
  });
});

describe("a meeting scheduled or its agenda published", () => {
  it("tells the invited members' people and the facilitators, with the meeting's .ics; a past meeting tells no one", () => {
    const t = table();
    const counsel = testActor(db, "Cy Counsel");
    grantRole(db, actor, counsel.id, { role: "counsel", partnerId: t.partners[2].id });
    db.delete(notifications).run();
    db.delete(outbox).run();
    const m = buildMeeting(db, actor, t.coalition.id, { title: "Table meeting", date: `${nextYear}-03-10`, time: "19:00", location: "Union hall" });
    for (const who of [t.reps[0], t.reps[3], t.fac, counsel]) {
      const [n] = inboxOf(who.id);
      expect(n.kind).toBe("meeting");
      expect(n.title).toMatch(/^Meeting scheduled: Table meeting, .*7:00.*PM/);
      const [mail] = mailTo(emailOf(who.id));
      const lines = unfold(mail.ics!);
      expect(lines).toContain(`UID:meeting-${m.id}@coalition-table`);
      expect(lines).toContain(`DTSTART:${nextYear}0311T000000Z`);
      expect(lines).toContain("LOCATION:Union hall");
    }
    addAgendaItem(db, actor, { coalitionId: t.coalition.id, meetingId: m.id, title: "Endorsements", raceId: null, candidateId: null });
    publishAgenda(db, actor, { coalitionId: t.coalition.id, meetingId: m.id });
    const last = inboxOf(t.reps[1].id).at(-1)!;
    expect(last).toMatchObject({ kind: "meeting", body: "The agenda has 1 item. Where: Union hall" });
    expect(last.title).toMatch(/^Agenda published: Table meeting/);
    // publishing again tells no one twice
    publishAgenda(db, actor, { coalitionId: t.coalition.id, meetingId: m.id });
    expect(inboxOf(t.reps[1].id)).toHaveLength(2);
    // a meeting recorded after the fact is not news
    const before = db.select().from(notifications).all().length;
    buildMeeting(db, actor, t.coalition.id, { date: "2026-01-10" });
    expect(db.select().from(notifications).all()).toHaveLength(before);
  });

  it("a digest carries every meeting's event in one calendar", () => {
    const t = table();
    setPreferences(db, t.reps[0], { meeting: "digest" });
    const a = buildMeeting(db, actor, t.coalition.id, { date: `${nextYear}-03-10` });
    const b = buildMeeting(db, actor, t.coalition.id, { date: `${nextYear}-03-17` });
    expect(mailTo(emailOf(t.reps[0].id))).toEqual([]);
    expect(sendDigests(db, new Date(`${nextYear}-01-01T12:00:00Z`))).toBe(1);
    const [digest] = mailTo(emailOf(t.reps[0].id));
    const uids = unfold(digest.ics!).filter((l) => l.startsWith("UID:"));
    expect(uids).toEqual([`UID:meeting-${a.id}@coalition-table`, `UID:meeting-${b.id}@coalition-table`]);
    expect(unfold(digest.ics!).filter((l) => l === "BEGIN:VCALENDAR")).toHaveLength(1);
  });
});

describe("action items", () => {
  it("assigned: the owner partner's representatives, or the owner affiliate's leads", () => {
    const t = table();
    const aff = buildAffiliate(db, actor, t.coalition.id, t.partners[1].id);
    const lead = testActor(db, "Lee Lead");
    grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: t.coalition.id, affiliateId: aff.id });
    const m = buildMeeting(db, actor, t.coalition.id);
    buildActionItem(db, actor, t.coalition.id, m.id, { partnerId: t.partners[0].id, affiliateId: null }, { text: "Call the union", dueDate: "2026-11-20" });
    expect(inboxOf(t.reps[0].id).map((n) => [n.kind, n.title, n.body])).toEqual([["action_item_assigned", "Action item for you: Call the union", `Due 2026-11-20. From "${m.title}".`]]);
    buildActionItem(db, actor, t.coalition.id, m.id, { partnerId: null, affiliateId: aff.id }, { text: "Book the hall" });
    expect(inboxOf(lead.id).map((n) => n.title)).toEqual(["Action item for you: Book the hall"]);
    expect(inboxOf(t.reps[1].id)).toEqual([]);
    expect(mailTo(emailOf(lead.id))).toHaveLength(1);
  });

  it("overdue: the worker's pass tells the owner once, the day after its due date, only while it is open", () => {
    const t = table();
    const m = buildMeeting(db, actor, t.coalition.id);
    const item = buildActionItem(db, actor, t.coalition.id, m.id, { partnerId: t.partners[0].id, affiliateId: null }, { text: "Send the list", dueDate: "2030-05-01" });
    const done = buildActionItem(db, actor, t.coalition.id, m.id, { partnerId: t.partners[0].id, affiliateId: null }, { text: "Done one", dueDate: "2030-05-01" });
    db.$client.prepare("update action_items set status = 'done' where id = ?").run(done.id);
    expect(notifyOverdueActionItems(db, new Date("2030-05-01T23:00:00Z"))).toBe(0);
    expect(notifyOverdueActionItems(db, new Date("2030-05-02T00:30:00Z"))).toBe(1);
    expect(notifyOverdueActionItems(db, new Date("2030-05-02T00:30:05Z"))).toBe(0);
    expect(notifyOverdueActionItems(db, new Date("2030-06-01T00:00:00Z"))).toBe(0);
    const overdue = inboxOf(t.reps[0].id).filter((n) => n.kind === "action_item_overdue");
    expect(overdue.map((n) => [n.title, n.body])).toEqual([["Overdue: Send the list", `It was due 2030-05-01 and is still open. From "${m.title}".`]]);
    expect(mailTo(emailOf(t.reps[0].id)).filter((x) => x.subject === "Overdue: Send the list")).toHaveLength(1);
    expect(item.id).toBeGreaterThan(0);
  });
});

describe("a new firewall policy version", () => {
  it("tells the member's representatives, counsel and its affiliates' leads, not the publisher nor other members", () => {
    const t = table();
    const counsel = testActor(db, "Cy Counsel");
    grantRole(db, actor, counsel.id, { role: "counsel", partnerId: t.partners[0].id });
    const aff = buildAffiliate(db, actor, t.coalition.id, t.partners[0].id);
    const lead = testActor(db, "Lee Lead");
    grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: t.coalition.id, affiliateId: aff.id });
    db.delete(notifications).run();
    buildPolicy(db, counsel, t.partners[0].id, [], { title: "Version two" });
    for (const who of [t.reps[0], lead]) {
      expect(inboxOf(who.id).map((n) => [n.kind, n.title, n.link])).toEqual([["policy_version", `${t.partners[0].name}: firewall policy version 2 to acknowledge`, `/tables/${t.coalition.id}/firewall/policies`]]);
    }
    expect([...inboxOf(counsel.id), ...inboxOf(t.reps[1].id), ...inboxOf(t.fac.id)]).toEqual([]);
  });
});

describe("the digest hour", () => {
  it("goes out once a day at the hour the person chose, in their zone; what comes after waits for the next day", () => {
    const t = table();
    setPreferences(db, t.reps[0], { action_item_assigned: "digest" });
    // 18:00 in New York (23:00 UTC in winter, 22:00 in summer)
    setDigestTime(db, t.reps[0], { hour: 18, timeZone: "America/New_York" }, new Date("2030-01-14T12:00:00Z"));
    const m = buildMeeting(db, actor, t.coalition.id);
    const owner = { partnerId: t.partners[0].id, affiliateId: null };
    const at = (iso: string) => new Date(iso);
    db.$client.prepare("update notifications set created_at = ?").run("2030-01-14T12:00:00.000Z");
    buildActionItem(db, actor, t.coalition.id, m.id, owner, { text: "First" });
    db.$client.prepare("update notifications set created_at = ? where title like '%First'").run("2030-01-14T12:00:00.000Z");
    expect(sendDigests(db, at("2030-01-14T22:59:00Z"))).toBe(0);
    expect(sendDigests(db, at("2030-01-14T23:00:00Z"))).toBe(1);
    expect(sendDigests(db, at("2030-01-14T23:30:00Z"))).toBe(0);
    buildActionItem(db, actor, t.coalition.id, m.id, owner, { text: "Second" });
    db.$client.prepare("update notifications set created_at = ? where title like '%Second'").run("2030-01-14T23:40:00.000Z");
    expect(sendDigests(db, at("2030-01-15T12:00:00Z"))).toBe(0);
    expect(sendDigests(db, at("2030-01-15T23:00:01Z"))).toBe(1);
    const digests = mailTo(emailOf(t.reps[0].id)).filter((x) => x.kind === "digest");
    expect(digests.map((d) => d.subject)).toEqual(["Your Coalition Table digest for 2030-01-14: 1 update", "Your Coalition Table digest for 2030-01-15: 1 update"]);
    expect(digests[1].textBody).toContain("Second");
    expect(digests[1].textBody).not.toContain("First");
  });
});
