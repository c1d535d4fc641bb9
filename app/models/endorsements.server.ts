import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { notifySubTable } from "./notifications.server";
import { notifyStanceChanged } from "./notification-kinds.server";
import type { Db } from "../../db/client";
import { affiliates, candidates, coalitionPartners, coalitions, currentStances as projection, endorsementEvents, partners, races, users, subCoalitionMembers, subCoalitions, type EndorsementEvent } from "../../db/schema";
import { type Stance } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { endorsingByCandidate, endorsingPartnerIds } from "./deciders.server";
import {
  checkRank,
  checkStanceChange,
  subTableChange,
  subTablesToFormOnThresholdChange,
  type SubTableChange,
} from "~/domain/critical-mass";
import { localDateOf } from "~/domain/zoned-time";
import { can } from "~/domain/permissions";
import { effectiveLegalType, mayEndorse } from "~/domain/legal-types";
import { appendAudit } from "./audit.server";
import { checkPolicyForAct } from "./policy-gate.server";
import { markSplitsStale } from "./split-stale.server";
import { NotFoundError, type Result } from "~/domain/errors";
import { campaignInfoGate, logWithheld, type Viewer } from "./firewall.server";
import type { SourceKind } from "~/domain/vocabulary";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";

/** Who reads: a person (what the firewall and private notes withhold is withheld) or the system. */
export type { Viewer } from "./firewall.server";

export type StanceInput = {
  candidateId: number;
  partnerId: number;
  affiliateId: number | null;
  stance: Stance;
  decidedOn: string;
  decidingBody: string | null;
  note: string | null;
  notePrivate: boolean;
  /** Where the note's information came from (rule F2); research (the partner's own) when not said. */
  noteSource?: SourceKind;
  /** Issue 13: the endorsement's rank, at a table that takes ranked endorsements. */
  rank?: number | null;
};

export type RecordStanceResult = Result<{ event: EndorsementEvent; subTable: SubTableChange & { subCoalitionId?: number } }>;

/**
 * Records one partner's (or affiliate's) stance on a candidate. In one transaction it
 * appends the event, and forms, joins or leaves the candidate's sub-table as the critical
 * mass rules say. A refusal (rule F1, seats, an impossible change) writes only its audit row.
 */
