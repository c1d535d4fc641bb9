/**
 * Issue 13, who decides: the demo's regional chapters cover what they cover at their level
 * (Minnesota and New Jersey chapters their House and Senate districts by chamber; Chicago
 * chapters their wards or the whole city; an Evanston chapter its city), and the municipal
 * table counts its chapters' stances, with ranked endorsements (up to 3) for Evanston's
 * ranked-choice mayoral race. Ward 5's chapters endorse Desmond Hale, so his sub-table stands
 * on the chapters' count too; Ward 25's Luis Ortega has no endorsement yet (the browser journey
 * records four chapters' and sees his sub-table form). Deterministic, recorded by the demo
 * facilitator; runs after seedLevels.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { affiliates, candidates, coalitions, partners, races, users } from "./schema";
import type { Actor } from "../app/domain/actor";
import type { CoverageInput } from "../app/domain/coverage";
import { setDeciding } from "../app/models/coalitions.server";
import { updateAffiliateCoverage } from "../app/models/partners.server";
import { DEMO_USERS } from "./seed-users";
import { CITY_TABLE_NAME, STATE_TABLE_NAME } from "./seed-levels";
import { buildAffiliate, buildCandidate, buildRace, stance } from "../tests/factories";

export const WARD_25_CANDIDATE = "Luis Ortega";

const must = <T extends { ok: boolean }>(r: T, what: string) => {
  if (!r.ok) throw new Error(`seed-decide: ${what} was refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

export function seedDecide(db: Db): string {
  const email = DEMO_USERS.find((u) => u.key === "facilitator")!.email;
  const row = db.select().from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error("seed-decide: the demo facilitator is missing");
  const actor: Actor = { id: row.id, name: row.name };
  const table = (name: string) => db.select().from(coalitions).where(eq(coalitions.name, name)).get()!.id;
  const partner = (k: string) => db.select({ id: partners.id }).from(partners).where(eq(partners.shortName, k)).get()!.id;
  const chapter = (name: string) => db.select().from(affiliates).where(eq(affiliates.name, name)).get()!;
  const cover = (cid: number, name: string, input: Omit<CoverageInput, "counties"> & { counties?: string[] }) => {
    const a = chapter(name);
    must(updateAffiliateCoverage(db, actor, cid, a.id, { counties: a.state === "MN" ? ["Hennepin"] : a.state === "NJ" ? ["Hudson"] : ["Cook"], ...input }), `coverage of ${name}`);
    return a;
  };

  // the state-legislative table: chapters cover districts by chamber
  const state = table(STATE_TABLE_NAME);
  for (const n of ["Northstar Minnesota", "Great Lakes Tenants Twin Cities", "Prairie Climate Minnesota", "Riverfront Neighbors Minneapolis"]) cover(state, n, { districts: [], lowerDistricts: ["48B"], upperDistricts: ["48"] });
  cover(state, "Prairie Climate New Jersey", { districts: [], lowerDistricts: ["29"], upperDistricts: ["29"] });
  cover(state, "Builders Local 29", { districts: [], lowerDistricts: ["29"] });

  // the municipal table: ward and city chapters, an Evanston chapter; chapters decide, ranks up to 3
  const city = table(CITY_TABLE_NAME);
  const wards = [{ city: "Chicago", ward: "5" }, { city: "Chicago", ward: "25" }];
  const noa = cover(city, "Northstar Chicago", { districts: [], wards });
  const glt = cover(city, "Great Lakes Tenants Chicago", { districts: [], cities: ["Chicago"] });
  const pca = cover(city, "Prairie Climate Chicago", { districts: [], wards });
  const rna = cover(city, "Riverfront Neighbors South Side", { districts: [], wards });
  cover(city, "Builders Local 73", { districts: [], wards: [{ city: "Chicago", ward: "25" }] });
  const evanston = buildAffiliate(db, actor, city, partner("NOA"), { name: "Northstar Evanston", state: "IL", districts: [], counties: ["Cook"], cities: ["Evanston"] });
  must(setDeciding(db, actor, city, { decider: "affiliate", rankedMax: 3 }), "who decides");

  const raceOf = (office: string, district: string | null, locality: string) =>
    db.select().from(races).where(and(eq(races.coalitionId, city), eq(races.office, office), eq(races.locality, locality), district === null ? undefined : eq(races.district, district))).get()!;
  // Desmond Hale's Ward 5 sub-table: its four partners' Chicago chapters endorse him too
  const hale = db.select().from(candidates).where(eq(candidates.name, "Desmond Hale")).get()!;
  for (const a of [noa, glt, pca, rna]) must(stance(db, actor, city, hale.id, a.partnerId, "endorsed", { affiliateId: a.id, decidedOn: "2026-11-12" }), "a chapter's endorsement");
  // Ward 25: a candidate for the journey to endorse, and a rival
  const ward25 = raceOf("City Council", "25", "Chicago");
  buildCandidate(db, actor, city, ward25.id, { name: WARD_25_CANDIDATE, party: "Nonpartisan", incumbency: "open_seat", bio: "Library-board member and tenant organizer.", bioSourceKind: "research" });
  buildCandidate(db, actor, city, ward25.id, { name: "Carla Jensen", party: "Nonpartisan", incumbency: "incumbent", bio: "", bioSourceKind: "research" });
  // Evanston's ranked-choice mayoral race: the Evanston chapter ranks two candidates
  const mayor = buildRace(db, actor, city, { office: "Mayor", state: "IL", localityKind: "city", locality: "Evanston", seatKind: "citywide", district: null, primaryKind: "none", primaryDate: "2027-04-06", generalDate: "2027-04-06" });
  const first = buildCandidate(db, actor, city, mayor.id, { name: "Grace Whitfield", party: "Nonpartisan", incumbency: "open_seat", bio: "", bioSourceKind: "research" });
  const second = buildCandidate(db, actor, city, mayor.id, { name: "Omar Haddad", party: "Nonpartisan", incumbency: "open_seat", bio: "", bioSourceKind: "research" });
  must(stance(db, actor, city, first.id, evanston.partnerId, "endorsed", { affiliateId: evanston.id, rank: 1, decidedOn: "2026-11-18" }), "a ranked endorsement");
  must(stance(db, actor, city, second.id, evanston.partnerId, "endorsed", { affiliateId: evanston.id, rank: 2, decidedOn: "2026-11-18" }), "a ranked endorsement");
  return `Who decides: the municipal table counts its chapters' stances (Chicago wards and the city, Evanston), with ranked endorsements for Evanston's ranked-choice mayoral race; the state-legislative chapters cover House and Senate districts by chamber; ${WARD_25_CANDIDATE} (Ward 25) awaits endorsements.`;
}
