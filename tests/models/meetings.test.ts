import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agendaItems, canvassPrograms, coalitionPartners, meetingInvitees, meetings, pledges, shifts, signups, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { Principal } from "~/domain/permissions";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { getTableHealth } from "~/models/health.server";
import { addInvitee, createMeeting, recordAttendance } from "~/models/meetings.server";
import { addAgendaItem, addAgendaNote, agendaDraftInput, moveAgendaItem, prefillAgenda, publishAgenda, removeAgendaItem } from "~/models/agendas.server";
import { recordDecision } from "~/models/decisions.server";
import { addActionItem, setActionItemStatus } from "~/models/action-items.server";
import { getMeeting, meetingExport } from "~/models/meeting-record.server";
import { getAgreement, saveAgreementVersion, signOffAgreement } from "~/models/agreements.server";
import { meetingMarkdown } from "~/domain/meetings";
import { testActor, testDb } from "../db";
import { buildActionItem, buildAffiliate, buildCandidate, buildCoalition, buildMeeting, buildPartner, buildRace, stance } from "../factories";
import { dump } from "../routes/support";

let db: Db;
let actor: Actor;

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

/**
 * A seeded table: threshold 4, five partners. PA-07 (one seat): Ana has 3 endorsers
 * (nearing), Ben 1 (so PA-07 is split). OH-09: Cleo reached 4 and has a sub-table. All
 * stances recorded on 2026-11-01.
 */
function seededTable() {
  const t = buildCoalition(db, actor, { threshold: 4 });
  const ps = Array.from({ length: 5 }, (_, i) => buildPartner(db, actor, t.id, { shortName: `P${i + 1}x${t.id}` }));
  const pa = buildRace(db, actor, t.id, { state: "PA", district: "07", primaryDate: "2027-05-18" });
  const oh = buildRace(db, actor, t.id, { state: "OH", district: "09", primaryDate: "2027-05-04", timeZone: "America/New_York" });
  const ana = buildCandidate(db, actor, t.id, pa.id, { name: "Ana Ruiz" });
  const ben = buildCandidate(db, actor, t.id, pa.id, { name: "Ben Ode" });
  const cleo = buildCandidate(db, actor, t.id, oh.id, { name: "Cleo Park" });
  for (const p of ps.slice(0, 3)) stance(db, actor, t.id, ana.id, p.id, "endorsed");
  stance(db, actor, t.id, ben.id, ps[3].id, "endorsed");
  let subId = 0;
  for (const p of ps.slice(0, 4)) {
    const r = stance(db, actor, t.id, cleo.id, p.id, "endorsed");
    if (r.ok && r.subTable.kind === "form") subId = r.subTable.subCoalitionId!;
  }
  return { t, ps, pa, oh, ana, ben, cleo, subId };
}

function principal(grant: { role: "partner_rep" | "counsel" | "facilitator"; partnerId?: number; coalitionId?: number }): Principal {
  const u = db.insert(users).values({ name: `Viewer ${grant.role} ${grant.partnerId ?? grant.coalitionId}`, email: `v${Math.random()}@example.test` }).returning().get();
  grantRole(db, actor, u.id, grant);
  return loadPrincipal(db, u.id)!;
}

