/**
 * Demo data for issue 14 (volunteers sign themselves up; real mail): the demo's "Saturday doors,
 * Easton" and "Textbank" shifts are published to public pages, and two volunteers have signed
 * themselves up through affiliates' share links, so the shift page shows the links and the
 * credit, and the admin's outbox holds their confirmations (kept there: the demo sends no mail).
 * Deterministic in what it makes; the links' tokens are random, as they must be.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { canvassPrograms, shiftLinks, shifts } from "./schema";
import type { Actor } from "../app/domain/actor";
import { publicSignUp, publishShift } from "../app/models/public-shifts.server";

const PUBLISHED = ["Saturday doors, Easton", "Textbank"];

export function seedMail(db: Db, actor: Actor, coalitionId: number): string {
  const rows = db
    .select({ id: shifts.id, programId: shifts.programId, title: shifts.title, startsAt: shifts.startsAt, hostAffiliateId: shifts.hostAffiliateId })
    .from(shifts)
    .innerJoin(canvassPrograms, eq(canvassPrograms.id, shifts.programId))
    .where(and(eq(canvassPrograms.coalitionId, coalitionId), inArray(shifts.title, PUBLISHED)))
    .all();
  if (rows.length === 0) return "no public shift pages (the demo has no shifts to publish)";
  let volunteers = 0;
  for (const s of rows) {
    // published a week before the shift, the volunteers a day later
    const at = new Date(Date.parse(s.startsAt) - 7 * 86_400_000);
    const r = publishShift(db, actor, { coalitionId, programId: s.programId, shiftId: s.id, publish: true }, at);
    if (!r.ok) throw new Error(`seed: could not publish shift ${s.id}: ${r.message}`);
    if (s.title !== "Saturday doors, Easton") continue;
    const links = db.select().from(shiftLinks).where(eq(shiftLinks.shiftId, s.id)).orderBy(shiftLinks.id).all();
    // through the other affiliates' links (the host's own demo list stays as issue 5 left it)
    const via = links.filter((l) => l.affiliateId !== null && l.affiliateId !== s.hostAffiliateId);
    for (const [i, v] of [
      ["Jordan Ellis", "jordan.ellis@example.org"],
      ["Mei Chen", "mei.chen@example.org"],
    ].entries()) {
      const link = via[i % via.length] ?? links[0];
      const signed = publicSignUp(db, null, { shareToken: link.token, base: "http://localhost:3000", volunteerName: v[0], email: v[1], phone: null }, new Date(at.getTime() + 86_400_000 + i * 3_600_000));
      if (!signed.ok) throw new Error(`seed: public sign-up refused: ${signed.message}`);
      volunteers++;
    }
  }
  return `${rows.length} shifts published to public pages, ${volunteers} volunteers signed up through affiliates' share links.`;
}
