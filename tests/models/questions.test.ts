import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { readCursor } from "~/domain/keyset";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { addQuestion, answerGrid, decideQuestion, listQuestionnaire, listQuestionProposals, proposeQuestion, recordAnswer, removeQuestion } from "~/models/questions.server";
import { setSide } from "~/models/sides.server";
import { testActor, testDb } from "../db";
import { buildCandidate, buildRace, buildTableWithRace } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;
const NOW = new Date("2026-11-20T15:00:00Z");

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 3, candidates: 3, legalTypes: ["c4", "pac", "c4"] });
});

function person(grants: Parameters<typeof grantRole>[3][]) {
  const n = db.$client.prepare("select count(*) as n from users").get() as { n: number };
  const u = db.insert(users).values({ name: `Person ${n.n}`, email: `q${n.n}@example.org` }).returning().get();
  for (const g of grants) grantRole(db, actor, u.id, g);
  return loadPrincipal(db, u.id)!;
}

function must<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

const deniedRows = () => db.$client.prepare("select race_id as raceId, detail from audit_log where action = 'firewall.campaign_info' and decision = 'deny'").all() as { raceId: number | null; detail: string }[];

describe("the questionnaire", () => {
  it("keeps the table's questions and each partner's own in order; a member's proposal waits until the facilitator accepts it", () => {
    const [ka, kb] = w.partners;
    const t1 = must(addQuestion(db, actor, { coalitionId: w.coalition.id, text: "Will you back Medicare for All?" }, NOW)).question;
    const own = must(proposeQuestion(db, actor, { coalitionId: w.coalition.id, partnerId: ka.id, text: "Will you meet our members?", why: null, own: true }, NOW)).question;
    const proposed = must(proposeQuestion(db, actor, { coalitionId: w.coalition.id, partnerId: kb.id, text: "Will you refuse corporate PAC money?", why: "Our members ask every candidate.", own: false }, NOW)).question;
    expect(listQuestionnaire(db, "system", { coalitionId: w.coalition.id }).rows.map((q) => [q.id, q.owner])).toEqual([
      [t1.id, "The table"],
      [own.id, `${ka.shortName}'s own`],
    ]);
    expect(listQuestionProposals(db, "system", { coalitionId: w.coalition.id, status: "proposed" }).rows).toMatchObject([{ id: proposed.id, proposedByShortName: kb.shortName, why: "Our members ask every candidate." }]);
    must(decideQuestion(db, actor, { coalitionId: w.coalition.id, questionId: proposed.id, accept: true }, NOW));
    const after = listQuestionnaire(db, "system", { coalitionId: w.coalition.id });
    expect(after.rows.map((q) => [q.id, q.position, q.owner])).toEqual([
      [t1.id, 1, "The table"],
      [own.id, 2, `${ka.shortName}'s own`],
      [proposed.id, 3, `The table (proposed by ${kb.shortName})`],
    ]);
    expect(listQuestionProposals(db, "system", { coalitionId: w.coalition.id, status: "proposed" }).total).toBe(0);
    // decided once only
    expect(decideQuestion(db, actor, { coalitionId: w.coalition.id, questionId: proposed.id, accept: false, reply: "no" }, NOW)).toMatchObject({ ok: false, field: "id" });
  });

  it("a declined proposal keeps the facilitator's reply and never enters the questionnaire", () => {
    const p = must(proposeQuestion(db, actor, { coalitionId: w.coalition.id, partnerId: w.partners[0].id, text: "Favourite colour?", why: null, own: false }, NOW)).question;
    must(decideQuestion(db, actor, { coalitionId: w.coalition.id, questionId: p.id, accept: false, reply: "Not about the office." }, NOW));
    expect(listQuestionnaire(db, "system", { coalitionId: w.coalition.id }).total).toBe(0);
    expect(listQuestionProposals(db, "system", { coalitionId: w.coalition.id, status: "declined" }).rows).toMatchObject([{ id: p.id, reply: "Not about the office.", status: "declined" }]);
  });

  it("a partner not seated here proposes nothing; a removed question leaves the questionnaire", () => {
    const elsewhere = buildTableWithRace(db, actor, { partners: 1, candidates: 0 });
    expect(proposeQuestion(db, actor, { coalitionId: w.coalition.id, partnerId: elsewhere.partners[0].id, text: "?", why: null, own: true })).toMatchObject({ ok: false, field: "partnerId" });
    const q = must(addQuestion(db, actor, { coalitionId: w.coalition.id, text: "Q" })).question;
    must(removeQuestion(db, actor, { coalitionId: w.coalition.id, questionId: q.id }));
    expect(listQuestionnaire(db, "system", { coalitionId: w.coalition.id }).total).toBe(0);
    expect(recordAnswer(db, actor, { coalitionId: w.coalition.id, questionId: q.id, candidateId: w.candidates[0].id, body: "x", sourceKind: "campaign", sourceUrl: null, capturedAt: null })).toMatchObject({ ok: false, field: "questionId" });
  });

  it("pages the questionnaire by keyset, in order", () => {
    for (let i = 1; i <= 5; i++) must(addQuestion(db, actor, { coalitionId: w.coalition.id, text: `Question ${i}` }));
    const first = listQuestionnaire(db, "system", { coalitionId: w.coalition.id, limit: 2 });
    expect(first.rows.map((q) => q.text)).toEqual(["Question 1", "Question 2"]);
    const second = listQuestionnaire(db, "system", { coalitionId: w.coalition.id, limit: 2, cursor: readCursor(first.next) });
    expect(second.rows.map((q) => q.text)).toEqual(["Question 3", "Question 4"]);
    const back = listQuestionnaire(db, "system", { coalitionId: w.coalition.id, limit: 2, cursor: readCursor(second.prev) });
    expect(back.rows.map((q) => q.text)).toEqual(["Question 1", "Question 2"]);
    expect(first.total).toBe(5);
  });
});