describe("meetings", () => {
  it("stores the time as a UTC instant with the zone it is shown in, and invites by kind", () => {
    const { t, ps, oh, subId } = seededTable();
    const aff = buildAffiliate(db, actor, t.id, ps[0].id, { state: "OH", districts: ["09"] });
    buildAffiliate(db, actor, t.id, ps[4].id, { state: "OH", districts: ["09"] }); // P5 is not a member of the sub-table
    const table = buildMeeting(db, actor, t.id, { date: "2026-12-01", time: "19:00", timeZone: "America/New_York" });
    expect(table.startsAt).toBe("2026-12-02T00:00:00.000Z");
    expect(db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, table.id)).all()).toHaveLength(5);

    const call = buildMeeting(db, actor, t.id, { kind: "joint_call", subCoalitionId: subId, timeZone: oh.timeZone });
    const invited = db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, call.id)).all();
    expect(invited.filter((i) => i.partnerId !== null).map((i) => i.partnerId).sort()).toEqual(ps.slice(0, 4).map((p) => p.id).sort());
    expect(invited.filter((i) => i.affiliateId !== null).map((i) => i.affiliateId)).toEqual([aff.id]);

    const view = getMeeting(db, "system", { coalitionId: t.id, meetingId: table.id, today: "2026-11-22" });
    expect(view.meeting.when).toBe("Tue, Dec 1, 2026, 7:00 PM EST");
    expect(view.meeting.local).toEqual({ date: "2026-12-01", time: "19:00" });
  });

  it("with no zone given, takes the race's zone for a meeting about a race, else New York's", () => {
    const { t, ps } = seededTable();
    const wi = buildRace(db, actor, t.id, { state: "WI", district: "03", timeZone: "America/Chicago" });
    const dana = buildCandidate(db, actor, t.id, wi.id, { name: "Dana Fox" });
    const interview = buildMeeting(db, actor, t.id, { kind: "candidate_interview", candidateId: dana.id, timeZone: null, date: "2026-12-01", time: "19:00" });
    expect(interview).toMatchObject({ timeZone: "America/Chicago", startsAt: "2026-12-02T01:00:00.000Z" });
    expect(db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, interview.id)).all()).toHaveLength(ps.length); // the whole table
    expect(buildMeeting(db, actor, t.id, { timeZone: null }).timeZone).toBe("America/New_York");
  });

  it("refuses a sub-table or candidate of another table, writing nothing", () => {
    const { t } = seededTable();
    const other = seededTable();
    const before = dump(db);
    const base = { title: "X", kind: "sub_table" as const, date: "2026-12-01", time: "19:00", timeZone: "UTC", location: null, candidateId: null };
    expect(createMeeting(db, actor, { coalitionId: t.id, ...base, subCoalitionId: other.subId })).toMatchObject({ ok: false, field: "subCoalitionId" });
    expect(createMeeting(db, actor, { coalitionId: t.id, ...base, kind: "candidate_interview", subCoalitionId: null, candidateId: other.ana.id })).toMatchObject({ ok: false, field: "candidateId" });
    expect(dump(db)).toEqual(before);
  });

  it("takes attendance of invitees only", () => {
    const { t, ps } = seededTable();
    const m = buildMeeting(db, actor, t.id);
    const invitees = db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, m.id)).all();
    expect(recordAttendance(db, actor, { coalitionId: t.id, meetingId: m.id, attendedInviteeIds: [invitees[0].id, invitees[2].id] })).toMatchObject({ ok: true, attended: 2 });
    const after = db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, m.id)).all();
    expect(after.map((i) => i.attended)).toEqual([true, false, true, false, false]);
    expect(recordAttendance(db, actor, { coalitionId: t.id, meetingId: m.id, attendedInviteeIds: [999_999] })).toMatchObject({ ok: false });
    expect(addInvitee(db, actor, { coalitionId: t.id, meetingId: m.id, invitee: { partnerId: ps[0].id, affiliateId: null } })).toMatchObject({ ok: false, field: "invitee" });
  });
});

