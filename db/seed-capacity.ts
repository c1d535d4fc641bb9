/**
 * Demo data for support from outside the table and capacity and red lines (issue 17): outside
 * endorsements of a few demo candidates, each with its public source, some added by the demo
 * representative for its partner and some by the facilitator; capacity profiles of five demo
 * partners with items for the whole table, for the facilitator only and for their own people.
 * Deterministic: fixed dates, fixed names.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, coalitionPartners, partners, races, roleGrants as grants, users } from "./schema";
import type { Actor } from "../app/domain/actor";
import type { CapacityItemInput } from "../app/domain/capacity";
import type { OutsideSupporterKind } from "../app/domain/vocabulary";
import { addOutsideSupport } from "../app/models/outside-support.server";
import { addCapacityItem } from "../app/models/capacity.server";
import { DEMO_USERS } from "./seed-users";

type Outside = { candidate: string; kind: OutsideSupporterKind; name: string; url: string; on: string; byRep?: boolean };

const OUTSIDE: Outside[] = [
  { candidate: "Renata Oyelaran", kind: "union", name: "Pennsylvania Nurses United, Local 114", url: "https://pnu114.example.org/news/oyelaran", on: "2026-09-02", byRep: true },
  { candidate: "Renata Oyelaran", kind: "elected_official", name: "State Sen. Marisol Quintero", url: "https://quintero.example.org/press/2026-09-20", on: "2026-09-20" },
  { candidate: "Renata Oyelaran", kind: "local_group", name: "Lehigh Valley Tenants Union", url: "https://lvtu.example.org/endorsements", on: "2026-10-14", byRep: true },
  { candidate: "Renata Oyelaran", kind: "organization", name: "Keystone Clean Air Coalition", url: "https://keystoneair.example.org/2026", on: "2026-11-03" },
  { candidate: "Helen Marquardt", kind: "union", name: "West Michigan Building Trades Council", url: "https://wmbtc.example.org/endorsements-2026", on: "2026-08-28" },
  { candidate: "Helen Marquardt", kind: "elected_official", name: "Mayor Dolores Vanek (Grand Rapids)", url: "https://vanek.example.org/news/marquardt", on: "2026-10-01", byRep: true },
  { candidate: "Celeste Naranjo", kind: "local_group", name: "Tucson Foothills Neighbors", url: "https://foothills.example.org/posts/naranjo", on: "2026-10-08" },
  { candidate: "Celeste Naranjo", kind: "organization", name: "Sonoran Water Alliance", url: "https://sonoranwater.example.org/endorse", on: "2026-10-22", byRep: true },
  { candidate: "Jasmine Lyle", kind: "union", name: "Carolina Public Employees Association", url: "https://cpea.example.org/2026-endorsements", on: "2026-11-12" },
];

const item = (over: Partial<CapacityItemInput>): CapacityItemInput => ({ kind: "members", readers: "table", state: null, amount: null, capability: null, detail: null, ...over });

/** Each demo partner's profile: counts, strong states, what it can do, red lines; every reader setting used. */
const CAPACITY: Record<string, CapacityItemInput[]> = {
  KA: [
    item({ kind: "members", amount: 18500, state: "PA" }),
    item({ kind: "members", amount: 9200, state: "MI" }),
    item({ kind: "volunteers", amount: 640, state: "PA" }),
    item({ kind: "volunteers", amount: 210, state: "AZ", readers: "facilitator" }),
    item({ kind: "organizers", amount: 6, state: "PA", readers: "facilitator" }),
    item({ kind: "strong_state", state: "PA" }),
    item({ kind: "strong_state", state: "MI" }),
    item({ kind: "can_do", capability: "doors" }),
    item({ kind: "can_do", capability: "phones" }),
    item({ kind: "can_do", capability: "money", amount: 40000, readers: "own" }),
    item({ kind: "red_line", detail: "We do not co-sponsor events with a candidate's campaign.", readers: "table" }),
    item({ kind: "red_line", detail: "Our board will not endorse anyone taking fossil-fuel PAC money.", readers: "own" }),
  ],
  BVA: [
    item({ kind: "members", amount: 7400, state: "PA" }),
    item({ kind: "volunteers", amount: 300, state: "OH" }),
    item({ kind: "strong_state", state: "OH" }),
    item({ kind: "can_do", capability: "texts" }),
    item({ kind: "can_do", capability: "digital", readers: "facilitator" }),
  ],
  TCA: [
    item({ kind: "members", amount: 5100, state: "AZ" }),
    item({ kind: "organizers", amount: 3, state: "AZ" }),
    item({ kind: "strong_state", state: "AZ" }),
    item({ kind: "can_do", capability: "doors", state: "AZ" }),
    item({ kind: "red_line", detail: "No joint work with groups that oppose the clean-water ballot measure.", readers: "facilitator" }),
  ],
  AHWU: [
    item({ kind: "members", amount: 42000, state: "MI" }),
    item({ kind: "members", amount: 15000, state: "PA", readers: "facilitator" }),
    item({ kind: "organizers", amount: 12, state: "MI" }),
    item({ kind: "strong_state", state: "MI" }),
    item({ kind: "can_do", capability: "phones" }),
    item({ kind: "red_line", detail: "Our members-only program stays ours: no shared lists.", readers: "table" }),
  ],
  OHAN: [
    item({ kind: "volunteers", amount: 520, state: "NC" }),
    item({ kind: "strong_state", state: "NC" }),
    item({ kind: "can_do", capability: "doors", state: "NC" }),
    item({ kind: "organizers", amount: 2, state: "NC", readers: "own" }),
  ],
};

