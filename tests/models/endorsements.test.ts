import { and, count, eq, isNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, candidateTallies, currentStances, endorsementEvents, subCoalitionMembers, subCoalitions } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { listStanceEvents, recordStance, tableStanceEvents } from "~/models/endorsements.server";
import { NotFoundError } from "~/domain/errors";
import { closeSubCoalition, getSubCoalition, getSubCoalitionForCandidate, listSubCoalitions } from "~/models/sub-coalitions.server";
import { updateCoalition } from "~/models/coalitions.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildRace, buildTableWithRace, stance } from "../factories";

const TODAY = "2026-11-01";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const n = (table: typeof auditLog | typeof endorsementEvents | typeof subCoalitions | typeof subCoalitionMembers) =>
  db.select({ n: count() }).from(table).get()!.n;

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

function openMembers(subCoalitionId: number): number[] {
  return db
    .select({ partnerId: subCoalitionMembers.partnerId })
    .from(subCoalitionMembers)
    .where(and(eq(subCoalitionMembers.subCoalitionId, subCoalitionId), isNull(subCoalitionMembers.leftAt)))
    .all()
    .map((m) => m.partnerId)
    .sort((a, b) => a - b);
}

/** A table with `partners` partners and a race, and the first `endorsers` of them endorsing candidate 0. */
function endorsed(opts: { partners?: number; endorsers: number; threshold?: number; primaryDate?: string; seats?: number }) {
  const t = buildTableWithRace(db, actor, { partners: opts.partners ?? 6, threshold: opts.threshold, primaryDate: opts.primaryDate, seats: opts.seats });
  const candidate = t.candidates[0];
  const results = t.partners.slice(0, opts.endorsers).map((p) => ok(stance(db, actor, t.coalition.id, candidate.id, p.id, "endorsed")));
  return { ...t, candidate, results };
}

describe("recordStance: appending history", () => {
  it("appends an event with who, when, from and to, and an allow audit row", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor);
    const first = ok(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "considering", { note: "Reviewing" }));
    expect(first.event).toMatchObject({ fromStance: null, stance: "considering", actorId: actor.id, decidedOn: "2026-11-01", note: "Reviewing" });
    const second = ok(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed"));
    expect(second.event).toMatchObject({ fromStance: "considering", stance: "endorsed" });
    expect(second.subTable).toEqual({ kind: "none" });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "endorsement.record")).all();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.decision === "allow" && a.partnerId === partners[0].id)).toBe(true);
    expect(audit[1].detail).toContain("considering → endorsed");
    expect(listStanceEvents(db, "system", { coalitionId: coalition.id }).map((e) => e.stance)).toEqual(["endorsed", "considering"]);
  });

  it("same stance refused, nothing appended", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor);
    ok(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed"));
    const events = n(endorsementEvents);
    const r = stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed");
    expect(r).toMatchObject({ ok: false, field: "stance" });
    expect(n(endorsementEvents)).toBe(events);
  });

  it("withdraw only from endorsed", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor);
    expect(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "withdrawn")).toMatchObject({
      ok: false,
      field: "stance",
      message: "Only an endorsement can be withdrawn.",
    });
    expect(n(endorsementEvents)).toBe(0);
  });

  it("unknown candidate throws NotFoundError", () => {
    const { coalition, partners } = buildTableWithRace(db, actor);
    expect(() => stance(db, actor, coalition.id, 9999, partners[0].id, "endorsed")).toThrow(NotFoundError);
  });

  it("a candidate of another table is not found from this table", () => {
    const a = buildTableWithRace(db, actor);
    const b = buildTableWithRace(db, actor);
    expect(() => stance(db, actor, a.coalition.id, b.candidates[0].id, a.partners[0].id, "endorsed")).toThrow(NotFoundError);
  });

  it("partner not seated at the table refused, nothing written", () => {
    const a = buildTableWithRace(db, actor);
    const other = buildCoalition(db, actor);
    const outsider = buildPartner(db, actor, other.id);
    const audits = n(auditLog);
    const r = stance(db, actor, a.coalition.id, a.candidates[0].id, outsider.id, "endorsed");
    expect(r).toMatchObject({ ok: false, field: "partnerId" });
    expect(n(endorsementEvents)).toBe(0);
    expect(n(auditLog)).toBe(audits);
  });

  it("an affiliate of another partner is refused", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor);
    const aff = buildAffiliate(db, actor, coalition.id, partners[1].id);
    const r = stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed", { affiliateId: aff.id });
    expect(r).toMatchObject({ ok: false, field: "affiliateId" });
    expect(n(endorsementEvents)).toBe(0);
  });
});

