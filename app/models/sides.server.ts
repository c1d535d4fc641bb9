import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coalitionPartners, partners, raceSides, races } from "../../db/schema";
import { type Account } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { accountsOf, checkSideSetting, sideOf, sidesAllowed, SIDE_LABELS, type Side } from "~/domain/firewall";
import { appendAudit } from "./audit.server";
import { NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * Each seated member's side in each race of a table, per account: counsel's setting where
 * the law allows one, else the legal type's default.
 */
// every read takes the viewer; this one does not ask it yet
export function listSides(db: Db, _viewer: Viewer, input: { coalitionId: number }) {
  const { coalitionId } = input;
  const members = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName, legalType: partners.legalType })
    .from(coalitionPartners)
    .innerJoin(partners, eq(partners.id, coalitionPartners.partnerId))
    .where(eq(coalitionPartners.coalitionId, coalitionId))
    .orderBy(asc(partners.shortName))
    .all();
  const raceRows = db.select().from(races).where(eq(races.coalitionId, coalitionId)).orderBy(asc(races.primaryDate), asc(races.id)).all();
  const settings = db
    .select({ side: raceSides, raceCoalition: races.coalitionId })
    .from(raceSides)
    .innerJoin(races, eq(races.id, raceSides.raceId))
    .where(eq(races.coalitionId, coalitionId))
    .all()
    .map((r) => r.side);
  const setting = (partnerId: number, raceId: number, account: Account) => settings.find((s) => s.partnerId === partnerId && s.raceId === raceId && s.account === account) ?? null;
  return {
    members,
    races: raceRows.map((race) => ({
      id: race.id,
      label: raceLabel(race),
      sides: members.flatMap((m) =>
        accountsOf(m.legalType).map((account) => {
          const s = setting(m.id, race.id, account);
          return {
            partnerId: m.id,
            account,
            side: sideOf(m.legalType, account, (s?.side as Side | undefined) ?? null),
            allowed: sidesAllowed(m.legalType, account),
            setAt: s?.setAt ?? null,
            reason: s?.reason ?? "",
          };
        }),
      ),
    })),
  };
}

/** Counsel sets a member's side in a race for one account, where its legal type allows that side. Audited. */
export function setSide(db: Db, actor: Actor, coalitionId: number, input: { partnerId: number; raceId: number; account: Account; side: Side; reason: string | null }, now = new Date()): Result<{ side: Side }> {
  const race = db.select().from(races).where(and(eq(races.id, input.raceId), eq(races.coalitionId, coalitionId))).get();
  if (!race) throw new NotFoundError("Race");
  const member = db
    .select({ id: partners.id, name: partners.name, legalType: partners.legalType })
    .from(coalitionPartners)
    .innerJoin(partners, eq(partners.id, coalitionPartners.partnerId))
    .where(and(eq(coalitionPartners.coalitionId, coalitionId), eq(partners.id, input.partnerId)))
    .get();
  if (!member) throw new NotFoundError("Member");
  const problem = checkSideSetting(member.legalType, input.account, input.side);
  if (problem) return { ok: false, field: "side", message: problem };
  return db.transaction((tx) => {
    const before = sideOf(member.legalType, input.account, (tx.select().from(raceSides).where(and(eq(raceSides.partnerId, member.id), eq(raceSides.raceId, race.id), eq(raceSides.account, input.account))).get()?.side as Side | undefined) ?? null);
    tx.insert(raceSides)
      .values({ partnerId: member.id, raceId: race.id, account: input.account, side: input.side as "independent" | "coordinated", reason: input.reason ?? "", setBy: actor.id, setAt: now.toISOString() })
      .onConflictDoUpdate({ target: [raceSides.partnerId, raceSides.raceId, raceSides.account], set: { side: input.side as "independent" | "coordinated", reason: input.reason ?? "", setBy: actor.id, setAt: now.toISOString() } })
      .run();
    appendAudit(
      tx,
      actor,
      { action: "firewall.side_set", decision: "info", rule: "F2", partnerId: member.id, raceId: race.id, detail: `${member.name} (${input.account}) ${SIDE_LABELS[before].toLowerCase()} → ${SIDE_LABELS[input.side].toLowerCase()}${input.reason ? `: ${input.reason}` : ""}` },
      now,
    );
    return { ok: true as const, side: input.side };
  });
}
