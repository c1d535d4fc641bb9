import { and, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, people, profileItems, profileRevisions, races } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { NotFoundError, refuse, type Result } from "~/domain/errors";
import { can } from "~/domain/permissions";
import type { ResultOutcome, Stance } from "~/domain/vocabulary";
import type { ElectionKind } from "~/domain/windows";
import { appendAudit } from "./audit.server";
import type { Viewer } from "./firewall.server";
import { raceLabel } from "./races.server";

/**
 * A candidate across cycles (issue 16): candidacies link to one person; the person's page
 * lists them, with each partner's stance, the sub-table and the results; a new profile can
 * start from the last one, copying only public and research items (rule F2: campaign items
 * never carry across races).
 */

const MAX_CANDIDACIES = 50;

export type Candidacy = {
  candidateId: number;
  name: string;
  party: string;
  coalitionId: number;
  coalitionName: string;
  cycle: number;
  raceId: number;
  raceLabel: string;
  primaryDate: string;
  subTableId: number | null;
  subTableElection: ElectionKind | null;
  results: { election: ElectionKind; votes: number; outcome: ResultOutcome }[];
  stances: { partnerName: string; stance: Stance; decidedOn: string }[];
};

type CandidateRow = { id: number; coalitionId: number; personId: number | null; name: string; primaryDate: string };