describe("F1: a 501(c)(3) member never records, co-signs or joins an endorsement or a sub-table", () => {
  it("F1: a c3 partner never joins a sub-table its peers formed, and the refusal is audited", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { legalTypes: ["c4", "c4", "c3"], threshold: 2 });
    stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed");
    const formed = stance(db, actor, coalition.id, candidates[0].id, partners[1].id, "endorsed");
    expect(formed).toMatchObject({ ok: true, subTable: { kind: "form" } });
    expect(stance(db, actor, coalition.id, candidates[0].id, partners[2].id, "endorsed")).toMatchObject({ ok: false, rule: "F1" });
    const members = db.select().from(subCoalitionMembers).where(isNull(subCoalitionMembers.leftAt)).all().map((m) => m.partnerId);
    expect(members.sort()).toEqual([partners[0].id, partners[1].id].sort());
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({ decision: "deny", rule: "F1", partnerId: partners[2].id });
  });

  it("F1: a c3 partner is refused; nothing in endorsement_events, one deny audit row", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { legalTypes: ["c3"] });
    const audits = n(auditLog);
    const r = stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed");
    expect(r).toMatchObject({ ok: false, field: "stance", rule: "F1" });
    expect(n(endorsementEvents)).toBe(0);
    const rows = db.select().from(auditLog).all().slice(audits);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      decision: "deny",
      rule: "F1",
      action: "endorsement.record",
      partnerId: partners[0].id,
      subjectType: "candidate",
      subjectId: candidates[0].id,
      actorId: actor.id,
    });
  });

  it("F1: a c3 partner cannot record even 'considering'", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { legalTypes: ["c3"] });
    expect(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "considering")).toMatchObject({ ok: false, rule: "F1" });
    expect(n(endorsementEvents)).toBe(0);
  });

  it("F1: a c3 affiliate of a c4 partner is refused; the c4 partner itself may endorse", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor);
    const aff = buildAffiliate(db, actor, coalition.id, partners[0].id, { legalType: "c3" });
    expect(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed", { affiliateId: aff.id })).toMatchObject({ ok: false, rule: "F1" });
    expect(n(endorsementEvents)).toBe(0);
    expect(db.select().from(auditLog).where(eq(auditLog.decision, "deny")).all()).toHaveLength(1);
    ok(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed"));
  });

  it("F1: an affiliate inheriting c3 from its partner is refused", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { legalTypes: ["c3"] });
    const aff = buildAffiliate(db, actor, coalition.id, partners[0].id);
    expect(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed", { affiliateId: aff.id })).toMatchObject({ ok: false, rule: "F1" });
  });

  it("F1: a c3 partner never counts toward or joins a sub-table", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 5, legalTypes: ["c3"] });
    const [c3, ...others] = partners;
    for (const p of others.slice(0, 3)) ok(stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed"));
    expect(stance(db, actor, coalition.id, candidates[0].id, c3.id, "endorsed")).toMatchObject({ ok: false, rule: "F1" });
    expect(n(subCoalitions)).toBe(0);
    const tip = ok(stance(db, actor, coalition.id, candidates[0].id, others[3].id, "endorsed"));
    expect(tip.subTable.kind).toBe("form");
    expect(openMembers(tip.subTable.subCoalitionId!)).not.toContain(c3.id);
  });
});

