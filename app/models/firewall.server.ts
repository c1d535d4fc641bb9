import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { partners } from "../../db/schema";
import { defaultSide, mayReceiveCampaignInfo } from "~/domain/firewall";
import { partnersOf } from "~/domain/permissions";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./endorsements.server";

/**
 * The one place that answers "may this viewer receive campaign information about this
 * race?" (rules F2, F11). Models that return race information ask it themselves, so a route
 * cannot forget. The system (scripts, seed) is not a person and is allowed.
 */
export function campaignInfoAllowed(db: Db, viewer: Viewer): boolean {
  if (viewer === "system") return true;
  const members = partnersOf(viewer);
  if (members.length === 0) return true;
  const types = db.select({ legalType: partners.legalType }).from(partners).where(inArray(partners.id, members)).all();
  if (types.length !== members.length) return false; // a member we cannot find: fail closed
  return mayReceiveCampaignInfo(types.map((t) => defaultSide(t.legalType)));
}

/** Records that campaign information was withheld from a viewer (rule F2): who, which race, what. */
export function logWithheld(db: Db, viewer: Viewer, raceId: number, what: string, count: number, now = new Date()): void {
  if (viewer === "system" || count === 0) return;
  db.transaction((tx) => {
    appendAudit(tx, viewer, { action: "firewall.campaign_info", decision: "deny", rule: "F2", partnerId: partnersOf(viewer)[0] ?? null, raceId, detail: `${count} withheld: ${what}` }, now);
  });
}
