import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, programLinks, races, shiftLinks, shifts } from "../../db/schema";
import type { Viewer } from "~/domain/actor";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { keysetPage, type Cursor } from "~/domain/keyset";
import { can } from "~/domain/permissions";
import { publicPlace } from "~/domain/public-shift-forms";
import { formatDay, formatTimeSpan } from "~/domain/event-page";
import { affiliateRefs, shiftQuery, shiftViews, type Tx } from "./shift-rows.server";

/**
 * A program's public event page (issue 14), Mobilize-style: its upcoming published shifts as
 * timeslots grouped by day in the race's zone, each linking to that shift's public page. The
 * link says who recruits: an affiliate's event link leads to that affiliate's share link of each
 * shift (its sign-ups are credited to it); the plain one to each shift's plain link (its host).
 * What a stranger sees is each shift's own logistics, as on the shift's page: never the
 * program's name, notes, turf, volunteers, walls or a meeting link.
 */

const token = () => randomBytes(18).toString("base64url");

/** Makes the event links a program lacks: `affiliateIds`, 0 for the plain link. Inside the publishing transaction. */
export function ensureEventLinks(tx: Tx, programId: number, affiliateIds: readonly number[], now: Date = new Date()): void {
  const have = new Set(tx.select({ a: programLinks.affiliateId }).from(programLinks).where(eq(programLinks.programId, programId)).all().map((l) => l.a ?? 0));
  for (const id of new Set(affiliateIds)) {
    if (!have.has(id)) tx.insert(programLinks).values({ programId, affiliateId: id || null, token: token(), createdAt: now.toISOString() }).run();
  }
}

export type EventLink = { affiliateId: number | null; name: string; token: string };

/**
 * The event page's links this person may hand out, as the shift share links: all of them for
 * whoever manages the program (the facilitator, the sub-table's representatives); each
 * affiliate's own to the people who recruit for it (signup.create), with the plain link.
 */
export function eventLinks(db: Db, viewer: Viewer, { coalitionId, programId, members }: { coalitionId: number; programId: number; members: readonly number[] }): EventLink[] {
  const rows = db.select().from(programLinks).where(eq(programLinks.programId, programId)).orderBy(programLinks.id).all();
  const refs = affiliateRefs(db, rows.map((r) => r.affiliateId).filter((a): a is number => a !== null), { always: true });
  const all = viewer === "system" || can(viewer, { action: "program.manage", coalitionId, memberPartnerIds: members }).ok;
  const mine = rows.filter((r) => {
    if (all) return true;
    const a = r.affiliateId === null ? null : refs.get(r.affiliateId);
    return !!a && can(viewer as Exclude<Viewer, "system">, { action: "signup.create", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok;
  });
  const plain = rows.find((r) => r.affiliateId === null);
  const shown = all || mine.length === 0 || !plain ? mine : [plain, ...mine];
  return shown.map((r) => ({ affiliateId: r.affiliateId, name: r.affiliateId === null ? "Plain link (each shift credits its host)" : refs.get(r.affiliateId)!.name, token: r.token }));
}

export type EventSlot = {
  shiftId: number;
  workLabel: string;
  title: string | null;
  time: string;
  place: string | null;
  hosts: string[];
  placesLeft: number;
  /** The shift's public page through the right share link; null if the shift has none for this recruiter. */
  shareToken: string | null;
};

export type EventDay = { day: string; label: string; slots: EventSlot[] };

export type EventPage = { invitedBy: string | null; timeZone: string; days: EventDay[]; total: number; shown: number; prev: string | null; next: string | null };

/**
 * The event page of a link, or null (unknown token): a 404. A constant number of statements
 * whatever the program's size: the link, the program's zone, the page of shifts (keyset on
 * start and id, never OFFSET), their count, the batched decoration, their share links.
 */
export function eventPage(db: Db, _viewer: Viewer, { eventToken, cursor, size, now = new Date() }: { eventToken: string; cursor: Cursor | null; size: number; now?: Date }): EventPage | null {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(eventToken)) return null;
  const link = db.select().from(programLinks).where(eq(programLinks.token, eventToken)).get();
  if (!link) return null;
  const program = db.select({ timeZone: races.timeZone }).from(canvassPrograms).innerJoin(races, eq(races.id, canvassPrograms.raceId)).where(eq(canvassPrograms.id, link.programId)).get();
  if (!program) return null;
  const recruiter = affiliateRefs(db, link.affiliateId === null ? [] : [link.affiliateId], { always: true }).get(link.affiliateId ?? 0) ?? null;
  const where = and(eq(shifts.programId, link.programId), isNotNull(shifts.publishedAt), isNull(shifts.cancelledAt), eq(shifts.hostKind, "affiliate"), gt(shifts.startsAt, now.toISOString()));
  const backwards = cursor?.dir === "before";
  const key = sql`(${shifts.startsAt}, ${shifts.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const fetched = shiftQuery(db)
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(shifts.startsAt), desc(shifts.id)] : [asc(shifts.startsAt), asc(shifts.id)]))
    .limit(size + 1)
    .all();
  const page = keysetPage(fetched, size, cursor, (r) => [r.shift.startsAt, r.shift.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(shifts).where(where).get()?.n ?? 0;
  const views = shiftViews(db, page.rows);
  const ids = views.map((v) => v.id);
  // the recruiter's share link of each shift, else its plain link (an affiliate that joined after the shift was published)
  const links = db
    .select()
    .from(shiftLinks)
    .where(and(inArray(shiftLinks.shiftId, ids), link.affiliateId === null ? isNull(shiftLinks.affiliateId) : or(isNull(shiftLinks.affiliateId), eq(shiftLinks.affiliateId, link.affiliateId))))
    .all();
  const tokenOf = (shiftId: number) => {
    const mine = links.filter((l) => l.shiftId === shiftId);
    return (mine.find((l) => l.affiliateId !== null) ?? mine[0])?.token ?? null;
  };
  const days: EventDay[] = [];
  for (const v of views) {
    const slot: EventSlot = {
      shiftId: v.id,
      workLabel: WORK_TYPE_LABELS[v.workType],
      title: v.title,
      time: formatTimeSpan(v.startsAt, v.endsAt, v.timeZone),
      place: publicPlace(v),
      hosts: [v.host, ...v.coHosts].filter((a) => a !== null).map((a) => a.name),
      placesLeft: Math.max(0, v.seatsLeft),
      shareToken: tokenOf(v.id),
    };
    const last = days.at(-1);
    if (last?.day === v.localDate) last.slots.push(slot);
    else days.push({ day: v.localDate, label: formatDay(v.localDate), slots: [slot] });
  }
  return { invitedBy: recruiter?.name ?? null, timeZone: program.timeZone, days, total, shown: views.length, prev: page.prev, next: page.next };
}
