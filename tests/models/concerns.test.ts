import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { publishAgenda, prefillAgenda } from "~/models/agendas.server";
import { answerConcern, listConcerns, raiseConcern, staleConcernCount } from "~/models/concerns.server";
import { saveAgreementVersion } from "~/models/agreements.server";
import { recordDecision } from "~/models/decisions.server";
import { readCursor } from "~/domain/keyset";
import { testActor, testDb } from "../db";
import { buildMeeting, buildTableWithRace, stance } from "../factories";
import { raceLabel } from "~/models/races.server";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;
const NOW = new Date("2026-11-20T15:00:00Z");
const words = { concern: "Her record on tenants", reason: "She voted for the eviction bill.", sourceKind: "research" as const, sourceUrl: null, capturedAt: null };

function agendaTitles(meetingId: number): string[] {
  return (db.$client.prepare("select title from agenda_items where meeting_id = ? order by position").all(meetingId) as { title: string }[]).map((r) => r.title);
}

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 4, candidates: 2, threshold: 2 });
});

describe("raising a concern", () => {
  it("blocks nothing and goes onto the next meeting's draft agenda by itself, naming who and what", () => {
    const next = buildMeeting(db, actor, w.coalition.id, { title: "December table", date: "2026-12-10" });
    buildMeeting(db, actor, w.coalition.id, { title: "January table", date: "2027-01-14" });
    const [p1, p2] = w.partners;
    const [k] = w.candidates;
    const r = raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p1.id, about: { subject: "candidate", id: k.id }, ...words }, NOW);
    expect(r).toMatchObject({ ok: true, meetingId: next.id });
    expect(agendaTitles(next.id)).toEqual([`Concern from ${p1.shortName} about ${k.name} (${raceLabel(w.race)})`]);
    // it blocks nothing: another partner still endorses the candidate
    expect(stance(db, actor, w.coalition.id, k.id, p2.id, "endorsed").ok).toBe(true);
    const listed = listConcerns(db, "system", { coalitionId: w.coalition.id, candidateId: k.id });
    expect(listed.rows).toMatchObject([{ partnerShortName: p1.shortName, concern: words.concern, reason: words.reason, status: "open", meetingId: next.id, meetingTitle: "December table" }]);
  });

  it("with no meeting ahead it waits; the next meeting created, or an agenda drafted, takes it", () => {
    const [p1] = w.partners;
    const [k, l] = w.candidates;
    const a = raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p1.id, about: { subject: "candidate", id: k.id }, ...words }, NOW);
    expect(a).toMatchObject({ ok: true, meetingId: null });
    const meeting = buildMeeting(db, actor, w.coalition.id, { title: "Next table", date: "2027-02-10" });
    expect(agendaTitles(meeting.id)).toEqual([`Concern from ${p1.shortName} about ${k.name} (${raceLabel(w.race)})`]);
    // an agenda item removed: the concern waits again, and the next draft takes it back
    db.$client.prepare("delete from agenda_items where meeting_id = ?").run(meeting.id);
    raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p1.id, about: { subject: "candidate", id: l.id }, ...words }, NOW);
    db.$client.prepare("delete from agenda_items where meeting_id = ?").run(meeting.id);
    const drafted = prefillAgenda(db, actor, { coalitionId: w.coalition.id, meetingId: meeting.id, today: "2026-11-20" });
    expect(drafted.ok).toBe(true);
    expect(agendaTitles(meeting.id).filter((t) => t.startsWith("Concern from"))).toHaveLength(2);
  });

  it("a concern about a sub-table's decision goes to a table meeting or its own sub-table's meeting, not another sub-table's", () => {
    const [p1, p2, p3] = w.partners;
    const [k, l] = w.candidates;
    stance(db, actor, w.coalition.id, k.id, p1.id, "endorsed");
    const formed = stance(db, actor, w.coalition.id, k.id, p2.id, "endorsed");
    if (!formed.ok || !formed.subTable.subCoalitionId) throw new Error("expected a sub-table");
    const subId = formed.subTable.subCoalitionId;
    const past = buildMeeting(db, actor, w.coalition.id, { title: "Sub-table call", kind: "sub_table", subCoalitionId: subId, date: "2026-11-01" });
    const decision = recordDecision(db, actor, { coalitionId: w.coalition.id, meetingId: past.id, text: "Doors in Ward 3 first", agendaItemId: null, partnerIds: [p1.id, p2.id] });
    if (!decision.ok) throw new Error("expected a decision");
    // a candidate interview comes first; it does not take concerns; the sub-table's own meeting does
    buildMeeting(db, actor, w.coalition.id, { title: "Interview", kind: "candidate_interview", candidateId: l.id, date: "2026-11-25" });
    const own = buildMeeting(db, actor, w.coalition.id, { title: "Sub-table December", kind: "sub_table", subCoalitionId: subId, date: "2026-12-03" });
    const r = raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p3.id, about: { subject: "decision", id: decision.decisionId }, ...words }, NOW);
    expect(r).toMatchObject({ ok: true, meetingId: own.id });
    expect(r.ok && r.concern).toMatchObject({ subject: "decision", decisionId: decision.decisionId, subCoalitionId: subId, raceId: w.race.id });
    const about = listConcerns(db, "system", { coalitionId: w.coalition.id, subCoalitionId: subId }).rows.map((c) => c.about);
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(/^the decision of .*2026 "Doors in Ward 3 first"$/);
    // the agreement too
    const agreed = saveAgreementVersion(db, actor, w.coalition.id, subId, { decidesTogether: "Turf", eachKeeps: "Stance", workAndCredit: "Pledges", actingAlone: "Tell the table" });
    if (!agreed.ok) throw new Error("expected an agreement");
    const onAgreement = raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p3.id, about: { subject: "agreement", id: agreed.version.agreementId }, ...words }, NOW);
    expect(onAgreement).toMatchObject({ ok: true, concern: { subject: "agreement", subCoalitionId: subId } });
  });

  it("refuses what is not at this table, and a partner not seated, writing nothing", () => {
    const other = buildTableWithRace(db, actor, { partners: 1, candidates: 1 });
    const before = db.$client.prepare("select count(*) as n from concerns").get();
    expect(raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: w.partners[0].id, about: { subject: "candidate", id: other.candidates[0].id }, ...words }, NOW)).toMatchObject({ ok: false, field: "about" });
    expect(raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: w.partners[0].id, about: { subject: "decision", id: 999 }, ...words }, NOW)).toMatchObject({ ok: false, field: "about" });
    expect(raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: other.partners[0].id, about: { subject: "candidate", id: w.candidates[0].id }, ...words }, NOW)).toMatchObject({ ok: false, field: "partnerId" });
    expect(db.$client.prepare("select count(*) as n from concerns").get()).toEqual(before);
  });
});

