import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as profile from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as history from "~/routes/tables.$coalitionId.candidates.$candidateId.history";
import * as edit from "~/routes/tables.$coalitionId.candidates.$candidateId.edit";
import { updateCandidate } from "~/models/candidates.server";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as home from "~/routes/tables.$coalitionId._index";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { getCandidateProfile } from "~/models/candidates.server";
import { withheldEntry } from "~/models/firewall.server";
import { loadPrincipal } from "~/models/accounts.server";
import { buildAffiliate, buildPolicy, buildCandidate, buildCoalition, buildPartner, buildProfileItem, buildRace, stance } from "../factories";
import { act, load, signInAs } from "./helpers";
import { auditRows, freshDb } from "./support";

const CAMPAIGN_TEXT = "Campaign says its February bus tour needs door-knockers in the rural counties.";
const PASSWORD = "a-long-test-password";

let db: Db;
let actor: Actor;

function world() {
  const table = buildCoalition(db, actor);
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CFOUR" });
  const pac = buildPartner(db, actor, table.id, { legalType: "pac", shortName: "PACX" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const candidate = buildCandidate(db, actor, table.id, race.id, { name: "Jordan Vale" });
  buildProfileItem(db, actor, table.id, candidate.id, { kind: "note", body: "A public town hall.", sourceKind: "public", sourceUrl: "https://example.com/a", capturedAt: "2026-11-01" });
  buildProfileItem(db, actor, table.id, candidate.id, { kind: "note", body: CAMPAIGN_TEXT, sourceKind: "campaign" });
  const person = (email: string, grants: Parameters<typeof grantRole>[3][]) => {
    const u = createUserWithPassword(db, { name: email, email, password: PASSWORD });
    for (const g of grants) grantRole(db, actor, u.id, g);
    return u;
  };
  const affiliate = buildAffiliate(db, actor, table.id, c4.id, { state: "PA", districts: ["07"] });
  const w = {
    table,
    race,
    candidate,
    pac,
    facilitator: person("fac@example.org", [{ role: "facilitator", coalitionId: table.id }]),
    c4rep: person("rep@c4.example.org", [{ role: "partner_rep", partnerId: c4.id }]),
    c4counsel: person("counsel@c4.example.org", [{ role: "counsel", partnerId: c4.id }]),
    c4lead: person("lead@c4.example.org", [{ role: "affiliate_lead", affiliateId: affiliate.id }]),
    pacrep: person("rep@pac.example.org", [{ role: "partner_rep", partnerId: pac.id }]),
    both: person("both@example.org", [
      { role: "partner_rep", partnerId: c4.id },
      { role: "partner_rep", partnerId: pac.id },
    ]),
    facilitatorAndRep: person("facrep@example.org", [
      { role: "facilitator", coalitionId: table.id },
      { role: "partner_rep", partnerId: c4.id },
    ]),
  };
  // Rule F6: each member's people have acknowledged its policy, so the pages open.
  buildPolicy(db, actor, c4.id, [w.c4rep.id, w.c4counsel.id, w.c4lead.id, w.both.id, w.facilitatorAndRep.id]);
  buildPolicy(db, actor, pac.id, [w.pacrep.id, w.both.id]);
  return w;
}

beforeEach(() => {
  ({ db, actor } = freshDb());
});

describe("F2: campaign information never reaches an independent-side user", () => {
  it("withholds campaign notes from the profile's loader data for every independent-side person, says so, and logs it", async () => {
    const w = world();
    const params = { coalitionId: String(w.table.id), candidateId: String(w.candidate.id) };
    const path = `/tables/${w.table.id}/candidates/${w.candidate.id}`;
    for (const u of [w.c4rep, w.c4counsel, w.c4lead, w.pacrep, w.both, w.facilitatorAndRep]) {
      signInAs(db, u.id);
      const before = auditRows(db).length;
      const data = await load(profile.loader, path, params);
      expect(JSON.stringify(data), u.email).not.toContain("bus tour");
      expect(data.withheld, u.email).toBe(1);
      expect(data.items.map((i) => i.sourceKind)).toEqual(["public"]);
      const rows = auditRows(db).slice(before);
      expect(rows).toEqual([expect.objectContaining({ action: "firewall.campaign_info", decision: "deny", rule: "F2" })]);
    }
  });

  it("lets neutral staff (the facilitator, the admin) see it, without a denial", async () => {
    const w = world();
    const params = { coalitionId: String(w.table.id), candidateId: String(w.candidate.id) };
    const path = `/tables/${w.table.id}/candidates/${w.candidate.id}`;
    for (const id of [w.facilitator.id, actor.id]) {
      signInAs(db, id);
      const before = auditRows(db).length;
      const data = await load(profile.loader, path, params);
      expect(JSON.stringify(data)).toContain("bus tour");
      expect(data.withheld).toBe(0);
      expect(auditRows(db).length).toBe(before);
    }
  });

  it("withholds the campaign note from the edit history too", async () => {
    const w = world();
    const params = { coalitionId: String(w.table.id), candidateId: String(w.candidate.id) };
    signInAs(db, w.c4rep.id);
    const data = await load(history.loader, `/tables/${w.table.id}/candidates/${w.candidate.id}/history`, params);
    expect(JSON.stringify(data)).not.toContain("bus tour");
    expect(data.withheld).toBe(1);
    signInAs(db, w.facilitator.id);
    const full = await load(history.loader, `/tables/${w.table.id}/candidates/${w.candidate.id}/history`, params);
    expect(JSON.stringify(full)).toContain("bus tour");
  });

  it("no other loader of the table carries the campaign note to an independent-side user", async () => {
    const w = world();
    signInAs(db, w.c4rep.id);
    const table = { coalitionId: String(w.table.id) };
    for (const [loader, path] of [
      [matrix.loader, `/tables/${w.table.id}/matrix`],
      [home.loader, `/tables/${w.table.id}`],
    ] as const) {
      expect(JSON.stringify(await load(loader, path, table))).not.toContain("bus tour");
    }
  });
});

describe("F2: one firewall record per request (issue 11: reads do not queue for the write lock)", () => {
  it("the candidate page as an independent-side representative appends exactly one row, naming every withheld item", async () => {
    const w = world();
    // a second kind of campaign information on the same page: the PAC's stance note from the campaign
    stance(db, actor, w.table.id, w.candidate.id, w.pac.id, "endorsed", { note: "The campaign asked us for a mail piece.", noteSource: "campaign" });
    const params = { coalitionId: String(w.table.id), candidateId: String(w.candidate.id) };
    signInAs(db, w.c4rep.id);
    const before = auditRows(db).length;
    const data = await load(profile.loader, `/tables/${w.table.id}/candidates/${w.candidate.id}`, params);
    expect(JSON.stringify(data)).not.toContain("bus tour");
    expect(JSON.stringify(data)).not.toContain("mail piece");
    const rows = auditRows(db).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "firewall.campaign_info", decision: "deny", rule: "F2" });
    // the one row names both withholdings and their counts
    expect(rows[0].detail).toBe("2 withheld: profile of Jordan Vale (1); a stance note from the campaign (1)");
    const raceOf = db.$client.prepare("select race_id as raceId, actor_id as actorId from audit_log order by id desc limit 1").get() as { raceId: number; actorId: number };
    expect(raceOf).toEqual({ raceId: w.race.id, actorId: w.c4rep.id });
  });

  it("appends at once when no request is being answered (a model called directly, a script)", () => {
    const w = world();
    const viewer = loadPrincipal(db, w.c4rep.id)!;
    const before = auditRows(db).length;
    getCandidateProfile(db, viewer, { coalitionId: w.table.id, candidateId: w.candidate.id, today: "2026-11-20" });
    expect(auditRows(db).slice(before)).toEqual([expect.objectContaining({ rule: "F2", detail: "1 withheld: profile of Jordan Vale" })]);
  });

  it("groups a request's withholdings across races, naming each race for the trail's race filter", () => {
    expect(withheldEntry([{ raceId: 4, what: "stance notes from the campaign", count: 2 }])).toEqual({ raceId: 4, detail: "2 withheld: stance notes from the campaign" });
    expect(
      withheldEntry([
        { raceId: 4, what: "stance notes from the campaign", count: 2 },
        { raceId: 12, what: "a stance note from the campaign", count: 1 },
        { raceId: 4, what: "stance notes from the campaign", count: 1 },
        { raceId: null, what: "notes of meeting 3 (Kickoff), tied to no race", count: 1 },
      ]),
    ).toEqual({
      raceId: null,
      detail: "5 withheld in 3 races: race 4: stance notes from the campaign (3) | race 12: a stance note from the campaign (1) | no race: notes of meeting 3 (Kickoff), tied to no race (1)",
    });
  });
});

