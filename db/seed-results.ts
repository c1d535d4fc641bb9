/**
 * The demo after the primary (issue 16): the previous cycle's table, "Federal table, 2026
 * cycle (demo)" (a name the other journeys' "Demo Federal Table" link does not match), with four of the demo's partners seated, past primaries with results (wins and
 * losses, with and without a sub-table), one sub-table carried into the general with its
 * field program and credit, a special election whose primary is past and not yet recorded
 * (the browser journey imports it and carries its sub-table), and one candidate of the 2028
 * table who ran in 2026. Deterministic: every model call gets its own `now`.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, partners, races } from "./schema";
import type { Actor } from "../app/domain/actor";
import { grantRole } from "../app/models/accounts.server";
import { carrySubTable } from "../app/models/carry.server";
import { seatPartner } from "../app/models/partners.server";
import { linkCandidacies } from "../app/models/persons.server";
import { setPledge } from "../app/models/pledges.server";
import { recordResult } from "../app/models/results.server";
import { recordResults } from "../app/models/shift-results.server";
import { setAttendance } from "../app/models/signups.server";
import type { ResultOutcome } from "../app/domain/vocabulary";
import type { ElectionKind } from "../app/domain/windows";
import { buildAffiliate, buildCandidate, buildCoalition, buildProfileItem, buildProgram, buildRace, buildShift, buildSignup, stance } from "../tests/factories";

export const PREVIOUS_TABLE_NAME = "Federal table, 2026 cycle (demo)";
/** The 2028 candidate who ran in 2026, and the special election the journey records. */
export const RETURNING_CANDIDATE = "Marcus Ilori";
export const SPECIAL_RACE = { office: "U.S. House (special election)", state: "PA", district: "08" };

