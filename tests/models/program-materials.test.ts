import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, programMaterials, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { addMaterial, listMaterials } from "~/models/program-materials.server";
import { setSide } from "~/models/sides.server";
import { buildCandidate, buildCoalition, buildPartner, buildProgram, buildProgramWorld, buildRace, stance } from "../factories";
import { testActor, testDb } from "../db";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const TALKING_POINTS = "Campaign talking points: lead with the bus tour in March.";
const talkingPoints = { kind: "talking_points" as const, title: "Points from the campaign", body: TALKING_POINTS, sourceKind: "campaign" as const, sourceUrl: null, capturedAt: null };

function person(partnerId: number, n: number) {
  const u = db.insert(users).values({ name: `Person ${n}`, email: `p${n}@example.org` }).returning().get();
  grantRole(db, actor, u.id, { role: "partner_rep", partnerId });
  return loadPrincipal(db, u.id)!;
}

describe("F2: campaign-provided talking points attached to a c4 script", () => {
  it("are refused on an independent-side (501(c)(4)) program, naming the rule; the refusal is audited and nothing is attached", () => {
    const w = buildProgramWorld(db, actor);
    expect(addMaterial(db, actor, w.coalition.id, w.program.id, { kind: "script", title: "Phone script", body: "Hi, I'm a volunteer with ...", sourceKind: "research", sourceUrl: null, capturedAt: null }).ok).toBe(true);
    const refused = addMaterial(db, actor, w.coalition.id, w.program.id, talkingPoints);
    expect(refused).toMatchObject({ ok: false, field: "sourceKind", rule: "F2", message: expect.stringMatching(/independent side.*F2 and F7/) });
    expect(db.select().from(programMaterials).all().map((m) => m.title)).toEqual(["Phone script"]);
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({ action: "firewall.campaign_material", decision: "deny", rule: "F2", raceId: w.race.id });
  });

  it("on a coordinated PAC program they are kept, reach the coordinated PAC's people and neutral staff, and are withheld (and logged) from a c4's representative", () => {
    const table = buildCoalition(db, actor, { threshold: 2 });
    const pac1 = buildPartner(db, actor, table.id, { legalType: "pac", shortName: "PAC1" });
    const pac2 = buildPartner(db, actor, table.id, { legalType: "pac", shortName: "PAC2" });
    const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CIV4" });
    const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
    const candidate = buildCandidate(db, actor, table.id, race.id);
    stance(db, actor, table.id, candidate.id, pac1.id, "endorsed");
    const formed = stance(db, actor, table.id, candidate.id, pac2.id, "endorsed");
    if (!formed.ok || !formed.subTable.subCoalitionId) throw new Error("expected a sub-table");
    for (const p of [pac1, pac2]) setSide(db, actor, table.id, { partnerId: p.id, raceId: race.id, account: "main", side: "coordinated", reason: null });
    const program = buildProgram(db, actor, table.id, formed.subTable.subCoalitionId, { side: "coordinated" });
    const added = addMaterial(db, actor, table.id, program.id, talkingPoints);
    expect(added.ok).toBe(true);

    const pacRep = person(pac1.id, 1);
    const c4Rep = person(c4.id, 2);
    expect(JSON.stringify(listMaterials(db, pacRep, { coalitionId: table.id, programId: program.id }))).toContain(TALKING_POINTS);
    expect(JSON.stringify(listMaterials(db, "system", { coalitionId: table.id, programId: program.id }))).toContain(TALKING_POINTS);
    const walled = listMaterials(db, c4Rep, { coalitionId: table.id, programId: program.id });
    expect(JSON.stringify(walled)).not.toContain(TALKING_POINTS);
    expect(walled.withheldNotice).toMatch(/1 item from the campaign is withheld under your firewall \(rule F2\)/);
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({ action: "firewall.campaign_info", decision: "deny", rule: "F2", actorId: c4Rep.id, raceId: race.id });
  });

  it("a program with one independent member is independent for campaign material, even if its side says coordinated", () => {
    const w = buildProgramWorld(db, actor, { program: { side: "coordinated" } });
    expect(addMaterial(db, actor, w.coalition.id, w.program.id, talkingPoints)).toMatchObject({ ok: false, rule: "F2" });
  });
});
