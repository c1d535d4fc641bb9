import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, firewallOverrides, overrideApprovals, partners, raceSides, shifts, signups, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { unfold } from "~/domain/ical";
import { cancelShift, createShift, getShift, listShiftPage, updateShift, upcomingShifts, weekShifts } from "~/models/shifts.server";
import { cancelSignup, setAttendance, signUp } from "~/models/signups.server";
import { programResults, recordResults } from "~/models/shift-results.server";
import { myAffiliate } from "~/models/my-affiliate.server";
import { createFeed, feedCalendar, revokeFeed } from "~/models/calendar-feeds.server";
import { exportCsv } from "~/models/field-exports.server";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { eq } from "drizzle-orm";
import { testActor, testDb } from "../db";
import { buildProgramWorld, buildShift, buildSignup, shiftInput as makeShiftInput, shiftTurfUnit } from "../factories";
import { createVendor } from "~/models/vendors.server";
import type { ShiftInput, SignupInput } from "~/domain/shift-forms";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const BEFORE = new Date("2027-03-01T12:00:00Z");
const AFTER = new Date("2027-04-11T12:00:00Z");

function world(opts: Parameters<typeof buildProgramWorld>[2] = {}) {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" }, ...opts });
  const [alpha, bravo, charlie] = w.affiliates;
  const c = w.coalition.id;
  const p = w.program.id;
  const shiftInput = (over: Partial<ShiftInput> = {}): ShiftInput => makeShiftInput(alpha.id, { location: "Union hall", ...over });
  const volunteer = (over: Partial<SignupInput> = {}): SignupInput => ({ volunteerName: "Vera Volunteer", email: "vera@example.test", phone: null, recruitedByAffiliateId: alpha.id, confirmDouble: false, ...over });
  return { ...w, alpha, bravo, charlie, c, p, shiftInput, volunteer };
}

const audits = () => db.select().from(auditLog).all();

/** The program's shifts as its list shows them when none has started yet (the first page of upcoming ones). */
const listShifts = (_db: Db, viewer: "system", input: { coalitionId: number; programId: number }) => listShiftPage(db, viewer, { ...input, when: "upcoming", now: new Date("2026-10-01T00:00:00Z") }).rows;

