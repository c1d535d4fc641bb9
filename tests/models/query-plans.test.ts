/**
 * The hot queries of the endorsement pages (issue 11) read by index: their EXPLAIN QUERY PLAN
 * searches an index (or a primary key) of every large table it touches and sorts nothing large
 * in a temporary B-tree. Each query is captured as the model runs it (countStatements) on the
 * bench's national data at a small scale, then explained with the same parameters' shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../db/client";
import { generateBenchData, type BenchManifest } from "../../scripts/bench-data";
import { countStatements, queryPlan } from "../support/statements";
import { readCursor } from "~/domain/keyset";
import { getMatrix, getTableHome, raceCandidateRows } from "~/models/table-picture.server";
import { listPartnerStances, listStanceEvents } from "~/models/endorsements.server";
import { cycleReview } from "~/models/review.server";
import { lessonsForCandidate, lessonsForRace } from "~/models/lessons.server";

let db: Db;
let m: BenchManifest;
const TODAY = "2026-11-25";

beforeAll(() => {
  db = openDb(":memory:");
  m = generateBenchData(db, { scale: 0.02, log: () => {} });
}, 120_000);
afterAll(() => db?.$client.close());

/** The statements a model call runs whose SQL matches. */
async function captured(fn: () => unknown, match: RegExp): Promise<string[]> {
  const { statements } = await countStatements(db, fn);
  const found = [...new Set(statements.filter((s) => match.test(s)))];
  expect(found.length, `a statement matching ${match}`).toBeGreaterThan(0);
  return found;
}

/** The plan of a captured statement, every parameter bound to a value of a plausible type. */
function plan(sql: string): string[] {
  const n = (sql.match(/\?/g) ?? []).length;
  const named = [...new Set(sql.match(/@\w+/g) ?? [])];
  return named.length ? queryPlan(db, sql, Object.fromEntries(named.map((k) => [k.slice(1), 1]))) : queryPlan(db, sql, ...Array.from({ length: n }, () => 1));
}

/**
 * No table is scanned whole (only the query's own subqueries' results are), something is
 * searched by an index or key, and nothing is sorted in a temporary B-tree unless the query
 * sorts a small set it allows (tempOk).
 */
function expectIndexed(sql: string, opts: { tempOk?: RegExp } = {}) {
  const steps = plan(sql);
  const text = `${steps.join("\n")}\n${sql}`;
  const scans = steps.filter((s) => /^SCAN /.test(s) && !/^SCAN (\(subquery-\d+\)|CONSTANT ROW|x)$/.test(s));
  expect(scans, `a whole-table scan in:\n${text}`).toEqual([]);
  expect(steps.some((s) => /^SEARCH .*USING (COVERING INDEX|INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)/.test(s)), text).toBe(true);
  const temps = steps.filter((s) => s.includes("USE TEMP B-TREE"));
  if (temps.length) expect(opts.tempOk?.test(sql) ?? false, `a temporary sort in:\n${text}`).toBe(true);
  return steps;
}

it("the check sees a whole-table scan and a temporary sort", () => {
  expect(() => expectIndexed("select * from candidate_tallies where name = ?")).toThrow(/whole-table scan/);
  expect(() => expectIndexed("select * from candidate_tallies where coalition_id = ? order by name")).toThrow(/temporary sort/);
});

