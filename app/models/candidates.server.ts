import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, profileItems, profileRevisions, races, users, type Candidate, type ProfileItem, type Race } from "../../db/schema";
import { type SourceKind } from "~/domain/vocabulary";
import type { Actor } from "~/domain/actor";
import type { Principal } from "~/domain/permissions";
import { currentStances } from "~/domain/critical-mass";
import { endorsementTimeline } from "~/domain/stats";
import { appendAudit } from "./audit.server";
import { listStanceEvents, type Viewer } from "./endorsements.server";
import { campaignInfoAllowed, logWithheld } from "./firewall.server";
import { withholdCampaign } from "~/domain/firewall";
import { NotFoundError, type Result } from "~/domain/errors";
import { raceLabel, raceRow } from "./races.server";
import { getSubCoalitionForCandidate } from "./sub-coalitions.server";

/** The bio's source may be left out by scripts: a new bio is then the table's research, an edit keeps the current source. */
export type CandidateInput = Pick<Candidate, "name" | "party" | "incumbency" | "bio" | "website" | "socialLinks"> &
  Partial<Pick<Candidate, "bioSourceKind" | "bioSourceUrl" | "bioCapturedAt">>;
export type ProfileItemInput = Omit<ProfileItem, "id" | "candidateId" | "createdBy" | "createdAt" | "removedAt">;

const PROFILE_FIELDS = ["name", "party", "incumbency", "bio", "bioSourceKind", "bioSourceUrl", "bioCapturedAt", "website", "socialLinks"] as const;
/** The bio and its source: a revision that touches one records all of them, so the history knows each bio's source (F2). */
const BIO_FIELDS = ["bio", "bioSourceKind", "bioSourceUrl", "bioCapturedAt"] as const;
const BIO_WITHHELD = "(withheld under your firewall, rule F2)";

/**
 * Rule F2 on the bio, as on profile items: a campaign bio is emptied for a viewer who may not
 * receive campaign information about the race (its source stays "campaign", so the page can
 * say so). Name, party, incumbency, website and social links are public-only by rule.
 */
function withholdBio<C extends Candidate>(candidate: C, allowed: boolean): { candidate: C; withheld: number } {
  const { withheld } = withholdCampaign(candidate.bio ? [{ sourceKind: candidate.bioSourceKind }] : [], allowed);
  if (withheld === 0) return { candidate, withheld };
  return { candidate: { ...candidate, bio: "", bioSourceUrl: null, bioCapturedAt: null }, withheld };
}