export function recordStance(db: Db, actor: Actor, coalitionId: number, input: StanceInput, now: Date = new Date()): RecordStanceResult {
  const ctx = db
    .select({ candidate: candidates, race: races, coalition: coalitions })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .innerJoin(coalitions, eq(coalitions.id, races.coalitionId))
    .where(and(eq(candidates.id, input.candidateId), eq(races.coalitionId, coalitionId)))
    .get();
  if (!ctx) throw new NotFoundError("Candidate");
  const { race, coalition } = ctx;

  const partner = db
    .select({ partner: partners })
    .from(partners)
    .innerJoin(coalitionPartners, and(eq(coalitionPartners.partnerId, partners.id), eq(coalitionPartners.coalitionId, coalitionId)))
    .where(eq(partners.id, input.partnerId))
    .get()?.partner;
  if (!partner) return { ok: false, field: "partnerId", message: "Choose a partner that sits at this table." };

  let legalType = partner.legalType;
  if (input.affiliateId !== null) {
    const affiliate = db.select().from(affiliates).where(eq(affiliates.id, input.affiliateId)).get();
    if (!affiliate || affiliate.partnerId !== partner.id) {
      return { ok: false, field: "affiliateId", message: "Choose an affiliate of this partner." };
    }
    legalType = effectiveLegalType(affiliate, partner);
  }

  const audit = { partnerId: partner.id, raceId: race.id, subjectType: "candidate", subjectId: input.candidateId };

  const permission = mayEndorse(legalType);
  if (!permission.allowed) {
    db.transaction((tx) => {
      appendAudit(tx, actor, { ...audit, action: "endorsement.record", decision: "deny", rule: permission.rule, detail: `${partner.shortName}: ${input.stance}` }, now);
    });
    return { ok: false, field: "stance", message: permission.message, rule: permission.rule };
  }

  return db.transaction(
    (tx) => {
      // rule F6 on the act, under the write lock: the person acting for the member has acknowledged its current policy
      const f6 = checkPolicyForAct(tx, actor, { coalitionId, partnerId: partner.id, raceId: race.id, act: "stance", subjectType: "candidate", subjectId: input.candidateId, now });
      if (!f6.ok) return f6;
      // the holder's current stances in this race, from the projection (kept with the history)
      const holderCurrent = tx
        .select({ candidateId: projection.candidateId, stance: projection.stance, rank: projection.rank, name: candidates.name })
        .from(projection)
        .innerJoin(candidates, eq(candidates.id, projection.candidateId))
        .where(and(eq(projection.raceId, race.id), eq(projection.holderAffiliate, input.affiliateId ?? 0), eq(projection.partnerId, partner.id)))
        .all();
      const mine = holderCurrent.find((e) => e.candidateId === input.candidateId);
      const from = mine?.stance ?? null;
      const rank = input.rank ?? null;
      const others = holderCurrent.filter((e) => e.candidateId !== input.candidateId && e.stance === "endorsed");
      // issue 13: a rank is given once per race; ranks below the first take no seat (only a first choice counts)
      const rankCheck = checkRank({ rank, stance: input.stance, rankedMax: coalition.rankedMax, ranksTaken: new Map(others.filter((e) => e.rank !== null).map((e) => [e.rank!, e.name])) });
      if (!rankCheck.ok) return rankCheck;
      const endorsedElsewhereInRace = (rank ?? 1) === 1 ? others.filter((e) => (e.rank ?? 1) === 1).length : 0;

      // a change of rank alone is a new event too (an endorsement moved from 2nd to 1st)
      const sameStance = from === input.stance && input.stance === "endorsed" && (mine?.rank ?? null) !== rank;
      const check = sameStance ? ({ ok: true } as const) : checkStanceChange({ from, to: input.stance, seats: race.seats, endorsedElsewhereInRace });
      if (!check.ok) return check;
      if (sameStance && (rank ?? 1) === 1 && (mine?.rank ?? 1) !== 1 && endorsedElsewhereInRace >= race.seats) {
        return { ok: false as const, field: "rank", message: "This partner already endorses another candidate first in this race. Change that rank first." };
      }
      // whose stance counts here (the table's setting): the partners counting before the event
      const decides = coalition.decider === "affiliate" ? input.affiliateId !== null : input.affiliateId === null;
      const endorsersBefore = decides ? endorsingPartnerIds(tx, input.candidateId) : [];

      const event = tx
        .insert(endorsementEvents)
        .values({ ...input, rank, coalitionId, fromStance: from, actorId: actor.id, createdAt: now.toISOString() })
        .returning()
        .get();
      appendAudit(tx, actor, { ...audit, action: "endorsement.record", decision: "allow", rule: "F1", detail: `${partner.shortName}: ${from ?? "none"} → ${input.stance}` }, now);
      notifyStanceChanged(tx, event, now);

      let subTable: SubTableChange & { subCoalitionId?: number } = { kind: "none" };
      if (decides) {
        // the projection already holds this event (the insert's trigger wrote it); one partner
        // counts once, however many of its chapters endorse
        const endorsersAfter = endorsingPartnerIds(tx, input.candidateId);
        const existing = tx.select().from(subCoalitions).where(eq(subCoalitions.candidateId, input.candidateId)).get();
        const members = existing
          ? tx
              .select({ partnerId: subCoalitionMembers.partnerId })
              .from(subCoalitionMembers)
              .where(and(eq(subCoalitionMembers.subCoalitionId, existing.id), isNull(subCoalitionMembers.leftAt)))
              .all()
              .map((m) => m.partnerId)
          : null;
        const today = localDateOf(now, race.timeZone);
        const change = subTableChange({
          partnerId: partner.id,
          wasEndorsing: endorsersBefore.includes(partner.id),
          isEndorsing: endorsersAfter.includes(partner.id),
          endorsersAfter,
          threshold: coalition.threshold,
          members,
          open: !!existing && !existing.closedAt,
          primaryPassed: today > (existing?.activeUntil ?? race.primaryDate),
        });
        const at = now.toISOString();
        if (change.kind === "form") {
          const subId = insertSubTable(tx, actor, { coalitionId, candidateId: input.candidateId, members: change.members, at, eventId: event.id });
          subTable = { ...change, subCoalitionId: subId };
        } else if (change.kind === "join" && existing) {
          tx.insert(subCoalitionMembers)
            .values({ subCoalitionId: existing.id, partnerId: partner.id, joinedAt: at, joinedByEventId: event.id, actorId: actor.id })
            .run();
          markSplitsStale(tx, { subCoalitionId: existing.id }, `${partner.name} joined the sub-table.`, now);
          subTable = { ...change, subCoalitionId: existing.id };
        } else if (change.kind === "leave" && existing) {
          tx.update(subCoalitionMembers)
            .set({ leftAt: at, leftByEventId: event.id })
            .where(
              and(
                eq(subCoalitionMembers.subCoalitionId, existing.id),
                eq(subCoalitionMembers.partnerId, partner.id),
                isNull(subCoalitionMembers.leftAt),
              ),
            )
            .run();
          markSplitsStale(tx, { subCoalitionId: existing.id }, `${partner.name} left the sub-table.`, now);
          subTable = { ...change, subCoalitionId: existing.id };
        }
      }
      if (subTable.kind !== "none" && subTable.subCoalitionId) {
        const current = tx.select({ partnerId: subCoalitionMembers.partnerId }).from(subCoalitionMembers).where(and(eq(subCoalitionMembers.subCoalitionId, subTable.subCoalitionId), isNull(subCoalitionMembers.leftAt))).all();
        notifySubTable(tx, { coalitionId, candidateId: input.candidateId, subCoalitionId: subTable.subCoalitionId, change: subTable, members: current.map((m) => m.partnerId) }, now);
      }
      return { ok: true as const, event, subTable };
    },
    { behavior: "immediate" },
  );
}

