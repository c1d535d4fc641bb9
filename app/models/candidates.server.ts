import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, profileItems, profileRevisions, races, users, type Candidate, type ProfileItem, type Race } from "../../db/schema";
import { type SourceKind } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import { currentStances } from "~/domain/critical-mass";
import { endorsementTimeline } from "~/domain/stats";
import { appendAudit } from "./audit.server";
import { listStanceEvents, type Viewer } from "./endorsements.server";
import { campaignInfoAllowed, logWithheld } from "./firewall.server";
import { withholdCampaign } from "~/domain/firewall";
import { NotFoundError, type Result } from "~/domain/errors";
import { raceLabel, raceRow } from "./races.server";
import { getSubCoalitionForCandidate } from "./sub-coalitions.server";

export type CandidateInput = Pick<Candidate, "name" | "party" | "incumbency" | "bio" | "website" | "socialLinks">;
export type ProfileItemInput = Omit<ProfileItem, "id" | "candidateId" | "createdBy" | "createdAt" | "removedAt">;

const PROFILE_FIELDS = ["name", "party", "incumbency", "bio", "website", "socialLinks"] as const;

/** A candidate of this table with its race, or a 404. */
// every read takes the viewer; this one does not ask it yet
export function getCandidate(db: Db, _viewer: Viewer, input: { coalitionId: number; candidateId: number }): { candidate: Candidate; race: Race } {
  return candidateRow(db, input.coalitionId, input.candidateId);
}

function candidateRow(db: Db, coalitionId: number, candidateId: number): { candidate: Candidate; race: Race } {
  const row = db
    .select({ candidate: candidates, race: races })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(and(eq(candidates.id, candidateId), eq(races.coalitionId, coalitionId)))
    .get();
  if (!row) throw new NotFoundError("Candidate");
  return row;
}

// every read takes the viewer; this one does not ask it yet
export function listCandidatesInRace(db: Db, _viewer: Viewer, input: { raceId: number }): Candidate[] {
  return db.select().from(candidates).where(eq(candidates.raceId, input.raceId)).orderBy(asc(candidates.name)).all();
}

/** The whole profile: identity, live notes and figures, stances now and over time, sub-table. */
export function getCandidateProfile(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number; today: string }) {
  const { coalitionId, candidateId, today } = input;
  const { candidate, race } = getCandidate(db, viewer, input);
  const all = db
    .select()
    .from(profileItems)
    .where(and(eq(profileItems.candidateId, candidateId), isNull(profileItems.removedAt)))
    .orderBy(asc(profileItems.kind), desc(profileItems.asOf), asc(profileItems.id))
    .all();
  const { visible: items, withheld } = withholdCampaign(all, campaignInfoAllowed(db, viewer, race.id));
  logWithheld(db, viewer, race.id, `profile of ${candidate.name}`, withheld);
  const events = listStanceEvents(db, viewer, { coalitionId, candidateIds: [candidateId] });
  const current = [...currentStances(events).values()].sort((a, b) => a.partnerShortName.localeCompare(b.partnerShortName));
  const others = listCandidatesInRace(db, viewer, { raceId: race.id }).filter((c) => c.id !== candidateId);
  return {
    candidate,
    race: { ...race, label: raceLabel(race) },
    items,
    withheld,
    current,
    history: events,
    timeline: endorsementTimeline(events),
    subTable: getSubCoalitionForCandidate(db, viewer, { coalitionId, candidateId, today }),
    others,
  };
}

function snapshot(c: Pick<Candidate, (typeof PROFILE_FIELDS)[number]>) {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, c[f]]));
}

export function createCandidate(db: Db, actor: Actor, coalitionId: number, raceId: number, input: CandidateInput): Result<{ candidate: Candidate }> {
  const race = raceRow(db, coalitionId, raceId);
  return db.transaction((tx) => {
    const candidate = tx.insert(candidates).values({ ...input, raceId }).returning().get();
    tx.insert(profileRevisions)
      .values({ candidateId: candidate.id, actorId: actor.id, action: "create", summary: "Profile created", after: JSON.stringify(snapshot(candidate)) })
      .run();
    appendAudit(tx, actor, { action: "candidate.create", decision: "info", raceId: race.id, subjectType: "candidate", subjectId: candidate.id, detail: input.name });
    return { ok: true as const, candidate };
  });
}

