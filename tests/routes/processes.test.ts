/**
 * Issue 17, each partner's own endorsement process through the routes: its representative
 * names the steps (the process page) and moves candidates through them from the matrix; the
 * matrix cell and the race page show it; nobody else writes it.
 */
import { describe, expect, it } from "vitest";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as processPage from "~/routes/tables.$coalitionId.processes.$partnerId";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import { addProcessStep } from "~/models/processes.server";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle } from "./helpers";
import { roleWorld, signAs, type RoleWorld } from "./roles";
import { dump } from "./support";
import type { Db } from "../../db/client";

function step(db: Db, partnerId: number, label: string) {
  const r = addProcessStep(db, { id: 1, name: "seed" }, { partnerId, label });
  if (!r.ok) throw new Error(r.message);
  return r.step;
}

const paths = (w: RoleWorld) => ({
  matrix: `/tables/${w.coalitionId}/matrix`,
  process: `/tables/${w.coalitionId}/processes/${w.partnerId}`,
  table: { coalitionId: String(w.coalitionId) },
  partner: { coalitionId: String(w.coalitionId), partnerId: String(w.partnerId) },
});

describe("a partner's steps (the process page)", () => {
  it("its representative adds, moves and removes steps; the page lists them in order for everyone at the table", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    await expectRedirect(act(processPage.action, p.process, p.partner, { intent: "add", label: "Questionnaire sent" }), /#steps$/);
    await expectRedirect(act(processPage.action, p.process, p.partner, { intent: "add", label: "Interview done" }), /#steps$/);
    let page = await load(processPage.loader, p.process, p.partner);
    expect(page.canEdit).toBe(true);
    expect(page.steps.map((s) => s.label)).toEqual(["Questionnaire sent", "Interview done"]);
    await expectRedirect(act(processPage.action, p.process, p.partner, { intent: "move", stepId: String(page.steps[1].id), direction: "up" }), /#steps$/);
    signAs(db, w, "otherRep");
    page = await load(processPage.loader, p.process, p.partner);
    expect(page.canEdit).toBe(false);
    expect(page.steps.map((s) => s.label)).toEqual(["Interview done", "Questionnaire sent"]);
  });

  it("a blank or repeated step is refused next to the field, keeping what was typed", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    step(db, w.partnerId, "Board vote");
    await expectInvalid(act(processPage.action, p.process, p.partner, { intent: "add", label: "   " }), ["label"]);
    const repeated = await expectInvalid(act(processPage.action, p.process, p.partner, { intent: "add", label: "Board vote" }), ["label"]);
    expect(repeated.values.label).toBe("Board vote");
  });

  it("another partner's representative and the facilitator may not touch it (403, nothing written)", async () => {
    for (const who of ["otherRep", "facilitator"] as const) {
      const { db, w } = roleWorld(who);
      const p = paths(w);
      const before = dump(db);
      await expectStatus(act(processPage.action, p.process, p.partner, { intent: "add", label: "Sneaky step" }), 403);
      expect(dump(db).process_steps).toEqual(before.process_steps);
    }
  });

  it("an unknown partner is a 404", async () => {
    const { w } = roleWorld("rep");
    await expectStatus(load(processPage.loader, `/tables/${w.coalitionId}/processes/999`, { coalitionId: String(w.coalitionId), partnerId: "999" }), 404);
  });
});

describe("moving a candidate through the steps from the matrix", () => {
  it("in place: the cell then reads 'Considering · Interview done' for everyone; the race page lists the partner as still deciding", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    step(db, w.partnerId, "Questionnaire sent");
    const interview = step(db, w.partnerId, "Interview done");
    // the representative's editor offers Papa's steps only
    const before = await load(matrix.loader, p.matrix, p.table);
    expect(Object.keys(before.processSteps)).toEqual([String(w.partnerId)]);
    expect(before.processSteps[w.partnerId].map((s) => s.label)).toEqual(["Questionnaire sent", "Interview done"]);
    // Papa is considering Lima, then reaches its interview step
    await settle(act(matrix.action, p.matrix, p.table, { intent: "stance", candidateId: String(w.otherCandidateId), partnerId: String(w.partnerId), stance: "considering", decidedOn: "2026-11-20" }));
    const answer = await settle(
      act(matrix.action, p.matrix, p.table, { intent: "process", inplace: "1", candidateId: String(w.otherCandidateId), partnerId: String(w.partnerId), stepId: String(interview.id), expectedOn: "2027-01-15" }),
    );
    expect(answer).toMatchObject({ status: 200, data: { intent: "process", ok: true, stepLabel: "Interview done" } });
    const after = await load(matrix.loader, p.matrix, p.table);
    expect(after.ownProcesses[`${w.otherCandidateId}-${w.partnerId}`]).toEqual({ stepId: interview.id, expectedOn: "2027-01-15" });
    signAs(db, w, "facilitator");
    const seen = await load(matrix.loader, p.matrix, p.table);
    expect(seen.rows.find((r) => r.id === w.otherCandidateId)?.steps).toEqual({ [w.partnerId]: "Interview done" });
    expect(seen.processSteps).toEqual({});
    const race = await load(racePage.loader, `/tables/${w.coalitionId}/races/${w.raceId}`, { coalitionId: String(w.coalitionId), raceId: String(w.raceId) });
    expect(race.processes).toMatchObject([{ partnerId: w.partnerId, candidateId: w.otherCandidateId, stance: "considering", stepLabel: "Interview done", position: 2, steps: 2, expectedOn: "2027-01-15" }]);
  });

  it("without JavaScript: the post redirects back to the cell's editor", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const s = step(db, w.partnerId, "Board vote");
    const to = await expectRedirect(
      act(matrix.action, p.matrix, p.table, { intent: "process", candidateId: String(w.candidateId), partnerId: String(w.partnerId), stepId: String(s.id), expectedOn: "" }),
      /\/matrix\?/,
    );
    expect(new URL(to, "http://x").searchParams.get("cell")).toBe(`${w.candidateId}-${w.partnerId}`);
  });

  it("refuses another partner's step and a bad date next to the field, writing nothing", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const theirs = step(db, w.otherPartnerId, "Quebec's vote");
    const before = dump(db);
    const bad = await expectInvalid(act(matrix.action, p.matrix, p.table, { intent: "process", candidateId: String(w.candidateId), partnerId: String(w.partnerId), stepId: String(theirs.id), expectedOn: "" }), ["stepId"]);
    expect(bad.values.stepId).toBe(String(theirs.id));
    await expectInvalid(act(matrix.action, p.matrix, p.table, { intent: "process", candidateId: String(w.candidateId), partnerId: String(w.partnerId), stepId: "", expectedOn: "soon" }), ["expectedOn"]);
    expect(dump(db).candidate_processes).toEqual(before.candidate_processes);
  });

  it("a member writes only its own process: Quebec's representative and the facilitator get a 403 on Papa's", async () => {
    for (const who of ["otherRep", "facilitator", "lead", "counsel"] as const) {
      const { db, w } = roleWorld(who);
      const p = paths(w);
      await expectStatus(act(matrix.action, p.matrix, p.table, { intent: "process", candidateId: String(w.candidateId), partnerId: String(w.partnerId), stepId: "", expectedOn: "2027-01-01" }), 403);
      expect(dump(db).candidate_processes).toEqual([]);
    }
  });
});
