import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, coalitionPartners, profileItems, profileRevisions, races } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { GENESIS_HASH, listAudit, verifyAuditChain } from "~/models/audit.server";
import {
  addProfileItem,
  createCandidate,
  getCandidate,
  getCandidateProfile,
  listCandidatesInRace,
  listRevisions,
  removeProfileItem,
  updateCandidate,
} from "~/models/candidates.server";
import { createCoalition, getCoalition, listCoalitions, updateCoalition } from "~/models/coalitions.server";
import { NotFoundError } from "~/domain/errors";
import {
  affiliatesCovering,
  createAffiliate,
  createPartner,
  getAffiliate,
  getPartner,
  isSeated,
  listAffiliates,
  listPartners,
  listUnseatedPartners,
  seatPartner,
  updateAffiliate,
  updatePartner,
  type AffiliateInput,
} from "~/models/partners.server";
import { createRace, getRace, listRaces, listRaceStates, raceLabel, updateRace, type RaceInput } from "~/models/races.server";
import { getMatrix, getTableHome, matrixExportRows } from "~/models/table-picture.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildProfileItem, buildRace, buildTableWithRace, stance } from "../factories";

const TODAY = "2026-11-01";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const auditCount = () => db.select({ n: count() }).from(auditLog).get()!.n;

describe("coalitions", () => {
  const input = { name: "Pennsylvania Table", level: "federal" as const, cycle: 2026, threshold: 4 };

  it("creates a table with an audit row, and lists it with counts", () => {
    const { coalition } = ok(createCoalition(db, actor, input));
    expect(coalition).toMatchObject(input);
    expect(getCoalition(db, "system", { coalitionId: coalition.id }).name).toBe("Pennsylvania Table");
    buildPartner(db, actor, coalition.id);
    const race = buildRace(db, actor, coalition.id);
    buildCandidate(db, actor, coalition.id, race.id);
    buildCandidate(db, actor, coalition.id, race.id);
    expect(listCoalitions(db, "system")).toEqual([expect.objectContaining({ id: coalition.id, partnerCount: 1, raceCount: 1, candidateCount: 2 })]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "coalition.create")).all()).toHaveLength(1);
  });

  it("duplicate name → field error on name", () => {
    ok(createCoalition(db, actor, input));
    const audits = auditCount();
    expect(createCoalition(db, actor, { ...input, cycle: 2028 })).toEqual({ ok: false, field: "name", message: "A table with this name already exists." });
    expect(auditCount()).toBe(audits);
  });

  it("update: renaming onto another table's name → field error; threshold change is kept", () => {
    ok(createCoalition(db, actor, input));
    const other = ok(createCoalition(db, actor, { ...input, name: "Ohio Table" })).coalition;
    expect(updateCoalition(db, actor, other.id, { ...input })).toMatchObject({ ok: false, field: "name" });
    expect(ok(updateCoalition(db, actor, other.id, { ...input, name: "Ohio Table", threshold: 5 })).coalition.threshold).toBe(5);
    expect(() => updateCoalition(db, actor, 9999, input)).toThrow(NotFoundError);
    expect(() => getCoalition(db, "system", { coalitionId: 9999 })).toThrow(NotFoundError);
  });

  it("the DB refuses a threshold outside 2–10", () => {
    expect(() => createCoalition(db, actor, { ...input, threshold: 1 })).toThrow(/CHECK constraint/);
    expect(() => createCoalition(db, actor, { ...input, name: "B", threshold: 11 })).toThrow(/CHECK constraint/);
    expect(listCoalitions(db, "system")).toHaveLength(0);
  });
});

