/**
 * Support from outside the table (issue 17): organizations, unions, elected officials and local
 * groups that endorsed a candidate, with the public source and the date. Public information:
 * the facilitator and any seated member's representative add it (`outside.add`), the one who
 * added it or the facilitator changes or removes it (`outside.edit`, checked by the route on the
 * row's `addedBy`). Each write is one IMMEDIATE transaction with its audit row; a
 * representative's act asks rule F6 for its member.
 */
import type { Db } from "../../db/client";
import { outsideEndorsements, type OutsideEndorsement } from "../../db/schema";
import { and, eq } from "drizzle-orm";
import type { Actor, Viewer } from "~/domain/actor";
import { NotFoundError, type Result } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, readCursor, type Cursor } from "~/domain/keyset";
import { endorsedOnProblem, type OutsideSupportInput } from "~/domain/outside-support";
import { can, partnersOf } from "~/domain/permissions";
import type { OutsideSupporterKind } from "~/domain/vocabulary";
import { appendAudit } from "./audit.server";
import { q, qAll } from "./concerns.server";
import type { Tx } from "./meetings.server";
import { checkPolicyForAct } from "./policy-gate.server";
import { raceLabel } from "./races.server";

type Where = { coalitionId: number; candidateId: number };
type CandidateAt = { id: number; name: string; raceId: number; state: string };

function candidateAt(tx: Tx | Db, w: Where): CandidateAt | undefined {
  return q<CandidateAt>(tx, "select c.id, c.name, c.race_id as raceId, r.state from candidates c join races r on r.id = c.race_id where r.coalition_id = ? and c.id = ?", w.coalitionId, w.candidateId);
}

/** The partner's seat at this table, when one is named. */
function seated(tx: Tx | Db, coalitionId: number, partnerId: number): boolean {
  return q(tx, "select 1 as x from coalition_partners where coalition_id = ? and partner_id = ?", coalitionId, partnerId) !== undefined;
}

const detailOf = (c: { name: string }, d: { kind: string; name: string; endorsedOn: string }) => `${d.name} (${d.kind.replace("_", " ")}) for ${c.name}, ${d.endorsedOn}`;