describe("createShift", () => {
  it("stores UTC instants, the host's side, co-hosts and turf", () => {
    const w = world();
    const unit = shiftTurfUnit(db, w.p);
    const r = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ coHostIds: [w.bravo.id], turfUnitIds: [unit.id], notes: "Bring water" }) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.shift).toMatchObject({ startsAt: "2027-04-10T13:00:00.000Z", endsAt: "2027-04-10T16:00:00.000Z", side: "independent", hostAffiliateId: w.alpha.id, capacity: 10 });
    const d = getShift(db, "system", { coalitionId: w.c, programId: w.p, shiftId: r.shift.id });
    expect(d.shift.coHosts.map((h) => h.id)).toEqual([w.bravo.id]);
    expect(d.shift.turfUnitIds).toEqual([unit.id]);
    expect(d.shift.when).toBe("Sat, Apr 10, 2027, 9:00 AM – 12:00 PM EDT");
    expect(d.shift.startsLocal).toBe("2027-04-10T09:00");
  });

  it("stores a coordinated side when the host's partner is coordinated in the race", () => {
    const w = world();
    db.update(partners).set({ legalType: "pac" }).where(eq(partners.id, w.alpha.partnerId)).run();
    db.insert(raceSides).values({ partnerId: w.alpha.partnerId, raceId: w.race.id, side: "coordinated", setBy: actor.id, setAt: "2026-10-01T00:00:00Z" }).run();
    const r = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput() });
    expect(r.ok && r.shift.side).toBe("coordinated");
  });

  it.each([
    [{ endsAt: "2027-04-10T08:00" }, "endsAt", /after the start/],
    [{ endsAt: "2027-04-10T09:00" }, "endsAt", /after the start/],
    [{ startsAt: "2026-09-30T09:00", endsAt: "2026-09-30T12:00" }, "startsAt", /program's dates/],
    [{ startsAt: "2027-05-18T20:00", endsAt: "2027-05-19T01:00" }, "endsAt", /program's dates/],
    [{ startsAt: "2027-03-14T02:30", endsAt: "2027-03-14T05:00" }, "startsAt", /does not exist/],
  ])("refuses bad times %j with a field error, writing nothing", (over, field, message) => {
    const w = world();
    const before = db.select().from(shifts).all().length;
    const r = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput(over) });
    expect(r).toMatchObject({ ok: false, field, message: expect.stringMatching(message) });
    expect(db.select().from(shifts).all().length).toBe(before);
  });

  it("refuses a host or co-host whose partner is not on the sub-table, and another program's turf", () => {
    const w = world({ affiliates: [{ partner: 0, districts: ["07"] }, { partner: 1, districts: ["07"] }, { partner: 4, districts: ["07"] }] });
    const outsider = w.affiliates[2];
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ hostAffiliateId: outsider.id }) })).toMatchObject({ ok: false, field: "hostAffiliateId" });
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ coHostIds: [outsider.id] }) })).toMatchObject({ ok: false, field: "coHosts" });
    const other = world();
    const foreign = shiftTurfUnit(db, other.p);
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ turfUnitIds: [foreign.id] }) })).toMatchObject({ ok: false, field: "turf" });
  });

  it("refuses the same turf unit in two overlapping shifts; back to back or after a cancel is fine", () => {
    const w = world();
    const unit = shiftTurfUnit(db, w.p, { code: "LEH-001", name: "Lehigh 1" });
    const first = buildShift(db, actor, w.c, w.p, w.alpha.id, { turfUnitIds: [unit.id] });
    const clash = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ hostAffiliateId: w.bravo.id, startsAt: "2027-04-10T11:00", endsAt: "2027-04-10T14:00", turfUnitIds: [unit.id] }) });
    expect(clash).toMatchObject({ ok: false, field: "turf", message: expect.stringMatching(/LEH-001.*overlapping shift/) });
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ startsAt: "2027-04-10T12:00", endsAt: "2027-04-10T15:00", turfUnitIds: [unit.id] }) }).ok).toBe(true);
    cancelShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: first.id });
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ startsAt: "2027-04-10T10:00", endsAt: "2027-04-10T11:00", turfUnitIds: [unit.id] }) }).ok).toBe(true);
  });

  it("F7: a campaign host on the independent side is refused for the host's partner, audited, nothing written", () => {
    const w = world();
    const before = db.select().from(shifts).all().length;
    const r = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ hostKind: "campaign", campaignHost: "Kilo for Congress, Allentown office", coHostIds: [w.bravo.id] }) });
    expect(r).toMatchObject({ ok: false, field: "hostKind", message: expect.stringMatching(/F7|campaign/) });
    expect(db.select().from(shifts).all().length).toBe(before);
    const denied = audits().filter((a) => a.decision === "deny");
    expect(denied.at(-1)).toMatchObject({ rule: "F7", partnerId: w.alpha.partnerId, action: "firewall.campaign_shift" });
  });

  it("F7/F9: counsel's override with two approvals lets a joint canvass with a campaign through, audited as allowed", () => {
    const w = world();
    const input = w.shiftInput({ hostKind: "campaign", campaignHost: "Kilo field office" });
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...input }).ok).toBe(false);
    const second = testActor(db, "Second Approver");
    const o = db
      .insert(firewallOverrides)
      .values({ partnerId: w.alpha.partnerId, rule: "F7", scope: "joint_canvass", raceId: w.race.id, reason: "Joint voter-registration day", expiresOn: "2027-12-31", requiredApprovals: 2, createdBy: actor.id, createdAt: "2027-01-01T00:00:00Z" })
      .returning()
      .get();
    db.insert(overrideApprovals).values({ overrideId: o.id, userId: actor.id, at: "2027-01-01T00:00:00Z" }).run();
    expect(createShift(db, actor, { coalitionId: w.c, programId: w.p, ...input }).ok).toBe(false); // one approval is not enough
    db.insert(overrideApprovals).values({ overrideId: o.id, userId: second.id, at: "2027-01-02T00:00:00Z" }).run();
    const r = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...input });
    expect(r.ok && r.shift).toMatchObject({ hostKind: "campaign", campaignHost: "Kilo field office", side: "independent" });
    expect(audits().at(-2)).toMatchObject({ decision: "allow", rule: "F7", detail: expect.stringMatching(/override/) });
  });

  it("F7: asks for every co-host's partner too (a coordinated host, an independent co-host)", () => {
    const w = world();
    db.update(partners).set({ legalType: "pac" }).where(eq(partners.id, w.alpha.partnerId)).run();
    db.insert(raceSides).values({ partnerId: w.alpha.partnerId, raceId: w.race.id, side: "coordinated", setBy: actor.id, setAt: "2026-10-01T00:00:00Z" }).run();
    const input = w.shiftInput({ hostKind: "campaign", campaignHost: "Kilo field office" });
    const alone = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...input });
    expect(alone.ok).toBe(true);
    const joint = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...input, coHostIds: [w.bravo.id] });
    expect(joint).toMatchObject({ ok: false, field: "hostKind" });
    expect(audits().filter((a) => a.decision === "deny").at(-1)).toMatchObject({ rule: "F7", partnerId: w.bravo.partnerId });
  });
});

