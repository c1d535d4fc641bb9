/** The evidence packet's hand-built scenario (issue 18), shared by the model and route tests. */
import type { Db } from "../../../db/client";
import { campaignContacts, users, walls } from "../../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { recordStance } from "~/models/endorsements.server";
import { logWithheld } from "~/models/firewall.server";
import { createVendor, recordVendorUse } from "~/models/vendors.server";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildPolicy, buildRace } from "../../factories";

const TODAY = new Date().toISOString().slice(0, 10);

export function evidenceWorld(db: Db, actor: Actor) {
  const table = buildCoalition(db, actor);
  const papa = buildPartner(db, actor, table.id, { name: "Papa Alliance", shortName: "PAPA", legalType: "c4" });
  const quebec = buildPartner(db, actor, table.id, { name: "Quebec Union", shortName: "QUE", legalType: "c4" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const other = buildRace(db, actor, table.id, { state: "PA", district: "08" });
  const candidate = buildCandidate(db, actor, table.id, race.id);
  const alpha = buildAffiliate(db, actor, table.id, papa.id, { name: "Alpha Chapter", state: "PA", districts: ["07"] });
  const person = (name: string, grant: Parameters<typeof grantRole>[3]) => {
    const u = db.insert(users).values({ name, email: `${name.split(" ")[0].toLowerCase()}@example.org` }).returning().get();
    grantRole(db, actor, u.id, { coalitionId: table.id, ...grant });
    return u;
  };
  const counsel = person("Cole Counsel", { role: "counsel", partnerId: papa.id });
  const rep = person("Rita Rep", { role: "partner_rep", partnerId: papa.id });
  const lead = person("Lena Lead", { role: "affiliate_lead", affiliateId: alpha.id });
  const quebecRep = person("Quinn Quebec", { role: "partner_rep", partnerId: quebec.id });
  const otherCounsel = person("Otto Other", { role: "counsel", partnerId: quebec.id });
  const policy = buildPolicy(db, actor, papa.id, [counsel.id, rep.id], { title: "Papa firewall policy" });
  buildPolicy(db, actor, quebec.id, [quebecRep.id]);
  const wall = (personName: string, raceId: number | null, reason: "candidate_service" | "party_service") =>
    db.insert(walls).values({ coalitionId: table.id, partnerId: papa.id, personName, reason, raceId, servedFor: "a campaign", startDate: "2026-01-05", createdBy: actor.id, createdAt: "2026-01-05T00:00:00.000Z" }).returning().get();
  wall("Walt Walled", race.id, "candidate_service");
  wall("Pat Party", null, "party_service");
  wall("Olive Otherrace", other.id, "candidate_service");
  const contact = (raceId: number, topic: string) =>
    db.insert(campaignContacts).values({ coalitionId: table.id, raceId, contactDate: TODAY, topic, plansOrNeeds: true, recordedBy: actor.id, createdAt: new Date().toISOString() }).returning().get();
  contact(race.id, "Field plans of the campaign");
  contact(other.id, "Another race's plans");
  const vendor = createVendor(db, actor, table.id, { name: "Textly", services: "texting" });
  if (!vendor.ok) throw new Error(vendor.message);
  const use = recordVendorUse(db, actor, table.id, { vendorId: vendor.vendor.id, partnerId: papa.id, raceId: race.id, useDate: TODAY, purpose: "Persuasion texts" });
  if (!use.ok) throw new Error(use.message);
  // decisions about Papa's people: Rita withheld campaign notes (F2); Lena refused a stance (F6: never acknowledged)
  logWithheld(db, loadPrincipal(db, rep.id)!, race.id, "campaign notes", 2);
  const refused = recordStance(db, lead, table.id, { candidateId: candidate.id, partnerId: papa.id, affiliateId: alpha.id, stance: "considering", decidedOn: TODAY, decidingBody: "", note: "", noteSource: "research", notePrivate: false });
  if (refused.ok) throw new Error("expected an F6 refusal");
  // not Papa's: Quebec's representative's withholding
  logWithheld(db, loadPrincipal(db, quebecRep.id)!, race.id, "campaign notes", 1);
  return { table, papa, quebec, race, other, counsel, rep, lead, quebecRep, otherCounsel, policy, vendor: vendor.vendor };
}

