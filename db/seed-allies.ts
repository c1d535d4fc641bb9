import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { canvassPrograms, coalitions, users } from "./schema";
import type { Actor } from "../app/domain/actor";
import { acceptInvitation } from "../app/models/accounts.server";
import { inviteAlly } from "../app/models/allies.server";
import { setPledge } from "../app/models/pledges.server";
import { acknowledgePolicy, publishPolicy } from "../app/models/policies.server";
import { createShift } from "../app/models/shifts.server";
import { CITY_TABLE_NAME } from "./seed-levels";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed-users";

/**
 * Issue 13, part C (regional allies), on the demo's municipal table: the facilitator invites a
 * Chicago independent group, South Side Tenants Alliance (a 501(c)(4) at no table, of no
 * partner), into the Ward 5 program. Its lead, Dana Ally (the demo account ally@…), accepted the invitation,
 * has acknowledged the ally's written policy, pledged phonebank hours and hosts a phonebank.
 */
export const ALLY_NAME = "South Side Tenants Alliance";
export const ALLY_LEAD_EMAIL = DEMO_USERS.find((u) => u.key === "ally")!.email;
export const ALLY_PHONEBANK_TITLE = "South Side Tenants phonebank for Ward 5";

const must = <T extends { ok: boolean }>(r: T, what: string) => {
  if (!r.ok) throw new Error(`seed-allies: ${what} was refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

function demoUser(db: Db, key: (typeof DEMO_USERS)[number]["key"]): Actor {
  const email = DEMO_USERS.find((u) => u.key === key)!.email;
  const row = db.select().from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`seed-allies: the demo ${key} is missing`);
  return { id: row.id, name: row.name };
}

export function seedAllies(db: Db): string {
  const admin = demoUser(db, "admin");
  const facilitator = demoUser(db, "facilitator");
  const table = db.select({ id: coalitions.id }).from(coalitions).where(eq(coalitions.name, CITY_TABLE_NAME)).get();
  const program = db.select({ id: canvassPrograms.id }).from(canvassPrograms).where(eq(canvassPrograms.name, "Ward 5 field program")).get();
  if (!table || !program) throw new Error("seed-allies: the municipal table's Ward 5 program is missing");
  const ref = { coalitionId: table.id, programId: program.id };
  const at = new Date("2026-11-26T15:00:00Z");
  const ally = must(inviteAlly(db, facilitator, { ...ref, name: ALLY_NAME, legalType: "c4", state: "IL", leadName: "Dana Ally", leadEmail: ALLY_LEAD_EMAIL }, at), "the ally's invitation");
  const accepted = must(acceptInvitation(db, ally.token, { name: "Dana Ally", password: DEMO_PASSWORD }, "seed", new Date("2026-11-26T16:00:00Z")), "the lead's acceptance");
  const lead: Actor = { id: accepted.userId, name: "Dana Ally" };
  // rule F6: the ally's written policy (recorded by the admin: an ally has no counsel at the table), acknowledged by its lead
  const { policy } = must(publishPolicy(db, admin, { partnerId: ally.partnerId, title: `${ALLY_NAME} firewall policy`, body: "Our organizers work on the independent side only and never receive a campaign's plans, projects, activities or needs." }), "the ally's policy");
  must(acknowledgePolicy(db, lead, { policyId: policy.id, version: policy.version }), "the lead's acknowledgment");
  must(setPledge(db, lead, { ...ref, affiliateId: ally.affiliateId, workType: "phonebank", weekStart: "2027-01-11", hours: 20 }, new Date("2026-11-27T15:00:00Z")), "the ally's pledge");
  must(
    createShift(db, lead, {
      ...ref,
      workType: "phonebank",
      title: ALLY_PHONEBANK_TITLE,
      startsAt: "2027-01-13T18:00",
      endsAt: "2027-01-13T20:00",
      location: null,
      callLink: "https://meet.example.org/south-side-tenants-w5",
      hostAffiliateId: ally.affiliateId,
      hostKind: "affiliate",
      campaignHost: null,
      capacity: 15,
      notes: "Calling Ward 5 renters about the runoff.",
      coHostIds: [],
      turfUnitIds: [],
    }),
    "the ally's phonebank",
  );
  return `Regional allies: ${ALLY_NAME} joined the Ward 5 program; its lead ${ALLY_LEAD_EMAIL} pledged phonebank hours and hosts a phonebank.`;
}
