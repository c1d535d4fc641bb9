/**
 * One table with a person in every role, for the permission, private-note and cross-origin
 * tests. The world is built once (passwords are hashed with scrypt, which is slow on
 * purpose) and each test gets its own copy of the database, so every request starts from
 * the same rows and nothing one test writes is seen by the next.
 */
import { enqueueMail } from "~/models/outbox.server";
import { publicSignUp, publishShift } from "~/models/public-shifts.server";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "../../db/client";
import { schema } from "../../db/client";
import type { Role } from "../../app/domain/vocabulary";
import { createInvitation, createUserWithPassword, grantRole } from "~/models/accounts.server";
import { setDb } from "~/server/db.server";
import { acknowledgePolicy, publishPolicy } from "~/models/policies.server";
import { buildActionItem, buildAffiliate, buildCandidate, buildCoalition, buildMeeting, buildPartner, buildProgram, buildRace, buildShift, stance } from "../factories";
import { publishAgenda } from "~/models/agendas.server";
import { saveAgreementVersion } from "~/models/agreements.server";
import { addUnit } from "~/models/turf.server";
import { createFeed } from "~/models/calendar-feeds.server";
import { raiseConcern } from "~/models/concerns.server";
import { addOutsideSupport } from "~/models/outside-support.server";

import { addQuestion, proposeQuestion } from "~/models/questions.server";
import { proposeAgendaItem, proposeAgreementChange } from "~/models/proposals.server";
import { addComment } from "~/models/comments.server";

import { inviteAlly } from "~/models/allies.server";
import { signInAs, useFreshDb } from "./helpers";

/** Who is asking. "out" is a visitor who is not signed in. */
export const PEOPLE = ["out", "admin", "facilitator", "otherFacilitator", "rep", "counsel", "lead", "otherRep", "noRole", "allyLead"] as const;
export type Who = (typeof PEOPLE)[number];

export const DESCRIBE: Record<Who, string> = {
  out: "a signed-out visitor",
  admin: "the instance admin",
  facilitator: "the table's facilitator",
  otherFacilitator: "the facilitator of another table",
  rep: "the representative of a seated partner (Papa)",
  counsel: "the compliance counsel of that partner (Papa)",
  lead: "the lead of an affiliate of that partner (Papa's Alpha chapter)",
  otherRep: "the representative of another seated partner (Quebec)",
  noRole: "a signed-in person with no role",
  allyLead: "the lead of a regional ally (Sierra Neighbors) that joined Kilo's program, at no table",
};

export const PASSWORD = "correct horse battery staple";

/** Words that only appear in the table's data: none may show in a 403 page. */
export const SECRETS = ["Tango Table", "Kilo Candidate", "Lima Candidate", "Papa Alliance", "Quebec Union", "Alpha Chapter", "Bravo Chapter", "private reasoning"];