function candidateRow(db: Pick<Db, "select">, coalitionId: number, candidateId: number): CandidateRow {
  const row = db
    .select({ id: candidates.id, coalitionId: races.coalitionId, personId: candidates.personId, name: candidates.name, primaryDate: races.primaryDate })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(and(eq(candidates.id, candidateId), eq(races.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Candidate");
  return row;
}

/**
 * The person behind a candidacy and every candidacy of theirs at a table the viewer may see,
 * newest race first, with stances, sub-table and results; and, when not linked yet, other
 * candidacies by the same name to link. Four statements whatever the data.
 */
export function candidateAcrossCycles(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number }) {
  const me = candidateRow(db, input.coalitionId, input.candidateId);
  const visible = (coalitionId: number) => viewer === "system" || can(viewer, { action: "table.view", coalitionId }).ok;
  const rows = db.$client
    .prepare(
      `select c.id as candidateId, c.name, c.party, c.person_id as personId, co.id as coalitionId, co.name as coalitionName, co.cycle, r.id as raceId, r.office, r.state, r.district, r.primary_date as primaryDate,
         s.id as subTableId, s.election as subTableElection,
         (select json_group_array(json_object('election', er.election, 'votes', er.votes, 'outcome', er.outcome)) from election_results er where er.candidate_id = c.id) as results,
         (select json_group_array(json_object('partnerName', p.name, 'stance', cs.stance, 'decidedOn', cs.decided_on)) from current_stances cs join partners p on p.id = cs.partner_id where cs.candidate_id = c.id and cs.holder_affiliate = 0) as stances
       from candidates c join races r on r.id = c.race_id join coalitions co on co.id = r.coalition_id left join sub_coalitions s on s.candidate_id = c.id
       where ${me.personId === null ? "c.id = ?" : "c.person_id = ?"}
       order by r.primary_date desc, c.id desc limit ${MAX_CANDIDACIES}`,
    )
    .all(me.personId ?? me.id) as (Omit<Candidacy, "raceLabel" | "results" | "stances"> & { office: string; state: string; district: string | null; results: string; stances: string })[];
  const candidacies: Candidacy[] = rows
    .filter((r) => visible(r.coalitionId))
    .map(({ office, state, district, results, stances, ...r }) => ({
      ...r,
      raceLabel: raceLabel({ office, state, district }),
      results: JSON.parse(results) as Candidacy["results"],
      stances: (JSON.parse(stances) as Candidacy["stances"]).sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
    }));
  const person = me.personId === null ? null : (db.select().from(people).where(eq(people.id, me.personId)).get() ?? null);
  // candidacies by the same name in other races, not yet the same person, to link (an indexed read on lower(name))
  const sameName = db.$client
    .prepare(
      `select c.id as candidateId, c.name, co.id as coalitionId, co.name as coalitionName, co.cycle, r.office, r.state, r.district from candidates c join races r on r.id = c.race_id join coalitions co on co.id = r.coalition_id
       where lower(c.name) = lower(?) and c.id <> ? and c.race_id <> (select race_id from candidates where id = ?) and (? is null or c.person_id is null or c.person_id <> ?) order by r.primary_date desc limit 10`,
    )
    .all(me.name, me.id, me.id, me.personId, me.personId) as { candidateId: number; name: string; coalitionId: number; coalitionName: string; cycle: number; office: string; state: string; district: string | null }[];
  const previous = candidacies.find((c) => c.candidateId !== me.id && c.primaryDate < me.primaryDate) ?? null;
  return {
    person,
    candidacies,
    previous,
    sameName: sameName.filter((c) => visible(c.coalitionId)).map(({ office, state, district, ...c }) => ({ ...c, raceLabel: raceLabel({ office, state, district }) })),
  };
}

/**
 * The facilitator says two candidacies are one person: both link to one person (the one
 * either already has; two people become one). One IMMEDIATE transaction.
 */
export function linkCandidacies(db: Db, actor: Actor, input: { coalitionId: number; candidateId: number; otherCandidateId: number }, now: Date = new Date()): Result<{ personId: number }> {
  return db.transaction(
    (tx): Result<{ personId: number }> => {
      const me = candidateRow(tx, input.coalitionId, input.candidateId);
      const other = tx.select({ id: candidates.id, personId: candidates.personId, name: candidates.name, raceId: candidates.raceId }).from(candidates).where(eq(candidates.id, input.otherCandidateId)).get();
      if (!other || other.id === me.id) return refuse("otherCandidateId", "Choose another candidacy.");
      if (me.personId !== null && me.personId === other.personId) return refuse("otherCandidateId", "These candidacies are already the same person.");
      const personId = other.personId ?? me.personId ?? tx.insert(people).values({ name: me.name }).returning({ id: people.id }).get().id;
      const merged = [me.personId, other.personId].filter((p): p is number => p !== null && p !== personId);
      tx.update(candidates).set({ personId }).where(inArray(candidates.id, [me.id, other.id])).run();
      if (merged.length) {
        tx.update(candidates).set({ personId }).where(inArray(candidates.personId, merged)).run();
        // the merged people's other names go with them (a name both had stays once)
        for (const m of merged) tx.run(sql`update or ignore person_names set person_id = ${personId} where person_id = ${m}`);
        tx.delete(people).where(inArray(people.id, merged)).run();
      }
      appendAudit(tx, actor, { action: "candidate.link", decision: "info", subjectType: "candidate", subjectId: me.id, detail: `same person as candidate ${other.id}` }, now);
      return { ok: true, personId };
    },
    { behavior: "immediate" },
  );
}

/**
 * Starts this candidacy's profile from the person's last one (the latest earlier race):
 * copies its public and research notes and figures, never a campaign item (rule F2: what a
 * campaign told the table about one race does not carry into another), and its bio when
 * this one has none and the bio is not campaign information.
 */
export function startFromLastProfile(db: Db, actor: Actor, input: { coalitionId: number; candidateId: number }, now: Date = new Date()): Result<{ copied: number; fromCandidateId: number }> {
  return db.transaction(
    (tx): Result<{ copied: number; fromCandidateId: number }> => {
      const me = candidateRow(tx, input.coalitionId, input.candidateId);
      if (me.personId === null) return refuse("_form", "Link this candidacy to the person's earlier one first.");
      const last = tx
        .select({ id: candidates.id, bio: candidates.bio, bioSourceKind: candidates.bioSourceKind, bioSourceUrl: candidates.bioSourceUrl, bioCapturedAt: candidates.bioCapturedAt })
        .from(candidates)
        .innerJoin(races, eq(races.id, candidates.raceId))
        .where(and(eq(candidates.personId, me.personId), ne(candidates.id, me.id), lt(races.primaryDate, me.primaryDate)))
        .orderBy(desc(races.primaryDate), desc(candidates.id))
        .get();
      if (!last) return refuse("_form", "This person has no earlier candidacy to start from.");
      const items = tx
        .select()
        .from(profileItems)
        .where(and(eq(profileItems.candidateId, last.id), isNull(profileItems.removedAt), inArray(profileItems.sourceKind, ["public", "research"])))
        .all();
      const at = now.toISOString();
      if (items.length) {
        tx.insert(profileItems)
          .values(items.map(({ id: _id, candidateId: _c, createdAt: _a, createdBy: _b, ...item }) => ({ ...item, candidateId: me.id, createdBy: actor.id, createdAt: at })))
          .run();
      }
      const mine = tx.select({ bio: candidates.bio }).from(candidates).where(eq(candidates.id, me.id)).get()!;
      const bio = !mine.bio && last.bio && last.bioSourceKind !== "campaign";
      if (bio) tx.update(candidates).set({ bio: last.bio, bioSourceKind: last.bioSourceKind, bioSourceUrl: last.bioSourceUrl, bioCapturedAt: last.bioCapturedAt }).where(eq(candidates.id, me.id)).run();
      const summary = `Started from the last profile (candidate ${last.id}): ${items.length} public and research item(s)${bio ? " and the bio" : ""}; campaign items are not copied.`;
      tx.insert(profileRevisions).values({ candidateId: me.id, actorId: actor.id, action: "profile.copy", summary, createdAt: at }).run();
      appendAudit(tx, actor, { action: "profile.copy", decision: "info", subjectType: "candidate", subjectId: me.id, detail: summary }, now);
      return { ok: true, copied: items.length, fromCandidateId: last.id };
    },
    { behavior: "immediate" },
  );
}
