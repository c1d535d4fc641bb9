/**
 * A small program with shifts, co-hosts, turf, sign-ups (some cancelled, recruited by different
 * affiliates), results and a cancelled shift: the world the field exports are compared on
 * (tests/models/field-exports.test.ts). Built only through the factories and the models, so the
 * same calls give the same rows and ids in a fresh database.
 */
import type { Db } from "../../../db/client";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { cancelShift } from "~/models/shifts.server";
import { cancelSignup, setAttendance } from "~/models/signups.server";
import { recordResults } from "~/models/shift-results.server";
import { testActor } from "../../db";
import { buildPolicy, buildProgramWorld, buildShift, buildSignup, shiftTurfUnit } from "../../factories";

export const EXPORT_AFTER = new Date("2027-04-20T12:00:00Z");

export function exportWorld(db: Db, actor: Actor) {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo, charlie] = w.affiliates;
  const c = w.coalition.id;
  const p = w.program.id;
  const u1 = shiftTurfUnit(db, p, { code: "W-1", holderAffiliateId: alpha.id });
  const u2 = shiftTurfUnit(db, p, { code: "W-2" });
  const u3 = shiftTurfUnit(db, p, { code: "C-1", kind: "call_list", name: "Lehigh call list" });
  const s1 = buildShift(db, actor, c, p, alpha.id, { title: "=cmd|' /C calc'!A0", coHostIds: [bravo.id], turfUnitIds: [u1.id, u2.id], notes: "Bring water, \"good\" shoes\nand a pen" });
  const s2 = buildShift(db, actor, c, p, bravo.id, { workType: "phonebank", location: null, callLink: "https://meet.example.test/pb", startsAt: "2027-04-10T21:00", endsAt: "2027-04-10T23:00", turfUnitIds: [u3.id] });
  const s3 = buildShift(db, actor, c, p, charlie.id, { startsAt: "2027-04-11T09:00", endsAt: "2027-04-11T11:00", coHostIds: [alpha.id] });
  const s4 = buildShift(db, actor, c, p, alpha.id, { startsAt: "2027-04-12T09:00", endsAt: "2027-04-12T11:00" });
  const s5 = buildShift(db, actor, c, p, bravo.id, { startsAt: "2027-03-20T09:00", endsAt: "2027-03-20T11:00", title: "Early doors" });
  buildSignup(db, actor, c, p, s1.id, alpha.id, { volunteerName: "Vera, Jr." });
  buildSignup(db, actor, c, p, s1.id, bravo.id, { volunteerName: "Bo Bravo", email: null, phone: "(555) 555-0101" });
  const gone = buildSignup(db, actor, c, p, s1.id, charlie.id, { volunteerName: "Cy Charlie" });
  buildSignup(db, actor, c, p, s2.id, bravo.id, { volunteerName: "Pat Phone" });
  buildSignup(db, actor, c, p, s3.id, charlie.id, { volunteerName: "Cam Charlie" });
  buildSignup(db, actor, c, p, s5.id, alpha.id, { volunteerName: "Ed Early" });
  const sa = buildSignup(db, actor, c, p, s4.id, alpha.id, { volunteerName: "Al Later" });
  cancelSignup(db, actor, { coalitionId: c, programId: p, shiftId: s1.id, signupId: gone }, new Date("2027-03-02T12:00:00Z"));
  setAttendance(db, actor, { coalitionId: c, programId: p, shiftId: s4.id, signupId: sa, attended: true }, EXPORT_AFTER);
  cancelShift(db, actor, { coalitionId: c, programId: p, shiftId: s4.id }, new Date("2027-04-13T12:00:00Z"));
  const zero = { doorsKnocked: 0, conversations: 0, callsDialed: 0, contactsMade: 0, textsSent: 0 };
  const at = { coalitionId: c, programId: p };
  recordResults(db, actor, { ...at, shiftId: s1.id, ...zero, affiliateId: bravo.id, doorsKnocked: 9, conversations: 3 }, EXPORT_AFTER);
  recordResults(db, actor, { ...at, shiftId: s1.id, ...zero, affiliateId: alpha.id, doorsKnocked: 40, conversations: 12 }, EXPORT_AFTER);
  recordResults(db, actor, { ...at, shiftId: s2.id, ...zero, affiliateId: bravo.id, callsDialed: 300, contactsMade: 40 }, EXPORT_AFTER);
  recordResults(db, actor, { ...at, shiftId: s3.id, ...zero, affiliateId: charlie.id, doorsKnocked: 20, conversations: 5 }, EXPORT_AFTER);
  recordResults(db, actor, { ...at, shiftId: s5.id, ...zero, affiliateId: bravo.id, doorsKnocked: 15, conversations: 4 }, EXPORT_AFTER);
  const facilitator = testActor(db, "Fay Facilitator");
  grantRole(db, actor, facilitator.id, { role: "facilitator", coalitionId: c });
  const lead = testActor(db, "Lena Lead");
  grantRole(db, actor, lead.id, { role: "affiliate_lead", coalitionId: c, affiliateId: charlie.id });
  // rule F6 on the act: the lead has acknowledged the member's current policy, so may export
  buildPolicy(db, actor, charlie.partnerId, [lead.id]);
  return { ...w, alpha, bravo, charlie, c, p, shifts: [s1, s2, s3, s4, s5], fay: loadPrincipal(db, facilitator.id)!, lena: loadPrincipal(db, lead.id)! };
}