/**
 * What of a stance note this viewer may read: a private note only the partner's own people;
 * a note whose source is the campaign only those who may receive campaign information about
 * the race (rule F2, asked of the gate per race).
 */
function redactNote(e: EndorsementEvent, viewer: Viewer, campaignAllowed: boolean): { note: string | null; noteWithheld: boolean; noteWithheldBy: "private" | "firewall" | null } {
  if (!e.note || viewer === "system") return { note: e.note, noteWithheld: false, noteWithheldBy: null };
  if (e.notePrivate && !can(viewer, { action: "stance.private", partnerId: e.partnerId }).ok) return { note: null, noteWithheld: true, noteWithheldBy: "private" };
  if (e.noteSource === "campaign" && !campaignAllowed) return { note: null, noteWithheld: true, noteWithheldBy: "firewall" };
  return { note: e.note, noteWithheld: false, noteWithheldBy: null };
}

export type EventRow = EndorsementEvent & {
  noteWithheld: boolean;
  noteWithheldBy: "private" | "firewall" | null;
  partnerShortName: string;
  partnerName: string;
  affiliateName: string | null;
  actorName: string | null;
  candidateName: string;
  raceId: number;
};

/**
 * Stance events of a table (or of some candidates), newest first, with names to show. A
 * private note is replaced by null (noteWithheld) unless the viewer is that partner's own.
 */
export function listStanceEvents(
  db: Db,
  viewer: Viewer,
  input: { coalitionId: number; candidateIds?: number[]; partnerId?: number; limit?: number; beforeId?: number; gate?: (raceId: number | null) => boolean },
): EventRow[] {
  const { coalitionId, gate, ...opts } = input;
  const q = db
    .select({
      event: endorsementEvents,
      partnerShortName: partners.shortName,
      partnerName: partners.name,
      affiliateName: affiliates.name,
      actorName: users.name,
      candidateName: candidates.name,
      raceId: candidates.raceId,
    })
    .from(endorsementEvents)
    .innerJoin(candidates, eq(candidates.id, endorsementEvents.candidateId))
    .innerJoin(partners, eq(partners.id, endorsementEvents.partnerId))
    .leftJoin(affiliates, eq(affiliates.id, endorsementEvents.affiliateId))
    .leftJoin(users, eq(users.id, endorsementEvents.actorId))
    .where(
      and(
        // for some candidates, their (candidate, partner, id) index and a sort of their few events;
        // the unary plus keeps SQLite from walking the table's whole history by (coalition, id) instead
        opts.candidateIds ? sql`+${endorsementEvents.coalitionId} = ${coalitionId}` : eq(endorsementEvents.coalitionId, coalitionId),
        opts.beforeId ? lt(endorsementEvents.id, opts.beforeId) : undefined,
        opts.candidateIds ? inArray(endorsementEvents.candidateId, opts.candidateIds) : undefined,
        opts.partnerId ? eq(endorsementEvents.partnerId, opts.partnerId) : undefined,
      ),
    )
    .orderBy(desc(endorsementEvents.id));
  const rows = opts.limit ? q.limit(opts.limit).all() : q.all();
  // the caller's gate when it has one (the candidate page asked it for the race already)
  // (else one gate asked once, for every race of a campaign note here: one read, not one per race)
  const allowed = gate ?? campaignInfoGate(db, viewer, rows.filter((r) => r.event.noteSource === "campaign" && r.event.note).map((r) => r.raceId));
  const out = rows.map((r) => ({
    ...r.event,
    ...redactNote(r.event, viewer, r.event.noteSource === "campaign" && r.event.note ? allowed(r.raceId) : true),
    partnerShortName: r.partnerShortName,
    partnerName: r.partnerName,
    affiliateName: r.affiliateName,
    actorName: r.actorName,
    candidateName: r.candidateName,
    raceId: r.raceId,
  }));
  const withheld = new Map<number, number>();
  for (const e of out) if (e.noteWithheldBy === "firewall") withheld.set(e.raceId, (withheld.get(e.raceId) ?? 0) + 1);
  for (const [raceId, n] of withheld) logWithheld(db, viewer, raceId, n === 1 ? "a stance note from the campaign" : "stance notes from the campaign", n);
  return out;
}