describe("hot queries use an index and sort nothing large", () => {
  it("the matrix page: unfiltered, by state, by status, a later page, and its total", async () => {
    const base = { coalitionId: m.showcase.coalitionId, today: TODAY, limit: 10 };
    const first = getMatrix(db, "system", base);
    const next = readCursor(first.next);
    for (const input of [base, { ...base, state: m.showcase.bigState }, { ...base, status: "nearing" as const }, { ...base, cursor: next }, { ...base, state: m.showcase.bigState, cursor: next }, { ...base, q: "an" }]) {
      for (const sql of await captured(() => getMatrix(db, "system", input), /from candidate_tallies t\s+join candidates/)) {
        const steps = expectIndexed(sql);
        expect(steps.join("\n")).toMatch(/candidate_tallies_(matrix|state)/);
      }
      for (const sql of await captured(() => getMatrix(db, "system", input), /^select count\(\*\) as n from candidate_tallies/)) expectIndexed(sql);
    }
    expect(first.rows).toHaveLength(10);
    expect(next).not.toBeNull();
  });

  it("the matrix's stances of a page and its states", async () => {
    for (const sql of await captured(() => getMatrix(db, "system", { coalitionId: m.showcase.coalitionId, today: TODAY }), /from current_stances|distinct state/)) expectIndexed(sql);
  });

  it("the home: counts, nearing critical mass, split races, newest stances", async () => {
    const home = () => getTableHome(db, "system", { coalitionId: m.showcase.coalitionId, today: TODAY });
    for (const sql of await captured(home, /from candidate_tallies/)) {
      // the split races group by race over the table's endorsed candidates' index entries and
      // sort the few split races found (and their candidates, of at most 20 races) by state and district
      expectIndexed(sql, { tempOk: /count\(\*\) over \(\)|where race_id in \(/ });
    }
    const nearing = await captured(home, /t\.sort_count >= \? and t\.sort_count <= \?/);
    for (const sql of nearing) expect(plan(sql).join("\n")).toMatch(/candidate_tallies_nearing/);
    for (const sql of await captured(() => listStanceEvents(db, "system", { coalitionId: m.showcase.coalitionId, limit: 10 }), /from "endorsement_events"/)) {
      const steps = expectIndexed(sql);
      expect(steps.join("\n")).toMatch(/endorsement_events_coalition\b/);
    }
    // the timeline: the table's days of endorsement_days by its key; the week's grouping sorts those days, not events
    for (const sql of await captured(home, /from endorsement_days/)) {
      const steps = plan(sql);
      expect(steps.join("\n")).toMatch(/SEARCH endorsement_days USING (INDEX|PRIMARY KEY|COVERING INDEX) .*coalition_id=\?/);
      expect(steps.join("\n")).not.toMatch(/endorsement_events/);
    }
  });

  it("the race page: its candidates and their stances", async () => {
    const run = () => raceCandidateRows(db, "system", { coalitionId: m.showcase.coalitionId, raceId: m.showcase.raceId, today: TODAY });
    for (const sql of await captured(run, /candidate_tallies|current_stances/)) expectIndexed(sql, { tempOk: /where t\.race_id = \?/ });
  });

  it("the partner page's current stances, a page at a time", async () => {
    const run = () => listPartnerStances(db, "system", { coalitionId: m.showcase.coalitionId, partnerId: m.partnerId, limit: 5 });
    for (const sql of await captured(run, /from current_stances/)) expect(plan(sql).join("\n")).toMatch(/current_stances_partner/);
    for (const sql of await captured(run, /order by s\.event_id/)) expectIndexed(sql);
  });

  // issue 16: the review reads its projection by index, a page at a time, never the table's results
  it("the cycle review: a page of its projection, a later page, and the charts' sums", async () => {
    const first = cycleReview(db, "system", { coalitionId: m.showcase.coalitionId, limit: 5 });
    expect(first.rows).toHaveLength(5);
    const later = () => cycleReview(db, "system", { coalitionId: m.showcase.coalitionId, limit: 5, cursor: readCursor(new URL(`http://x${first.next}`)) });
    for (const sql of await captured(later, /from race_reviews/)) {
      const steps = expectIndexed(sql, { tempOk: /group by 2/ });
      expect(steps.join("\n")).not.toMatch(/election_results|signups/);
      if (!/group by/.test(sql)) expect(steps.join("\n")).toMatch(/race_reviews_page/);
    }
  });

  it("lessons on the next cycle's race and on a candidate's later candidacies", async () => {
    const race = () => lessonsForRace(db, "system", { coalitionId: m.showcase.coalitionId, raceId: m.showcase.raceId });
    for (const sql of await captured(race, /from lessons/)) expect(expectIndexed(sql, { tempOk: /./ }).join("\n")).toMatch(/lessons_place/);
    const person = () => lessonsForCandidate(db, "system", { coalitionId: m.showcase.coalitionId, candidateId: m.showcase.candidateId, includeOwn: true });
    for (const sql of await captured(person, /from lessons/)) expect(expectIndexed(sql, { tempOk: /./ }).join("\n")).toMatch(/lessons_candidate/);
  });
});
