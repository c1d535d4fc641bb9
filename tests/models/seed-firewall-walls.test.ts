import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { campaignContacts, users, vendorClients, vendors, walls } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { loadPrincipal } from "~/models/accounts.server";
import { listWalls, wallsForPerson } from "~/models/walls.server";
import { listVendors } from "~/models/vendors.server";
import { testDb } from "../db";

let db: Db;
let coalitionId: number;

beforeAll(() => {
  db = testDb();
  ({ coalitionId } = seedDemo(db));
});

describe("the demo seed's firewall F3–F5 data", () => {
  it("has a contact with plans or needs, a party-service roster entry and a vendor with a recent candidate client and no policy", () => {
    expect(db.select().from(campaignContacts).all()).toEqual([expect.objectContaining({ plansOrNeeds: true })]);
    expect(db.select().from(walls).all().map((w) => w.reason).sort()).toEqual(["campaign_contact", "party_service"]);
    const [v] = listVendors(db, "system", { coalitionId });
    expect(v).toMatchObject({ name: "Keystone Mail Works", policyOnFileAt: null });
    expect(db.select().from(vendorClients).all()).toEqual([expect.objectContaining({ kind: "candidate", lastServiceDate: "2026-10-31" })]);
    expect(db.select().from(vendors).all()).toHaveLength(1);
  });

  it("walls no demo account from anything", () => {
    for (const u of db.select().from(users).all()) {
      for (const on of ["2026-11-22", "2027-03-01", "2028-06-01"]) expect(wallsForPerson(db, coalitionId, { userId: u.id, email: u.email }, null, on), `${u.email} on ${on}`).toEqual([]);
    }
  });

  it("the demo counsel sees its party-service entry in force", () => {
    const counsel = db.select().from(users).all().find((u) => u.email === "counsel@demo.coalition.test")!;
    const seen = listWalls(db, loadPrincipal(db, counsel.id)!, { coalitionId, today: "2026-11-22" });
    expect(seen).toEqual([expect.objectContaining({ personName: "Jamie Ortega", reason: "party_service", inForce: true })]);
  });
});