describe("partners", () => {
  const input = { name: "Sunrise Movement", shortName: "Sunrise", legalType: "c4" as const, website: null, contactName: null, contactEmail: null };

  it("createPartner seats it at the table", () => {
    const coalition = buildCoalition(db, actor);
    const { partner } = ok(createPartner(db, actor, coalition.id, input));
    expect(isSeated(db, "system", { coalitionId: coalition.id, partnerId: partner.id })).toBe(true);
    expect(listPartners(db, "system", { coalitionId: coalition.id })).toEqual([expect.objectContaining({ id: partner.id, shortName: "Sunrise", affiliateCount: 0 })]);
    expect(getPartner(db, "system", { coalitionId: coalition.id, partnerId: partner.id })).toMatchObject({ partner: { id: partner.id }, seats: [coalition.id], affiliates: [] });
  });

  it("duplicate shortName → field 'shortName'; duplicate name → field 'name'", () => {
    const coalition = buildCoalition(db, actor);
    ok(createPartner(db, actor, coalition.id, input));
    expect(createPartner(db, actor, coalition.id, { ...input, name: "Another Name" })).toMatchObject({ ok: false, field: "shortName" });
    expect(createPartner(db, actor, coalition.id, { ...input, shortName: "Other" })).toMatchObject({ ok: false, field: "name" });
    // nothing half-written: still one partner, one seat
    expect(db.select({ n: count() }).from(coalitionPartners).get()!.n).toBe(1);
  });

  it("updatePartner keeps uniqueness and needs the partner seated here", () => {
    const coalition = buildCoalition(db, actor);
    const a = buildPartner(db, actor, coalition.id, { shortName: "AAA" });
    const b = buildPartner(db, actor, coalition.id, { shortName: "BBB" });
    expect(updatePartner(db, actor, coalition.id, b.id, { ...input, name: b.name, shortName: "AAA" })).toMatchObject({ ok: false, field: "shortName" });
    expect(ok(updatePartner(db, actor, coalition.id, a.id, { ...input, name: a.name, shortName: "AAA", legalType: "pac" })).partner.legalType).toBe("pac");
    const elsewhere = buildCoalition(db, actor);
    expect(() => updatePartner(db, actor, elsewhere.id, a.id, { ...input, name: a.name, shortName: "AAA" })).toThrow(NotFoundError);
  });

  it("seatPartner at a second table", () => {
    const first = buildCoalition(db, actor);
    const second = buildCoalition(db, actor);
    const partner = buildPartner(db, actor, first.id);
    expect(isSeated(db, "system", { coalitionId: second.id, partnerId: partner.id })).toBe(false);
    expect(listUnseatedPartners(db, "system", { coalitionId: second.id }).map((p) => p.id)).toEqual([partner.id]);
    expect(() => getPartner(db, "system", { coalitionId: second.id, partnerId: partner.id })).toThrow(NotFoundError);
    expect(ok(seatPartner(db, actor, second.id, partner.id)).partner.id).toBe(partner.id);
    expect(isSeated(db, "system", { coalitionId: second.id, partnerId: partner.id })).toBe(true);
    expect(listUnseatedPartners(db, "system", { coalitionId: second.id })).toEqual([]);
    expect(getPartner(db, "system", { coalitionId: second.id, partnerId: partner.id }).seats.sort()).toEqual([first.id, second.id].sort());
    expect(seatPartner(db, actor, second.id, partner.id)).toMatchObject({ ok: false, field: "partnerId" });
    expect(seatPartner(db, actor, second.id, 9999)).toMatchObject({ ok: false, field: "partnerId" });
  });
});

