import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coalitionPartners, partners, programAllies, shifts, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { ALLY_LEAD_EMAIL, ALLY_NAME, ALLY_PHONEBANK_TITLE } from "../../db/seed-allies";
import { can } from "~/domain/permissions";
import { loadPrincipal } from "~/models/accounts.server";
import { testDb } from "../db";

let db: Db;
beforeAll(() => {
  db = testDb();
  seedDemo(db);
});

describe("the demo's regional ally (issue 13, part C)", () => {
  it("a Chicago independent group in the municipal table's Ward 5 program, unseated, whose lead hosts a phonebank and opens only that program", () => {
    const ally = db.select().from(partners).where(eq(partners.name, ALLY_NAME)).get()!;
    expect(ally).toMatchObject({ ally: true, legalType: "c4" });
    expect(db.select().from(coalitionPartners).where(eq(coalitionPartners.partnerId, ally.id)).all()).toEqual([]);
    const joined = db.select().from(programAllies).where(eq(programAllies.partnerId, ally.id)).all();
    expect(joined).toHaveLength(1);
    const shift = db.select().from(shifts).where(eq(shifts.title, ALLY_PHONEBANK_TITLE)).get()!;
    expect(shift).toMatchObject({ workType: "phonebank", programId: joined[0].programId });
    const lead = loadPrincipal(db, db.select().from(users).where(eq(users.email, ALLY_LEAD_EMAIL)).get()!.id)!;
    const coalitionId = lead.allyPrograms![ally.id][0].coalitionId;
    expect(can(lead, { action: "program.view", coalitionId, programId: joined[0].programId }).ok).toBe(true);
    expect(can(lead, { action: "table.view", coalitionId }).ok).toBe(false);
  });
});
