/**
 * Factories shared by the tests and the demo seed. Each builds real rows through the model
 * functions, so data made here passes the same rules as data typed into the app.
 */
import type { CoverageInput } from "~/domain/coverage";
import type { Db } from "../db/client";
import type { LegalType } from "../app/domain/vocabulary";
import type { CoalitionLevel } from "../app/domain/vocabulary";
import type { Stance } from "../app/domain/vocabulary";
import type { SourceKind } from "../app/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { createCoalition } from "~/models/coalitions.server";
import { createAffiliate, createPartner } from "~/models/partners.server";
import { createRace, type RaceInput } from "~/models/races.server";
import { HOUSE_SEATS } from "~/domain/districts";
import { addProfileItem, createCandidate, type ProfileItemInput } from "~/models/candidates.server";
import { recordStance } from "~/models/endorsements.server";
import { acknowledgePolicy, publishPolicy } from "~/models/policies.server";
import { addActionItem } from "~/models/action-items.server";
import { createMeeting, type MeetingInput } from "~/models/meetings.server";
import type { PartyRef } from "~/domain/meeting-forms";
import { createProgram } from "~/models/programs.server";
import type { ProgramInput } from "~/domain/field-forms";
import { eq } from "drizzle-orm";
import { subCoalitions, turfAssignments, turfUnits } from "../db/schema";
import { createShift } from "~/models/shifts.server";
import { signUp } from "~/models/signups.server";
import type { ShiftInput, SignupInput } from "~/domain/shift-forms";