describe("affiliates", () => {
  function affiliateInput(partnerId: number, over: Partial<AffiliateInput> = {}): AffiliateInput {
    return { partnerId, name: "PA Chapter", state: "PA", legalType: null, leadName: null, leadContact: null, districts: ["07", "08"], counties: ["Bucks"], ...over };
  }

  it("coverage stored with the affiliate's state", () => {
    const coalition = buildCoalition(db, actor);
    const partner = buildPartner(db, actor, coalition.id, { legalType: "c5" });
    const { affiliate } = ok(createAffiliate(db, actor, coalition.id, affiliateInput(partner.id)));
    const row = getAffiliate(db, "system", { coalitionId: coalition.id, affiliateId: affiliate.id });
    expect(row.coverage.map((c) => [c.state, c.kind, c.value])).toEqual([
      ["PA", "county", "Bucks"],
      ["PA", "district", "07"],
      ["PA", "district", "08"],
    ]);
    expect(row).toMatchObject({ partnerShortName: partner.shortName, partnerLegalType: "c5", effectiveLegalType: "c5" });
    expect(listPartners(db, "system", { coalitionId: coalition.id })[0].affiliateCount).toBe(1);
  });

  it("an affiliate's own legal type is its effective type", () => {
    const coalition = buildCoalition(db, actor);
    const partner = buildPartner(db, actor, coalition.id, { legalType: "c4" });
    const aff = buildAffiliate(db, actor, coalition.id, partner.id, { legalType: "c3" });
    expect(getAffiliate(db, "system", { coalitionId: coalition.id, affiliateId: aff.id }).effectiveLegalType).toBe("c3");
  });

  it("updateAffiliate replaces coverage", () => {
    const coalition = buildCoalition(db, actor);
    const partner = buildPartner(db, actor, coalition.id);
    const { affiliate } = ok(createAffiliate(db, actor, coalition.id, affiliateInput(partner.id)));
    ok(updateAffiliate(db, actor, coalition.id, affiliate.id, affiliateInput(partner.id, { name: "OH Chapter", state: "OH", districts: ["01"], counties: [] })));
    const row = getAffiliate(db, "system", { coalitionId: coalition.id, affiliateId: affiliate.id });
    expect(row.name).toBe("OH Chapter");
    expect(row.coverage.map((c) => [c.state, c.kind, c.value])).toEqual([["OH", "district", "01"]]);
  });

  it("refuses a partner not at the table and a duplicate name for the same partner", () => {
    const coalition = buildCoalition(db, actor);
    const partner = buildPartner(db, actor, coalition.id);
    const outsider = buildPartner(db, actor, buildCoalition(db, actor).id);
    expect(createAffiliate(db, actor, coalition.id, affiliateInput(outsider.id))).toMatchObject({ ok: false, field: "partnerId" });
    ok(createAffiliate(db, actor, coalition.id, affiliateInput(partner.id)));
    expect(createAffiliate(db, actor, coalition.id, affiliateInput(partner.id, { districts: ["01"] }))).toMatchObject({ ok: false, field: "name" });
    // another partner may use the same affiliate name
    const other = buildPartner(db, actor, coalition.id);
    ok(createAffiliate(db, actor, coalition.id, affiliateInput(other.id)));
    expect(() => getAffiliate(db, "system", { coalitionId: coalition.id, affiliateId: 9999 })).toThrow(NotFoundError);
  });

  it("affiliatesCovering finds by district, and by state for a statewide race", () => {
    const coalition = buildCoalition(db, actor);
    const p1 = buildPartner(db, actor, coalition.id);
    const p2 = buildPartner(db, actor, coalition.id);
    const p3 = buildPartner(db, actor, coalition.id);
    const a07 = buildAffiliate(db, actor, coalition.id, p1.id, { state: "PA", districts: ["07", "08"] });
    const a12 = buildAffiliate(db, actor, coalition.id, p2.id, { state: "PA", districts: ["12"] });
    const oh07 = buildAffiliate(db, actor, coalition.id, p2.id, { state: "OH", districts: ["07"] });
    const notAsked = buildAffiliate(db, actor, coalition.id, p3.id, { state: "PA", districts: ["07"] });
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
    const pa07 = buildRace(db, actor, coalition.id, { state: "PA", district: "07" });
    const ohio07 = buildRace(db, actor, coalition.id, { state: "OH", district: "07" });
    const paSenate = buildRace(db, actor, coalition.id, { state: "PA", district: null });
    expect(ids(affiliatesCovering(db, [p1.id, p2.id], pa07))).toEqual([a07.id]);
    expect(ids(affiliatesCovering(db, [p1.id, p2.id], ohio07))).toEqual([oh07.id]);
    expect(ids(affiliatesCovering(db, [p1.id, p2.id], paSenate))).toEqual([a07.id, a12.id].sort((a, b) => a - b));
    expect(ids(affiliatesCovering(db, [p1.id, p2.id, p3.id], pa07))).toEqual([a07.id, notAsked.id].sort((a, b) => a - b));
    expect(affiliatesCovering(db, [], pa07)).toEqual([]);
    // an affiliate covering two districts appears once, with all its coverage
    const found = affiliatesCovering(db, [p1.id], paSenate);
    expect(found).toHaveLength(1);
    expect(found[0].coverage).toHaveLength(2);
  });

  it("listAffiliates filters by state and partner", () => {
    const coalition = buildCoalition(db, actor);
    const p1 = buildPartner(db, actor, coalition.id);
    const p2 = buildPartner(db, actor, coalition.id);
    buildAffiliate(db, actor, coalition.id, p1.id, { state: "PA" });
    buildAffiliate(db, actor, coalition.id, p2.id, { state: "OH" });
    buildAffiliate(db, actor, coalition.id, p2.id, { state: "PA" });
    expect(listAffiliates(db, "system", { coalitionId: coalition.id })).toHaveLength(3);
    expect(listAffiliates(db, "system", { coalitionId: coalition.id, state: "PA" }).every((a) => a.state === "PA")).toBe(true);
    expect(listAffiliates(db, "system", { coalitionId: coalition.id, state: "PA" })).toHaveLength(2);
    expect(listAffiliates(db, "system", { coalitionId: coalition.id, partnerId: p2.id })).toHaveLength(2);
    // each partner's own affiliates are counted (ids of partners and affiliates differ here)
    const counts = new Map(listPartners(db, "system", { coalitionId: coalition.id }).map((p) => [p.id, p.affiliateCount]));
    expect(counts.get(p1.id)).toBe(1);
    expect(counts.get(p2.id)).toBe(2);
    expect(listAffiliates(db, "system", { coalitionId: buildCoalition(db, actor).id })).toEqual([]);
  });
});