export type RoleWorld = {
  coalitionId: number;
  otherCoalitionId: number;
  /** Papa: its rep, counsel and (through Alpha) a lead have accounts. */
  partnerId: number;
  /** Quebec: also seated, with its own rep. */
  otherPartnerId: number;
  /** Issue 13: Sierra Neighbors, a regional ally in Kilo's program: its organization (affiliate). */
  allyAffiliateId: number;
  /** ...and the ally itself (a partners row flagged ally, never seated). */
  allyPartnerId: number;
  /** Alpha, Papa's chapter. */
  affiliateId: number;
  /** Bravo, Quebec's chapter. */
  otherAffiliateId: number;
  raceId: number;
  /** Kilo: endorsed by Papa (with a private note) and Quebec, so its sub-table formed. */
  candidateId: number;
  /** Lima: no stances yet. */
  otherCandidateId: number;
  subTableId: number;
  /** Papa's current firewall policy (version 1), acknowledged by its people. */
  policyId: number;
  /** A published table meeting with an action item owned by Papa; Kilo's sub-table's agreement, version 1. */
  meetingId: number;
  actionItemId: number;
  agreementVersionId: number;
  /** Joint field work: the program on Kilo's sub-table, its one turf unit, and Mike's sub-table without a program. */
  programId: number;
  unitId: number;
  freeSubTableId: number;
  /** A pending invitation's one-time token. */
  token: string;
  /** Papa's private note on Kilo, and Quebec's. */
  papaNote: string;
  quebecNote: string;
  users: Record<Exclude<Who, "out">, { id: number; email: string }>;
  /** Shifts (issue 5): on Kilo's program, a shift hosted by Alpha with Bravo co-hosting, Alpha's calendar feed token. */
  shiftId: number;
  /** A past copy of the shift, same hosts: the one-screen attendance is taken on it. */
  heldShiftId: number;
  feedToken: string;
  /** Issue 17: Quebec's open concern about Kilo's sub-table. */
  concernId: number;
  /** Issue 17: an outside endorsement of Kilo added by Papa's representative. */
  outsideId: number;

  /** Issue 17, members write too: the table's question, Quebec's proposed question, Papa's own question. */
  questionId: number;
  proposedQuestionId: number;
  papaQuestionId: number;
  /** Papa's proposed agenda item; Quebec's proposed change to Kilo's sub-table agreement (version 1). */
  agendaProposalId: number;
  agreementProposalId: number;
  /** Papa's representative's comment on Kilo. */
  commentId: number;
  /** Mail (issue 14): a message in the outbox; the shift's public page (its plain link) and a volunteer's own sign-up. */
  messageId: number;
  shareToken: string;
  eventToken: string;
  cancelToken: string;
  /** The representative's one-click unsubscribe secret. */
  unsubscribeToken: string;
};

let template: Buffer | null = null;
let world: RoleWorld | null = null;

