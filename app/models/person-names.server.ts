import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, people, personNames, races } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { NotFoundError, refuse, type Result } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, type Cursor, type KeysetPage } from "~/domain/keyset";
import { can } from "~/domain/permissions";
import { MIN_SEARCH } from "~/domain/results";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * A person under another name (issue 16): people keep the other names they ran under or go by
 * (a maiden name, "Bob" for "Robert"), and the person search finds a candidacy by the start of
 * any of them, its own name or one of its person's, in any case, a page at a time (keyset over
 * the matched name, by the lower(name) indexes of candidacies and other names).
 */


export type PersonMatch = {
  candidateId: number;
  name: string;
  /** The name that matched: the candidacy's own, or another name of its person. */
  matchedName: string;
  viaOtherName: boolean;
  personId: number | null;
  coalitionId: number;
  coalitionName: string;
  cycle: number;
  raceLabel: string;
  primaryDate: string;
};

type Me = { id: number; personId: number | null; name: string; raceId: number };

function me(db: Pick<Db, "select">, coalitionId: number, candidateId: number): Me {
  const row = db
    .select({ id: candidates.id, personId: candidates.personId, name: candidates.name, raceId: candidates.raceId })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(and(eq(candidates.id, candidateId), eq(races.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Candidate");
  return row;
}

/** The tables a viewer may see (a handful per instance): the search stays within them, in SQL. */
function visibleTables(db: Db, viewer: Viewer): number[] {
  const ids = (db.$client.prepare("select id from coalitions order by id").all() as { id: number }[]).map((r) => r.id);
  return viewer === "system" ? ids : ids.filter((coalitionId) => can(viewer, { action: "table.view", coalitionId }).ok);
}

/**
 * Candidacies in other races whose name, or whose person's other name, starts with `q` (any
 * case), at tables the viewer may see, not already this candidacy's person; keyset-paged by
 * the matched name, then the candidacy. Three statements whatever the data.
 */
export function searchPeople(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number; q: string; cursor?: Cursor | null; limit?: number }): KeysetPage<PersonMatch> & { q: string } {
  const self = me(db, input.coalitionId, input.candidateId);
  const q = input.q.trim().toLowerCase().replace(/\s+/g, " ");
  if (q.length < MIN_SEARCH) return { rows: [], next: null, prev: null, q };
  const tables = visibleTables(db, viewer);
  if (tables.length === 0) return { rows: [], next: null, prev: null, q };
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const dir = back ? "desc" : "asc";
  const inTables = `r.coalition_id in (${tables.map(() => "?").join(",")})`;
  const notMine = `c.race_id <> @race and (@person is null or c.person_id is null or c.person_id <> @person)`;
  const rows = db.$client
    .prepare(
      `select * from (
         select lower(c.name) as k, c.id as candidateId, c.name, c.name as matchedName, 0 as viaOtherName, c.person_id as personId
           from candidates c join races r on r.id = c.race_id
           where lower(c.name) >= @q and lower(c.name) < @qEnd and ${inTables} and ${notMine}
         union all
         select lower(pn.name) as k, c.id, c.name, pn.name, 1, c.person_id
           from person_names pn join candidates c on c.person_id = pn.person_id join races r on r.id = c.race_id
           where lower(pn.name) >= @q and lower(pn.name) < @qEnd and ${inTables} and ${notMine}
             and not (lower(c.name) >= @q and lower(c.name) < @qEnd)
       ) m
       ${cursor ? `where (m.k, m.candidateId) ${back ? "<" : ">"} (@ck, @cid)` : ""}
       order by m.k ${dir}, m.candidateId ${dir} limit @n`,
    )
    .all(...tables, ...tables, { q, qEnd: `${q}\u{10FFFF}`, race: self.raceId, person: self.personId, ck: cursor?.key[0] ?? null, cid: cursor?.key[1] ?? null, n: limit + 1 }) as (Omit<
    PersonMatch,
    "coalitionId" | "coalitionName" | "cycle" | "raceLabel" | "primaryDate" | "viaOtherName"
  > & { k: string; viaOtherName: 0 | 1 })[];
  const page = keysetPage(rows, limit, cursor, (r) => [r.k, r.candidateId]);
  // the page's races and tables, in one statement
  const ids = page.rows.map((r) => r.candidateId);
  const places = new Map(
    (ids.length
      ? (db.$client
          .prepare(
            `select c.id, co.id as coalitionId, co.name as coalitionName, co.cycle, r.office, r.state, r.district, r.chamber, r.locality, r.seat_kind as seatKind, r.primary_date as primaryDate
             from candidates c join races r on r.id = c.race_id join coalitions co on co.id = r.coalition_id where c.id in (${ids.map(() => "?").join(",")})`,
          )
          .all(...ids) as ({ id: number; coalitionId: number; coalitionName: string; cycle: number; primaryDate: string } & Parameters<typeof raceLabel>[0])[])
      : []
    ).map((p) => [p.id, p]),
  );
  return {
    q,
    next: page.next,
    prev: page.prev,
    rows: page.rows.map(({ k: _k, viaOtherName, ...r }) => {
      const p = places.get(r.candidateId)!;
      return { ...r, viaOtherName: viaOtherName === 1, coalitionId: p.coalitionId, coalitionName: p.coalitionName, cycle: p.cycle, raceLabel: raceLabel(p), primaryDate: p.primaryDate };
    }),
  };
}

/** The other names of the person behind a candidacy (none before it is linked to a person or given one). */
export function otherNames(db: Db, _viewer: Viewer, input: { coalitionId: number; candidateId: number }): { id: number; name: string }[] {
  const self = me(db, input.coalitionId, input.candidateId);
  if (self.personId === null) return [];
  return db.select({ id: personNames.id, name: personNames.name }).from(personNames).where(eq(personNames.personId, self.personId)).orderBy(sql`lower(${personNames.name})`).limit(50).all();
}

/** Adds another name to the candidacy's person (made for it if it has none yet); one IMMEDIATE transaction, audited. */
export function addOtherName(db: Db, actor: Actor, input: { coalitionId: number; candidateId: number; name: string }, now: Date = new Date()): Result<{ personId: number }> {
  return db.transaction(
    (tx): Result<{ personId: number }> => {
      const self = me(tx, input.coalitionId, input.candidateId);
      const name = input.name.trim().replace(/\s+/g, " ");
      if (name.toLowerCase() === self.name.toLowerCase()) return refuse("name", "That is the name this candidacy runs under already.");
      const personId = self.personId ?? tx.insert(people).values({ name: self.name }).returning({ id: people.id }).get().id;
      if (self.personId === null) tx.update(candidates).set({ personId }).where(eq(candidates.id, self.id)).run();
      const dup = tx
        .select({ id: personNames.id })
        .from(personNames)
        .where(and(eq(personNames.personId, personId), sql`lower(${personNames.name}) = ${name.toLowerCase()}`))
        .get();
      if (dup) return refuse("name", "This person already has that name.");
      tx.insert(personNames).values({ personId, name, createdBy: actor.id, createdAt: now.toISOString() }).run();
      appendAudit(tx, actor, { action: "person.add_name", decision: "info", subjectType: "candidate", subjectId: self.id, detail: `another name of person ${personId}` }, now);
      return { ok: true, personId };
    },
    { behavior: "immediate" },
  );
}

/** Removes another name of the candidacy's person; audited. */
export function removeOtherName(db: Db, actor: Actor, input: { coalitionId: number; candidateId: number; nameId: number }, now: Date = new Date()): Result<object> {
  return db.transaction(
    (tx): Result<object> => {
      const self = me(tx, input.coalitionId, input.candidateId);
      const row = self.personId === null ? undefined : tx.select().from(personNames).where(and(eq(personNames.id, input.nameId), eq(personNames.personId, self.personId))).get();
      if (!row) throw new NotFoundError("Name");
      tx.delete(personNames).where(eq(personNames.id, row.id)).run();
      appendAudit(tx, actor, { action: "person.remove_name", decision: "info", subjectType: "candidate", subjectId: self.id, detail: `another name of person ${row.personId}` }, now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