/** A candidate of this table with its race, or a 404; a campaign bio is withheld as on the profile (F2). */
export function getCandidate(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number }): { candidate: Candidate; race: Race } {
  const row = candidateRow(db, input.coalitionId, input.candidateId);
  const { candidate, withheld } = withholdBio(row.candidate, campaignInfoAllowed(db, viewer, row.race.id));
  logWithheld(db, viewer, row.race.id, `bio of ${candidate.name}`, withheld);
  return { candidate, race: row.race };
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

/** The candidates of a race; campaign bios are withheld from a viewer who may not receive them (F2). */
export function listCandidatesInRace(db: Db, viewer: Viewer, input: { raceId: number }): Candidate[] {
  const allowed = campaignInfoAllowed(db, viewer, input.raceId);
  return db
    .select()
    .from(candidates)
    .where(eq(candidates.raceId, input.raceId))
    .orderBy(asc(candidates.name))
    .all()
    .map((c) => withholdBio(c, allowed).candidate);
}

/** The whole profile: identity, live notes and figures, stances now and over time, sub-table. */
export function getCandidateProfile(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number; today: string }) {
  const { coalitionId, candidateId, today } = input;
  const row = candidateRow(db, coalitionId, candidateId);
  const race = row.race;
  const allowed = campaignInfoAllowed(db, viewer, race.id);
  const { candidate, withheld: bioWithheld } = withholdBio(row.candidate, allowed);
  const all = db
    .select()
    .from(profileItems)
    .where(and(eq(profileItems.candidateId, candidateId), isNull(profileItems.removedAt)))
    .orderBy(asc(profileItems.kind), desc(profileItems.asOf), asc(profileItems.id))
    .all();
  const { visible: items, withheld: itemsWithheld } = withholdCampaign(all, allowed);
  const withheld = itemsWithheld + bioWithheld;
  logWithheld(db, viewer, race.id, `profile of ${candidate.name}`, withheld);
  const events = listStanceEvents(db, viewer, { coalitionId, candidateIds: [candidateId], gate: (raceId) => (raceId === race.id ? allowed : campaignInfoAllowed(db, viewer, raceId)) });
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

/**
 * The input with its bio source settled: left out, a new bio is the table's research and an
 * edit keeps the current source; an empty bio needs none (research, no URL or date).
 */
function withBioSource(input: CandidateInput, current: Pick<Candidate, "bioSourceKind" | "bioSourceUrl" | "bioCapturedAt"> | null) {
  const source = input.bio
    ? {
        bioSourceKind: input.bioSourceKind ?? current?.bioSourceKind ?? "research",
        bioSourceUrl: input.bioSourceUrl !== undefined ? input.bioSourceUrl : (current?.bioSourceUrl ?? null),
        bioCapturedAt: input.bioCapturedAt !== undefined ? input.bioCapturedAt : (current?.bioCapturedAt ?? null),
      }
    : { bioSourceKind: "research" as const, bioSourceUrl: null, bioCapturedAt: null };
  return { ...input, ...source };
}

function snapshot(c: Pick<Candidate, (typeof PROFILE_FIELDS)[number]>) {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, c[f]]));
}

export function createCandidate(db: Db, actor: Actor, coalitionId: number, raceId: number, input: CandidateInput): Result<{ candidate: Candidate }> {
  const race = raceRow(db, coalitionId, raceId);
  return db.transaction((tx) => {
    const candidate = tx.insert(candidates).values({ ...withBioSource(input, null), raceId }).returning().get();
    tx.insert(profileRevisions)
      .values({ candidateId: candidate.id, actorId: actor.id, action: "create", summary: "Profile created", after: JSON.stringify(snapshot(candidate)) })
      .run();
    appendAudit(tx, actor, { action: "candidate.create", decision: "info", raceId: race.id, subjectType: "candidate", subjectId: candidate.id, detail: input.name });
    return { ok: true as const, candidate };
  });
}