describe("the agenda pre-filled from a seeded table", () => {
  it("lists new sub-tables, races nearing critical mass, split races and stance changes since the last meeting", () => {
    const { t, ana, cleo, pa, subId } = seededTable();
    const m = buildMeeting(db, actor, t.id, { date: "2026-11-10" });
    const r = prefillAgenda(db, actor, { coalitionId: t.id, meetingId: m.id, today: "2026-11-09" });
    expect(r.ok).toBe(true);
    const items = db.select().from(agendaItems).where(eq(agendaItems.meetingId, m.id)).orderBy(agendaItems.position).all();
    const titles = items.map((i) => i.title);
    expect(titles[0]).toMatch(/^New sub-table: Cleo Park \(U\.S\. House.*OH-09\), 4 partners$/);
    expect(titles.find((x) => x.startsWith("Nearing critical mass:"))).toMatch(/^Nearing critical mass: Ana Ruiz \(U\.S\. House.*PA-07\), 3 of 4$/);
    expect(titles.find((x) => x.startsWith("Split race:"))).toMatch(/PA-07 \(Ana Ruiz: .*; Ben Ode: /);
    expect(titles.filter((x) => x.startsWith("Stances changed:"))).toHaveLength(3); // Ana, Ben, Cleo
    expect(items.map((i) => i.position)).toEqual(items.map((_, k) => k + 1));
    expect(items.find((i) => i.title.startsWith("Nearing"))).toMatchObject({ candidateId: ana.id, raceId: pa.id });
    expect(items.find((i) => i.title.startsWith("New sub-table"))).toMatchObject({ candidateId: cleo.id });
    expect(subId).toBeGreaterThan(0);

    // pre-filling again adds nothing twice
    expect(prefillAgenda(db, actor, { coalitionId: t.id, meetingId: m.id, today: "2026-11-09" })).toMatchObject({ ok: true, added: 0 });
  });

  it("counts from the previous meeting: what came before it is not new", () => {
    const { t } = seededTable();
    buildMeeting(db, actor, t.id, { date: "2026-11-05" }); // after the stances of Nov 1
    const m = buildMeeting(db, actor, t.id, { date: "2026-11-19" });
    const { input, since } = agendaDraftInput(db, "system", { coalitionId: t.id, meetingId: m.id, today: "2026-11-18" });
    expect(since).toBe("2026-11-06T00:00:00.000Z"); // 19:00 New York time on Nov 5
    expect(input.newSubTables).toEqual([]);
    expect(input.stanceChanges).toEqual([]);
    expect(input.nearing).toHaveLength(1); // the table's state now, not a change
    expect(input.splitRaces).toHaveLength(1);
  });

  it("a published agenda is not pre-filled; items can be moved and removed", () => {
    const { t } = seededTable();
    const m = buildMeeting(db, actor, t.id);
    const a = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "A", raceId: null, candidateId: null });
    const b = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "B", raceId: null, candidateId: null });
    if (!a.ok || !b.ok) throw new Error("items");
    moveAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, itemId: b.item.id, direction: "up" });
    expect(getMeeting(db, "system", { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" }).items.map((i) => i.title)).toEqual(["B", "A"]);
    removeAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, itemId: b.item.id });
    expect(getMeeting(db, "system", { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" }).items.map((i) => [i.title, i.position])).toEqual([["A", 1]]);
    publishAgenda(db, actor, { coalitionId: t.id, meetingId: m.id });
    expect(prefillAgenda(db, actor, { coalitionId: t.id, meetingId: m.id, today: "2026-11-09" })).toMatchObject({ ok: false });
  });
});

