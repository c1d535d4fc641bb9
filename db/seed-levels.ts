/**
 * Issue 13's demo: a state-legislative table (Minnesota and New Jersey, both chambers, a
 * lettered district, a multi-member district) and a municipal table (Chicago wards, an
 * Evanston at-large seat, a mayoral race with no primary), each with a sub-table, and a remote
 * phonebank on the Ward 5 program whose callers include an Indiana chapter.
 *
 * The demo facilitator runs both tables; Priya Representative (Kestrel Action) sits at the
 * municipal one; Lee Lead leads the Indiana chapter (Great Lakes Tenants) that calls into Chicago. Deterministic:
 * the same rows every time, recorded by the demo facilitator.
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { partners, subCoalitions, users } from "./schema";
import type { Actor } from "../app/domain/actor";
import { grantRole } from "../app/models/accounts.server";
import { seatPartner } from "../app/models/partners.server";
import { acknowledgePolicy, publishPolicy } from "../app/models/policies.server";
import { setPledge } from "../app/models/pledges.server";
import { joinProgramRemotely } from "../app/models/remote-work.server";
import { DEMO_USERS } from "./seed-users";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildProgram, buildRace, shiftTurfUnit, stance } from "../tests/factories";
import type { LegalType } from "../app/domain/vocabulary";

/**
 * Regional partners of the two tables (their chapters are theirs alone, so the federal table's
 * affiliate lists stay as they were); Kestrel Action, of the federal table, also sits at the
 * municipal one.
 */
const REGIONAL: { key: string; name: string; legalType: LegalType }[] = [
  { key: "NOA", name: "Northstar Organizing Action", legalType: "c4" },
  { key: "GLT", name: "Great Lakes Tenants Action", legalType: "c4" },
  { key: "PCA", name: "Prairie Climate Action", legalType: "c4" },
  { key: "RNA", name: "Riverfront Neighbors Action", legalType: "c4" },
  { key: "BLC", name: "Builders Local Council", legalType: "c5" },
];

export const STATE_TABLE_NAME = "Statehouse Table 2028";
export const CITY_TABLE_NAME = "Chicagoland Municipal Table 2027";

