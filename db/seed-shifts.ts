/**
 * Demo data for joint field work, second half (issue 5, branch shifts): on the sub-table for
 * Renata Oyelaran (PA-07), a few shifts hosted jointly by the Pennsylvania affiliates, with
 * sign-ups, attendance and results, so the program's shifts page, the week view and "my
 * affiliate" show something. Uses the program the first half seeds when there is one.
 * Deterministic: every model call gets its own `now`.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, subCoalitions, turfUnits } from "./schema";
import type { Actor } from "../app/domain/actor";
import { getProgram, listPrograms, programAffiliates } from "../app/models/programs.server";
import { recordResults } from "../app/models/shift-results.server";
import { setAttendance } from "../app/models/signups.server";
import { addDays } from "../app/domain/dates";
import { buildProgram, buildShift, buildSignup, shiftTurfUnit } from "../tests/factories";

const CANDIDATE = "Renata Oyelaran";

export function seedShifts(db: Db, actor: Actor, coalitionId: number): string {
  const sub = db
    .select({ id: subCoalitions.id })
    .from(subCoalitions)
    .innerJoin(candidates, eq(candidates.id, subCoalitions.candidateId))
    .where(and(eq(subCoalitions.coalitionId, coalitionId), eq(candidates.name, CANDIDATE)))
    .get();
  if (!sub) throw new Error(`seed: no sub-table for ${CANDIDATE}`);
  const existing = listPrograms(db, "system", { coalitionId, subCoalitionId: sub.id })[0];
  const programId = existing?.id ?? buildProgram(db, actor, coalitionId, sub.id, { name: "Oyelaran primary field program", startDate: "2026-11-02", endDate: "2028-04-25" }).id;
  const program = getProgram(db, "system", { coalitionId, programId });
  const who = programAffiliates(db, "system", program);
  const aff = (name: string) => {
    const a = who.find((x) => x.name === name);
    if (!a) throw new Error(`seed: ${name} does not take part in the program`);
    return a.id;
  };
  const ka = aff("Kestrel Action Pennsylvania");
  const tca = aff("Tidewater Climate Action Lehigh Valley");
  const pna = aff("Porchlight Neighbors Pennsylvania");

  let units = db.select().from(turfUnits).where(eq(turfUnits.programId, programId)).all();
  if (units.length === 0) {
    units = [
      shiftTurfUnit(db, programId, { code: "LEH-0101", name: "Allentown Ward 1 packet A", county: "Lehigh", size: 140, holderAffiliateId: ka }),
      shiftTurfUnit(db, programId, { code: "LEH-0102", name: "Allentown Ward 1 packet B", county: "Lehigh", size: 125, holderAffiliateId: ka }),
      shiftTurfUnit(db, programId, { code: "NOR-0201", name: "Easton Ward 3 packet A", county: "Northampton", size: 160, holderAffiliateId: tca }),
      shiftTurfUnit(db, programId, { code: "CALL-0001", name: "Lehigh call list, chunk 1", kind: "call_list", county: "Lehigh", size: 400, holderAffiliateId: pna }),
    ];
  }
  // each shift works its own kind of turf (issue 15: the demo's doorknock worked a call list)
  const walks = units.filter((u) => u.kind === "walk_packet");
  const calls = units.filter((u) => u.kind === "call_list");
  // Dates count from the program's start (2026-11-02 when this file makes the program), so a
  // program seeded by the first half with other dates still gets shifts inside its dates.
  const start = program.program.startDate;
  const day = (n: number) => addDays(start, n);
  if (day(38) > program.program.endDate) return "no demo shifts (the program is shorter than the demo's five weeks)";
  const signupAt = new Date(`${day(6)}T15:00:00Z`);
  const c = coalitionId;

  const doors = buildShift(db, actor, c, programId, ka, {
    title: "Saturday doors, Allentown",
    startsAt: `${day(12)}T10:00`,
    endsAt: `${day(12)}T13:00`,
    location: "Kestrel Action office, 512 Hamilton St, Allentown",
    capacity: 12,
    coHostIds: [tca],
    turfUnitIds: walks.slice(0, 1).map((u) => u.id),
    notes: "Bring water and comfortable shoes. Parking behind the building.",
  });
  const phones = buildShift(db, actor, c, programId, tca, {
    workType: "phonebank",
    title: "Evening phonebank",
    startsAt: `${day(17)}T18:00`,
    endsAt: `${day(17)}T20:30`,
    location: null,
    callLink: "https://meet.example.org/oyelaran-phones",
    capacity: 20,
    coHostIds: [pna],
    turfUnitIds: calls.slice(0, 1).map((u) => u.id),
  });
  buildShift(db, actor, c, programId, ka, {
    title: "Saturday doors, Easton",
    startsAt: `${day(33)}T10:00`,
    endsAt: `${day(33)}T13:00`,
    location: "Porchlight Neighbors hall, 40 Northampton St, Easton",
    capacity: 10,
    coHostIds: [pna],
    turfUnitIds: walks.slice(2, 3).map((u) => u.id),
  });
  buildShift(db, actor, c, programId, pna, { workType: "textbank", title: "Textbank", startsAt: `${day(37)}T18:00`, endsAt: `${day(37)}T20:00`, location: null, callLink: "https://meet.example.org/oyelaran-texts", capacity: 15 });

  const volunteers: [number, string, string, number][] = [
    [doors.id, "Rosa Delgado", "rosa.delgado@example.org", ka],
    [doors.id, "Tom Becker", "tom.becker@example.org", ka],
    [doors.id, "Aisha Grant", "aisha.grant@example.org", tca],
    [phones.id, "Dev Patel", "dev.patel@example.org", tca],
    [phones.id, "Lou Moreno", "lou.moreno@example.org", pna],
  ];
  const after = (shiftEnd: string) => new Date(new Date(shiftEnd).getTime() + 3_600_000);
  for (const [shiftId, volunteerName, email, by] of volunteers) {
    const id = buildSignup(db, actor, c, programId, shiftId, by, { volunteerName, email }, signupAt);
    const end = shiftId === doors.id ? doors.endsAt : phones.endsAt;
    setAttendance(db, actor, { coalitionId: c, programId, shiftId, signupId: id, attended: volunteerName !== "Tom Becker" }, after(end));
  }
  const zero = { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
  const results = [
    recordResults(db, actor, { coalitionId: c, programId, shiftId: doors.id, ...zero, affiliateId: ka, doorsKnocked: 96, conversations: 31 }, after(doors.endsAt)),
    recordResults(db, actor, { coalitionId: c, programId, shiftId: doors.id, ...zero, affiliateId: tca, doorsKnocked: 58, conversations: 17 }, after(doors.endsAt)),
    recordResults(db, actor, { coalitionId: c, programId, shiftId: phones.id, ...zero, affiliateId: tca, callsDialed: 240, contactsMade: 44 }, after(phones.endsAt)),
    recordResults(db, actor, { coalitionId: c, programId, shiftId: phones.id, ...zero, affiliateId: pna, callsDialed: 180, contactsMade: 29 }, after(phones.endsAt)),
  ];
  if (results.some((r) => !r.ok)) throw new Error(`seed: results refused: ${JSON.stringify(results)}`);
  return `4 shifts on the ${CANDIDATE} program with ${volunteers.length} sign-ups and results`;
}