let seq = 0;
const next = () => ++seq;

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`factory could not build ${what}: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export function buildCoalition(db: Db, actor: Actor, over: Partial<{ name: string; level: CoalitionLevel; cycle: number; threshold: number }> = {}) {
  return must(
    createCoalition(db, actor, { name: over.name ?? `Test Table ${next()}`, level: over.level ?? "federal", cycle: over.cycle ?? 2026, threshold: over.threshold ?? 4 }),
    "table",
  ).coalition;
}

export function buildPartner(
  db: Db,
  actor: Actor,
  coalitionId: number,
  over: Partial<{ name: string; shortName: string; legalType: LegalType; website: string | null; contactName: string | null; contactEmail: string | null }> = {},
) {
  const n = next();
  return must(
    createPartner(db, actor, coalitionId, {
      name: over.name ?? `Partner Organization ${n}`,
      shortName: over.shortName ?? `P${n}`,
      legalType: over.legalType ?? "c4",
      website: over.website ?? null,
      contactName: over.contactName ?? null,
      contactEmail: over.contactEmail ?? null,
    }),
    "partner",
  ).partner;
}

export function buildAffiliate(
  db: Db,
  actor: Actor,
  coalitionId: number,
  partnerId: number,
  over: Partial<{ name: string; state: string; districts: string[]; counties: string[]; legalType: LegalType | null; leadName: string | null; leadContact: string | null } & Omit<CoverageInput, "districts" | "counties">> = {},
) {
  return must(
    createAffiliate(db, actor, coalitionId, {
      ...over,
      partnerId,
      name: over.name ?? `Affiliate ${next()}`,
      state: over.state ?? "PA",
      districts: over.districts ?? ["07"],
      counties: over.counties ?? [],
      legalType: over.legalType ?? null,
      leadName: over.leadName ?? null,
      leadContact: over.leadContact ?? null,
    }),
    "affiliate",
  ).affiliate;
}

let raceSeq = 0;
/**
 * A district that exists (the model checks congressional districts against the state's House
 * seats, issue 13): the next one of the state's in turn, so a table's races do not clash.
 */
function nextDistrict(state: string): string {
  const seats = HOUSE_SEATS[state] ?? 1;
  return seats === 1 ? "AL" : String((raceSeq++ % seats) + 1).padStart(2, "0");
}

export function buildRace(
  db: Db,
  actor: Actor,
  coalitionId: number,
  over: Partial<{ office: string; state: string; district: string | null; seats: number; primaryDate: string; generalDate: string; incumbent: string | null; timeZone: string | null } & Pick<RaceInput, "chamber" | "locality" | "localityKind" | "seatKind" | "primaryKind">> = {},
) {
  const state = over.state ?? "PA";
  return must(
    createRace(db, actor, coalitionId, {
      chamber: over.chamber,
      locality: over.locality,
      localityKind: over.localityKind,
      seatKind: over.seatKind,
      primaryKind: over.primaryKind,
      office: over.office ?? "U.S. House",
      state,
      district: over.district === undefined ? nextDistrict(state) : over.district,
      seats: over.seats ?? 1,
      primaryDate: over.primaryDate ?? "2027-05-18",
      generalDate: over.generalDate ?? "2027-11-02",
      incumbent: over.incumbent ?? null,
      timeZone: over.timeZone ?? null,
    }),
    "race",
  ).race;
}

export function buildCandidate(
  db: Db,
  actor: Actor,
  coalitionId: number,
  raceId: number,
  over: Partial<{
    name: string;
    party: string;
    incumbency: "incumbent" | "challenger" | "open_seat";
    bio: string;
    bioSourceKind: "public" | "campaign" | "research";
    bioSourceUrl: string | null;
    bioCapturedAt: string | null;
    website: string | null;
    socialLinks: string;
  }> = {},
) {
  return must(
    createCandidate(db, actor, coalitionId, raceId, {
      name: over.name ?? `Candidate ${next()}`,
      party: over.party ?? "Democratic",
      incumbency: over.incumbency ?? "challenger",
      bio: over.bio ?? "",
      bioSourceKind: over.bioSourceKind,
      bioSourceUrl: over.bioSourceUrl,
      bioCapturedAt: over.bioCapturedAt,
      website: over.website ?? null,
      socialLinks: over.socialLinks ?? "",
    }),
    "candidate",
  ).candidate;
}

export function buildProfileItem(db: Db, actor: Actor, coalitionId: number, candidateId: number, over: Partial<ProfileItemInput> = {}) {
  return must(
    addProfileItem(db, actor, coalitionId, candidateId, {
      kind: "note",
      topic: null,
      body: "A note.",
      raised: null,
      cashOnHand: null,
      asOf: null,
      pollster: null,
      pollShare: null,
      sourceKind: "research",
      sourceUrl: null,
      capturedAt: null,
      ...over,
    }),
    "profile item",
  ).item;
}

export function stance(
  db: Db,
  actor: Actor,
  coalitionId: number,
  candidateId: number,
  partnerId: number,
  value: Stance,
  over: Partial<{ affiliateId: number | null; decidedOn: string; note: string | null; decidingBody: string | null; notePrivate: boolean; noteSource: SourceKind; now: Date; rank: number | null }> = {},
) {
  return recordStance(
    db,
    actor,
    coalitionId,
    {
      candidateId,
      partnerId,
      affiliateId: over.affiliateId ?? null,
      stance: value,
      decidedOn: over.decidedOn ?? "2026-11-01",
      decidingBody: over.decidingBody ?? null,
      note: over.note ?? null,
      notePrivate: over.notePrivate ?? false,
      noteSource: over.noteSource ?? "research",
      rank: over.rank ?? null,
    },
    over.now ?? new Date("2026-11-01T15:00:00Z"),
  );
}

/** A table with `n` partners of the given legal types (c4 by default), a race and its candidates. */
export function buildTableWithRace(db: Db, actor: Actor, opts: { partners?: number; legalTypes?: LegalType[]; candidates?: number; threshold?: number; seats?: number; primaryDate?: string } = {}) {
  const coalition = buildCoalition(db, actor, { threshold: opts.threshold ?? 4 });
  const partners = Array.from({ length: opts.partners ?? 5 }, (_, i) =>
    buildPartner(db, actor, coalition.id, { legalType: opts.legalTypes?.[i] ?? "c4" }),
  );
  const race = buildRace(db, actor, coalition.id, { seats: opts.seats ?? 1, primaryDate: opts.primaryDate });
  const candidates = Array.from({ length: opts.candidates ?? 2 }, () => buildCandidate(db, actor, coalition.id, race.id));
  return { coalition, partners, race, candidates };
}

/** Rule F6: a member's firewall policy, acknowledged by the given people (so race pages open for them). */
export function buildPolicy(db: Db, actor: Actor, partnerId: number, acknowledgedBy: readonly number[] = [], over: Partial<{ title: string; body: string }> = {}) {
  const { policy } = must(
    publishPolicy(db, actor, { partnerId, title: over.title ?? "Firewall policy", body: over.body ?? "Independent-side staff never receive a campaign's plans, projects, activities or needs." }),
    "policy",
  );
  for (const userId of acknowledgedBy) must(acknowledgePolicy(db, { id: userId, name: "acknowledger" }, { policyId: policy.id, version: policy.version }), "acknowledgment");
  return policy;
}

// ---- facilitator's desk ---------------------------------------------------------------

/** A meeting (a table meeting on 2026-11-10 at 19:00 New York time unless told otherwise). */
export function buildMeeting(db: Db, actor: Actor, coalitionId: number, over: Partial<MeetingInput> = {}) {
  return must(
    createMeeting(db, actor, {
      coalitionId,
      title: over.title ?? `Meeting ${next()}`,
      kind: over.kind ?? "table",
      date: over.date ?? "2026-11-10",
      time: over.time ?? "19:00",
      timeZone: over.timeZone === undefined ? "America/New_York" : over.timeZone,
      location: over.location ?? null,
      subCoalitionId: over.subCoalitionId ?? null,
      candidateId: over.candidateId ?? null,
    }),
    "meeting",
  ).meeting;
}

export function buildActionItem(db: Db, actor: Actor, coalitionId: number, meetingId: number, owner: PartyRef, over: Partial<{ text: string; dueDate: string; agendaItemId: number | null }> = {}) {
  return must(
    addActionItem(db, actor, { coalitionId, meetingId, text: over.text ?? `Action ${next()}`, owner, dueDate: over.dueDate ?? "2026-11-20", agendaItemId: over.agendaItemId ?? null }),
    "action item",
  ).item;
}

// ---- Joint field work (issue 5) ----

/** A program on a sub-table, with a goal per work type unless told otherwise. */
export function buildProgram(db: Db, actor: Actor, coalitionId: number, subCoalitionId: number, over: Partial<ProgramInput> = {}) {
  return must(
    createProgram(db, actor, {
      coalitionId,
      subCoalitionId,
      name: over.name ?? `Program ${next()}`,
      startDate: over.startDate ?? "2027-03-01",
      endDate: over.endDate ?? "2027-05-18",
      side: over.side ?? "independent",
      goals: over.goals ?? { doorknock: 5000, phonebank: 8000, textbank: 20000, public_event: 4 },
    }),
    "program",
  ).program;
}

export type WorldAffiliate = { partner: number; name?: string; districts?: string[]; counties?: string[]; state?: string };

/** Four affiliates by default: two covering the district, two covering counties in it. */
const DEFAULT_WORLD_AFFILIATES: WorldAffiliate[] = [
  { partner: 0, districts: ["07"] },
  { partner: 1, districts: ["07"] },
  { partner: 2, counties: ["Lehigh"], districts: [] },
  { partner: 3, counties: ["Northampton", "Lehigh"], districts: [] },
];

/**
 * A table whose race (PA-07 unless told) has a sub-table of `endorsers` (4) partners out
 * of `partners` (5), affiliates of the endorsing partners with coverage, and a program.
 */
export function buildProgramWorld(
  db: Db,
  actor: Actor,
  opts: { partners?: number; endorsers?: number; state?: string; district?: string; affiliates?: WorldAffiliate[]; program?: Partial<ProgramInput> } = {},
) {
  const coalition = buildCoalition(db, actor, { threshold: 4 });
  const partners = Array.from({ length: opts.partners ?? 5 }, () => buildPartner(db, actor, coalition.id));
  const state = opts.state ?? "PA";
  const race = buildRace(db, actor, coalition.id, { state, district: opts.district ?? "07" });
  const candidate = buildCandidate(db, actor, coalition.id, race.id);
  const endorsers = partners.slice(0, opts.endorsers ?? 4);
  for (const p of endorsers) {
    const r = stance(db, actor, coalition.id, candidate.id, p.id, "endorsed");
    if (!r.ok) throw new Error(`factory could not endorse: ${JSON.stringify(r)}`);
  }
  const sub = db.select().from(subCoalitions).where(eq(subCoalitions.candidateId, candidate.id)).get();
  if (!sub) throw new Error("factory: the endorsements did not form a sub-table");
  const affiliates = (opts.affiliates ?? DEFAULT_WORLD_AFFILIATES).map((a) =>
    buildAffiliate(db, actor, coalition.id, partners[a.partner].id, { name: a.name, state: a.state ?? state, districts: a.districts ?? [], counties: a.counties ?? [] }),
  );
  const program = buildProgram(db, actor, coalition.id, sub.id, opts.program);
  return { coalition, partners, endorsers, race, candidate, subTable: sub, affiliates, program };
}

// ---- Shifts, sign-ups, results (issue 5, branch shifts) ----

/** A turf unit of a program, written directly (the turf import is the program half's). */
export function shiftTurfUnit(db: Db, programId: number, over: Partial<{ code: string; name: string; kind: "walk_packet" | "call_list" | "text_list"; size: number; state: string; district: string; county: string; holderAffiliateId: number }> = {}) {
  const n = next();
  const unit = db
    .insert(turfUnits)
    .values({ programId, code: over.code ?? `U${n}`, name: over.name ?? `Walk packet ${n}`, kind: over.kind ?? "walk_packet", size: over.size ?? 120, state: over.state ?? "PA", district: over.district ?? "07", county: over.county ?? "Lehigh" })
    .returning()
    .get();
  if (over.holderAffiliateId) db.insert(turfAssignments).values({ turfUnitId: unit.id, affiliateId: over.holderAffiliateId, assignedAt: "2026-10-01T00:00:00.000Z" }).run();
  return unit;
}

/** A shift hosted by an affiliate, at local times in the race's zone (a doorknock from 9 to noon by default). */
export function buildShift(db: Db, actor: Actor, coalitionId: number, programId: number, hostAffiliateId: number, over: Partial<ShiftInput> = {}) {
  return must(createShift(db, actor, { coalitionId, programId, ...shiftInput(hostAffiliateId, over) }), "shift").shift;
}

/** What the shift form gives for a doorknock from 9 to noon (local) on 2027-04-10, hosted by an affiliate. */
export function shiftInput(hostAffiliateId: number, over: Partial<ShiftInput> = {}): ShiftInput {
  return {
    workType: "doorknock",
    title: "",
    startsAt: "2027-04-10T09:00",
    endsAt: "2027-04-10T12:00",
    location: "Union hall, 12 Main St",
    callLink: null,
    hostAffiliateId,
    hostKind: "affiliate",
    campaignHost: null,
    capacity: 10,
    notes: "",
    coHostIds: [],
    turfUnitIds: [],
    ...over,
  };
}

/** A volunteer signed up on a shift, recruited by an affiliate. */
export function buildSignup(db: Db, actor: Actor, coalitionId: number, programId: number, shiftId: number, recruitedByAffiliateId: number, over: Partial<SignupInput> = {}, now = new Date("2027-03-01T12:00:00Z")) {
  const n = next();
  const r = signUp(db, actor, { coalitionId, programId, shiftId, volunteerName: `Volunteer ${n}`, email: `volunteer${n}@example.test`, phone: null, recruitedByAffiliateId, confirmDouble: false, ...over }, now);
  if (!r.ok) throw new Error(`factory could not build a sign-up: ${JSON.stringify(r)}`);
  return r.signupId;
}