function build(): { db: Db; world: RoleWorld } {
  const db = useFreshDb();
  const testAdmin = db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "admin@example.test") }).sync()!;
  const actor = { id: testAdmin.id, name: testAdmin.name };

  const t = buildCoalition(db, actor, { name: "Tango Table", threshold: 2 });
  const u = buildCoalition(db, actor, { name: "Uniform Table" });
  const papa = buildPartner(db, actor, t.id, { name: "Papa Alliance", shortName: "PAPA" });
  const quebec = buildPartner(db, actor, t.id, { name: "Quebec Union", shortName: "QUEB" });
  buildPartner(db, actor, u.id, { name: "Uniform Org", shortName: "UNIF" });
  const alpha = buildAffiliate(db, actor, t.id, papa.id, { name: "Alpha Chapter", state: "PA", districts: ["07"] });
  const bravo = buildAffiliate(db, actor, t.id, quebec.id, { name: "Bravo Chapter", state: "PA", districts: ["07"] });
  const race = buildRace(db, actor, t.id, { state: "PA", district: "07" });
  const kilo = buildCandidate(db, actor, t.id, race.id, { name: "Kilo Candidate" });
  const lima = buildCandidate(db, actor, t.id, race.id, { name: "Lima Candidate" });
  // Joint field work (issue 5): a second sub-table (Mike, in PA-08, endorsed by two partners
  // without accounts here) with no program yet, for starting one.
  const race8 = buildRace(db, actor, t.id, { state: "PA", district: "08" });
  const mike = buildCandidate(db, actor, t.id, race8.id, { name: "Mike Contender" });
  const romeo = buildPartner(db, actor, t.id, { name: "Romeo Fund", shortName: "RMEO" });
  const victor = buildPartner(db, actor, t.id, { name: "Victor Fund", shortName: "VICT" });
  stance(db, actor, t.id, mike.id, romeo.id, "endorsed");
  const formed8 = stance(db, actor, t.id, mike.id, victor.id, "endorsed");
  if (!formed8.ok || formed8.subTable.kind !== "form" || !formed8.subTable.subCoalitionId) throw new Error("expected Mike's sub-table to form");
  const papaNote = "Papa private reasoning: the board split 5-4.";
  const quebecNote = "Quebec private reasoning: members polled.";
  stance(db, actor, t.id, kilo.id, papa.id, "endorsed", { note: papaNote, notePrivate: true });
  const formed = stance(db, actor, t.id, kilo.id, quebec.id, "endorsed", { note: quebecNote, notePrivate: true });
  if (!formed.ok || formed.subTable.kind !== "form" || !formed.subTable.subCoalitionId) throw new Error("expected Kilo's sub-table to form");
  // Joint field work (issue 5): a program on Kilo's sub-table with one unit of turf.
  const program = buildProgram(db, actor, t.id, formed.subTable.subCoalitionId, { startDate: "2026-10-01", endDate: "2027-05-18" });
  const unit = addUnit(db, actor, { coalitionId: t.id, programId: program.id, code: "W-1", kind: "walk_packet", name: "Ward 1", size: 120, state: "PA", district: "07", county: "Lehigh", precinct: null });
  if (!unit.ok) throw new Error("expected a turf unit");

  const person = (key: string, grants: { role: Role; coalitionId?: number; partnerId?: number; affiliateId?: number }[], isAdmin = false) => {
    const email = `${key.toLowerCase()}@example.test`;
    const user = createUserWithPassword(db, { name: key, email, password: PASSWORD, isAdmin });
    for (const g of grants) grantRole(db, actor, user.id, g);
    return { id: user.id, email };
  };
  // Issue 13: a regional ally in Kilo's program, its lead with an account (only that program's pages)
  const ally = inviteAlly(db, actor, { coalitionId: t.id, programId: program.id, name: "Sierra Neighbors", legalType: "c4", state: "PA", leadName: "Sal", leadEmail: "sal.invited@example.test" });
  if (!ally.ok) throw new Error("expected an ally");
  const users: RoleWorld["users"] = {
    admin: person("Ada", [], true),
    facilitator: person("Fran", [{ role: "facilitator", coalitionId: t.id }]),
    otherFacilitator: person("Otto", [{ role: "facilitator", coalitionId: u.id }]),
    rep: person("Rita", [{ role: "partner_rep", coalitionId: t.id, partnerId: papa.id }]),
    counsel: person("Cole", [{ role: "counsel", coalitionId: t.id, partnerId: papa.id }]),
    lead: person("Lena", [{ role: "affiliate_lead", coalitionId: t.id, affiliateId: alpha.id }]),
    otherRep: person("Quinn", [{ role: "partner_rep", coalitionId: t.id, partnerId: quebec.id }]),
    noRole: person("Nobody", []),
    allyLead: person("Sal", [{ role: "affiliate_lead", coalitionId: t.id, affiliateId: ally.affiliateId }]),
  };

  // Rule F6: each seated member has a policy its people have acknowledged, so race pages open.
  const papaPolicy = publishPolicy(db, actor, { partnerId: papa.id, title: "Papa firewall policy", body: "Papa keeps its independent-side staff away from any campaign's plans." });
  const quebecPolicy = publishPolicy(db, actor, { partnerId: quebec.id, title: "Quebec firewall policy", body: "Quebec keeps its independent-side staff away from any campaign's plans." });
  if (!papaPolicy.ok || !quebecPolicy.ok) throw new Error("expected policies");
  for (const who of ["rep", "counsel", "lead"] as const) acknowledgePolicy(db, { id: users[who].id, name: who }, { policyId: papaPolicy.policy.id, version: 1 });
  acknowledgePolicy(db, { id: users.otherRep.id, name: "Quinn" }, { policyId: quebecPolicy.policy.id, version: 1 });

  const invited = createInvitation(
    db,
    actor,
    { email: "invitee@example.test", name: "Ina Invitee", role: "partner_rep", coalitionId: t.id, partnerId: quebec.id, affiliateId: null },
    "test",
  );
  if (!invited.ok) throw new Error("expected an invitation");

  const meeting = buildMeeting(db, actor, t.id, { title: "Tango meeting" });
  publishAgenda(db, actor, { coalitionId: t.id, meetingId: meeting.id });
  const actionItem = buildActionItem(db, actor, t.id, meeting.id, { partnerId: papa.id, affiliateId: null }, { text: "Papa sends the list" });
  const agreed = saveAgreementVersion(db, actor, t.id, formed.subTable.subCoalitionId, { decidesTogether: "Turf", eachKeeps: "Stance", workAndCredit: "Pledges", actingAlone: "Tell the table" });
  if (!agreed.ok) throw new Error("expected an agreement");
  const shift = buildShift(db, actor, t.id, program.id, alpha.id, { coHostIds: [bravo.id], startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T12:00" });
  // a copy of it that has already been held (attendance is taken once a shift has started): same hosts, a past day
  const heldShiftId = Number(
    db.$client
      .prepare("insert into shifts (program_id, host_affiliate_id, work_type, title, starts_at, ends_at, location, capacity, notes, created_by) select program_id, host_affiliate_id, work_type, 'Held shift', '2026-03-14T09:00', '2026-03-14T12:00', location, capacity, notes, created_by from shifts where id = ?")
      .run(shift.id).lastInsertRowid,
  );
  db.$client.prepare("insert into shift_co_hosts (shift_id, affiliate_id) values (?, ?)").run(heldShiftId, bravo.id);
  const feed = createFeed(db, actor, { affiliateId: alpha.id });
  const concern = raiseConcern(db, actor, { coalitionId: t.id, partnerId: quebec.id, about: { subject: "sub_table", id: formed.subTable.subCoalitionId }, concern: "Turf split", reason: "Bravo was left out.", sourceKind: "research", sourceUrl: null, capturedAt: null });
  if (!concern.ok) throw new Error("expected a concern");
  const outside = addOutsideSupport(db, { id: users.rep.id, name: "Rita" }, { coalitionId: t.id, candidateId: kilo.id, partnerId: papa.id, kind: "union", name: "Steelworkers Local 9", sourceUrl: "https://example.org/local-9", endorsedOn: "2026-11-15", note: null, today: "2026-11-20" });
  if (!outside.ok) throw new Error("expected an outside endorsement");

  const question = addQuestion(db, actor, { coalitionId: t.id, text: "Will you back Medicare for All?" });
  const proposedQuestion = proposeQuestion(db, actor, { coalitionId: t.id, partnerId: quebec.id, text: "Will you refuse corporate PAC money?", why: null, own: false });
  const papaQuestion = proposeQuestion(db, actor, { coalitionId: t.id, partnerId: papa.id, text: "Will you meet Papa's members?", why: null, own: true });
  if (!question.ok || !proposedQuestion.ok || !papaQuestion.ok) throw new Error("expected questions");
  const agendaProposal = proposeAgendaItem(db, actor, { coalitionId: t.id, partnerId: papa.id, title: "Housing platform", why: "Members ask for it." });
  const agreementProposal = proposeAgreementChange(db, actor, {
    coalitionId: t.id,
    subCoalitionId: formed.subTable.subCoalitionId,
    partnerId: quebec.id,
    baseVersionId: agreed.version.id,
    decidesTogether: "Turf and the budget",
    eachKeeps: "Stance",
    workAndCredit: "Pledges",
    actingAlone: "Tell the table",
    why: "The budget is joint.",
  });
  if (!agendaProposal.ok || !agreementProposal.ok) throw new Error("expected proposals");
  const comment = addComment(db, { id: users.rep.id, name: "Rita" }, { coalitionId: t.id, on: { candidateId: kilo.id }, partnerId: papa.id, body: "Strong on housing", sourceKind: "research", sourceUrl: null, capturedAt: null });
  if (!comment.ok) throw new Error("expected a comment");
  const messageId = enqueueMail(db, { kind: "test", to: "someone@example.test", subject: "A test message", text: "Hello" })!;
  if (!publishShift(db, actor, { coalitionId: t.id, programId: program.id, shiftId: shift.id, publish: true }).ok) throw new Error("expected to publish");
  // F6 for the ally (after the outbox message above, whose id the outbox rule names)
  const allyPolicy = publishPolicy(db, actor, { partnerId: ally.partnerId, title: "Sierra firewall policy", body: "Sierra keeps its staff away from any campaign's plans." });
  if (!allyPolicy.ok) throw new Error("expected the ally's policy");
  acknowledgePolicy(db, { id: users.allyLead.id, name: "Sal" }, { policyId: allyPolicy.policy.id, version: 1 });
  const shareToken = db.$client.prepare("select token from shift_links where shift_id = ? and affiliate_id is null").pluck().get(shift.id) as string;
  const eventToken = db.$client.prepare("select token from program_links where program_id = ? and affiliate_id is null").pluck().get(program.id) as string;
  const volunteer = publicSignUp(db, null, { shareToken, base: "http://localhost", volunteerName: "Vera Volunteer", email: "vera@example.test", phone: null });
  if (!volunteer.ok) throw new Error("expected a public sign-up");
  // a dead letter the admin can put back in the queue; a notification each person can mark read
  db.$client.prepare("update outbox set status = 'dead', attempts = 5 where id = ?").run(messageId);
  for (const u of Object.values(users)) db.$client.prepare("insert into notifications (user_id, kind, title, created_at) values (?, 'sub_table_formed', 'A sub-table formed', '2026-11-20T12:00:00.000Z')").run(u.id);
  const unsubscribeToken = "rep-unsubscribe-secret-0001";
  db.$client.prepare("insert or replace into unsubscribe_tokens (user_id, token) values (?, ?)").run(users.rep.id, unsubscribeToken);

  // issue 16: Lima withdrew from the primary, so the review lists the race and takes lessons on it
  db.$client
    .prepare("insert into election_results (race_id, election, candidate_id, votes, outcome, source_url, source_date, recorded_by, recorded_at) values (?, 'primary', ?, 0, 'withdrew', 'https://news.example.org/lima', '2026-11-20', ?, '2026-11-20T12:00:00.000Z')")
    .run(race.id, lima.id, users.facilitator.id);
  const world: RoleWorld = {
    coalitionId: t.id,
    otherCoalitionId: u.id,
    partnerId: papa.id,
    otherPartnerId: quebec.id,
    policyId: papaPolicy.policy.id,
    affiliateId: alpha.id,
    allyAffiliateId: ally.affiliateId,
    allyPartnerId: ally.partnerId,
    otherAffiliateId: bravo.id,
    raceId: race.id,
    candidateId: kilo.id,
    otherCandidateId: lima.id,
    subTableId: formed.subTable.subCoalitionId,
    meetingId: meeting.id,
    actionItemId: actionItem.id,
    agreementVersionId: agreed.version.id,
    programId: program.id,
    unitId: unit.unit.id,
    freeSubTableId: formed8.subTable.subCoalitionId,
    token: invited.token,
    papaNote,
    quebecNote,
    users,
    shiftId: shift.id,
    heldShiftId,
    feedToken: feed.token,
    concernId: concern.concern.id,
    outsideId: outside.support.id,

    questionId: question.question.id,
    proposedQuestionId: proposedQuestion.question.id,
    papaQuestionId: papaQuestion.question.id,
    agendaProposalId: agendaProposal.proposal.id,
    agreementProposalId: agreementProposal.proposal.id,
    commentId: comment.comment.id,
    messageId,
    shareToken,
    eventToken,
    cancelToken: volunteer.cancelToken,
    unsubscribeToken,
  };
  return { db, world };
}

/**
 * A fresh copy of the role world wired into getDb(), with `who` signed in. The first call
 * builds the world; later calls copy its database.
 */
export function roleWorld(who: Who = "admin"): { db: Db; w: RoleWorld } {
  if (!template || !world) {
    const built = build();
    world = built.world;
    template = built.db.$client.serialize();
  }
  const sqlite = new Database(template);
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema }) as Db;
  setDb(db);
  signAs(db, world, who);
  return { db, w: world };
}

