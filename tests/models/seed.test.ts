import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, endorsementEvents, profileItems, subCoalitionMembers, users } from "../../db/schema";
import { DEMO_TABLE_NAME, seedDemo } from "../../db/seed";
import { currentStances } from "~/domain/critical-mass";
import { verifyAuditChain } from "~/models/audit.server";
import { getCoalition } from "~/models/coalitions.server";
import { listCandidatesInRace } from "~/models/candidates.server";
import { tableStanceEvents } from "~/models/endorsements.server";
import { affiliatesCovering, listAffiliates, listPartners } from "~/models/partners.server";
import { listRaces } from "~/models/races.server";
import { listSubCoalitions } from "~/models/sub-coalitions.server";
import { getTableHome, matrixExportRows } from "~/models/table-picture.server";
import { DEMO_USERS } from "../../db/seed-users";

const DEMO_FACILITATOR = DEMO_USERS.find((u) => u.key === "facilitator")!;
import { testDb } from "../db";

const TODAY = "2026-11-22";
const STATES = ["AZ", "GA", "MI", "NC", "NY", "PA", "WI"];

let db: Db;
let coalitionId: number;
let summary: string;
/** Every candidate row of the table, in the matrix's order (read in keyset batches). */
const tablePicture = (id: number) => ({ candidates: [...matrixExportRows(db, "system", { coalitionId: id, today: TODAY })] });

beforeAll(() => {
  db = testDb();
  ({ coalitionId, summary } = seedDemo(db));
});