describe("recordStance: seats", () => {
  it("seats limit refused with field 'stance' in a one-seat race", () => {
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { seats: 1 });
    ok(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "endorsed"));
    const r = stance(db, actor, coalition.id, candidates[1].id, partners[0].id, "endorsed");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe("stance");
      expect(r.message).toContain("one seat");
    }
    expect(n(endorsementEvents)).toBe(1);
    // after withdrawing, the other candidate may be endorsed
    ok(stance(db, actor, coalition.id, candidates[0].id, partners[0].id, "withdrawn"));
    ok(stance(db, actor, coalition.id, candidates[1].id, partners[0].id, "endorsed"));
  });

  it("a two-seat race allows two endorsements and refuses a third", () => {
    const t = buildTableWithRace(db, actor, { seats: 2, candidates: 3 });
    const p = t.partners[0].id;
    ok(stance(db, actor, t.coalition.id, t.candidates[0].id, p, "endorsed"));
    ok(stance(db, actor, t.coalition.id, t.candidates[1].id, p, "endorsed"));
    expect(stance(db, actor, t.coalition.id, t.candidates[2].id, p, "endorsed")).toMatchObject({ ok: false, field: "stance" });
  });

  it("seats count per race: an endorsement in another race does not use a seat", () => {
    const t = buildTableWithRace(db, actor);
    const race2 = buildRace(db, actor, t.coalition.id);
    const other = buildCandidate(db, actor, t.coalition.id, race2.id);
    ok(stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[0].id, "endorsed"));
    ok(stance(db, actor, t.coalition.id, other.id, t.partners[0].id, "endorsed"));
  });

  it("unity, not unanimity: other partners endorsing a rival does not block a partner", () => {
    const t = buildTableWithRace(db, actor);
    for (const p of t.partners.slice(0, 4)) ok(stance(db, actor, t.coalition.id, t.candidates[0].id, p.id, "endorsed"));
    ok(stance(db, actor, t.coalition.id, t.candidates[1].id, t.partners[4].id, "endorsed"));
  });

  it("an affiliate's own seats are counted apart from its partner's", () => {
    const t = buildTableWithRace(db, actor);
    const aff = buildAffiliate(db, actor, t.coalition.id, t.partners[0].id);
    ok(stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[0].id, "endorsed"));
    ok(stance(db, actor, t.coalition.id, t.candidates[1].id, t.partners[0].id, "endorsed", { affiliateId: aff.id }));
    expect(stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[0].id, "endorsed", { affiliateId: aff.id })).toMatchObject({
      ok: false,
      field: "stance",
    });
  });
});