function userByKey(db: Db, key: string): Actor {
  const email = DEMO_USERS.find((u) => u.key === key)!.email;
  const u = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, email)).get();
  if (!u) throw new Error(`seed: no demo ${key}`);
  return u;
}

export function seedCapacity(db: Db, actor: Actor, coalitionId: number): string {
  const must = <T extends { ok: boolean }>(r: T, what: string) => {
    if (!r.ok) throw new Error(`seed: ${what} was refused: ${JSON.stringify(r)}`);
    return r as Extract<T, { ok: true }>;
  };
  const rep = userByKey(db, "rep");
  const facilitator = userByKey(db, "facilitator");
  const repPartner = db.select({ partnerId: grants.partnerId }).from(grants).where(and(eq(grants.userId, rep.id), eq(grants.role, "partner_rep"))).get()?.partnerId;
  if (!repPartner) throw new Error("seed: the demo representative has no partner");
  for (const o of OUTSIDE) {
    const c = db
      .select({ id: candidates.id })
      .from(candidates)
      .innerJoin(races, eq(races.id, candidates.raceId))
      .where(and(eq(races.coalitionId, coalitionId), eq(candidates.name, o.candidate)))
      .get();
    if (!c) throw new Error(`seed: no candidate ${o.candidate}`);
    const by = o.byRep ? rep : facilitator;
    must(
      addOutsideSupport(db, by, { coalitionId, candidateId: c.id, partnerId: o.byRep ? repPartner : null, kind: o.kind, name: o.name, sourceUrl: o.url, endorsedOn: o.on, note: null, today: "2026-12-01" }, new Date(`${o.on}T18:00:00Z`)),
      `outside support ${o.name}`,
    );
  }
  let items = 0;
  for (const [key, list] of Object.entries(CAPACITY)) {
    const partner = db
      .select({ id: partners.id })
      .from(partners)
      .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
      .where(eq(partners.shortName, key))
      .get();
    if (!partner) throw new Error(`seed: no partner ${key}`);
    const keeper = partner.id === repPartner ? rep : actor;
    for (const i of list) {
      must(addCapacityItem(db, keeper, { ...i, partnerId: partner.id }, new Date("2026-11-20T15:00:00Z")), `capacity of ${key}`);
      items++;
    }
  }
  return `Outside support: ${OUTSIDE.length} endorsements of ${new Set(OUTSIDE.map((o) => o.candidate)).size} candidates; capacity and red lines: ${items} items of ${Object.keys(CAPACITY).length} partners`;
}
