import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { recordResult } from "~/models/results.server";
import { carrySubTable } from "~/models/carry.server";
import { testActor } from "../db";
import { buildCandidate, buildCoalition, buildPartner, buildProgram, buildRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { auditRows, dump, freshDb, rows } from "./support";

let db: Db;
let actor: Actor;
let coalitionId: number;
let partners: number[];
let winner: number;
let loser: number;
let raceId: number;
let subId: number;
let otherSubId: number;
let programId: number;

const BEFORE_PRIMARY = new Date("2026-03-02T15:00:00Z");
const AFTER_PRIMARY = new Date("2026-05-25T15:00:00Z");
const source = { sourceUrl: "https://sos.example.gov/2026-primary", sourceDate: "2026-05-29" };

beforeEach(() => {
  ({ db, actor } = freshDb());
  coalitionId = buildCoalition(db, actor, { threshold: 2 }).id;
  partners = [1, 2, 3].map(() => buildPartner(db, actor, coalitionId).id);
  // the primary is past on the real clock; the general is ahead
  raceId = buildRace(db, actor, coalitionId, { primaryDate: "2026-05-19", generalDate: "2027-11-02" }).id;
  winner = buildCandidate(db, actor, coalitionId, raceId, { name: "Dana Ortiz" }).id;
  loser = buildCandidate(db, actor, coalitionId, raceId, { name: "Sam Lee" }).id;
  const on = { decidedOn: "2026-03-02", now: BEFORE_PRIMARY };
  stance(db, actor, coalitionId, winner, partners[0], "endorsed", on);
  const formed = stance(db, actor, coalitionId, winner, partners[1], "endorsed", on);
  if (!formed.ok || formed.subTable.kind !== "form") throw new Error("expected a sub-table");
  subId = formed.subTable.subCoalitionId!;
  programId = buildProgram(db, actor, coalitionId, subId, { startDate: "2026-03-01", endDate: "2026-05-19" }).id;
  // a second sub-table, in another race, that nobody carries
  const otherRace = buildRace(db, actor, coalitionId, { primaryDate: "2026-05-19", generalDate: "2027-11-02" }).id;
  const other = buildCandidate(db, actor, coalitionId, otherRace, { name: "Jo Park" }).id;
  stance(db, actor, coalitionId, other, partners[1], "endorsed", on);
  const second = stance(db, actor, coalitionId, other, partners[2], "endorsed", on);
  if (!second.ok || second.subTable.kind !== "form") throw new Error("expected a second sub-table");
  otherSubId = second.subTable.subCoalitionId!;
  recordResult(db, actor, { coalitionId, raceId, election: "primary", candidateId: loser, votes: 3900, outcome: "lost", ...source }, AFTER_PRIMARY);
});

const params = () => ({ coalitionId: String(coalitionId), subTableId: String(subId) });
const path = () => `/tables/${coalitionId}/sub-tables/${subId}`;
const programRow = () => db.$client.prepare("select start_date as startDate, end_date as endDate from canvass_programs where id = ?").get(programId) as { startDate: string; endDate: string };

describe("carrying a sub-table into the general", () => {
  it("without results the sub-table closes after the primary, as before, and says why it cannot be carried", async () => {
    const page = await load(subTablePage.loader, path(), params());
    expect(page.subTable.status).toBe("closed");
    expect(page.election).toMatchObject({ election: "primary", electionDate: "2026-05-19", plan: null, notYet: expect.stringMatching(/Record the primary results first/) });
    const before = dump(db);
    await expectInvalid(act(subTablePage.action, path(), params(), { intent: "carry" }), ["_form"]);
    expect(dump(db)).toEqual(before);
  });

  it("once the candidate advanced: members carry over, the program gets new dates, the general's F8 window applies, the history shows the step", async () => {
    expect(recordResult(db, actor, { coalitionId, raceId, election: "primary", candidateId: winner, votes: 5200, outcome: "advanced_general", ...source }, AFTER_PRIMARY).ok).toBe(true);
    const offered = await load(subTablePage.loader, path(), params());
    expect(offered.election.plan).toEqual({ ok: true, election: "general", electionDate: "2027-11-02", programStart: "2026-05-20", programEnd: "2027-11-02" });

    await expectRedirect(act(subTablePage.action, path(), params(), { intent: "carry", note: "Both partners stay on" }), /\?carried$/);
    const page = await load(subTablePage.loader, path(), params());
    expect(page.subTable.status).toBe("active");
    expect(page.members.map((m) => m.partnerId).sort()).toEqual([partners[0], partners[1]].sort());
    expect(page.election).toMatchObject({
      election: "general",
      electionDate: "2027-11-02",
      window: { kind: "general", opens: "2027-08-04", closes: "2027-11-02" },
      plan: null,
    });
    expect(page.election.steps).toMatchObject([{ fromElection: "primary", toElection: "general", programStartBefore: "2026-03-01", programEndBefore: "2026-05-19", programStart: "2026-05-20", programEnd: "2027-11-02", note: "Both partners stay on" }]);
    expect(programRow()).toEqual({ startDate: "2026-05-20", endDate: "2027-11-02" });
    expect(auditRows(db).filter((a) => a.action === "subtable.carry")).toHaveLength(1);

    // a second carry has nothing to carry into
    await expectInvalid(act(subTablePage.action, path(), params(), { intent: "carry" }), ["_form"]);
    expect(rows(db, "sub_coalition_steps")).toBe(1);
    // the other sub-table was not carried: it still reads as closed after its primary
    const other = await load(subTablePage.loader, `/tables/${coalitionId}/sub-tables/${otherSubId}`, { ...params(), subTableId: String(otherSubId) });
    expect(other.subTable.status).toBe("closed");
  });

  it("each partner can still change its own stance after the step: one withdraws and leaves, another endorses and joins", () => {
    recordResult(db, actor, { coalitionId, raceId, election: "primary", candidateId: winner, votes: 5200, outcome: "advanced_general", ...source }, AFTER_PRIMARY);
    expect(carrySubTable(db, actor, { coalitionId, subCoalitionId: subId }, AFTER_PRIMARY).ok).toBe(true);
    const later = { decidedOn: "2026-06-10", now: new Date("2026-06-10T15:00:00Z") };
    const joined = stance(db, actor, coalitionId, winner, partners[2], "endorsed", later);
    expect(joined.ok && joined.subTable.kind).toBe("join");
    const left = stance(db, actor, coalitionId, winner, partners[0], "withdrawn", later);
    expect(left.ok && left.subTable.kind).toBe("leave");
  });

  it("refuses a candidate who lost, and anyone but the facilitator", async () => {
    recordResult(db, actor, { coalitionId, raceId, election: "primary", candidateId: winner, votes: 100, outcome: "lost", ...source }, AFTER_PRIMARY);
    expect(carrySubTable(db, actor, { coalitionId, subCoalitionId: subId }, AFTER_PRIMARY)).toMatchObject({ ok: false, message: expect.stringMatching(/only a candidate who advanced/) });
    recordResult(db, actor, { coalitionId, raceId, election: "primary", candidateId: winner, votes: 100, outcome: "advanced_general", ...source }, AFTER_PRIMARY);
    signInAs(db, testActor(db, "Nora Norole").id);
    await expectStatus(act(subTablePage.action, path(), params(), { intent: "carry" }), 403);
    expect(rows(db, "sub_coalition_steps")).toBe(0);
  });
});
