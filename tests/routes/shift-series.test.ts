/**
 * Issue 14: a series of shifts from the create form (slots the same day, weekly until a date),
 * all or none in one transaction, F6 asked once; and attendance for a whole shift on one screen.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import { grantRole } from "~/models/accounts.server";
import { shifts } from "../../db/schema";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld } from "../factories";
import { act, expectInvalid, expectRedirect, signInAs } from "./helpers";
import { auditRows, freshDb } from "./support";

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
