/**
 * Issue 13, remote work: an out-of-state affiliate joins a program remotely, pledges phone
 * hours, takes a share of the call lists (never doors), co-hosts a virtual phonebank; the
 * meeting link is for the shift's hosts and recruiters, not everyone at the table.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { setPledge } from "~/models/pledges.server";
import { joinProgramRemotely } from "~/models/remote-work.server";
import { createShift, getShift, listShiftPage, weekShifts } from "~/models/shifts.server";
import { signUp } from "~/models/signups.server";
import { computeSplit } from "~/models/split.server";
import { getProgram, programAffiliates } from "~/models/programs.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildProgramWorld, shiftInput, shiftTurfUnit } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const LINK = "https://meet.example.org/phonebank-pa07";

function world() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const [alpha, bravo] = w.affiliates;
  // a New Jersey chapter of alpha's partner, and one of a partner not on the sub-table
  const jersey = buildAffiliate(db, actor, w.coalition.id, alpha.partnerId, { name: "Jersey Chapter", state: "NJ", districts: ["05"], counties: [] });
  const outsider = buildAffiliate(db, actor, w.coalition.id, w.partners[4].id, { name: "Outsider Chapter", state: "NJ", districts: ["05"], counties: [] });
  const ref = { coalitionId: w.coalition.id, programId: w.program.id };
  return { ...w, alpha, bravo, jersey, outsider, ref };
}

const virtualPhonebank = (host: number, over: Partial<ReturnType<typeof shiftInput>> = {}) =>
  shiftInput(host, { workType: "phonebank", location: null, callLink: LINK, ...over });

describe("joining a program from another state", () => {
  it("an affiliate of a sub-table partner joins once; a local one or another partner's is refused", () => {
    const w = world();
    expect(programAffiliates(db, "system", getProgram(db, "system", w.ref)).map((a) => a.id)).not.toContain(w.jersey.id);
    expect(joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id })).toEqual({ ok: true, joined: true });
    expect(joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id })).toEqual({ ok: true, joined: false });
    const who = programAffiliates(db, "system", getProgram(db, "system", w.ref));
    expect(who.find((a) => a.id === w.jersey.id)).toMatchObject({ remote: true, state: "NJ" });
    expect(who.find((a) => a.id === w.alpha.id)).toMatchObject({ remote: false });
    expect(joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.alpha.id })).toMatchObject({ ok: false, field: "affiliateId", message: expect.stringMatching(/takes part in this program already/) });
    expect(joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.outsider.id })).toMatchObject({ ok: false, field: "affiliateId" });
  });

  it("a remote affiliate pledges phone hours (not doors) and takes its share of the call lists, never a walk packet", () => {
    const w = world();
    joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id });
    const week = "2027-03-29";
    expect(setPledge(db, actor, { ...w.ref, affiliateId: w.jersey.id, workType: "doorknock", weekStart: week, hours: 10 })).toMatchObject({
      ok: false,
      field: "workType",
      message: "Jersey Chapter takes part from outside Pennsylvania: it pledges phonebank, textbank or organizing-call hours, not doors or public events.",
    });
    for (let i = 0; i < 4; i++) shiftTurfUnit(db, w.program.id, { kind: "call_list", name: `Calls ${i}` });
    const doors = shiftTurfUnit(db, w.program.id, { kind: "walk_packet" });
    expect(setPledge(db, actor, { ...w.ref, affiliateId: w.jersey.id, workType: "phonebank", weekStart: week, hours: 30 })).toMatchObject({ ok: true });
    expect(setPledge(db, actor, { ...w.ref, affiliateId: w.alpha.id, workType: "phonebank", weekStart: week, hours: 10 })).toMatchObject({ ok: true });
    const split = computeSplit(db, getProgram(db, "system", w.ref));
    expect(split.shares.find((s) => s.kind === "call_list" && s.affiliateId === w.jersey.id)).toMatchObject({ units: 3 });
    expect(split.assignment.get(doors.id)).not.toBe(w.jersey.id);
  });
});

describe("virtual shifts across state lines", () => {
  it("a local host's virtual phonebank takes an out-of-state co-host; an in-person doorknock does not", () => {
    const w = world();
    joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id });
    const made = createShift(db, actor, { ...w.ref, ...virtualPhonebank(w.alpha.id, { coHostIds: [w.jersey.id] }) });
    expect(made.ok).toBe(true);
    const door = createShift(db, actor, { ...w.ref, ...shiftInput(w.alpha.id, { coHostIds: [w.jersey.id] }) });
    expect(door).toMatchObject({ ok: false, field: "coHosts", message: "Jersey Chapter is outside Pennsylvania: it can co-host a virtual phonebank, textbank or call only (a meeting link and no address)." });
    expect(createShift(db, actor, { ...w.ref, ...virtualPhonebank(w.jersey.id, { location: "Union hall" }) })).toMatchObject({ ok: false, field: "hostAffiliateId" });
  });

  it("an out-of-state lead hosts a virtual phonebank; a local lead recruits for it; the link is for them, not for another lead", () => {
    const w = world();
    joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id });
    const made = createShift(db, actor, { ...w.ref, ...virtualPhonebank(w.jersey.id) });
    if (!made.ok) throw new Error(made.message);
    const shiftRef = { ...w.ref, shiftId: made.shift.id };
    const lead = (name: string, affiliateId: number) => {
      const u = testActor(db, name);
      grantRole(db, actor, u.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId });
      return loadPrincipal(db, u.id)!;
    };
    const jen = lead("Jen Jersey", w.jersey.id);
    const al = lead("Al Alpha", w.alpha.id);
    const bo = lead("Bo Bravo", w.bravo.id);
    expect(getShift(db, jen, shiftRef).shift).toMatchObject({ callLink: LINK, linkHidden: false });
    // before alpha recruits, its lead sees that there is a link, not the link
    expect(getShift(db, al, shiftRef).shift).toMatchObject({ callLink: null, linkHidden: true });
    expect(signUp(db, actor, { ...shiftRef, volunteerName: "Vera", email: "vera@example.test", phone: null, recruitedByAffiliateId: w.alpha.id, confirmDouble: false }, new Date("2027-03-01T00:00:00Z"))).toMatchObject({ ok: true });
    expect(getShift(db, al, shiftRef).shift.callLink).toBe(LINK);
    const hidden = getShift(db, bo, shiftRef);
    expect(hidden.shift).toMatchObject({ callLink: null, linkHidden: true });
    expect(JSON.stringify(hidden)).not.toContain("meet.example.org");
    const list = listShiftPage(db, bo, { ...w.ref, when: "upcoming", now: new Date("2026-10-01T00:00:00Z") });
    expect(JSON.stringify(list)).not.toContain("meet.example.org");
    expect(JSON.stringify(weekShifts(db, bo, { coalitionId: w.coalition.id, weekStart: "2027-04-05" }))).not.toContain("meet.example.org");
    expect(JSON.stringify(weekShifts(db, jen, { coalitionId: w.coalition.id, weekStart: "2027-04-05" }))).toContain("meet.example.org");
  });

  it("an out-of-state affiliate recruits only for virtual shifts", () => {
    const w = world();
    joinProgramRemotely(db, actor, { ...w.ref, affiliateId: w.jersey.id });
    const door = createShift(db, actor, { ...w.ref, ...shiftInput(w.alpha.id) });
    if (!door.ok) throw new Error(door.message);
    expect(signUp(db, actor, { ...w.ref, shiftId: door.shift.id, volunteerName: "Nia", email: "nia@example.test", phone: null, recruitedByAffiliateId: w.jersey.id, confirmDouble: false }, new Date("2027-03-01T00:00:00Z"))).toMatchObject({
      ok: false,
      field: "recruitedByAffiliateId",
      message: expect.stringMatching(/can recruit for a virtual/),
    });
  });
});
