/**
 * The projection of the stance history (current_stances, candidate_tallies; migration 0012)
 * always equals the fold of the history (`currentStances` in app/domain/critical-mass.ts, and
 * the counts of seated national partners and affiliates endorsing), after any sequence of stance
 * changes by partners and affiliates, seat changes, renames and a write that fails part-way.
 */
import { and, asc, eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/client";
import type { Db } from "../../db/client";
import { affiliateCoverage, candidateTallies, candidates, coalitionPartners, coalitions, currentStances as projection, endorsementDays, endorsementEvents, races } from "../../db/schema";
import { coversRace } from "~/domain/coverage";
import { countsTowardCriticalMass } from "~/domain/critical-mass";
import { setDeciding } from "~/models/coalitions.server";
import { updateAffiliateCoverage } from "~/models/partners.server";
import type { Actor } from "~/domain/actor";
import { currentStances } from "~/domain/critical-mass";
import { STANCES, type Stance } from "~/domain/vocabulary";
import { seatPartner } from "~/models/partners.server";
import { updateCandidate } from "~/models/candidates.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildRace, stance } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

/** The fold of the whole history, as the projection should hold it. */
function fold() {
  const events = db.select().from(endorsementEvents).orderBy(asc(endorsementEvents.id)).all();
  const where = new Map(
    db
      .select({ id: candidates.id, name: candidates.name, raceId: races.id, coalitionId: races.coalitionId, state: races.state, district: races.district, primaryDate: races.primaryDate, race: races })
      .from(candidates)
      .innerJoin(races, eq(races.id, candidates.raceId))
      .all()
      .map((c) => [c.id, c]),
  );
  // whose stance counts at each table (issue 13), and who covers each race, from the rows as they stand
  const decider = new Map(db.select().from(coalitions).all().map((c) => [c.id, c.decider]));
  const coverage = db.select().from(affiliateCoverage).all();
  const covers = (affiliateId: number, candidateId: number) => coversRace(coverage.filter((c) => c.affiliateId === affiliateId), where.get(candidateId)!.race);
  const seats = new Set(db.select().from(coalitionPartners).all().map((s) => `${s.coalitionId}:${s.partnerId}`));
  const current = [...currentStances(events).values()];
  const stances = current
    .map((e) => ({
      candidateId: e.candidateId,
      partnerId: e.partnerId,
      holderAffiliate: e.affiliateId ?? 0,
      affiliateId: e.affiliateId,
      coalitionId: where.get(e.candidateId)!.coalitionId,
      raceId: where.get(e.candidateId)!.raceId,
      stance: e.stance,
      rank: e.rank,
      eventId: e.id,
      decidedOn: e.decidedOn,
    }))
    .sort(byKey);
  const tallies = [...where.values()]
    .map(({ race: _race, ...c }) => {
      const mine = current.filter((e) => e.candidateId === c.id && e.stance === "endorsed");
      const rule = { decider: decider.get(c.coalitionId)!, covers };
      // distinct partners: two chapters of one partner endorsing count once
      const endorsers = new Set(mine.filter((e) => countsTowardCriticalMass(e, rule) && seats.has(`${c.coalitionId}:${e.partnerId}`)).map((e) => e.partnerId)).size;
      return {
        candidateId: c.id,
        coalitionId: c.coalitionId,
        raceId: c.raceId,
        state: c.state,
        districtKey: c.district ?? "",
        name: c.name,
        primaryDate: c.primaryDate,
        endorsers,
        sortCount: 0 - endorsers || 0,
        affiliateEndorsements: mine.filter((e) => e.affiliateId !== null).length,
      };
    })
    .sort((a, b) => a.candidateId - b.candidateId);
  // per table and decision day, national partners' endorsements made minus ended
  const days = new Map<string, { coalitionId: number; decidedOn: string; delta: number }>();
  for (const e of events) {
    if (e.affiliateId !== null) continue;
    const coalitionId = where.get(e.candidateId)!.coalitionId;
    const key = `${coalitionId}:${e.decidedOn}`;
    const day = days.get(key) ?? { coalitionId, decidedOn: e.decidedOn, delta: 0 };
    day.delta += (e.stance === "endorsed" ? 1 : 0) - (e.fromStance === "endorsed" ? 1 : 0);
    days.set(key, day);
  }
  const byDay = (a: { coalitionId: number; decidedOn: string }, b: { coalitionId: number; decidedOn: string }) => a.coalitionId - b.coalitionId || a.decidedOn.localeCompare(b.decidedOn);
  return { stances, tallies, days: [...days.values()].sort(byDay), events: events.length };
}

const byKey = (a: { candidateId: number; holderAffiliate: number; partnerId: number }, b: { candidateId: number; holderAffiliate: number; partnerId: number }) =>
  a.candidateId - b.candidateId || a.holderAffiliate - b.holderAffiliate || a.partnerId - b.partnerId;

function projected() {
  return {
    stances: db.select().from(projection).all().sort(byKey),
    tallies: db.select().from(candidateTallies).orderBy(asc(candidateTallies.candidateId)).all(),
    days: db.select().from(endorsementDays).orderBy(asc(endorsementDays.coalitionId), asc(endorsementDays.decidedOn)).all(),
  };
}

function expectProjectionIsTheFold() {
  const f = fold();
  const p = projected();
  expect(p.stances).toEqual(f.stances);
  expect(p.tallies).toEqual(f.tallies);
  expect(p.days).toEqual(f.days);
  // every event knows its table
  expect(db.select().from(endorsementEvents).all().filter((e) => e.coalitionId === null)).toEqual([]);
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

function world() {
  const tables = [buildCoalition(db, actor, { threshold: 2 }), buildCoalition(db, actor, { threshold: 3, level: "state_legislative" })];
  const partners = Array.from({ length: 6 }, (_, i) => buildPartner(db, actor, tables[i % 2].id, { legalType: i === 5 ? "c3" : "c4" }));
  const affiliates = partners.flatMap((p, i) => [buildAffiliate(db, actor, tables[i % 2].id, p.id), buildAffiliate(db, actor, tables[i % 2].id, p.id)]);
  // a state-legislative table's races name a chamber and a district as the state writes it (issue 13)
  const raceList = tables.flatMap((t) =>
    t.level === "state_legislative"
      ? [buildRace(db, actor, t.id, { seats: 1, chamber: "lower", district: "34A" }), buildRace(db, actor, t.id, { seats: 2, chamber: "upper", district: "12", state: "OH" })]
      : [buildRace(db, actor, t.id, { seats: 1 }), buildRace(db, actor, t.id, { seats: 2, district: null, state: "OH" })],
  );
  const cands = raceList.flatMap((r) => Array.from({ length: 3 }, () => ({ id: buildCandidate(db, actor, r.coalitionId, r.id).id, coalitionId: r.coalitionId })));
  return { tables, partners, affiliates, races: raceList, candidates: cands };
}

describe("the stance projection equals the fold of the history", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`after a randomized sequence of stance changes, seat changes and renames (seed ${seed})`, () => {
      const w = world();
      const r = prng(seed);
      expectProjectionIsTheFold();
      let recorded = 0;
      for (let step = 0; step < 160; step++) {
        const roll = r.next();
        if (roll < 0.05) {
          // a seat taken: the partner sits at the other table too (its stances there now count)
          const p = r.pick(w.partners);
          const t = r.pick(w.tables);
          seatPartner(db, actor, t.id, p.id);
        } else if (roll < 0.08) {
          // a seat given up (no screen does it yet; the database keeps the counts right anyway)
          const seat = r.pick(db.select().from(coalitionPartners).all());
          db.delete(coalitionPartners).where(and(eq(coalitionPartners.coalitionId, seat.coalitionId), eq(coalitionPartners.partnerId, seat.partnerId))).run();
        } else if (roll < 0.1) {
          const c = r.pick(w.candidates);
          const row = db.select().from(candidates).where(eq(candidates.id, c.id)).get()!;
          updateCandidate(db, actor, c.coalitionId, c.id, { name: `${row.name} Jr.`, party: row.party, incumbency: row.incumbency, bio: row.bio, website: row.website, socialLinks: row.socialLinks });
        } else {
          const c = r.pick(w.candidates);
          const p = r.pick(w.partners);
          const seated = db.select().from(coalitionPartners).where(and(eq(coalitionPartners.coalitionId, c.coalitionId), eq(coalitionPartners.partnerId, p.id))).get();
          if (!seated) seatPartner(db, actor, c.coalitionId, p.id);
          const affiliate = r.next() < 0.3 ? r.pick(w.affiliates.filter((a) => a.partnerId === p.id)) : null;
          const to: Stance = r.pick(STANCES);
          const out = stance(db, actor, c.coalitionId, c.id, p.id, to, { affiliateId: affiliate?.id ?? null, decidedOn: `2026-${String(1 + (step % 12)).padStart(2, "0")}-15` });
          if (out.ok) recorded++;
        }
        if (step % 20 === 0) expectProjectionIsTheFold();
      }
      expect(recorded).toBeGreaterThan(30);
      expectProjectionIsTheFold();
    });
  }

  for (const seed of [5, 6, 7]) {
    it(`with affiliates deciding, coverage changing and ranked endorsements (issue 13, seed ${seed})`, () => {
      const w = world();
      const r = prng(seed);
      for (const t of w.tables) expect(setDeciding(db, actor, t.id, { decider: "affiliate", rankedMax: 3 }).ok).toBe(true);
      // coverage that contains some of the races (PA-07, PA House 34A), the whole state, or none of them
      const areas = [{ districts: ["07"], counties: [] }, { districts: [], counties: [], lowerDistricts: ["34a"] }, { districts: [], counties: [], statewide: true }, { districts: ["08"], counties: ["Erie"] }, { districts: [], counties: [], upperDistricts: ["34A"] }];
      const tableOf = (partnerId: number) => w.tables[w.partners.findIndex((p) => p.id === partnerId) % 2].id;
      let recorded = 0;
      let counted = 0;
      for (let step = 0; step < 160; step++) {
        const roll = r.next();
        if (roll < 0.06) {
          const t = r.pick(w.tables);
          expect(setDeciding(db, actor, t.id, { decider: r.pick(["national", "affiliate"] as const), rankedMax: 3 }).ok).toBe(true);
        } else if (roll < 0.16) {
          const a = r.pick(w.affiliates);
          expect(updateAffiliateCoverage(db, actor, tableOf(a.partnerId), a.id, r.pick(areas)).ok).toBe(true);
        } else if (roll < 0.2) {
          seatPartner(db, actor, r.pick(w.tables).id, r.pick(w.partners).id);
        } else {
          const c = r.pick(w.candidates);
          const p = r.pick(w.partners);
          const seated = db.select().from(coalitionPartners).where(and(eq(coalitionPartners.coalitionId, c.coalitionId), eq(coalitionPartners.partnerId, p.id))).get();
          if (!seated) seatPartner(db, actor, c.coalitionId, p.id);
          const affiliate = r.next() < 0.7 ? r.pick(w.affiliates.filter((a) => a.partnerId === p.id)) : null;
          const to: Stance = r.next() < 0.5 ? "endorsed" : r.pick(STANCES);
          const rank = to === "endorsed" && r.next() < 0.5 ? 1 + Math.floor(r.next() * 3) : null;
          const out = stance(db, actor, c.coalitionId, c.id, p.id, to, { affiliateId: affiliate?.id ?? null, rank, decidedOn: `2026-${String(1 + (step % 12)).padStart(2, "0")}-15` });
          if (out.ok) recorded++;
        }
        if (step % 10 === 0) expectProjectionIsTheFold();
        counted = Math.max(counted, ...db.select().from(candidateTallies).all().map((t) => t.endorsers));
      }
      expect(recorded).toBeGreaterThan(30);
      // the run reached counts above one, so distinct partners were counted, not just zeros
      expect(counted).toBeGreaterThan(1);
      expectProjectionIsTheFold();
    });
  }

  it("a stance write that fails part-way leaves neither event nor projection row", () => {
    const w = world();
    const t = w.tables[0];
    const c = w.candidates.find((x) => x.coalitionId === t.id)!;
    const seated = db.select().from(coalitionPartners).where(eq(coalitionPartners.coalitionId, t.id)).all().map((s) => s.partnerId);
    const c4 = seated.filter((id) => id !== w.partners[5].id);
    expect(stance(db, actor, t.id, c.id, c4[0], "endorsed").ok).toBe(true);
    expectProjectionIsTheFold();
    const before = projected();
    // the second endorsement reaches the threshold (2) and forms the sub-table; make that fail
    db.$client.exec("CREATE TRIGGER boom BEFORE INSERT ON sub_coalition_members BEGIN SELECT RAISE(ABORT, 'boom'); END");
    expect(() => stance(db, actor, t.id, c.id, c4[1], "endorsed")).toThrow(/boom/);
    expect(db.select().from(endorsementEvents).where(eq(endorsementEvents.partnerId, c4[1])).all()).toEqual([]);
    expect(projected()).toEqual(before);
    expectProjectionIsTheFold();
    db.$client.exec("DROP TRIGGER boom");
    expect(stance(db, actor, t.id, c.id, c4[1], "endorsed").ok).toBe(true);
    expect(db.select().from(candidateTallies).where(eq(candidateTallies.candidateId, c.id)).get()!.endorsers).toBe(2);
    expectProjectionIsTheFold();
  });

  it("a race's state, district and primary, and a deleted affiliate, reach the tallies", () => {
    const w = world();
    const c = w.candidates[0];
    const aff = w.affiliates.find((a) => a.partnerId === w.partners[0].id)!;
    expect(stance(db, actor, c.coalitionId, c.id, w.partners[0].id, "endorsed", { affiliateId: aff.id }).ok).toBe(true);
    db.update(races).set({ state: "NY", district: "12", primaryDate: "2027-06-22" }).where(eq(races.id, w.races[0].id)).run();
    expectProjectionIsTheFold();
    db.$client.prepare("delete from affiliates where id = ?").run(aff.id);
    expectProjectionIsTheFold();
  });

  it("the migration's backfill rebuilds the projection from the history of an existing database", () => {
    const w = world();
    const r = prng(9);
    for (let i = 0; i < 80; i++) {
      const c = r.pick(w.candidates);
      const p = r.pick(w.partners.filter((x) => db.select().from(coalitionPartners).where(and(eq(coalitionPartners.coalitionId, c.coalitionId), eq(coalitionPartners.partnerId, x.id))).get()));
      stance(db, actor, c.coalitionId, c.id, p.id, r.pick(STANCES), { affiliateId: r.next() < 0.3 ? w.affiliates.find((a) => a.partnerId === p.id)!.id : null });
    }
    const expected = projected();
    // as a database before migration 0012 was: no projection, events without their table
    db.$client.exec("delete from current_stances; delete from candidate_tallies; delete from endorsement_days; update endorsement_events set coalition_id = null;");
    const sql = fs.readFileSync(path.join(MIGRATIONS_FOLDER, "0012_stance_projection.sql"), "utf8");
    const backfill = sql
      .split("--> statement-breakpoint")
      .map((chunk) => chunk.replace(/^\s*(--[^\n]*\n\s*)*/, "").trim())
      .filter((chunk) => /^(UPDATE|INSERT)/.test(chunk));
    expect(backfill.length).toBeGreaterThanOrEqual(4);
    for (const statement of backfill) db.$client.exec(statement);
    expect(projected()).toEqual(expected);
    expectProjectionIsTheFold();
  });
});
