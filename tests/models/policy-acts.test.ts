/**
 * Rule F6 on every act (issue 18): a person acting for a member who has not acknowledged the
 * member's current policy is refused a stance, a pledge, a sign-up, an export, a new or edited
 * shift, inside the act's own transaction: nothing is written but the denial's audit row, which
 * names the version. After the acknowledgment the same act goes through. Neutral staff pass.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, endorsementEvents, pledges, shiftResults, shifts, signups, turfUnits, candidateProcesses, outsideEndorsements } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { recordStance } from "~/models/endorsements.server";
import { exportCsv } from "~/models/field-exports.server";
import { setPledge } from "~/models/pledges.server";
import { acknowledgePolicy, currentPolicy } from "~/models/policies.server";
import { createShift, updateShift } from "~/models/shifts.server";
import { setAttendance, signUp } from "~/models/signups.server";
import { recordResults } from "~/models/shift-results.server";
import { addUnit } from "~/models/turf.server";
import { publishShift } from "~/models/public-shifts.server";
import { recordCandidateProcess } from "~/models/processes.server";
import { addOutsideSupport } from "~/models/outside-support.server";
import { testActor, testDb } from "../db";
import { buildCandidate, buildPolicy, buildProgramWorld, buildShift, shiftInput } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const NOW = new Date("2027-03-01T12:00:00Z");
/** After the world's shift (2027-04-10): attendance and results are taken once it has started. */
const AFTER = new Date("2027-04-11T12:00:00Z");

/** A volunteer on the world's shift, signed up by the facilitator (neutral staff: F6 does not ask). */
function volunteerOn(w: W): number {
  const found = db.select().from(signups).where(eq(signups.shiftId, w.shift.id)).get();
  if (found) return found.id;
  const r = signUp(db, actor, { ...w.ref, shiftId: w.shift.id, volunteerName: "Ada Attendee", email: "ada@example.test", phone: null, recruitedByAffiliateId: w.alpha.id, confirmDouble: false }, NOW);
  if (!r.ok) throw new Error(`expected a sign-up: ${JSON.stringify(r)}`);
  return db.select().from(signups).where(eq(signups.shiftId, w.shift.id)).get()!.id;
}

/** A program world; Alpha's lead acknowledged version 1 of every member's policy, then version 2 of Alpha's member came out. */
function world() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  const lead = testActor(db, "Alan Alpha");
  grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: alpha.id });
  const rep = testActor(db, "Rita Rep");
  grantRole(db, actor, rep.id, { role: "partner_rep", coalitionId: w.coalition.id, partnerId: alpha.partnerId });
  for (const p of w.partners) buildPolicy(db, actor, p.id, [lead.id, rep.id]);
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, alpha.id, { coHostIds: [bravo.id] });
  const other = buildCandidate(db, actor, w.coalition.id, w.race.id);
  const v2 = buildPolicy(db, actor, alpha.partnerId, [], { title: "Firewall policy, second version" });
  const ref = { coalitionId: w.coalition.id, programId: w.program.id };
  return { ...w, alpha, bravo, lead, rep, shift, other, v2, ref, leadP: loadPrincipal(db, lead.id)!, repP: loadPrincipal(db, rep.id)! };
}

type W = ReturnType<typeof world>;