const must = <T extends { ok: boolean }>(r: T, what: string) => {
  if (!r.ok) throw new Error(`seed: ${what} was refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};
const at = (day: string) => new Date(`${day}T16:00:00Z`);
const SOURCE = (state: string, day: string) => ({ sourceUrl: `https://elections.example.gov/${state.toLowerCase()}/2026`, sourceDate: day });

type Result = { name: string; votes: number; outcome: ResultOutcome };

export function seedResults(db: Db, accounts: { admin: Actor; facilitator: Actor }, cid2028: number): string {
  const actor = accounts.facilitator;
  const table = buildCoalition(db, actor, { name: PREVIOUS_TABLE_NAME, level: "federal", cycle: 2026, threshold: 3 });
  const cid = table.id;
  grantRole(db, accounts.admin, actor.id, { role: "facilitator", coalitionId: cid });
  const partnerOf = (shortName: string) => db.select({ id: partners.id }).from(partners).where(eq(partners.shortName, shortName)).get()!.id;
  const seated = ["KA", "TCA", "PNA", "OHAN"].map((k) => partnerOf(k));
  for (const p of seated) must(seatPartner(db, actor, cid, p), "seating a partner");
  const [KA, TCA, PNA, OHAN] = seated;

  const race = (office: string, state: string, district: string, primaryDate: string, generalDate: string) =>
    buildRace(db, actor, cid, { office, state, district, primaryDate, generalDate, timeZone: null });
  const candidate = (raceId: number, name: string, over: Parameters<typeof buildCandidate>[4] = {}) => buildCandidate(db, actor, cid, raceId, { name, party: "Democratic", incumbency: "challenger", ...over }).id;
  const endorse = (candidateId: number, partnerId: number, on: string) => must(stance(db, actor, cid, candidateId, partnerId, "endorsed", { decidedOn: on, now: at(on) }), "a stance");
  const results = (raceId: number, election: ElectionKind, day: string, state: string, rows: Result[]) => {
    for (const r of rows) {
      const candidateId = db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.raceId, raceId), eq(candidates.name, r.name))).get()!.id;
      must(recordResult(db, actor, { coalitionId: cid, raceId, election, candidateId, votes: r.votes, outcome: r.outcome, ...SOURCE(state, day) }, at(day)), "a result");
    }
  };

  // PA-07: a sub-table (three partners) behind Marisol Vance, who won the primary; carried into the general
  const pa07 = race("U.S. House", "PA", "07", "2026-05-19", "2026-11-03").id;
  const vance = candidate(pa07, "Marisol Vance", { bio: "Nurse practitioner from Allentown.", bioSourceKind: "public", bioSourceUrl: "https://news.example.org/vance", bioCapturedAt: "2026-01-15" });
  candidate(pa07, "Ed Thornbury");
  endorse(vance, KA, "2026-02-03");
  endorse(vance, TCA, "2026-02-10");
  const formed = endorse(vance, PNA, "2026-02-24");
  const vanceSub = formed.subTable.subCoalitionId!;
  const program = buildProgram(db, actor, cid, vanceSub, { name: "Vance primary canvass", startDate: "2026-03-02", endDate: "2026-05-19", goals: { doorknock: 3000, phonebank: 4000, textbank: 0, public_event: 2 } });
  const credit = seedCredit(db, actor, cid, program.id, { KA, TCA, PNA });
  results(pa07, "primary", "2026-05-29", "PA", [
    { name: "Marisol Vance", votes: 41230, outcome: "advanced_general" },
    { name: "Ed Thornbury", votes: 28815, outcome: "lost" },
  ]);
  must(carrySubTable(db, actor, { coalitionId: cid, subCoalitionId: vanceSub, note: "All three partners stay on for the general." }, at("2026-06-02")), "carrying the sub-table");
  results(pa07, "general", "2026-11-13", "PA", [{ name: "Marisol Vance", votes: 151902, outcome: "won" }]);

  // PA-03: the returning candidate lost a crowded 2026 primary with one partner behind him (no sub-table)
  const pa03 = race("U.S. House", "PA", "03", "2026-05-19", "2026-11-03").id;
  const ilori = candidate(pa03, RETURNING_CANDIDATE, { bio: "Public defender in West Philadelphia.", bioSourceKind: "public", bioSourceUrl: "https://news.example.org/ilori-2026", bioCapturedAt: "2026-01-20" });
  candidate(pa03, "Joan Okafor");
  candidate(pa03, "Reuben Stahl");
  endorse(ilori, OHAN, "2026-03-09");
  buildProfileItem(db, actor, cid, ilori, { kind: "position", topic: "Public defense", body: "Wants federal funding for public defenders (his 2026 platform).", sourceKind: "public", sourceUrl: "https://example.com/marcus-ilori/2026-platform", capturedAt: "2026-02-01" });
  buildProfileItem(db, actor, cid, ilori, { kind: "strength", body: "Strong with the district's court workers (our interviews).", sourceKind: "research" });
  buildProfileItem(db, actor, cid, ilori, { kind: "note", body: "The campaign told us it would hold its mail budget for May.", sourceKind: "campaign" });
  results(pa03, "primary", "2026-05-29", "PA", [
    { name: "Joan Okafor", votes: 38710, outcome: "advanced_general" },
    { name: RETURNING_CANDIDATE, votes: 30125, outcome: "lost" },
    { name: "Reuben Stahl", votes: 9870, outcome: "lost" },
  ]);
  const ilori2028 = db
    .select({ id: candidates.id })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(and(eq(races.coalitionId, cid2028), eq(candidates.name, RETURNING_CANDIDATE)))
    .get();
  if (ilori2028) must(linkCandidacies(db, actor, { coalitionId: cid2028, candidateId: ilori2028.id, otherCandidateId: ilori }, at("2026-11-20")), "linking the returning candidate");

  // MI-07: a sub-table whose candidate lost the primary; it closed after the primary
  const mi07 = race("U.S. House", "MI", "07", "2026-08-04", "2026-11-03").id;
  const hollis = candidate(mi07, "Renata Hollis");
  candidate(mi07, "Doug Pruitt");
  for (const [p, on] of [[KA, "2026-05-11"], [TCA, "2026-05-18"], [OHAN, "2026-06-01"]] as const) endorse(hollis, p, on);
  results(mi07, "primary", "2026-08-14", "MI", [
    { name: "Doug Pruitt", votes: 52004, outcome: "advanced_general" },
    { name: "Renata Hollis", votes: 47790, outcome: "lost" },
  ]);

  // The special election for PA-08: its primary is past, its general ahead; a sub-table formed,
  // no results recorded yet (the browser journey imports them and carries the sub-table)
  const special = race(SPECIAL_RACE.office, SPECIAL_RACE.state, SPECIAL_RACE.district, "2026-11-17", "2027-02-23").id;
  const delgado = candidate(special, "Rosa Delgado");
  candidate(special, "Hank Moller");
  for (const [p, on] of [[KA, "2026-09-14"], [PNA, "2026-09-21"], [OHAN, "2026-10-05"]] as const) endorse(delgado, p, on);
  const specialSub = db.$client.prepare("select id from sub_coalitions where candidate_id = ?").get(delgado) as { id: number };
  buildProgram(db, actor, cid, specialSub.id, { name: "Delgado special canvass", startDate: "2026-10-01", endDate: "2026-11-17", goals: { doorknock: 1500, phonebank: 2000, textbank: 0, public_event: 1 } });

  return `The 2026 table: 4 races with past primaries (2 with results and a sub-table, 1 carried into the general and won), ${RETURNING_CANDIDATE} running again in 2028, ${credit}.`;
}

