import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { pledges, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { appendAudit } from "~/models/audit.server";
import { createOverride } from "~/models/overrides.server";
import { counselHome, leadHome, representativeHome } from "~/models/role-homes.server";
import { addProcessStep, recordCandidateProcess } from "~/models/processes.server";
import { cellText } from "~/domain/processes";
import { testActor, testDb } from "../db";
import { buildCandidate, buildPolicy, buildProgramWorld, buildRace, buildShift, buildSignup, shiftTurfUnit, stance } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const NOW = new Date("2027-03-05T12:00:00Z");
const TODAY = "2027-03-05";

/** A program world (4 of 5 partners endorse; a sub-table with a program in PA-07) and a person with one role in it. */
function world() {
  const w = buildProgramWorld(db, actor);
  const c = w.coalition.id;
  const person = (name: string, grant: Parameters<typeof grantRole>[3]) => {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, { coalitionId: c, ...grant });
    return { ...u, principal: () => loadPrincipal(db, u.id)! };
  };
  return { ...w, c, person };
}

describe("a partner representative's home", () => {
  it("leads with the candidates near critical mass its partner has not decided on, its sub-tables and their next shifts, and its policy to acknowledge", () => {
    const w = world();
    const rep = person(w, "Rita Rep", { role: "partner_rep", partnerId: w.partners[0].id });
    // a candidate in another race with 2 of 4 endorsements: nearing critical mass
    const race = buildRace(db, actor, w.c, { district: "08" });
    const near = buildCandidate(db, actor, w.c, race.id, { name: "Nora Near" });
    expect(stance(db, actor, w.c, near.id, w.partners[1].id, "endorsed").ok).toBe(true);
    expect(stance(db, actor, w.c, near.id, w.partners[2].id, "endorsed").ok).toBe(true);
    const shift = buildShift(db, actor, w.c, w.program.id, w.affiliates[0].id, { startsAt: "2027-03-10T09:00", endsAt: "2027-03-10T12:00" });
    buildShift(db, actor, w.c, w.program.id, w.affiliates[0].id, { startsAt: "2027-03-02T09:00", endsAt: "2027-03-02T12:00" }); // over already
    buildPolicy(db, actor, w.partners[0].id);

    const home = () => representativeHome(db, rep.principal(), { coalitionId: w.c, threshold: 4, today: TODAY, now: NOW });
    const first = home();
    expect(first.partner?.id).toBe(w.partners[0].id);
    expect(first.decisions).toEqual({ rows: [expect.objectContaining({ id: near.id, count: 2, stance: null })], total: 1 });
    expect(first.subTables.rows).toEqual([expect.objectContaining({ id: w.subTable.id, memberCount: 4, programId: w.program.id })]);
    expect(first.shifts.map((s) => s.id)).toEqual([shift.id]);
    expect(first.policyGaps).toEqual([expect.objectContaining({ partnerId: w.partners[0].id, problem: "not_acknowledged" })]);

    // considering: still its decision; endorsed: decided, off the list
    stance(db, actor, w.c, near.id, w.partners[0].id, "considering");
    expect(home().decisions.rows).toEqual([expect.objectContaining({ id: near.id, stance: "considering" })]);
    stance(db, actor, w.c, near.id, w.partners[0].id, "declined");
    expect(home().decisions).toEqual({ rows: [], total: 0 });
  });

  it("shows where each candidate stands in its own partner's process (\"Considering · Interview done\"), never another partner's", () => {
    const w = world();
    const rep = person(w, "Rita Rep", { role: "partner_rep", partnerId: w.partners[0].id });
    const race = buildRace(db, actor, w.c, { district: "08" });
    const near = buildCandidate(db, actor, w.c, race.id, { name: "Nora Near" });
    const also = buildCandidate(db, actor, w.c, buildRace(db, actor, w.c, { district: "09" }).id, { name: "Nate Near" });
    for (const c of [near, also]) for (const p of [w.partners[1], w.partners[2]]) expect(stance(db, actor, w.c, c.id, p.id, "endorsed").ok).toBe(true);
    const step = (partnerId: number, label: string) => {
      const r = addProcessStep(db, actor, { partnerId, label });
      if (!r.ok) throw new Error(r.message);
      return r.step.id;
    };
    const interview = step(w.partners[0].id, "Interview done");
    const theirs = step(w.partners[3].id, "Board vote");
    stance(db, actor, w.c, near.id, w.partners[0].id, "considering");
    expect(recordCandidateProcess(db, actor, { coalitionId: w.c, partnerId: w.partners[0].id, candidateId: near.id, stepId: interview, expectedOn: "2027-03-20" }).ok).toBe(true);
    // another partner's step on the other candidate is not this representative's
    expect(recordCandidateProcess(db, actor, { coalitionId: w.c, partnerId: w.partners[3].id, candidateId: also.id, stepId: theirs, expectedOn: null }).ok).toBe(true);
    const rows = representativeHome(db, rep.principal(), { coalitionId: w.c, threshold: 4, today: TODAY, now: NOW }).decisions.rows;
    expect(rows.map((r) => [r.name, cellText(r.stance, r.step), r.expectedOn])).toEqual([
      ["Nora Near", "Considering · Interview done", "2027-03-20"],
      ["Nate Near", "", null],
    ]);
  });

  it("another partner's representative sees neither this partner's sub-table nor its shifts", () => {
    const w = world();
    const outsider = person(w, "Otto Outsider", { role: "partner_rep", partnerId: w.partners[4].id });
    buildShift(db, actor, w.c, w.program.id, w.affiliates[0].id, { startsAt: "2027-03-10T09:00", endsAt: "2027-03-10T12:00" });
    const home = representativeHome(db, outsider.principal(), { coalitionId: w.c, threshold: 4, today: TODAY, now: NOW });
    expect(home.subTables).toEqual({ rows: [], total: 0 });
    expect(home.shifts).toEqual([]);
  });
});