/** Each act, as the given person, with what it writes when it goes through. */
const ACTS: { name: string; prepare?: (w: W) => void; run: (w: W, who: Actor) => { ok: boolean }; written: (w: W) => number }[] = [
  {
    name: "record a stance",
    run: (w, who) => recordStance(db, who, w.coalition.id, { candidateId: w.other.id, partnerId: w.alpha.partnerId, affiliateId: null, stance: "considering", decidedOn: "2027-02-01", decidingBody: "", note: "", noteSource: "research", notePrivate: false }, NOW),
    written: () => db.select().from(endorsementEvents).all().length,
  },
  {
    name: "pledge",
    run: (w, who) => setPledge(db, who, { ...w.ref, affiliateId: w.alpha.id, workType: "doorknock", weekStart: "2027-03-01", hours: 12 }, NOW),
    written: () => db.select().from(pledges).all().length,
  },
  {
    name: "sign volunteers up",
    run: (w, who) => signUp(db, who, { ...w.ref, shiftId: w.shift.id, volunteerName: "Val Volunteer", email: "val@example.test", phone: null, recruitedByAffiliateId: w.alpha.id, confirmDouble: false }, NOW),
    written: () => db.select().from(signups).all().length,
  },
  {
    name: "export",
    run: (w, who) => exportCsv(db, loadPrincipal(db, who.id)!, { ...w.ref, kind: "shifts", recipient: "member" }, NOW),
    written: () => db.select().from(auditLog).where(eq(auditLog.action, "field.export")).all().length,
  },
  {
    name: "create a shift",
    run: (w, who) => createShift(db, who, { ...w.ref, ...shiftInput(w.alpha.id, { startsAt: "2027-04-17T09:00", endsAt: "2027-04-17T12:00" }) }),
    written: () => db.select().from(shifts).all().length,
  },
  {
    name: "edit a shift",
    run: (w, who) => updateShift(db, who, { ...w.ref, shiftId: w.shift.id, ...shiftInput(w.alpha.id, { coHostIds: [w.bravo.id], capacity: 25 }) }, NOW),
    written: () => db.select().from(shifts).where(eq(shifts.capacity, 25)).all().length,
  },
  {
    name: "take attendance",
    prepare: (w) => void volunteerOn(w),
    run: (w, who) => setAttendance(db, who, { ...w.ref, shiftId: w.shift.id, signupId: volunteerOn(w), attended: true }, AFTER),
    written: () => db.select().from(signups).where(eq(signups.attended, true)).all().length,
  },
  {
    name: "record results",
    run: (w, who) => recordResults(db, who, { ...w.ref, shiftId: w.shift.id, affiliateId: w.alpha.id, doorsKnocked: 120, conversations: 30, callsDialed: 0, contactsMade: 0, textsSent: 0 }, AFTER),
    written: () => db.select().from(shiftResults).all().length,
  },
  {
    name: "change the program's turf",
    run: (w, who) => addUnit(db, who, { ...w.ref, code: "WP-F6", kind: "walk_packet", name: "Packet typed by hand", size: 120, state: w.race.state, district: w.race.district ?? "01", county: "Test", precinct: "", localOnly: false }, NOW),
    written: () => db.select().from(turfUnits).all().length,
  },
  {
    name: "publish a shift to its public page",
    run: (w, who) => publishShift(db, who, { ...w.ref, shiftId: w.shift.id, publish: true }, NOW),
    written: () => db.select().from(shifts).all().filter((x) => x.publishedAt !== null).length,
  },
  {
    name: "record where a candidate stands in the partner's process",
    run: (w, who) => recordCandidateProcess(db, who, { coalitionId: w.coalition.id, partnerId: w.alpha.partnerId, candidateId: w.other.id, stepId: null, expectedOn: "2027-03-15" }, NOW),
    written: () => db.select().from(candidateProcesses).all().length,
  },
  {
    name: "record a candidate's support from outside the table for the member",
    run: (w, who) =>
      addOutsideSupport(db, who, { coalitionId: w.coalition.id, candidateId: w.other.id, partnerId: w.alpha.partnerId, kind: "union", name: "Local 1", sourceUrl: "https://example.org/local-1", endorsedOn: "2027-02-01", note: null, today: "2027-03-01" }, NOW),
    written: () => db.select().from(outsideEndorsements).all().length,
  },
];

describe("rule F6 on every act", () => {
  for (const a of ACTS) {
    it(`${a.name}: refused until the current version is acknowledged, the denial audited with the version; then allowed`, () => {
      const w = world();
      a.prepare?.(w);
      const before = a.written(w);
      const auditBefore = db.select().from(auditLog).all().length;
      const r = a.run(w, w.lead) as { ok: boolean; rule?: string; message?: string; acknowledge?: unknown };
      expect(r).toMatchObject({ ok: false, rule: "F6", acknowledge: { coalitionId: w.coalition.id, partnerId: w.alpha.partnerId, policyId: w.v2.id, version: 2 } });
      expect(r.message).toMatch(/acknowledge version 2 of its firewall policy \(firewall rule F6\)/);
      expect(a.written(w)).toBe(before);
      const added = db.select().from(auditLog).all().slice(auditBefore);
      expect(added).toEqual([expect.objectContaining({ action: "firewall.policy_act", decision: "deny", rule: "F6", actorId: w.lead.id, partnerId: w.alpha.partnerId, raceId: w.race.id })]);
      expect(added[0].detail).toMatch(/refused: version 2 not acknowledged/);

      acknowledgePolicy(db, w.lead, { policyId: w.v2.id, version: 2 });
      expect(a.run(w, w.lead).ok).toBe(true);
      expect(a.written(w)).toBe(before + 1);
    });
  }

  it("a member's representative is asked too; the facilitator (neutral staff) is not", () => {
    const w = world();
    expect(ACTS[0].run(w, w.rep)).toMatchObject({ ok: false, rule: "F6" });
    expect(ACTS[1].run(w, actor)).toMatchObject({ ok: true });
  });

  it("a member with no written policy at all: every act refused, with no version to acknowledge", () => {
    const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
    const lead = testActor(db, "Nora Nopolicy");
    grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[0].id });
    const r = setPledge(db, lead, { coalitionId: w.coalition.id, programId: w.program.id, affiliateId: w.affiliates[0].id, workType: "phonebank", weekStart: "2027-03-01", hours: 5 }, NOW);
    expect(r).toMatchObject({ ok: false, rule: "F6", acknowledge: { policyId: null, version: null } });
    if (!r.ok) expect(r.message).toMatch(/has no written firewall policy yet/);
    expect(currentPolicy(db, w.affiliates[0].partnerId)).toBeNull();
  });

  it("only the act's own member is asked: a lead of another member, who acknowledged that member's current policy, signs up", () => {
    const w = world();
    // the lead of another partner's affiliate (Bravo's) acknowledged Bravo's member's policy; Alpha's new version is not theirs
    const bravoLead = testActor(db, "Bea Bravo");
    grantRole(db, actor, bravoLead.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.bravo.id });
    acknowledgePolicy(db, bravoLead, { policyId: currentPolicy(db, w.bravo.partnerId)!.id, version: 1 });
    expect(signUp(db, bravoLead, { ...w.ref, shiftId: w.shift.id, volunteerName: "Ben", email: "ben@example.test", phone: null, recruitedByAffiliateId: w.bravo.id, confirmDouble: false }, NOW)).toMatchObject({ ok: true });
  });
});