/** A little field work on the carried sub-table's program, for its credit report: two shifts, a walk-in, a cancelled shift. */
function seedCredit(db: Db, actor: Actor, cid: number, programId: number, p: { KA: number; TCA: number; PNA: number }): string {
  const affiliateOf = (partnerId: number) => {
    const row = db.$client.prepare("select id from affiliates where partner_id = ? and state = 'PA' order by id limit 1").get(partnerId) as { id: number } | undefined;
    return row?.id ?? buildAffiliate(db, actor, cid, partnerId, { state: "PA", districts: ["07"], counties: [] }).id;
  };
  const [ka, tca, pna] = [affiliateOf(p.KA), affiliateOf(p.TCA), affiliateOf(p.PNA)];
  const ref = { coalitionId: cid, programId };
  for (const [affiliateId, workType, hours] of [[ka, "doorknock", 8], [tca, "doorknock", 4], [pna, "phonebank", 3]] as const) {
    for (const weekStart of ["2026-04-06", "2026-04-13"]) must(setPledge(db, actor, { ...ref, affiliateId, workType, weekStart, hours }, at("2026-03-20")), "a pledge");
  }
  const knock = buildShift(db, actor, cid, programId, ka, { title: "Saturday doorknock", startsAt: "2026-04-11T10:00", endsAt: "2026-04-11T13:00", coHostIds: [tca] });
  const calls = buildShift(db, actor, cid, programId, pna, { workType: "phonebank", title: "Evening phonebank", startsAt: "2026-04-15T18:00", endsAt: "2026-04-15T20:00", location: null, callLink: "https://meet.example.org/vance-calls" });
  const signups: [number, number, Date][] = [
    [knock.id, ka, at("2026-04-01")],
    [knock.id, ka, at("2026-04-02")],
    [knock.id, tca, at("2026-04-03")],
    [knock.id, ka, new Date("2026-04-11T14:30:00Z")], // a walk-in, after the start
    [calls.id, pna, at("2026-04-10")],
    [calls.id, ka, at("2026-04-10")],
  ];
  for (const [i, [shiftId, affiliateId, when]] of signups.entries()) {
    const signupId = buildSignup(db, actor, cid, programId, shiftId, affiliateId, { volunteerName: `Volunteer ${i + 1}`, email: `vance.volunteer${i + 1}@example.org` }, when);
    must(setAttendance(db, actor, { ...ref, shiftId, signupId, attended: i !== 2 }, at("2026-04-16")), "attendance");
  }
  const none = { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
  must(recordResults(db, actor, { ...ref, shiftId: knock.id, affiliateId: ka, ...none, doorsKnocked: 212, conversations: 61 }, at("2026-04-16")), "results");
  must(recordResults(db, actor, { ...ref, shiftId: knock.id, affiliateId: tca, ...none, doorsKnocked: 74, conversations: 20 }, at("2026-04-16")), "results");
  must(recordResults(db, actor, { ...ref, shiftId: calls.id, affiliateId: pna, ...none, callsDialed: 340, contactsMade: 58 }, at("2026-04-16")), "results");
  return "a credit report on 2 shifts with 6 sign-ups (1 walk-in)";
}