/** Edits the identity part of a profile; the revision keeps only the fields that changed. */
export function updateCandidate(db: Db, actor: Actor, coalitionId: number, candidateId: number, given: CandidateInput): Result<{ candidate: Candidate; changed: string[] }> {
  const { candidate: before, race } = candidateRow(db, coalitionId, candidateId);
  // an editor the campaign bio was withheld from (a facilitator who also acts for a walled
  // member) was shown an empty bio: the edit keeps the bio and its source as they are (F2)
  const walled = "grants" in actor && before.bio !== "" && withholdBio(before, campaignInfoAllowed(db, actor as Principal, race.id)).withheld > 0;
  const input = walled
    ? { ...given, bio: before.bio, bioSourceKind: before.bioSourceKind, bioSourceUrl: before.bioSourceUrl, bioCapturedAt: before.bioCapturedAt }
    : withBioSource(given, before);
  const changed = PROFILE_FIELDS.filter((f) => before[f] !== input[f]);
  if (changed.length === 0) return { ok: true, candidate: before, changed };
  // a change to the bio or its source records the bio with its source on both sides (F2)
  const recorded = changed.some((f) => (BIO_FIELDS as readonly string[]).includes(f)) ? [...new Set([...changed, ...BIO_FIELDS])] : changed;
  return db.transaction((tx) => {
    const candidate = tx.update(candidates).set(input).where(eq(candidates.id, candidateId)).returning().get();
    tx.insert(profileRevisions)
      .values({
        candidateId,
        actorId: actor.id,
        action: "edit",
        summary: `Edited ${changed.join(", ")}`,
        before: JSON.stringify(Object.fromEntries(recorded.map((f) => [f, before[f]]))),
        after: JSON.stringify(Object.fromEntries(recorded.map((f) => [f, input[f]]))),
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

/**
 * The profile's edit history; changes to campaign information are withheld as on the profile
 * (F2). For a viewer who may not receive campaign information, a bio that is or ever was
 * campaign-sourced is withheld from every revision (each such revision counts once): a
 * revision before the bio carried a source, or one that only relabelled it, could hold the same text.
 */
export function listRevisions(db: Db, viewer: Viewer, input: { coalitionId: number; candidateId: number }) {
  const { candidate, race } = candidateRow(db, input.coalitionId, input.candidateId);
  const rows = db
    .select({ revision: profileRevisions, actorName: users.name })
    .from(profileRevisions)
    .leftJoin(users, eq(users.id, profileRevisions.actorId))
    .where(eq(profileRevisions.candidateId, candidate.id))
    .orderBy(desc(profileRevisions.id))
    .all()
    .map((r) => ({ ...r.revision, actorName: r.actorName }));
  const allowed = campaignInfoAllowed(db, viewer, race.id);
  const tagged = rows.map((r) => ({ r, sourceKind: revisionSource(r) }));
  const { visible, withheld: itemsWithheld } = withholdCampaign(tagged, allowed);
  const campaignBio = candidate.bioSourceKind === "campaign" || rows.some((r) => revisionBioSources(r).includes("campaign"));
  let biosWithheld = 0;
  const revisions = visible.map(({ r }) => {
    if (allowed || !campaignBio) return r;
    const redacted = withholdRevisionBio(r);
    if (redacted === r) return r;
    biosWithheld += 1;
    return redacted;
  });
  const withheld = itemsWithheld + biosWithheld;
  logWithheld(db, viewer, race.id, `edit history of ${candidate.name}`, withheld);
  return { revisions, withheld };
}

function parseSide(raw: string | null): Record<string, unknown> | null | "unreadable" {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** The bio sources a revision recorded (an unreadable side counts as campaign). */
function revisionBioSources(r: { before: string | null; after: string | null }): string[] {
  return [r.before, r.after].flatMap((raw) => {
    const side = parseSide(raw);
    if (side === "unreadable") return ["campaign"];
    return side && typeof side.bioSourceKind === "string" ? [side.bioSourceKind] : [];
  });
}

/** The revision with its bio values replaced by a withheld marker (the same object when it records no bio). */
function withholdRevisionBio<R extends { before: string | null; after: string | null }>(r: R): R {
  let touched = false;
  const redact = (raw: string | null): string | null => {
    const side = parseSide(raw);
    if (side === null) return raw;
    if (side === "unreadable") {
      touched = true;
      return JSON.stringify({ bio: BIO_WITHHELD });
    }
    if (!("bio" in side) && !("bioSourceUrl" in side)) return raw;
    touched = true;
    return JSON.stringify({ ...side, ...("bio" in side ? { bio: BIO_WITHHELD } : {}), ...("bioSourceUrl" in side ? { bioSourceUrl: null } : {}) });
  };
  const before = redact(r.before);
  const after = redact(r.after);
  return touched ? { ...r, before, after } : r;
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

/**
 * The affiliates of the table's seated partners in a state, as the stance form offers them
 * (name and partner; the route keeps those the viewer may record for), in the order of
 * listAffiliates (state, partner, name). One statement, without the coverage rows a
 * directory shows (issue 11).
 */
export function stanceAffiliates(db: Db, _viewer: Viewer, input: { coalitionId: number; state: string }) {
  return db.$client
    .prepare(
      `select a.id as id, a.name as name, a.partner_id as partnerId, p.short_name as partnerShortName
       from affiliates a join partners p on p.id = a.partner_id
       join coalition_partners cp on cp.partner_id = a.partner_id and cp.coalition_id = @coalitionId
       where a.state = @state order by p.short_name, a.name`,
    )
    .all(input) as { id: number; name: string; partnerId: number; partnerShortName: string }[];
}