describe("an affiliate lead's home", () => {
  it("shows its share of the program's turf by kind, its next shifts, its volunteers and the pledges due", () => {
    const w = world();
    const alpha = w.affiliates[0];
    const lead = person(w, "Lena Lead", { role: "affiliate_lead", affiliateId: alpha.id });
    shiftTurfUnit(db, w.program.id, { holderAffiliateId: alpha.id, size: 100 });
    shiftTurfUnit(db, w.program.id, { holderAffiliateId: alpha.id, size: 50 });
    shiftTurfUnit(db, w.program.id, { holderAffiliateId: w.affiliates[1].id, size: 150 });
    shiftTurfUnit(db, w.program.id, { kind: "call_list", holderAffiliateId: alpha.id, size: 500 });
    const hosted = buildShift(db, actor, w.c, w.program.id, alpha.id, { startsAt: "2027-03-10T09:00", endsAt: "2027-03-10T12:00" });
    const coHosted = buildShift(db, actor, w.c, w.program.id, w.affiliates[1].id, { coHostIds: [alpha.id], startsAt: "2027-03-12T09:00", endsAt: "2027-03-12T12:00" });
    buildShift(db, actor, w.c, w.program.id, w.affiliates[1].id, { startsAt: "2027-03-11T09:00", endsAt: "2027-03-11T12:00" }); // not its own
    buildSignup(db, actor, w.c, w.program.id, hosted.id, alpha.id, { volunteerName: "Nia" });
    buildSignup(db, actor, w.c, w.program.id, coHosted.id, w.affiliates[1].id, { volunteerName: "Not ours" });
    const pledge = (weekStart: string, hours: number) =>
      db.insert(pledges).values({ programId: w.program.id, affiliateId: alpha.id, workType: "doorknock", weekStart, hours, updatedAt: NOW.toISOString() }).run();
    pledge("2027-02-22", 10); // a week that has ended
    pledge("2027-03-01", 12); // this week
    pledge("2027-03-08", 8);

    const home = leadHome(db, lead.principal(), { coalitionId: w.c, today: TODAY, now: NOW });
    expect(home.affiliates.map((a) => a.id)).toEqual([alpha.id]);
    expect(home.turf).toEqual([
      expect.objectContaining({ kind: "call_list", units: 1, size: 500, programUnits: 1, programSize: 500 }),
      expect.objectContaining({ kind: "walk_packet", units: 2, size: 150, programUnits: 3, programSize: 300 }),
    ]);
    expect(home.shifts.map((s) => s.id)).toEqual([hosted.id, coHosted.id]);
    expect(home.signups.rows.map((s) => s.volunteerName)).toEqual(["Nia"]);
    expect(home.pledges.rows.map((p) => [p.weekStart, p.hours])).toEqual([
      ["2027-03-01", 12],
      ["2027-03-08", 8],
    ]);
    expect(home.pledges.total).toBe(2);
  });
});

