import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { actingWithoutNoticeRows, giveNotice, listNotices } from "~/models/notices.server";
import { testActor, testDb } from "../db";
import { buildMeeting, buildTableWithRace, stance } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;
let subId: number;
const notice = { kind: "endorsement" as const, what: "We will endorse the other candidate", why: "Our members voted.", plannedOn: null };
const at = (d: string) => ({ now: new Date(`${d}T16:00:00Z`) });

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 4, candidates: 2, threshold: 2 });
  const [p1, p2] = w.partners;
  stance(db, actor, w.coalition.id, w.candidates[0].id, p1.id, "endorsed", at("2026-10-01"));
  const formed = stance(db, actor, w.coalition.id, w.candidates[0].id, p2.id, "endorsed", at("2026-10-02"));
  if (!formed.ok || !formed.subTable.subCoalitionId) throw new Error("expected a sub-table");
  subId = formed.subTable.subCoalitionId;
});

describe("notice of independent action", () => {
  it("a member gives its sub-table notice; it is listed and goes onto the next draft agenda", () => {
    const meeting = buildMeeting(db, actor, w.coalition.id, { title: "December table", date: "2027-01-10" });
    const r = giveNotice(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: w.partners[0].id, ...notice }, new Date("2026-11-20T12:00:00Z"));
    expect(r).toMatchObject({ ok: true, meetingId: meeting.id });
    const items = db.$client.prepare("select title from agenda_items where meeting_id = ?").all(meeting.id) as { title: string }[];
    expect(items.map((i) => i.title)).toEqual([`Notice from ${w.partners[0].shortName}: an endorsement announcement, outside the sub-table for ${w.candidates[0].name}`]);
    expect(listNotices(db, "system", { coalitionId: w.coalition.id, subCoalitionId: subId }).rows).toMatchObject([{ partnerShortName: w.partners[0].shortName, kind: "endorsement", why: "Our members voted.", meetingId: meeting.id }]);
  });

  it("only a current member gives notice", () => {
    const r = giveNotice(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: w.partners[3].id, ...notice });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/member of this sub-table/) });
    expect(db.$client.prepare("select count(*) as n from notices").get()).toEqual({ n: 0 });
  });

  it("health: leaving the sub-table or endorsing a rival without notice shows; with notice first it does not", () => {
    const [p1, p2, p3] = w.partners;
    const [k, rival] = w.candidates;
    const c = w.coalition.id;
    stance(db, actor, c, k.id, p3.id, "endorsed", at("2026-10-03"));
    // p1 gives notice, then leaves and endorses the rival: fine; p2 does the same without notice; p3 withdraws without notice
    giveNotice(db, actor, { coalitionId: c, subCoalitionId: subId, partnerId: p1.id, ...notice }, new Date("2026-11-01T12:00:00Z"));
    stance(db, actor, c, rival.id, p1.id, "considering", at("2026-11-02"));
    stance(db, actor, c, k.id, p1.id, "withdrawn", at("2026-11-03"));
    stance(db, actor, c, rival.id, p1.id, "endorsed", at("2026-11-04"));
    stance(db, actor, c, k.id, p2.id, "withdrawn", at("2026-11-05"));
    stance(db, actor, c, rival.id, p2.id, "endorsed", at("2026-11-06"));
    stance(db, actor, c, k.id, p3.id, "withdrawn", at("2026-11-07"));
    const rows = actingWithoutNoticeRows(db, "system", { coalitionId: c, today: "2026-11-20" });
    expect(rows.map((r) => [r.kind, r.partnerShortName, r.rivalName])).toEqual([
      ["withdrew", p3.shortName, null],
      ["endorsed_rival", p2.shortName, rival.name],
      ["withdrew", p2.shortName, null],
    ]);
    // outside the window, nothing
    expect(actingWithoutNoticeRows(db, "system", { coalitionId: c, today: "2027-06-01" })).toEqual([]);
  });
});