/** Switches who makes the next requests. */
export function signAs(db: Db, w: RoleWorld, who: Who): void {
  signInAs(db, who === "out" ? null : w.users[who].id);
}

/** Routes that act on another of the world's rows than the shared params name. */
const PARAMS_FOR_FILE: Record<string, (w: RoleWorld) => Record<string, string>> = {
  // attendance is taken once a shift has started: the held copy
  "tables.$coalitionId.programs.$programId.shifts.$shiftId_.attendance.tsx": (w) => ({ shiftId: String(w.heldShiftId) }),
};

/** Route params naming the world's rows (for `file`, its own where PARAMS_FOR_FILE says). */
export function routeParams(w: RoleWorld, file?: string): Record<string, string> {
  return {
    ...sharedParams(w),
    ...(file && PARAMS_FOR_FILE[file] ? PARAMS_FOR_FILE[file](w) : {}),
  };
}

function sharedParams(w: RoleWorld): Record<string, string> {
  return {
    coalitionId: String(w.coalitionId),
    partnerId: String(w.partnerId),
    affiliateId: String(w.affiliateId),
    raceId: String(w.raceId),
    candidateId: String(w.candidateId),
    subTableId: String(w.subTableId),
    meetingId: String(w.meetingId),
    programId: String(w.programId),
    token: w.token,
    shiftId: String(w.shiftId),
    feedToken: w.feedToken,
    messageId: String(w.messageId),
    shareToken: w.shareToken,
    eventToken: w.eventToken,
    cancelToken: w.cancelToken,
    unsubscribeToken: w.unsubscribeToken,
  };
}

