import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, signups } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { AttendanceSheet } from "~/domain/attendance";
import { refuse, type Result } from "~/domain/errors";
import { localDateOf } from "~/domain/zoned-time";
import { appendAudit } from "./audit.server";
import { affiliateSide, checkPlacement, type Viewer } from "./firewall.server";
import { checkPolicyForShiftAct } from "./policy-gate.server";
import { getProgram, type ProgramRef } from "./programs.server";
import { shiftRow } from "./shift-rows.server";

/**
 * Attendance for a whole shift on one screen (issue 14): everyone signed up attended, but the
 * exceptions (a no-show, or a cancelled sign-up), and the walk-ins who came without signing
 * up (credited to the host affiliate, counted by the credit report as walk-ins). One IMMEDIATE
 * transaction: F6 asked as for a single attendance (checkPolicyForShiftAct), each walk-in
 * placed against the wall roster (F3/F4) as a lead's sign-up is, then every write, or none.
 */

/** The most sign-ups the sheet lists (a shift's capacity is at most 10,000; a sheet this long is a paper one). */
export const SHEET_MAX = 500;

export type SheetRow = { id: number; volunteerName: string; email: string | null; attended: boolean | null; source: string };

/** The sheet: the shift's active sign-ups in the order taken (at most SHEET_MAX) and how many there are. */
export function attendanceSheet(db: Db, _viewer: Viewer, input: ProgramRef & { shiftId: number }): { rows: SheetRow[]; total: number } {
  const where = and(eq(signups.shiftId, input.shiftId), isNull(signups.cancelledAt));
  const rows = db
    .select({ id: signups.id, volunteerName: signups.volunteerName, email: signups.email, attended: signups.attended, source: signups.source })
    .from(signups)
    .where(where)
    .orderBy(asc(signups.id))
    .limit(SHEET_MAX)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(signups).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** Takes the whole shift's attendance. The route checks shift.edit (host or co-host). */
export function takeAttendance(db: Db, actor: Actor, input: ProgramRef & { shiftId: number } & AttendanceSheet, now: Date = new Date()): Result<{ attended: number; noShows: number; cancelled: number; walkIns: number }> {
  const row = shiftRow(db, input);
  const program = getProgram(db, "system", input);
  if (row.shift.cancelledAt) return refuse("_form", "This shift was cancelled.");
  if (Date.parse(row.shift.startsAt) > now.getTime()) return refuse("_form", "Attendance is taken once the shift has started.");
  const host = row.shift.hostAffiliateId;
  if (input.walkIns.length > 0 && host === null) return refuse("walkIn0Name", "A shift without a host affiliate has no one to credit walk-ins to.");
  return db.transaction(
    (tx) => {
      // rule F6 on the act: the person taking attendance has acknowledged the policy of each member they host for here
      const f6 = checkPolicyForShiftAct(tx, actor, { coalitionId: input.coalitionId, shiftId: input.shiftId, raceId: row.raceId, act: "attendance", now });
      if (!f6.ok) return f6;
      const active = and(eq(signups.shiftId, input.shiftId), isNull(signups.cancelledAt));
      const ids = [...input.noShows, ...input.cancelled];
      if (ids.length) {
        const known = tx.select({ id: signups.id }).from(signups).where(and(active, inArray(signups.id, ids))).all().length;
        if (known !== new Set(ids).size) return refuse("_form", "Some of these sign-ups were changed meanwhile. Reload the page and mark them again.");
      }
      const hostPartner = host === null ? null : tx.select({ partnerId: affiliates.partnerId }).from(affiliates).where(eq(affiliates.id, host)).get()!.partnerId;
      // each walk-in is placed as a lead's sign-up is: the wall roster by email and name (F3/F4)
      for (const [i, w] of input.walkIns.entries()) {
        const side = affiliateSide(tx, host!, program.race.id);
        const placed = checkPlacement(tx, actor, {
          coalitionId: input.coalitionId,
          raceId: program.race.id,
          partnerId: hostPartner!,
          side: row.shift.side === "coordinated" && side === "coordinated" ? "coordinated" : "independent",
          workDate: localDateOf(row.shift.startsAt, program.race.timeZone),
          person: { email: w.email, name: w.name },
          subjectType: "signup",
          field: `walkIn${i}Name`,
        });
        if (!placed.ok) return refuse(`walkIn${i}Name`, placed.message);
      }
      const marked = tx
        .update(signups)
        .set({ attended: true })
        .where(and(active, ids.length ? notInArray(signups.id, ids) : undefined))
        .returning({ id: signups.id })
        .all().length;
      if (input.noShows.length) tx.update(signups).set({ attended: false }).where(and(active, inArray(signups.id, input.noShows))).run();
      if (input.cancelled.length) tx.update(signups).set({ attended: null, cancelledAt: now.toISOString() }).where(and(active, inArray(signups.id, input.cancelled))).run();
      for (const w of input.walkIns) {
        tx.insert(signups).values({ shiftId: input.shiftId, volunteerName: w.name, email: w.email, phone: null, recruitedByAffiliateId: host!, createdBy: actor.id, createdAt: now.toISOString(), attended: true, source: "walk_in" }).run();
      }
      const counts = { attended: marked + input.walkIns.length, noShows: input.noShows.length, cancelled: input.cancelled.length, walkIns: input.walkIns.length };
      appendAudit(
        tx,
        actor,
        { action: "signup.attendance", decision: "info", partnerId: hostPartner, raceId: row.raceId, subjectType: "shift", subjectId: input.shiftId, detail: `whole shift: ${counts.attended} attended (${counts.walkIns} walk-ins), ${counts.noShows} no-show, ${counts.cancelled} cancelled` },
        now,
      );
      return { ok: true as const, ...counts };
    },
    { behavior: "immediate" },
  );
}