describe("decisions and action items", () => {
  it("records a decision with the partners that took part, and action items with an owner, a due date and a status", () => {
    const { t, ps } = seededTable();
    const aff = buildAffiliate(db, actor, t.id, ps[1].id);
    const m = buildMeeting(db, actor, t.id);
    const item = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "Turf", raceId: null, candidateId: null });
    if (!item.ok) throw new Error("item");
    expect(recordDecision(db, actor, { coalitionId: t.id, meetingId: m.id, text: "Split OH-09 turf by pledges", agendaItemId: item.item.id, partnerIds: [ps[0].id, ps[1].id] })).toMatchObject({ ok: true });
    const a1 = buildActionItem(db, actor, t.id, m.id, { partnerId: ps[0].id, affiliateId: null }, { dueDate: "2026-11-20", agendaItemId: item.item.id });
    buildActionItem(db, actor, t.id, m.id, { partnerId: null, affiliateId: aff.id }, { dueDate: "2026-11-30" });
    const v = getMeeting(db, "system", { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" });
    expect(v.decisions).toEqual([{ id: expect.any(Number), text: "Split OH-09 turf by pledges", item: "Turf", partners: [ps[0].shortName, ps[1].shortName].sort() }]);
    expect(v.actionItems.map((a) => [a.owner, a.dueDate, a.status, a.overdue])).toEqual([
      [ps[0].shortName, "2026-11-20", "open", true],
      [`${aff.name} (${ps[1].shortName})`, "2026-11-30", "open", false],
    ]);
    expect(setActionItemStatus(db, actor, { coalitionId: t.id, actionItemId: a1.id, status: "done" })).toMatchObject({ ok: true });
    expect(getMeeting(db, "system", { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" }).actionItems[0]).toMatchObject({ status: "done", overdue: false });
  });

  it("refuses an owner or a partner from elsewhere, and an item of another meeting, writing nothing", () => {
    const { t } = seededTable();
    const other = seededTable();
    const otherAff = buildAffiliate(db, actor, other.t.id, other.ps[0].id);
    const m = buildMeeting(db, actor, t.id);
    const m2 = buildMeeting(db, actor, t.id);
    const foreignItem = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m2.id, title: "Elsewhere", raceId: null, candidateId: null });
    if (!foreignItem.ok) throw new Error("item");
    const before = dump(db);
    expect(addActionItem(db, actor, { coalitionId: t.id, meetingId: m.id, text: "x", owner: { partnerId: other.ps[0].id, affiliateId: null }, dueDate: "2026-12-01", agendaItemId: null })).toMatchObject({ ok: false, field: "owner" });
    expect(addActionItem(db, actor, { coalitionId: t.id, meetingId: m.id, text: "x", owner: { partnerId: null, affiliateId: otherAff.id }, dueDate: "2026-12-01", agendaItemId: null })).toMatchObject({ ok: false, field: "owner" });
    expect(addActionItem(db, actor, { coalitionId: t.id, meetingId: m.id, text: "x", owner: { partnerId: null, affiliateId: otherAff.id + 1000 }, dueDate: "2026-12-01", agendaItemId: null })).toMatchObject({ ok: false, field: "owner" });
    expect(recordDecision(db, actor, { coalitionId: t.id, meetingId: m.id, text: "x", agendaItemId: null, partnerIds: [other.ps[0].id] })).toMatchObject({ ok: false, field: "partners" });
    expect(recordDecision(db, actor, { coalitionId: t.id, meetingId: m.id, text: "x", agendaItemId: foreignItem.item.id, partnerIds: [] })).toMatchObject({ ok: false, field: "agendaItemId" });
    expect(dump(db)).toEqual(before);
  });
});

describe("health: overdue action items and quiet partners", () => {
  it("an open item shows overdue from the day after its due date, until it is done", () => {
    const { t, ps } = seededTable();
    const m = buildMeeting(db, actor, t.id);
    const a = buildActionItem(db, actor, t.id, m.id, { partnerId: ps[2].id, affiliateId: null }, { dueDate: "2026-11-21", text: "Send the list" });
    expect(getTableHealth(db, "system", { coalitionId: t.id, today: "2026-11-21" }).overdue).toEqual([]);
    const late = getTableHealth(db, "system", { coalitionId: t.id, today: "2026-11-22" }).overdue;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ ownerName: ps[2].shortName, daysLate: 1 });
    expect(late[0].items.map((i) => i.text)).toEqual(["Send the list"]);
    setActionItemStatus(db, actor, { coalitionId: t.id, actionItemId: a.id, status: "dropped" });
    expect(getTableHealth(db, "system", { coalitionId: t.id, today: "2026-11-22" }).overdue).toEqual([]);
  });

  it("a partner is quiet 30 days after its last attendance or stance change (not at 29; at 30 and 31)", () => {
    const { t, ps } = seededTable(); // stances decided on 2026-11-01 by P1..P4; P5 has none
    db.update(coalitionPartners).set({ joinedAt: "2026-01-01T00:00:00.000Z" }).where(eq(coalitionPartners.coalitionId, t.id)).run();
    const quiet = (today: string) => getTableHealth(db, "system", { coalitionId: t.id, today }).quiet.map((p) => p.partnerId);
    expect(quiet("2026-11-30")).toEqual([ps[4].id]); // 29 days: only P5, never active
    expect(quiet("2026-12-01")[0]).toBe(ps[4].id); // the partner never active is the quietest: listed first
    expect(quiet("2026-12-01").sort()).toEqual(ps.map((p) => p.id).sort()); // 30 days
    expect(quiet("2026-12-02").sort()).toEqual(ps.map((p) => p.id).sort()); // 31 days

    // P1 attends a meeting on 2026-11-20: active again until 2026-12-20
    const m = buildMeeting(db, actor, t.id, { date: "2026-11-20", time: "12:00" });
    const inv = db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, m.id)).all();
    recordAttendance(db, actor, { coalitionId: t.id, meetingId: m.id, attendedInviteeIds: inv.filter((i) => i.partnerId === ps[0].id).map((i) => i.id) });
    expect(quiet("2026-12-19")).not.toContain(ps[0].id); // 29 days after
    expect(quiet("2026-12-20")).toContain(ps[0].id); // 30 days after
    const h = getTableHealth(db, "system", { coalitionId: t.id, today: "2026-12-19" });
    expect(h.attendance.totals.find((x) => x.partnerId === ps[0].id)).toMatchObject({ invited: 1, attended: 1 });
    expect(h.attendance.rows).toEqual([expect.objectContaining({ month: "2026-11", [ps[0].shortName]: 1, [ps[1].shortName]: 0 })]);
  });
});