describe("updateShift and cancelShift", () => {
  it("a co-host edits; the host stays; capacity never drops below the sign-ups", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id, { coHostIds: [w.bravo.id], capacity: 5 });
    buildSignup(db, actor, w.c, w.p, s.id, w.alpha.id);
    buildSignup(db, actor, w.c, w.p, s.id, w.bravo.id);
    const edit = updateShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.shiftInput({ hostAffiliateId: w.bravo.id, coHostIds: [w.bravo.id], capacity: 3, title: "Saturday doors" }) });
    expect(edit.ok && edit.shift).toMatchObject({ hostAffiliateId: w.alpha.id, capacity: 3, title: "Saturday doors" });
    expect(updateShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.shiftInput({ coHostIds: [w.bravo.id], capacity: 1 }) })).toMatchObject({ ok: false, field: "capacity", message: expect.stringMatching(/2 volunteers/) });
  });

  it("a shift with results or attendance is not moved to a time that has not come (results count started shifts)", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id);
    const other = buildShift(db, actor, w.c, w.p, w.alpha.id, { startsAt: "2027-04-10T13:00", endsAt: "2027-04-10T15:00" });
    const id = buildSignup(db, actor, w.c, w.p, other.id, w.alpha.id);
    const zero = { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
    expect(recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...zero, affiliateId: w.alpha.id, doorsKnocked: 40 }, AFTER).ok).toBe(true);
    expect(setAttendance(db, actor, { coalitionId: w.c, programId: w.p, shiftId: other.id, signupId: id, attended: true }, AFTER).ok).toBe(true);
    const later = { startsAt: "2027-05-01T10:00", endsAt: "2027-05-01T12:00" };
    for (const shift of [s, other]) {
      expect(updateShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: shift.id, ...w.shiftInput(later) }, AFTER)).toMatchObject({ ok: false, field: "startsAt" });
    }
    expect(updateShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.shiftInput({ startsAt: "2027-04-10T11:00", endsAt: "2027-04-10T12:00" }) }, AFTER).ok).toBe(true);
    const r = programResults(db, "system", { coalitionId: w.c, programId: w.p, now: AFTER });
    expect(r.totals.doorsKnocked).toBe(40);
    expect(r.byAffiliate.find((a) => a.affiliateId === w.alpha.id)).toMatchObject({ volunteers: 1, shifts: 1 });
    // read before the shifts started, nothing counts yet
    expect(programResults(db, "system", { coalitionId: w.c, programId: w.p, now: BEFORE }).totals.doorsKnocked).toBe(0);
  });

  it("results read at the clock's now are kept until the database changes (this connection's writes or another's)", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { openDb } = await import("../../db/client");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "results-"));
    const one = openDb(path.join(dir, "t.db"));
    const two = openDb(path.join(dir, "t.db"));
    try {
      db = one;
      actor = testActor(one);
      const w = world();
      const past = { startsAt: "2026-10-10T10:00", endsAt: "2026-10-10T12:00" };
      const s = buildShift(one, actor, w.c, w.p, w.alpha.id, past);
      const zero = { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
      const ref = { coalitionId: w.c, programId: w.p };
      expect(programResults(one, "system", ref).totals.doorsKnocked).toBe(0);
      expect(recordResults(one, actor, { ...ref, shiftId: s.id, ...zero, affiliateId: w.alpha.id, doorsKnocked: 40 }).ok).toBe(true);
      expect(programResults(one, "system", ref).totals.doorsKnocked).toBe(40); // its own write
      const kept = programResults(one, "system", ref);
      expect(programResults(one, "system", ref)).toBe(kept); // nothing written: the same answer
      expect(recordResults(two, actor, { ...ref, shiftId: s.id, ...zero, affiliateId: w.alpha.id, doorsKnocked: 55 }).ok).toBe(true);
      expect(programResults(one, "system", ref).totals.doorsKnocked).toBe(55); // another connection's commit
    } finally {
      one.$client.close();
      two.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a cancelled shift is kept, marked, and can no longer be edited", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id);
    expect(cancelShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id }).ok).toBe(true);
    expect(listShifts(db, "system", { coalitionId: w.c, programId: w.p })[0].cancelledAt).not.toBeNull();
    expect(updateShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.shiftInput() }).ok).toBe(false);
    expect(cancelShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id }).ok).toBe(false);
  });

  it("another program's or table's shift is a 404", () => {
    const w = world();
    const other = world();
    const s = buildShift(db, actor, other.c, other.p, other.alpha.id);
    expect(() => getShift(db, "system", { coalitionId: w.c, programId: w.p, shiftId: s.id })).toThrow(/not found/);
    expect(() => cancelShift(db, actor, { coalitionId: w.c, programId: other.p, shiftId: s.id })).toThrow(/not found/);
  });
});

