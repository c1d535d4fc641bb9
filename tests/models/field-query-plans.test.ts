/**
 * EXPLAIN QUERY PLAN of the hot field queries (issue 11): the program's shift list and the
 * calendar feed read along an index, in its order, with no temporary B-tree over shifts
 * (no sort of the program's shifts to keep a page of them).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { shifts } from "../../db/schema";
import { encodeCursor, readCursor } from "~/domain/keyset";
import { feedWindow } from "~/domain/field-lists";
import { shiftPageQuery } from "~/models/shifts.server";
import { feedQuery } from "~/models/calendar-feeds.server";
import { hostedBy } from "~/models/shift-rows.server";
import { queryPlan } from "../support/statements";
import { testActor, testDb } from "../db";
import { buildProgramWorld, buildShift } from "../factories";

let db: Db;
let programId: number;
let coalitionId: number;
let hostId: number;
beforeAll(() => {
  db = testDb();
  const actor = testActor(db);
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  programId = w.program.id;
  coalitionId = w.coalition.id;
  hostId = w.affiliates[0].id;
  for (let d = 1; d <= 9; d++) buildShift(db, actor, coalitionId, programId, hostId, { startsAt: `2027-04-0${d}T09:00`, endsAt: `2027-04-0${d}T12:00` });
});

const plan = (q: { toSQL(): { sql: string; params: unknown[] } }) => {
  const { sql, params } = q.toSQL();
  return queryPlan(db, sql, ...params);
};
const now = new Date("2027-04-05T00:00:00Z");
const cursor = readCursor(encodeCursor({ dir: "after", key: ["2027-04-06T13:00:00.000Z", 6] }));
const back = readCursor(encodeCursor({ dir: "before", key: ["2027-04-06T13:00:00.000Z", 6] }));

function expectIndexedShifts(lines: string[], index: string) {
  expect(lines.some((l) => new RegExp(`^SEARCH (shifts|s) USING INDEX ${index} \\(`).test(l)), lines.join("\n")).toBe(true);
  expect(lines.filter((l) => /TEMP B-TREE/.test(l)), lines.join("\n")).toEqual([]);
  expect(lines.some((l) => /^SCAN (shifts|s)\b/.test(l)), lines.join("\n")).toBe(false);
}

describe("the program's shift list", () => {
  for (const when of ["upcoming", "past"] as const) {
    for (const [label, c] of [
      ["first page", null],
      ["next page", cursor],
      ["previous page", back],
    ] as const) {
      it(`${when}, ${label}: along shifts_program_start, no temporary B-tree`, () => {
        const { page } = shiftPageQuery(db, { coalitionId, programId, when, now, cursor: c, limit: 50 });
        expectIndexedShifts(plan(page), "shifts_program_start");
      });
    }
  }

  it("filtered by work type and host: still along the index, no temporary B-tree over shifts", () => {
    const { page } = shiftPageQuery(db, { coalitionId, programId, when: "upcoming", now, workType: "doorknock", hostIds: [hostId], cursor, limit: 50 });
    const lines = plan(page);
    expectIndexedShifts(lines, "shifts_program_start");
    // the co-host subquery uses its own index
    expect(lines.some((l) => /shift_co_hosts USING (COVERING )?INDEX shift_co_hosts_affiliate/.test(l)), lines.join("\n")).toBe(true);
  });
});

describe("the calendar feed", () => {
  const window = feedWindow(now);
  it("a program's feed: its window along shifts_program_start, in order, no temporary B-tree", () => {
    expectIndexedShifts(plan(feedQuery(db, eq(shifts.programId, programId), window, null)), "shifts_program_start");
    expectIndexedShifts(plan(feedQuery(db, eq(shifts.programId, programId), window, ["2027-04-06T13:00:00.000Z", 6])), "shifts_program_start");
  });

  it("an affiliate's feed: hosted shifts by shifts_host_start, co-hosted by shift_co_hosts_affiliate (never a scan of shifts)", () => {
    const lines = plan(feedQuery(db, hostedBy(db, hostId), window, null));
    expect(lines.some((l) => /INDEX shifts_host_start/.test(l)), lines.join("\n")).toBe(true);
    expect(lines.some((l) => /INDEX shift_co_hosts_affiliate/.test(l)), lines.join("\n")).toBe(true);
    expect(lines.some((l) => /^SCAN (shifts|s)\b/.test(l)), lines.join("\n")).toBe(false);
  });
});
