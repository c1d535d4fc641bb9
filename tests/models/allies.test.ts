/**
 * Issue 13, regional allies: an organization at no table and of no partner joins a sub-table's
 * program (a partners row flagged `ally`, never seated, with one affiliate row); it pledges and
 * hosts like an affiliate under its own legal type, and never counts toward critical mass.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, auditLog, coalitionPartners, invitations, partners, programAllies, shifts } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { can } from "~/domain/permissions";
import type { LegalType } from "~/domain/vocabulary";
import { acceptInvitation, loadPrincipal } from "~/models/accounts.server";
import { inviteAlly, programAllyRows } from "~/models/allies.server";
import { affiliateSide } from "~/models/firewall.server";
import { getMatrix } from "~/models/matrix.server";
import { setPledge } from "~/models/pledges.server";
import { getProgram, programAffiliates } from "~/models/programs.server";
import { createShift } from "~/models/shifts.server";
import { testActor, testDb } from "../db";
import { buildPolicy, buildProgramWorld, shiftInput, stance } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const ALLY = { name: "Pilsen Neighbors Together", legalType: "c4" as LegalType, state: "PA", leadName: "Rosa Lead", leadEmail: "Rosa@Pilsen.example" };

function world() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const ref = { coalitionId: w.coalition.id, programId: w.program.id };
  for (const p of w.partners) buildPolicy(db, actor, p.id);
  return { ...w, ref };
}

/** Invites the ally, accepts its lead's invitation, gives the ally a policy its lead acknowledged (F6). */
function withAlly(w: ReturnType<typeof world>, over: Partial<typeof ALLY> = {}) {
  const r = inviteAlly(db, actor, { ...w.ref, ...ALLY, ...over }, new Date("2026-12-01T12:00:00Z"));
  if (!r.ok) throw new Error(r.message);
  const accepted = acceptInvitation(db, r.token, { name: "Rosa Lead", password: "correct horse battery staple" }, "127.0.0.1", new Date("2026-12-01T13:00:00Z"));
  if (!accepted.ok) throw new Error(JSON.stringify(accepted));
  const lead = loadPrincipal(db, accepted.userId)!;
  buildPolicy(db, actor, r.partnerId, [lead.id]);
  return { ...r, lead };
}

describe("inviting a regional ally into a program", () => {
  it("makes an unseated partner flagged ally with one affiliate (its organization), joins it to the program, invites its lead, audits; in one go", () => {
    const w = world();
    const r = inviteAlly(db, actor, { ...w.ref, ...ALLY }, new Date("2026-12-01T12:00:00Z"));
    if (!r.ok) throw new Error(r.message);
    expect(db.select().from(partners).where(eq(partners.id, r.partnerId)).get()).toMatchObject({ name: ALLY.name, legalType: "c4", ally: true, shortName: "PNT" });
    expect(db.select().from(affiliates).where(eq(affiliates.partnerId, r.partnerId)).all()).toEqual([expect.objectContaining({ id: r.affiliateId, name: ALLY.name, state: "PA", legalType: null, national: false })]);
    expect(db.select().from(coalitionPartners).where(eq(coalitionPartners.partnerId, r.partnerId)).all()).toEqual([]);
    expect(db.select().from(programAllies).all()).toEqual([expect.objectContaining({ programId: w.program.id, partnerId: r.partnerId, invitedBy: actor.id })]);
    expect(db.select().from(invitations).where(eq(invitations.id, r.invitation.id)).get()).toMatchObject({ role: "affiliate_lead", affiliateId: r.affiliateId, partnerId: r.partnerId, coalitionId: w.coalition.id, email: "rosa@pilsen.example" });
    expect(db.select().from(auditLog).all().map((a) => a.action)).toEqual(expect.arrayContaining(["program.invite_ally", "auth.invite"]));
    expect(programAllyRows(db, "system", { programId: w.program.id })).toEqual([expect.objectContaining({ partnerId: r.partnerId, name: ALLY.name, legalType: "c4", state: "PA", leadName: "Rosa Lead" })]);
    // it takes part in the program like an affiliate
    const who = programAffiliates(db, "system", getProgram(db, "system", w.ref)).find((a) => a.id === r.affiliateId);
    expect(who).toMatchObject({ ally: true, partnerId: r.partnerId, remote: false });
  });

  it("refuses an organization already in the app by name, writing nothing; another table's program is a 404", () => {
    const w = world();
    const partnersBefore = db.select().from(partners).all().length;
    const taken = db.select().from(partners).get()!;
    expect(inviteAlly(db, actor, { ...w.ref, ...ALLY, name: taken.name })).toMatchObject({ ok: false, field: "name" });
    expect(db.select().from(partners).all().length).toBe(partnersBefore);
    expect(db.select().from(programAllies).all()).toEqual([]);
    expect(() => inviteAlly(db, actor, { coalitionId: w.coalition.id + 999, programId: w.program.id, ...ALLY })).toThrow(/not found/);
  });

  it("two allies with the same initials get distinct short names", () => {
    const w = world();
    const a = inviteAlly(db, actor, { ...w.ref, ...ALLY });
    const b = inviteAlly(db, actor, { ...w.ref, ...ALLY, name: "Pilsen Neighbors Trust", leadEmail: "t@pilsen.example" });
    if (!a.ok || !b.ok) throw new Error("refused");
    const names = db.select({ s: partners.shortName }).from(partners).where(eq(partners.ally, true)).all().map((p) => p.s);
    expect(new Set(names).size).toBe(2);
  });
});