describe("signUp", () => {
  it("credits the recruiter; never takes more than capacity", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id, { capacity: 2, coHostIds: [w.bravo.id] });
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer() }, BEFORE).ok).toBe(true);
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ volunteerName: "Bo", email: "bo@example.test", recruitedByAffiliateId: w.bravo.id }) }, BEFORE).ok).toBe(true);
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ volunteerName: "Cy", email: "cy@example.test" }) }, BEFORE)).toMatchObject({ ok: false, message: expect.stringMatching(/full: 2 of 2/) });
    const d = getShift(db, "system", { coalitionId: w.c, programId: w.p, shiftId: s.id });
    expect(d.signups.map((x) => x.recruitedBy.id)).toEqual([w.alpha.id, w.bravo.id]);
    expect(d.shift.seatsLeft).toBe(0);
  });

  it("a cancelled sign-up frees its place", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id, { capacity: 1 });
    const id = buildSignup(db, actor, w.c, w.p, s.id, w.alpha.id);
    expect(cancelSignup(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, signupId: id }).ok).toBe(true);
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer() }, BEFORE).ok).toBe(true);
  });

  it("refuses the same person twice on one shift, a cancelled shift, an ended one, and a non-participating recruiter", () => {
    const w = world({ affiliates: [{ partner: 0, districts: ["07"] }, { partner: 4, districts: ["07"] }] });
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id);
    signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer() }, BEFORE);
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ email: "VERA@example.test" }) }, BEFORE)).toMatchObject({ ok: false, field: "email" });
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ email: "x@example.test", recruitedByAffiliateId: w.affiliates[1].id }) }, BEFORE)).toMatchObject({ ok: false, field: "recruitedByAffiliateId" });
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ email: "late@example.test" }) }, AFTER)).toMatchObject({ ok: false, message: expect.stringMatching(/over/) });
    cancelShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id });
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ email: "y@example.test" }) }, BEFORE)).toMatchObject({ ok: false, message: expect.stringMatching(/cancelled/) });
  });

  it("warns a lead double-booking their own volunteer on an overlapping shift; booking anyway is allowed", () => {
    const w = world();
    const a = buildShift(db, actor, w.c, w.p, w.alpha.id);
    const b = buildShift(db, actor, w.c, w.p, w.bravo.id, { startsAt: "2027-04-10T11:00", endsAt: "2027-04-10T13:00" });
    signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: a.id, ...w.volunteer({ phone: "610-555-0100", email: null }) }, BEFORE);
    const warned = signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: b.id, ...w.volunteer({ phone: "(610) 555 0100", email: null }) }, BEFORE);
    expect(warned).toMatchObject({ ok: false, warning: true, field: "email", message: expect.stringMatching(/already booked.*Book them anyway/) });
    // another affiliate's volunteer is not "their own": no warning
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: b.id, ...w.volunteer({ phone: "610-555-0100", email: null, recruitedByAffiliateId: w.bravo.id }) }, BEFORE).ok).toBe(true);
    cancelSignup(db, actor, { coalitionId: w.c, programId: w.p, shiftId: b.id, signupId: db.select().from(signups).all().at(-1)!.id });
    expect(signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: b.id, ...w.volunteer({ phone: "610-555-0100", email: null, confirmDouble: true }) }, BEFORE).ok).toBe(true);
  });

  it("F3/F4: a walled person is refused on independent-side work, audited, nothing written", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id);
    db.insert(walls)
      .values({ coalitionId: w.c, personName: "Wally Walled", email: "wally@example.test", reason: "candidate_service", raceId: w.race.id, startDate: "2027-01-01", lastServiceDate: "2027-02-01", untilDate: "2027-06-01", createdBy: actor.id, createdAt: "2027-01-01T00:00:00Z" })
      .run();
    const r = signUp(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...w.volunteer({ volunteerName: "Wally", email: "Wally@Example.test" }) }, BEFORE);
    expect(r).toMatchObject({ ok: false, field: "email", message: expect.stringMatching(/F4/) });
    expect(db.select().from(signups).all()).toHaveLength(0);
    expect(audits().at(-1)).toMatchObject({ decision: "deny", rule: "F4", action: "firewall.placement" });
  });
});