/** Edits the identity part of a profile; the revision keeps only the fields that changed. */
export function updateCandidate(db: Db, actor: Actor, coalitionId: number, candidateId: number, input: CandidateInput): Result<{ candidate: Candidate; changed: string[] }> {
  const { candidate: before, race } = candidateRow(db, coalitionId, candidateId);
  const changed = PROFILE_FIELDS.filter((f) => before[f] !== input[f]);
  if (changed.length === 0) return { ok: true, candidate: before, changed };
  return db.transaction((tx) => {
    const candidate = tx.update(candidates).set(input).where(eq(candidates.id, candidateId)).returning().get();
    tx.insert(profileRevisions)
      .values({
        candidateId,
        actorId: actor.id,
        action: "edit",
        summary: `Edited ${changed.join(", ")}`,
        before: JSON.stringify(Object.fromEntries(changed.map((f) => [f, before[f]]))),
        after: JSON.stringify(Object.fromEntries(changed.map((f) => [f, input[f]]))),
      })
      .run();
    appendAudit(tx, actor, { action: "candidate.update", decision: "info", raceId: race.id, subjectType: "candidate", subjectId: candidateId, detail: changed.join(", ") });
    return { ok: true as const, candidate, changed };
  });
}

function describeItem(item: Pick<ProfileItem, "kind" | "topic" | "sourceKind">): string {
  return `${item.kind}${item.topic ? ` (${item.topic})` : ""} from a ${item.sourceKind} source`;
}

export function addProfileItem(db: Db, actor: Actor, coalitionId: number, candidateId: number, input: ProfileItemInput): Result<{ item: ProfileItem }> {
  const { race } = candidateRow(db, coalitionId, candidateId);
  const clean: ProfileItemInput = { ...input, sourceUrl: input.sourceKind === "public" ? input.sourceUrl : input.sourceUrl ?? null };
  return db.transaction((tx) => {
    const item = tx.insert(profileItems).values({ ...clean, candidateId, createdBy: actor.id }).returning().get();
    tx.insert(profileRevisions)
      .values({ candidateId, actorId: actor.id, action: "add_item", summary: `Added ${describeItem(item)}`, after: JSON.stringify(clean) })
      .run();
    appendAudit(tx, actor, { action: "profile.add_item", decision: "info", raceId: race.id, subjectType: "profileItem", subjectId: item.id, detail: item.sourceKind });
    return { ok: true as const, item };
  });
}

/** Removing an item hides it from the profile; the history keeps what it said. */
export function removeProfileItem(db: Db, actor: Actor, coalitionId: number, candidateId: number, itemId: number, now: Date = new Date()): Result<object> {
  const { race } = candidateRow(db, coalitionId, candidateId);
  const item = db
    .select()
    .from(profileItems)
    .where(and(eq(profileItems.id, itemId), eq(profileItems.candidateId, candidateId), isNull(profileItems.removedAt)))
    .get();
  if (!item) throw new NotFoundError("Profile item");
  db.transaction((tx) => {
    tx.update(profileItems).set({ removedAt: now.toISOString() }).where(eq(profileItems.id, itemId)).run();
    const { id: _i, candidateId: _c, createdBy: _b, createdAt: _a, removedAt: _r, ...before } = item;
    tx.insert(profileRevisions)
      .values({ candidateId, actorId: actor.id, action: "remove_item", summary: `Removed ${describeItem(item)}`, before: JSON.stringify(before) })
      .run();
    appendAudit(tx, actor, { action: "profile.remove_item", decision: "info", raceId: race.id, subjectType: "profileItem", subjectId: itemId, detail: item.sourceKind }, now);
  });
  return { ok: true };
}

/** The profile's edit history; changes to campaign information are withheld as on the profile (F2). */
export function listRevisions(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number }) {
  const { candidate, race } = getCandidate(db, viewer, input);
  const rows = db
    .select({ revision: profileRevisions, actorName: users.name })
    .from(profileRevisions)
    .leftJoin(users, eq(users.id, profileRevisions.actorId))
    .where(eq(profileRevisions.candidateId, candidate.id))
    .orderBy(desc(profileRevisions.id))
    .all()
    .map((r) => ({ ...r.revision, actorName: r.actorName }));
  const tagged = rows.map((r) => ({ r, sourceKind: revisionSource(r) }));
  const { visible, withheld } = withholdCampaign(tagged, campaignInfoAllowed(db, viewer, race.id));
  logWithheld(db, viewer, race.id, `edit history of ${candidate.name}`, withheld);
  return { revisions: visible.map((v) => v.r), withheld };
}

/** The source of the item a revision touched, read from what it recorded; identity edits are "public". */
function revisionSource(r: { before: string | null; after: string | null }): SourceKind {
  for (const raw of [r.after, r.before]) {
    if (!raw) continue;
    try {
      const kind = (JSON.parse(raw) as { sourceKind?: unknown }).sourceKind;
      if (kind === "campaign" || kind === "public" || kind === "research") return kind;
    } catch {
      return "campaign"; // unreadable: withhold rather than guess
    }
  }
  return "public";
}