describe("health: sub-tables whose pledges are not being delivered", () => {
  it("compares hours pledged for weeks that have ended with hours worked at attended shifts, per sub-table", () => {
    const { t, ps, cleo, oh, subId } = seededTable();
    const a1 = buildAffiliate(db, actor, t.id, ps[0].id, { state: "OH", districts: ["09"] });
    const a2 = buildAffiliate(db, actor, t.id, ps[1].id, { state: "OH", districts: ["09"] });
    const program = db
      .insert(canvassPrograms)
      .values({ coalitionId: t.id, subCoalitionId: subId, candidateId: cleo.id, raceId: oh.id, name: "OH-09 doors", startDate: "2026-11-02", endDate: "2026-12-31", createdBy: actor.id })
      .returning()
      .get();
    const pledge = (affiliateId: number, weekStart: string, hours: number) =>
      db.insert(pledges).values({ programId: program.id, affiliateId, workType: "doorknock", weekStart, hours, updatedAt: "2026-11-01T00:00:00Z" }).run();
    pledge(a1.id, "2026-11-02", 6);
    pledge(a2.id, "2026-11-02", 6);
    pledge(a1.id, "2026-11-16", 30); // the week in progress on 2026-11-20
    const shift = (startsAt: string, endsAt: string, cancelledAt: string | null = null) =>
      db.insert(shifts).values({ programId: program.id, workType: "doorknock", startsAt, endsAt, capacity: 20, hostAffiliateId: a1.id, createdBy: actor.id, cancelledAt }).returning().get();
    const signup = (shiftId: number, affiliateId: number, attended: boolean | null, cancelledAt: string | null = null) =>
      db.insert(signups).values({ shiftId, volunteerName: "V", recruitedByAffiliateId: affiliateId, createdBy: actor.id, createdAt: "2026-11-01T00:00:00Z", attended, cancelledAt }).run();
    const s1 = shift("2026-11-04T14:00:00.000Z", "2026-11-04T17:00:00.000Z"); // 3 hours
    signup(s1.id, a1.id, true);
    signup(s1.id, a1.id, true); // a1: 6 hours, all it pledged
    signup(s1.id, a2.id, false); // did not come
    signup(s1.id, a2.id, true, "2026-11-03T00:00:00Z"); // cancelled
    const cancelled = shift("2026-11-05T14:00:00.000Z", "2026-11-05T18:00:00.000Z", "2026-11-05T00:00:00Z");
    signup(cancelled.id, a2.id, true);
    const late = shift("2026-11-17T14:00:00.000Z", "2026-11-17T16:00:00.000Z");
    signup(late.id, a2.id, true); // in the week in progress: not credited yet

    const h = getTableHealth(db, "system", { coalitionId: t.id, today: "2026-11-20" });
    expect(h.pledges).toHaveLength(1);
    expect(h.pledges[0]).toMatchObject({ subTableId: subId, pledged: 12, delivered: 6, share: 0.5, behind: true });
    expect(h.pledges[0].affiliates.filter((a) => a.behind).map((a) => a.affiliateId)).toEqual([a2.id]);
    expect(h.behind.map((b) => b.subTableId)).toEqual([subId]);
  });
});