describe("counsel's home", () => {
  it("lists overrides waiting for a second approval, recent refusals, walls ending soon and who has not acknowledged the policy", () => {
    const w = world();
    const member = w.partners[0].id;
    const counsel = person(w, "Cora Counsel", { role: "counsel", partnerId: member });
    const rep = person(w, "Rita Rep", { role: "partner_rep", partnerId: member });
    person(w, "Lena Lead", { role: "affiliate_lead", affiliateId: w.affiliates[0].id });
    person(w, "Other Rep", { role: "partner_rep", partnerId: w.partners[1].id });
    buildPolicy(db, actor, member, [counsel.id]);
    const joint = createOverride(db, counsel.principal(), w.c, { partnerId: member, raceId: w.race.id, scope: "joint_canvass", subjectId: null, reason: "Public rally.", expiresOn: "2027-04-30" }, TODAY, NOW);
    expect(joint.ok).toBe(true);
    createOverride(db, counsel.principal(), w.c, { partnerId: member, raceId: w.race.id, scope: "vendor", subjectId: null, reason: "One approval is enough.", expiresOn: "2027-04-30" }, TODAY, NOW);
    db.transaction((tx) => {
      appendAudit(tx, actor, { action: "shift.create", decision: "deny", rule: "F7", partnerId: member, raceId: w.race.id, detail: "A campaign host on the independent side" }, new Date("2027-03-04T10:00:00Z"));
      appendAudit(tx, actor, { action: "shift.create", decision: "deny", rule: "F7", partnerId: member, raceId: w.race.id, detail: "Long ago" }, new Date("2027-01-04T10:00:00Z"));
      appendAudit(tx, actor, { action: "shift.create", decision: "deny", rule: "F7", partnerId: w.partners[1].id, raceId: w.race.id, detail: "Another member's" }, new Date("2027-03-04T10:00:00Z"));
      appendAudit(tx, actor, { action: "firewall.campaign_info", decision: "deny", rule: "F2", partnerId: member, raceId: w.race.id, detail: "1 withheld: a page read" }, new Date("2027-03-04T11:00:00Z"));
    });
    const wall = (personName: string, over: Partial<typeof walls.$inferInsert>) =>
      db.insert(walls).values({ coalitionId: w.c, partnerId: member, personName, reason: "candidate_service", raceId: w.race.id, startDate: "2026-10-01", createdBy: actor.id, createdAt: NOW.toISOString(), ...over }).run();
    wall("Ends soon", { untilDate: "2027-03-20" });
    wall("Lookback ends soon", { lastServiceDate: "2026-11-15" }); // + 120 days = 2027-03-15
    wall("Ends later", { untilDate: "2027-09-01" });
    wall("Other member", { partnerId: w.partners[1].id, untilDate: "2027-03-20" });

    const home = counselHome(db, counsel.principal(), { coalitionId: w.c, today: TODAY, now: NOW });
    expect(home.members.map((m) => m.id)).toEqual([member]);
    expect(home.waiting.rows).toEqual([expect.objectContaining({ scope: "joint_canvass", approvals: 1, requiredApprovals: 2 })]);
    expect(home.refusals.rows.map((r) => r.detail)).toEqual(["A campaign host on the independent side"]);
    expect(home.wallsEnding.rows.map((r) => [r.personName, r.endsOn])).toEqual([
      ["Lookback ends soon", "2027-03-15"],
      ["Ends soon", "2027-03-20"],
    ]);
    const [acks] = home.acknowledgments;
    expect(acks).toMatchObject({ partnerId: member, version: 1 });
    expect(acks.missing.rows.map((p) => p.name)).toEqual(["Lena Lead", "Rita Rep"]);
    expect(acks.missing.total).toBe(2);
    expect(rep.id).toBeGreaterThan(0);
  });
});

function person(w: ReturnType<typeof world>, name: string, grant: Parameters<typeof grantRole>[3]) {
  return w.person(name, grant);
}