describe("races", () => {
  const base = { office: "U.S. House", state: "PA", district: "07", seats: 1, primaryDate: "2026-05-19", generalDate: "2026-11-03", incumbent: null, timeZone: null } satisfies RaceInput;

  it("creates a race with the state's default time zone unless one is given", () => {
    const coalition = buildCoalition(db, actor);
    expect(ok(createRace(db, actor, coalition.id, base)).race.timeZone).toBe("America/New_York");
    expect(ok(createRace(db, actor, coalition.id, { ...base, state: "AZ", district: "01" })).race.timeZone).toBe("America/Phoenix");
    expect(ok(createRace(db, actor, coalition.id, { ...base, district: "08", timeZone: "America/Chicago" })).race.timeZone).toBe("America/Chicago");
    expect(raceLabel({ office: "U.S. House", state: "PA", district: "07" })).toBe("U.S. House, PA-07");
    expect(raceLabel({ office: "U.S. Senate", state: "PA", district: null })).toBe("U.S. Senate, PA");
  });

  it("listRaces filters by state and sorts by days to primary with past primaries last", () => {
    const coalition = buildCoalition(db, actor);
    const later = buildRace(db, actor, coalition.id, { state: "PA", primaryDate: "2027-05-18", generalDate: "2027-11-02" });
    const soon = buildRace(db, actor, coalition.id, { state: "OH", primaryDate: "2026-11-10", generalDate: "2026-12-01" });
    const today = buildRace(db, actor, coalition.id, { state: "PA", primaryDate: TODAY, generalDate: "2026-12-01" });
    const longPast = buildRace(db, actor, coalition.id, { state: "PA", primaryDate: "2026-03-03", generalDate: "2026-11-03" });
    const justPast = buildRace(db, actor, coalition.id, { state: "OH", primaryDate: "2026-10-20", generalDate: "2026-11-03" });
    buildCandidate(db, actor, coalition.id, soon.id);
    const all = listRaces(db, "system", { coalitionId: coalition.id, today: TODAY });
    expect(all.map((r) => r.id)).toEqual([today.id, soon.id, later.id, justPast.id, longPast.id]);
    expect(all.map((r) => r.daysToPrimary)).toEqual([0, 9, 198, -12, -243]);
    expect(all.find((r) => r.id === soon.id)!.candidateCount).toBe(1);
    expect(listRaces(db, "system", { coalitionId: coalition.id, today: TODAY, state: "PA" }).map((r) => r.id)).toEqual([today.id, later.id, longPast.id]);
    expect(listRaces(db, "system", { coalitionId: coalition.id, today: TODAY, state: "TX" })).toEqual([]);
    expect(listRaceStates(db, "system", { coalitionId: coalition.id })).toEqual(["OH", "PA"]);
  });

  it("duplicate race → field error on office", () => {
    const coalition = buildCoalition(db, actor);
    ok(createRace(db, actor, coalition.id, base));
    expect(createRace(db, actor, coalition.id, { ...base, primaryDate: "2026-06-01" })).toEqual({
      ok: false,
      field: "office",
      message: "This table already has this office in this place (state, chamber or city, and district).",
    });
    // another district, another table: fine
    ok(createRace(db, actor, coalition.id, { ...base, district: "08" }));
    ok(createRace(db, actor, buildCoalition(db, actor).id, base));
  });

  it("duplicate statewide race (no district) → field error on office", () => {
    const coalition = buildCoalition(db, actor);
    const statewide = { ...base, office: "U.S. Senate", district: null };
    const { race } = ok(createRace(db, actor, coalition.id, statewide));
    expect(createRace(db, actor, coalition.id, statewide)).toMatchObject({ ok: false, field: "office" });
    expect(db.select({ n: count() }).from(races).get()!.n).toBe(1);
    // another state is fine, and the race may be saved unchanged
    ok(createRace(db, actor, coalition.id, { ...statewide, state: "OH" }));
    ok(updateRace(db, actor, coalition.id, race.id, { ...statewide, incumbent: "Someone" }));
    const house = ok(createRace(db, actor, coalition.id, { ...base })).race;
    expect(updateRace(db, actor, coalition.id, house.id, statewide)).toMatchObject({ ok: false, field: "office" });
  });

  it("updateRace edits and refuses a clash with another race", () => {
    const coalition = buildCoalition(db, actor);
    const a = ok(createRace(db, actor, coalition.id, base)).race;
    const b = ok(createRace(db, actor, coalition.id, { ...base, district: "08" })).race;
    expect(updateRace(db, actor, coalition.id, b.id, base)).toMatchObject({ ok: false, field: "office" });
    expect(ok(updateRace(db, actor, coalition.id, a.id, { ...base, seats: 2 })).race.seats).toBe(2);
    expect(getRace(db, "system", { coalitionId: coalition.id, raceId: a.id }).seats).toBe(2);
    expect(() => getRace(db, "system", { coalitionId: buildCoalition(db, actor).id, raceId: a.id })).toThrow(NotFoundError);
  });

  it("DB check constraints hold: seats 1–20 and general on or after primary", () => {
    const coalition = buildCoalition(db, actor);
    expect(() => createRace(db, actor, coalition.id, { ...base, seats: 0 })).toThrow(/CHECK constraint failed: races_seats_range/);
    expect(() => createRace(db, actor, coalition.id, { ...base, seats: 21 })).toThrow(/CHECK constraint failed: races_seats_range/);
    expect(() => createRace(db, actor, coalition.id, { ...base, generalDate: "2026-05-18" })).toThrow(/CHECK constraint failed: races_general_after_primary/);
    ok(createRace(db, actor, coalition.id, { ...base, generalDate: base.primaryDate }));
    const race = getRace(db, "system", { coalitionId: coalition.id, raceId: listRaces(db, "system", { coalitionId: coalition.id, today: TODAY })[0].id });
    expect(() => db.update(races).set({ seats: 0 }).where(eq(races.id, race.id)).run()).toThrow(/CHECK constraint/);
    expect(() => createRace(db, actor, 9999, base)).toThrow(NotFoundError);
  });
});