describe("written agreements", () => {
  it("versions the text; a member signs the current version; a new version starts unsigned and keeps the old sign-offs", () => {
    const { t, ps, subId } = seededTable();
    const text = { decidesTogether: "Shared turf", eachKeeps: "Own endorsement", workAndCredit: "By pledges", actingAlone: "Tell the table first" };
    const v1 = saveAgreementVersion(db, actor, t.id, subId, text);
    if (!v1.ok) throw new Error("v1");
    expect(v1.version.version).toBe(1);
    expect(signOffAgreement(db, actor, t.id, subId, { versionId: v1.version.id, partnerId: ps[0].id })).toEqual({ ok: true });
    expect(signOffAgreement(db, actor, t.id, subId, { versionId: v1.version.id, partnerId: ps[0].id })).toMatchObject({ ok: false, field: "partnerId" });
    expect(signOffAgreement(db, actor, t.id, subId, { versionId: v1.version.id, partnerId: ps[4].id })).toMatchObject({ ok: false, field: "partnerId" }); // not a member

    const v2 = saveAgreementVersion(db, actor, t.id, subId, { ...text, actingAlone: "Tell the table within a day" });
    if (!v2.ok) throw new Error("v2");
    expect(v2.version.version).toBe(2);
    const before = dump(db);
    const stale = signOffAgreement(db, actor, t.id, subId, { versionId: v1.version.id, partnerId: ps[1].id });
    expect(stale).toMatchObject({ ok: false, field: "versionId", message: expect.stringMatching(/not the current version/) });
    expect(dump(db)).toEqual(before);

    signOffAgreement(db, actor, t.id, subId, { versionId: v2.version.id, partnerId: ps[1].id });
    const a = getAgreement(db, "system", { coalitionId: t.id, subCoalitionId: subId, today: "2026-11-22" });
    expect(a.versions.map((v) => [v.version, v.current, v.signoffs.map((s) => s.partnerId)])).toEqual([
      [2, true, [ps[1].id]],
      [1, false, [ps[0].id]],
    ]);
    expect(a.members.filter((m) => m.signed).map((m) => m.partnerId)).toEqual([ps[1].id]);
    expect(a.current?.actingAlone).toBe("Tell the table within a day");
  });

  it("refuses a sign-off before any agreement exists", () => {
    const { t, ps, subId } = seededTable();
    expect(signOffAgreement(db, actor, t.id, subId, { versionId: 1, partnerId: ps[0].id })).toMatchObject({ ok: false, field: "versionId" });
  });
});