describe("attendance and results", () => {
  it("attendance and results wait for the shift to start", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id);
    const id = buildSignup(db, actor, w.c, w.p, s.id, w.alpha.id);
    expect(setAttendance(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, signupId: id, attended: true }, BEFORE).ok).toBe(false);
    expect(setAttendance(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, signupId: id, attended: true }, AFTER).ok).toBe(true);
    const counts = { affiliateId: w.alpha.id, doorsKnocked: 80, conversations: 20, callsDialed: 0, contactsMade: 0, textsSent: 0 };
    expect(recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...counts }, BEFORE).ok).toBe(false);
    expect(recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, ...counts }, AFTER).ok).toBe(true);
  });

  it("sums results per day (in the race's zone), per affiliate and against the goals; a correction replaces", () => {
    const w = world();
    const sat = buildShift(db, actor, w.c, w.p, w.alpha.id, { coHostIds: [w.bravo.id] });
    // 9 PM to 11 PM local: after midnight UTC, still Saturday in Pennsylvania
    const late = buildShift(db, actor, w.c, w.p, w.alpha.id, { workType: "phonebank", location: null, callLink: "https://meet.example.test/x", startsAt: "2027-04-10T21:00", endsAt: "2027-04-10T23:00" });
    const sun = buildShift(db, actor, w.c, w.p, w.bravo.id, { startsAt: "2027-04-11T09:00", endsAt: "2027-04-11T11:00" });
    const zero = { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
    const now = new Date("2027-04-12T12:00:00Z");
    recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: sat.id, ...zero, affiliateId: w.alpha.id, doorsKnocked: 10, conversations: 1 }, now);
    recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: sat.id, ...zero, affiliateId: w.alpha.id, doorsKnocked: 100, conversations: 30 }, now); // correction
    recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: sat.id, ...zero, affiliateId: w.bravo.id, doorsKnocked: 50, conversations: 10 }, now);
    recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: late.id, ...zero, affiliateId: w.alpha.id, callsDialed: 300, contactsMade: 40 }, now);
    recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: sun.id, ...zero, affiliateId: w.bravo.id, doorsKnocked: 70, conversations: 15 }, now);
    // read at the same clock the results were recorded at (only started shifts count)
    const r = programResults(db, "system", { coalitionId: w.c, programId: w.p, now });
    expect(r.totals).toEqual({ doorsKnocked: 220, conversations: 55, callsDialed: 300, contactsMade: 40, textsSent: 0 });
    expect(r.byDay).toEqual([
      { date: "2027-04-10", doorsKnocked: 150, conversations: 40, callsDialed: 300, contactsMade: 40, textsSent: 0 },
      { date: "2027-04-11", doorsKnocked: 70, conversations: 15, callsDialed: 0, contactsMade: 0, textsSent: 0 },
    ]);
    expect(r.byAffiliate.find((a) => a.affiliateId === w.alpha.id)).toMatchObject({ doorsKnocked: 100, callsDialed: 300, shifts: 2 });
    expect(r.byAffiliate.find((a) => a.affiliateId === w.bravo.id)).toMatchObject({ doorsKnocked: 120, shifts: 2 });
    expect(r.goals.find((g) => g.workType === "doorknock")).toMatchObject({ target: 5000, done: 220 });
    expect(r.goals.find((g) => g.workType === "phonebank")).toMatchObject({ target: 8000, done: 300 });
  });
});