describe("candidates", () => {
  const input = { name: "Ada Lovelace", party: "Democratic", incumbency: "challenger" as const, bio: "", website: null, socialLinks: "" };

  function setup() {
    const coalition = buildCoalition(db, actor);
    const race = buildRace(db, actor, coalition.id);
    return { coalition, race };
  }

  it("createCandidate writes a 'create' revision with the snapshot", () => {
    const { coalition, race } = setup();
    const { candidate } = ok(createCandidate(db, actor, coalition.id, race.id, input));
    const revs = listRevisions(db, "system", { coalitionId: coalition.id, candidateId: candidate.id }).revisions;
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({ action: "create", actorId: actor.id, actorName: actor.name, before: null });
    expect(JSON.parse(revs[0].after!)).toEqual({ ...input, bioSourceKind: "research", bioSourceUrl: null, bioCapturedAt: null });
    expect(listCandidatesInRace(db, "system", { raceId: race.id }).map((c) => c.id)).toEqual([candidate.id]);
    expect(() => createCandidate(db, actor, buildCoalition(db, actor).id, race.id, input)).toThrow(NotFoundError);
  });

  it("updateCandidate writes a revision with only changed fields", () => {
    const { coalition, race } = setup();
    const { candidate } = ok(createCandidate(db, actor, coalition.id, race.id, input));
    const r = ok(updateCandidate(db, actor, coalition.id, candidate.id, { ...input, bio: "Mathematician.", website: "https://ada.example" }));
    expect(r.changed).toEqual(["bio", "website"]);
    expect(r.candidate).toMatchObject({ bio: "Mathematician.", website: "https://ada.example", name: "Ada Lovelace" });
    const [latest] = listRevisions(db, "system", { coalitionId: coalition.id, candidateId: candidate.id }).revisions;
    expect(latest.action).toBe("edit");
    expect(latest.summary).toBe("Edited bio, website");
    // a change to the bio records it with its source on both sides (F2)
    expect(JSON.parse(latest.before!)).toEqual({ bio: "", bioSourceKind: "research", bioSourceUrl: null, bioCapturedAt: null, website: null });
    expect(JSON.parse(latest.after!)).toEqual({ bio: "Mathematician.", bioSourceKind: "research", bioSourceUrl: null, bioCapturedAt: null, website: "https://ada.example" });
  });

  it("an update that changes nothing writes no revision", () => {
    const { coalition, race } = setup();
    const { candidate } = ok(createCandidate(db, actor, coalition.id, race.id, input));
    expect(ok(updateCandidate(db, actor, coalition.id, candidate.id, input)).changed).toEqual([]);
    expect(listRevisions(db, "system", { coalitionId: coalition.id, candidateId: candidate.id }).revisions).toHaveLength(1);
  });

  it("addProfileItem / removeProfileItem keep history; getCandidateProfile omits removed items", () => {
    const { coalition, race } = setup();
    const candidate = buildCandidate(db, actor, coalition.id, race.id);
    const kept = buildProfileItem(db, actor, coalition.id, candidate.id, { kind: "position", topic: "Housing", body: "Supports rent caps.", sourceKind: "research" });
    const gone = buildProfileItem(db, actor, coalition.id, candidate.id, {
      kind: "fundraising",
      body: "",
      raised: 250_000,
      asOf: "2026-09-30",
      sourceKind: "public",
      sourceUrl: "https://fec.example.gov/c",
      capturedAt: "2026-10-15",
    });
    expect(gone).toMatchObject({ sourceKind: "public", sourceUrl: "https://fec.example.gov/c", capturedAt: "2026-10-15", createdBy: actor.id, removedAt: null });
    expect(ok(removeProfileItem(db, actor, coalition.id, candidate.id, gone.id, new Date("2026-10-20T12:00:00Z")))).toEqual({ ok: true });
    // the row stays, marked removed
    expect(db.select().from(profileItems).where(eq(profileItems.id, gone.id)).get()!.removedAt).toBe("2026-10-20T12:00:00.000Z");
    const revs = listRevisions(db, "system", { coalitionId: coalition.id, candidateId: candidate.id }).revisions;
    expect(revs.map((r) => r.action)).toEqual(["remove_item", "add_item", "add_item", "create"]);
    expect(revs[0].summary).toBe("Removed fundraising from a public source");
    expect(JSON.parse(revs[0].before!)).toMatchObject({ raised: 250_000, sourceUrl: "https://fec.example.gov/c" });
    expect(revs[2].summary).toBe("Added position (Housing) from a research source");
    const profile = getCandidateProfile(db, "system", { coalitionId: coalition.id, candidateId: candidate.id, today: TODAY });
    expect(profile.items.map((i) => i.id)).toEqual([kept.id]);
    // removing twice is not found
    expect(() => removeProfileItem(db, actor, coalition.id, candidate.id, gone.id)).toThrow(NotFoundError);
    expect(db.select({ n: count() }).from(profileRevisions).get()!.n).toBe(4);
  });

  it("an item of one candidate cannot be removed through another", () => {
    const { coalition, race } = setup();
    const a = buildCandidate(db, actor, coalition.id, race.id);
    const b = buildCandidate(db, actor, coalition.id, race.id);
    const item = buildProfileItem(db, actor, coalition.id, a.id);
    expect(() => removeProfileItem(db, actor, coalition.id, b.id, item.id)).toThrow(NotFoundError);
  });

  it("getCandidateProfile gathers stances, history, timeline, sub-table and rivals", () => {
    const t = buildTableWithRace(db, actor, { partners: 4 });
    const [c0, c1] = t.candidates;
    ok(stance(db, actor, t.coalition.id, c0.id, t.partners[0].id, "considering", { decidedOn: "2026-10-01" }));
    for (const p of t.partners) ok(stance(db, actor, t.coalition.id, c0.id, p.id, "endorsed", { decidedOn: "2026-10-05" }));
    ok(stance(db, actor, t.coalition.id, c0.id, t.partners[3].id, "withdrawn", { decidedOn: "2026-10-09" }));
    const profile = getCandidateProfile(db, "system", { coalitionId: t.coalition.id, candidateId: c0.id, today: TODAY });
    expect(profile.race.label).toBe(raceLabel(t.race));
    expect(profile.current).toHaveLength(4);
    expect(profile.current.filter((e) => e.stance === "endorsed")).toHaveLength(3);
    expect(profile.history).toHaveLength(6);
    expect(profile.timeline).toEqual([
      { date: "2026-10-01", endorsed: 0 },
      { date: "2026-10-05", endorsed: 4 },
      { date: "2026-10-09", endorsed: 3 },
    ]);
    expect(profile.subTable).toMatchObject({ memberCount: 3, status: "below_critical_mass" });
    expect(profile.others.map((c) => c.id)).toEqual([c1.id]);
    expect(() => getCandidate(db, "system", { coalitionId: t.coalition.id, candidateId: 9999 })).toThrow(NotFoundError);
  });
});

