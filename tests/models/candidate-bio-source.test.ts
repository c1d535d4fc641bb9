/**
 * Issue 12 (rule F2): the candidate's bio carries a source like a profile item, and a
 * campaign bio is withheld by the candidates model from a viewer who may not receive campaign
 * information about the race: the profile, the candidate read, the race's list and the history.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { getCandidate, getCandidateProfile, listCandidatesInRace, listRevisions, updateCandidate } from "~/models/candidates.server";
import { buildCandidate, buildCoalition, buildPartner, buildRace } from "../factories";
import { testActor, testDb } from "../db";

const BIO = "The campaign says the candidate will skip the union forum to fundraise in Aspen.";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

function world() {
  const table = buildCoalition(db, actor);
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CFOUR" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const candidate = buildCandidate(db, actor, table.id, race.id, { name: "Lee Ortiz", bio: BIO, bioSourceKind: "campaign" });
  const other = buildCandidate(db, actor, table.id, race.id, { name: "Ana Ruiz", bio: "A public bio.", bioSourceKind: "public", bioSourceUrl: "https://ruiz.example", bioCapturedAt: "2026-02-01" });
  const u = db.insert(users).values({ name: "Rep", email: "rep@c4.example.org" }).returning().get();
  grantRole(db, actor, u.id, { role: "partner_rep", partnerId: c4.id });
  const staff = db.insert(users).values({ name: "Fac", email: "fac@example.org" }).returning().get();
  grantRole(db, actor, staff.id, { role: "facilitator", coalitionId: table.id });
  return { table, race, candidate, other, rep: loadPrincipal(db, u.id)!, facilitator: loadPrincipal(db, staff.id)! };
}

const denials = () => db.select().from(auditLog).where(eq(auditLog.action, "firewall.campaign_info")).all();

describe("a campaign bio under rule F2", () => {
  it("existing and new bios without a stated source are the table's research", () => {
    const w = world();
    const plain = buildCandidate(db, actor, w.table.id, w.race.id, { bio: "Written by the facilitator." });
    expect(plain.bioSourceKind).toBe("research");
    expect(w.candidate.bioSourceKind).toBe("campaign");
  });

  it("is withheld from an independent-side viewer's profile, counted with the withheld items, and logged once", () => {
    const w = world();
    const input = { coalitionId: w.table.id, candidateId: w.candidate.id, today: "2026-03-01" };
    const before = denials().length;
    const p = getCandidateProfile(db, w.rep, input);
    expect(JSON.stringify(p)).not.toContain("Aspen");
    expect(p.candidate).toMatchObject({ bio: "", bioSourceKind: "campaign" });
    expect(p.withheld).toBe(1);
    expect(p.others.map((c) => c.bio)).toEqual(["A public bio."]);
    expect(denials().slice(before)).toEqual([expect.objectContaining({ decision: "deny", rule: "F2", raceId: w.race.id })]);

    const full = getCandidateProfile(db, w.facilitator, input);
    expect(full.candidate.bio).toBe(BIO);
    expect(full.withheld).toBe(0);
  });

  it("is withheld from getCandidate and the race's candidate list too", () => {
    const w = world();
    expect(getCandidate(db, w.rep, { coalitionId: w.table.id, candidateId: w.candidate.id }).candidate.bio).toBe("");
    expect(JSON.stringify(listCandidatesInRace(db, w.rep, { raceId: w.race.id }))).not.toContain("Aspen");
    expect(getCandidate(db, w.facilitator, { coalitionId: w.table.id, candidateId: w.candidate.id }).candidate.bio).toBe(BIO);
    expect(getCandidate(db, "system", { coalitionId: w.table.id, candidateId: w.candidate.id }).candidate.bio).toBe(BIO);
  });

  it("is withheld from every revision of the history, even after it is relabelled research with the same words", () => {
    const w = world();
    const base = { name: "Lee Ortiz", party: "Democratic", incumbency: "challenger" as const, website: null, socialLinks: "" };
    expect(updateCandidate(db, actor, w.table.id, w.candidate.id, { ...base, bio: BIO, bioSourceKind: "research" }).ok).toBe(true);
    const input = { coalitionId: w.table.id, candidateId: w.candidate.id };
    const h = listRevisions(db, w.rep, input);
    expect(h.revisions).toHaveLength(2);
    expect(JSON.stringify(h)).not.toContain("Aspen");
    expect(h.withheld).toBe(2);
    expect(JSON.stringify(listRevisions(db, w.facilitator, input))).toContain("Aspen");
    // a candidate whose bio was never the campaign's keeps its history as it was
    expect(JSON.stringify(listRevisions(db, w.rep, { coalitionId: w.table.id, candidateId: w.other.id }))).toContain("A public bio.");
  });

  it("an edit by a walled editor keeps the withheld bio as it is", () => {
    const w = world();
    const grants = db.insert(users).values({ name: "Both", email: "both@example.org" }).returning().get();
    grantRole(db, actor, grants.id, { role: "facilitator", coalitionId: w.table.id });
    grantRole(db, actor, grants.id, { role: "partner_rep", partnerId: w.rep.grants[0].partnerId! });
    const both = loadPrincipal(db, grants.id)!;
    const r = updateCandidate(db, both, w.table.id, w.candidate.id, { name: "Lee Ortiz", party: "Democratic", incumbency: "incumbent", bio: "", website: null, socialLinks: "" });
    expect(r.ok && r.candidate).toMatchObject({ bio: BIO, bioSourceKind: "campaign", incumbency: "incumbent" });
  });
});
