import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, coalitions, shiftCoHosts, shifts } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { CITY_TABLE_NAME, STATE_TABLE_NAME } from "../../db/seed-levels";
import { NATIONAL_TEXTBANK_TITLE, REACH_LOOKBACK_DAYS, REACH_WINDOW_DAYS } from "../../db/seed-reach";
import { tableLengths } from "~/models/firewall-lengths.server";
import { testDb } from "../db";

let db: Db;
beforeAll(() => {
  db = testDb();
  seedDemo(db);
});

const table = (name: string) => db.select().from(coalitions).where(eq(coalitions.name, name)).get()!;

describe("the demo's firewall by level and national hosts (issue 13, part B)", () => {
  it("the state table applies its counsel's window and lookback; the municipal table the labelled federal stand-in; the federal table the federal rules", () => {
    expect(tableLengths(db, "system", { coalitionId: table(STATE_TABLE_NAME).id })).toMatchObject({ basis: "counsel", windowDays: REACH_WINDOW_DAYS, lookbackDays: REACH_LOOKBACK_DAYS });
    expect(tableLengths(db, "system", { coalitionId: table(CITY_TABLE_NAME).id })).toMatchObject({ basis: "federal_stand_in", windowDays: 90, lookbackDays: 120 });
    const federal = db.select().from(coalitions).where(eq(coalitions.level, "federal")).get()!;
    expect(tableLengths(db, "system", { coalitionId: federal.id })).toMatchObject({ basis: "federal_rules" });
  });

  it("a national-staff-hosted virtual textbank co-hosted by an out-of-state chapter", () => {
    const shift = db.select().from(shifts).where(eq(shifts.title, NATIONAL_TEXTBANK_TITLE)).get()!;
    const host = db.select().from(affiliates).where(eq(affiliates.id, shift.hostAffiliateId!)).get()!;
    expect(host).toMatchObject({ national: true, state: "US" });
    expect(shift).toMatchObject({ workType: "textbank", location: null });
    const co = db.select({ state: affiliates.state }).from(shiftCoHosts).innerJoin(affiliates, eq(affiliates.id, shiftCoHosts.affiliateId)).where(and(eq(shiftCoHosts.shiftId, shift.id))).all();
    expect(co).toEqual([{ state: "NJ" }]);
  });
});
