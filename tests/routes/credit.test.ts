import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pledges, shiftResults, shifts, signups } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole } from "~/models/accounts.server";
import { subTableCredit } from "~/models/credit.server";
import * as creditPage from "~/routes/tables.$coalitionId.credit.$subTableId";
import * as creditCsv from "~/routes/tables.$coalitionId.credit.$subTableId[.]csv";
import { testActor } from "../db";
import { buildCandidate, buildPolicy, buildProgramWorld, buildRace, buildShift, stance } from "../factories";
import { getRequest, load, settle, signInAs, withCookie } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildProgramWorld>;
let A: number, B: number, C: number;

/** Writes a sign-up as it stands after the shift (the sign-up and attendance rules are the shifts' tests'). */
function signup(shiftId: number, recruitedBy: number, over: Partial<typeof signups.$inferInsert> = {}) {
  db.insert(signups).values({ shiftId, volunteerName: "V", recruitedByAffiliateId: recruitedBy, createdBy: actor.id, createdAt: "2027-03-01T12:00:00.000Z", attended: true, ...over }).run();
}

beforeEach(() => {
  ({ db, actor } = freshDb());
  w = buildProgramWorld(db, actor);
  [A, B, C] = w.affiliates.map((a) => a.id);
  const { coalition, program } = w;
  // S1: A hosts with B, 9 to noon (3 h); S2: B hosts, 6 to 8 pm (2 h); S3: A hosts, cancelled
  const s1 = buildShift(db, actor, coalition.id, program.id, A, { coHostIds: [B] });
  const s2 = buildShift(db, actor, coalition.id, program.id, B, { workType: "phonebank", startsAt: "2027-04-11T18:00", endsAt: "2027-04-11T20:00", location: null, callLink: "https://meet.example.org/x" });
  const s3 = buildShift(db, actor, coalition.id, program.id, A, { startsAt: "2027-04-12T09:00", endsAt: "2027-04-12T12:00" });
  db.update(shifts).set({ cancelledAt: "2027-04-01T00:00:00.000Z" }).where(eq(shifts.id, s3.id)).run();
  const startOf = (id: number) => db.select({ s: shifts.startsAt }).from(shifts).where(eq(shifts.id, id)).get()!.s;
  const walkIn = (id: number) => new Date(Date.parse(startOf(id)) + 30 * 60_000).toISOString();
  signup(s1.id, A); // came
  signup(s1.id, A, { createdAt: walkIn(s1.id) }); // a walk-in, came
  signup(s1.id, B); // came
  signup(s1.id, B, { attended: false }); // no-show: recruited, no hours
  signup(s1.id, A, { cancelledAt: "2027-04-02T00:00:00.000Z" }); // cancelled sign-up: nothing
  signup(s2.id, B); // came
  signup(s2.id, C, { createdAt: walkIn(s2.id) }); // a walk-in from C, came
  signup(s3.id, A); // on the cancelled shift: nothing
  const at = "2027-04-01T00:00:00.000Z";
  db.insert(pledges)
    .values([
      { programId: program.id, affiliateId: A, workType: "doorknock", weekStart: "2027-04-05", hours: 10, updatedAt: at },
      { programId: program.id, affiliateId: A, workType: "doorknock", weekStart: "2027-04-12", hours: 5, updatedAt: at },
      { programId: program.id, affiliateId: B, workType: "phonebank", weekStart: "2027-04-05", hours: 4, updatedAt: at },
    ])
    .run();
  db.insert(shiftResults)
    .values([
      { shiftId: s1.id, affiliateId: A, doorsKnocked: 120, recordedBy: actor.id, recordedAt: at },
      { shiftId: s1.id, affiliateId: B, doorsKnocked: 60, recordedBy: actor.id, recordedAt: at },
      { shiftId: s2.id, affiliateId: B, callsDialed: 200, recordedBy: actor.id, recordedAt: at },
      { shiftId: s3.id, affiliateId: A, doorsKnocked: 999, recordedBy: actor.id, recordedAt: at },
    ])
    .run();
});