describe("time zones: Arizona and New York around daylight-saving changes", () => {
  it("Arizona: entered and shown in America/Phoenix, stored UTC (7 hours ahead all year)", () => {
    const w = world({ state: "AZ", affiliates: [{ partner: 0, state: "AZ", districts: ["07"] }, { partner: 1, state: "AZ", districts: ["07"] }] });
    expect(w.race.timeZone).toBe("America/Phoenix");
    const nov = buildShift(db, actor, w.c, w.p, w.alpha.id, { startsAt: "2026-11-01T09:00", endsAt: "2026-11-01T12:00" });
    const mar = buildShift(db, actor, w.c, w.p, w.alpha.id, { startsAt: "2027-03-14T02:30", endsAt: "2027-03-14T04:00" }); // no gap in Arizona
    expect([nov.startsAt, nov.endsAt]).toEqual(["2026-11-01T16:00:00.000Z", "2026-11-01T19:00:00.000Z"]);
    expect(mar.startsAt).toBe("2027-03-14T09:30:00.000Z");
    const shown = listShifts(db, "system", { coalitionId: w.c, programId: w.p });
    expect(shown.map((s) => s.when)).toEqual(["Sun, Nov 1, 2026, 9:00 AM – 12:00 PM MST", "Sun, Mar 14, 2027, 2:30 AM – 4:00 AM MST"]);
    expect(shown.map((s) => s.startsLocal)).toEqual(["2026-11-01T09:00", "2027-03-14T02:30"]);
  });

  it("New York, 2026-11-01: a shift across the fall-back hour is stored UTC and shown in both offsets", () => {
    const w = world();
    expect(w.race.timeZone).toBe("America/New_York");
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id, { startsAt: "2026-11-01T00:30", endsAt: "2026-11-01T03:00" });
    expect([s.startsAt, s.endsAt]).toEqual(["2026-11-01T04:30:00.000Z", "2026-11-01T08:00:00.000Z"]); // 3.5 hours, not 2.5
    const [shown] = listShifts(db, "system", { coalitionId: w.c, programId: w.p });
    expect(shown.when).toBe("Sun, Nov 1, 2026, 12:30 AM EDT – 3:00 AM EST");
    expect([shown.startsLocal, shown.endsLocal]).toEqual(["2026-11-01T00:30", "2026-11-01T03:00"]);
  });

  it("New York, 2027-03-14: a start in the spring-forward gap is a field error; 03:00 is fine", () => {
    const w = world();
    const gap = createShift(db, actor, { coalitionId: w.c, programId: w.p, ...w.shiftInput({ startsAt: "2027-03-14T02:15", endsAt: "2027-03-14T05:00" }) });
    expect(gap).toMatchObject({ ok: false, field: "startsAt", message: expect.stringMatching(/does not exist in America\/New_York/) });
    const ok = buildShift(db, actor, w.c, w.p, w.alpha.id, { startsAt: "2027-03-14T01:00", endsAt: "2027-03-14T04:00" });
    expect((Date.parse(ok.endsAt) - Date.parse(ok.startsAt)) / 3_600_000).toBe(2);
  });

  it("the week view puts each shift on its local day in its own race's zone", () => {
    const az = world({ state: "AZ", affiliates: [{ partner: 0, state: "AZ", districts: ["07"] }, { partner: 1, state: "AZ", districts: ["07"] }] });
    // Sunday 9 PM in Phoenix is Monday 04:00 UTC: it belongs to the week of Oct 26, on Sunday
    const s = buildShift(db, actor, az.c, az.p, az.alpha.id, { startsAt: "2026-11-01T21:00", endsAt: "2026-11-01T23:00" });
    const week = weekShifts(db, "system", { coalitionId: az.c, weekStart: "2026-10-26" }).days;
    expect(week.map((d) => d.date)).toEqual(["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01"]);
    expect(week[6].shifts.map((x) => x.id)).toEqual([s.id]);
    expect(weekShifts(db, "system", { coalitionId: az.c, weekStart: "2026-11-02" }).days.flatMap((d) => d.shifts)).toEqual([]);
  });
});

