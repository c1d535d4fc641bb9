import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { affiliates, coalitions, firewallPolicies, partners, subCoalitions, users } from "./schema";
import type { Actor } from "../app/domain/actor";
import { grantRole } from "../app/models/accounts.server";
import { setTableLengths } from "../app/models/firewall-lengths.server";
import { joinProgramAsNational } from "../app/models/national-hosts.server";
import { setPledge } from "../app/models/pledges.server";
import { acknowledgePolicy } from "../app/models/policies.server";
import { joinProgramRemotely } from "../app/models/remote-work.server";
import { createShift } from "../app/models/shifts.server";
import { buildProgram, shiftTurfUnit } from "../tests/factories";
import { STATE_TABLE_NAME } from "./seed-levels";
import { DEMO_USERS } from "./seed-users";

/**
 * Issue 13, part B (the firewall by level, national hosts), on the demo's Statehouse table:
 * - its counsel (Carlos, counsel of Northstar Organizing Action there) set the table's own
 *   content window and lookback, so its firewall page shows counsel's lengths; the municipal
 *   table's counsel has set none, so its page says state law governs and shows the stand-in;
 * - Nia Okafor's sub-table runs a program whose textbank is hosted by Prairie Climate Action's
 *   national staff (Lee Lead works for its national office) and co-hosted by the New Jersey chapter.
 */
const must = <T extends { ok: boolean }>(r: T, what: string) => {
  if (!r.ok) throw new Error(`seed-reach: ${what} was refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

function demoUser(db: Db, key: (typeof DEMO_USERS)[number]["key"]): Actor {
  const email = DEMO_USERS.find((u) => u.key === key)!.email;
  const row = db.select().from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`seed-reach: the demo ${key} is missing`);
  return { id: row.id, name: row.name };
}

const idOf = (row: { id: number } | undefined, what: string) => {
  if (!row) throw new Error(`seed-reach: ${what} is missing`);
  return row.id;
};

/** Acknowledges the partner's current firewall policy (rule F6) for a demo person. */
function acknowledge(db: Db, who: Actor, partnerId: number) {
  const policy = db.select().from(firewallPolicies).where(eq(firewallPolicies.partnerId, partnerId)).orderBy(firewallPolicies.version).all().at(-1);
  if (policy) must(acknowledgePolicy(db, who, { policyId: policy.id, version: policy.version }), "acknowledgment");
}

export const REACH_WINDOW_DAYS = 60;
export const REACH_LOOKBACK_DAYS = 180;
export const NATIONAL_TEXTBANK_TITLE = "Prairie Climate national textbank for Okafor";

export function seedReach(db: Db): string {
  const admin = demoUser(db, "admin");
  const facilitator = demoUser(db, "facilitator");
  const counsel = demoUser(db, "counsel");
  const lead = demoUser(db, "lead");
  const table = idOf(db.select({ id: coalitions.id }).from(coalitions).where(eq(coalitions.name, STATE_TABLE_NAME)).get(), "the Statehouse table");
  const partner = (shortName: string) => idOf(db.select({ id: partners.id }).from(partners).where(eq(partners.shortName, shortName)).get(), shortName);
  const affiliate = (name: string) => idOf(db.select({ id: affiliates.id }).from(affiliates).where(eq(affiliates.name, name)).get(), name);

  // the firewall by level: Northstar's counsel sets the state table's own lengths
  grantRole(db, admin, counsel.id, { role: "counsel", partnerId: partner("NOA"), coalitionId: table });
  acknowledge(db, counsel, partner("NOA"));
  must(
    setTableLengths(
      db,
      counsel,
      { coalitionId: table, partnerId: partner("NOA"), windowDays: REACH_WINDOW_DAYS, lookbackDays: REACH_LOOKBACK_DAYS, basisNote: "Demo figures counsel chose for this table's Minnesota and New Jersey races (not either state's law)." },
      new Date("2026-11-25T15:00:00Z"),
    ),
    "the table's lengths",
  );

  // national hosts: Okafor's program, Prairie Climate Action's national staff host a textbank
  const sub = idOf(db.select({ id: subCoalitions.id }).from(subCoalitions).where(eq(subCoalitions.coalitionId, table)).get(), "the Okafor sub-table");
  const program = buildProgram(db, facilitator, table, sub, { name: "Okafor field program", startDate: "2028-05-01", endDate: "2028-08-08", goals: { doorknock: 2000, phonebank: 3000, textbank: 12000, public_event: 1 } });
  const ref = { coalitionId: table, programId: program.id };
  for (let i = 1; i <= 3; i++) shiftTurfUnit(db, program.id, { code: `48B-T${i}`, name: `48B text list ${i}`, kind: "text_list", state: "MN", district: "05", county: "Hennepin", size: 800 });
  const jersey = affiliate("Prairie Climate New Jersey");
  must(joinProgramRemotely(db, facilitator, { ...ref, affiliateId: jersey }), "remote join");
  const office = must(joinProgramAsNational(db, facilitator, { ...ref, partnerId: partner("PCA") }), "national join").officeId;
  // Lee Lead also works for Prairie Climate's national office: its national staff
  grantRole(db, admin, lead.id, { role: "affiliate_lead", affiliateId: office, coalitionId: table });
  acknowledge(db, lead, partner("PCA"));
  must(setPledge(db, lead, { ...ref, affiliateId: office, workType: "textbank", weekStart: "2028-06-19", hours: 40 }, new Date("2026-11-25T16:00:00Z")), "national pledge");
  must(setPledge(db, facilitator, { ...ref, affiliateId: jersey, workType: "textbank", weekStart: "2028-06-19", hours: 15 }, new Date("2026-11-25T16:00:00Z")), "remote pledge");
  must(
    createShift(db, lead, {
      ...ref,
      workType: "textbank",
      title: NATIONAL_TEXTBANK_TITLE,
      startsAt: "2028-06-20T18:00",
      endsAt: "2028-06-20T20:30",
      location: null,
      callLink: "https://meet.example.org/prairie-national-48b",
      hostAffiliateId: office,
      hostKind: "affiliate",
      campaignHost: null,
      capacity: 30,
      notes: "Texting Minnesota House 48B voters from anywhere.",
      coHostIds: [jersey],
      turfUnitIds: [],
    }),
    "national textbank",
  );
  return `The firewall by level: the Statehouse table's counsel set a ${REACH_WINDOW_DAYS}-day window and a ${REACH_LOOKBACK_DAYS}-day lookback; Prairie Climate Action's national staff host a virtual textbank for Okafor with its New Jersey chapter.`;
}
