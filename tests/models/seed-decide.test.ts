/**
 * The demo's "who decides" (issue 13, db/seed-decide.ts): the municipal table counts its
 * chapters' stances with ranked endorsements; chapters cover wards, cities and legislative
 * districts by chamber.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidateTallies, candidates, coalitions, races, subCoalitions } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { CITY_TABLE_NAME, STATE_TABLE_NAME } from "../../db/seed-levels";
import { WARD_25_CANDIDATE } from "../../db/seed-decide";
import { affiliatesCovering } from "~/models/partners.server";
import { testDb } from "../db";

let db: Db;
beforeAll(() => {
  db = testDb();
  seedDemo(db);
});

const table = (name: string) => db.select().from(coalitions).where(eq(coalitions.name, name)).get()!;
const candidate = (name: string) => db.select().from(candidates).where(eq(candidates.name, name)).get()!;
const tally = (name: string) => db.select().from(candidateTallies).where(eq(candidateTallies.candidateId, candidate(name).id)).get()!.endorsers;

describe("the demo's deciders (issue 13)", () => {
  it("the municipal table counts its chapters, with ranks up to 3; Ward 5's sub-table stands on its chapters' count", () => {
    expect(table(CITY_TABLE_NAME)).toMatchObject({ decider: "affiliate", rankedMax: 3 });
    expect(table(STATE_TABLE_NAME)).toMatchObject({ decider: "national", rankedMax: null });
    expect(tally("Desmond Hale")).toBe(4);
    expect(tally(WARD_25_CANDIDATE)).toBe(0);
    expect(db.select().from(subCoalitions).where(eq(subCoalitions.candidateId, candidate("Desmond Hale").id)).get()).toBeTruthy();
    // Evanston's ranked-choice race: the first choice counts, the second does not
    expect([tally("Grace Whitfield"), tally("Omar Haddad")]).toEqual([1, 0]);
  });

  it("chapters cover wards and the city; legislative chapters their districts by chamber", () => {
    const city = table(CITY_TABLE_NAME);
    const ward25 = db.select().from(races).where(eq(races.coalitionId, city.id)).all().find((r) => r.district === "25")!;
    const all = db.select({ id: coalitions.id }).from(coalitions).all();
    expect(all.length).toBeGreaterThan(1);
    const partnerIds = db.$client.prepare("select partner_id as id from coalition_partners where coalition_id = ?").all(city.id).map((r) => (r as { id: number }).id);
    expect(affiliatesCovering(db, partnerIds, ward25).map((a) => a.name).sort()).toEqual(["Builders Local 73", "Great Lakes Tenants Chicago", "Northstar Chicago", "Prairie Climate Chicago", "Riverfront Neighbors South Side"]);
    const state = table(STATE_TABLE_NAME);
    const statePartners = db.$client.prepare("select partner_id as id from coalition_partners where coalition_id = ?").all(state.id).map((r) => (r as { id: number }).id);
    const mnHouse = db.select().from(races).where(eq(races.coalitionId, state.id)).all().find((r) => r.district === "48B")!;
    const njAssembly = db.select().from(races).where(eq(races.coalitionId, state.id)).all().find((r) => r.office === "General Assembly")!;
    expect(affiliatesCovering(db, statePartners, mnHouse)).toHaveLength(4);
    expect(affiliatesCovering(db, statePartners, njAssembly).map((a) => a.name).sort()).toEqual(["Builders Local 29", "Prairie Climate New Jersey"]);
  });
});