describe("F2: a campaign bio is withheld like a campaign note (issue 12)", () => {
  const BIO = "Campaign staff say she will announce a Medicaid plan at the March rally.";

  function must<T extends { ok: boolean }>(r: T): T {
    expect(r.ok).toBe(true);
    return r;
  }

  function bioWorld() {
    const w = world();
    const candidate = buildCandidate(db, actor, w.table.id, w.race.id, { name: "Rae Holm", bio: "Former nurse.", bioSourceKind: "research" });
    // the facilitator pastes what the campaign told the table, then a public bio replaces it
    must(updateCandidate(db, actor, w.table.id, candidate.id, { name: "Rae Holm", party: "Democratic", incumbency: "challenger", bio: BIO, bioSourceKind: "campaign", website: null, socialLinks: "" }));
    const params = { coalitionId: String(w.table.id), candidateId: String(candidate.id) };
    const path = `/tables/${w.table.id}/candidates/${candidate.id}`;
    return { ...w, bioCandidate: candidate, params, path };
  }

  it("keeps the campaign bio out of the profile's loader data for every independent-side person, counts it and logs it", async () => {
    const w = bioWorld();
    for (const u of [w.c4rep, w.c4counsel, w.c4lead, w.pacrep, w.both, w.facilitatorAndRep]) {
      signInAs(db, u.id);
      const before = auditRows(db).length;
      const data = await load(profile.loader, w.path, w.params);
      expect(JSON.stringify(data), u.email).not.toContain("Medicaid plan");
      expect(data.withheld, u.email).toBe(1);
      expect(data.candidate.bioSourceKind).toBe("campaign");
      expect(auditRows(db).slice(before)).toEqual([expect.objectContaining({ action: "firewall.campaign_info", decision: "deny", rule: "F2" })]);
    }
    signInAs(db, w.facilitator.id);
    const full = await load(profile.loader, w.path, w.params);
    expect(full.candidate.bio).toBe(BIO);
    expect(full.withheld).toBe(0);
  });

  it("keeps the campaign bio out of the edit history, before and after, while the facilitator sees it", async () => {
    const w = bioWorld();
    // relabelled public with the same text: the earlier revisions still hold the campaign's words
    must(
      updateCandidate(db, actor, w.table.id, w.bioCandidate.id, {
        name: "Rae Holm",
        party: "Democratic",
        incumbency: "challenger",
        bio: "Former nurse; running on health care.",
        bioSourceKind: "public",
        bioSourceUrl: "https://holm.example/about",
        bioCapturedAt: "2026-03-01",
        website: null,
        socialLinks: "",
      }),
    );
    signInAs(db, w.c4rep.id);
    const data = await load(history.loader, `${w.path}/history`, w.params);
    expect(JSON.stringify(data)).not.toContain("Medicaid plan");
    expect(data.withheld).toBeGreaterThan(0);
    expect(data.revisions).toHaveLength(3);
    signInAs(db, w.facilitator.id);
    const full = await load(history.loader, `${w.path}/history`, w.params);
    expect(JSON.stringify(full)).toContain("Medicaid plan");
    expect(full.withheld).toBe(0);
  });

  it("an editor the bio was withheld from does not wipe it by saving the profile", async () => {
    const w = bioWorld();
    signInAs(db, w.facilitatorAndRep.id);
    const data = await load(edit.loader, `${w.path}/edit`, w.params);
    expect(JSON.stringify(data)).not.toContain("Medicaid plan");
    await act(edit.action, `${w.path}/edit`, w.params, { intent: "update", name: "Rae Holm", party: "Democratic", incumbency: "open_seat", bio: "", website: "", socialLinks: "" });
    const row = db.$client.prepare("select bio, bio_source_kind as kind, incumbency from candidates where id = ?").get(w.bioCandidate.id);
    expect(row).toEqual({ bio: BIO, kind: "campaign", incumbency: "open_seat" });
  });
});