describe("table picture", () => {
  /** Two races: race A (PA) with candidates a0, a1; race B (OH) with b0. Six partners. */
  function picture() {
    const coalition = buildCoalition(db, actor, { threshold: 4 });
    const p = Array.from({ length: 6 }, (_, i) => buildPartner(db, actor, coalition.id, { shortName: `S${i}` }));
    const raceA = buildRace(db, actor, coalition.id, { state: "PA", district: "07", primaryDate: "2027-05-18" });
    const raceB = buildRace(db, actor, coalition.id, { state: "OH", district: "01", primaryDate: "2027-03-01", generalDate: "2027-11-02" });
    const a0 = buildCandidate(db, actor, coalition.id, raceA.id, { name: "Alpha" });
    const a1 = buildCandidate(db, actor, coalition.id, raceA.id, { name: "Beta" });
    const b0 = buildCandidate(db, actor, coalition.id, raceB.id, { name: "Gamma" });
    const set = (c: number, i: number, s: "endorsed" | "considering" | "declined") => ok(stance(db, actor, coalition.id, c, p[i].id, s));
    // a0: 3 endorsers (nearing: "3 of 4"); a1: 1 endorser → race A is split; b0: 4 → critical mass
    [0, 1, 2].forEach((i) => set(a0.id, i, "endorsed"));
    set(a1.id, 3, "endorsed");
    [0, 1, 2, 3].forEach((i) => set(b0.id, i, "endorsed"));
    set(a1.id, 4, "considering");
    return { coalition, p, raceA, raceB, a0, a1, b0 };
  }

  it("getMatrix gives each seated partner's stance and counts", () => {
    const { coalition, p, a0, a1, b0 } = picture();
    const pic = getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY });
    const byId = new Map(pic.rows.map((c) => [c.id, c]));
    expect(byId.get(a0.id)).toMatchObject({ count: 3, stances: { [p[0].id]: "endorsed", [p[1].id]: "endorsed", [p[2].id]: "endorsed" } });
    expect(byId.get(a1.id)).toMatchObject({ count: 1, stances: { [p[3].id]: "endorsed", [p[4].id]: "considering" } });
    expect(byId.get(b0.id)!.count).toBe(4);
    expect(byId.get(b0.id)!.subTable).toMatchObject({ memberCount: 4, status: "active" });
    expect(pic.partners.map((x) => x.shortName)).toEqual(["S0", "S1", "S2", "S3", "S4", "S5"]);
  });

  it("getMatrix sorted by count desc, and filters by state, race and status", () => {
    const { coalition, raceA, raceB, a0, a1, b0 } = picture();
    const m = getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY });
    expect(m.rows.map((r) => r.id)).toEqual([b0.id, a0.id, a1.id]);
    expect(m.rows.map((r) => r.count)).toEqual([4, 3, 1]);
    expect(m.states).toEqual(["OH", "PA"]);
    // races are offered once a state is chosen (a national table has too many to list)
    expect(m.races).toEqual([]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, state: raceA.state }).races.map((r) => r.id)).toContain(raceA.id);
    expect(m.total).toBe(3);
    expect(m.rows.map((r) => r.needed)).toEqual([0, 1, 3]);
    expect(m.splitRaceIds).toEqual([raceA.id]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, state: "PA" }).rows.map((r) => r.id)).toEqual([a0.id, a1.id]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, raceId: raceB.id }).rows.map((r) => r.id)).toEqual([b0.id]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, status: "critical_mass" }).rows.map((r) => r.id)).toEqual([b0.id]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, status: "nearing" }).rows.map((r) => r.id)).toEqual([a0.id]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, status: "any_endorsement" }).rows).toHaveLength(3);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, status: "none" }).rows).toEqual([]);
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, state: "OH", status: "nearing" }).rows).toEqual([]);
  });

  it("a candidate with no endorsement matches the 'none' filter", () => {
    const { coalition, raceB } = picture();
    const lone = buildCandidate(db, actor, coalition.id, raceB.id, { name: "Delta" });
    expect(getMatrix(db, "system", { coalitionId: coalition.id, today: TODAY, status: "none" }).rows.map((r) => r.id)).toEqual([lone.id]);
  });

  it("getTableHome: nearing shows '3 of 4' candidates, and split races", () => {
    const { coalition, p, raceA, a0, a1 } = picture();
    buildAffiliate(db, actor, coalition.id, p[0].id);
    const home = getTableHome(db, "system", { coalitionId: coalition.id, today: TODAY });
    expect(home.coalition.threshold).toBe(4);
    expect(home.nearing.map((c) => [c.name, c.count])).toEqual([["Alpha", 3]]);
    expect(`${home.nearing[0].count} of ${home.coalition.threshold}`).toBe("3 of 4");
    expect(home.splitRaces).toEqual([
      {
        raceId: raceA.id,
        raceLabel: raceLabel(raceA),
        seats: 1,
        candidates: [
          { id: a0.id, name: "Alpha", partners: ["S0", "S1", "S2"] },
          { id: a1.id, name: "Beta", partners: ["S3"] },
        ],
      },
    ]);
    expect(home.counts).toEqual({ partners: 6, affiliates: 1, races: 2, racesWithCandidates: 2, candidates: 3, endorsements: 8, subTables: 1, allSubTables: 1 });
    expect(home.newest).toHaveLength(9);
    expect(home.newest[0]).toMatchObject({ candidateId: a1.id, partnerId: p[4].id, stance: "considering" });
    expect(home.timeline.at(-1)).toEqual({ date: "2026-11-01", endorsed: 8 });
  });

  it("a two-seat race with two endorsed candidates is not split", () => {
    const coalition = buildCoalition(db, actor);
    const p = Array.from({ length: 2 }, () => buildPartner(db, actor, coalition.id));
    const race = buildRace(db, actor, coalition.id, { seats: 2 });
    const c = Array.from({ length: 3 }, () => buildCandidate(db, actor, coalition.id, race.id));
    ok(stance(db, actor, coalition.id, c[0].id, p[0].id, "endorsed"));
    ok(stance(db, actor, coalition.id, c[1].id, p[1].id, "endorsed"));
    expect(getTableHome(db, "system", { coalitionId: coalition.id, today: TODAY }).splitRaces).toEqual([]);
    ok(stance(db, actor, coalition.id, c[2].id, p[0].id, "considering"));
    ok(stance(db, actor, coalition.id, c[0].id, p[1].id, "endorsed"));
    expect(getTableHome(db, "system", { coalitionId: coalition.id, today: TODAY }).splitRaces).toEqual([]);
    ok(stance(db, actor, coalition.id, c[2].id, p[1].id, "declined"));
    ok(stance(db, actor, coalition.id, c[0].id, p[0].id, "withdrawn"));
    ok(stance(db, actor, coalition.id, c[2].id, p[0].id, "endorsed"));
    expect(getTableHome(db, "system", { coalitionId: coalition.id, today: TODAY }).splitRaces.map((s) => s.candidates.length)).toEqual([3]);
  });

  it("nearing leaves out races whose primary has passed", () => {
    const coalition = buildCoalition(db, actor);
    const p = Array.from({ length: 3 }, () => buildPartner(db, actor, coalition.id));
    const past = buildRace(db, actor, coalition.id, { primaryDate: "2027-01-10", generalDate: "2027-02-01" });
    const c = buildCandidate(db, actor, coalition.id, past.id);
    p.forEach((x) => ok(stance(db, actor, coalition.id, c.id, x.id, "endorsed")));
    expect(getTableHome(db, "system", { coalitionId: coalition.id, today: "2027-01-10" }).nearing).toHaveLength(1);
    expect(getTableHome(db, "system", { coalitionId: coalition.id, today: "2027-01-11" }).nearing).toHaveLength(0);
  });

  it("affiliate endorsements are shown apart and not counted", () => {
    const { coalition, p, a1 } = picture();
    const aff = buildAffiliate(db, actor, coalition.id, p[5].id);
    ok(stance(db, actor, coalition.id, a1.id, p[5].id, "endorsed", { affiliateId: aff.id }));
    const row = [...matrixExportRows(db, "system", { coalitionId: coalition.id, today: TODAY })].find((c) => c.id === a1.id)!;
    expect(row.count).toBe(1);
    expect(row.affiliateEndorsements).toBe(1);
    expect(row.stances[p[5].id]).toBeUndefined();
  });
});