describe("answers, side by side, under rule F2", () => {
  function answered() {
    const q1 = must(addQuestion(db, actor, { coalitionId: w.coalition.id, text: "Will you back Medicare for All?" })).question;
    const q2 = must(addQuestion(db, actor, { coalitionId: w.coalition.id, text: "Will you refuse corporate PAC money?" })).question;
    const [a, b, c] = w.candidates;
    const at = { coalitionId: w.coalition.id };
    must(recordAnswer(db, actor, { ...at, questionId: q1.id, candidateId: a.id, body: "CAMPAIGN-ONLY: yes, privately", sourceKind: "campaign", sourceUrl: null, capturedAt: null }, NOW));
    must(recordAnswer(db, actor, { ...at, questionId: q1.id, candidateId: b.id, body: "Yes, as published", sourceKind: "public", sourceUrl: "https://b.example.org/q", capturedAt: "2026-11-01" }, NOW));
    must(recordAnswer(db, actor, { ...at, questionId: q2.id, candidateId: c.id, body: "No", sourceKind: "public", sourceUrl: "https://c.example.org/q", capturedAt: "2026-11-01" }, NOW));
    return { q1, q2, a, b, c };
  }

  it("neutral staff read every answer, each with its source, questions down and candidates across", () => {
    const { q1, q2, a, b, c } = answered();
    const staff = person([{ role: "facilitator", coalitionId: w.coalition.id }]);
    const grid = answerGrid(db, staff, { coalitionId: w.coalition.id, raceId: w.race.id });
    expect(grid.rows.map((r) => r.id)).toEqual([q1.id, q2.id]);
    expect(grid.candidates.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const cell = (qid: number, cid: number) => grid.rows.find((r) => r.id === qid)!.cells.find((x) => x.candidateId === cid)!;
    expect(cell(q1.id, a.id)).toMatchObject({ withheld: false, answer: { body: "CAMPAIGN-ONLY: yes, privately", sourceKind: "campaign" } });
    expect(cell(q1.id, b.id)).toMatchObject({ answer: { sourceKind: "public", sourceUrl: "https://b.example.org/q" } });
    expect(cell(q2.id, a.id)).toMatchObject({ answer: null, withheld: false });
    expect(grid.withheld).toBe(0);
    expect(deniedRows()).toEqual([]);
  });

  it("an independent-side member never receives a campaign answer: the cell says withheld, and it is logged once", () => {
    const { q1, a, b } = answered();
    const rep = person([{ role: "partner_rep", partnerId: w.partners[0].id }]);
    const grid = answerGrid(db, rep, { coalitionId: w.coalition.id, raceId: w.race.id });
    expect(JSON.stringify(grid)).not.toContain("CAMPAIGN-ONLY");
    const row = grid.rows.find((r) => r.id === q1.id)!;
    expect(row.cells.find((x) => x.candidateId === a.id)).toEqual({ candidateId: a.id, answer: null, withheld: true });
    expect(row.cells.find((x) => x.candidateId === b.id)?.answer?.body).toBe("Yes, as published");
    expect(grid.withheld).toBe(1);
    expect(deniedRows()).toEqual([{ raceId: w.race.id, detail: expect.stringContaining("questionnaire answers") }]);
  });

  it("a member set coordinated in the race by its counsel reads the campaign answer", () => {
    answered();
    const pac = w.partners[1];
    setSide(db, actor, w.coalition.id, { partnerId: pac.id, raceId: w.race.id, account: "main", side: "coordinated", reason: null });
    const rep = person([{ role: "partner_rep", partnerId: pac.id }]);
    expect(JSON.stringify(answerGrid(db, rep, { coalitionId: w.coalition.id, raceId: w.race.id }))).toContain("CAMPAIGN-ONLY");
  });

  it("another race's answers stay out, and an answer is replaced in place", () => {
    const { q1, a } = answered();
    const other = buildRace(db, actor, w.coalition.id, { state: "NY", district: "19" });
    const x = buildCandidate(db, actor, w.coalition.id, other.id, { name: "Xena Other" });
    must(recordAnswer(db, actor, { coalitionId: w.coalition.id, questionId: q1.id, candidateId: x.id, body: "OTHER RACE", sourceKind: "public", sourceUrl: "https://x.example.org", capturedAt: "2026-11-01" }));
    expect(JSON.stringify(answerGrid(db, "system", { coalitionId: w.coalition.id, raceId: w.race.id }))).not.toContain("OTHER RACE");
    must(recordAnswer(db, actor, { coalitionId: w.coalition.id, questionId: q1.id, candidateId: a.id, body: "Now published", sourceKind: "public", sourceUrl: "https://a.example.org", capturedAt: "2026-11-05" }));
    const cell = answerGrid(db, "system", { coalitionId: w.coalition.id, raceId: w.race.id }).rows[0].cells.find((c) => c.candidateId === a.id);
    expect(cell?.answer).toMatchObject({ body: "Now published", sourceKind: "public" });
    expect(db.$client.prepare("select count(*) as n from question_answers where candidate_id = ?").get(a.id)).toEqual({ n: 1 });
  });

  it("refuses an answer without its source rule, or for a candidate of another table", () => {
    const { q1 } = answered();
    expect(recordAnswer(db, actor, { coalitionId: w.coalition.id, questionId: q1.id, candidateId: w.candidates[0].id, body: "x", sourceKind: "research" as never, sourceUrl: null, capturedAt: null })).toMatchObject({ ok: false, field: "sourceKind" });
    expect(recordAnswer(db, actor, { coalitionId: w.coalition.id, questionId: q1.id, candidateId: w.candidates[0].id, body: "x", sourceKind: "public", sourceUrl: null, capturedAt: "2026-11-01" })).toMatchObject({ ok: false, field: "sourceUrl" });
    const elsewhere = buildTableWithRace(db, actor, { partners: 1, candidates: 1 });
    expect(recordAnswer(db, actor, { coalitionId: w.coalition.id, questionId: q1.id, candidateId: elsewhere.candidates[0].id, body: "x", sourceKind: "campaign", sourceUrl: null, capturedAt: null })).toMatchObject({ ok: false, field: "candidateId" });
  });
});
