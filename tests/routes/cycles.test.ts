import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { candidateAcrossCycles, linkCandidacies, startFromLastProfile } from "~/models/persons.server";
import { recordResult } from "~/models/results.server";
import * as cyclesPage from "~/routes/tables.$coalitionId.candidates.$candidateId.cycles";
import { buildCandidate, buildCoalition, buildPartner, buildProfileItem, buildRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, load } from "./helpers";
import { freshDb, rows } from "./support";

let db: Db;
let actor: Actor;
let past: { coalitionId: number; candidateId: number; raceId: number };
let now: { coalitionId: number; candidateId: number };

beforeEach(() => {
  ({ db, actor } = freshDb());
  // the 2024 cycle's table: Dana Ortiz ran and lost the primary; the 2026 table: she runs again
  const t24 = buildCoalition(db, actor, { name: "Table 2024", cycle: 2024 }).id;
  const r24 = buildRace(db, actor, t24, { district: "07", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id;
  const dana24 = buildCandidate(db, actor, t24, r24, { name: "Dana Ortiz", bio: "Nurse, union steward.", bioSourceKind: "public", bioSourceUrl: "https://news.example.org/ortiz", bioCapturedAt: "2024-01-10" }).id;
  const p = buildPartner(db, actor, t24, { shortName: "PAPA", name: "Papa Alliance" });
  stance(db, actor, t24, dana24, p.id, "endorsed", { decidedOn: "2024-02-01", now: new Date("2024-02-01T12:00:00Z") });
  buildProfileItem(db, actor, t24, dana24, { kind: "position", topic: "Health care", body: "Medicare for all (public record).", sourceKind: "public", sourceUrl: "https://ortiz.example.org/issues", capturedAt: "2024-01-12" });
  buildProfileItem(db, actor, t24, dana24, { kind: "strength", body: "Strong with nurses (our interviews).", sourceKind: "research" });
  buildProfileItem(db, actor, t24, dana24, { kind: "note", body: "Campaign plans a mail program in March.", sourceKind: "campaign" });
  recordResult(db, actor, { coalitionId: t24, raceId: r24, election: "primary", candidateId: dana24, votes: 4100, outcome: "lost", sourceUrl: "https://sos.example.gov/2024", sourceDate: "2024-05-01" }, new Date("2024-05-01T12:00:00Z"));
  past = { coalitionId: t24, candidateId: dana24, raceId: r24 };
  const t26 = buildCoalition(db, actor, { name: "Table 2026", cycle: 2026 }).id;
  const r26 = buildRace(db, actor, t26, { district: "07", primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id;
  now = { coalitionId: t26, candidateId: buildCandidate(db, actor, t26, r26, { name: "dana ortiz" }).id };
});

const path = () => `/tables/${now.coalitionId}/candidates/${now.candidateId}/cycles`;
const params = () => ({ coalitionId: String(now.coalitionId), candidateId: String(now.candidateId) });

describe("a candidate across cycles", () => {
  it("suggests the same name in another race, links the two candidacies to one person, and lists the past race with its stances and results", async () => {
    const before = await load(cyclesPage.loader, path(), params());
    expect(before.person).toBeNull();
    expect(before.sameName.map((c) => c.candidateId)).toEqual([past.candidateId]);
    await expectRedirect(act(cyclesPage.action, path(), params(), { intent: "link", otherCandidateId: String(past.candidateId) }), /cycles$/);
    const page = await load(cyclesPage.loader, path(), params());
    expect(page.person?.name).toBe("dana ortiz");
    expect(page.sameName).toEqual([]);
    expect(page.candidacies.map((c) => [c.cycle, c.candidateId])).toEqual([
      [2026, now.candidateId],
      [2024, past.candidateId],
    ]);
    expect(page.candidacies[1]).toMatchObject({ results: [{ election: "primary", votes: 4100, outcome: "lost" }], stances: [{ partnerName: "Papa Alliance", stance: "endorsed", decidedOn: "2024-02-01" }], subTableId: null });
    expect(page.previous?.candidateId).toBe(past.candidateId);
    // linking again is refused next to the form
    await expectInvalid(act(cyclesPage.action, path(), params(), { intent: "link", otherCandidateId: String(past.candidateId) }), ["otherCandidateId"]);
  });

  it("starting from the last profile copies public and research items and the public bio, never the campaign's", () => {
    expect(startFromLastProfile(db, actor, now)).toMatchObject({ ok: false, message: expect.stringMatching(/Link this candidacy/) });
    expect(linkCandidacies(db, actor, { ...now, otherCandidateId: past.candidateId }).ok).toBe(true);
    const r = startFromLastProfile(db, actor, now, new Date("2026-01-05T12:00:00Z"));
    expect(r).toEqual({ ok: true, copied: 2, fromCandidateId: past.candidateId });
    const items = db.query.profileItems.findMany({ where: (i, { eq }) => eq(i.candidateId, now.candidateId) }).sync();
    expect(items.map((i) => [i.kind, i.sourceKind]).sort()).toEqual([
      ["position", "public"],
      ["strength", "research"],
    ]);
    expect(items.some((i) => /mail program/.test(i.body))).toBe(false);
    const dana = db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.id, now.candidateId) }).sync()!;
    expect(dana).toMatchObject({ bio: "Nurse, union steward.", bioSourceKind: "public", bioSourceUrl: "https://news.example.org/ortiz" });
    expect(rows(db, "profile_revisions")).toBeGreaterThan(0);
    // the past profile is untouched
    expect(db.query.profileItems.findMany({ where: (i, { eq }) => eq(i.candidateId, past.candidateId) }).sync()).toHaveLength(3);
  });

  it("a campaign bio does not carry either", () => {
    db.$client.prepare("update candidates set bio_source_kind = 'campaign' where id = ?").run(past.candidateId);
    linkCandidacies(db, actor, { ...now, otherCandidateId: past.candidateId });
    startFromLastProfile(db, actor, now);
    expect(db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.id, now.candidateId) }).sync()!.bio).toBe("");
  });

  it("two people linked become one", () => {
    const t = buildCoalition(db, actor, { cycle: 2022 }).id;
    const older = buildCandidate(db, actor, t, buildRace(db, actor, t, { primaryDate: "2022-05-17", generalDate: "2022-11-08" }).id, { name: "Dana Ortiz" }).id;
    const t20 = buildCoalition(db, actor, { cycle: 2020 }).id;
    const oldest = buildCandidate(db, actor, t20, buildRace(db, actor, t20, { primaryDate: "2020-06-02", generalDate: "2020-11-03" }).id, { name: "Dana Ortiz" }).id;
    linkCandidacies(db, actor, { coalitionId: t, candidateId: older, otherCandidateId: past.candidateId });
    linkCandidacies(db, actor, { ...now, otherCandidateId: oldest });
    expect(rows(db, "people")).toBe(2);
    const r = linkCandidacies(db, actor, { ...now, otherCandidateId: past.candidateId });
    expect(r.ok).toBe(true);
    expect(rows(db, "people")).toBe(1);
    expect(candidateAcrossCycles(db, "system", now).candidacies.map((c) => c.cycle)).toEqual([2026, 2024, 2022, 2020]);
  });
});
