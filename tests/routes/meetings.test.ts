import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, agendaItems, decisionPartners, meetings, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole } from "~/models/accounts.server";
import { addAgendaItem, addAgendaNote, publishAgenda } from "~/models/agendas.server";
import { saveAgreementVersion } from "~/models/agreements.server";
import * as meetingsIndex from "~/routes/tables.$coalitionId.meetings._index";
import * as meetingPage from "~/routes/tables.$coalitionId.meetings.$meetingId._index";
import * as meetingMarkdown from "~/routes/tables.$coalitionId.meetings.$meetingId.markdown";
import * as agreementPage from "~/routes/tables.$coalitionId.agreements.$subTableId";
import * as healthPage from "~/routes/tables.$coalitionId.health";
import { today } from "~/server/clock.server";
import { PARTY_CHOICES } from "~/models/meetings.server";
import { addDays } from "~/domain/dates";
import { buildActionItem, buildAffiliate, buildMeeting, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { actWith, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost } from "./support";

const everythingBut = (d: Record<string, unknown[]>, table: string) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== table));

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

/** A table (threshold 2) whose first candidate has a sub-table, with a meeting. */
function world() {
  const t = buildTableWithRace(db, actor, { partners: 3, threshold: 2 });
  const [k] = t.candidates;
  stance(db, actor, t.coalition.id, k.id, t.partners[0].id, "endorsed");
  const formed = stance(db, actor, t.coalition.id, k.id, t.partners[1].id, "endorsed");
  if (!formed.ok || formed.subTable.kind !== "form") throw new Error("expected a sub-table");
  const subId = formed.subTable.subCoalitionId!;
  const meeting = buildMeeting(db, actor, t.coalition.id, { title: "November table meeting" });
  const base = `/tables/${t.coalition.id}`;
  const params = { coalitionId: String(t.coalition.id), meetingId: String(meeting.id) };
  return { ...t, k, subId, meeting, base, path: `${base}/meetings/${meeting.id}`, params };
}

function signInAsRepOf(partnerId: number) {
  const u = db.insert(users).values({ name: "Rita Rep", email: `rita${partnerId}@example.test` }).returning().get();
  grantRole(db, actor, u.id, { role: "partner_rep", partnerId });
  signInAs(db, u.id);
  return u;
}

const meetingFields = { intent: "create", title: "December table meeting", kind: "table", date: "2026-12-01", time: "19:00", timeZone: "America/New_York", location: "", subCoalitionId: "", candidateId: "" };