// ---- the route list ------------------------------------------------------------------

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

/** Every route module file in app/routes, read from the directory. */
export const ROUTE_FILES = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /\.[jt]sx?$/.test(f))
  .sort();

export type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
};

export async function importRoute(file: string): Promise<RouteModule> {
  return (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as RouteModule;
}

/** A flat-route file's URL segments; "[.]" is an escaped dot ("calendar.$feedToken[.]ics.tsx" → ["calendar", "$feedToken.ics"]). */
function segmentsOf(file: string): string[] {
  return file
    .replace(/\.[jt]sx?$/, "")
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .map((s) => s.replace(/\u0000/g, "."));
}

/** "tables.$coalitionId.candidates.$candidateId._index.tsx" → ["coalitionId", "candidateId"] */
export function paramNames(file: string): string[] {
  return segmentsOf(file)
    .filter((s) => s.startsWith("$"))
    .map((s) => s.slice(1).replace(/\..*$/, "").replace(/_$/, "")); // $raceId_: a param outside its parent's layout
}

/** The URL a flat-route file answers, with the given params filled in. */
export function urlFor(file: string, params: Record<string, string>): string {
  const segments = segmentsOf(file)
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? s.replace(/^\$([^.]*?)_?(?![^.])/, (_, name: string) => encodeURIComponent(params[name] ?? "")) : s));
  return `/${segments.join("/")}`;
}

// ---- what came back ------------------------------------------------------------------

export type Answer = { status: number; location: string | null; body: string; data: unknown };

/** Runs a loader or action and says what it answered, thrown or returned, body included. */
export async function answer(p: Promise<unknown>): Promise<Answer> {
  let value: unknown;
  try {
    value = await p;
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    return { status: value.status, location: value.headers.get("Location"), body: await value.text(), data: null };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init: ResponseInit | null };
    return { status: v.init?.status ?? 200, location: null, body: JSON.stringify(v.data), data: v.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, location: null, body: JSON.stringify(value), data: value };
}

/** The audit rows that record a denial, oldest first. */
export function denials(db: Db): { actorId: number | null; action: string; detail: string }[] {
  return db.$client.prepare("select actor_id as actorId, action, detail from audit_log where decision = 'deny' order by id").all() as never;
}
