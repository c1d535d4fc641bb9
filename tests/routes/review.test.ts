import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { ASSOCIATION_NOTE } from "~/domain/review";
import { recordResult } from "~/models/results.server";
import * as reviewPage from "~/routes/tables.$coalitionId.review";
import { testActor } from "../db";
import { buildCandidate, buildCoalition, buildRace } from "../factories";
import { load, settle, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
let coalitionId: number;
beforeEach(() => {
  ({ db, actor } = freshDb());
  coalitionId = buildCoalition(db, actor).id;
});

describe("the cycle review page", () => {
  it("says there is nothing to review before any result, then lists each race with a result", async () => {
    const path = `/tables/${coalitionId}/review`;
    const empty = await load(reviewPage.loader, path, { coalitionId: String(coalitionId) });
    expect(empty.total).toBe(0);
    const raceId = buildRace(db, actor, coalitionId, { primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id;
    const [a, b] = ["Ann Arbor", "Ben Bell"].map((name) => buildCandidate(db, actor, coalitionId, raceId, { name }).id);
    const at = new Date("2026-05-25T12:00:00Z");
    const src = { coalitionId, raceId, election: "primary" as const, sourceUrl: "https://sos.example.gov/r", sourceDate: "2026-05-25" };
    recordResult(db, actor, { ...src, candidateId: a, votes: 600, outcome: "advanced_general" }, at);
    recordResult(db, actor, { ...src, candidateId: b, votes: 400, outcome: "lost" }, at);
    const page = await load(reviewPage.loader, path, { coalitionId: String(coalitionId) });
    // no partner endorsed anyone: the review reads the first candidate with a result, without a sub-table
    expect(page.rows).toMatchObject([{ raceId, endorsers: 0, formedAt: null, election: "primary", margin: expect.any(Number) }]);
    expect(page.groups[1]).toMatchObject({ group: "without a sub-table", races: 1 });
    expect(ASSOCIATION_NOTE).toMatch(/association, not cause/);
    // the margin charts: the race is in the "no sub-table" band of timing and "None" of endorsers, at +20 points
    expect(page.margins.timing[0]).toMatchObject({ label: "No sub-table", races: 1, meanMargin: 20 });
    expect(page.margins.endorsers[0]).toMatchObject({ label: "None", races: 1, succeeded: 1 });
  });

  it("is for people at the table only", async () => {
    signInAs(db, testActor(db, "Nora Norole").id);
    expect((await settle(load(reviewPage.loader, `/tables/${coalitionId}/review`, { coalitionId: String(coalitionId) }))).status).toBe(403);
  });
});