const must = <T extends { ok: boolean }>(r: T, what: string) => {
  if (!r.ok) throw new Error(`seed-levels: ${what} was refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

function demoUser(db: Db, key: (typeof DEMO_USERS)[number]["key"]): Actor {
  const email = DEMO_USERS.find((u) => u.key === key)!.email;
  const row = db.select().from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`seed-levels: the demo ${key} is missing`);
  return { id: row.id, name: row.name };
}

function partnerByShortName(db: Db, shortName: string): number {
  const row = db.select({ id: partners.id }).from(partners).where(eq(partners.shortName, shortName)).get();
  if (!row) throw new Error(`seed-levels: unknown partner ${shortName}`);
  return row.id;
}

/** Four partners endorse a candidate (decided on the given day): the sub-table forms. */
function formSubTable(db: Db, actor: Actor, cid: number, candidateId: number, partnerIds: number[], decidedOn: string): number {
  for (const p of partnerIds) must(stance(db, actor, cid, candidateId, p, "endorsed", { decidedOn }), "endorsement");
  const sub = db.select().from(subCoalitions).where(eq(subCoalitions.candidateId, candidateId)).get();
  if (!sub) throw new Error("seed-levels: no sub-table formed");
  return sub.id;
}

function seedStateTable(db: Db, actor: Actor, admin: Actor, partner: (k: string) => number): string {
  const c = buildCoalition(db, actor, { name: STATE_TABLE_NAME, level: "state_legislative", cycle: 2028, threshold: 4 });
  grantRole(db, admin, actor.id, { role: "facilitator", coalitionId: c.id });
  for (const r of REGIONAL) {
    const made = buildPartner(db, actor, c.id, { name: r.name, shortName: r.key, legalType: r.legalType, website: `https://example.org/${r.key.toLowerCase()}`, contactName: null, contactEmail: null });
    must(publishPolicy(db, admin, { partnerId: made.id, title: `${r.name} firewall policy`, body: `${r.name} keeps its independent-side staff away from any campaign's plans, projects, activities or needs.`, fileName: null }, new Date("2026-10-01T12:00:00Z")), "policy");
  }
  const chapters = [
    { partner: "NOA", name: "Northstar Minnesota", state: "MN" },
    { partner: "GLT", name: "Great Lakes Tenants Twin Cities", state: "MN" },
    { partner: "PCA", name: "Prairie Climate Minnesota", state: "MN" },
    { partner: "RNA", name: "Riverfront Neighbors Minneapolis", state: "MN" },
    { partner: "PCA", name: "Prairie Climate New Jersey", state: "NJ" },
    { partner: "BLC", name: "Builders Local 29", state: "NJ" },
  ];
  for (const a of chapters) buildAffiliate(db, actor, c.id, partner(a.partner), { name: a.name, state: a.state, districts: [], counties: a.state === "MN" ? ["Hennepin"] : ["Hudson"] });
  const dates = { primaryDate: "2028-08-08", generalDate: "2028-11-07" };
  const lower = buildRace(db, actor, c.id, { office: "Minnesota House", state: "MN", chamber: "lower", district: "48B", seatKind: "district", ...dates });
  buildRace(db, actor, c.id, { office: "Minnesota Senate", state: "MN", chamber: "upper", district: "48", seatKind: "district", ...dates });
  const assembly = buildRace(db, actor, c.id, { office: "General Assembly", state: "NJ", chamber: "lower", district: "29", seats: 2, primaryDate: "2027-06-08", generalDate: "2027-11-02" });
  buildRace(db, actor, c.id, { office: "New Jersey Senate", state: "NJ", chamber: "upper", district: "29", primaryDate: "2027-06-08", generalDate: "2027-11-02" });
  const okafor = buildCandidate(db, actor, c.id, lower.id, { name: "Nia Okafor", party: "DFL", incumbency: "open_seat", bio: "School-board member and tenant organizer.", bioSourceKind: "research" });
  buildCandidate(db, actor, c.id, lower.id, { name: "Gus Lindqvist", party: "DFL", incumbency: "open_seat", bio: "", bioSourceKind: "research" });
  buildCandidate(db, actor, c.id, assembly.id, { name: "Marisol Vega", party: "Democratic", incumbency: "incumbent", bio: "", bioSourceKind: "research" });
  buildCandidate(db, actor, c.id, assembly.id, { name: "Dev Patel", party: "Democratic", incumbency: "challenger", bio: "", bioSourceKind: "research" });
  formSubTable(db, actor, c.id, okafor.id, ["NOA", "GLT", "PCA", "RNA"].map(partner), "2026-11-20");
  return "a state-legislative table (MN and NJ, both chambers, district 48B, a two-seat Assembly district) with a sub-table";
}