describe("a sub-table's credit, summed in SQL", () => {
  it("counts a hand-computed program: cancelled shifts and sign-ups count for nothing, walk-ins are credited to their recruiter", () => {
    const r = subTableCredit(db, "system", { coalitionId: w.coalition.id, subCoalitionId: w.subTable.id, today: "2027-04-11" });
    const byId = new Map(r.partners.flatMap((p) => p.affiliates).map((a) => [a.affiliateId, a]));
    expect(byId.get(A)).toMatchObject({ shiftsHosted: 1, shiftsCoHosted: 0, recruited: 2, walkIns: 1, attended: 2, hoursDelivered: 6, hoursPledged: 15, hoursPledgedToDate: 10, doors: 120, calls: 0 });
    expect(byId.get(B)).toMatchObject({ shiftsHosted: 1, shiftsCoHosted: 1, recruited: 3, walkIns: 0, attended: 2, hoursDelivered: 5, hoursPledged: 4, hoursPledgedToDate: 4, doors: 60, calls: 200 });
    expect(byId.get(C)).toMatchObject({ shiftsHosted: 0, recruited: 1, walkIns: 1, attended: 1, hoursDelivered: 2, hoursPledged: 0 });
    expect(byId.has(w.affiliates[3].id)).toBe(false);
    expect(r.total).toMatchObject({ recruited: 6, walkIns: 2, hoursDelivered: 13, hoursPledgedToDate: 14, doors: 180, calls: 200, deliveredShare: 0.93 });
    // every endorser is credited with its endorsement and its date, with or without field work
    expect(r.partners.map((p) => [p.partnerId, p.endorsedOn])).toEqual(expect.arrayContaining(w.endorsers.map((p) => [p.id, "2026-11-01"])));
    expect(r.partners).toHaveLength(4);
  });

  it("one partner's lines only, with ?partner=", () => {
    const r = subTableCredit(db, "system", { coalitionId: w.coalition.id, subCoalitionId: w.subTable.id, today: "2027-04-11", partnerId: w.partners[1].id });
    expect(r.partners.map((p) => p.partnerId)).toEqual([w.partners[1].id]);
    expect(r.partners[0].affiliates.map((a) => a.affiliateId)).toEqual([B]);
  });
});

describe("who reads a sub-table's credit", () => {
  function rep(partnerId: number, name: string) {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, { role: "partner_rep", partnerId });
    buildPolicy(db, actor, partnerId, [u.id]);
    return u.id;
  }
  const params = () => ({ coalitionId: String(w.coalition.id), subTableId: String(w.subTable.id) });
  const path = () => `/tables/${w.coalition.id}/credit/${w.subTable.id}`;

  it("a member partner's representative sees its sub-table's report and downloads its partner's CSV", async () => {
    signInAs(db, rep(w.partners[1].id, "Rita Rep"));
    const page = await load(creditPage.loader, path(), params());
    expect(page.partners.length).toBe(4);
    const res = (await creditCsv.loader({ request: await withCookie(getRequest(`${path()}.csv?partner=${w.partners[1].id}`)), params: params(), context: {} })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await res.text();
    const [head, ...lines] = text.trim().split(/\r?\n/);
    expect(head).toMatch(/^partner,affiliate,endorsed_on,stance,shifts_hosted/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(w.affiliates[1].name);
  });

  it("a representative sees its own sub-table's report, not another's", async () => {
    // the fifth partner is not in this sub-table; with three members it forms another, for another candidate
    const outsider = rep(w.partners[4].id, "Olga Outsider");
    const other = buildCandidate(db, actor, w.coalition.id, buildRace(db, actor, w.coalition.id).id);
    let formed: number | undefined;
    for (const p of [w.partners[4], w.partners[3], w.partners[2], w.partners[1]]) {
      const r = stance(db, actor, w.coalition.id, other.id, p.id, "endorsed");
      if (r.ok && r.subTable.kind === "form") formed = r.subTable.subCoalitionId;
    }
    signInAs(db, outsider);
    expect((await settle(load(creditPage.loader, path(), params()))).status).toBe(403);
    expect((await settle(creditCsv.loader({ request: await withCookie(getRequest(`${path()}.csv`)), params: params(), context: {} }))).status).toBe(403);
    const own = await load(creditPage.loader, `/tables/${w.coalition.id}/credit/${formed}`, { ...params(), subTableId: String(formed) });
    expect(own.subTable.candidateName).toBe(other.name);
  });

  it("answers an unknown sub-table with a 404", async () => {
    expect((await settle(load(creditPage.loader, `/tables/${w.coalition.id}/credit/999`, { ...params(), subTableId: "999" }))).status).toBe(404);
  });
});
