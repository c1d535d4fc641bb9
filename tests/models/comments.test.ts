import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { readCursor } from "~/domain/keyset";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { addComment, deleteComment, editComment, listComments } from "~/models/comments.server";
import { testActor, testDb } from "../db";
import { buildTableWithRace, stance } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;
const NOW = new Date("2026-11-20T15:00:00Z");
const research = { sourceKind: "research" as const, sourceUrl: null, capturedAt: null };

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 3, candidates: 2, threshold: 2 });
});

let n = 0;
function person(grants: Parameters<typeof grantRole>[3][]) {
  n++;
  const u = db.insert(users).values({ name: `Commenter ${n}`, email: `cm${n}@example.org` }).returning().get();
  for (const g of grants) grantRole(db, actor, u.id, g);
  return loadPrincipal(db, u.id)!;
}

function subTable() {
  const [k] = w.candidates;
  const [a, b] = w.partners;
  stance(db, actor, w.coalition.id, k.id, a.id, "endorsed");
  const formed = stance(db, actor, w.coalition.id, k.id, b.id, "endorsed");
  if (!formed.ok || !formed.subTable.subCoalitionId) throw new Error("expected a sub-table");
  return formed.subTable.subCoalitionId;
}

describe("comments on a candidate", () => {
  it("carry a source; a campaign comment is withheld from an independent-side member and logged, shown to neutral staff", () => {
    const [k] = w.candidates;
    const rep = person([{ role: "partner_rep", partnerId: w.partners[0].id }]);
    const staff = person([{ role: "facilitator", coalitionId: w.coalition.id }]);
    const on = { candidateId: k.id };
    addComment(db, staff, { coalitionId: w.coalition.id, on, partnerId: null, body: "CAMPAIGN-MARK their field plan", sourceKind: "campaign", sourceUrl: null, capturedAt: null }, NOW);
    addComment(db, rep, { coalitionId: w.coalition.id, on, partnerId: w.partners[0].id, body: "Strong on housing", sourceKind: "public", sourceUrl: "https://news.example.org/a", capturedAt: "2026-11-01" }, NOW);
    const seen = listComments(db, rep, { coalitionId: w.coalition.id, on });
    expect(JSON.stringify(seen)).not.toContain("CAMPAIGN-MARK");
    expect(seen).toMatchObject({ withheld: 1, total: 2, hidden: false, rows: [{ body: "Strong on housing", sourceKind: "public", partnerShortName: w.partners[0].shortName }] });
    expect(db.$client.prepare("select count(*) as n from audit_log where action = 'firewall.campaign_info' and race_id = ?").get(w.race.id)).toEqual({ n: 1 });
    const staffSees = listComments(db, staff, { coalitionId: w.coalition.id, on });
    expect(staffSees.rows.map((r) => r.body)).toEqual(["Strong on housing", "CAMPAIGN-MARK their field plan"]);
    expect(staffSees.withheld).toBe(0);
  });

  it("the author edits and deletes its own, no one else's; a deleted comment is no longer shown", () => {
    const [k] = w.candidates;
    const a = person([{ role: "partner_rep", partnerId: w.partners[0].id }]);
    const b = person([{ role: "partner_rep", partnerId: w.partners[1].id }]);
    const r = addComment(db, a, { coalitionId: w.coalition.id, on: { candidateId: k.id }, partnerId: w.partners[0].id, body: "First words", ...research }, NOW);
    if (!r.ok) throw new Error(r.message);
    expect(editComment(db, b, { coalitionId: w.coalition.id, commentId: r.comment.id, body: "Hijacked", ...research })).toMatchObject({ ok: false });
    expect(editComment(db, a, { coalitionId: w.coalition.id, commentId: r.comment.id, body: "Better words", ...research })).toMatchObject({ ok: true, comment: { body: "Better words" } });
    expect(listComments(db, "system", { coalitionId: w.coalition.id, on: { candidateId: k.id } }).rows).toMatchObject([{ body: "Better words", editedAt: expect.any(String) }]);
    expect(deleteComment(db, b, { coalitionId: w.coalition.id, commentId: r.comment.id })).toMatchObject({ ok: false });
    expect(deleteComment(db, a, { coalitionId: w.coalition.id, commentId: r.comment.id })).toEqual({ ok: true });
    expect(listComments(db, "system", { coalitionId: w.coalition.id, on: { candidateId: k.id } })).toMatchObject({ rows: [], total: 0 });
  });

  it("pages newest first by keyset", () => {
    const [k] = w.candidates;
    for (let i = 0; i < 5; i++) addComment(db, actor, { coalitionId: w.coalition.id, on: { candidateId: k.id }, partnerId: null, body: `Comment ${i}`, ...research }, new Date(NOW.getTime() + i * 1000));
    const first = listComments(db, "system", { coalitionId: w.coalition.id, on: { candidateId: k.id }, limit: 2 });
    expect(first.rows.map((r) => r.body)).toEqual(["Comment 4", "Comment 3"]);
    const second = listComments(db, "system", { coalitionId: w.coalition.id, on: { candidateId: k.id }, limit: 2, cursor: readCursor(first.next) });
    expect(second.rows.map((r) => r.body)).toEqual(["Comment 2", "Comment 1"]);
  });
});

describe("comments on a sub-table", () => {
  it("are read by its members' people and neutral staff only; a member outside it cannot comment for itself there", () => {
    const subId = subTable();
    const member = person([{ role: "partner_rep", partnerId: w.partners[0].id }]);
    const outsider = person([{ role: "partner_rep", partnerId: w.partners[2].id }]);
    const staff = person([{ role: "facilitator", coalitionId: w.coalition.id }]);
    const on = { subCoalitionId: subId };
    expect(addComment(db, member, { coalitionId: w.coalition.id, on, partnerId: w.partners[0].id, body: "Our turf plan is ready", ...research }, NOW).ok).toBe(true);
    expect(addComment(db, outsider, { coalitionId: w.coalition.id, on, partnerId: w.partners[2].id, body: "x", ...research }, NOW)).toMatchObject({ ok: false, field: "partnerId" });
    expect(listComments(db, member, { coalitionId: w.coalition.id, on }).rows.map((r) => r.body)).toEqual(["Our turf plan is ready"]);
    expect(listComments(db, staff, { coalitionId: w.coalition.id, on }).rows).toHaveLength(1);
    expect(listComments(db, outsider, { coalitionId: w.coalition.id, on })).toMatchObject({ hidden: true, rows: [], total: 0 });
  });
});
