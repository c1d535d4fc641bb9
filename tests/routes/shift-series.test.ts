/**
 * Issue 14: a series of shifts from the create form (slots the same day, weekly until a date),
 * all or none in one transaction, F6 asked once; and attendance for a whole shift on one screen.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as attendance from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId_.attendance";
import { grantRole } from "~/models/accounts.server";
import { subTableCredit } from "~/models/credit.server";
import { takeAttendance } from "~/models/attendance.server";
import { shifts, signups } from "../../db/schema";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift, buildSignup } from "../factories";
import { act, expectInvalid, expectRedirect, load, settle, signInAs } from "./helpers";
import { auditRows, dump, freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

export function seriesWorld(db: Db, actor: Actor) {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  const lead = testActor(db, "Alan Alpha");
  grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: alpha.id });
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [lead.id]);
  const base = `/tables/${c}/programs/${p}/shifts`;
  return { ...w, alpha, bravo, lead, base, params: { coalitionId: c, programId: p } };
}

const form = (hostAffiliateId: number, over: Record<string, string> = {}) => ({
  intent: "create",
  workType: "doorknock",
  title: "Saturday doors",
  startsAt: "2027-04-17T10:00",
  endsAt: "2027-04-17T12:00",
  location: "Union hall",
  callLink: "",
  hostAffiliateId: String(hostAffiliateId),
  hostKind: "affiliate",
  campaignHost: "",
  capacity: "10",
  notes: "",
  ...over,
});

const made = () => db.select().from(shifts).all();

describe("a series of shifts in one form", () => {
  it("slots the same day: three shifts, one series, one audit row", async () => {
    const w = seriesWorld(db, actor);
    signInAs(db, w.lead.id);
    const audit = auditRows(db).length;
    await expectRedirect(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { repeat: "slots", slots: "13:00, 16:00" })), /\/shifts\/\d+\?created=3$/);
    const rows = made();
    expect(rows.map((s) => [s.startsAt, s.endsAt])).toEqual([
      ["2027-04-17T14:00:00.000Z", "2027-04-17T16:00:00.000Z"],
      ["2027-04-17T17:00:00.000Z", "2027-04-17T19:00:00.000Z"],
      ["2027-04-17T20:00:00.000Z", "2027-04-17T22:00:00.000Z"],
    ]);
    expect(new Set(rows.map((s) => s.seriesId))).toEqual(new Set([rows[0].id]));
    expect(auditRows(db).slice(audit).map((a) => [a.action, a.detail])).toEqual([["shift.create", expect.stringMatching(/series of 3/)]]);
  });

  it("weekly until a date; a single shift has no series", async () => {
    const w = seriesWorld(db, actor);
    signInAs(db, w.lead.id);
    await expectRedirect(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { repeat: "weekly", until: "2027-05-01" })), /\?created=3$/);
    expect(made().map((s) => s.startsAt.slice(0, 10))).toEqual(["2027-04-17", "2027-04-24", "2027-05-01"]);
    await expectRedirect(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { startsAt: "2027-04-18T10:00", endsAt: "2027-04-18T12:00" })), /\?created$/);
    expect(made().at(-1)!.seriesId).toBeNull();
  });

  it("bad input: a message next to the field, what was typed kept, nothing written", async () => {
    const w = seriesWorld(db, actor);
    signInAs(db, w.lead.id);
    const bad = await expectInvalid(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { repeat: "slots", slots: "13:00, 1pm" })), ["slots"]);
    expect(bad.errors.slots).toBe('"1pm" is not a time of day such as 13:00.');
    expect(bad.values).toMatchObject({ slots: "13:00, 1pm", title: "Saturday doors" });
    const cap = await expectInvalid(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { startsAt: "2026-10-03T10:00", endsAt: "2026-10-03T12:00", repeat: "weekly", until: "2027-05-15" })), ["until"]);
    expect(cap.errors.until).toMatch(/^A series makes at most 26 shifts; weekly until 2027-05-15 makes 33/);
    // the last week falls after the program ends: all or none
    const late = await expectInvalid(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { repeat: "weekly", until: "2027-05-22" })), ["until"]);
    expect(late.errors.until).toMatch(/^The shift of 2027-05-22 10:00: The start must fall on the program's dates/);
    await expectInvalid(act(shiftsIndex.action, w.base, w.params, form(w.alpha.id, { repeat: "weekly", until: "" })), ["until"]);
    expect(made()).toEqual([]);
  });
});

describe("attendance for a whole shift on one screen", () => {
  it("everyone attended, then the exceptions and a walk-in, in one transaction; the credit counts the walk-in", async () => {
    const w = seriesWorld(db, actor);
    const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2026-10-10T09:00", endsAt: "2026-10-10T12:00" });
    const ids = ["ann", "ben", "cy", "dee"].map((n) => buildSignup(db, actor, w.coalition.id, w.program.id, shift.id, w.alpha.id, { volunteerName: n, email: `${n}@example.test` }, new Date("2026-10-01T12:00:00Z")));
    const path = `${w.base}/${shift.id}/attendance`;
    const params = { ...w.params, shiftId: String(shift.id) };
    signInAs(db, w.lead.id);
    const page = await load(attendance.loader, path, params);
    expect(page).toMatchObject({ started: true, total: 4 });
    expect(page.rows.map((r) => r.volunteerName)).toEqual(["ann", "ben", "cy", "dee"]);
    const audit = auditRows(db).length;
    await expectRedirect(
      act(attendance.action, path, params, { intent: "attendance", [`mark-${ids[0]}`]: "attended", [`mark-${ids[1]}`]: "no_show", [`mark-${ids[2]}`]: "cancelled", walkIn0Name: "Walk Walker", walkIn0Email: "", walkIn1Name: "Wren", walkIn1Email: "wren@example.test" }),
      /attendance\?saved=4-1-1-2$/,
    );
    const rows = db.select().from(signups).all();
    const by = (name: string) => rows.find((r) => r.volunteerName === name)!;
    expect([by("ann").attended, by("ben").attended, by("cy").attended, by("dee").attended]).toEqual([true, false, null, true]);
    expect(by("cy").cancelledAt).not.toBeNull();
    expect(by("Walk Walker")).toMatchObject({ attended: true, source: "walk_in", email: null, recruitedByAffiliateId: w.alpha.id });
    expect(by("Wren")).toMatchObject({ attended: true, source: "walk_in", email: "wren@example.test" });
    expect(auditRows(db).slice(audit).filter((a) => a.action === "signup.attendance").map((a) => a.detail)).toEqual(["whole shift: 4 attended (2 walk-ins), 1 no-show, 1 cancelled"]);
    // the credit report counts the walk-ins for the host affiliate
    const credit = subTableCredit(db, "system", { coalitionId: w.coalition.id, subCoalitionId: w.subTable!.id, today: "2026-12-01" });
    expect(JSON.stringify(credit)).toMatch(/"walkIns":2/);
  });

  it("bad input keeps what was typed with a message next to the field and writes nothing; before the start it is refused", async () => {
    const w = seriesWorld(db, actor);
    const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2026-10-10T09:00", endsAt: "2026-10-10T12:00" });
    const id = buildSignup(db, actor, w.coalition.id, w.program.id, shift.id, w.alpha.id, { volunteerName: "ann", email: "ann@example.test" }, new Date("2026-10-01T12:00:00Z"));
    const path = `${w.base}/${shift.id}/attendance`;
    const params = { ...w.params, shiftId: String(shift.id) };
    signInAs(db, w.lead.id);
    const before = dump(db);
    await expectInvalid(act(attendance.action, path, params, { intent: "attendance", walkIn0Name: "x".repeat(121) }), ["walkIn0Name"]);
    expect(dump(db)).toEqual(before);
    const bad = await expectInvalid(act(attendance.action, path, params, { intent: "attendance", [`mark-${id}`]: "maybe", walkIn0Name: "", walkIn0Email: "wren@example.test", walkIn1Name: "Xi", walkIn1Email: "not-an-email" }), [`mark-${id}`, "walkIn0Name", "walkIn1Email"]);
    expect(bad.values).toMatchObject({ walkIn0Email: "wren@example.test", walkIn1Name: "Xi" });
    // a sign-up of another shift is not this shift's to mark
    const other = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2026-10-11T09:00", endsAt: "2026-10-11T12:00" });
    const foreign = buildSignup(db, actor, w.coalition.id, w.program.id, other.id, w.alpha.id, { volunteerName: "zed", email: "zed@example.test" }, new Date("2026-10-01T12:00:00Z"));
    const stale = await expectInvalid(act(attendance.action, path, params, { intent: "attendance", [`mark-${foreign}`]: "no_show", walkIn0Name: "Wren" }), ["_form"]);
    expect(stale.errors._form).toMatch(/Reload the page/);
    expect(db.select().from(signups).all().map((s) => [s.volunteerName, s.attended, s.cancelledAt])).toEqual([["ann", null, null], ["zed", null, null]]);
    // a shift still to come
    const later = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T12:00" });
    const laterPath = `${w.base}/${later.id}/attendance`;
    await expectRedirect(act(attendance.action, laterPath, { ...w.params, shiftId: String(later.id) }, { intent: "attendance", walkIn0Name: "Early" }), /\/attendance$/);
    expect(await load(attendance.loader, laterPath, { ...w.params, shiftId: String(later.id) })).toMatchObject({ started: false });
    expect(db.select().from(signups).all().map((s) => s.volunteerName)).not.toContain("Early");
    // and the model refuses it too
    expect(takeAttendance(db, w.lead, { coalitionId: w.coalition.id, programId: w.program.id, shiftId: later.id, noShows: [], cancelled: [], walkIns: [{ name: "Early", email: null }] })).toMatchObject({ ok: false, message: "Attendance is taken once the shift has started." });
  });

  it("asks F6 as attendance does: a lead who has not acknowledged the new policy is refused, nothing marked", async () => {
    const w = seriesWorld(db, actor);
    const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.alpha.id, { startsAt: "2026-10-10T09:00", endsAt: "2026-10-10T12:00" });
    buildSignup(db, actor, w.coalition.id, w.program.id, shift.id, w.alpha.id, { volunteerName: "ann", email: "ann@example.test" }, new Date("2026-10-01T12:00:00Z"));
    const policy = buildPolicy(db, actor, w.alpha.partnerId, [], { title: "Version two" });
    signInAs(db, w.lead.id);
    const path = `${w.base}/${shift.id}/attendance`;
    const r = await settle(act(attendance.action, path, { ...w.params, shiftId: String(shift.id) }, { intent: "attendance", walkIn0Name: "Wren" }));
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.data)).toContain(`version ${policy.version}`);
    expect(db.select().from(signups).all().map((s) => s.attended)).toEqual([null]);
  });
});
