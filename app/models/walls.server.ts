import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { partners, races, walls, type Wall } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { wallActiveOn, wallCoversRace } from "~/domain/firewall";
import { walledUntil, type WallInput } from "~/domain/firewall-forms";
import { can, type Principal } from "~/domain/permissions";
import { appendAudit, memberPeople } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { NotFoundError, type Result } from "~/domain/errors";
import { listPartners } from "./partners.server";
import { raceLabel } from "./races.server";
import { lengthsAt } from "./firewall-lengths.server";

/**
 * Rule F4: the wall roster. A member's counsel keeps its entries (candidate service in a
 * race, party committee service that taints every race), each with its evidence; walls
 * made by campaign contacts (F3) are shown beside them. The gate that enforces them is
 * checkPlacement in firewall.server.ts; this module only keeps and shows them.
 */

/** The seated members this person keeps the roster for (their counsel). */
export function rosterMembers(db: Db, viewer: Principal, input: { coalitionId: number }) {
  const { coalitionId } = input;
  return listPartners(db, viewer, input).filter((p) => can(viewer, { action: "wall.manage", coalitionId, partnerId: p.id }).ok);
}

/** A wall entry with what the roster shows: the race, the member, how long it lasts, whether it bars work today. */
function present(w: Wall & { raceOffice: string | null; raceState: string | null; raceDistrict: string | null; partnerShortName: string | null }, today: string, lookbackDays: number) {
  const { raceOffice, raceState, raceDistrict, ...wall } = w;
  return {
    ...wall,
    raceLabel: raceOffice && raceState ? raceLabel({ office: raceOffice, state: raceState, district: raceDistrict }) : null,
    until: walledUntil(wall, lookbackDays),
    inForce: wallActiveOn(wall, today, lookbackDays),
  };
}

function wallRows(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({ wall: walls, raceOffice: races.office, raceState: races.state, raceDistrict: races.district, partnerShortName: partners.shortName })
    .from(walls)
    .leftJoin(races, eq(races.id, walls.raceId))
    .leftJoin(partners, eq(partners.id, walls.partnerId))
    .where(where)
    .orderBy(asc(walls.personName), desc(walls.startDate), desc(walls.id))
    .all()
    .map((r) => ({ ...r.wall, raceOffice: r.raceOffice, raceState: r.raceState, raceDistrict: r.raceDistrict, partnerShortName: r.partnerShortName }));
}

/**
 * The roster this person may see at a table: a counsel sees its own members' entries and
 * the contact walls of its own members' people, never another member's entries; neutral
 * staff (facilitator, admin) see the walls made by campaign contacts.
 */
export function listWalls(db: Db, viewer: Principal, input: { coalitionId: number; today: string }) {
  const visible = visibleWalls(db, viewer, input.coalitionId);
  if (!visible) return [];
  const { lookbackDays } = lengthsAt(db, input.coalitionId);
  return wallRows(db, visible).map((w) => present(w, input.today, lookbackDays));
}

/** Which walls of a table this person may see (see listWalls), or null for none. */
function visibleWalls(db: Db, viewer: Principal, coalitionId: number) {
  const members = rosterMembers(db, viewer, { coalitionId }).map((m) => m.id);
  const neutral = viewer.isAdmin || viewer.grants.some((g) => g.role === "facilitator" && g.coalitionId === coalitionId);
  const people = members.flatMap((id) => memberPeople(db, viewer, { partnerId: id }));
  const ids = [...new Set(people.map((p) => p.id))];
  const emails = [...new Set(people.map((p) => p.email.toLowerCase()))];
  const contactWalls = neutral
    ? eq(walls.reason, "campaign_contact")
    : ids.length
      ? and(eq(walls.reason, "campaign_contact"), or(inArray(walls.userId, ids), inArray(sql`lower(${walls.email})`, emails)))
      : undefined;
  const own = members.length ? inArray(walls.partnerId, members) : undefined;
  const visible = [own, contactWalls].filter((c) => c !== undefined);
  if (visible.length === 0) return null;
  return and(eq(walls.coalitionId, coalitionId), or(...visible));
}

/**
 * One page of the roster this person may see (listWalls), in its order (person, newest start,
 * newest entry), keyset-paged (DESIGN.md "Scale") with the total counted in SQL; `q` keeps the
 * entries whose person's name or email contains it.
 */
