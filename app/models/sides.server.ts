import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coalitionPartners, partners, raceSides, races } from "../../db/schema";
import { type Account, type LegalType } from "~/domain/vocabulary";
import { keysetPage, type Cursor } from "~/domain/keyset";
import type { Actor } from "~/domain/actor";
import { accountsOf, checkSideSetting, sideOf, sidesAllowed, SIDE_LABELS, type Side } from "~/domain/firewall";
import { appendAudit } from "./audit.server";
import { NotFoundError, type Result } from "~/domain/errors";
import type { Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

export type SidesFilter = {
  coalitionId: number;
  /** One race (the page a saved side returns to), or the races of one state. */
  raceId?: number | null;
  state?: string | null;
  /** The races of one district (with `state`, one race: "PA-07"). */
  district?: string | null;
  /** One seated member's rows only. */
  partnerId?: number | null;
  /** Only rows on this side (and races that have one). */
  side?: Side | null;
  cursor?: Cursor | null;
  limit?: number;
};

/** Races a page of the sides list shows: each race has a row per member and account (about 25 at national scale). */
export const SIDES_PAGE_RACES = 6;

/**
 * Whether a member's account stands on `side` in race r, as SQL (r is the race): counsel's
 * setting where the law allows one, else the default (the same rule as sideOf). True or false
 * outright when the account has one allowed side.
 */
function standsOn(m: { id: number; legalType: LegalType }, account: Account, side: Side): SQL | boolean {
  const allowed = sidesAllowed(m.legalType, account);
  if (allowed.length <= 1) return sideOf(m.legalType, account, null) === side;
  if (!allowed.includes(side)) return false;
  const setting = (cond: SQL) => sql`(select 1 from race_sides s where s.race_id = r.id and s.partner_id = ${m.id} and s.account = ${account} and ${cond})`;
  const others = allowed.filter((a) => a !== side);
  return side === allowed[0]
    ? sql`not exists ${setting(sql`s.side in (${sql.join(others.map((o) => sql`${o}`), sql`, `)})`)}`
    : sql`exists ${setting(sql`s.side = ${side}`)}`;
}

/**
 * Each seated member's side in each race of a table, per account: counsel's setting where
 * the law allows one, else the legal type's default. One keyset page of races (by primary
 * date), filtered in SQL by race or state, member and side, with the number of races that
 * match (issue 11: 20 MB at national scale unpaged).
 */
// every read takes the viewer; a member's side in a race is table-wide information
export function listSides(db: Db, _viewer: Viewer, input: SidesFilter) {
  const { coalitionId } = input;
  const limit = input.limit ?? SIDES_PAGE_RACES;
  const seated = db
    .select({ id: partners.id, name: partners.name, shortName: partners.shortName, legalType: partners.legalType })
    .from(coalitionPartners)
    .innerJoin(partners, eq(partners.id, coalitionPartners.partnerId))
    .where(eq(coalitionPartners.coalitionId, coalitionId))
    .orderBy(asc(partners.shortName))
    .all();
  const members = input.partnerId ? seated.filter((m) => m.id === input.partnerId) : seated;
  const conds: SQL[] = [sql`r.coalition_id = ${coalitionId}`];
  if (input.raceId) conds.push(sql`r.id = ${input.raceId}`);
  if (input.state) conds.push(sql`r.state = ${input.state}`);
  if (input.district) conds.push(sql`r.district = ${input.district}`);
  if (input.side) {
    const terms = members.flatMap((m) => accountsOf(m.legalType).map((a) => standsOn(m, a, input.side as Side)));
    if (!terms.includes(true)) {
      const live = terms.filter((t): t is SQL => typeof t !== "boolean");
      conds.push(live.length ? sql`(${sql.join(live, sql` or `)})` : sql`0`);
    }
  }
  if (members.length === 0) conds.push(sql`0`);
  const where = sql.join(conds, sql` and `);
  const cursor = input.cursor && input.cursor.key.length === 2 && typeof input.cursor.key[0] === "string" && typeof input.cursor.key[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const keyCond = cursor ? (backwards ? sql` and (r.primary_date, r.id) < (${cursor.key[0]}, ${cursor.key[1]})` : sql` and (r.primary_date, r.id) > (${cursor.key[0]}, ${cursor.key[1]})`) : sql``;
  const order = backwards ? sql`order by r.primary_date desc, r.id desc` : sql`order by r.primary_date asc, r.id asc`;
  const fetched = db.all<Race>(
    sql`select r.id as id, r.office as office, r.state as state, r.district as district, r.primary_date as primaryDate from races r where ${where}${keyCond} ${order} limit ${limit + 1}`,
  );
  const page = keysetPage(fetched, limit, cursor, (r) => [r.primaryDate, r.id]);
  const total = db.get<{ n: number }>(sql`select count(*) as n from races r where ${where}`)?.n ?? 0;
  const ids = page.rows.map((r) => r.id);
  const settings = ids.length
    ? db
        .select()
        .from(raceSides)
        .where(and(inArray(raceSides.raceId, ids), input.partnerId ? eq(raceSides.partnerId, input.partnerId) : undefined))
        .all()
    : [];
  const byKey = new Map(settings.map((s) => [`${s.partnerId}:${s.raceId}:${s.account}`, s]));
  return {
    members,
    seated,
    total,
    prev: page.prev,
    next: page.next,
    races: page.rows.map((race) => ({
      id: race.id,
      label: raceLabel(race),
      sides: members
        .flatMap((m) =>
          accountsOf(m.legalType).map((account) => {
            const s = byKey.get(`${m.id}:${race.id}:${account}`) ?? null;
            return {
              partnerId: m.id,
              account,
              side: sideOf(m.legalType, account, (s?.side as Side | undefined) ?? null),
              allowed: sidesAllowed(m.legalType, account),
              setAt: s?.setAt ?? null,
              reason: s?.reason ?? "",
            };
          }),
        )
        .filter((row) => !input.side || row.side === input.side),
    })),
  };
}

type Race = { id: number; office: string; state: string; district: string | null; primaryDate: string };

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