/**
 * All stance events of a table, oldest first: the fold's input, for tests and scripts that
 * check the projection against it. No page reads it (issue 11: no request reads a table's
 * whole history).
 */
export function tableStanceEvents(db: Db, coalitionId: number): EndorsementEvent[] {
  return db
    .select({ event: endorsementEvents })
    .from(endorsementEvents)
    .where(eq(endorsementEvents.coalitionId, coalitionId))
    .orderBy(asc(endorsementEvents.id))
    .all()
    .map((r) => r.event);
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Forms a sub-table with its first members, inside the caller's transaction. */
function insertSubTable(tx: Tx, actor: Actor, f: { coalitionId: number; candidateId: number; members: readonly number[]; at: string; eventId: number | null }): number {
  const sub = tx.insert(subCoalitions).values({ coalitionId: f.coalitionId, candidateId: f.candidateId, formedAt: f.at, formedByEventId: f.eventId }).returning().get();
  tx.insert(subCoalitionMembers)
    .values(f.members.map((partnerId) => ({ subCoalitionId: sub.id, partnerId, joinedAt: f.at, joinedByEventId: f.eventId, actorId: actor.id })))
    .run();
  return sub.id;
}

/**
 * After a table's threshold is lowered (or whose stance counts changes): forms the sub-tables that the new threshold calls
 * for, inside the caller's transaction. Returns the candidates that got one.
 */
export function formSubTablesAtThreshold(tx: Tx, actor: Actor, coalitionId: number, threshold: number, now: Date): number[] {
  const rows = tx
    .select({ candidateId: candidates.id, primaryDate: races.primaryDate, timeZone: races.timeZone, subId: subCoalitions.id })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .leftJoin(subCoalitions, eq(subCoalitions.candidateId, candidates.id))
    .where(eq(races.coalitionId, coalitionId))
    .all();
  // whose stance counts follows the table's setting (issue 13)
  const endorsing = endorsingByCandidate(tx, coalitionId);
  const due = subTablesToFormOnThresholdChange(
    rows.map((r) => ({
      candidateId: r.candidateId,
      endorsers: endorsing.get(r.candidateId) ?? [],
      hasSubTable: r.subId !== null,
      primaryPassed: localDateOf(now, r.timeZone) > r.primaryDate,
    })),
    threshold,
  );
  const at = now.toISOString();
  for (const d of due) {
    const subId = insertSubTable(tx, actor, { coalitionId, candidateId: d.candidateId, members: d.members, at, eventId: null });
    appendAudit(tx, actor, { action: "subtable.form", decision: "info", subjectType: "subCoalition", subjectId: subId, detail: `threshold lowered to ${threshold}` }, now);
  }
  return due.map((d) => d.candidateId);
}

/**
 * A partner's own current stances at a table (the partner page), newest decision recorded
 * first, one keyset page at a time by the projection's (table, partner, holder, event) index.
 */
export function listPartnerStances(db: Db, _viewer: Viewer, input: { coalitionId: number; partnerId: number; cursor?: Cursor | null; limit?: number }) {
  const limit = Math.min(Math.max(1, Math.floor(input.limit ?? PAGE_SIZE)), 200);
  const cursor = input.cursor && input.cursor.key.length === 1 && typeof input.cursor.key[0] === "number" ? input.cursor : null;
  const back = cursor?.dir === "before";
  const fetched = db.$client
    .prepare(
      `select s.event_id as id, s.candidate_id as candidateId, c.name as candidateName, s.stance as stance, s.decided_on as decidedOn
       from current_stances s join candidates c on c.id = s.candidate_id
       where s.coalition_id = ? and s.partner_id = ? and s.holder_affiliate = 0${cursor ? ` and s.event_id ${back ? ">" : "<"} ?` : ""}
       order by s.event_id ${back ? "asc" : "desc"} limit ?`,
    )
    .all(input.coalitionId, input.partnerId, ...(cursor ? [cursor.key[0]] : []), limit + 1) as { id: number; candidateId: number; candidateName: string; stance: Stance; decidedOn: string }[];
  const page = keysetPage(fetched, limit, cursor, (r) => [r.id]);
  const total = (
    db.$client.prepare("select count(*) as n from current_stances where coalition_id = ? and partner_id = ? and holder_affiliate = 0").get(input.coalitionId, input.partnerId) as { n: number }
  ).n;
  return { ...page, total };
}