describe("answering and health", () => {
  it("is answered once discussed, at the meeting whose agenda it was on; health counts those open over two weeks", () => {
    const meeting = buildMeeting(db, actor, w.coalition.id, { title: "December table", date: "2026-12-10" });
    const [p1] = w.partners;
    const [k, l] = w.candidates;
    const old = raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p1.id, about: { subject: "candidate", id: k.id }, ...words }, new Date("2026-11-01T12:00:00Z"));
    raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p1.id, about: { subject: "candidate", id: l.id }, ...words }, new Date("2026-11-10T12:00:00Z"));
    if (!old.ok) throw new Error("expected a concern");
    expect(staleConcernCount(db, "system", { coalitionId: w.coalition.id, today: "2026-11-20" })).toBe(1);
    expect(staleConcernCount(db, "system", { coalitionId: w.coalition.id, today: "2026-11-30" })).toBe(2);
    publishAgenda(db, actor, { coalitionId: w.coalition.id, meetingId: meeting.id });
    expect(answerConcern(db, actor, { coalitionId: w.coalition.id, concernId: old.concern.id, answer: "Discussed; KA will meet her staff." }, NOW)).toEqual({ ok: true });
    expect(answerConcern(db, actor, { coalitionId: w.coalition.id, concernId: old.concern.id, answer: null }, NOW)).toMatchObject({ ok: false, field: "concernId" });
    expect(staleConcernCount(db, "system", { coalitionId: w.coalition.id, today: "2026-11-30" })).toBe(1);
    const answered = listConcerns(db, "system", { coalitionId: w.coalition.id, status: "answered" }).rows;
    expect(answered).toMatchObject([{ id: old.concern.id, status: "answered", answer: "Discussed; KA will meet her staff.", meetingId: meeting.id }]);
    expect(db.$client.prepare("select answered_meeting_id as m from concerns where id = ?").get(old.concern.id)).toEqual({ m: meeting.id });
  });

  it("pages newest first by keyset", () => {
    const [p1] = w.partners;
    const [k] = w.candidates;
    for (let i = 0; i < 5; i++) raiseConcern(db, actor, { coalitionId: w.coalition.id, partnerId: p1.id, about: { subject: "candidate", id: k.id }, ...words, concern: `C${i}` }, new Date(Date.UTC(2026, 10, 1 + i)));
    const first = listConcerns(db, "system", { coalitionId: w.coalition.id, limit: 2 });
    expect(first.rows.map((r) => r.concern)).toEqual(["C4", "C3"]);
    expect(first.total).toBe(5);
    const second = listConcerns(db, "system", { coalitionId: w.coalition.id, limit: 2, cursor: readCursor(first.next) });
    expect(second.rows.map((r) => r.concern)).toEqual(["C2", "C1"]);
  });
});
