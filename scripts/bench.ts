/**
 * Benchmarks: speed and memory of the table's hot paths, on a synthetic table much larger
 * than a real one. Prints figures; asserts nothing (tests check behaviour, this measures).
 *
 *   npm run bench
 */
import { performance } from "node:perf_hooks";
import { openDb } from "../db/client";
import { eq } from "drizzle-orm";
import { races, users, walls } from "../db/schema";
import { campaignInfoAllowed, checkPlacement, workspaceGaps } from "~/models/firewall.server";
import { getMatrix, getTableHome } from "~/models/table-picture.server";
import { getCandidateProfile } from "~/models/candidates.server";
import { verifyAuditChain } from "~/models/audit.server";
import { can } from "~/domain/permissions";
import { splitTurf, type SplitAffiliate, type SplitUnit } from "~/domain/split";
import { hashPassword, verifyPassword } from "~/models/passwords.server";
import { buildCandidate, buildCoalition, buildPartner, buildRace, stance } from "../tests/factories";

const STANCES = ["considering", "endorsed", "declined"] as const;

function time<T>(label: string, runs: number, fn: () => T): T {
  let out!: T;
  fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) out = fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms/op  (${runs} runs)`);
  return out;
}

function mb(n: number) {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const db = openDb(":memory:");
const user = db.insert(users).values({ name: "Bench", email: "bench@example.test" }).returning().get();
const actor = { id: user.id, name: user.name };

const PARTNERS = 40;
const RACES = 200;
const CANDIDATES_PER_RACE = 3;

const t0 = performance.now();
const coalition = buildCoalition(db, actor, { name: "Bench Table", threshold: 4 });
const partners = Array.from({ length: PARTNERS }, (_, i) => buildPartner(db, actor, coalition.id, { shortName: `B${i}`, name: `Bench Partner ${i}` }));
const candidates: number[] = [];
for (let r = 0; r < RACES; r++) {
  const race = buildRace(db, actor, coalition.id, { state: "PA", district: String(r + 1), primaryDate: "2028-05-16", generalDate: "2028-11-07" });
  for (let c = 0; c < CANDIDATES_PER_RACE; c++) candidates.push(buildCandidate(db, actor, coalition.id, race.id).id);
}
console.log(`built ${PARTNERS} partners, ${RACES} races, ${candidates.length} candidates in ${(performance.now() - t0).toFixed(0)} ms`);

// Every partner takes a stance on the first candidate of each race (endorsing most of them).
let recorded = 0;
const t1 = performance.now();
for (let r = 0; r < RACES; r++) {
  const cid = candidates[r * CANDIDATES_PER_RACE];
  for (const [i, p] of partners.entries()) {
    const s = STANCES[(r + i) % 3];
    const res = stance(db, actor, coalition.id, cid, p.id, s, { now: new Date("2026-11-01T12:00:00Z") });
    if (res.ok) recorded++;
  }
}
const perStance = (performance.now() - t1) / recorded;
console.log(`${"recordStance (with sub-table rules, audit row)".padEnd(52)} ${perStance.toFixed(2).padStart(9)} ms/op  (${recorded} stances)`);

const today = "2026-11-22";
const matrix = time("matrix, whole table", 20, () => getMatrix(db, "system", { coalitionId: coalition.id, today }));
time("matrix, filtered to one race", 20, () => getMatrix(db, "system", { coalitionId: coalition.id, today, raceId: 1 }));
time("table home", 20, () => getTableHome(db, "system", { coalitionId: coalition.id, today }));
time("candidate profile", 200, () => getCandidateProfile(db, "system", { coalitionId: coalition.id, candidateId: candidates[0], today }));
const chain = time("audit chain verify", 5, () => verifyAuditChain(db));
console.log(`matrix rows ${matrix.rows.length} × ${matrix.partners.length} partners; audit rows ${chain.rows}`);
const stored = hashPassword("a-bench-password-1234");
time("password check (scrypt N=16384)", 20, () => verifyPassword("a-bench-password-1234", stored));
const principal = { id: 1, name: "Bench", email: "b@example.test", isAdmin: false, grants: [{ id: 1, role: "partner_rep" as const, coalitionId: null, partnerId: partners[0].id, affiliateId: null }], partnerSeats: { [partners[0].id]: [coalition.id] }, affiliatePartner: {} };
time("permission check can() ×1000", 200, () => {
  for (let i = 0; i < 1000; i++) can(principal, { action: "stance.record", coalitionId: coalition.id, partnerId: partners[i % PARTNERS].id, affiliateId: null });
});

// The firewall gate: asked by every model that returns race information or places a person.
const race1 = db.select({ id: races.id }).from(races).where(eq(races.coalitionId, coalition.id)).get()!.id;
for (let i = 0; i < 2_000; i++) {
  db.insert(walls)
    .values({ coalitionId: coalition.id, personName: `Walled ${i}`, email: `walled${i}@example.test`, reason: i % 10 === 0 ? "party_service" : "candidate_service", raceId: i % 10 === 0 ? null : race1, startDate: "2026-01-01", lastServiceDate: "2026-08-01", createdBy: actor.id, createdAt: "2026-08-02T00:00:00Z" })
    .run();
}
time("firewall: campaignInfoAllowed, a c4 representative", 2_000, () => campaignInfoAllowed(db, principal, race1));
time("firewall: workspaceGaps (rule F6)", 2_000, () => workspaceGaps(db, principal, { coalitionId: coalition.id }));
time("firewall: checkPlacement among 2,000 wall entries", 500, () =>
  db.transaction((tx) => checkPlacement(tx, actor, { coalitionId: coalition.id, raceId: race1, partnerId: partners[0].id, side: "independent", workDate: "2026-10-01", person: { email: "walled1999@example.test" } })),
);
time("firewall: candidate profile as an independent-side rep", 200, () => getCandidateProfile(db, principal, { coalitionId: coalition.id, candidateId: candidates[0], today }));
// ---- Joint field work: the split of 20,000 turf units among 500 affiliates ----
{
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const COUNTIES = 67;
  const DISTRICTS = 17;
  const affiliates: SplitAffiliate[] = Array.from({ length: 500 }, (_, i) => ({
    id: i + 1,
    coverage: [
      ...Array.from({ length: 1 + rnd(4) }, () => ({ state: "PA", kind: "county" as const, value: `County ${rnd(COUNTIES)}` })),
      ...(rnd(3) === 0 ? [{ state: "PA", kind: "district" as const, value: String(1 + rnd(DISTRICTS)).padStart(2, "0") }] : []),
    ],
    hours: { doorknock: rnd(5) === 0 ? 0 : 1 + rnd(200), phonebank: 1 + rnd(100), textbank: rnd(50) },
  }));
  const KINDS = ["walk_packet", "call_list", "text_list"] as const;
  const units: SplitUnit[] = Array.from({ length: 20_000 }, (_, i) => ({
    id: i + 1,
    kind: KINDS[rnd(3)],
    state: "PA",
    district: String(1 + rnd(DISTRICTS)).padStart(2, "0"),
    county: `County ${rnd(COUNTIES + 3)}`,
    size: 50 + rnd(300),
    holder: i % 50 === 0 ? 1 + rnd(500) : null,
    locked: i % 50 === 0,
  }));
  const split = time("split 20,000 units among 500 affiliates", 5, () => splitTurf(units, affiliates));
  const full = affiliates.map((a) => ({ ...a, coverage: [{ state: "PA", kind: "district" as const, value: "07" }] }));
  const one = units.map((u) => ({ ...u, district: "07" }));
  time("split 20,000 units, 500 affiliates all covering all", 5, () => splitTurf(one, full));
  console.log(`split: ${split.assignment.size} assigned, ${split.uncovered.length} uncovered, ${split.unpledged.length} to affiliates without a pledge`);
}

const mem = process.memoryUsage();
console.log(`memory: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
