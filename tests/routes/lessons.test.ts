import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { linkCandidacies } from "~/models/persons.server";
import { recordResult } from "~/models/results.server";
import * as candidatePage from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as cyclesPage from "~/routes/tables.$coalitionId.candidates.$candidateId.cycles";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import * as reviewPage from "~/routes/tables.$coalitionId.review";
import { testActor } from "../db";
import { buildCandidate, buildCoalition, buildRace } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { freshDb, rows } from "./support";

let db: Db;
let actor: Actor;
let w: { t24: number; r24: number; dana24: number; t26: number; r26: number; dana26: number };

beforeEach(() => {
  ({ db, actor } = freshDb());
  const t24 = buildCoalition(db, actor, { name: "Table 2024", cycle: 2024 }).id;
  const r24 = buildRace(db, actor, t24, { state: "PA", district: "07", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id;
  const dana24 = buildCandidate(db, actor, t24, r24, { name: "Dana Ortiz" }).id;
  recordResult(db, actor, { coalitionId: t24, raceId: r24, election: "primary", candidateId: dana24, votes: 4100, outcome: "lost", sourceUrl: "https://sos.example.gov/2024", sourceDate: "2024-05-01" }, new Date("2024-05-01T12:00:00Z"));
  const t26 = buildCoalition(db, actor, { name: "Table 2026", cycle: 2026 }).id;
  const r26 = buildRace(db, actor, t26, { state: "PA", district: "07", primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id;
  const dana26 = buildCandidate(db, actor, t26, r26, { name: "Dana Ortiz" }).id;
  linkCandidacies(db, actor, { coalitionId: t26, candidateId: dana26, otherCandidateId: dana24 });
  w = { t24, r24, dana24, t26, r26, dana26 };
});

const review = () => ({ path: `/tables/${w.t24}/review`, params: { coalitionId: String(w.t24) } });
const lesson = (over: Record<string, string> = {}) => ({ intent: "lesson", raceId: String(w.r24), scope: "both", body: "Start the textbank a month earlier.", sourceKind: "research", ...over });

describe("lessons on the cycle review", () => {
  it("the facilitator adds one; it shows on the review, the next cycle's race page, the candidate's new candidacy and the person's page", async () => {
    const to = await expectRedirect(act(reviewPage.action, review().path, review().params, lesson()), /\/review#lesson-\d+$/);
    const id = Number(to.split("#lesson-")[1]);
    const page = await load(reviewPage.loader, review().path, review().params);
    expect(page.lessons.byRace[w.r24].map((l) => l.id)).toEqual([id]);
    expect(page.canManage).toBe(true);
    const race = await load(racePage.loader, `/tables/${w.t26}/races/${w.r26}`, { coalitionId: String(w.t26), raceId: String(w.r26) });
    expect(race.lessons.lessons).toEqual([expect.objectContaining({ id, origin: "Lesson from the 2024 cycle review", body: "Start the textbank a month earlier." })]);
    const cand = await load(candidatePage.loader, `/tables/${w.t26}/candidates/${w.dana26}`, { coalitionId: String(w.t26), candidateId: String(w.dana26) });
    expect(cand.lessons.lessons.map((l) => l.id)).toEqual([id]);
    const person = await load(cyclesPage.loader, `/tables/${w.t26}/candidates/${w.dana26}/cycles`, { coalitionId: String(w.t26), candidateId: String(w.dana26) });
    expect(person.lessons.lessons.map((l) => l.id)).toEqual([id]);
  });

  it("bad input gets a message by the field, keeps what was typed and writes nothing", async () => {
    const before = rows(db, "lessons");
    const empty = await expectInvalid(act(reviewPage.action, review().path, review().params, lesson({ body: "  " })), ["body"]);
    expect(empty.values.scope).toBe("both");
    await expectInvalid(act(reviewPage.action, review().path, review().params, lesson({ sourceKind: "public" })), ["sourceUrl", "capturedAt"]);
    await expectInvalid(act(reviewPage.action, review().path, review().params, lesson({ scope: "everything" })), ["scope"]);
    // a race of another table is not found; an unknown lesson too
    await expectStatus(act(reviewPage.action, review().path, review().params, lesson({ raceId: String(w.r26) })), 404);
    await expectStatus(act(reviewPage.action, review().path, review().params, { intent: "remove-lesson", lessonId: "999" }), 404);
    expect(rows(db, "lessons")).toBe(before);
  });

  it("the facilitator edits and removes a lesson; the next cycle's page follows", async () => {
    const to = await expectRedirect(act(reviewPage.action, review().path, review().params, lesson()), /#lesson-/);
    const lessonId = to.split("#lesson-")[1];
    await expectRedirect(
      act(reviewPage.action, review().path, review().params, { intent: "edit-lesson", lessonId, scope: "race", body: "Knock doors in the suburbs first.", sourceKind: "public", sourceUrl: "https://news.example.org/turnout", capturedAt: "2024-05-02" }),
      /#lesson-/,
    );
    const race = () => load(racePage.loader, `/tables/${w.t26}/races/${w.r26}`, { coalitionId: String(w.t26), raceId: String(w.r26) });
    expect((await race()).lessons.lessons[0]).toMatchObject({ body: "Knock doors in the suburbs first.", scope: "race", sourceKind: "public" });
    const cand = await load(candidatePage.loader, `/tables/${w.t26}/candidates/${w.dana26}`, { coalitionId: String(w.t26), candidateId: String(w.dana26) });
    expect(cand.lessons.lessons).toEqual([]);
    await expectRedirect(act(reviewPage.action, review().path, review().params, { intent: "remove-lesson", lessonId }), /\/review$/);
    expect((await race()).lessons.lessons).toEqual([]);
  });

  it("is the facilitator's: someone without a role at the table is refused", async () => {
    signInAs(db, testActor(db, "Nora Norole").id);
    await expectStatus(act(reviewPage.action, review().path, review().params, lesson()), 403);
  });
});