describe("/tables/:id/meetings", () => {
  it("lists the table's meetings with their time in their zone", async () => {
    const w = world();
    const data = await load(meetingsIndex.loader, `${w.base}/meetings`, { coalitionId: w.params.coalitionId });
    expect(data.meetings).toEqual([expect.objectContaining({ id: w.meeting.id, title: "November table meeting", when: "Tue, Nov 10, 2026, 7:00 PM EST", agendaStatus: "draft" })]);
    expect(data.canManage).toBe(true);
    expect(data.choices.subTables.map((s) => s.id)).toEqual([w.subId]);
  });

  it("pages the meetings newest first with a total, filtered by kind and a title search in SQL, with open and overdue action items; a junk cursor reads as the first page", async () => {
    const w = world();
    const made = [1, 2, 3, 4].map((d) => buildMeeting(db, actor, w.coalition.id, { title: d % 2 ? `Call ${d}` : `Table ${d}`, kind: d % 2 ? "joint_call" : "table", date: `2026-10-0${d}` }));
    buildActionItem(db, actor, w.coalition.id, made[3].id, { partnerId: w.partners[0].id, affiliateId: null }, { dueDate: "2020-01-01" });
    const p = { coalitionId: w.params.coalitionId };
    const url = `${w.base}/meetings`;
    const all = await load(meetingsIndex.loader, `${url}?size=100`, p);
    expect(all.total).toBe(5);
    expect(all.meetings.map((m) => m.id)).toEqual([w.meeting.id, made[3].id, made[2].id, made[1].id, made[0].id]);
    expect(all.meetings[1]).toMatchObject({ open: 1, overdue: 1 });
    const first = await load(meetingsIndex.loader, `${url}?size=2`, p);
    expect(first.meetings.map((m) => m.id)).toEqual(all.meetings.slice(0, 2).map((m) => m.id));
    const second = await load(meetingsIndex.loader, `${url}?size=2&page=${first.next}`, p);
    expect(second.meetings.map((m) => m.id)).toEqual(all.meetings.slice(2, 4).map((m) => m.id));
    const back = await load(meetingsIndex.loader, `${url}?size=2&page=${second.prev}`, p);
    expect(back.meetings.map((m) => m.id)).toEqual(first.meetings.map((m) => m.id));
    expect((await load(meetingsIndex.loader, `${url}?size=2&page=AAAA`, p)).meetings.map((m) => m.id)).toEqual(first.meetings.map((m) => m.id));
    const calls = await load(meetingsIndex.loader, `${url}?kind=joint_call`, p);
    expect(calls.total).toBe(2);
    expect(calls.meetings.every((m) => m.kind === "joint_call")).toBe(true);
    expect((await load(meetingsIndex.loader, `${url}?q=TABLE`, p)).total).toBe(3);
    expect((await load(meetingsIndex.loader, `${url}?kind=party&q=`, p)).total).toBe(5);
  });

  it("creates a meeting and invites the seated partners", async () => {
    const w = world();
    const to = await expectRedirect(act(meetingsIndex.action, `${w.base}/meetings`, { coalitionId: w.params.coalitionId }, meetingFields), /\/meetings\/\d+$/);
    const id = Number(to.split("/").pop());
    const m = db.select().from(meetings).where(eq(meetings.id, id)).get()!;
    expect(m).toMatchObject({ title: "December table meeting", startsAt: "2026-12-02T00:00:00.000Z", timeZone: "America/New_York" });
  });

  it("refuses a meeting with no date with a field error, keeping what was typed and writing nothing", async () => {
    const w = world();
    const before = dump(db);
    const data = await expectInvalid(act(meetingsIndex.action, `${w.base}/meetings`, { coalitionId: w.params.coalitionId }, { ...meetingFields, date: "" }), ["date"]);
    expect(data.errors.date).toBe("Date is required.");
    expect(data.values.title).toBe("December table meeting");
    expect(dump(db)).toEqual(before);
  });

  it.each([
    [{ time: "25:00" }, "time"],
    [{ timeZone: "Mars/Olympus" }, "timeZone"],
    [{ date: "" }, "date"],
    [{ date: "2026-02-30" }, "date"],
    [{ kind: "sub_table" }, "subCoalitionId"],
    [{ kind: "candidate_interview" }, "candidateId"],
    [{ title: "" }, "title"],
    [{ subCoalitionId: "999" }, "subCoalitionId"],
  ])("refuses %j with an error on %s, writing nothing", async (over, field) => {
    const w = world();
    const before = dump(db);
    await expectInvalid(act(meetingsIndex.action, `${w.base}/meetings`, { coalitionId: w.params.coalitionId }, { ...meetingFields, ...over }), [field]);
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with a 400 and writes nothing", async (_, body, type) => {
    const w = world();
    const before = dump(db);
    await expectStatus(actWith(meetingsIndex.action, rawPost(`${w.base}/meetings`, body, type), { coalitionId: w.params.coalitionId }), 400);
    await expectStatus(actWith(meetingPage.action, rawPost(w.path, body, type), w.params), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    world();
    await expectStatus(load(meetingsIndex.loader, `/tables/${id}/meetings`, { coalitionId: id }), 404);
  });
});

describe("/tables/:id/meetings/:meetingId", () => {
  it("drafts the agenda from the table's state, records a decision and an action item", async () => {
    const w = world();
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "prefill" }), /\?added=\d+#agenda$/);
    const items = db.select().from(agendaItems).where(eq(agendaItems.meetingId, w.meeting.id)).all();
    expect(items.length).toBeGreaterThan(0);

    const partnerFields = { partners: [String(w.partners[0].id), String(w.partners[1].id)] };
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "decision", text: "Convene the sub-table", agendaItemId: String(items[0].id), ...partnerFields }), /#decisions$/);
    expect(db.select().from(decisionPartners).all().map((d) => d.partnerId).sort()).toEqual([w.partners[0].id, w.partners[1].id].sort());

    const due = addDays(today(), -1);
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "action", text: "Send the turf list", owner: `partner:${w.partners[0].id}`, dueDate: due, agendaItemId: "" }), /#actions$/);
    const data = await load(meetingPage.loader, w.path, w.params);
    expect(data.decisions[0]).toMatchObject({ text: "Convene the sub-table" });
    expect(data.actionItems).toEqual([expect.objectContaining({ text: "Send the turf list", dueDate: due, overdue: true, mayUpdate: true })]);
  });

  it("refuses an action item with no owner with a field error, writing nothing", async () => {
    const w = world();
    const before = dump(db);
    const data = await expectInvalid(act(meetingPage.action, w.path, w.params, { intent: "action", text: "Send the list", owner: "", dueDate: "2026-12-01" }), ["owner"]);
    expect(data.errors.owner).toMatch(/needs an owner/);
    await expectInvalid(act(meetingPage.action, w.path, w.params, { intent: "action", text: "Send the list", owner: "partner:999", dueDate: "2026-12-01" }), ["owner"]);
    await expectInvalid(act(meetingPage.action, w.path, w.params, { intent: "action", text: "Send the list", owner: `partner:${w.partners[0].id}`, dueDate: "soon" }), ["dueDate"]);
    expect(dump(db)).toEqual(before);
  });

  it.each([
    [{ intent: "item", title: "" }, "title"],
    [{ intent: "item", title: "x", about: "race:999" }, "about"],
    [{ intent: "note", itemId: "999", body: "x", sourceKind: "research" }, "itemId"],
    [{ intent: "note", itemId: "1", body: "x", sourceKind: "public" }, "sourceUrl"],
    [{ intent: "decision", text: "" }, "text"],
    [{ intent: "decision", text: "x", partners: "999" }, "partners"],
    [{ intent: "invite", invitee: "" }, "invitee"],
    [{ intent: "invite", invitee: "affiliate:999" }, "invitee"],
    [{ intent: "move", itemId: "1", direction: "sideways" }, "direction"],
    [{ intent: "status", actionItemId: "999", status: "done" }, "actionItemId"],
    [{ intent: "status", actionItemId: "1", status: "finished" }, "status"],
    [{ intent: "nonsense" }, "_form"],
  ])("refuses %j with an error on %s, writing nothing", async (fields, field) => {
    const w = world();
    const before = dump(db);
    await expectInvalid(act(meetingPage.action, w.path, w.params, fields), [field]);
    expect(dump(db)).toEqual(before);
  });

  it("publishes the agenda; a partner's representative then reads it, without the campaign's notes", async () => {
    const w = world();
    const item = addAgendaItem(db, actor, { coalitionId: w.coalition.id, meetingId: w.meeting.id, title: "Kilo", raceId: null, candidateId: w.k.id });
    if (!item.ok) throw new Error("item");
    addAgendaNote(db, actor, { coalitionId: w.coalition.id, meetingId: w.meeting.id, itemId: item.item.id, body: "CAMPAIGN-SECRET field plan", sourceKind: "campaign", sourceUrl: null, capturedAt: null });
    addAgendaNote(db, actor, { coalitionId: w.coalition.id, meetingId: w.meeting.id, itemId: item.item.id, body: "Table research", sourceKind: "research", sourceUrl: null, capturedAt: null });
    signInAsRepOf(w.partners[0].id);
    const draft = await load(meetingPage.loader, w.path, w.params);
    expect(draft.showBody).toBe(false);
    expect(JSON.stringify(draft)).not.toContain("Table research");
    await expectStatus(act(meetingPage.action, w.path, w.params, { intent: "publish" }), 403);

    publishAgenda(db, actor, { coalitionId: w.coalition.id, meetingId: w.meeting.id });
    const data = await load(meetingPage.loader, w.path, w.params);
    expect(JSON.stringify(data)).not.toContain("CAMPAIGN-SECRET");
    expect(data.items[0].notes.map((n) => n.body)).toEqual(["Table research"]);
    expect(data.withheldNotice).toMatch(/1 note from the campaign is withheld/);

    const res = (await load(meetingMarkdown.loader, `${w.path}/markdown`, w.params)) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/^text\/markdown/);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="meeting-${w.meeting.id}.md"`);
    const md = await res.text();
    expect(md).toContain("# November table meeting");
    expect(md).toContain("Table research");
    expect(md).not.toContain("CAMPAIGN-SECRET");
  });

  it("under a draft agenda an action item is the facilitator's: its owner cannot change it yet (403, nothing written)", async () => {
    const w = world();
    const mine = buildActionItem(db, actor, w.coalition.id, w.meeting.id, { partnerId: w.partners[0].id, affiliateId: null });
    signInAsRepOf(w.partners[0].id);
    const before = dump(db);
    await expectStatus(act(meetingPage.action, w.path, w.params, { intent: "status", actionItemId: String(mine.id), status: "done" }), 403);
    expect(everythingBut(dump(db), "audit_log")).toEqual(everythingBut(before, "audit_log"));
  });

  it("lets the owner's representative mark its action item done, not another partner's", async () => {
    const w = world();
    publishAgenda(db, actor, { coalitionId: w.coalition.id, meetingId: w.meeting.id });
    const mine = buildActionItem(db, actor, w.coalition.id, w.meeting.id, { partnerId: w.partners[0].id, affiliateId: null });
    const theirs = buildActionItem(db, actor, w.coalition.id, w.meeting.id, { partnerId: w.partners[1].id, affiliateId: null });
    signInAsRepOf(w.partners[0].id);
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "status", actionItemId: String(mine.id), status: "done" }), /#actions$/);
    await expectStatus(act(meetingPage.action, w.path, w.params, { intent: "status", actionItemId: String(theirs.id), status: "done" }), 403);
    expect(db.select().from(actionItems).all().map((a) => [a.id, a.status])).toEqual([
      [mine.id, "done"],
      [theirs.id, "open"],
    ]);
  });

  it("is a 404 for another table's meeting and for unknown ids", async () => {
    const w = world();
    const other = world();
    await expectStatus(load(meetingPage.loader, w.path, { ...w.params, meetingId: String(other.meeting.id) }), 404);
    await expectStatus(act(meetingPage.action, w.path, { ...w.params, meetingId: String(other.meeting.id) }, { intent: "publish" }), 404);
    for (const id of BAD_IDS) {
      await expectStatus(load(meetingPage.loader, w.path, { ...w.params, meetingId: id }), 404);
      await expectStatus(load(meetingMarkdown.loader, w.path, { ...w.params, meetingId: id }), 404);
    }
  });

  it("offers every partner, and beyond PARTY_CHOICES affiliates only those the meeting names and those a name search finds (issue 11)", async () => {
    const w = world();
    const many = Array.from({ length: PARTY_CHOICES + 1 }, (_, i) => buildAffiliate(db, actor, w.coalition.id, w.partners[i % 3].id, { name: `Chapter ${String(i).padStart(3, "0")}` }));
    const heron = buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { name: "Heron Valley Local" });
    const owner = many[7];
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "invite", invitee: `affiliate:${many[3].id}` }), /#invited$/);
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "action", text: "Send the list", owner: `affiliate:${owner.id}`, dueDate: "2026-12-01", agendaItemId: "" }), /#actions$/);
    const plain = await load(meetingPage.loader, w.path, w.params);
    expect(plain.parties.partners.map((p) => p.id).sort()).toEqual(w.partners.map((p) => p.id).sort());
    expect(plain.parties.affiliates.map((a) => a.id).sort()).toEqual([many[3].id, owner.id].sort());
    expect(plain.parties.more).toBe(true);
    expect(plain.invitees.find((i) => i.affiliateId === many[3].id)?.name).toBe(`Chapter 003 (${w.partners[0].shortName})`);
    expect(plain.actionItems[0].owner).toBe(`Chapter 007 (${w.partners[1].shortName})`);
    const found = await load(meetingPage.loader, `${w.path}?party=heron`, w.params);
    expect(found.party).toBe("heron");
    expect(found.parties.affiliates.map((a) => a.id)).toEqual([many[3].id, owner.id, heron.id]);
    // a junk or long search is read as a name, bounded
    const junk = await load(meetingPage.loader, `${w.path}?party=${encodeURIComponent("%_\\".repeat(60))}`, w.params);
    expect(junk.parties.affiliates.map((a) => a.id).sort()).toEqual([many[3].id, owner.id].sort());
  });

  it("offers every affiliate of a table that has at most PARTY_CHOICES", async () => {
    const w = world();
    const two = [buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { name: "B local" }), buildAffiliate(db, actor, w.coalition.id, w.partners[1].id, { name: "A local" })];
    const data = await load(meetingPage.loader, w.path, w.params);
    expect(data.parties.affiliates.map((a) => a.id)).toEqual([two[1].id, two[0].id]);
    expect(data.parties.more).toBe(false);
  });

  it("takes attendance from the checkboxes and invites an affiliate", async () => {
    const w = world();
    const aff = buildAffiliate(db, actor, w.coalition.id, w.partners[2].id);
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "invite", invitee: `affiliate:${aff.id}` }), /#invited$/);
    const before = await load(meetingPage.loader, w.path, w.params);
    const affInv = before.invitees.find((i) => i.affiliateId === aff.id)!;
    await expectRedirect(act(meetingPage.action, w.path, w.params, { intent: "attendance", attended: String(affInv.id) }), /#invited$/);
    const after = await load(meetingPage.loader, w.path, w.params);
    expect(after.invitees.filter((i) => i.attended).map((i) => i.id)).toEqual([affInv.id]);
    expect(after.invitees.filter((i) => i.attended === false)).toHaveLength(3);
  });
});

describe("/tables/:id/agreements/:subTableId", () => {
  it("writes versions; a member's representative signs the current one; an old version's sign-off is a field error that writes nothing", async () => {
    const w = world();
    const path = `${w.base}/agreements/${w.subId}`;
    const params = { coalitionId: w.params.coalitionId, subTableId: String(w.subId) };
    const text = { decidesTogether: "Turf", eachKeeps: "Own stance", workAndCredit: "By pledge", actingAlone: "Tell the table" };
    await expectRedirect(act(agreementPage.action, path, params, { intent: "version", ...text }), /\?saved$/);
    await expectInvalid(act(agreementPage.action, path, params, { intent: "version", ...text, actingAlone: "" }), ["actingAlone"]);
    const v1 = (await load(agreementPage.loader, path, params)).current!;
    await expectRedirect(act(agreementPage.action, path, params, { intent: "version", ...text, actingAlone: "Tell the table first" }), /\?saved$/);

    signInAsRepOf(w.partners[0].id);
    const page = await load(agreementPage.loader, path, params);
    expect(page.current?.version).toBe(2);
    expect(page.mySignable.map((m) => m.partnerId)).toEqual([w.partners[0].id]);
    const before = dump(db);
    const stale = await expectInvalid(act(agreementPage.action, path, params, { intent: "signoff", versionId: String(v1.id), partnerId: String(w.partners[0].id) }), ["versionId"]);
    expect(stale.errors.versionId).toMatch(/not the current version/);
    expect(dump(db)).toEqual(before);
    await expectRedirect(act(agreementPage.action, path, params, { intent: "signoff", versionId: String(page.current!.id), partnerId: String(w.partners[0].id) }), /\?signed$/);
    // not for another partner
    await expectStatus(act(agreementPage.action, path, params, { intent: "signoff", versionId: String(page.current!.id), partnerId: String(w.partners[1].id) }), 403);
    const after = await load(agreementPage.loader, path, params);
    expect(after.members.filter((m) => m.signed).map((m) => m.partnerId)).toEqual([w.partners[0].id]);
    expect(after.mySignable).toEqual([]);
  });

  it("is a 404 for another table's sub-table", async () => {
    const w = world();
    const other = world();
    await expectStatus(load(agreementPage.loader, "/x", { coalitionId: w.params.coalitionId, subTableId: String(other.subId) }), 404);
    const r = saveAgreementVersion(db, actor, other.coalition.id, other.subId, { decidesTogether: "a", eachKeeps: "b", workAndCredit: "c", actingAlone: "d" });
    expect(r.ok).toBe(true);
    await expectStatus(act(agreementPage.action, "/x", { coalitionId: w.params.coalitionId, subTableId: String(other.subId) }, { intent: "version", decidesTogether: "a", eachKeeps: "b", workAndCredit: "c", actingAlone: "d" }), 404);
  });
});

describe("/tables/:id/health", () => {
  it("shows an action item overdue once its due date has passed, and quiet partners", async () => {
    const w = world();
    buildActionItem(db, actor, w.coalition.id, w.meeting.id, { partnerId: w.partners[2].id, affiliateId: null }, { dueDate: addDays(today(), -1), text: "Late task" });
    buildActionItem(db, actor, w.coalition.id, w.meeting.id, { partnerId: w.partners[1].id, affiliateId: null }, { dueDate: today(), text: "Due today" });
    const data = await load(healthPage.loader, `${w.base}/health`, { coalitionId: w.params.coalitionId });
    expect(data.overdue.map((g) => [g.ownerName, g.items.map((i) => i.text)])).toEqual([[w.partners[2].shortName, ["Late task"]]]);
    expect(data.partners).toHaveLength(3);
    // issue 15: a partner that never attended and never changed a stance is quiet, listed first
    const never = data.partners.filter((p) => !p.lastAttended && !p.lastStance).map((p) => p.partnerId);
    expect(never.length).toBeGreaterThan(0);
    expect(data.quiet.slice(0, never.length).map((p) => p.partnerId).sort()).toEqual(never.sort());
    const list = await load(healthPage.loader, `${w.base}/health?view=list`, { coalitionId: w.params.coalitionId });
    expect(list.list).toBe(true);
  });

  it("is for the facilitator: a partner's representative gets a 403", async () => {
    const w = world();
    signInAsRepOf(w.partners[0].id);
    await expectStatus(load(healthPage.loader, `${w.base}/health`, { coalitionId: w.params.coalitionId }), 403);
  });
});
