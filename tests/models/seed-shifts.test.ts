import { beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { DEMO_USERS } from "../../db/seed-users";
import { loadPrincipal } from "~/models/accounts.server";
import { listPrograms } from "~/models/programs.server";
import { myAffiliate } from "~/models/my-affiliate.server";
import { programResults } from "~/models/shift-results.server";
import { upcomingShifts } from "~/models/shifts.server";
import { testDb } from "../db";

let db: Db;
let coalitionId: number;
beforeAll(() => {
  db = testDb();
  ({ coalitionId } = seedDemo(db));
});

it("seeds a program with joint shifts, sign-ups and results the demo lead sees", () => {
  const program = listPrograms(db, "system", { coalitionId }).find((p) => p.candidateName === "Renata Oyelaran")!;
  expect(program).toBeDefined();
  const results = programResults(db, "system", { coalitionId, programId: program.id });
  expect(results.totals).toMatchObject({ doorsKnocked: 154, conversations: 48, callsDialed: 420, contactsMade: 73 });
  expect(results.byDay).toHaveLength(2);
  expect(upcomingShifts(db, "system", { coalitionId, programId: program.id, now: new Date("2026-11-20T12:00:00Z") }).map((s) => s.title)).toEqual(["Saturday doors, Easton", "Textbank"]);
  const lead = db.select().from(users).where(eq(users.email, DEMO_USERS.find((u) => u.key === "lead")!.email)).get()!;
  const [mine] = myAffiliate(db, loadPrincipal(db, lead.id)!, { coalitionId, now: new Date("2026-11-20T12:00:00Z") });
  expect(mine.affiliate.name).toBe("Kestrel Action Pennsylvania");
  expect(mine.shifts.rows.map((s) => s.role)).toEqual(["host", "host"]);
  expect(mine.signups.rows.map((s) => s.volunteerName)).toEqual(["Rosa Delgado", "Tom Becker"]);
});
