import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, subCoalitions } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { updateCoalition } from "~/models/coalitions.server";
import { updateAffiliate, updatePartner } from "~/models/partners.server";
import { listSubCoalitions } from "~/models/sub-coalitions.server";
import { removeProfileItem, updateCandidate } from "~/models/candidates.server";
import { buildAffiliate, buildCandidate, buildProfileItem, buildTableWithRace, stance } from "../factories";
import { testActor, testDb } from "../db";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const NOW = new Date("2026-11-01T15:00:00Z");

describe("the threshold changed on a table", () => {
  it("lowering it forms the sub-tables candidates already qualify for, in the same update", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 5, threshold: 4 });
    for (const p of partners.slice(0, 3)) expect(stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed").ok).toBe(true);
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: "2026-11-22" })).toHaveLength(0);

    const res = updateCoalition(db, actor, coalition.id, { ...coalition, threshold: 3 }, NOW);
    expect(res.ok && res.formedFor).toEqual([candidates[0].id]);
    const subs = listSubCoalitions(db, "system", { coalitionId: coalition.id, today: "2026-11-22" });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ candidateId: candidates[0].id, memberCount: 3, status: "active" });
  });

  it("raising it forms nothing and marks an existing sub-table below critical mass", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 5, threshold: 3 });
    for (const p of partners.slice(0, 3)) stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed");
    const res = updateCoalition(db, actor, coalition.id, { ...coalition, threshold: 5 }, NOW);
    expect(res.ok && res.formedFor).toEqual([]);
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: "2026-11-22" })[0].status).toBe("below_critical_mass");
  });

  it("does not form a sub-table for a race whose primary has passed", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 5, threshold: 4, primaryDate: "2026-10-01" });
    for (const p of partners.slice(0, 3)) stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed", { now: new Date("2026-09-01T12:00:00Z") });
    const res = updateCoalition(db, actor, coalition.id, { ...coalition, threshold: 3 }, NOW);
    expect(res.ok && res.formedFor).toEqual([]);
    expect(db.select().from(subCoalitions).all()).toHaveLength(0);
  });
});

describe("no sub-table forms after the primary", () => {
  it("the tipping endorsement recorded after the primary forms nothing", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 5, threshold: 4, primaryDate: "2026-10-01" });
    const after = new Date("2026-10-05T12:00:00Z");
    for (const p of partners.slice(0, 4)) expect(stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed", { now: after }).ok).toBe(true);
    expect(db.select().from(subCoalitions).all()).toHaveLength(0);
  });
});

describe("F1: a partner or affiliate holding endorsements cannot become a 501(c)(3)", () => {
  it("refuses the partner's change of legal type while an endorsement stands, allows it after withdrawal", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 2 });
    const p = partners[0];
    stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed");
    const input = { name: p.name, shortName: p.shortName, legalType: "c3" as const, website: null, contactName: null, contactEmail: null };
    const refused = updatePartner(db, actor, coalition.id, p.id, input);
    expect(refused).toMatchObject({ ok: false, field: "legalType", rule: "F1" });
    stance(db, actor, coalition.id, candidates[0].id, p.id, "withdrawn");
    expect(updatePartner(db, actor, coalition.id, p.id, input).ok).toBe(true);
  });

  it("counts an inheriting affiliate's endorsement against the partner's change", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 1 });
    const p = partners[0];
    const a = buildAffiliate(db, actor, coalition.id, p.id);
    stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed", { affiliateId: a.id });
    const res = updatePartner(db, actor, coalition.id, p.id, { name: p.name, shortName: p.shortName, legalType: "c3", website: null, contactName: null, contactEmail: null });
    expect(res.ok).toBe(false);
  });

  it("refuses an affiliate's own change to 501(c)(3) while it holds an endorsement", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 1 });
    const a = buildAffiliate(db, actor, coalition.id, partners[0].id, { state: "PA", districts: ["07"] });
    stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed", { affiliateId: a.id });
    const res = updateAffiliate(db, actor, coalition.id, a.id, {
      partnerId: partners[0].id,
      name: a.name,
      state: "PA",
      legalType: "c3",
      districts: ["07"],
      counties: [],
      leadName: null,
      leadContact: null,
    });
    expect(res).toMatchObject({ ok: false, field: "legalType", rule: "F1" });
  });
});

describe("profile edits are audited", () => {
  it("updateCandidate and removeProfileItem each append an audit row", () => {
    const { coalition, race } = buildTableWithRace(db, actor, { partners: 1, candidates: 0 });
    const c = buildCandidate(db, actor, coalition.id, race.id, { name: "Dana Okafor" });
    const item = buildProfileItem(db, actor, coalition.id, c.id);
    const before = db.select().from(auditLog).all().length;
    updateCandidate(db, actor, coalition.id, c.id, { name: "Dana Okafor-Reyes", party: c.party, incumbency: c.incumbency, bio: "", website: null, socialLinks: "" });
    removeProfileItem(db, actor, coalition.id, c.id, item.id);
    const rows = db.select().from(auditLog).where(eq(auditLog.subjectType, "candidate")).all();
    expect(db.select().from(auditLog).all().length).toBe(before + 2);
    expect(rows.some((r) => r.action === "candidate.update")).toBe(true);
  });
});