describe("upcoming shifts, my affiliate", () => {
  it("lists what is still to come, and a lead's units, shifts and sign-ups", () => {
    const w = world();
    const unit = shiftTurfUnit(db, w.p, { holderAffiliateId: w.alpha.id });
    const past = buildShift(db, actor, w.c, w.p, w.alpha.id, { startsAt: "2027-03-02T09:00", endsAt: "2027-03-02T10:00" });
    const next = buildShift(db, actor, w.c, w.p, w.bravo.id, { coHostIds: [w.alpha.id], turfUnitIds: [unit.id] });
    buildSignup(db, actor, w.c, w.p, next.id, w.alpha.id, { volunteerName: "Nia" });
    expect(upcomingShifts(db, "system", { coalitionId: w.c, programId: w.p, now: new Date("2027-03-05T00:00:00Z") }).map((s) => s.id)).toEqual([next.id]);
    const lead = testActor(db, "Lena Lead");
    grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.c, affiliateId: w.alpha.id });
    const [mine] = myAffiliate(db, loadPrincipal(db, lead.id)!, { coalitionId: w.c, now: new Date("2027-03-05T00:00:00Z") });
    expect(mine.affiliate.id).toBe(w.alpha.id);
    expect(mine.units.rows.map((u) => u.id)).toEqual([unit.id]);
    expect(mine.shifts.rows.map((s) => [s.id, s.role])).toEqual([
      [past.id, "host"],
      [next.id, "co-host"],
    ]);
    expect(mine.signups.rows.map((s) => s.volunteerName)).toEqual(["Nia"]);
  });
});

