/**
 * The national-scale bench database (issue 11): three tables, 60 partners, 2,500 affiliates,
 * 1,500 races, 6,000 candidates, ~190,000 stance events, 50,000 turf units, 100,000 shifts
 * with 250,000 sign-ups, 300 meetings and a million audit rows, at SCALE 1.
 *
 * Deterministic: one seeded PRNG and fixed dates (nothing reads the clock), so the same scale
 * gives the same rows, ids and audit hashes every time. Written with raw prepared statements in
 * one transaction, not through the models (a million model calls would take an hour), so it
 * applies the domain's pure rules itself where the models would:
 *   - every stance change passes `mayEndorse` (F1: a 501(c)(3)'s attempt is a deny audit row and
 *     no event) and `checkStanceChange` (seats per race), in the order of the events' ids;
 *   - sub-tables are formed, joined and left by `subTableChange`, event by event, so
 *     sub_coalitions and sub_coalition_members are exactly what recordStance would have written;
 *   - turf assignments are `splitTurf` of the program's units, coverage, pledges and locks, and
 *     the stored split (program_splits, split_shares, split_uncovered) is what `resplit` stores;
 *   - the audit log is hash-chained exactly as app/models/audit.server.ts does (the test checks
 *     it with verifyAuditChain, `npm run audit:verify <file>` passes).
 *   - the projection of the stance history (current_stances, candidate_tallies, endorsement_days; migration 0012)
 *     is written by the database's own triggers as the events, seats, races and candidates are
 *     inserted, exactly as in the app; events carry their table (coalition_id) as recordStance
 *     writes them. The test checks the projection against the fold.
 * When a migration adds a table the models keep in step with others (a projection of current
 * stances, a stored split...), fill it here too and bump BENCH_DATA_VERSION.
 *
 * Used by `npm run bench` (scripts/bench.ts) and tests/models/bench-data.test.ts.
 */
import { createHash, scryptSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDb, MIGRATIONS_FOLDER, type Db } from "../db/client";
import { checkStanceChange, subTableChange } from "~/domain/critical-mass";
import { mayEndorse } from "~/domain/legal-types";
import { splitTurf, storedSplit, KIND_WORK_TYPE, type CoverageArea, type SplitUnit } from "~/domain/split";
import { US_STATES } from "~/domain/states";
import { coverageKey } from "~/domain/coverage";
import { HOUSE_SEATS } from "~/domain/districts";
import type { CoalitionLevel, LegalType, MeetingKind, ProfileItemKind, SourceKind, Stance, TurfKind, WorkType } from "~/domain/vocabulary";

/** Bump when the generated data changes shape; the cached file is keyed by it. */
export const BENCH_DATA_VERSION = 3;
/** Every bench account's password (they are ordinary, non-demo accounts). */
export const BENCH_PASSWORD = "bench-national-2028";
/** The data's "now": nothing is recorded after it (shifts and meetings may be scheduled later). */
export const BENCH_AS_OF = "2026-11-25T18:00:00.000Z";
/** The week the week page is measured at (the as-of week: past shifts with results, upcoming ones). */
export const BENCH_WEEK = "2026-11-23";

const GENESIS_HASH = "0".repeat(64);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const AS_OF = Date.parse(BENCH_AS_OF);
const T0 = Date.parse("2025-01-06T15:00:00.000Z");
const SHOWCASE_STATE = "PA";
const SHOWCASE_DISTRICT = "07";

export type BenchCounts = {
  partners: number;
  affiliates: number;
  races: number;
  candidates: number;
  programs: number;
  turfUnits: number;
  shifts: number;
  signups: number;
  meetings: number;
  audit: number;
};

/** The sizes at a scale (1 = the issue's national network); small scales keep what the rules need. */
export function benchCounts(scale: number): BenchCounts {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  return {
    partners: n(60, 20),
    affiliates: n(2_500, 8),
    races: n(1_500, 3),
    candidates: n(6_000, 9),
    programs: n(150, 2),
    turfUnits: n(50_000, 60),
    shifts: n(100_000, 30),
    signups: n(250_000, 60),
    meetings: n(300, 3),
    audit: n(1_000_000, 1_000),
  };
}

type UserRef = { id: number; email: string; name: string };

export type BenchManifest = {
  version: number;
  scale: number;
  asOf: string;
  week: string;
  password: string;
  /** Row counts of the main tables, read back from the database. */
  counts: Record<string, number>;
  lastAuditHash: string;
  tables: { id: number; name: string; level: CoalitionLevel }[];
  users: { facilitator: UserRef; rep: UserRef; counsel: UserRef; lead: UserRef };
  /** The representative's and counsel's partner (a 501(c)(4): the independent side). */
  partnerId: number;
  leadAffiliateId: number;
  /** The pages the bench opens: on the federal table, the largest program's race. */
  showcase: {
    coalitionId: number;
    state: string;
    bigState: string;
    raceId: number;
    candidateId: number;
    subTableId: number;
    programId: number;
    shiftId: number;
    meetingId: number;
  };
  feeds: { program: string; affiliate: string };
};

// ---------------------------------------------------------------------------------------
// Deterministic randomness

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** k distinct items (k capped at the length), in the order drawn. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    for (let i = 0; i < Math.min(k, copy.length); i++) {
      const j = i + this.int(copy.length - i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
      out.push(copy[i]);
    }
    return out;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** A time in [lo, hi] (ms), whole seconds. */
  time(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return Math.floor((lo + this.next() * (hi - lo)) / 1000) * 1000;
  }
}

// ---------------------------------------------------------------------------------------
// Names (all invented; addresses use example.org, phones the 555-01xx range)

const ORG_WORDS = [
  "Kestrel", "Bramblewood", "Tidewater", "Porchlight", "Lantern", "Hearth", "Kindling", "Bluewater", "Ridgeline", "Sparrow",
  "Cedar", "Granite", "Harbor", "Juniper", "Meadow", "Prairie", "Summit", "Willow", "Copper", "Evergreen",
  "Foxglove", "Goldfinch", "Heron", "Ironwood", "Jasper", "Larkspur", "Magnolia", "Northstar", "Orchard", "Pinecrest",
  "Quarry", "Redbud", "Saltmarsh", "Thistle", "Upland", "Valley", "Wildrye", "Yarrow", "Aspen", "Bayou",
  "Canyon", "Driftwood", "Elmstead", "Fernbrook", "Glacier", "Hollow", "Indigo", "Keystone", "Lakeshore", "Millrace",
  "Nettle", "Oakhurst", "Pebble", "Riverbend", "Sagebrush", "Tamarack", "Umber", "Vireo", "Wren", "Zephyr",
];
const ORG_SUFFIX: Record<LegalType, string[]> = {
  c4: ["Action", "Voters Alliance", "Action Network", "Neighbors Action", "Climate Action"],
  c3: ["Education Fund", "Institute"],
  c5: ["Workers Union", "Workers United"],
  pac: ["PAC"],
  super_pac: ["Victory Fund"],
  hybrid_pac: ["Hybrid PAC"],
  "527": ["Civic Fund"],
};
/** Ten partners' legal types, repeated: 24 c4, 6 each of the others at 60 partners. Partner 1 is a c4. */
const LEGAL_MIX: LegalType[] = ["c4", "c4", "c5", "pac", "c4", "super_pac", "c3", "c4", "hybrid_pac", "527"];
const DECIDING_BODIES = ["Board of directors", "Political committee", "Endorsement committee", "Member council", "Executive board", "PAC committee"];
const FIRST = [
  "Ada", "Amir", "Bea", "Caleb", "Dana", "Desmond", "Elena", "Farah", "Gus", "Hana", "Ines", "Jamal", "Keiko", "Luis", "Maya", "Nadia",
  "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vince", "Wen", "Ximena", "Yusuf", "Zoe", "Alma", "Bruno", "Celia", "Dev",
  "Esther", "Felix", "Gloria", "Hector", "Ivy", "Joel", "Kira", "Leon", "Mara", "Nils", "Opal", "Pedro", "Ruth", "Soren", "Tess", "Walt",
];
const LAST = [
  "Abernathy", "Baptiste", "Castellaw", "Delgado", "Ellery", "Falk", "Grady", "Halden", "Ibarra", "Jeffords", "Kowalski", "Lindgren",
  "Marsh", "Nakamura", "Okoro", "Pemberton", "Quist", "Reyes", "Sato", "Tolliver", "Underwood", "Vance", "Whitfield", "Xu", "Yilmaz",
  "Zeller", "Ashby", "Brandt", "Crowe", "Dziedzic", "Estrella", "Ferrante", "Gallo", "Haskell", "Iverson", "Jovanovic", "Kessler",
  "Lusk", "Mallory", "Novak", "Osei", "Pryor", "Rusk", "Sams", "Tillman", "Vue", "Whitmore", "Adebayo",
];
const COUNTY_NAMES = [
  "Adams", "Allen", "Benton", "Boone", "Brown", "Butler", "Calhoun", "Carroll", "Cass", "Clark", "Clay", "Clinton", "Crawford", "Cumberland",
  "Dallas", "Decatur", "Douglas", "Fayette", "Franklin", "Fulton", "Grant", "Greene", "Hamilton", "Hancock", "Hardin", "Harrison", "Henry",
  "Howard", "Jackson", "Jasper", "Jefferson", "Johnson", "Knox", "Lake", "Lawrence", "Lee", "Lincoln", "Logan", "Madison", "Marion",
  "Marshall", "Monroe", "Montgomery", "Morgan", "Perry", "Pike", "Polk", "Putnam", "Randolph", "Scott", "Shelby", "Stark", "Sullivan",
  "Union", "Warren", "Washington", "Wayne", "Webster", "Wilson", "Wood",
];
const CITIES = ["Riverton", "Fairview", "Springfield", "Greenville", "Bristol", "Georgetown", "Salem", "Arlington", "Ashland", "Burlington", "Centerville", "Dover", "Hudson", "Kingston", "Lexington", "Milton", "Newport", "Oxford", "Oakland", "Winchester"];
const TOPICS = ["housing", "climate", "health care", "labor", "voting rights", "education", "transit", "child care", "immigration", "public safety"];
const WORK_LABEL: Record<WorkType, string> = { doorknock: "Doors", phonebank: "Phonebank", textbank: "Textbank", public_event: "Public event", organizing_call: "Organizing call" };