function seedCityTable(db: Db, actor: Actor, admin: Actor, partner: (k: string) => number): string {
  const c = buildCoalition(db, actor, { name: CITY_TABLE_NAME, level: "municipal", cycle: 2027, threshold: 4 });
  grantRole(db, admin, actor.id, { role: "facilitator", coalitionId: c.id });
  for (const k of [...REGIONAL.map((r) => r.key), "KA"]) must(seatPartner(db, actor, c.id, partner(k)), "seat");
  const chapter = (k: string, name: string, state = "IL", counties = ["Cook"]) => buildAffiliate(db, actor, c.id, partner(k), { name, state, districts: [], counties });
  chapter("NOA", "Northstar Chicago");
  const tenantsChicago = chapter("GLT", "Great Lakes Tenants Chicago");
  chapter("PCA", "Prairie Climate Chicago");
  chapter("RNA", "Riverfront Neighbors South Side");
  chapter("BLC", "Builders Local 73");
  // out of state: calls into Chicago from Northwest Indiana and Milwaukee
  const indiana = chapter("GLT", "Great Lakes Tenants Northwest Indiana", "IN", ["Lake"]);
  const milwaukee = chapter("PCA", "Prairie Climate Milwaukee", "WI", ["Milwaukee"]);

  // Chicago's municipal election is nonpartisan with an April runoff; no party primary
  const city = { state: "IL", localityKind: "city" as const, primaryKind: "none" as const, primaryDate: "2027-02-23", generalDate: "2027-02-23" };
  const ward5 = buildRace(db, actor, c.id, { office: "City Council", locality: "Chicago", seatKind: "ward", district: "5", ...city });
  buildRace(db, actor, c.id, { office: "City Council", locality: "Chicago", seatKind: "ward", district: "25", ...city });
  buildRace(db, actor, c.id, { office: "Mayor", locality: "Chicago", seatKind: "citywide", district: null, ...city });
  const atLarge = buildRace(db, actor, c.id, { office: "City Council", state: "IL", localityKind: "city", locality: "Evanston", seatKind: "at_large", district: null, seats: 3, primaryKind: "nonpartisan", primaryDate: "2027-02-23", generalDate: "2027-04-06" });
  const hale = buildCandidate(db, actor, c.id, ward5.id, { name: "Desmond Hale", party: "Nonpartisan", incumbency: "challenger", bio: "Block-club president and transit organizer.", bioSourceKind: "research" });
  buildCandidate(db, actor, c.id, ward5.id, { name: "Ruth Abernathy", party: "Nonpartisan", incumbency: "incumbent", bio: "", bioSourceKind: "research" });
  buildCandidate(db, actor, c.id, atLarge.id, { name: "Imani Brooks", party: "Nonpartisan", incumbency: "open_seat", bio: "", bioSourceKind: "research" });
  const sub = formSubTable(db, actor, c.id, hale.id, ["NOA", "GLT", "PCA", "RNA"].map(partner), "2026-11-10");

  // the Ward 5 program: doors for the Chicago chapters, call lists for callers anywhere
  const program = buildProgram(db, actor, c.id, sub, { name: "Ward 5 field program", startDate: "2026-12-01", endDate: "2027-02-23", goals: { doorknock: 3000, phonebank: 6000, textbank: 10000, public_event: 2 } });
  const ref = { coalitionId: c.id, programId: program.id };
  for (let i = 1; i <= 4; i++) shiftTurfUnit(db, program.id, { code: `W5-D${i}`, name: `Ward 5 walk packet ${i}`, kind: "walk_packet", state: "IL", district: "07", county: "Cook", size: 150 });
  for (let i = 1; i <= 6; i++) shiftTurfUnit(db, program.id, { code: `W5-C${i}`, name: `Ward 5 call list ${i}`, kind: "call_list", state: "IL", district: "07", county: "Cook", size: 500 });
  for (const a of [indiana, milwaukee]) must(joinProgramRemotely(db, actor, { ...ref, affiliateId: a.id }), "remote join");
  const week = "2027-01-11";
  must(setPledge(db, actor, { ...ref, affiliateId: tenantsChicago.id, workType: "doorknock", weekStart: week, hours: 40 }, new Date("2026-11-20T15:00:00Z")), "pledge");
  must(setPledge(db, actor, { ...ref, affiliateId: indiana.id, workType: "phonebank", weekStart: week, hours: 30 }, new Date("2026-11-20T15:00:00Z")), "pledge");
  must(setPledge(db, actor, { ...ref, affiliateId: milwaukee.id, workType: "phonebank", weekStart: week, hours: 10 }, new Date("2026-11-20T15:00:00Z")), "pledge");

  // the demo accounts: Priya sits for Kestrel Action; Lee leads the Indiana chapter (and has read its partner's policy, rule F6)
  const rep = demoUser(db, "rep");
  const lead = demoUser(db, "lead");
  grantRole(db, admin, rep.id, { role: "partner_rep", partnerId: partner("KA"), coalitionId: c.id });
  grantRole(db, admin, lead.id, { role: "affiliate_lead", affiliateId: indiana.id, coalitionId: c.id });
  const policy = db.query.firewallPolicies.findFirst({ where: (p, { eq }) => eq(p.partnerId, partner("GLT")) }).sync();
  if (policy) acknowledgePolicy(db, lead, { policyId: policy.id, version: policy.version });
  return "a municipal table (Chicago wards 5 and 25, the mayor with no primary, Evanston's three at-large seats) whose Ward 5 sub-table's call lists go to chapters in Indiana and Wisconsin";
}

/** Issue 13's two tables; called from seedDemo after the federal table's partners and policies exist. */
export function seedLevels(db: Db): string {
  const actor = demoUser(db, "facilitator");
  const admin = demoUser(db, "admin");
  const partner = (k: string) => partnerByShortName(db, k);
  return `Every level: ${seedStateTable(db, actor, admin, partner)}; ${seedCityTable(db, actor, admin, partner)}.`;
}
