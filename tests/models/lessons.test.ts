/**
 * Issue 16, what the table learned: lessons on a cycle review show on the next cycle's race in
 * the same place and on the person's later candidacies, with where they came from; a lesson
 * from a campaign is withheld from independent-side viewers (rule F2) like any note.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { placeKey } from "~/domain/lessons";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { addLesson, lessonsForCandidate, lessonsForRace, lessonsOnReview, removeLesson, updateLesson } from "~/models/lessons.server";
import { linkCandidacies } from "~/models/persons.server";
import { recordResult } from "~/models/results.server";
import { buildCandidate, buildCoalition, buildPartner, buildRace } from "../factories";
import { testActor, testDb } from "../db";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof world>;

function world() {
  // the 2024 table: PA-07, Dana Ortiz lost the primary; PA-08 has no result
  const t24 = buildCoalition(db, actor, { name: "Table 2024", cycle: 2024 }).id;
  const r24 = buildRace(db, actor, t24, { state: "PA", district: "07", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id;
  const noResult = buildRace(db, actor, t24, { state: "PA", district: "08", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id;
  const dana24 = buildCandidate(db, actor, t24, r24, { name: "Dana Ortiz" }).id;
  const other24 = buildCandidate(db, actor, t24, r24, { name: "Eli Fox" }).id;
  const src = { coalitionId: t24, raceId: r24, election: "primary" as const, sourceUrl: "https://sos.example.gov/2024", sourceDate: "2024-05-01" };
  recordResult(db, actor, { ...src, candidateId: dana24, votes: 4100, outcome: "lost" }, new Date("2024-05-01T12:00:00Z"));
  recordResult(db, actor, { ...src, candidateId: other24, votes: 5200, outcome: "advanced_general" }, new Date("2024-05-01T12:00:00Z"));
  // the 2026 table: the same district written "7", Dana runs again; PA-09 is another place
  const t26 = buildCoalition(db, actor, { name: "Table 2026", cycle: 2026 }).id;
  const r26 = buildRace(db, actor, t26, { state: "PA", district: "7", primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id;
  const elsewhere = buildRace(db, actor, t26, { state: "PA", district: "09", primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id;
  const dana26 = buildCandidate(db, actor, t26, r26, { name: "Dana Ortiz" }).id;
  // a state table of the same cycle: another level, never the same place
  const state26 = buildCoalition(db, actor, { name: "State 2026", cycle: 2026, level: "state_legislative" }).id;
  // an independent-side (c4) representative seated at the 2026 table, and its facilitator
  const c4 = buildPartner(db, actor, t26, { legalType: "c4", shortName: "CFOUR" });
  const u = db.insert(users).values({ name: "Rep", email: "rep@c4.example.org" }).returning().get();
  grantRole(db, actor, u.id, { role: "partner_rep", partnerId: c4.id });
  const staff = db.insert(users).values({ name: "Fac", email: "fac@example.org" }).returning().get();
  grantRole(db, actor, staff.id, { role: "facilitator", coalitionId: t26 });
  return { t24, r24, noResult, dana24, t26, r26, elsewhere, dana26, state26, rep: loadPrincipal(db, u.id)!, facilitator: loadPrincipal(db, staff.id)! };
}

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = world();
});

const add = (over: Partial<Parameters<typeof addLesson>[2]> = {}) => {
  const r = addLesson(db, actor, { coalitionId: w.t24, raceId: w.r24, scope: "both", body: "Endorse before the filing deadline: we formed too late.", sourceKind: "research", sourceUrl: null, capturedAt: null, ...over });
  if (!r.ok) throw new Error(r.message);
  return r.lessonId;
};

describe("lessons of a cycle review", () => {
  it("show on the next cycle's race in the same place, with the cycle they came from, and nowhere else", () => {
    const id = add({ scope: "race" });
    const next = lessonsForRace(db, w.facilitator, { coalitionId: w.t26, raceId: w.r26 });
    expect(next.lessons).toEqual([expect.objectContaining({ id, origin: "Lesson from the 2024 cycle review", coalitionName: "Table 2024", body: expect.stringMatching(/filing deadline/) })]);
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.t26, raceId: w.elsewhere }).lessons).toEqual([]);
    // not on its own cycle's race (it is on the review there)
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.t24, raceId: w.r24 }).lessons).toEqual([]);
    // a race-only lesson is not about the person
    expect(linkCandidacies(db, actor, { coalitionId: w.t26, candidateId: w.dana26, otherCandidateId: w.dana24 }).ok).toBe(true);
    expect(lessonsForCandidate(db, w.facilitator, { coalitionId: w.t26, candidateId: w.dana26 }).lessons).toEqual([]);
  });

  it("about the person show on their later candidacy once the two are linked, and on the person's page", () => {
    const id = add({ scope: "person" });
    expect(lessonsForCandidate(db, w.facilitator, { coalitionId: w.t26, candidateId: w.dana26 }).lessons).toEqual([]);
    expect(linkCandidacies(db, actor, { coalitionId: w.t26, candidateId: w.dana26, otherCandidateId: w.dana24 }).ok).toBe(true);
    const later = lessonsForCandidate(db, w.facilitator, { coalitionId: w.t26, candidateId: w.dana26 });
    expect(later.lessons).toEqual([expect.objectContaining({ id, candidateName: "Dana Ortiz", origin: "Lesson from the 2024 cycle review" })]);
    // the person lesson is not about the race's next cycle
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.t26, raceId: w.r26 }).lessons).toEqual([]);
    // on the 2024 candidacy: only with includeOwn (the person's page lists all of them)
    expect(lessonsForCandidate(db, w.facilitator, { coalitionId: w.t24, candidateId: w.dana24 }).lessons).toEqual([]);
    expect(lessonsForCandidate(db, w.facilitator, { coalitionId: w.t24, candidateId: w.dana24, includeOwn: true }).lessons.map((l) => l.id)).toEqual([id]);
  });

  it("are the same place at the same level only: a state table of the next cycle does not see a federal lesson", () => {
    add({ scope: "race" });
    const stateRace = buildRace(db, actor, w.state26, { office: "U.S. House", state: "PA", district: "07", primaryDate: "2026-05-19", generalDate: "2026-11-03", chamber: "lower" });
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.state26, raceId: stateRace.id }).lessons).toEqual([]);
    expect(placeKey("federal", { office: "U.S. House", state: "PA", district: "07" })).toBe(placeKey("federal", { office: "u.s.  house", state: "pa", district: "7" }));
  });

  it("from a campaign are withheld from an independent-side viewer (F2), logged, and shown to neutral staff", () => {
    add({ scope: "both", body: "The campaign said it would stop knocking doors in October.", sourceKind: "campaign" });
    add({ scope: "both", body: "Our own count: the sub-table formed 40 days out." });
    linkCandidacies(db, actor, { coalitionId: w.t26, candidateId: w.dana26, otherCandidateId: w.dana24 });
    const denials = () => db.select().from(auditLog).where(eq(auditLog.action, "firewall.campaign_info")).all().length;
    const before = denials();
    for (const got of [
      lessonsForRace(db, w.rep, { coalitionId: w.t26, raceId: w.r26 }),
      lessonsForCandidate(db, w.rep, { coalitionId: w.t26, candidateId: w.dana26 }),
      lessonsOnReview(db, w.rep, { coalitionId: w.t24, raceIds: [w.r24] }),
    ]) {
      expect(JSON.stringify(got)).not.toContain("October");
      expect(got.withheld).toBe(1);
    }
    expect(denials()).toBe(before + 3);
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.t26, raceId: w.r26 }).lessons).toHaveLength(2);
    expect(lessonsOnReview(db, "system", { coalitionId: w.t24, raceIds: [w.r24] }).byRace[w.r24]).toHaveLength(2);
  });

  it("go only on races with a result; edits and removal are audited without the lesson's words", () => {
    expect(addLesson(db, actor, { coalitionId: w.t24, raceId: w.noResult, scope: "race", body: "x", sourceKind: "research", sourceUrl: null, capturedAt: null })).toMatchObject({ ok: false, field: "raceId" });
    expect(() => addLesson(db, actor, { coalitionId: w.t26, raceId: w.r24, scope: "race", body: "x", sourceKind: "research", sourceUrl: null, capturedAt: null })).toThrow(/not found/);
    const id = add({ scope: "race", body: "Secret words" });
    expect(updateLesson(db, actor, { coalitionId: w.t24, lessonId: id, scope: "both", body: "Better words", sourceKind: "public", sourceUrl: "https://news.example.org/a", capturedAt: "2024-06-01" }).ok).toBe(true);
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.t26, raceId: w.r26 }).lessons[0]).toMatchObject({ body: "Better words", sourceKind: "public", updatedAt: expect.any(String) });
    expect(() => updateLesson(db, actor, { coalitionId: w.t26, lessonId: id, scope: "race", body: "y", sourceKind: "research", sourceUrl: null, capturedAt: null })).toThrow(/not found/);
    expect(removeLesson(db, actor, { coalitionId: w.t24, lessonId: id }).ok).toBe(true);
    expect(lessonsForRace(db, w.facilitator, { coalitionId: w.t26, raceId: w.r26 }).lessons).toEqual([]);
    expect(() => removeLesson(db, actor, { coalitionId: w.t24, lessonId: id })).toThrow(/not found/);
    const trail = db.select().from(auditLog).where(eq(auditLog.subjectType, "lesson")).all();
    expect(trail.map((a) => a.action)).toEqual(["lesson.add", "lesson.edit", "lesson.remove"]);
    expect(JSON.stringify(trail)).not.toMatch(/Secret|Better/);
  });
});
