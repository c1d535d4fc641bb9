import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import type { Db } from "../../db/client";
import { campaignContactAttendees, campaignContacts, candidates, races, users, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { ContactInput } from "~/domain/firewall-forms";
import { appendAudit } from "./audit.server";
import { tablePeopleChoices } from "./people.server";
import type { Result } from "~/domain/errors";
import { campaignInfoGate, logWithheld, type Viewer } from "./firewall.server";
import { RACE_PLACE, raceLabel } from "./races.server";

/**
 * Rule F3: the campaign contact log. A contact where the campaign's plans or needs were
 * discussed walls each person present from independent-side work in that race until the
 * general election; the walls are written in the contact's own transaction.
 */

/**
 * The people holding roles at this table, one row each, for the attendee checkboxes: bounded
 * (DESIGN.md "Scale"), the first PEOPLE_CHOICE_LIMIT by name, or those matching the search `q`.
 */
export function contactPeople(db: Db, viewer: Viewer, input: { coalitionId: number; q?: string | null }) {
  return tablePeopleChoices(db, viewer, input);
}

/** How many races (and their candidates) the contact form and filter offer before asking for a state. */
export const CONTACT_RACE_CHOICES = 100;

/**
 * The races and candidates the contact form offers, bounded (DESIGN.md "Scale"): those of the
 * state chosen, or all of them when the table has at most CONTACT_RACE_CHOICES races;
 * otherwise none, and `needState` says to choose a state first.
 */
// every read takes the viewer; a race's office and place and a candidate's name are public
export function contactChoices(db: Db, _viewer: Viewer, input: { coalitionId: number; state?: string | null }) {
  const inTable = and(eq(races.coalitionId, input.coalitionId), input.state ? eq(races.state, input.state) : undefined);
  const raceRows = db
    .select({ id: races.id, ...RACE_PLACE })
    .from(races)
    .where(inTable)
    .orderBy(asc(races.state), asc(races.district), asc(races.office), asc(races.id))
    .limit(CONTACT_RACE_CHOICES + 1)
    .all();
  if (raceRows.length > CONTACT_RACE_CHOICES) return { races: [], candidates: [], needState: true };
  const candidateRows = raceRows.length
    ? db
        .select({ id: candidates.id, name: candidates.name, race: races })
        .from(candidates)
        .innerJoin(races, eq(races.id, candidates.raceId))
        .where(inTable)
        .orderBy(asc(races.state), asc(races.district), asc(candidates.name))
        .all()
    : [];
  return {
    races: raceRows.map((r) => ({ value: r.id, label: raceLabel(r) })),
    candidates: candidateRows.map((c) => ({ id: c.id, label: `${c.name} (${raceLabel(c.race)})` })),
    needState: false,
  };
}

/**
 * The table's contacts, newest first, optionally in one race, with who was present. The
 * notes are what the campaign said beyond the topic: campaign information (rule F2), so they
 * are withheld from a viewer on the independent side of the contact's race, and logged.
 */
export function listContacts(
  db: Db,
  viewer: Viewer,
  input: { coalitionId: number; raceId?: number | null; state?: string | null; cursor?: Cursor | null; limit?: number },
) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const where = and(
    eq(campaignContacts.coalitionId, input.coalitionId),
    input.raceId ? eq(campaignContacts.raceId, input.raceId) : undefined,
    input.state ? eq(races.state, input.state) : undefined,
  );
  // newest first: a `before` cursor reads the newer rows, oldest of them first
  const key = sql`(${campaignContacts.contactDate}, ${campaignContacts.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} > (${cursor.key[0]}, ${cursor.key[1]})` : sql`${key} < (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const fetched = db
    .select({ contact: campaignContacts, race: races, candidateName: candidates.name, recordedByName: users.name })
    .from(campaignContacts)
    .innerJoin(races, eq(races.id, campaignContacts.raceId))
    .leftJoin(candidates, eq(candidates.id, campaignContacts.candidateId))
    .innerJoin(users, eq(users.id, campaignContacts.recordedBy))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [asc(campaignContacts.contactDate), asc(campaignContacts.id)] : [desc(campaignContacts.contactDate), desc(campaignContacts.id)]))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (r) => [r.contact.contactDate, r.contact.id]);
  const rows = page.rows;
  const total = db.select({ n: sql<number>`count(*)` }).from(campaignContacts).innerJoin(races, eq(races.id, campaignContacts.raceId)).where(where).get()?.n ?? 0;
  const ids = rows.map((r) => r.contact.id);
  const attendees = ids.length
    ? db.select().from(campaignContactAttendees).where(inArray(campaignContactAttendees.contactId, ids)).orderBy(asc(campaignContactAttendees.name)).all()
    : [];
  const allowed = campaignInfoGate(db, viewer);
  const withheldByRace = new Map<number, number>();
  const contacts = rows.map(({ contact, race, candidateName, recordedByName }) => {
    const hide = !allowed(race.id) && contact.notes !== "";
    if (hide) withheldByRace.set(race.id, (withheldByRace.get(race.id) ?? 0) + 1);
    return {
      id: contact.id,
      raceId: race.id,
      raceLabel: raceLabel(race),
      generalDate: race.generalDate,
      candidateName,
      contactDate: contact.contactDate,
      topic: contact.topic,
      plansOrNeeds: contact.plansOrNeeds,
      campaignPeople: contact.campaignPeople,
      notes: hide ? null : contact.notes,
      notesWithheld: hide,
      recordedByName,
      attendees: attendees.filter((a) => a.contactId === contact.id).map((a) => ({ name: a.name, userId: a.userId })), // names only: the log is read table-wide
    };
  });
  let withheld = 0;
  for (const [raceId, n] of withheldByRace) {
    logWithheld(db, viewer, raceId, "notes of campaign contacts", n);
    withheld += n;
  }
  return { contacts, withheld, total, prev: page.prev, next: page.next };
}

/**
 * Records a contact (rule F3). With plans or needs, every person present gets a wall entry
 * for the race from the contact's date until the race's general election. The contact, its
 * attendees, the walls and the audit row land together or not at all.
 */
export function recordContact(db: Db, actor: Actor, coalitionId: number, input: ContactInput, now: Date = new Date()): Result<{ contactId: number; walled: number }> {
  const race = db.select().from(races).where(and(eq(races.id, input.raceId), eq(races.coalitionId, coalitionId))).get();
  if (!race) return { ok: false, field: "raceId", message: "Choose a race of this table." };
  if (input.candidateId !== null) {
    const c = db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.id, input.candidateId), eq(candidates.raceId, race.id))).get();
    if (!c) return { ok: false, field: "candidateId", message: "Choose a candidate running in this race, or none." };
  }
  const people = new Map(tablePeopleChoices(db, "system", { coalitionId, userIds: [...new Set(input.attendeeUserIds)] }).people.map((p) => [p.id, p]));
  const ticked = input.attendeeUserIds.map((id) => people.get(id));
  if (ticked.some((p) => p === undefined)) return { ok: false, field: "attendees", message: "Tick only people who hold a role at this table." };
  if (ticked.length + input.others.length === 0) return { ok: false, field: "attendees", message: "A contact needs at least one attendee." };

  // Other attendees who have an account are tied to it, so the wall finds them by id too.
  const known = input.others.length
    ? new Map(
        db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(inArray(users.email, input.others.map((o) => o.email)))
          .all()
          .map((u) => [u.email.toLowerCase(), u.id]),
      )
    : new Map<string, number>();
  const present: { userId: number | null; name: string; email: string }[] = ticked.map((p) => ({ userId: p!.id, name: p!.name, email: p!.email.toLowerCase() }));
  for (const o of input.others) {
    const userId = known.get(o.email) ?? null;
    if (present.some((p) => p.email === o.email || (userId !== null && p.userId === userId))) continue;
    present.push({ userId, name: o.name, email: o.email });
  }

  const at = now.toISOString();
  return db.transaction((tx) => {
    const contact = tx
      .insert(campaignContacts)
      .values({
        coalitionId,
        raceId: race.id,
        candidateId: input.candidateId,
        contactDate: input.contactDate,
        topic: input.topic,
        plansOrNeeds: input.plansOrNeeds,
        campaignPeople: input.campaignPeople,
        notes: input.notes,
        recordedBy: actor.id,
        createdAt: at,
      })
      .returning()
      .get();
    tx.insert(campaignContactAttendees)
      .values(present.map((p) => ({ contactId: contact.id, userId: p.userId, name: p.name, email: p.email })))
      .run();
    if (input.plansOrNeeds) {
      tx.insert(walls)
        .values(
          present.map((p) => ({
            coalitionId,
            partnerId: null,
            userId: p.userId,
            personName: p.name,
            email: p.email,
            reason: "campaign_contact" as const,
            raceId: race.id,
            servedFor: `Campaign contact: ${input.topic}`.slice(0, 200),
            startDate: input.contactDate,
            lastServiceDate: null,
            untilDate: race.generalDate,
            evidence: `Contact #${contact.id} on ${input.contactDate}, recorded by ${actor.name}`,
            contactId: contact.id,
            createdBy: actor.id,
            createdAt: at,
          })),
        )
        .run();
    }
    appendAudit(
      tx,
      actor,
      {
        action: "firewall.campaign_contact",
        decision: "info",
        rule: "F3",
        raceId: race.id,
        subjectType: "campaign_contact",
        subjectId: contact.id,
        detail: input.plansOrNeeds
          ? `contact on ${input.contactDate} with plans or needs: ${present.length} walled from independent-side work in ${raceLabel(race)} until ${race.generalDate} (${present.map((p) => p.name).join(", ")})`
          : `contact on ${input.contactDate} without plans or needs: no one walled (${present.map((p) => p.name).join(", ")})`,
      },
      now,
    );
    return { ok: true as const, contactId: contact.id, walled: input.plansOrNeeds ? present.length : 0 };
  });
}