describe("an ally never counts toward critical mass and never appears in the matrix", () => {
  it("is not a matrix column, cannot have a stance recorded, and its lead may not record one", () => {
    const w = world();
    const { partnerId, affiliateId, lead } = withAlly(w);
    const matrix = getMatrix(db, "system", { coalitionId: w.coalition.id, today: "2026-12-01" });
    expect(matrix.partners.map((p) => p.id)).not.toContain(partnerId);
    expect(matrix.partners).toHaveLength(w.partners.length);
    const tallyBefore = matrix.rows.find((r) => r.id === w.candidate.id)!;
    expect(tallyBefore).toBeDefined();
    expect(Object.keys(tallyBefore.stances).map(Number)).not.toContain(partnerId);
    expect(stance(db, actor, w.coalition.id, w.candidate.id, partnerId, "endorsed")).toMatchObject({ ok: false, field: "partnerId" });
    const after = getMatrix(db, "system", { coalitionId: w.coalition.id, today: "2026-12-01" }).rows.find((r) => r.id === w.candidate.id)!;
    expect(after).toEqual(tallyBefore);
    expect(after.count).toBe(w.endorsers.length);
    expect(can(lead, { action: "stance.record", coalitionId: w.coalition.id, partnerId, affiliateId }).ok).toBe(false);
    expect(can(lead, { action: "table.view", coalitionId: w.coalition.id }).ok).toBe(false);
  });
});

describe("an ally's lead sees only the program its ally joined", () => {
  it("may open that program and manage its own organization's shifts and pledges there; not another program, not the table", () => {
    const w = world();
    const { partnerId, affiliateId, lead } = withAlly(w);
    const c = w.coalition.id;
    expect(lead.allyPrograms).toEqual({ [partnerId]: [{ coalitionId: c, programId: w.program.id }] });
    expect(can(lead, { action: "program.view", coalitionId: c, programId: w.program.id }).ok).toBe(true);
    expect(can(lead, { action: "program.view", coalitionId: c, programId: w.program.id + 1 }).ok).toBe(false);
    expect(can(lead, { action: "shift.manage", coalitionId: c, partnerId, affiliateId }).ok).toBe(true);
    expect(can(lead, { action: "shift.manage", coalitionId: c, partnerId: w.affiliates[0].partnerId, affiliateId: w.affiliates[0].id }).ok).toBe(false);
    expect(can(lead, { action: "pledge.record", coalitionId: c, partnerId, affiliateId, memberPartnerIds: [partnerId] }).ok).toBe(true);
    expect(can(lead, { action: "program.manage", coalitionId: c, memberPartnerIds: [partnerId] }).ok).toBe(false);
    expect(can(lead, { action: "contact.record", coalitionId: c }).ok).toBe(false);
  });
});

describe("field work: the firewall treats an ally as any member", () => {
  it("a 501(c)(4) ally pledges and hosts its own door shift, but is refused a campaign-hosted shift (F7), nothing written", () => {
    const w = world();
    const { affiliateId, lead } = withAlly(w);
    expect(affiliateSide(db, affiliateId, w.race.id)).toBe("independent");
    expect(setPledge(db, lead, { ...w.ref, affiliateId, workType: "phonebank", weekStart: "2026-12-07", hours: 12 })).toMatchObject({ ok: true });
    expect(createShift(db, lead, { ...w.ref, ...shiftInput(affiliateId, { workType: "phonebank", location: null, callLink: "https://meet.example.org/pilsen" }) })).toMatchObject({ ok: true });
    const before = db.select().from(shifts).all().length;
    const r = createShift(db, lead, { ...w.ref, ...shiftInput(affiliateId, { hostKind: "campaign", campaignHost: "Kilo for Congress field office" }) });
    expect(r).toMatchObject({ ok: false, field: "hostKind" });
    expect(db.select().from(shifts).all().length).toBe(before);
    expect(db.select().from(auditLog).all().filter((a) => a.decision === "deny").at(-1)).toMatchObject({ rule: "F7", action: "firewall.campaign_shift" });
  });

  it("a 501(c)(3) ally has no side and is held by F1: it cannot host a shift for the candidate", () => {
    const w = world();
    const { affiliateId, lead } = withAlly(w, { legalType: "c3" });
    expect(affiliateSide(db, affiliateId, w.race.id)).toBe("none");
    const r = createShift(db, lead, { ...w.ref, ...shiftInput(affiliateId) });
    expect(r).toMatchObject({ ok: false, field: "hostAffiliateId" });
    expect(!r.ok && r.message).toMatch(/F1/);
  });

  it("F6: an ally without a policy its lead acknowledged cannot pledge", () => {
    const w = world();
    const r = inviteAlly(db, actor, { ...w.ref, ...ALLY });
    if (!r.ok) throw new Error(r.message);
    const accepted = acceptInvitation(db, r.token, { name: "Rosa Lead", password: "correct horse battery staple" }, "127.0.0.1");
    if (!accepted.ok) throw new Error("not accepted");
    const lead = loadPrincipal(db, accepted.userId)!;
    expect(setPledge(db, lead, { ...w.ref, affiliateId: r.affiliateId, workType: "phonebank", weekStart: "2026-12-07", hours: 12 })).toMatchObject({ ok: false, rule: "F6" });
  });
});