describe("seedDemo", () => {
  it("builds the demo federal table and summarises it", () => {
    const coalition = getCoalition(db, "system", { coalitionId });
    expect(coalition).toMatchObject({ name: DEMO_TABLE_NAME, level: "federal", cycle: 2028, threshold: 4 });
    expect(summary).toMatch(/12 partners/);
    expect(summary).toMatch(/20 U\.S\. House primaries/);
  });

  it("acts as the demo facilitator for everything it records", () => {
    const facilitator = db.select().from(users).where(eq(users.email, DEMO_FACILITATOR.email)).get();
    expect(facilitator).toBeDefined();
    // One demo account per role, all marked demo so production refuses to start with them.
    const all = db.select().from(users).all();
    expect(all.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(all.every((u) => u.isDemo && u.passwordHash?.startsWith("scrypt$"))).toBe(true);
    expect(all.filter((u) => u.isAdmin).map((u) => u.email)).toEqual(["admin@demo.coalition.test"]);
    const events = tableStanceEvents(db, coalitionId);
    expect(events.every((e) => e.actorId === facilitator!.id)).toBe(true);
    expect(db.select().from(profileItems).all().every((i) => i.createdBy === facilitator!.id)).toBe(true);
  });

  it("seats about a dozen partners of mixed legal types, including a 501(c)(3)", () => {
    const partners = listPartners(db, "system", { coalitionId });
    expect(partners.length).toBeGreaterThanOrEqual(11);
    expect(partners.length).toBeLessThanOrEqual(13);
    const types = partners.map((p) => p.legalType);
    expect(types).toContain("c3");
    expect(types.filter((t) => t === "c4").length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === "c5")).toHaveLength(2);
    for (const t of ["pac", "super_pac", "hybrid_pac", "527"] as const) expect(types).toContain(t);
    for (const p of partners) {
      expect(p.shortName).toMatch(/^[A-Z0-9]{2,5}$/);
      expect(p.website).toMatch(/^https:\/\/example\.org\//);
    }
  });

  it("gives the partners 35 to 45 affiliates across the seven states, with coverage and leads", () => {
    const affiliates = listAffiliates(db, "system", { coalitionId: coalitionId });
    expect(affiliates.length).toBeGreaterThanOrEqual(35);
    expect(affiliates.length).toBeLessThanOrEqual(45);
    expect([...new Set(affiliates.map((a) => a.state))].sort()).toEqual(STATES);
    for (const a of affiliates) {
      expect(a.coverage.some((c) => c.kind === "district" && /^\d{2}$/.test(c.value))).toBe(true);
      expect(a.coverage.some((c) => c.kind === "county")).toBe(true);
      expect(a.leadName).toBeTruthy();
      expect(a.leadContact).toMatch(/@example\.org$|555-01\d\d$/);
    }
  });

  it("has 18 to 22 House primaries in 2028 with 2 to 4 candidates each", () => {
    const races = listRaces(db, "system", { coalitionId, today: TODAY });
    expect(races.length).toBeGreaterThanOrEqual(18);
    expect(races.length).toBeLessThanOrEqual(22);
    expect([...new Set(races.map((r) => r.state))].sort()).toEqual(STATES);
    for (const r of races) {
      expect(r.office).toBe("U.S. House");
      expect(r.district).toMatch(/^\d{2}$/);
      expect(r.seats).toBe(1);
      expect(r.primaryDate >= "2028-03-01" && r.primaryDate <= "2028-08-31").toBe(true);
      expect(r.generalDate).toBe("2028-11-07");
      const candidates = listCandidatesInRace(db, "system", { raceId: r.id });
      expect(candidates.length).toBeGreaterThanOrEqual(2);
      expect(candidates.length).toBeLessThanOrEqual(4);
    }
    expect(races.some((r) => r.incumbent)).toBe(true);
  });

  it("gives every candidate a bio, a website and sourced profile items", () => {
    const items = db.select().from(profileItems).all();
    const picture = tablePicture(coalitionId);
    for (const c of picture.candidates) {
      const mine = items.filter((i) => i.candidateId === c.id);
      expect(mine.map((i) => i.kind)).toEqual(expect.arrayContaining(["note", "fundraising", "position", "strength", "risk"]));
    }
    for (const i of items.filter((i) => i.sourceKind === "public")) {
      expect(i.sourceUrl).toMatch(/^https:\/\//);
      expect(i.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(items.some((i) => i.sourceKind === "campaign")).toBe(true);
    expect(items.some((i) => i.sourceKind === "research")).toBe(true);
    expect(items.some((i) => i.kind === "poll" && i.pollster && i.pollShare !== null && i.asOf)).toBe(true);
    expect(items.filter((i) => i.kind === "fundraising").every((i) => i.raised !== null && i.cashOnHand !== null && i.asOf)).toBe(true);
    expect(items.filter((i) => i.kind === "position").every((i) => i.topic && i.body)).toBe(true);
  });

  it("forms sub-tables: at least two at critical mass, one later joined by a fifth partner, one below critical mass", () => {
    const subs = listSubCoalitions(db, "system", { coalitionId, today: TODAY });
    const active = subs.filter((s) => s.status === "active");
    expect(active.length).toBeGreaterThanOrEqual(2);
    expect(subs.filter((s) => s.status === "below_critical_mass")).toHaveLength(1);
    expect(active.some((s) => s.memberCount >= 5)).toBe(true);
    // the below-critical-mass one lost a member by a withdrawal
    const below = subs.find((s) => s.status === "below_critical_mass")!;
    const left = db
      .select({ event: endorsementEvents })
      .from(subCoalitionMembers)
      .innerJoin(endorsementEvents, eq(endorsementEvents.id, subCoalitionMembers.leftByEventId))
      .where(and(eq(subCoalitionMembers.subCoalitionId, below.id), isNotNull(subCoalitionMembers.leftAt)))
      .all();
    expect(left.map((l) => l.event.stance)).toEqual(["withdrawn"]);
  });

  it("shows a split race, candidates nearing critical mass, and a rising timeline", () => {
    const home = getTableHome(db, "system", { coalitionId, today: TODAY });
    expect(home.splitRaces.length).toBeGreaterThanOrEqual(1);
    expect(home.splitRaces[0].candidates.every((c) => c.partners.length > 0)).toBe(true);
    const counts = home.nearing.map((c) => c.count);
    expect(counts).toContain(3);
    expect(counts).toContain(2);
    const t = home.timeline;
    expect(t[0].date >= "2026-08-01" && t[t.length - 1].date <= "2026-11-20").toBe(true);
    expect(t[t.length - 1].endorsed).toBeGreaterThan(t[0].endorsed + 20);
  });

  it("has an endorsement in every state with races, and considering and declined stances", () => {
    const picture = tablePicture(coalitionId);
    const states = [...new Set(picture.candidates.map((c) => c.state))];
    for (const state of states) {
      expect(picture.candidates.some((c) => c.state === state && c.count > 0), state).toBe(true);
    }
    const current = [...currentStances(tableStanceEvents(db, coalitionId)).values()];
    expect(current.some((e) => e.stance === "considering")).toBe(true);
    expect(current.some((e) => e.stance === "declined")).toBe(true);
  });

  it("records one affiliate's own endorsement, which does not count", () => {
    const events = tableStanceEvents(db, coalitionId);
    const own = events.filter((e) => e.affiliateId !== null);
    expect(own).toHaveLength(1);
    const picture = tablePicture(coalitionId);
    const c = picture.candidates.find((x) => x.id === own[0].candidateId)!;
    expect(c.affiliateEndorsements).toBe(1);
    expect(c.endorsers).not.toContain(own[0].partnerId);
  });

  it("never records a stance for the 501(c)(3), and logs its refused attempt", () => {
    const c3 = listPartners(db, "system", { coalitionId }).find((p) => p.legalType === "c3")!;
    expect(tableStanceEvents(db, coalitionId).filter((e) => e.partnerId === c3.id)).toHaveLength(0);
    const denials = db.select().from(auditLog).where(and(eq(auditLog.decision, "deny"), eq(auditLog.partnerId, c3.id))).all();
    expect(denials).toHaveLength(1);
    expect(denials[0].rule).toBe("F1");
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("covers each race's district with affiliates of every partner endorsing in it", () => {
    const picture = tablePicture(coalitionId);
    const races = listRaces(db, "system", { coalitionId, today: TODAY });
    for (const race of races) {
      const endorsers = [...new Set(picture.candidates.filter((c) => c.raceId === race.id).flatMap((c) => c.endorsers))];
      if (endorsers.length === 0) continue;
      const covering = affiliatesCovering(db, endorsers, race);
      for (const p of endorsers) expect(covering.some((a) => a.partnerId === p), `${race.state}-${race.district}`).toBe(true);
    }
    for (const sub of listSubCoalitions(db, "system", { coalitionId, today: TODAY })) {
      const race = races.find((r) => r.id === sub.raceId)!;
      const members = picture.candidates.find((c) => c.id === sub.candidateId)!.endorsers;
      expect(affiliatesCovering(db, members, race).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("is deterministic", () => {
    const other = testDb();
    const again = seedDemo(other);
    expect(again.summary).toBe(summary);
    const strip = (d: Db) =>
      d
        .select()
        .from(profileItems)
        .all()
        .map(({ createdAt: _c, ...rest }) => rest);
    expect(strip(other)).toEqual(strip(db));
  });
});