describe("audit", () => {
  function writeSome() {
    const t = buildTableWithRace(db, actor, { legalTypes: ["c3"] });
    ok(stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[1].id, "endorsed"));
    stance(db, actor, t.coalition.id, t.candidates[0].id, t.partners[0].id, "endorsed");
    return t;
  }

  it("verifyAuditChain ok after several writes; each row links to the one before", () => {
    writeSome();
    const rows = listAudit(db, "system", { limit: 1000 }).reverse();
    expect(rows.length).toBeGreaterThan(8);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: rows.length });
    expect(rows.some((r) => r.decision === "deny" && r.rule === "F1")).toBe(true);
  });

  it("an empty log verifies", () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 0 });
  });

  it("the trigger refuses UPDATE and DELETE on audit_log", () => {
    writeSome();
    const before = listAudit(db, "system", { limit: 1000 });
    expect(() => db.$client.prepare("UPDATE audit_log SET detail = 'edited' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.update(auditLog).set({ decision: "allow" }).run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM audit_log WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.delete(auditLog).run()).toThrow(/append-only/);
    expect(listAudit(db, "system", { limit: 1000 })).toEqual(before);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("tampering a row is detected at that row id", () => {
    writeSome();
    const rows = listAudit(db, "system", { limit: 1000 }).reverse();
    const target = rows[4];
    db.$client.exec("DROP TRIGGER audit_log_no_update");
    db.update(auditLog).set({ decision: "allow", detail: "nothing to see" }).where(eq(auditLog.id, target.id)).run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: target.id, rows: 5, reason: "row content does not match its hash" });
  });

  it("rewriting a row's hash too breaks the link at the next row", () => {
    writeSome();
    const rows = listAudit(db, "system", { limit: 1000 }).reverse();
    const target = rows[2];
    db.$client.exec("DROP TRIGGER audit_log_no_update");
    db.update(auditLog).set({ hash: "f".repeat(64) }).where(eq(auditLog.id, target.id)).run();
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    // the row itself no longer matches its (forged) hash
    expect(r).toMatchObject({ brokenAt: target.id });
  });

  it("a deleted row in the middle is detected at the row after it", () => {
    writeSome();
    const rows = listAudit(db, "system", { limit: 1000 }).reverse();
    db.$client.exec("DROP TRIGGER audit_log_no_delete");
    db.delete(auditLog).where(eq(auditLog.id, rows[3].id)).run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: rows[4].id, reason: "link to the previous row does not match" });
  });
});