export function pageWalls(db: Db, viewer: Principal, input: { coalitionId: number; today: string; q?: string | null; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const visible = visibleWalls(db, viewer, input.coalitionId);
  if (!visible) return { rows: [] as ReturnType<typeof present>[], prev: null, next: null, total: 0 };
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 3 && typeof k[0] === "string" && typeof k[1] === "string" && typeof k[2] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = and(visible, q ? sql`(instr(lower(${walls.personName}), ${q}) > 0 or instr(lower(coalesce(${walls.email}, '')), ${q}) > 0)` : undefined);
  let keyCond;
  if (cursor) {
    const [name, start, id] = cursor.key as [string, string, number];
    keyCond = backwards
      ? sql`(${walls.personName} < ${name} or (${walls.personName} = ${name} and (${walls.startDate} > ${start} or (${walls.startDate} = ${start} and ${walls.id} > ${id}))))`
      : sql`(${walls.personName} > ${name} or (${walls.personName} = ${name} and (${walls.startDate} < ${start} or (${walls.startDate} = ${start} and ${walls.id} < ${id}))))`;
  }
  const fetched = db
    .select({ wall: walls, raceOffice: races.office, raceState: races.state, raceDistrict: races.district, partnerShortName: partners.shortName })
    .from(walls)
    .leftJoin(races, eq(races.id, walls.raceId))
    .leftJoin(partners, eq(partners.id, walls.partnerId))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(walls.personName), asc(walls.startDate), asc(walls.id)] : [asc(walls.personName), desc(walls.startDate), desc(walls.id)]))
    .limit(limit + 1)
    .all()
    .map((r) => ({ ...r.wall, raceOffice: r.raceOffice, raceState: r.raceState, raceDistrict: r.raceDistrict, partnerShortName: r.partnerShortName }));
  const page = keysetPage(fetched, limit, cursor, (w) => [w.personName, w.startDate, w.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(walls).where(where).get()?.n ?? 0;
  const { lookbackDays } = lengthsAt(db, input.coalitionId);
  return { rows: page.rows.map((w) => present(w, input.today, lookbackDays)), prev: page.prev, next: page.next, total };
}

/** One entry of the table's roster, or a 404. */
// every read takes the viewer; this one does not ask it yet (the route asks wall.manage for the entry's member)
export function getWall(db: Db, _viewer: Viewer, input: { coalitionId: number; wallId: number }): Wall {
  return wallRow(db, input.coalitionId, input.wallId);
}

function wallRow(db: Db, coalitionId: number, wallId: number): Wall {
  const w = db.select().from(walls).where(and(eq(walls.id, wallId), eq(walls.coalitionId, coalitionId))).get();
  if (!w) throw new NotFoundError("Wall entry");
  return w;
}

/** A person's entries that bar independent-side work in a race on a date (for a "Walled" badge). */
export function wallsForPerson(db: Db, coalitionId: number, person: { userId: number; email: string }, raceId: number | null, onDate: string) {
  const { lookbackDays } = lengthsAt(db, coalitionId);
  return db
    .select()
    .from(walls)
    .where(and(eq(walls.coalitionId, coalitionId), or(eq(walls.userId, person.userId), sql`lower(${walls.email}) = ${person.email.toLowerCase()}`)))
    .all()
    .filter((w) => (raceId === null || wallCoversRace(w, raceId)) && wallActiveOn(w, onDate, lookbackDays));
}

/** Adds an entry to a member's roster (rule F4), audited in the same transaction. */
export function addWall(db: Db, actor: Actor, coalitionId: number, input: WallInput, now: Date = new Date()): Result<{ wall: Wall }> {
  let person: { userId: number | null; name: string; email: string | null };
  if (input.userId !== null) {
    const p = memberPeople(db, "system", { partnerId: input.partnerId }).find((u) => u.id === input.userId);
    if (!p) return { ok: false, field: "userId", message: "Pick one of your member's people, or give a name and email." };
    person = { userId: p.id, name: p.name, email: p.email.toLowerCase() };
  } else {
    person = { userId: null, name: input.personName, email: input.email || null };
  }
  let race: { id: number; label: string } | null = null;
  if (input.reason === "candidate_service") {
    const r = db.select().from(races).where(and(eq(races.id, input.raceId ?? 0), eq(races.coalitionId, coalitionId))).get();
    if (!r) return { ok: false, field: "raceId", message: "Choose a race of this table." };
    race = { id: r.id, label: raceLabel(r) };
  }
  return db.transaction((tx) => {
    const wall = tx
      .insert(walls)
      .values({
        coalitionId,
        partnerId: input.partnerId,
        userId: person.userId,
        personName: person.name,
        email: person.email,
        reason: input.reason,
        raceId: race?.id ?? null,
        servedFor: input.servedFor,
        startDate: input.startDate,
        lastServiceDate: input.lastServiceDate,
        untilDate: null,
        evidence: input.evidence,
        contactId: null,
        createdBy: actor.id,
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    const span = `${input.startDate} to ${input.lastServiceDate ?? "now (still serving)"}`;
    appendAudit(
      tx,
      actor,
      {
        action: "firewall.wall_add",
        decision: "info",
        rule: "F4",
        partnerId: input.partnerId,
        raceId: race?.id ?? null,
        subjectType: "wall",
        subjectId: wall.id,
        detail:
          input.reason === "party_service"
            ? `${person.name}: party committee service (${input.servedFor}) ${span}; walls every race`
            : `${person.name}: candidate service in ${race!.label}${input.servedFor ? ` (${input.servedFor})` : ""} ${span}`,
      },
      now,
    );
    return { ok: true as const, wall };
  });
}

/** Ends an ongoing service entry by recording the last date of service (rule F4), audited. */
export function endWall(db: Db, actor: Actor, coalitionId: number, wallId: number, lastServiceDate: string, now: Date = new Date()): Result<{ wall: Wall }> {
  const w = wallRow(db, coalitionId, wallId);
  if (w.reason === "campaign_contact") return { ok: false, field: "lastServiceDate", message: "A wall made by a campaign contact lasts until the general election; it has no last date of service." };
  if (w.lastServiceDate !== null) return { ok: false, field: "lastServiceDate", message: `This entry already ended on ${w.lastServiceDate}.` };
  if (lastServiceDate < w.startDate) return { ok: false, field: "lastServiceDate", message: `The last date of service cannot be before the start (${w.startDate}).` };
  return db.transaction((tx) => {
    const wall = tx
      .update(walls)
      .set({ lastServiceDate })
      .where(and(eq(walls.id, w.id), isNull(walls.lastServiceDate)))
      .returning()
      .get();
    if (!wall) throw new NotFoundError("Wall entry");
    appendAudit(
      tx,
      actor,
      { action: "firewall.wall_end", decision: "info", rule: "F4", partnerId: w.partnerId, raceId: w.raceId, subjectType: "wall", subjectId: w.id, detail: `${w.personName}: last date of service ${lastServiceDate}` },
      now,
    );
    return { ok: true as const, wall };
  });
}

/** A campaign contact's wall (F3) lasts until the general election: no lookback applies to it. */
const CONTACT_WALLS_IGNORE_LOOKBACK = 0;

/**
 * The people of a table walled today by a campaign contact (F3), by user id and email, for
 * the "Walled" badge on the People page. Only contact walls: a member's own roster entries
 * are its counsel's to see.
 */
// every read takes the viewer; this one does not ask it yet
export function contactWalledToday(db: Db, _viewer: Viewer, input: { coalitionId: number; today: string }): { userIds: number[]; emails: string[] } {
  const found = db
    .select()
    .from(walls)
    .where(and(eq(walls.coalitionId, input.coalitionId), eq(walls.reason, "campaign_contact")))
    .all()
    .filter((w) => wallActiveOn(w, input.today, CONTACT_WALLS_IGNORE_LOOKBACK));
  return {
    userIds: [...new Set(found.map((w) => w.userId).filter((id): id is number => id !== null))],
    emails: [...new Set(found.map((w) => w.email?.toLowerCase()).filter((e): e is string => !!e))],
  };
}

/**
 * contactWalledToday for the people on one page only (the People list's "Walled" badge, F3):
 * the user ids among `userIds` and the emails among `emails` walled by a campaign contact today.
 */
export function contactWalledAmong(db: Db, viewer: Viewer, input: { coalitionId: number; today: string; userIds: number[]; emails: string[] }): Set<number | string> {
  const emails = [...new Set(input.emails.map((e) => e.toLowerCase()))];
  if (input.userIds.length === 0 && emails.length === 0) return new Set();
  const found = db
    .select()
    .from(walls)
    .where(
      and(
        eq(walls.coalitionId, input.coalitionId),
        eq(walls.reason, "campaign_contact"),
        or(input.userIds.length ? inArray(walls.userId, input.userIds) : sql`0`, emails.length ? inArray(sql`lower(${walls.email})`, emails) : sql`0`),
      ),
    )
    .all()
    .filter((w) => wallActiveOn(w, input.today, CONTACT_WALLS_IGNORE_LOOKBACK));
  const out = new Set<number | string>();
  for (const w of found) {
    if (w.userId !== null) out.add(w.userId);
    if (w.email) out.add(w.email.toLowerCase());
  }
  return out;
}