const STATES = Object.keys(HOUSE_SEATS).filter((s) => US_STATES[s]);
const districtsOf = (state: string) => (HOUSE_SEATS[state] === 1 ? ["AL"] : Array.from({ length: HOUSE_SEATS[state] }, (_, i) => String(i + 1).padStart(2, "0")));
const countiesOf = (state: string) => COUNTY_NAMES.slice(0, Math.min(COUNTY_NAMES.length, 5 + 3 * HOUSE_SEATS[state]));
/** A rough standard-time UTC offset per zone: shift times are stored in UTC and only need to be plausible. */
const ZONE_OFFSET: Record<string, number> = { "America/New_York": 5, "America/Detroit": 5, "America/Indiana/Indianapolis": 5, "America/Chicago": 6, "America/Denver": 7, "America/Boise": 7, "America/Phoenix": 7, "America/Los_Angeles": 8, "America/Anchorage": 9, "Pacific/Honolulu": 10 };

const iso = (t: number) => new Date(t).toISOString();
const dateOf = (t: number) => iso(t).slice(0, 10);

/** The audit row hash, exactly as app/models/audit.server.ts computes it. */
function rowHash(prevHash: string, r: AuditRowData): string {
  const canonical = JSON.stringify([r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}
/** [time (ms, for ordering), at, actorId, action, decision, rule, partnerId, raceId, subjectType, subjectId, detail] */
type AuditRowData = [number, string, number | null, string, string, string | null, number | null, number | null, string | null, number | null, string];

// ---------------------------------------------------------------------------------------

export type GenerateOptions = { scale?: number; log?: (message: string) => void };

/** Fills an empty, migrated database (openDb) with the national-scale table. */
export function generateBenchData(db: Db, opts: GenerateOptions = {}): BenchManifest {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? (() => {});
  const N = benchCounts(scale);
  const sqlite = db.$client;
  const rng = new Rng(0xc0a1 ^ Math.round(scale * 1e6));
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const step = (what: string) => {
    const cpu = process.cpuUsage(cpu0);
    log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
  };

  const existing = sqlite.prepare("select count(*) as n from coalitions").get() as { n: number };
  if (existing.n > 0) throw new Error("generateBenchData needs an empty database");

  const fk = sqlite.pragma("foreign_keys", { simple: true });
  sqlite.pragma("foreign_keys = OFF"); // checked by the test with foreign_key_check
  const ins = (table: string, cols: string[]) => {
    const stmt = sqlite.prepare(`insert into ${table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`);
    return (...values: unknown[]) => stmt.run(...values);
  };
  const audit: AuditRowData[] = [];
  const log_ = (t: number, actorId: number | null, action: string, decision: "allow" | "deny" | "info", extra: { rule?: string | null; partnerId?: number | null; raceId?: number | null; subjectType?: string | null; subjectId?: number | null; detail?: string } = {}) => {
    audit.push([t, "", actorId, action, decision, extra.rule ?? null, extra.partnerId ?? null, extra.raceId ?? null, extra.subjectType ?? null, extra.subjectId ?? null, extra.detail ?? ""]);
  };

  // Bulk load without the secondary indexes, then build them once from the migrations' own SQL
  // (the schema ends up exactly as migrated; a unique index the data broke would fail here).
  const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null").all() as { name: string; sql: string }[];

  const out = sqlite.transaction(() => {
    for (const i of indexes) sqlite.exec(`drop index "${i.name}"`);
    // ---------------------------------------------------------------- tables, partners, users
    const TABLES: { id: number; name: string; level: CoalitionLevel; cycle: number; threshold: number; general: string; year: number }[] = [
      { id: 1, name: "National Federal Table 2028", level: "federal", cycle: 2028, threshold: 4, general: "2028-11-07", year: 2028 },
      { id: 2, name: "National State Legislative Table 2028", level: "state_legislative", cycle: 2028, threshold: 4, general: "2028-11-07", year: 2028 },
      { id: 3, name: "National Municipal Table 2027", level: "municipal", cycle: 2027, threshold: 3, general: "2027-11-02", year: 2027 },
    ];
    const insCoalition = ins("coalitions", ["id", "name", "level", "cycle", "threshold", "created_at"]);
    const insUser = ins("users", ["id", "name", "email", "password_hash", "is_admin", "is_demo", "created_at"]);
    const insGrant = ins("role_grants", ["user_id", "role", "coalition_id", "partner_id", "affiliate_id", "granted_by", "granted_at"]);
    const salt = createHash("sha256").update("bench-salt").digest().subarray(0, 16);
    const hash = scryptSync(BENCH_PASSWORD.normalize("NFKC"), salt, 64, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const passwordHash = `scrypt$16384$8$1$${salt.toString("base64")}$${hash.toString("base64")}`;

    let userSeq = 0;
    const names = new Set<string>();
    const personName = () => {
      for (;;) {
        const n = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
        if (!names.has(n) || names.size > 2000) {
          names.add(n);
          return n;
        }
      }
    };
    const user = (name: string, email: string, t: number, admin = false): UserRef => {
      const id = ++userSeq;
      insUser(id, name, email, passwordHash, admin ? 1 : 0, 0, iso(t));
      return { id, name, email };
    };
    const admin = user("Bench Admin", "admin@bench.coalition.test", T0, true);
    const facilitators = new Map<number, UserRef>();
    for (const t of TABLES) {
      insCoalition(t.id, t.name, t.level, t.cycle, t.threshold, iso(T0 + t.id * HOUR));
      log_(T0 + t.id * HOUR, admin.id, "coalition.create", "info", { subjectType: "coalition", subjectId: t.id, detail: t.name });
      const f = user(t.id === 1 ? "Bench Facilitator" : personName(), `facilitator.t${t.id}@bench.coalition.test`, T0 + t.id * HOUR);
      facilitators.set(t.id, f);
      insGrant(f.id, "facilitator", t.id, null, null, admin.id, iso(T0 + t.id * HOUR + 60_000));
    }

    type Partner = { id: number; name: string; shortName: string; legalType: LegalType; body: string; seats: number[]; rep: UserRef; counsel: UserRef; policyId: number; policyVersion: number };
    const partners: Partner[] = [];
    const insPartner = ins("partners", ["id", "name", "short_name", "legal_type", "website", "contact_name", "contact_email", "created_at"]);
    const insSeat = ins("coalition_partners", ["coalition_id", "partner_id", "joined_at"]);
    const insPolicy = ins("firewall_policies", ["id", "partner_id", "version", "title", "body", "file_name", "created_by", "created_at"]);
    const shortNames = new Set<string>();
    let policySeq = 0;
    for (let i = 0; i < N.partners; i++) {
      const legalType = LEGAL_MIX[i % LEGAL_MIX.length];
      const word = ORG_WORDS[i % ORG_WORDS.length] + (i >= ORG_WORDS.length ? ` ${Math.floor(i / ORG_WORDS.length) + 1}` : "");
      const name = `${word} ${ORG_SUFFIX[legalType][i % ORG_SUFFIX[legalType].length]}`;
      let shortName = name
        .split(/\s+/)
        .map((w) => w[0])
        .join("")
        .toUpperCase();
      for (let k = 2; shortNames.has(shortName); k++) shortName = `${shortName.replace(/\d+$/, "")}${k}`;
      shortNames.add(shortName);
      const seats = TABLES.filter((t) => (t.id === 1 ? i % 4 !== 3 : t.id === 2 ? i % 3 !== 2 : i % 5 < 3)).map((t) => t.id);
      const at = T0 + DAY + i * HOUR;
      const id = i + 1;
      insPartner(id, name, shortName, legalType, `https://${shortName.toLowerCase()}.example.org`, personName(), `contact@${shortName.toLowerCase()}.example.org`, iso(at));
      for (const c of seats) {
        insSeat(c, id, iso(at + c * 60_000));
        log_(at + c * 60_000, facilitators.get(c)!.id, c === seats[0] ? "partner.create" : "partner.seat", "info", { partnerId: id, subjectType: "coalition", subjectId: c, detail: c === seats[0] ? name : "" });
      }
      const rep = user(i === 0 ? "Bench Representative" : personName(), `rep.${shortName.toLowerCase()}@bench.coalition.test`, at);
      const counsel = user(i === 0 ? "Bench Counsel" : personName(), `counsel.${shortName.toLowerCase()}@bench.coalition.test`, at);
      const first = seats[0] ?? null;
      insGrant(rep.id, "partner_rep", first, id, null, admin.id, iso(at + 120_000));
      insGrant(counsel.id, "counsel", first, id, null, admin.id, iso(at + 120_000));
      // F6: a written policy per member; every fourth has a second version.
      const versions = i % 4 === 1 ? 2 : 1;
      let policyId = 0;
      for (let v = 1; v <= versions; v++) {
        policyId = ++policySeq;
        const pt = at + (v === 1 ? 20 : 200) * DAY;
        insPolicy(policyId, id, v, `${name} firewall policy${v > 1 ? ` (revised)` : ""}`, `${name} keeps a firewall between anyone who works with a candidate's campaign and its independent-side work. Version ${v}.`, null, counsel.id, iso(pt));
        log_(pt, counsel.id, "firewall.policy_published", "info", { rule: "F6", partnerId: id, subjectType: "policy", subjectId: policyId, detail: `${name} policy version ${v}` });
      }
      partners.push({ id, name, shortName, legalType, body: DECIDING_BODIES[i % DECIDING_BODIES.length], seats, rep, counsel, policyId, policyVersion: versions });
    }
    const partnerById = new Map(partners.map((p) => [p.id, p]));
    const insAck = ins("policy_acknowledgments", ["policy_id", "user_id", "at"]);
    const acknowledge = (p: Partner, u: UserRef, t: number) => {
      const at = Math.max(t, T0 + 201 * DAY + p.id * HOUR);
      insAck(p.policyId, u.id, iso(at));
      log_(at, u.id, "firewall.policy_acknowledged", "info", { rule: "F6", partnerId: p.id, subjectType: "policy", subjectId: p.policyId, detail: `version ${p.policyVersion}` });
    };
    for (const p of partners) {
      acknowledge(p, p.rep, 0);
      acknowledge(p, p.counsel, 0);
    }
    step(`${TABLES.length} tables, ${partners.length} partners`);

    // ---------------------------------------------------------------- affiliates and coverage
    type Affiliate = { id: number; partnerId: number; state: string; name: string; legalType: LegalType | null; coverage: CoverageArea[]; lead: UserRef };
    const affiliates: Affiliate[] = [];
    const insAffiliate = ins("affiliates", ["id", "partner_id", "name", "state", "legal_type", "lead_name", "lead_contact", "created_at"]);
    const insCoverage = ins("affiliate_coverage", ["affiliate_id", "state", "kind", "value", "area_key"]);
    const stateWeights = STATES.map((s) => HOUSE_SEATS[s] + 2);
    const perPartnerState = new Map<string, number>();
    const affiliatesOf = new Map<string, Affiliate[]>(); // `${partnerId}|${state}`
    for (let i = 0; i < N.affiliates; i++) {
      const p = partners[i % partners.length];
      const state = i < partners.length ? SHOWCASE_STATE : STATES[rng.weighted(stateWeights)];
      const key = `${p.id}|${state}`;
      const k = (perPartnerState.get(key) ?? 0) + 1;
      perPartnerState.set(key, k);
      const name = `${p.name} ${US_STATES[state].name}${k > 1 ? ` Local ${k}` : ""}`;
      const id = i + 1;
      const legalType: LegalType | null = p.legalType === "c4" && i % 25 === 24 ? "c3" : null;
      const districts = rng.sample(districtsOf(state), rng.between(1, 4));
      if (state === SHOWCASE_STATE && i < partners.length && !districts.includes(SHOWCASE_DISTRICT) && (i === 0 || rng.chance(0.6))) districts.push(SHOWCASE_DISTRICT);
      const counties = rng.sample(countiesOf(state), rng.between(1, 3));
      const at = T0 + 10 * DAY + rng.time(0, 40 * DAY);
      const leadName = i === 0 ? "Bench Lead" : personName();
      const lead = user(leadName, `lead.a${id}@bench.coalition.test`, at);
      insAffiliate(id, p.id, name, state, legalType, leadName, lead.email, iso(at));
      const coverage: CoverageArea[] = [...districts.map((value) => ({ state, kind: "district" as const, value })), ...counties.map((value) => ({ state, kind: "county" as const, value }))];
      for (const c of coverage) insCoverage(id, c.state, c.kind, c.value, coverageKey(c));
      insGrant(lead.id, "affiliate_lead", p.seats[0] ?? null, null, id, p.rep.id, iso(at + 60_000));
      acknowledge(p, lead, at + DAY);
      log_(at, p.rep.id, "affiliate.create", "info", { partnerId: p.id, subjectType: "affiliate", subjectId: id, detail: name });
      const a = { id, partnerId: p.id, state, name, legalType, coverage, lead };
      affiliates.push(a);
      const list = affiliatesOf.get(key) ?? [];
      list.push(a);
      affiliatesOf.set(key, list);
    }
    step(`${affiliates.length} affiliates`);

    // ---------------------------------------------------------------- races
    type Race = { id: number; coalitionId: number; state: string; district: string | null; seats: number; primary: string; general: string; timeZone: string; created: number; candidates: Candidate[] };
    type Candidate = { id: number; raceId: number; name: string; created: number };
    const races: Race[] = [];
    const insRace = ins("races", ["id", "coalition_id", "office", "state", "district", "seats", "primary_date", "general_date", "incumbent", "time_zone", "created_at"]);
    const primaryOf = (state: string, year: number) => {
      const h = createHash("sha256").update(state).digest();
      const month = 3 + (h[0] % 7); // March to September
      const day = 1 + (h[1] % 27);
      return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    };
    const fedCount = Math.max(1, Math.round(N.races * 0.3));
    const stateCount = Math.max(1, Math.round(N.races * 0.4));
    const muniCount = Math.max(1, N.races - fedCount - stateCount);
    const plan: { coalitionId: number; office: string; state: string; district: string | null; seats: number }[] = [];
    {
      const house = rng.shuffle(STATES.flatMap((s) => districtsOf(s).map((d) => ({ s, d }))).filter((x) => !(x.s === SHOWCASE_STATE && x.d === SHOWCASE_DISTRICT)));
      const senate = rng.shuffle(STATES.filter((s) => s !== "DC")).slice(0, 33);
      const fed = [{ s: SHOWCASE_STATE, d: SHOWCASE_DISTRICT as string | null, office: "U.S. House" }, ...house.map((x) => ({ s: x.s, d: x.d as string | null, office: "U.S. House" })), ...senate.map((s) => ({ s, d: null, office: "U.S. Senate" }))];
      for (const f of fed.slice(0, fedCount)) plan.push({ coalitionId: 1, office: f.office, state: f.s, district: f.d, seats: 1 });
      const used = new Set<string>();
      while (plan.filter((p) => p.coalitionId === 2).length < stateCount) {
        const s = STATES[rng.weighted(stateWeights)];
        const office = rng.chance(0.7) ? "State House" : "State Senate";
        const d = String(rng.between(1, office === "State House" ? 150 : 50));
        const key = `${office}|${s}|${d}`;
        if (used.has(key)) continue;
        used.add(key);
        plan.push({ coalitionId: 2, office, state: s, district: d, seats: rng.chance(0.05) ? 2 : 1 });
      }
      while (plan.filter((p) => p.coalitionId === 3).length < muniCount) {
        const s = STATES[rng.weighted(stateWeights)];
        const city = rng.pick(CITIES);
        const kind = rng.int(4);
        const office = ["City Council", "Mayor", "County Commission", "School Board"][kind];
        const d = kind === 1 ? city : kind === 3 ? `${city} at-large` : `${city} District ${rng.between(1, 12)}`;
        const key = `${office}|${s}|${d}`;
        if (used.has(key)) continue;
        used.add(key);
        plan.push({ coalitionId: 3, office, state: s, district: d, seats: kind === 3 ? 3 : 1 });
      }
    }
    for (const [i, r] of plan.entries()) {
      const t = TABLES[r.coalitionId - 1];
      const id = i + 1;
      const created = i === 0 ? T0 + 40 * DAY : T0 + 40 * DAY + rng.time(0, 300 * DAY);
      const primary = primaryOf(r.state, t.year);
      const timeZone = US_STATES[r.state].timeZone;
      insRace(id, r.coalitionId, r.office, r.state, r.district, r.seats, primary, t.general, rng.chance(0.4) ? personName() : null, timeZone, iso(created));
      log_(created, facilitators.get(r.coalitionId)!.id, "race.create", "info", { raceId: id, detail: `${r.office} ${r.state}${r.district ? `-${r.district}` : ""}` });
      races.push({ id, coalitionId: r.coalitionId, state: r.state, district: r.district, seats: r.seats, primary, general: t.general, timeZone, created, candidates: [] });
    }
    const raceById = new Map(races.map((r) => [r.id, r]));
    step(`${races.length} races`);

    // ---------------------------------------------------------------- candidates and profiles
    const insCandidate = ins("candidates", ["id", "race_id", "name", "party", "incumbency", "bio", "website", "social_links", "created_at"]);
    const insRevision = ins("profile_revisions", ["candidate_id", "actor_id", "action", "summary", "before", "after", "created_at"]);
    const insItem = ins("profile_items", ["id", "candidate_id", "kind", "topic", "body", "raised", "cash_on_hand", "as_of", "pollster", "poll_share", "source_kind", "source_url", "captured_at", "created_by", "created_at", "removed_at"]);
    // two to seven candidates a race; the showcase race has four
    const perRace = races.map((_, i) => (i === 0 ? 4 : 2));
    for (let k = 2 * races.length + 2; k < N.candidates; k++) {
      const r = rng.int(races.length);
      if (perRace[r] < 7 && r !== 0) perRace[r]++;
      else perRace[(r + 1) % races.length]++;
    }
    let candSeq = 0;
    let itemSeq = 0;
    const candidates: Candidate[] = [];
    for (const [ri, race] of races.entries()) {
      const fac = facilitators.get(race.coalitionId)!;
      const count = perRace[ri];
      for (let c = 0; c < count; c++) {
        const id = ++candSeq;
        const name = personName();
        const created = race.created + rng.time(HOUR, ri === 0 ? 10 * DAY : 60 * DAY);
        const party = rng.chance(0.85) ? "Democratic" : rng.chance(0.5) ? "Working Families" : "Independent";
        const incumbency = c === 0 && rng.chance(0.3) ? "incumbent" : rng.chance(0.2) ? "open_seat" : "challenger";
        const bio = `${name} is a ${rng.pick(["teacher", "nurse", "union electrician", "city council member", "public defender", "small-business owner", "organizer"])} running on ${rng.pick(TOPICS)} and ${rng.pick(TOPICS)}.`;
        const website = `https://candidate-${id}.example.org`;
        insCandidate(id, race.id, name, party, incumbency, bio, website, "", iso(created));
        insRevision(id, fac.id, "create", "Profile created", null, JSON.stringify({ name, party, incumbency, bio, website, socialLinks: "" }), iso(created));
        log_(created, fac.id, "candidate.create", "info", { raceId: race.id, subjectType: "candidate", subjectId: id, detail: name });
        const cand = { id, raceId: race.id, name, created };
        race.candidates.push(cand);
        candidates.push(cand);
        // notes and figures: each source kind (the showcase candidate has all of them)
        const items = ri === 0 && c === 0 ? 8 : rng.between(0, 6);
        for (let k = 0; k < items; k++) {
          const itemId = ++itemSeq;
          const kind: ProfileItemKind = ri === 0 && c === 0 ? (["position", "fundraising", "poll", "strength", "risk", "note", "position", "note"] as const)[k] : rng.pick(["position", "position", "fundraising", "poll", "strength", "risk", "note"] as const);
          const source: SourceKind = ri === 0 && c === 0 ? (["public", "campaign", "research"] as const)[k % 3] : rng.pick(["public", "public", "public", "research", "research", "campaign"] as const);
          const t = created + rng.time(HOUR, 200 * DAY);
          const topic = kind === "position" ? rng.pick(TOPICS) : null;
          const body = kind === "fundraising" || kind === "poll" ? "" : `${source === "campaign" ? "The campaign says" : source === "public" ? "Reported" : "Our research"}: ${rng.pick(["strong", "mixed", "early", "growing"])} ${rng.pick(TOPICS)} record; ${rng.pick(["volunteer base", "labor ties", "name recognition", "small-dollar donors"])}.`;
          const raised = kind === "fundraising" ? rng.between(10, 900) * 1000 : null;
          const cash = kind === "fundraising" ? Math.round((raised ?? 0) * rng.next()) : null;
          const asOf = kind === "fundraising" ? dateOf(t) : null;
          const pollster = kind === "poll" ? rng.pick(["Keystone Polling", "Civic Lens", "Northline Research"]) : null;
          const share = kind === "poll" ? rng.between(8, 55) : null;
          const url = source === "public" ? `https://news.example.com/${id}/${itemId}` : null;
          const captured = source === "public" ? dateOf(t) : null;
          const removed = rng.chance(0.04) ? iso(t + 10 * DAY) : null;
          insItem(itemId, id, kind, topic, body, raised, cash, asOf, pollster, share, source, url, captured, fac.id, iso(t), removed);
          insRevision(id, fac.id, "add_item", `Added ${kind}`, null, JSON.stringify({ kind, topic, body, raised, cashOnHand: cash, asOf, pollster, pollShare: share, sourceKind: source, sourceUrl: url, capturedAt: captured }), iso(t));
          log_(t, fac.id, "profile.add_item", "info", { raceId: race.id, subjectType: "profileItem", subjectId: itemId, detail: source });
        }
      }
    }
    const candidateById = new Map(candidates.map((c) => [c.id, c]));
    step(`${candidates.length} candidates, ${itemSeq} profile items`);

    // ---------------------------------------------------------------- stances (intents, then the fold)
    type Intent = { t: number; cand: number; partner: number; aff: number; stance: Stance; actor: number };
    const intents: Intent[] = [];
    const showcaseRace = races[0];
    const showcaseCandidate = showcaseRace.candidates[0];
    const ENGAGE = 0.83;
    for (const race of races) {
      const table = TABLES[race.coalitionId - 1];
      const seated = partners.filter((p) => p.seats.includes(race.coalitionId));
      const cands = race.candidates;
      const weights = cands.map(() => rng.next() ** 2 + 0.05);
      const lo = Math.max(...cands.map((c) => c.created)) + 7 * DAY;
      const isShowcase = race === showcaseRace;
      for (const p of seated) {
        const fac = facilitators.get(race.coalitionId)!;
        const actor = () => (rng.chance(0.8) ? p.rep.id : fac.id);
        if (p.legalType === "c3") {
          // F1: an attempt is refused and logged; no event
          if (rng.chance(0.04)) intents.push({ t: rng.time(lo, AS_OF - DAY), cand: rng.pick(cands).id, partner: p.id, aff: 0, stance: "endorsed", actor: fac.id });
          continue;
        }
        if (!isShowcase && !rng.chance(ENGAGE)) continue;
        let t = isShowcase ? rng.time(Date.parse("2025-05-01"), Date.parse("2025-06-15")) : rng.time(lo, AS_OF - 30 * DAY);
        const considered = rng.sample(cands, rng.between(1, Math.min(4, cands.length)));
        for (const c of considered) intents.push({ t: (t += rng.time(HOUR, 5 * DAY)), cand: c.id, partner: p.id, aff: 0, stance: "considering", actor: actor() });
        let endorsed: Candidate | null = null;
        if (isShowcase ? p.id === partners[0].id || rng.chance(0.85) : rng.chance(0.5)) {
          endorsed = isShowcase ? showcaseCandidate : cands[rng.weighted(weights)];
          intents.push({ t: (t += rng.time(DAY, 40 * DAY)), cand: endorsed.id, partner: p.id, aff: 0, stance: "endorsed", actor: actor() });
          if (!isShowcase && rng.chance(0.12)) {
            intents.push({ t: (t += rng.time(DAY, 60 * DAY)), cand: endorsed.id, partner: p.id, aff: 0, stance: "withdrawn", actor: actor() });
            if (rng.chance(0.5)) intents.push({ t: (t += rng.time(DAY, 20 * DAY)), cand: cands[rng.weighted(weights)].id, partner: p.id, aff: 0, stance: "endorsed", actor: actor() });
          }
        }
        for (const c of considered) if (c !== endorsed && rng.chance(0.5)) intents.push({ t: t + rng.time(HOUR, 30 * DAY), cand: c.id, partner: p.id, aff: 0, stance: "declined", actor: actor() });
        // an affiliate's own stance (shown, never counted): chapters decide on state and local tables
        if (table.level !== "federal") {
          for (const a of affiliatesOf.get(`${p.id}|${race.state}`) ?? []) {
            if (!rng.chance(0.35)) continue;
            const c = cands[rng.weighted(weights)];
            let ta = rng.time(lo, AS_OF - 20 * DAY);
            intents.push({ t: ta, cand: c.id, partner: p.id, aff: a.id, stance: "considering", actor: a.lead.id });
            if (rng.chance(0.6)) intents.push({ t: (ta += rng.time(DAY, 15 * DAY)), cand: c.id, partner: p.id, aff: a.id, stance: "endorsed", actor: a.lead.id });
          }
        }
      }
    }
    for (const it of intents) it.t = Math.min(it.t, AS_OF - HOUR);
    intents.sort((a, b) => a.t - b.t); // stable: ties keep the order they were drawn in

    const insEvent = ins("endorsement_events", ["id", "candidate_id", "coalition_id", "partner_id", "affiliate_id", "from_stance", "stance", "decided_on", "deciding_body", "note", "note_private", "note_source", "actor_id", "created_at"]);
    const current = new Map<string, Stance>(); // candidate:partner:affiliate
    const endorsedBy = new Map<string, Set<number>>(); // race:partner:affiliate → candidates endorsed now
    const endorsers = new Map<number, Set<number>>(); // candidate → national partners endorsing now
    type Member = { id: number; sub: number; partner: number; joinedAt: string; joinedBy: number; leftAt: string | null; leftBy: number | null; actor: number };
    type Sub = { id: number; coalitionId: number; candidate: number; formedAt: number; formedBy: number; open: Map<number, Member>; closedAt: string | null; closedBy: number | null };
    const subs = new Map<number, Sub>(); // by candidate
    const members: Member[] = [];
    const lastEventAt = new Map<number, number>();
    let eventSeq = 0;
    for (const it of intents) {
      const cand = candidateById.get(it.cand)!;
      const race = raceById.get(cand.raceId)!;
      const p = partnerById.get(it.partner)!;
      const aff = it.aff ? affiliates[it.aff - 1] : null;
      const lt = aff?.legalType ?? p.legalType;
      const audited = { partnerId: p.id, raceId: race.id, subjectType: "candidate", subjectId: cand.id };
      const permission = mayEndorse(lt);
      if (!permission.allowed) {
        log_(it.t, it.actor, "endorsement.record", "deny", { ...audited, rule: permission.rule, detail: `${p.shortName}: ${it.stance}` });
        continue;
      }
      const key = `${cand.id}:${p.id}:${it.aff || "-"}`;
      const holder = `${race.id}:${p.id}:${it.aff || "-"}`;
      const from = current.get(key) ?? null;
      const mine = endorsedBy.get(holder) ?? new Set<number>();
      const elsewhere = [...mine].filter((c) => c !== cand.id).length;
      if (!checkStanceChange({ from, to: it.stance, seats: race.seats, endorsedElsewhereInRace: elsewhere }).ok) continue;
      const id = ++eventSeq;
      const at = iso(it.t);
      const hasNote = rng.chance(0.3);
      const noteSource: SourceKind = hasNote ? rng.pick(["research", "research", "research", "public", "campaign"] as const) : "research";
      const note = hasNote ? `${noteSource === "campaign" ? "Per the campaign's field director" : "Per our committee"}: ${rng.pick(["strong on", "weak on", "open to", "committed to"])} ${rng.pick(TOPICS)}.` : null;
      insEvent(id, cand.id, race.coalitionId, p.id, aff?.id ?? null, from, it.stance, dateOf(it.t - rng.time(0, 3 * DAY)), aff ? "Chapter board" : p.body, note, hasNote && rng.chance(0.1) ? 1 : 0, noteSource, it.actor, at);
      log_(it.t, it.actor, "endorsement.record", "allow", { ...audited, rule: "F1", detail: `${p.shortName}: ${from ?? "none"} → ${it.stance}` });
      current.set(key, it.stance);
      if (it.stance === "endorsed") mine.add(cand.id);
      else mine.delete(cand.id);
      endorsedBy.set(holder, mine);
      lastEventAt.set(cand.id, it.t);
      if (aff) continue; // an affiliate's own stance never counts
      const now = endorsers.get(cand.id) ?? new Set<number>();
      if (it.stance === "endorsed") now.add(p.id);
      else now.delete(p.id);
      endorsers.set(cand.id, now);
      const sub = subs.get(cand.id) ?? null;
      const change = subTableChange({
        partnerId: p.id,
        wasEndorsing: from === "endorsed",
        isEndorsing: it.stance === "endorsed",
        endorsersAfter: [...now].sort((a, b) => a - b),
        threshold: TABLES[race.coalitionId - 1].threshold,
        members: sub ? [...sub.open.keys()] : null,
        open: !!sub && !sub.closedAt,
        primaryPassed: dateOf(it.t) > race.primary,
      });
      if (change.kind === "form") {
        const s: Sub = { id: subs.size + 1, coalitionId: race.coalitionId, candidate: cand.id, formedAt: it.t, formedBy: id, open: new Map(), closedAt: null, closedBy: null };
        for (const m of change.members) {
          const row = { id: members.length + 1, sub: s.id, partner: m, joinedAt: at, joinedBy: id, leftAt: null, leftBy: null, actor: it.actor };
          members.push(row);
          s.open.set(m, row);
        }
        subs.set(cand.id, s);
      } else if (change.kind === "join" && sub) {
        const row = { id: members.length + 1, sub: sub.id, partner: p.id, joinedAt: at, joinedBy: id, leftAt: null, leftBy: null, actor: it.actor };
        members.push(row);
        sub.open.set(p.id, row);
      } else if (change.kind === "leave" && sub) {
        const row = sub.open.get(p.id)!;
        row.leftAt = at;
        row.leftBy = id;
        sub.open.delete(p.id);
      }
    }
    // The facilitator closes some sub-tables that fell below critical mass.
    for (const s of subs.values()) {
      const threshold = TABLES[s.coalitionId - 1].threshold;
      if (s.open.size < threshold && rng.chance(0.3)) {
        const t = Math.min(lastEventAt.get(s.candidate)! + DAY, AS_OF - 1000);
        s.closedAt = iso(t);
        s.closedBy = facilitators.get(s.coalitionId)!.id;
        log_(t, s.closedBy, "subtable.close", "info", { subjectType: "subCoalition", subjectId: s.id });
      }
    }
    const insSub = ins("sub_coalitions", ["id", "coalition_id", "candidate_id", "formed_at", "formed_by_event_id", "closed_at", "closed_by"]);
    const insMember = ins("sub_coalition_members", ["id", "sub_coalition_id", "partner_id", "joined_at", "joined_by_event_id", "left_at", "left_by_event_id", "actor_id"]);
    const subList = [...subs.values()].sort((a, b) => a.id - b.id);
    for (const s of subList) insSub(s.id, s.coalitionId, s.candidate, iso(s.formedAt), s.formedBy, s.closedAt, s.closedBy);
    for (const m of members) insMember(m.id, m.sub, m.partner, m.joinedAt, m.joinedBy, m.leftAt, m.leftBy, m.actor);
    step(`${eventSeq} stance events, ${subList.length} sub-tables, ${members.length} memberships`);

    // F2 sides: some PACs coordinate in some races
    const insSide = ins("race_sides", ["partner_id", "race_id", "account", "side", "reason", "set_by", "set_at"]);
    for (const p of partners.filter((x) => x.legalType === "pac")) {
      for (const race of races) {
        if (!p.seats.includes(race.coalitionId) || race === showcaseRace || !rng.chance(0.05)) continue;
        const t = race.created + rng.time(DAY, 100 * DAY);
        insSide(p.id, race.id, "main", "coordinated", "Works with the campaign in this race", p.counsel.id, iso(t));
        log_(t, p.counsel.id, "firewall.side_set", "info", { rule: "F2", partnerId: p.id, raceId: race.id, detail: `${p.name}: coordinated` });
      }
    }

    // ---------------------------------------------------------------- programs, pledges, turf, split
    const showcaseSub = subs.get(showcaseCandidate.id);
    if (!showcaseSub) throw new Error("bench data: the showcase candidate did not reach critical mass");
    const participantsOf = (s: Sub) => {
      const race = raceById.get(candidateById.get(s.candidate)!.raceId)!;
      return [...s.open.keys()].sort((a, b) => a - b).flatMap((pid) => affiliatesOf.get(`${pid}|${race.state}`) ?? []);
    };
    const eligible = rng.shuffle(subList.filter((s) => s !== showcaseSub && !s.closedAt && s.formedAt < AS_OF - 30 * DAY && participantsOf(s).length >= 2));
    const programSubs = [showcaseSub, ...eligible.slice(0, N.programs - 1)];
    const insProgram = ins("canvass_programs", ["id", "coalition_id", "sub_coalition_id", "candidate_id", "race_id", "name", "start_date", "end_date", "side", "created_by", "created_at"]);
    const insGoal = ins("program_goals", ["program_id", "work_type", "target"]);
    const insMaterial = ins("program_materials", ["program_id", "kind", "title", "body", "source_kind", "source_url", "captured_at", "created_by", "created_at"]);
    const insPledge = ins("pledges", ["program_id", "affiliate_id", "work_type", "week_start", "hours", "updated_by", "updated_at"]);
    // the bench's call and text lists are kept local (issue 13's remote lists are the demo's), so its
    // national world, and the pages measured on it, stay what they were
    const insUnit = ins("turf_units", ["id", "program_id", "code", "kind", "name", "size", "state", "district", "county", "precinct", "local_only", "created_at"]);
    const insAssign = ins("turf_assignments", ["turf_unit_id", "affiliate_id", "locked", "assigned_by", "assigned_at"]);
    // the stored split the program page reads (issue 11), as resplit writes it
    const insSplit = ins("program_splits", ["program_id", "total_units", "assigned", "locked", "uncovered", "unpledged", "shares", "computed_at", "computed_by", "stale_since", "stale_reason"]);
    const insShare = ins("split_shares", ["program_id", "kind", "affiliate_id", "hours", "pledge_percent", "ideal", "target", "units", "size", "locked"]);
    const insUncovered = ins("split_uncovered", ["turf_unit_id", "program_id", "code"]);
    type Program = { id: number; sub: Sub; race: Race; created: number; start: number; end: number; participants: Affiliate[]; units: { id: number; kind: TurfKind }[] };
    const programs: Program[] = [];
    const START = Date.parse("2026-09-07T00:00:00Z");
    const showcaseUnits = programSubs.length === 1 ? N.turfUnits : Math.max(20, Math.round(N.turfUnits * 0.4));
    const otherUnits = N.turfUnits - showcaseUnits;
    let unitSeq = 0;
    let pledgeCount = 0;
    let assigned = 0;
    for (const [pi, s] of programSubs.entries()) {
      const cand = candidateById.get(s.candidate)!;
      const race = raceById.get(cand.raceId)!;
      const fac = facilitators.get(s.coalitionId)!;
      const id = pi + 1;
      const created = Math.min(Math.max(s.formedAt + 2 * DAY, Date.parse("2026-06-01T15:00:00Z") + rng.time(0, 60 * DAY)), AS_OF - 40 * DAY);
      const endDate = race.primary;
      insProgram(id, s.coalitionId, s.id, cand.id, race.id, `${cand.name} primary field program`, "2026-09-07", endDate, "independent", fac.id, iso(created));
      log_(created, fac.id, "program.create", "info", { raceId: race.id, subjectType: "canvassProgram", subjectId: id, detail: cand.name });
      insGoal(id, "doorknock", rng.between(5, 80) * 1000);
      insGoal(id, "phonebank", rng.between(5, 60) * 1000);
      insGoal(id, "textbank", rng.between(10, 200) * 1000);
      insMaterial(id, "script", "Door script", "Hi, I'm a volunteer with ...", "research", null, null, fac.id, iso(created + DAY));
      const campaignTp = rng.chance(0.3) || pi === 0;
      insMaterial(id, "talking_points", "Talking points", campaignTp ? "From the campaign: lead with the candidate's record on housing." : "Lead with housing.", campaignTp ? "campaign" : "public", campaignTp ? null : `https://news.example.com/tp/${id}`, campaignTp ? null : dateOf(created), fac.id, iso(created + DAY));
      const participants = participantsOf(s);
      // pledges: hours per work type and week, from each participating affiliate
      const weeks: string[] = [];
      for (let w = START; w <= Math.min(Date.parse(`${endDate}T00:00:00Z`), START + (pi === 0 ? 15 : 6) * 7 * DAY); w += 7 * DAY) weeks.push(dateOf(w));
      const hours = new Map<number, Partial<Record<WorkType, number>>>();
      for (const a of participants) {
        const h: Partial<Record<WorkType, number>> = {};
        for (const wt of ["doorknock", "phonebank", "textbank"] as const) {
          if (!rng.chance(0.7)) continue;
          for (const week of rng.sample(weeks, rng.between(1, Math.min(weeks.length, pi === 0 ? 8 : 3)))) {
            const value = rng.between(2, 40);
            h[wt] = (h[wt] ?? 0) + value;
            const t = Math.min(created + rng.time(DAY, 30 * DAY), AS_OF - DAY);
            insPledge(id, a.id, wt, week, value, a.lead.id, iso(t));
            log_(t, a.lead.id, "pledge.set", "info", { partnerId: a.partnerId, raceId: race.id, subjectType: "affiliate", subjectId: a.id, detail: `${wt} ${week}: ${value} h` });
            pledgeCount++;
          }
        }
        hours.set(a.id, h);
      }
      // turf: units in the race's state, most in its district for a House race
      const count = pi === 0 ? showcaseUnits : Math.floor(otherUnits / (programSubs.length - 1)) + (pi - 1 < otherUnits % (programSubs.length - 1) ? 1 : 0);
      const dists = districtsOf(race.state);
      const counties = countiesOf(race.state);
      const houseDistrict = race.district && dists.includes(race.district) ? race.district : null;
      const units: SplitUnit[] = [];
      const codes = new Map<number, string>();
      const imported = created + 3 * DAY;
      const prefix = race.state;
      for (let u = 0; u < count; u++) {
        const uid = ++unitSeq;
        const r = rng.next();
        const kind: TurfKind = r < 0.6 ? "walk_packet" : r < 0.85 ? "call_list" : "text_list";
        const district = houseDistrict && rng.chance(0.85) ? houseDistrict : rng.pick(dists);
        const county = rng.pick(counties);
        const size = kind === "walk_packet" ? rng.between(60, 250) : rng.between(200, 900);
        const code = `${prefix}-${String(u + 1).padStart(5, "0")}`;
        const label = kind === "walk_packet" ? `${county} packet ${u + 1}` : `${county} ${kind === "call_list" ? "call" : "text"} list ${u + 1}`;
        insUnit(uid, id, code, kind, label, size, race.state, district, county, kind === "walk_packet" && rng.chance(0.5) ? `P-${rng.between(1, 400)}` : null, 1, iso(imported));
        units.push({ id: uid, kind, state: race.state, district, county, size, holder: null, locked: false, localOnly: true });
        codes.set(uid, code);
      }
      if (count) log_(imported, fac.id, "turf.import", "info", { raceId: race.id, subjectType: "canvassProgram", subjectId: id, detail: `${count} units` });
      const splitAffiliates = participants.map((a) => ({ id: a.id, coverage: a.coverage, hours: hours.get(a.id) ?? {} }));
      const first = splitTurf(units, splitAffiliates);
      // about one unit in a hundred locked where the first split put it; the stored split is
      // the split of the units with those locks, as a re-split would give
      const byUnitId = new Map(units.map((u) => [u.id, u]));
      for (const [unitId, affiliateId] of first.assignment) {
        if (rng.chance(0.01)) Object.assign(byUnitId.get(unitId)!, { holder: affiliateId, locked: true });
      }
      const split = splitTurf(units, splitAffiliates);
      for (const [unitId, affiliateId] of split.assignment) {
        insAssign(unitId, affiliateId, byUnitId.get(unitId)!.locked ? 1 : 0, fac.id, iso(imported));
        assigned++;
      }
      const stored = storedSplit(split, units.length);
      const sm = stored.summary;
      insSplit(id, sm.totalUnits, sm.assigned, sm.locked, sm.uncovered, sm.unpledged, sm.shares, iso(imported), fac.id, null, null);
      for (const sh of stored.shares) insShare(id, sh.kind, sh.affiliateId, sh.hours, sh.pledgePercent, sh.ideal, sh.target, sh.units, sh.size, sh.locked);
      for (const unitId of split.uncovered) insUncovered(unitId, id, codes.get(unitId)!);
      if (count) log_(imported, fac.id, "turf.split", "info", { raceId: race.id, subjectType: "canvassProgram", subjectId: id, detail: `${split.assignment.size} assigned, ${split.uncovered.length} uncovered` });
      programs.push({ id, sub: s, race, created, start: START, end: Date.parse(`${endDate}T00:00:00Z`), participants, units: units.map((u) => ({ id: u.id, kind: u.kind })) });
    }
    step(`${programs.length} programs, ${pledgeCount} pledges, ${unitSeq} turf units (${assigned} assigned)`);

    // ---------------------------------------------------------------- shifts, sign-ups, results
    const insShift = ins("shifts", ["id", "program_id", "work_type", "title", "starts_at", "ends_at", "location", "call_link", "host_kind", "host_affiliate_id", "campaign_host", "side", "capacity", "notes", "created_by", "created_at", "cancelled_at"]);
    const insCoHost = ins("shift_co_hosts", ["shift_id", "affiliate_id"]);
    const insShiftTurf = ins("shift_turf", ["shift_id", "turf_unit_id"]);
    const insSignup = ins("signups", ["id", "shift_id", "volunteer_name", "email", "phone", "recruited_by_affiliate_id", "created_by", "created_at", "cancelled_at", "attended"]);
    const insResult = ins("shift_results", ["shift_id", "affiliate_id", "doors_knocked", "conversations", "calls_dialed", "contacts_made", "texts_sent", "recorded_by", "recorded_at"]);
    const showcaseShifts = programs.length === 1 ? N.shifts : Math.max(5, Math.round(N.shifts * 0.1));
    const perProgram = programs.map((_, i) => (i === 0 ? showcaseShifts : Math.floor((N.shifts - showcaseShifts) / (programs.length - 1)) + (i - 1 < (N.shifts - showcaseShifts) % (programs.length - 1) ? 1 : 0)));
    const signupsPerShift = new Uint16Array(N.shifts);
    for (let k = 0; k < N.signups; k++) signupsPerShift[rng.int(N.shifts)]++;
    let shiftSeq = 0;
    let signupSeq = 0;
    let results = 0;
    let showcaseShift = { id: 0, signups: -1 };
    const leadAffiliate = affiliates[0];
    for (const [pi, prog] of programs.entries()) {
      const offset = ZONE_OFFSET[prog.race.timeZone] ?? 5;
      const days = Math.max(1, Math.floor((prog.end - prog.start) / DAY));
      const pointers: Record<TurfKind, number> = { walk_packet: 0, call_list: 0, text_list: 0 };
      const byKind: Record<TurfKind, number[]> = { walk_packet: [], call_list: [], text_list: [] };
      for (const u of prog.units) byKind[u.kind].push(u.id);
      for (let k = 0; k < perProgram[pi]; k++) {
        const id = ++shiftSeq;
        const r = rng.next();
        const workType: WorkType = r < 0.5 ? "doorknock" : r < 0.75 ? "phonebank" : r < 0.9 ? "textbank" : r < 0.95 ? "public_event" : "organizing_call";
        const host = pi === 0 && k % 10 === 0 && prog.participants.includes(leadAffiliate) ? leadAffiliate : rng.pick(prog.participants);
        const coHosts = rng.chance(0.3) ? rng.sample(prog.participants.filter((a) => a !== host), rng.between(1, 2)) : [];
        const day = prog.start + rng.int(days) * DAY;
        const localHour = workType === "doorknock" || workType === "public_event" ? rng.pick([10, 13]) : rng.pick([17, 18, 19]);
        const starts = day + (localHour + offset) * HOUR;
        const ends = starts + rng.between(2, 3) * HOUR;
        const n = signupsPerShift[id - 1];
        const capacity = Math.max(5, n + rng.between(0, 15));
        const created = Math.max(prog.created + DAY, Math.min(starts - rng.time(3 * DAY, 30 * DAY), AS_OF - rng.time(HOUR, 20 * DAY)));
        const cancelled = rng.chance(0.03) ? iso(Math.min(created + DAY, AS_OF - 1000)) : null;
        const inPerson = workType === "doorknock" || workType === "public_event";
        const title = `${WORK_LABEL[workType]}${inPerson ? `, ${rng.pick(countiesOf(prog.race.state))}` : ""}`;
        insShift(id, prog.id, workType, title, iso(starts), iso(ends), inPerson ? `${host.name} office, ${rng.between(10, 999)} Main St` : null, inPerson ? null : `https://meet.example.org/${prog.id}-${id}`, "affiliate", host.id, null, "independent", capacity, rng.chance(0.3) ? "Bring water and comfortable shoes." : "", host.lead.id, iso(created), cancelled);
        log_(created, host.lead.id, "shift.create", "info", { raceId: prog.race.id, subjectType: "shift", subjectId: id, detail: `${workType} ${iso(starts)}` });
        if (cancelled) log_(Date.parse(cancelled), host.lead.id, "shift.cancel", "info", { raceId: prog.race.id, subjectType: "shift", subjectId: id, detail: iso(starts) });
        for (const c of coHosts) insCoHost(id, c.id);
        const turfKind: TurfKind | null = workType === "doorknock" ? "walk_packet" : workType === "phonebank" ? "call_list" : workType === "textbank" ? "text_list" : null;
        if (turfKind && byKind[turfKind].length) {
          const take = turfKind === "walk_packet" ? rng.between(1, 2) : 1;
          const ids = new Set<number>();
          for (let j = 0; j < take; j++) ids.add(byKind[turfKind][pointers[turfKind]++ % byKind[turfKind].length]);
          for (const u of ids) insShiftTurf(id, u);
        }
        const past = ends < AS_OF;
        const hosts = [host, ...coHosts];
        for (let j = 0; j < n; j++) {
          const sid = ++signupSeq;
          const recruiter = rng.chance(0.7) ? rng.pick(hosts) : rng.pick(prog.participants);
          const vn = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
          const email = rng.chance(0.7) ? `${vn.toLowerCase().replace(/\s+/g, ".")}.${sid}@example.org` : null;
          const phone = email ? null : `(555) 555-01${String(rng.int(100)).padStart(2, "0")}`;
          const at = Math.max(created + HOUR, Math.min(starts - rng.time(HOUR, 20 * DAY), AS_OF - HOUR));
          const cancelledAt = rng.chance(0.04) ? iso(Math.min(at + DAY, AS_OF - 1000)) : null;
          const attended = past && !cancelled && !cancelledAt ? (rng.chance(0.8) ? 1 : 0) : null;
          insSignup(sid, id, vn, email, phone, recruiter.id, recruiter.lead.id, iso(at), cancelledAt, attended);
          log_(at, recruiter.lead.id, "signup.create", "info", { partnerId: recruiter.partnerId, raceId: prog.race.id, subjectType: "signup", subjectId: sid, detail: `shift ${id}` });
        }
        if (past && !cancelled) {
          for (const h of hosts) {
            const doors = workType === "doorknock" ? rng.between(20, 140) : 0;
            const calls = workType === "phonebank" ? rng.between(50, 400) : 0;
            const texts = workType === "textbank" ? rng.between(200, 3000) : 0;
            const conversations = workType === "doorknock" ? Math.round(doors * 0.3) : workType === "public_event" || workType === "organizing_call" ? rng.between(5, 60) : 0;
            const contacts = workType === "phonebank" ? Math.round(calls * 0.2) : 0;
            const t = ends + 2 * HOUR;
            insResult(id, h.id, doors, conversations, calls, contacts, texts, h.lead.id, iso(t));
            log_(t, h.lead.id, "shift.results", "info", { partnerId: h.partnerId, raceId: prog.race.id, subjectType: "shift", subjectId: id, detail: `doorsKnocked=${doors} conversations=${conversations} callsDialed=${calls} contactsMade=${contacts} textsSent=${texts}` });
            results++;
          }
          if (pi === 0 && n > showcaseShift.signups) showcaseShift = { id, signups: n };
        }
      }
    }
    if (showcaseShift.id === 0) showcaseShift = { id: 1, signups: 0 };
    step(`${shiftSeq} shifts, ${signupSeq} sign-ups, ${results} result rows`);

    // calendar feeds: the showcase program's, and the bench lead's affiliate's
    const token = (what: string) => createHash("sha256").update(`bench-feed-${what}-${scale}`).digest("base64url").slice(0, 32);
    const feeds = { program: token("program"), affiliate: token("affiliate") };
    const insFeed = ins("calendar_feeds", ["token_hash", "scope", "affiliate_id", "program_id", "created_by", "created_at"]);
    const feedAt = AS_OF - 5 * DAY;
    insFeed(createHash("sha256").update(feeds.program).digest("hex"), "program", null, 1, facilitators.get(1)!.id, iso(feedAt));
    log_(feedAt, facilitators.get(1)!.id, "calendar.create", "info", { subjectType: "calendarFeed", subjectId: 1, detail: "program 1" });
    insFeed(createHash("sha256").update(feeds.affiliate).digest("hex"), "affiliate", leadAffiliate.id, null, leadAffiliate.lead.id, iso(feedAt + HOUR));
    log_(feedAt + HOUR, leadAffiliate.lead.id, "calendar.create", "info", { subjectType: "calendarFeed", subjectId: 2, detail: `affiliate ${leadAffiliate.id}` });

    // ---------------------------------------------------------------- meetings
    const insMeeting = ins("meetings", ["id", "coalition_id", "sub_coalition_id", "candidate_id", "kind", "title", "starts_at", "time_zone", "location", "agenda_status", "published_at", "created_by", "created_at"]);
    const insInvitee = ins("meeting_invitees", ["meeting_id", "partner_id", "affiliate_id", "attended"]);
    const insAgenda = ins("agenda_items", ["id", "meeting_id", "position", "title", "race_id", "candidate_id", "created_by", "created_at"]);
    const insNote = ins("agenda_notes", ["agenda_item_id", "body", "source_kind", "source_url", "captured_at", "created_by", "created_at"]);
    const insDecision = ins("decisions", ["id", "meeting_id", "agenda_item_id", "text", "created_by", "created_at"]);
    const insDecisionPartner = ins("decision_partners", ["decision_id", "partner_id"]);
    const insAction = ins("action_items", ["meeting_id", "agenda_item_id", "text", "owner_partner_id", "owner_affiliate_id", "due_date", "status", "status_changed_at", "status_changed_by", "created_by", "created_at"]);
    let agendaSeq = 0;
    let decisionSeq = 0;
    let showcaseMeeting = { id: 0, at: 0 };
    const M_FROM = Date.parse("2025-03-03T00:00:00Z");
    const M_TO = Date.parse("2027-03-01T00:00:00Z");
    for (let m = 0; m < N.meetings; m++) {
      const id = m + 1;
      const table = TABLES[m % 3];
      const fac = facilitators.get(table.id)!;
      const seated = partners.filter((p) => p.seats.includes(table.id));
      const tableSubs = subList.filter((s) => s.coalitionId === table.id && !s.closedAt);
      const r = rng.next();
      let kind: MeetingKind = r < 0.4 || tableSubs.length === 0 ? "table" : r < 0.7 ? "sub_table" : r < 0.85 ? "joint_call" : "candidate_interview";
      const sub = kind === "table" ? null : rng.pick(tableSubs);
      const subCand = sub ? candidateById.get(sub.candidate)! : null;
      const subRace = subCand ? raceById.get(subCand.raceId)! : null;
      if (kind === "candidate_interview" && !subCand) kind = "table";
      const startsAt = Math.floor((M_FROM + rng.next() * (M_TO - M_FROM)) / (30 * 60_000)) * 30 * 60_000;
      const past = startsAt < AS_OF;
      const timeZone = subRace?.timeZone ?? "America/New_York";
      const title = kind === "table" ? `${table.name} monthly meeting` : kind === "sub_table" ? `${subCand!.name} sub-table` : kind === "joint_call" ? `${subCand!.name} joint organizing call` : `Interview: ${subCand!.name}`;
      const created = Math.min(startsAt - rng.time(DAY, 20 * DAY), AS_OF - DAY);
      const published = past ? rng.chance(0.9) : rng.chance(0.3);
      const publishedAt = published ? iso(Math.min(created + DAY, AS_OF - 1000)) : null;
      insMeeting(id, table.id, kind === "table" ? null : sub!.id, kind === "candidate_interview" ? subCand!.id : null, kind, title, iso(startsAt), timeZone, kind === "joint_call" ? "https://meet.example.org/joint" : "Union hall, 1 Main St", published ? "published" : "draft", publishedAt, fac.id, iso(created));
      log_(created, fac.id, "meeting.create", "allow", { subjectType: "meeting", subjectId: id, detail: `${kind}: ${title}` });
      if (publishedAt) log_(Date.parse(publishedAt), fac.id, "meeting.publish", "allow", { subjectType: "meeting", subjectId: id, detail: title });
      const invitedPartners = kind === "table" || kind === "candidate_interview" ? seated.map((p) => p.id) : [...sub!.open.keys()];
      const owners = invitedPartners.length ? invitedPartners : seated.map((p) => p.id);
      const ownerAffiliates = kind === "joint_call" ? participantsOf(sub!) : [];
      for (const pid of invitedPartners) insInvitee(id, pid, null, past ? (rng.chance(0.75) ? 1 : 0) : null);
      if (kind === "joint_call") for (const a of ownerAffiliates) insInvitee(id, null, a.id, past ? (rng.chance(0.6) ? 1 : 0) : null);
      const tableRaces = races.filter((x) => x.coalitionId === table.id);
      const items: number[] = [];
      for (let k = 0; k < rng.between(3, 7); k++) {
        const itemId = ++agendaSeq;
        const race = subRace ?? rng.pick(tableRaces);
        const withCand = rng.chance(0.5);
        insAgenda(itemId, id, k + 1, withCand ? `Check-in on ${race.candidates[0].name}` : `Race update: ${race.state}${race.district ? `-${race.district}` : ""}`, race.id, withCand ? race.candidates[0].id : null, fac.id, iso(created));
        items.push(itemId);
        for (let j = 0; j < rng.between(0, 2); j++) {
          const src: SourceKind = rng.pick(["research", "research", "public", "campaign"] as const);
          insNote(itemId, src === "campaign" ? "The campaign shared its field numbers." : "Polling and fundraising look steady.", src, src === "public" ? "https://news.example.com/notes" : null, src === "public" ? dateOf(created) : null, fac.id, iso(created + HOUR));
        }
      }
      if (past) {
        log_(startsAt + 2 * HOUR, fac.id, "meeting.attendance", "allow", { subjectType: "meeting", subjectId: id, detail: `${invitedPartners.length} invited` });
        for (let k = 0; k < rng.between(1, 2); k++) {
          const did = ++decisionSeq;
          insDecision(did, id, rng.pick(items), "Partners who agree will coordinate a joint canvass.", fac.id, iso(startsAt + HOUR));
          for (const pid of rng.sample(owners, rng.between(2, 6))) insDecisionPartner(did, pid);
          log_(startsAt + HOUR, fac.id, "meeting.decision", "allow", { subjectType: "meeting", subjectId: id, detail: "decision" });
        }
        for (let k = 0; k < rng.between(1, 3); k++) {
          const byPartner = rng.chance(0.7) || ownerAffiliates.length === 0;
          const owner = byPartner ? rng.pick(owners) : null;
          const ownerAff = byPartner ? null : rng.pick(ownerAffiliates).id;
          const due = dateOf(startsAt + rng.time(7 * DAY, 40 * DAY));
          const status = due < dateOf(AS_OF) ? rng.pick(["done", "done", "open", "dropped"] as const) : "open";
          const changedAt = status !== "open" ? Math.min(startsAt + 10 * DAY, AS_OF - 1000) : null;
          insAction(id, rng.pick(items), "Share the volunteer numbers before the next meeting.", owner, ownerAff, due, status, changedAt ? iso(changedAt) : null, changedAt ? fac.id : null, fac.id, iso(startsAt + HOUR));
          log_(startsAt + HOUR, fac.id, "meeting.action_item", "allow", { partnerId: owner, subjectType: "action_item", detail: due });
        }
        if (table.id === 1 && kind === "table" && startsAt > showcaseMeeting.at) showcaseMeeting = { id, at: startsAt };
      }
    }
    if (showcaseMeeting.id === 0) showcaseMeeting = { id: 1, at: 0 };
    step(`${N.meetings} meetings, ${agendaSeq} agenda items`);

    // agreements of the programs' sub-tables
    const insAgreement = ins("agreements", ["id", "sub_coalition_id", "created_by", "created_at"]);
    const insVersion = ins("agreement_versions", ["id", "agreement_id", "version", "decides_together", "each_keeps", "work_and_credit", "acting_alone", "created_by", "created_at"]);
    const insSignoff = ins("agreement_signoffs", ["version_id", "partner_id", "signed_by", "signed_at"]);
    let versionSeq = 0;
    for (const [i, prog] of programs.slice(0, Math.max(1, Math.round(programs.length * 0.6))).entries()) {
      const fac = facilitators.get(prog.sub.coalitionId)!;
      const at = prog.created + DAY;
      insAgreement(i + 1, prog.sub.id, fac.id, iso(at));
      for (let v = 1; v <= (i % 3 === 0 ? 2 : 1); v++) {
        const vid = ++versionSeq;
        const vt = at + v * DAY;
        insVersion(vid, i + 1, v, "Shared turf and one calendar.", "Each member's own messaging.", "Credit follows the recruiting affiliate.", "A member acting alone tells the others first.", fac.id, iso(vt));
        log_(vt, fac.id, "agreement.version", "allow", { subjectType: "sub_table", subjectId: prog.sub.id, detail: `version ${v}` });
        for (const pid of [...prog.sub.open.keys()]) {
          if (!rng.chance(0.6)) continue;
          const p = partnerById.get(pid)!;
          insSignoff(vid, pid, p.rep.id, iso(vt + HOUR));
          log_(vt + HOUR, p.rep.id, "agreement.signoff", "allow", { partnerId: pid, subjectType: "sub_table", subjectId: prog.sub.id, detail: `version ${v}` });
        }
      }
    }

    // ---------------------------------------------------------------- F3-F5: contacts, walls, vendors
    const insContact = ins("campaign_contacts", ["id", "coalition_id", "race_id", "candidate_id", "contact_date", "topic", "plans_or_needs", "campaign_people", "notes", "recorded_by", "created_at"]);
    const insAttendee = ins("campaign_contact_attendees", ["contact_id", "user_id", "name", "email"]);
    const insWall = ins("walls", ["coalition_id", "partner_id", "user_id", "person_name", "email", "reason", "race_id", "served_for", "start_date", "last_service_date", "until_date", "evidence", "contact_id", "created_by", "created_at"]);
    const insVendor = ins("vendors", ["id", "coalition_id", "name", "services", "policy_on_file_at", "policy_note", "created_by", "created_at"]);
    const insVendorClient = ins("vendor_clients", ["vendor_id", "kind", "race_id", "served_for", "start_date", "last_service_date"]);
    const coordinated = partners.filter((p) => p.legalType === "pac");
    let contactSeq = 0;
    let vendorSeq = 0;
    for (const table of TABLES) {
      const fac = facilitators.get(table.id)!;
      const tableRaces = races.filter((r) => r.coalitionId === table.id && r !== showcaseRace);
      const seated = partners.filter((p) => p.seats.includes(table.id) && p !== partners[0]);
      for (let k = 0; k < Math.max(1, Math.round(60 * scale)) && tableRaces.length; k++) {
        const id = ++contactSeq;
        const race = rng.pick(tableRaces);
        const t = race.created + rng.time(DAY, 200 * DAY);
        const plans = rng.chance(0.4);
        insContact(id, table.id, race.id, race.candidates[0].id, dateOf(t), "Scheduling and field plans", plans ? 1 : 0, "Campaign manager", plans ? "They shared their field plan for the fall." : "Courtesy call.", fac.id, iso(t));
        log_(t, fac.id, "firewall.campaign_contact", "info", { rule: "F3", raceId: race.id, subjectType: "campaignContact", subjectId: id, detail: plans ? "plans or needs" : "" });
        const present = [fac, ...rng.sample(coordinated.filter((p) => p.seats.includes(table.id)).map((p) => p.rep), rng.between(0, 2))];
        for (const u of present) {
          insAttendee(id, u.id, u.name, u.email);
          if (plans) insWall(table.id, null, u.id, u.name, u.email, "campaign_contact", race.id, "", dateOf(t), null, race.general, "", id, fac.id, iso(t));
        }
      }
      for (let k = 0; k < Math.max(1, Math.round(100 * scale)) && seated.length; k++) {
        const p = rng.pick(seated);
        const party = rng.chance(0.1) || tableRaces.length === 0;
        const start = T0 + rng.time(0, 500 * DAY);
        const last = rng.chance(0.7) ? start + rng.time(30 * DAY, 200 * DAY) : null;
        const at = Math.min(start + DAY, AS_OF - DAY);
        insWall(table.id, p.id, null, personName(), `staff.${k}.t${table.id}@example.org`, party ? "party_service" : "candidate_service", party ? null : rng.pick(tableRaces).id, party ? "State party" : "Campaign staff", dateOf(start), last ? dateOf(Math.min(last, AS_OF - DAY)) : null, null, "Offer letter on file", null, p.counsel.id, iso(at));
        log_(at, p.counsel.id, "firewall.wall_add", "info", { rule: "F4", partnerId: p.id, subjectType: "wall", detail: party ? "party_service" : "candidate_service" });
      }
      for (let k = 0; k < Math.max(1, Math.round(10 * Math.sqrt(scale))); k++) {
        const id = ++vendorSeq;
        const at = T0 + rng.time(30 * DAY, 400 * DAY);
        insVendor(id, table.id, `${rng.pick(ORG_WORDS)} Strategies ${id}`, "Mail, digital", rng.chance(0.5) ? dateOf(at) : null, "", fac.id, iso(at));
        log_(at, fac.id, "vendor.create", "info", { rule: "F5", subjectType: "vendor", subjectId: id, detail: `vendor ${id}` });
        for (let j = 0; j < rng.between(1, 3) && tableRaces.length; j++) {
          const race = rng.pick(tableRaces);
          insVendorClient(id, rng.chance(0.8) ? "candidate" : "party", race.id, "A campaign", dateOf(at), rng.chance(0.5) ? dateOf(at + 60 * DAY) : null);
        }
      }
    }

    // ---------------------------------------------------------------- the rest of the audit trail
    // Sign-ins and sign-outs, and F2 withholdings from independent-side people reading race pages.
    const members_ = [...partners.flatMap((p) => [p.rep, p.counsel].map((u) => ({ u, p }))), ...affiliates.map((a) => ({ u: a.lead, p: partnerById.get(a.partnerId)! }))];
    const racesOfTable = TABLES.map((t) => races.filter((r) => r.coalitionId === t.id));
    const natural = audit.length;
    for (let k = natural; k < N.audit; k++) {
      const t = rng.time(T0 + 30 * DAY, AS_OF - 1000);
      const r = rng.next();
      const { u, p } = rng.pick(members_);
      if (r < 0.45 && p.seats.length && p.legalType !== "pac") {
        const race = rng.pick(racesOfTable[rng.pick(p.seats) - 1]);
        const n = rng.between(1, 4);
        log_(t, u.id, "firewall.campaign_info", "deny", { rule: "F2", partnerId: p.id, raceId: race.id, detail: `${n} withheld: ${rng.pick(["profile notes and figures", "stance notes", "profile history", "program materials"])}` });
      } else if (r < 0.85) {
        log_(t, u.id, "auth.sign_in", "allow", { detail: `from 198.51.100.${rng.int(256)}` });
      } else {
        log_(t, u.id, "auth.sign_out", "info", { detail: `from 198.51.100.${rng.int(256)}` });
      }
    }
    audit.sort((a, b) => a[0] - b[0]);
    const insAudit = sqlite.prepare("insert into audit_log (id, at, actor_id, action, decision, rule, partner_id, race_id, subject_type, subject_id, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    let prev = GENESIS_HASH;
    for (let i = 0; i < audit.length; i++) {
      const row = audit[i];
      row[1] = iso(row[0]);
      const h = rowHash(prev, row);
      insAudit.run(i + 1, row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], prev, h);
      prev = h;
    }
    step(`${audit.length} audit rows (${natural} from the acts above)`);
    for (const i of indexes) sqlite.exec(i.sql);
    step(`${indexes.length} indexes built`);
    // issue 16: primary results for every race (votes from the candidate's id, the most votes
    // advances), as if the bench's primaries had been held, so the cycle review has a row per
    // race at every scale; its projection (race_reviews) is written by the results' triggers
    const resultCount = sqlite
      .prepare(
        `insert into election_results (race_id, election, candidate_id, votes, outcome, source_url, source_date, recorded_by, recorded_at)
         select c.race_id, 'primary', c.id, 1000 + (c.id * 7919) % 9000,
           case when c.id = (select c2.id from candidates c2 where c2.race_id = c.race_id order by 1000 + (c2.id * 7919) % 9000 desc, c2.id limit 1) then 'advanced_general' else 'lost' end,
           'https://results.example.gov/bench', r.primary_date, ?, r.primary_date || 'T12:00:00.000Z'
         from candidates c join races r on r.id = c.race_id`,
      )
      .run(facilitators.get(1)!.id).changes;
    step(`${resultCount} primary results`);

    const bigState = (() => {
      const counts = new Map<string, number>();
      for (const r of races) if (r.coalitionId === 1) counts.set(r.state, (counts.get(r.state) ?? 0) + r.candidates.length);
      return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    })();
    return {
      lastAuditHash: prev,
      tables: TABLES.map((t) => ({ id: t.id, name: t.name, level: t.level })),
      users: { facilitator: facilitators.get(1)!, rep: partners[0].rep, counsel: partners[0].counsel, lead: leadAffiliate.lead },
      partnerId: partners[0].id,
      leadAffiliateId: leadAffiliate.id,
      showcase: { coalitionId: 1, state: SHOWCASE_STATE, bigState, raceId: showcaseRace.id, candidateId: showcaseCandidate.id, subTableId: showcaseSub.id, programId: 1, shiftId: showcaseShift.id, meetingId: showcaseMeeting.id },
      feeds,
    };
  })();
  sqlite.pragma(`foreign_keys = ${fk ? "ON" : "OFF"}`);

  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) counts[t] = (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  step("counted");
  return { version: BENCH_DATA_VERSION, scale, asOf: BENCH_AS_OF, week: BENCH_WEEK, password: BENCH_PASSWORD, counts, ...out };
}

export const COUNTED_TABLES = [
  "coalitions", "partners", "coalition_partners", "affiliates", "affiliate_coverage", "users", "role_grants", "firewall_policies", "policy_acknowledgments",
  "races", "candidates", "profile_items", "profile_revisions", "endorsement_events", "current_stances", "candidate_tallies", "endorsement_days", "sub_coalitions", "sub_coalition_members", "race_sides",
  "canvass_programs", "pledges", "turf_units", "turf_assignments", "program_splits", "split_shares", "split_uncovered", "shifts", "shift_co_hosts", "shift_turf", "signups", "shift_results", "calendar_feeds",
  "meetings", "meeting_invitees", "agenda_items", "agenda_notes", "decisions", "action_items", "agreements", "agreement_versions", "agreement_signoffs",
  "campaign_contacts", "walls", "vendors", "audit_log",
] as const;

// ---------------------------------------------------------------------------------------
// The cached file

/** The migrations the file was made with: a new migration makes a new file. */
function migrationsKey(): string {
  const files = fs.readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).sort();
  return createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 8);
}

export function benchDbFile(dir: string, scale: number): string {
  return path.join(dir, `national-v${BENCH_DATA_VERSION}-s${scale}-m${migrationsKey()}.db`);
}

/**
 * The bench database at this scale: the cached file when it exists (made by the same generator
 * version and migrations), else generated into a temporary file and renamed when complete.
 */
export function ensureBenchDb(dir: string, scale: number, log: (m: string) => void = console.log): { file: string; manifest: BenchManifest; generatedMs: number | null } {
  const file = benchDbFile(dir, scale);
  const manifestFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(manifestFile)) {
    return { file, manifest: JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BenchManifest, generatedMs: null };
  }
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  log(`Generating the national-scale database (scale ${scale}) into ${file} ...`);
  const t0 = Date.now();
  const db = openDb(tmp);
  db.$client.pragma("journal_mode = OFF");
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma("cache_size = -500000");
  const manifest = generateBenchData(db, { scale, log });
  db.$client.pragma("journal_mode = WAL");
  db.$client.close();
  fs.renameSync(tmp, file);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const generatedMs = Date.now() - t0;
  log(`Generated in ${(generatedMs / 1000).toFixed(1)} s.`);
  return { file, manifest, generatedMs };
}

// `tsx scripts/bench-data.ts [scale] [dir]`: make (or find) the file and print where it is.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const scale = Number(process.argv[2] ?? process.env.BENCH_SCALE ?? 1);
  const dir = process.argv[3] ?? path.join(process.cwd(), "data/bench");
  const { file, manifest } = ensureBenchDb(dir, scale);
  console.log(file);
  console.log(JSON.stringify(manifest.counts, null, 2));
}