/** Adds an outside endorsement to a candidate at this table. `today` bounds the date endorsed. */
export function addOutsideSupport(db: Db, actor: Actor, input: OutsideSupportInput & Where & { today: string }, now = new Date()): Result<{ support: OutsideEndorsement }> {
  const problem = endorsedOnProblem(input.endorsedOn, input.today);
  if (problem) return { ok: false, field: "endorsedOn", message: problem };
  return db.transaction(
    (tx) => {
      const c = candidateAt(tx, input);
      if (!c) throw new NotFoundError("Candidate");
      if (input.partnerId !== null) {
        if (!seated(tx, input.coalitionId, input.partnerId)) return { ok: false as const, field: "partnerId", message: "Choose a partner seated at this table." };
        // rule F6 on the act: a representative records it for its member, which asks the member's policy
        const f6 = checkPolicyForAct(tx, actor, { coalitionId: input.coalitionId, partnerId: input.partnerId, raceId: c.raceId, act: "outside_support", subjectType: "candidate", subjectId: c.id, now });
        if (!f6.ok) return f6;
      }
      const at = now.toISOString();
      const support = tx
        .insert(outsideEndorsements)
        .values({
          coalitionId: input.coalitionId,
          candidateId: c.id,
          raceId: c.raceId,
          state: c.state,
          kind: input.kind,
          name: input.name,
          sourceUrl: input.sourceUrl,
          endorsedOn: input.endorsedOn,
          note: input.note,
          partnerId: input.partnerId,
          addedBy: actor.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
        .get();
      appendAudit(tx, actor, { action: "outside.add", decision: "info", partnerId: input.partnerId, raceId: c.raceId, subjectType: "outside_endorsement", subjectId: support.id, detail: detailOf(c, input) }, now);
      return { ok: true as const, support };
    },
    { behavior: "immediate" },
  );
}

/** One outside endorsement of this candidate at this table (404 otherwise): the route checks `outside.edit` on its `addedBy`. */
// every read takes the viewer; outside support is public
export function getOutsideSupport(db: Db, _viewer: Viewer, input: Where & { outsideId: number }): OutsideEndorsement {
  const row = db
    .select()
    .from(outsideEndorsements)
    .where(and(eq(outsideEndorsements.id, input.outsideId), eq(outsideEndorsements.coalitionId, input.coalitionId), eq(outsideEndorsements.candidateId, input.candidateId)))
    .get();
  if (!row) throw new NotFoundError("Endorsement");
  return row;
}

/**
 * The endorsement a change or removal is about, with its candidate (404 when not this
 * candidate's at this table); for one added for a member, rule F6 asks that member's policy of
 * the person acting, in the write's transaction.
 */
function rowForWrite(tx: Tx, actor: Actor, input: Where & { outsideId: number }, now: Date) {
  const c = candidateAt(tx, input);
  const row = c && tx.select().from(outsideEndorsements).where(and(eq(outsideEndorsements.id, input.outsideId), eq(outsideEndorsements.candidateId, c.id))).get();
  if (!c || !row) throw new NotFoundError("Endorsement");
  if (row.partnerId !== null) {
    const f6 = checkPolicyForAct(tx, actor, { coalitionId: input.coalitionId, partnerId: row.partnerId, raceId: c.raceId, act: "outside_support", subjectType: "candidate", subjectId: c.id, now });
    if (!f6.ok) return f6;
  }
  return { ok: true as const, c, row };
}

/** Changes an outside endorsement in place (its adder and partner stay); audited. */
export function updateOutsideSupport(db: Db, actor: Actor, input: Omit<OutsideSupportInput, "partnerId"> & Where & { outsideId: number; today: string }, now = new Date()): Result<{ support: OutsideEndorsement }> {
  const problem = endorsedOnProblem(input.endorsedOn, input.today);
  if (problem) return { ok: false, field: "endorsedOn", message: problem };
  return db.transaction(
    (tx) => {
      const found = rowForWrite(tx, actor, input, now);
      if (!found.ok) return found;
      const { c, row } = found;
      const support = tx
        .update(outsideEndorsements)
        .set({ kind: input.kind, name: input.name, sourceUrl: input.sourceUrl, endorsedOn: input.endorsedOn, note: input.note, updatedAt: now.toISOString() })
        .where(eq(outsideEndorsements.id, row.id))
        .returning()
        .get();
      appendAudit(tx, actor, { action: "outside.edit", decision: "info", partnerId: row.partnerId, raceId: c.raceId, subjectType: "outside_endorsement", subjectId: row.id, detail: detailOf(c, input) }, now);
      return { ok: true as const, support };
    },
    { behavior: "immediate" },
  );
}

export function removeOutsideSupport(db: Db, actor: Actor, input: Where & { outsideId: number }, now = new Date()): Result<object> {
  return db.transaction(
    (tx) => {
      const found = rowForWrite(tx, actor, input, now);
      if (!found.ok) return found;
      const { c, row } = found;
      tx.delete(outsideEndorsements).where(eq(outsideEndorsements.id, row.id)).run();
      appendAudit(tx, actor, { action: "outside.remove", decision: "info", partnerId: row.partnerId, raceId: c.raceId, subjectType: "outside_endorsement", subjectId: row.id, detail: detailOf(c, row) }, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

export type OutsideRow = {
  id: number;
  kind: OutsideSupporterKind;
  name: string;
  sourceUrl: string;
  endorsedOn: string;
  note: string | null;
  partnerShortName: string | null;
  addedBy: number;
  addedByName: string | null;
};

/** A candidate's outside support, most recent endorsement first, keyset-paged by (endorsed_on, id), with the total. */
// every read takes the viewer; outside support is public
export function listOutsideSupport(db: Db, _viewer: Viewer, input: Where & { cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const seek = cursor ? ` and (o.endorsed_on, o.id) ${back ? ">" : "<"} (?, ?)` : "";
  const fetched = qAll<OutsideRow>(
    db,
    `select o.id, o.kind, o.name, o.source_url as sourceUrl, o.endorsed_on as endorsedOn, o.note, p.short_name as partnerShortName, o.added_by as addedBy, u.name as addedByName
     from outside_endorsements o left join partners p on p.id = o.partner_id left join users u on u.id = o.added_by
     where o.candidate_id = ? and o.coalition_id = ?${seek} order by o.endorsed_on ${back ? "asc" : "desc"}, o.id ${back ? "asc" : "desc"} limit ?`,
    input.candidateId,
    input.coalitionId,
    ...(cursor ? cursor.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, cursor, (r) => [r.endorsedOn, r.id]);
  const total = q<{ n: number }>(db, "select count(*) as n from outside_endorsements where candidate_id = ? and coalition_id = ?", input.candidateId, input.coalitionId)?.n ?? 0;
  return { ...page, total };
}

/** How many outside endorsements each candidate of a race has: one grouped statement by the race index. */
// every read takes the viewer; counts of public support
export function outsideCountsOfRace(db: Db, _viewer: Viewer, input: { raceId: number }): Record<number, number> {
  const rows = qAll<{ candidateId: number; n: number }>(db, "select candidate_id as candidateId, count(*) as n from outside_endorsements where race_id = ? group by candidate_id", input.raceId);
  return Object.fromEntries(rows.map((r) => [r.candidateId, r.n]));
}

/** The partners this person may add outside support for (its representatives' seated ones); neutral staff add for none. */
export function outsidePartners(db: Db, viewer: Viewer, input: { coalitionId: number }): { id: number; shortName: string; name: string }[] {
  if (viewer === "system" || can(viewer, { action: "table.manage", coalitionId: input.coalitionId }).ok) return [];
  const ids = partnersOf(viewer).filter((partnerId) => can(viewer, { action: "capacity.keep", coalitionId: input.coalitionId, partnerId }).ok);
  if (ids.length === 0) return [];
  return qAll(db, `select p.id, p.short_name as shortName, p.name from partners p where p.id in (${ids.map(() => "?").join(",")}) order by p.short_name`, ...ids);
}

export type RaceSupportRow = { raceId: number; state: string; label: string; total: number; byKind: Partial<Record<OutsideSupporterKind, number>>; candidates: { id: number; name: string; total: number; byKind: Partial<Record<OutsideSupporterKind, number>> }[] };

/**
 * The table-wide view, per race: each race with outside support (filtered by kind and state),
 * by state then race, keyset-paged by (state, race id); for the page's races, each candidate's
 * count by kind. Three statements whatever the data: the page of races, its candidates, the total.
 */
// every read takes the viewer; outside support is public
export function outsideSupportByRace(db: Db, _viewer: Viewer, input: { coalitionId: number; kind: OutsideSupporterKind | null; state: string | null; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const parts = ["o.coalition_id = ?"];
  const params: unknown[] = [input.coalitionId];
  if (input.kind) (parts.push("o.kind = ?"), params.push(input.kind));
  if (input.state) (parts.push("o.state = ?"), params.push(input.state));
  const where = parts.join(" and ");
  const seek = cursor ? ` and (o.state, o.race_id) ${back ? "<" : ">"} (?, ?)` : "";
  const dir = back ? "desc" : "asc";
  const fetched = qAll<{ raceId: number; state: string; total: number; office: string; district: string | null; chamber: string | null; locality: string | null; seatKind: string | null }>(
    db,
    `select g.raceId, g.state, g.total, r.office, r.district, r.chamber, r.locality, r.seat_kind as seatKind from
       (select o.race_id as raceId, o.state as state, count(*) as total from outside_endorsements o where ${where}${seek}
        group by o.state, o.race_id order by o.state ${dir}, o.race_id ${dir} limit ?) g
     join races r on r.id = g.raceId order by g.state ${dir}, g.raceId ${dir}`,
    ...params,
    ...(cursor ? cursor.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, cursor, (r) => [r.state, r.raceId]);
  const raceIds = page.rows.map((r) => r.raceId);
  const byCandidate = raceIds.length
    ? qAll<{ raceId: number; candidateId: number; name: string; kind: OutsideSupporterKind; n: number }>(
        db,
        `select o.race_id as raceId, o.candidate_id as candidateId, c.name, o.kind, count(*) as n from outside_endorsements o join candidates c on c.id = o.candidate_id
         where o.race_id in (${raceIds.map(() => "?").join(",")})${input.kind ? " and o.kind = ?" : ""} group by o.race_id, o.candidate_id, o.kind order by c.name, o.candidate_id`,
        ...raceIds,
        ...(input.kind ? [input.kind] : []),
      )
    : [];
  const total = q<{ n: number }>(db, `select count(*) as n from (select 1 from outside_endorsements o where ${where} group by o.state, o.race_id)`, ...params)?.n ?? 0;
  const rows: RaceSupportRow[] = page.rows.map((r) => {
    const candidates = new Map<number, RaceSupportRow["candidates"][number]>();
    const byKind: RaceSupportRow["byKind"] = {};
    for (const x of byCandidate.filter((x) => x.raceId === r.raceId)) {
      const c = candidates.get(x.candidateId) ?? { id: x.candidateId, name: x.name, total: 0, byKind: {} };
      c.byKind[x.kind] = x.n;
      c.total += x.n;
      candidates.set(x.candidateId, c);
      byKind[x.kind] = (byKind[x.kind] ?? 0) + x.n;
    }
    return { raceId: r.raceId, state: r.state, label: raceLabel(r as never), total: r.total, byKind, candidates: [...candidates.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)) };
  });
  return { rows, total, next: page.next, prev: page.prev };
}

/**
 * What the candidate page shows of its outside support: a page of it (`outside=`), whether this
 * person may add, for which partners, each row's change/remove right, and the row chosen to
 * change (`outside-edit=`, when this person may). Three statements, four when changing one.
 */
export function outsideOnCandidatePage(db: Db, viewer: Viewer, input: Where & { url: URL }) {
  const page = listOutsideSupport(db, viewer, { ...input, cursor: readCursor(input.url, "outside") });
  const person = viewer === "system" ? null : viewer;
  const mayEdit = (addedBy: number) => person !== null && can(person, { action: "outside.edit", coalitionId: input.coalitionId, addedBy }).ok;
  const editId = Number(input.url.searchParams.get("outside-edit"));
  let editing: (Pick<OutsideEndorsement, "id" | "kind" | "name" | "sourceUrl" | "endorsedOn" | "note">) | null = null;
  if (Number.isInteger(editId) && editId > 0) {
    const row = db.select().from(outsideEndorsements).where(and(eq(outsideEndorsements.id, editId), eq(outsideEndorsements.candidateId, input.candidateId), eq(outsideEndorsements.coalitionId, input.coalitionId))).get();
    if (row && mayEdit(row.addedBy)) editing = { id: row.id, kind: row.kind, name: row.name, sourceUrl: row.sourceUrl, endorsedOn: row.endorsedOn, note: row.note };
  }
  return {
    outside: { ...page, rows: page.rows.map(({ addedBy, ...r }) => ({ ...r, canEdit: mayEdit(addedBy) })) },
    canAddOutside: person !== null && can(person, { action: "outside.add", coalitionId: input.coalitionId }).ok,
    outsidePartners: outsidePartners(db, viewer, input),
    outsideEditing: editing,
  };
}