describe("firewall F2 on meeting notes", () => {
  it("withholds campaign notes about a race from an independent-side viewer, in the page data and the Markdown; neutral staff read them", () => {
    const { t, ps, cleo, oh } = seededTable();
    const m = buildMeeting(db, actor, t.id);
    const onCandidate = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "Cleo", raceId: null, candidateId: cleo.id });
    const onRace = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "OH-09", raceId: oh.id, candidateId: null });
    const general = addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "General", raceId: null, candidateId: null });
    if (!onCandidate.ok || !onRace.ok || !general.ok) throw new Error("items");
    const note = (itemId: number, body: string, sourceKind: "campaign" | "research") => addAgendaNote(db, actor, { coalitionId: t.id, meetingId: m.id, itemId, body, sourceKind, sourceUrl: null, capturedAt: null });
    note(onCandidate.item.id, "CAMPAIGN-PLAN bus tour in March", "campaign");
    note(onCandidate.item.id, "Our research on the district", "research");
    note(onRace.item.id, "CAMPAIGN-NEEDS more canvassers", "campaign");
    note(general.item.id, "CAMPAIGN-UNTIED remark", "campaign");
    publishAgenda(db, actor, { coalitionId: t.id, meetingId: m.id });

    const rep = principal({ role: "partner_rep", partnerId: ps[0].id });
    const v = getMeeting(db, rep, { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" });
    expect(JSON.stringify(v)).not.toContain("CAMPAIGN-");
    expect(v.withheld).toBe(3);
    expect(v.withheldNotice).toMatch(/3 notes from the campaign are withheld/);
    expect(v.items[0].notes.map((n) => n.body)).toEqual(["Our research on the district"]);
    const md = meetingMarkdown(meetingExport(db, rep, { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" }));
    expect(md).not.toContain("CAMPAIGN-");
    expect(md).toContain("withheld under your firewall");
    const denials = db.$client.prepare("select race_id as raceId, detail from audit_log where action = 'firewall.campaign_info'").all() as { raceId: number | null; detail: string }[];
    expect(denials.some((d) => d.raceId === oh.id && d.detail.startsWith("2 withheld"))).toBe(true);
    expect(denials.some((d) => d.raceId === null && /tied to no race/.test(d.detail))).toBe(true);

    const fac = principal({ role: "facilitator", coalitionId: t.id });
    const all = getMeeting(db, fac, { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" });
    expect(all.withheld).toBe(0);
    expect(JSON.stringify(all)).toContain("CAMPAIGN-PLAN");
    expect(JSON.stringify(all)).toContain("CAMPAIGN-UNTIED");
  });

  it("shows a draft agenda and what is recorded under it only to the facilitator", () => {
    const { t, ps } = seededTable();
    const m = buildMeeting(db, actor, t.id);
    addAgendaItem(db, actor, { coalitionId: t.id, meetingId: m.id, title: "DRAFT-ITEM", raceId: null, candidateId: null });
    buildActionItem(db, actor, t.id, m.id, { partnerId: ps[0].id, affiliateId: null }, { text: "DRAFT-ACTION" });
    const rep = principal({ role: "partner_rep", partnerId: ps[0].id });
    const v = getMeeting(db, rep, { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" });
    expect(v.showBody).toBe(false);
    expect(JSON.stringify(v)).not.toContain("DRAFT-");
    publishAgenda(db, actor, { coalitionId: t.id, meetingId: m.id });
    const after = getMeeting(db, rep, { coalitionId: t.id, meetingId: m.id, today: "2026-11-22" });
    expect(after.items.map((i) => i.title)).toEqual(["DRAFT-ITEM"]);
    expect(after.actionItems[0]).toMatchObject({ text: "DRAFT-ACTION", mayUpdate: true });
    expect(db.select().from(meetings).where(eq(meetings.id, m.id)).get()?.publishedAt).toBeTruthy();
  });
});

describe("meeting times and days in the meeting's own zone (review mends)", () => {
  it("a time the clocks skip for daylight saving is refused at the time field, and nothing is written", () => {
    const t = buildCoalition(db, actor);
    const before = dump(db);
    const r = createMeeting(db, actor, { coalitionId: t.id, title: "Spring forward", kind: "table", date: "2026-03-08", time: "02:30", timeZone: "America/New_York", location: null, subCoalitionId: null, candidateId: null });
    expect(r).toMatchObject({ ok: false, field: "time", message: expect.stringMatching(/daylight saving/) });
    expect(dump(db)).toEqual(before);
  });

  it("the health page counts a 7 pm Pacific meeting on the day it was held there, not the UTC day", () => {
    const t = buildCoalition(db, actor);
    buildPartner(db, actor, t.id);
    buildMeeting(db, actor, t.id, { title: "Halloween call", date: "2026-10-31", time: "19:00", timeZone: "America/Los_Angeles" });
    // 2026-10-31 19:00 PDT is 2026-11-01 02:00 UTC: held on October 31 in its zone
    expect(getTableHealth(db, "system", { coalitionId: t.id, today: "2026-10-31" }).meetingsHeld).toBe(1);
  });
});
