/**
 * The firewall by level (issue 13), through the routes: the window and lookback are the
 * table's settings, set by a seated member's counsel only, shown on the firewall page, the
 * race page and the wall roster, and recorded in the audit log.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import * as hub from "~/routes/tables.$coalitionId.firewall._index";
import * as lengths from "~/routes/tables.$coalitionId.firewall.lengths";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import { buildCoalition, buildPartner, buildPolicy, buildRace } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { auditRows, freshDb, rows } from "./support";
import type { CoalitionLevel } from "~/domain/vocabulary";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function world(level: CoalitionLevel) {
  const table = buildCoalition(db, actor, { level });
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", name: "Civic Four", shortName: "CIV4" });
  const elsewhere = buildPartner(db, actor, buildCoalition(db, actor).id, { legalType: "c4", name: "Elsewhere", shortName: "ELSE" });
  const race =
    level === "federal"
      ? buildRace(db, actor, table.id, { state: "PA", district: "07", primaryDate: "2027-05-18", generalDate: "2027-11-02" })
      : level === "state_legislative"
        ? buildRace(db, actor, table.id, { office: "State House", state: "MN", chamber: "lower", district: "34A", primaryDate: "2028-08-11", generalDate: "2028-11-07" })
        : buildRace(db, actor, table.id, { office: "City Council", state: "IL", locality: "Chicago", localityKind: "city", seatKind: "ward", district: "5", primaryDate: "2027-02-23", generalDate: "2027-04-06" });
  const person = (email: string, grants: Parameters<typeof grantRole>[3][]) => {
    const u = createUserWithPassword(db, { name: email.split("@")[0], email, password: "a-long-test-password" });
    for (const g of grants) grantRole(db, actor, u.id, g);
    return u;
  };
  const w = {
    table,
    c4,
    race,
    rep: person("rep@c4.example.org", [{ role: "partner_rep", partnerId: c4.id }]),
    counsel: person("counsel@c4.example.org", [{ role: "counsel", partnerId: c4.id }]),
    otherCounsel: person("counsel@else.example.org", [{ role: "counsel", partnerId: elsewhere.id }]),
    facilitator: person("fac@example.org", [{ role: "facilitator", coalitionId: table.id }]),
  };
  buildPolicy(db, actor, c4.id, [w.rep.id, w.counsel.id]);
  return w;
}

const url = (w: { table: { id: number } }) => `/tables/${w.table.id}/firewall/lengths`;
const p = (w: { table: { id: number } }) => ({ coalitionId: String(w.table.id) });
const fields = (w: { c4: { id: number } }, over: Record<string, string> = {}) => ({ intent: "lengths", partnerId: String(w.c4.id), windowDays: "60", lookbackDays: "180", basisNote: "Minn. Stat. 211B (counsel's reading)", ...over });

describe("a state or municipal table has no default pretending to be state law", () => {
  for (const level of ["state_legislative", "municipal"] as const) {
    it(`${level}: the firewall page says state law governs and counsel has not set the lengths, and names the federal stand-in`, async () => {
      const w = world(level);
      signInAs(db, w.rep.id);
      const data = await load(hub.loader, `/tables/${w.table.id}/firewall`, p(w));
      expect(data.lengths).toMatchObject({ basis: "federal_stand_in", windowDays: 90, lookbackDays: 120, level });
      const page = await load(lengths.loader, url(w), p(w));
      expect(page.lengths.basis).toBe("federal_stand_in");
      expect(page.members).toEqual([]); // a representative reads, does not set
    });
  }

  it("a federal table applies the federal rules by default", async () => {
    const w = world("federal");
    signInAs(db, w.rep.id);
    const data = await load(hub.loader, `/tables/${w.table.id}/firewall`, p(w));
    expect(data.lengths).toMatchObject({ basis: "federal_rules", windowDays: 90, lookbackDays: 120 });
  });
});

describe("counsel sets the table's window and lookback", () => {
  it("counsel of a seated member sets them; the firewall page, the race page and the audit log show them", async () => {
    const w = world("state_legislative");
    signInAs(db, w.counsel.id);
    const before = await load(lengths.loader, url(w), p(w));
    expect(before.members).toEqual([{ value: String(w.c4.id), label: "Civic Four" }]);
    await expectRedirect(act(lengths.action, url(w), p(w), fields(w)), /firewall\/lengths\?saved/);
    const hubData = await load(hub.loader, `/tables/${w.table.id}/firewall`, p(w));
    expect(hubData.lengths).toMatchObject({ basis: "counsel", windowDays: 60, lookbackDays: 180, stored: { basisNote: "Minn. Stat. 211B (counsel's reading)", setByName: "counsel" } });
    signInAs(db, w.rep.id);
    const race = await load(racePage.loader, `/tables/${w.table.id}/races/${w.race.id}`, { ...p(w), raceId: String(w.race.id) });
    expect(race.windowDays).toBe(60);
    expect(race.windows.find((x) => x.kind === "general")).toMatchObject({ election: "2028-11-07", opens: "2028-09-08" });
    expect(race.windowBasis).toContain("Set by counsel");
    const row = auditRows(db).find((r) => r.action === "firewall.lengths");
    expect(row).toMatchObject({ decision: "info", partnerId: w.c4.id });
    expect(row?.detail).toContain("window 90 → 60 days");
    expect(row?.detail).toContain("lookback 120 → 180 days");
    expect(row?.detail).toContain("was the federal stand-in");
  });

  it("refuses everyone but a seated member's counsel, and writes nothing", async () => {
    const w = world("municipal");
    for (const who of [w.rep, w.facilitator, w.otherCounsel]) {
      signInAs(db, who.id);
      await expectStatus(act(lengths.action, url(w), p(w), fields(w)), 403);
    }
    // counsel naming another table's member is refused too
    signInAs(db, w.otherCounsel.id);
    await expectStatus(act(lengths.action, url(w), p(w), fields(w, { partnerId: String(w.c4.id + 1) })), 403);
    expect(rows(db, "firewall_lengths")).toBe(0);
    expect(auditRows(db).some((r) => r.action === "firewall.lengths")).toBe(false);
  });

  it("bad lengths get a message next to the field and keep what was typed; a state table may set shorter lengths", async () => {
    const s = world("state_legislative");
    signInAs(db, s.counsel.id);
    const bad = await expectInvalid(act(lengths.action, url(s), p(s), fields(s, { windowDays: "0", lookbackDays: "lots" })), ["windowDays", "lookbackDays"]);
    expect(bad).toMatchObject({ values: { windowDays: "0", lookbackDays: "lots" } });
    // a state table may go below the federal lengths: state law decides
    await expectRedirect(act(lengths.action, url(s), p(s), fields(s, { windowDays: "30", lookbackDays: "60" })), /saved/);
    expect(rows(db, "firewall_lengths")).toBe(1);
  });

  it("a federal table may lengthen the federal periods, not shorten them", async () => {
    const f = world("federal");
    signInAs(db, f.counsel.id);
    const refused = await expectInvalid(act(lengths.action, url(f), p(f), fields(f, { windowDays: "60" })), ["windowDays"]);
    expect(JSON.stringify(refused)).toContain("may not be shorter than the federal 90 days");
    await expectRedirect(act(lengths.action, url(f), p(f), fields(f, { windowDays: "120", lookbackDays: "120" })), /saved/);
    expect(rows(db, "firewall_lengths")).toBe(1);
  });
});
