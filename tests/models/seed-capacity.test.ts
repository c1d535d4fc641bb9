import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { combinedCapacity } from "~/models/capacity.server";
import { loadPrincipal } from "~/models/accounts.server";
import { testDb } from "../db";

let db: Db;
let coalitionId: number;
beforeAll(() => {
  db = testDb();
  ({ coalitionId } = seedDemo(db));
});

describe("the demo's outside support, capacity and red lines (issue 17)", () => {
  it("outside endorsements on demo candidates, each with a public source, some added by the demo representative for its partner", () => {
    const rows = db.$client.prepare("select source_url as url, partner_id as partnerId from outside_endorsements where coalition_id = ?").all(coalitionId) as { url: string; partnerId: number | null }[];
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const r of rows) expect(r.url).toMatch(/^https:\/\//);
    expect(rows.some((r) => r.partnerId !== null) && rows.some((r) => r.partnerId === null)).toBe(true);
  });

  it("capacity profiles with items of every reader setting; the facilitator's per-state sums leave out own-people items", () => {
    const readers = db.$client.prepare("select distinct readers from capacity_items order by readers").pluck().all();
    expect(readers).toEqual(["facilitator", "own", "table"]);
    const facilitatorId = db.$client.prepare("select id from users where email = 'facilitator@demo.coalition.test'").pluck().get() as number;
    const sums = combinedCapacity(db, loadPrincipal(db, facilitatorId)!, { coalitionId });
    const pa = sums.rows.find((r) => r.state === "PA")!;
    // KA 18,500 + BVA 7,400 (table) + AHWU 15,000 (facilitator only)
    expect(pa.members).toBe(40900);
    const nc = sums.rows.find((r) => r.state === "NC")!;
    expect(nc.organizers).toBe(0); // OHAN's organizers are for its own people
  });
});
