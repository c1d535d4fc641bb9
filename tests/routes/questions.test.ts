/**
 * Issue 17, the shared questionnaire through the routes: a representative proposes a question
 * (or adds its partner's own), the facilitator accepts or answers it; answers are recorded with
 * their source and shown side by side in a race, campaign answers withheld under rule F2.
 */
import { describe, expect, it } from "vitest";
import * as questionnaire from "~/routes/tables.$coalitionId.questionnaire";
import * as answers from "~/routes/tables.$coalitionId.races.$raceId_.answers";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { roleWorld, signAs } from "./roles";
import { auditRows, dump } from "./support";

describe("the questionnaire page", () => {
  it("a representative proposes a question; the facilitator accepts it into the questionnaire", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/questionnaire`;
    const page = await load(questionnaire.loader, path, { coalitionId: c });
    expect(page.partners.map((p) => p.id)).toEqual([w.partnerId]);
    expect(page.canManage).toBe(false);
    expect(page.questions.rows.map((q) => q.owner)).toEqual(["The table", "PAPA's own"]);
    await expectRedirect(act(questionnaire.action, path, { coalitionId: c }, { intent: "propose-question", partnerId: String(w.partnerId), text: "Will you hold town halls?", why: "Members ask." }), /#proposals$/);
    signAs(db, w, "facilitator");
    const waiting = await load(questionnaire.loader, path, { coalitionId: c });
    const mine = waiting.proposed.rows.find((p) => p.text === "Will you hold town halls?")!;
    expect(mine).toMatchObject({ proposedByShortName: "PAPA", why: "Members ask." });
    await expectRedirect(act(questionnaire.action, path, { coalitionId: c }, { intent: "accept-question", id: String(mine.id) }), /#questions$/);
    const after = await load(questionnaire.loader, path, { coalitionId: c });
    expect(after.questions.rows.at(-1)).toMatchObject({ text: "Will you hold town halls?", owner: "The table (proposed by PAPA)" });
    expect(auditRows(db).map((r) => r.action)).toEqual(expect.arrayContaining(["question.propose", "question.accept"]));
  });

  it("a decline needs a reply, next to the field, keeping what was typed and writing nothing", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    const before = dump(db);
    await expectInvalid(act(questionnaire.action, `/tables/${c}/questionnaire`, { coalitionId: c }, { intent: "decline-question", id: String(w.proposedQuestionId), reply: " " }), ["reply"]);
    expect(dump(db)).toEqual(before);
    await expectRedirect(act(questionnaire.action, `/tables/${c}/questionnaire`, { coalitionId: c }, { intent: "decline-question", id: String(w.proposedQuestionId), reply: "We ask it already." }), /#proposals$/);
    const page = await load(questionnaire.loader, `/tables/${c}/questionnaire`, { coalitionId: c });
    expect(page.declined.rows).toMatchObject([{ id: w.proposedQuestionId, reply: "We ask it already." }]);
  });

  it("a representative proposes only for its own partner, and removes only its own questions (403)", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    await expectStatus(act(questionnaire.action, `/tables/${c}/questionnaire`, { coalitionId: c }, { intent: "propose-question", partnerId: String(w.otherPartnerId), text: "?", why: "" }), 403);
    await expectStatus(act(questionnaire.action, `/tables/${c}/questionnaire`, { coalitionId: c }, { intent: "remove-question", questionId: String(w.questionId) }), 403);
    await expectStatus(act(questionnaire.action, `/tables/${c}/questionnaire`, { coalitionId: c }, { intent: "remove-question", questionId: "99999" }), 404);
    void db;
  });
});

describe("the race's answers side by side", () => {
  it("the facilitator records a campaign answer and a published one; an independent-side representative sees the published one only", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/races/${w.raceId}/answers`;
    const params = { coalitionId: c, raceId: String(w.raceId) };
    await expectRedirect(act(answers.action, path, params, { intent: "answer", questionId: String(w.questionId), candidateId: String(w.candidateId), body: "MARK-CAMPAIGN yes, in private", sourceKind: "campaign", sourceUrl: "", capturedAt: "" }), /\?saved#answers$/);
    await expectRedirect(act(answers.action, path, params, { intent: "answer", questionId: String(w.questionId), candidateId: String(w.otherCandidateId), body: "Yes, on our site", sourceKind: "public", sourceUrl: "https://lima.example.org/q", capturedAt: "2026-11-02" }), /saved/);
    const staff = await load(answers.loader, path, params);
    expect(JSON.stringify(staff.grid)).toContain("MARK-CAMPAIGN");
    expect(staff.answerable.map((a) => a.value)).toEqual([w.questionId, w.papaQuestionId]);
    signAs(db, w, "rep");
    const rep = await load(answers.loader, path, params);
    expect(JSON.stringify(rep)).not.toContain("MARK-CAMPAIGN");
    expect(rep.grid.withheld).toBe(1);
    const row = rep.grid.rows.find((r) => r.id === w.questionId)!;
    expect(row.cells.find((x) => x.candidateId === w.candidateId)).toMatchObject({ answer: null, withheld: true });
    expect(row.cells.find((x) => x.candidateId === w.otherCandidateId)?.answer).toMatchObject({ body: "Yes, on our site", sourceKind: "public" });
    // the representative records answers to its own partner's question only
    expect(rep.answerable.map((a) => a.value)).toEqual([w.papaQuestionId]);
    expect(auditRows(db).some((r) => r.action === "firewall.campaign_info" && r.rule === "F2" && r.detail.includes("questionnaire answers"))).toBe(true);
  });

  it("a published answer without its URL is refused next to the field; a candidate of another race is refused", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/races/${w.raceId}/answers`;
    const params = { coalitionId: c, raceId: String(w.raceId) };
    const before = dump(db);
    const bad = await expectInvalid(act(answers.action, path, params, { intent: "answer", questionId: String(w.questionId), candidateId: String(w.candidateId), body: "Typed answer", sourceKind: "public", sourceUrl: "", capturedAt: "2026-11-02" }), ["sourceUrl"]);
    expect(bad.values.body).toBe("Typed answer");
    const mike = db.$client.prepare("select id from candidates where name = 'Mike Contender'").pluck().get() as number;
    await expectInvalid(act(answers.action, path, params, { intent: "answer", questionId: String(w.questionId), candidateId: String(mike), body: "x", sourceKind: "campaign", sourceUrl: "", capturedAt: "" }), ["candidateId"]);
    expect(dump(db)).toEqual(before);
  });
});
