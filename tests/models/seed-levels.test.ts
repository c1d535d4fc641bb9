import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, coalitions, programRemoteAffiliates, races, subCoalitions } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { CITY_TABLE_NAME, STATE_TABLE_NAME } from "../../db/seed-levels";
import { raceLabel } from "~/models/races.server";
import { testDb } from "../db";

let db: Db;
beforeAll(() => {
  db = testDb();
  seedDemo(db);
});

const table = (name: string) => db.select().from(coalitions).where(eq(coalitions.name, name)).get()!;
const labels = (cid: number) => db.select().from(races).where(eq(races.coalitionId, cid)).all().map(raceLabel).sort();

describe("the demo's state-legislative and municipal tables (issue 13)", () => {
  it("a state-legislative table: two states, both chambers, a lettered and a multi-member district, a sub-table", () => {
    const t = table(STATE_TABLE_NAME);
    expect(t.level).toBe("state_legislative");
    expect(labels(t.id)).toEqual(["General Assembly, NJ district 29", "Minnesota House, MN district 48B", "Minnesota Senate, MN district 48", "New Jersey Senate, NJ district 29"]);
    expect(db.select().from(races).where(eq(races.coalitionId, t.id)).all().find((r) => r.office === "General Assembly")!.seats).toBe(2);
    expect(db.select().from(subCoalitions).where(eq(subCoalitions.coalitionId, t.id)).all()).toHaveLength(1);
  });

  it("a municipal table: wards, an at-large seat, a race with no primary, a sub-table whose program has callers in other states", () => {
    const t = table(CITY_TABLE_NAME);
    expect(t.level).toBe("municipal");
    expect(labels(t.id)).toEqual(["City Council, Chicago, IL, Ward 25", "City Council, Chicago, IL, Ward 5", "City Council, Evanston, IL, at-large", "Mayor, Chicago, IL", "Mayor, Evanston, IL"]);
    expect(db.select().from(races).where(eq(races.coalitionId, t.id)).all().filter((r) => r.primaryKind === "none")).toHaveLength(4); // with Evanston's ranked-choice mayoral race (db/seed-decide.ts)
    expect(db.select().from(subCoalitions).where(eq(subCoalitions.coalitionId, t.id)).all()).toHaveLength(1);
    // the municipal table's program's remote callers (the state table's program has its own since part B)
    expect(db.select({ id: programRemoteAffiliates.affiliateId }).from(programRemoteAffiliates).innerJoin(canvassPrograms, eq(canvassPrograms.id, programRemoteAffiliates.programId)).where(eq(canvassPrograms.coalitionId, t.id)).all()).toHaveLength(2);
  });

  it("is the same every time", () => {
    const again = testDb();
    seedDemo(again);
    const shape = (d: Db) => d.select({ office: races.office, state: races.state, district: races.district, locality: races.locality, chamber: races.chamber }).from(races).all();
    expect(shape(again)).toEqual(shape(db));
  });
});