describe("recordStance: the sub-table", () => {
  it("below critical mass: three endorsements form nothing", () => {
    const { results } = endorsed({ endorsers: 3 });
    expect(results.map((r) => r.subTable.kind)).toEqual(["none", "none", "none"]);
    expect(n(subCoalitions)).toBe(0);
  });

  it("the sub-table forms in the same transaction as the tipping (4th) endorsement", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    const tip = results[3];
    expect(tip.subTable.kind).toBe("form");
    const subs = db.select().from(subCoalitions).all();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ id: tip.subTable.subCoalitionId, formedByEventId: tip.event.id, candidateId: candidate.id, coalitionId: coalition.id, closedAt: null });
    const members = db.select().from(subCoalitionMembers).all();
    expect(members).toHaveLength(4);
    expect(members.every((m) => m.leftAt === null && m.joinedByEventId === tip.event.id && m.actorId === actor.id)).toBe(true);
    expect(openMembers(subs[0].id)).toEqual(partners.slice(0, 4).map((p) => p.id).sort((a, b) => a - b));
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: TODAY })).toMatchObject([{ id: subs[0].id, memberCount: 4, status: "active", threshold: 4 }]);
  });

  it("a failure part-way leaves nothing behind", () => {
    const { coalition, partners, candidate } = endorsed({ endorsers: 3 });
    const events = n(endorsementEvents);
    const audits = n(auditLog);
    db.$client.exec("CREATE TRIGGER boom BEFORE INSERT ON sub_coalition_members BEGIN SELECT RAISE(ABORT, 'boom'); END");
    expect(() => stance(db, actor, coalition.id, candidate.id, partners[3].id, "endorsed")).toThrow(/boom/);
    expect(n(endorsementEvents)).toBe(events);
    expect(db.select().from(endorsementEvents).where(eq(endorsementEvents.partnerId, partners[3].id)).all()).toEqual([]);
    // nor a projection row (tests/models/stance-projection.test.ts checks the whole projection)
    expect(db.select().from(currentStances).where(eq(currentStances.partnerId, partners[3].id)).all()).toEqual([]);
    expect(db.select().from(candidateTallies).where(eq(candidateTallies.candidateId, candidate.id)).get()!.endorsers).toBe(3);
    expect(n(subCoalitions)).toBe(0);
    expect(n(auditLog)).toBe(audits);
    // once the fault is gone, the same endorsement forms the sub-table
    db.$client.exec("DROP TRIGGER boom");
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[3].id, "endorsed")).subTable.kind).toBe("form");
  });

  it("later endorser joins", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    const sub = results[3].subTable.subCoalitionId!;
    const r = ok(stance(db, actor, coalition.id, candidate.id, partners[4].id, "endorsed"));
    expect(r.subTable).toEqual({ kind: "join", partnerId: partners[4].id, subCoalitionId: sub });
    expect(openMembers(sub)).toContain(partners[4].id);
    expect(openMembers(sub)).toHaveLength(5);
    const joined = db.select().from(subCoalitionMembers).where(eq(subCoalitionMembers.partnerId, partners[4].id)).get()!;
    expect(joined.joinedByEventId).toBe(r.event.id);
    expect(n(subCoalitions)).toBe(1);
  });

  it("a partner considering first, then endorsing, joins", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    ok(stance(db, actor, coalition.id, candidate.id, partners[4].id, "considering"));
    expect(openMembers(results[3].subTable.subCoalitionId!)).toHaveLength(4);
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[4].id, "endorsed")).subTable.kind).toBe("join");
  });

  it("withdrawal leaves and the sub-table reads below critical mass", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    const sub = results[3].subTable.subCoalitionId!;
    const r = ok(stance(db, actor, coalition.id, candidate.id, partners[1].id, "withdrawn"));
    expect(r.subTable).toEqual({ kind: "leave", partnerId: partners[1].id, subCoalitionId: sub });
    expect(openMembers(sub)).not.toContain(partners[1].id);
    const left = db.select().from(subCoalitionMembers).where(eq(subCoalitionMembers.partnerId, partners[1].id)).get()!;
    expect(left.leftByEventId).toBe(r.event.id);
    expect(left.leftAt).not.toBeNull();
    const [summary] = listSubCoalitions(db, "system", { coalitionId: coalition.id, today: TODAY });
    expect(summary).toMatchObject({ id: sub, memberCount: 3, status: "below_critical_mass" });
    // the sub-table stays until the facilitator closes it
    expect(n(subCoalitions)).toBe(1);
  });

  it("declining after endorsing also leaves", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[0].id, "declined")).subTable.kind).toBe("leave");
    expect(openMembers(results[3].subTable.subCoalitionId!)).toHaveLength(3);
  });

  it("re-endorsement rejoins with a new membership row (history kept)", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    const sub = results[3].subTable.subCoalitionId!;
    const p = partners[2].id;
    ok(stance(db, actor, coalition.id, candidate.id, p, "withdrawn"));
    const again = ok(stance(db, actor, coalition.id, candidate.id, p, "endorsed"));
    expect(again.subTable).toEqual({ kind: "join", partnerId: p, subCoalitionId: sub });
    const stays = db.select().from(subCoalitionMembers).where(eq(subCoalitionMembers.partnerId, p)).orderBy(subCoalitionMembers.id).all();
    expect(stays).toHaveLength(2);
    expect(stays[0].leftAt).not.toBeNull();
    expect(stays[1]).toMatchObject({ leftAt: null, joinedByEventId: again.event.id });
    expect(n(subCoalitions)).toBe(1);
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: TODAY })[0]).toMatchObject({ memberCount: 4, status: "active" });
    const detail = getSubCoalition(db, "system", { coalitionId: coalition.id, subCoalitionId: sub, today: TODAY });
    expect(detail.history).toHaveLength(5);
    expect(detail.members.map((m) => m.partnerId).sort((a, b) => a - b)).toEqual(openMembers(sub));
  });

  it("affiliate's own endorsement is recorded but does not count toward the sub-table", () => {
    const { coalition, partners, candidate } = endorsed({ endorsers: 3 });
    const aff = buildAffiliate(db, actor, coalition.id, partners[3].id);
    const r = ok(stance(db, actor, coalition.id, candidate.id, partners[3].id, "endorsed", { affiliateId: aff.id }));
    expect(r.event).toMatchObject({ affiliateId: aff.id, partnerId: partners[3].id, stance: "endorsed" });
    expect(r.subTable).toEqual({ kind: "none" });
    expect(n(subCoalitions)).toBe(0);
    // an affiliate of a partner already endorsing does not make a fourth either
    const aff0 = buildAffiliate(db, actor, coalition.id, partners[0].id);
    ok(stance(db, actor, coalition.id, candidate.id, partners[0].id, "endorsed", { affiliateId: aff0.id }));
    expect(n(subCoalitions)).toBe(0);
    // the national partner's own endorsement does
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[3].id, "endorsed")).subTable.kind).toBe("form");
    expect(openMembers(db.select().from(subCoalitions).get()!.id)).toHaveLength(4);
  });

  it("an affiliate's withdrawal does not take its partner out of the sub-table", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    const aff = buildAffiliate(db, actor, coalition.id, partners[0].id);
    ok(stance(db, actor, coalition.id, candidate.id, partners[0].id, "endorsed", { affiliateId: aff.id }));
    const r = ok(stance(db, actor, coalition.id, candidate.id, partners[0].id, "withdrawn", { affiliateId: aff.id }));
    expect(r.subTable).toEqual({ kind: "none" });
    expect(openMembers(results[3].subTable.subCoalitionId!)).toContain(partners[0].id);
  });

  it("the table's threshold decides: threshold 2 forms at the second endorsement", () => {
    const { results } = endorsed({ endorsers: 2, threshold: 2 });
    expect(results.map((r) => r.subTable.kind)).toEqual(["none", "form"]);
  });

  it("the table's threshold decides: threshold 5 does not form at four", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4, threshold: 5 });
    expect(results.every((r) => r.subTable.kind === "none")).toBe(true);
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[4].id, "endorsed")).subTable.kind).toBe("form");
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: TODAY })[0]).toMatchObject({ memberCount: 5, threshold: 5, status: "active" });
  });

  it("raising a table's threshold later marks its sub-table below critical mass", () => {
    const { coalition } = endorsed({ endorsers: 4 });
    ok(updateCoalition(db, actor, coalition.id, { name: coalition.name, level: coalition.level, cycle: coalition.cycle, threshold: 6 }));
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: TODAY })[0]).toMatchObject({ memberCount: 4, threshold: 6, status: "below_critical_mass" });
  });

  it("closing a sub-table, then a new endorsement does not join", () => {
    const { coalition, partners, candidate, results } = endorsed({ endorsers: 4 });
    const sub = results[3].subTable.subCoalitionId!;
    expect(closeSubCoalition(db, actor, coalition.id, sub, new Date("2026-11-02T12:00:00Z"))).toEqual({ ok: true });
    expect(closeSubCoalition(db, actor, coalition.id, sub)).toMatchObject({ ok: false });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "subtable.close")).all()).toHaveLength(1);
    const r = ok(stance(db, actor, coalition.id, candidate.id, partners[4].id, "endorsed", { now: new Date("2026-11-03T15:00:00Z") }));
    expect(r.subTable).toEqual({ kind: "none" });
    expect(openMembers(sub)).toHaveLength(4);
    // nor does a withdrawal leave it, and no second sub-table forms
    ok(stance(db, actor, coalition.id, candidate.id, partners[0].id, "withdrawn", { now: new Date("2026-11-03T16:00:00Z") }));
    expect(openMembers(sub)).toHaveLength(4);
    expect(n(subCoalitions)).toBe(1);
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: "2026-11-03" })[0].status).toBe("closed");
    expect(() => closeSubCoalition(db, actor, coalition.id, 9999)).toThrow(NotFoundError);
  });

  it("stance after primary does not change a closed-by-date sub-table", () => {
    const primaryDate = "2026-12-01";
    const { coalition, partners, candidate, race, results } = endorsed({ endorsers: 4, primaryDate });
    const sub = results[3].subTable.subCoalitionId!;
    expect(race.timeZone).toBe("America/New_York");
    // on the primary date (New York time) the sub-table is still open: a fifth partner joins
    const onPrimary = ok(stance(db, actor, coalition.id, candidate.id, partners[4].id, "endorsed", { now: new Date("2026-12-02T04:30:00Z") }));
    expect(onPrimary.subTable.kind).toBe("join");
    // the day after the primary it reads as closed and stance changes no longer touch it
    const after = new Date("2026-12-02T15:00:00Z");
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[5].id, "endorsed", { now: after })).subTable).toEqual({ kind: "none" });
    expect(ok(stance(db, actor, coalition.id, candidate.id, partners[0].id, "withdrawn", { now: after })).subTable).toEqual({ kind: "none" });
    expect(openMembers(sub)).toHaveLength(5);
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: primaryDate })[0].status).toBe("active");
    expect(listSubCoalitions(db, "system", { coalitionId: coalition.id, today: "2026-12-02" })[0].status).toBe("closed");
  });

  it("sub-tables are per candidate", () => {
    const t = buildTableWithRace(db, actor, { partners: 8 });
    const race2 = buildRace(db, actor, t.coalition.id);
    const other = buildCandidate(db, actor, t.coalition.id, race2.id);
    for (const p of t.partners.slice(0, 4)) ok(stance(db, actor, t.coalition.id, t.candidates[0].id, p.id, "endorsed"));
    for (const p of t.partners.slice(4, 8)) ok(stance(db, actor, t.coalition.id, other.id, p.id, "endorsed"));
    const subs = listSubCoalitions(db, "system", { coalitionId: t.coalition.id, today: TODAY });
    expect(subs).toHaveLength(2);
    expect(getSubCoalitionForCandidate(db, "system", { coalitionId: t.coalition.id, candidateId: other.id, today: TODAY })).toMatchObject({ memberCount: 4, candidateId: other.id });
    expect(getSubCoalitionForCandidate(db, "system", { coalitionId: t.coalition.id, candidateId: t.candidates[1].id, today: TODAY })).toBeNull();
  });

  it("getSubCoalition lists member partners' affiliates covering the district", () => {
    const { coalition, partners, race, results } = endorsed({ endorsers: 4 });
    const inDistrict = buildAffiliate(db, actor, coalition.id, partners[0].id, { state: race.state, districts: [race.district!] });
    buildAffiliate(db, actor, coalition.id, partners[1].id, { state: race.state, districts: ["99"] });
    buildAffiliate(db, actor, coalition.id, partners[5].id, { state: race.state, districts: [race.district!] });
    const detail = getSubCoalition(db, "system", { coalitionId: coalition.id, subCoalitionId: results[3].subTable.subCoalitionId!, today: TODAY });
    expect(detail.affiliates.map((a) => a.id)).toEqual([inDistrict.id]);
    expect(() => getSubCoalition(db, "system", { coalitionId: coalition.id, subCoalitionId: 9999, today: TODAY })).toThrow(NotFoundError);
  });
});

describe("stance history reads", () => {
  it("tableStanceEvents is oldest first and only this table's", () => {
    const a = buildTableWithRace(db, actor);
    const b = buildTableWithRace(db, actor);
    ok(stance(db, actor, a.coalition.id, a.candidates[0].id, a.partners[0].id, "considering"));
    ok(stance(db, actor, b.coalition.id, b.candidates[0].id, b.partners[0].id, "endorsed"));
    ok(stance(db, actor, a.coalition.id, a.candidates[0].id, a.partners[0].id, "endorsed"));
    const events = tableStanceEvents(db, a.coalition.id);
    expect(events.map((e) => e.stance)).toEqual(["considering", "endorsed"]);
    const listed = listStanceEvents(db, "system", { coalitionId: a.coalition.id, limit: 1 });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ stance: "endorsed", partnerShortName: a.partners[0].shortName, candidateName: a.candidates[0].name, actorName: actor.name });
  });
});