describe("calendar feeds", () => {
  it("an affiliate's feed lists its hosted and co-hosted shifts until revoked; no volunteers in it", () => {
    const w = world();
    const hosted = buildShift(db, actor, w.c, w.p, w.alpha.id, { notes: "Meet at the back door; bring water, sunscreen" });
    const co = buildShift(db, actor, w.c, w.p, w.bravo.id, { coHostIds: [w.alpha.id], startsAt: "2027-04-11T09:00", endsAt: "2027-04-11T11:00" });
    buildShift(db, actor, w.c, w.p, w.bravo.id, { startsAt: "2027-04-12T09:00", endsAt: "2027-04-12T11:00" });
    buildSignup(db, actor, w.c, w.p, hosted.id, w.alpha.id, { volunteerName: "Secret Sam", email: "sam@example.test" });
    cancelShift(db, actor, { coalitionId: w.c, programId: w.p, shiftId: co.id });
    const { token, feedId } = createFeed(db, actor, { affiliateId: w.alpha.id });
    const ics = feedCalendar(db, "system", { token, now: new Date("2027-04-01T00:00:00Z") })!;
    const lines = unfold(ics);
    expect(lines.filter((l) => l.startsWith("UID:"))).toEqual([`UID:shift-${hosted.id}@coalition-table`, `UID:shift-${co.id}@coalition-table`]);
    expect(lines).toContain("DTSTART:20270410T130000Z");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(ics).toContain("Meet at the back door\\; bring water\\, sunscreen");
    expect(ics).not.toContain("Secret Sam");
    expect(ics).not.toContain("sam@example.test");
    expect(feedCalendar(db, "system", { token: "x".repeat(32) })).toBeNull();
    revokeFeed(db, actor, { affiliateId: w.alpha.id, feedId });
    expect(feedCalendar(db, "system", { token })).toBeNull();
    expect(() => revokeFeed(db, actor, { affiliateId: w.bravo.id, feedId })).toThrow(/not found/);
  });

  it("a program's feed lists its shifts within its window", () => {
    const w = world();
    buildShift(db, actor, w.c, w.p, w.alpha.id);
    buildShift(db, actor, w.c, w.p, w.bravo.id, { startsAt: "2027-04-11T09:00", endsAt: "2027-04-11T11:00" });
    const { token } = createFeed(db, actor, { programId: w.p });
    expect(unfold(feedCalendar(db, "system", { token, now: BEFORE })!).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    // the feed's window: from 30 days back to 180 ahead
    expect(unfold(feedCalendar(db, "system", { token, now: new Date("2027-05-12T00:00:00Z") })!).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(0);
    expect(unfold(feedCalendar(db, "system", { token, now: new Date("2026-10-13T00:00:00Z") })!).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });
});

describe("CSV exports", () => {
  it("exports shifts, sign-ups and results for a member; a campaign recipient is refused under F7", () => {
    const w = world();
    const s = buildShift(db, actor, w.c, w.p, w.alpha.id, { title: "=cmd|' /C calc'!A0", coHostIds: [w.bravo.id] });
    buildSignup(db, actor, w.c, w.p, s.id, w.alpha.id, { volunteerName: "Vera, Jr." });
    recordResults(db, actor, { coalitionId: w.c, programId: w.p, shiftId: s.id, affiliateId: w.bravo.id, doorsKnocked: 9, conversations: 3, callsDialed: 0, contactsMade: 0, textsSent: 0 }, AFTER);
    const facilitator = testActor(db, "Fay Facilitator");
    grantRole(db, actor, facilitator.id, { role: "facilitator", coalitionId: w.c });
    const fay = loadPrincipal(db, facilitator.id)!;
    const csv = (r: ReturnType<typeof exportCsv>) => (r.ok ? [...r.chunks].join("") : "");
    const sh = csv(exportCsv(db, fay, { coalitionId: w.c, programId: w.p, kind: "shifts", recipient: "member" }));
    expect(sh.split("\r\n")[1]).toMatch(/^\d+,doorknock,'=cmd/);
    expect(sh).toContain("2027-04-10T09:00,2027-04-10T12:00,America/New_York");
    // issue 18: a vendor recipient is one of the table's vendors (rule F5 asks about it); without one it is refused
    expect(exportCsv(db, fay, { coalitionId: w.c, programId: w.p, kind: "signups", recipient: "vendor" })).toMatchObject({ ok: false, field: "vendorId" });
    const mailhouse = createVendor(db, actor, w.c, { name: "Mailhouse", services: "mail" });
    if (!mailhouse.ok) throw new Error(mailhouse.message);
    const su = csv(exportCsv(db, fay, { coalitionId: w.c, programId: w.p, kind: "signups", recipient: "vendor", vendorId: mailhouse.vendor.id }));
    expect(su).toContain('"Vera, Jr."');
    const re = csv(exportCsv(db, fay, { coalitionId: w.c, programId: w.p, kind: "results", recipient: "member" }));
    expect(re.split("\r\n")[1]).toMatch(/,2027-04-10,doorknock,.*,9,3,0,0,0$/);
    const before = audits().length;
    expect(exportCsv(db, fay, { coalitionId: w.c, programId: w.p, kind: "results", recipient: "campaign" })).toMatchObject({ ok: false, field: "recipient", message: expect.stringMatching(/campaign/) });
    expect(audits().slice(before)).toEqual([expect.objectContaining({ decision: "deny", rule: "F7", action: "firewall.campaign_export" })]);
  });
});
