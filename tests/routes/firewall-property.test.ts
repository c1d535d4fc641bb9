/**
 * Rule F2 as a property: for generated tables (members of every legal type, sides set per
 * race by counsel, profile notes and stance notes from every source, people holding random
 * roles), every loader's data for every person on the independent side of a race holds no
 * campaign content about that race (profile notes, stance notes, campaign-contact notes,
 * meeting notes, members' concerns, questionnaire answers, comments on candidates and sub-tables, in pages and in the Markdown export).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import type { Account } from "../../app/domain/vocabulary";
import { LEGAL_TYPES, NOTIFICATION_KINDS, type LegalType } from "../../app/domain/vocabulary";
import { SOURCE_KINDS, type SourceKind } from "../../app/domain/vocabulary";
import { accountsOf, sideOf, sidesAllowed, type Side } from "~/domain/firewall";
import { grantRole } from "~/models/accounts.server";
import { setSide } from "~/models/sides.server";
import { addAgendaItem, addAgendaNote, publishAgenda } from "~/models/agendas.server";
import { raiseConcern } from "~/models/concerns.server";
import { addLesson } from "~/models/lessons.server";

import { addQuestion, recordAnswer } from "~/models/questions.server";
import { addComment } from "~/models/comments.server";
import { recordContact } from "~/models/campaign-contacts.server";
import { contactForm } from "~/domain/firewall-forms";
import * as hub from "~/routes/tables.$coalitionId.firewall._index";
import { buildActionItem, buildAffiliate, buildCandidate, buildMeeting, buildCoalition, buildPartner, buildPolicy, buildProfileItem, buildRace, stance } from "../factories";
import { getRequest, signInAs, withCookie } from "./helpers";
import { answer, importRoute, paramNames, ROUTE_FILES, urlFor } from "./roles";
import { freshDb } from "./support";

const memberArb = fc.record({ legalType: fc.constantFrom(...LEGAL_TYPES), chapterType: fc.constantFrom<LegalType | null>(null, null, "c3", "pac") });
const noteArb = fc.record({ source: fc.constantFrom(...SOURCE_KINDS), race: fc.nat(), candidate: fc.nat() });
const stanceArb = fc.record({ member: fc.nat(), race: fc.nat(), candidate: fc.nat(), source: fc.constantFrom(...SOURCE_KINDS), endorse: fc.boolean() });
const grantArb = fc.record({ role: fc.constantFrom("partner_rep", "counsel", "affiliate_lead"), member: fc.nat() });
const worldArb = fc.record({
  members: fc.array(memberArb, { minLength: 2, maxLength: 5 }),
  races: fc.integer({ min: 1, max: 3 }),
  coordinate: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  notes: fc.array(noteArb, { minLength: 1, maxLength: 8 }),
  stances: fc.array(stanceArb, { maxLength: 8 }),
  people: fc.array(fc.array(grantArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
});

type Generated = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/** The marker every campaign note about a race carries. */
const marker = (raceId: number) => `CAMPAIGN-MARK-R${raceId}-`;

function build(g: Generated) {
  const { db, actor } = freshDb();
  const table = buildCoalition(db, actor, { threshold: 2 });
  const members = g.members.map((m, i) => {
    const partner = buildPartner(db, actor, table.id, { legalType: m.legalType, name: `Member ${i}`, shortName: `M${i}` });
    const chapter = buildAffiliate(db, actor, table.id, partner.id, { name: `Chapter ${i}`, state: "PA", districts: ["07"], legalType: m.chapterType });
    return { partner, chapter, legalType: m.legalType, chapterType: m.chapterType ?? m.legalType };
  });
  const races = Array.from({ length: g.races }, (_, i) => buildRace(db, actor, table.id, { state: "PA", district: String(i + 1).padStart(2, "0") }));
  const candidates = races.map((r, i) => [buildCandidate(db, actor, table.id, r.id, { name: `Candidate ${i}A` }), buildCandidate(db, actor, table.id, r.id, { name: `Candidate ${i}B` })]);
  // counsel's side settings, where allowed
  const settings = new Map<string, Side>();
  let k = 0;
  for (const m of members)
    for (const race of races)
      for (const account of accountsOf(m.legalType) as Account[])
        if (sidesAllowed(m.legalType, account).includes("coordinated") && g.coordinate[k++ % g.coordinate.length]) {
          setSide(db, actor, table.id, { partnerId: m.partner.id, raceId: race.id, account, side: "coordinated", reason: null });
          settings.set(`${m.partner.id}:${race.id}:${account}`, "coordinated");
        }
  const text = (source: SourceKind, raceId: number, n: number) => (source === "campaign" ? `${marker(raceId)}${n} the campaign's field plan` : `Ordinary ${source} note ${n}`);
  g.notes.forEach((n, i) => {
    const ri = n.race % races.length;
    const c = candidates[ri][n.candidate % 2];
    buildProfileItem(db, actor, table.id, c.id, { body: text(n.source, races[ri].id, i), sourceKind: n.source, sourceUrl: n.source === "public" ? "https://example.com/n" : null, capturedAt: n.source === "public" ? "2026-10-01" : null });
  });
  // campaign contacts: their notes are what the campaign said (campaign information about the race)
  g.notes.forEach((n, i) => {
    if (i % 3 !== 0) return;
    const ri = n.race % races.length;
    const input = contactForm.parse({ raceId: String(races[ri].id), candidateId: "", contactDate: "2026-09-01", topic: `Call ${i}`, plansOrNeeds: i % 2 ? "on" : "", notes: `${marker(races[ri].id)}contact-${i} the campaign's needs`, others: "Guest Person <guest@example.org>" });
    const r = recordContact(db, actor, table.id, input, new Date("2026-09-01T12:00:00Z"));
    if (!r.ok) throw new Error(r.message);
  });
  // a published meeting: one agenda item per race, and one about a candidate, with notes from every source
  const meeting = buildMeeting(db, actor, table.id, { title: "Generated meeting" });
  g.notes.forEach((n, i) => {
    const ri = n.race % races.length;
    const about = i % 2 ? { raceId: races[ri].id, candidateId: null } : { raceId: null, candidateId: candidates[ri][n.candidate % 2].id };
    const item = addAgendaItem(db, actor, { coalitionId: table.id, meetingId: meeting.id, title: `Item ${i}`, ...about });
    if (!item.ok) throw new Error(item.message);
    const note = addAgendaNote(db, actor, { coalitionId: table.id, meetingId: meeting.id, itemId: item.item.id, body: text(n.source, races[ri].id, 200 + i), sourceKind: n.source, sourceUrl: n.source === "public" ? "https://example.com/m" : null, capturedAt: n.source === "public" ? "2026-10-01" : null });
    if (!note.ok) throw new Error(note.message);
  });
  // members' concerns (issue 17) about candidates, raised while the agenda is a draft (so they go onto it), their words from every source
  const concernSource = (source: SourceKind) => ({ sourceKind: source, sourceUrl: source === "public" ? "https://example.com/c" : null, capturedAt: source === "public" ? "2026-10-01" : null });
  g.notes.forEach((n, i) => {
    const ri = n.race % races.length;
    const c = candidates[ri][(n.candidate + 1) % 2];
    const words = text(n.source, races[ri].id, 300 + i);
    const r = raiseConcern(db, actor, { coalitionId: table.id, partnerId: members[i % members.length].partner.id, about: { subject: "candidate", id: c.id }, concern: words, reason: words, ...concernSource(n.source) }, new Date("2026-11-01T12:00:00Z"));
    if (r.ok && r.meetingId !== meeting.id) throw new Error("expected the concern on the generated meeting's draft agenda");
    if (!r.ok) throw new Error(r.message);
  });
  publishAgenda(db, actor, { coalitionId: table.id, meetingId: meeting.id });
  // the cycle review's lessons (issue 16), on races with a result, their words from every source
  for (const [ri, r] of races.entries())
    db.$client
      .prepare("insert into election_results (race_id, election, candidate_id, votes, outcome, source_url, source_date, recorded_by, recorded_at) values (?, 'primary', ?, 0, 'withdrew', 'https://example.com/r', '2026-10-01', ?, '2026-10-01T12:00:00.000Z')")
      .run(r.id, candidates[ri][0].id, actor.id);
  g.notes.forEach((n, i) => {
    const ri = n.race % races.length;
    const l = addLesson(db, actor, { coalitionId: table.id, raceId: races[ri].id, scope: i % 2 ? "race" : "both", body: text(n.source, races[ri].id, 400 + i), ...concernSource(n.source) });
    if (!l.ok) throw new Error(l.message);
  });

  // the questionnaire's answers (issue 17): what a campaign gave the table carries the race's marker; what it published, none
  const questionIds = ["Generated question A", "Generated question B"].map((q) => {
    const r = addQuestion(db, actor, { coalitionId: table.id, text: q });
    if (!r.ok) throw new Error(r.message);
    return r.question.id;
  });
  g.notes.forEach((n, i) => {
    const ri = n.race % races.length;
    const source = n.source === "research" ? "public" : n.source;
    const r = recordAnswer(db, actor, {
      coalitionId: table.id,
      questionId: questionIds[i % 2],
      candidateId: candidates[ri][n.candidate % 2].id,
      body: text(source, races[ri].id, 500 + i),
      sourceKind: source,
      sourceUrl: source === "public" ? "https://example.com/a" : null,
      capturedAt: source === "public" ? "2026-10-01" : null,
    });
    if (!r.ok) throw new Error(r.message);
  });
  g.stances.forEach((s, i) => {
    const m = members[s.member % members.length];
    const ri = s.race % races.length;
    stance(db, actor, table.id, candidates[ri][s.candidate % 2].id, m.partner.id, s.endorse ? "endorsed" : "considering", { note: text(s.source, races[ri].id, 100 + i), noteSource: s.source });
  });
  // people, each with an acknowledged policy for every member so race pages open
  const people = g.people.map((grants, i) => {
    const u = db.insert(users).values({ name: `Person ${i}`, email: `person${i}@example.org` }).returning().get();
    const acts: { legalType: LegalType; partnerId: number }[] = [];
    for (const gr of grants) {
      const m = members[gr.member % members.length];
      if (gr.role === "affiliate_lead") {
        grantRole(db, actor, u.id, { role: "affiliate_lead", affiliateId: m.chapter.id });
        acts.push({ legalType: m.chapterType, partnerId: m.partner.id });
      } else {
        grantRole(db, actor, u.id, { role: gr.role, partnerId: m.partner.id });
        acts.push({ legalType: m.legalType, partnerId: m.partner.id });
      }
    }
    return { id: u.id, acts };
  });
  for (const m of members) buildPolicy(db, actor, m.partner.id, people.map((p) => p.id));
  const facilitator = db.insert(users).values({ name: "Neutral Facilitator", email: "fac@example.org" }).returning().get();
  grantRole(db, actor, facilitator.id, { role: "facilitator", coalitionId: table.id });
  /** Independently of the gate: is this person on the independent side (or none) of the race? */
  const walledIn = (p: (typeof people)[number], raceId: number) =>
    p.acts.some((a) => (accountsOf(a.legalType) as Account[]).some((account) => sideOf(a.legalType, account, settings.get(`${a.partnerId}:${raceId}:${account}`) ?? null) !== "coordinated"));
  const subTables = db.query.subCoalitions.findMany().sync();
  // concerns about the sub-tables (issue 17): waiting for the next agenda, shown on the sub-table's page
  subTables.forEach((sub, i) => {
    const n = g.notes[i % g.notes.length];
    const raceId = db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.id, sub.candidateId) }).sync()!.raceId;
    const words = text(n.source, raceId, 400 + i);
    const r = raiseConcern(db, actor, { coalitionId: table.id, partnerId: members[i % members.length].partner.id, about: { subject: "sub_table", id: sub.id }, concern: words, reason: words, ...concernSource(n.source) });
    if (!r.ok) throw new Error(r.message);
  });
  // comments (issue 17) on candidates and on sub-tables, from every source
  g.notes.forEach((n, i) => {
    const ri = n.race % races.length;
    const r = addComment(db, actor, { coalitionId: table.id, on: { candidateId: candidates[ri][n.candidate % 2].id }, partnerId: null, body: text(n.source, races[ri].id, 600 + i), ...concernSource(n.source) });
    if (!r.ok) throw new Error(r.message);
  });
  subTables.forEach((sub, i) => {
    const n = g.notes[i % g.notes.length];
    const raceId = db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.id, sub.candidateId) }).sync()!.raceId;
    const r = addComment(db, actor, { coalitionId: table.id, on: { subCoalitionId: sub.id }, partnerId: null, body: text(n.source, raceId, 700 + i), ...concernSource(n.source) });
    if (!r.ok) throw new Error(r.message);
  });
  return { db, table, races, candidates: candidates.flat(), members, people, facilitator, walledIn, subTables, meetingId: meeting.id };
}

/** Every (url, params) each loader answers in this world: one per race, candidate, sub-table, member and chapter. */
function loaderCalls(w: ReturnType<typeof build>) {
  const values: Record<string, string[]> = {
    coalitionId: [String(w.table.id)],
    raceId: w.races.map((r) => String(r.id)),
    candidateId: w.candidates.map((c) => String(c.id)),
    subTableId: w.subTables.map((s) => String(s.id)),
    partnerId: w.members.map((m) => String(m.partner.id)),
    affiliateId: w.members.map((m) => String(m.chapter.id)),
    meetingId: [String(w.meetingId)],
  };
  const calls: { file: string; params: Record<string, string> }[] = [];
  for (const file of ROUTE_FILES) {
    const names = paramNames(file);
    if (names.some((n) => !(n in values))) continue; // routes outside a table (tokens): no race content
    let combos: Record<string, string>[] = [{}];
    for (const n of names) combos = combos.flatMap((c) => values[n].map((v) => ({ ...c, [n]: v })));
    for (const params of combos) calls.push({ file, params });
  }
  return calls;
}

async function render(file: string, params: Record<string, string>): Promise<string> {
  const mod = await importRoute(file);
  if (!mod.loader) return "";
  const url = urlFor(file, params);
  const a = await answer(mod.loader({ request: await withCookie(getRequest(url)), params, context: {} }));
  expect(a.status, `${url} answered ${a.status}: ${a.body.slice(0, 200)}`).toBeLessThan(500);
  return a.body;
}

const sqliteOf = (w: { db: { $client: import("better-sqlite3").Database } }) => w.db.$client;

describe("F2 as a property over generated tables", () => {
  it("no loader gives an independent-side person campaign content about their race; neutral staff do get it", async () => {
    let checkedWalled = 0;
    const mailKinds = new Set<string>();
    const notificationKinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(worldArb, async (g) => {
        const w = build(g);
        const calls = loaderCalls(w);
        for (const p of w.people) {
          signInAs(w.db, p.id);
          const walled = w.races.filter((r) => w.walledIn(p, r.id));
          if (walled.length === 0) continue;
          checkedWalled++;
          for (const { file, params } of calls) {
            const body = await render(file, params);
            for (const r of walled) expect(body, `${file} ${JSON.stringify(params)} leaked race ${r.id} to person ${p.id}`).not.toContain(marker(r.id));
          }
        }
        // issue 14: the mail these changes caused (notifications of sub-tables formed, joined,
        // left; digests) never carries a campaign note, to anyone
        const { outbox: outboxTable } = await import("../../db/schema");
        const { sendDigests, setPreferences } = await import("~/models/notifications.server");
        // now that the people exist: the first takes a daily digest; each endorsement is withdrawn
        // and made again, with a campaign note, so sub-tables form, lose and regain members
        setPreferences(w.db, { id: w.people[0].id, name: "" }, { sub_table_formed: "digest", sub_table_changed: "digest", stance_changed: "digest", meeting: "digest" });
        // the last member considers every candidate (with a campaign note), so it hears of the others' changes
        for (const c of w.candidates) stance(w.db, w.facilitator, w.table.id, c.id, w.members[w.members.length - 1].partner.id, "considering", { note: `${marker(c.raceId)}considering`, noteSource: "campaign" });
        for (const [i, s] of g.stances.entries()) {
          if (!s.endorse) continue;
          const ri = s.race % w.races.length;
          const candidate = w.candidates.filter((c) => c.raceId === w.races[ri].id)[s.candidate % 2];
          const partnerId = w.members[s.member % w.members.length].partner.id;
          for (const value of ["withdrawn", "endorsed"] as const) stance(w.db, w.facilitator, w.table.id, candidate.id, partnerId, value, { note: `${marker(w.races[ri].id)}again-${i}`, noteSource: "campaign" });
        }
        // the later kinds: a meeting scheduled and its agenda published (a campaign note on its
        // item), an action item assigned and overdue, a new policy version
        const { notifications: notificationsTable } = await import("../../db/schema");
        const { notifyOverdueActionItems } = await import("~/models/notification-kinds.server");
        const meeting = buildMeeting(w.db, w.facilitator, w.table.id, { title: "Next table meeting", date: `${new Date().getUTCFullYear() + 1}-03-10` });
        const mref = { coalitionId: w.table.id, meetingId: meeting.id };
        const item = addAgendaItem(w.db, w.facilitator, { ...mref, title: "Endorsements", raceId: w.races[0].id, candidateId: null });
        if (!item.ok) throw new Error("expected an agenda item");
        addAgendaNote(w.db, w.facilitator, { ...mref, itemId: item.item.id, body: `${marker(w.races[0].id)} the campaign's field plan`, sourceKind: "campaign", sourceUrl: null, capturedAt: null });
        publishAgenda(w.db, w.facilitator, mref);
        buildActionItem(w.db, w.facilitator, w.table.id, meeting.id, { partnerId: w.members[0].partner.id, affiliateId: null }, { text: "Send the list", dueDate: "2026-01-01" });
        notifyOverdueActionItems(w.db, new Date());
        buildPolicy(w.db, w.facilitator, w.members[w.members.length - 1].partner.id, [], { title: "Version two" });
        sendDigests(w.db, new Date("2099-01-01T12:00:00Z"));
        for (const m of w.db.select().from(outboxTable).all()) {
          mailKinds.add(m.kind);
          for (const r of w.races) expect(`${m.subject}\n${m.textBody}\n${m.headers}\n${m.ics ?? ""}`, `${m.kind} to ${m.toAddress}`).not.toContain(marker(r.id));
        }
        // and the inbox holds the same facts
        for (const n of w.db.select().from(notificationsTable).all()) {
          notificationKinds.add(n.kind);
          for (const r of w.races) expect(`${n.title}\n${n.body}\n${n.ics ?? ""}`, `${n.kind} to ${n.userId}`).not.toContain(marker(r.id));
        }
        // not vacuous: the facilitator (neutral staff) sees campaign notes on the candidate pages
        signInAs(w.db, w.facilitator.id);
        const contacts = await render("tables.$coalitionId.firewall.contacts.tsx", { coalitionId: String(w.table.id) });
        for (const n of g.notes.filter((_, i) => i % 3 === 0)) expect(contacts, "the facilitator reads contact notes").toContain(marker(w.races[n.race % w.races.length].id));
        const campaignRaces = g.notes.filter((n) => n.source === "campaign").map((n) => w.races[n.race % w.races.length].id);
        for (const raceId of new Set(campaignRaces)) {
          const bodies = await Promise.all(w.candidates.filter((c) => c.raceId === raceId).map((c) => render("tables.$coalitionId.candidates.$candidateId._index.tsx", { coalitionId: String(w.table.id), candidateId: String(c.id) })));
          expect(bodies.join(""), "the neutral facilitator sees the campaign note").toContain(marker(raceId));
        }
        // the campaign comments on candidates (issue 17), by their own numbers
        for (const [i, n] of g.notes.entries()) {
          if (n.source !== "campaign") continue;
          const ri = n.race % w.races.length;
          const c = w.candidates.filter((x) => x.raceId === w.races[ri].id)[n.candidate % 2];
          const body = await render("tables.$coalitionId.candidates.$candidateId._index.tsx", { coalitionId: String(w.table.id), candidateId: String(c.id) });
          expect(body, "the neutral facilitator reads campaign comments").toContain(`${marker(w.races[ri].id)}${600 + i} `);
        }
        // the campaign answers, side by side on each race's answers page
        const answerRaces = new Set(sqliteOf(w).prepare("select distinct race_id from question_answers where source_kind = 'campaign'").pluck().all() as number[]);
        for (const raceId of answerRaces) {
          const grid = await render("tables.$coalitionId.races.$raceId_.answers.tsx", { coalitionId: String(w.table.id), raceId: String(raceId) });
          expect(grid, "the neutral facilitator reads campaign answers").toContain(marker(raceId));
        }
        // and the campaign concerns, on the table's concerns page
        const concernsPage = await render("tables.$coalitionId.concerns.tsx", { coalitionId: String(w.table.id) });
        for (const raceId of new Set(campaignRaces)) expect(concernsPage, "the neutral facilitator reads campaign concerns").toContain(marker(raceId));
      }),
      { numRuns: 20, seed: 20261122 },
    );
    expect(checkedWalled).toBeGreaterThan(5);
    expect([...mailKinds].sort()).toEqual(["digest", "notification"]);
    // not vacuous: every kind of notification to people at the table was made and checked (sign-ups: below)
    expect([...notificationKinds].sort()).toEqual(NOTIFICATION_KINDS.filter((k) => k !== "shift_signups").sort());
    expect(hub.loader).toBeTypeOf("function");
  }, 240_000);
});

// ---------------------------------------------------------------- issue 14: the mail

/**
 * F2 reaches the mail: for generated shifts (campaign-sourced hosts' notes and program
 * materials on the race, any host, place or call link) and a generated run of what can happen
 * (volunteers signing up through any link, some walled and held, cancelling, leads cancelling,
 * the shift moved or cancelled, reminders falling due), no message in the outbox, of any kind the
 * app sends, and no public page carries the campaign content; and every message is only about the
 * shift's own logistics.
 */
const stepArb = fc.oneof(
  fc.record({ op: fc.constant("signup" as const), link: fc.nat(), walled: fc.boolean() }),
  fc.record({ op: fc.constant("cancel" as const), who: fc.nat() }),
  fc.record({ op: fc.constant("leadCancel" as const), who: fc.nat() }),
  fc.record({ op: fc.constant("move" as const), hours: fc.integer({ min: 1, max: 48 }) }),
  fc.record({ op: fc.constant("remind" as const), hoursBefore: fc.constantFrom(30, 23, 1.5) }),
  fc.record({ op: fc.constant("cancelShift" as const) }),
);
const mailWorldArb = fc.record({ place: fc.constantFrom("hall", "virtual", "none"), steps: fc.array(stepArb, { minLength: 1, maxLength: 12 }) });

describe("F2 over every message the app sends (issue 14)", () => {
  it("no volunteer message or public page carries campaign content", async () => {
    const { publishShift, publicShift, publicSignUp, cancelByToken } = await import("~/models/public-shifts.server");
    const { scheduleReminders } = await import("~/models/reminders.server");
    const { updateShift, cancelShift } = await import("~/models/shifts.server");
    const { cancelSignup } = await import("~/models/signups.server");
    const { addMaterial } = await import("~/models/program-materials.server");
    const { addWall } = await import("~/models/walls.server");
    const { wallForm } = await import("~/domain/firewall-forms");
    const { parseForm } = await import("~/domain/forms");
    const { outbox, signups } = await import("../../db/schema");
    const { buildProgramWorld, buildShift, shiftInput } = await import("../factories");
    const { MAIL_KINDS } = await import("~/domain/vocabulary");
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(mailWorldArb, async (g) => {
        const { db, actor } = freshDb();
        const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
        const mark = marker(w.race.id);
        const place = g.place === "hall" ? { location: "Union hall", callLink: null } : g.place === "virtual" ? { location: null, callLink: "https://meet.example.org/x" } : { location: null, callLink: null };
        const input = shiftInput(w.affiliates[0].id, { startsAt: "2027-04-17T09:00", endsAt: "2027-04-17T12:00", notes: `${mark} the campaign wants ward 5`, coHostIds: [w.affiliates[1].id], ...place });
        const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.affiliates[0].id, input);
        const ref = { coalitionId: w.coalition.id, programId: w.program.id, shiftId: shift.id };
        addMaterial(db, actor, w.coalition.id, w.program.id, { kind: "talking_points", title: `${mark} talking points`, body: `${mark} from the campaign`, sourceKind: "campaign", sourceUrl: null, capturedAt: null } as never);
        const wall = parseForm(wallForm, { partnerId: String(w.affiliates[1].partnerId), personName: "Pat Hidden", email: "hidden@example.test", reason: "candidate_service", raceId: String(w.race.id), startDate: "2026-01-01", lastServiceDate: "2027-03-01" });
        if (!wall.ok || !addWall(db, actor, w.coalition.id, wall.data).ok) throw new Error("expected a wall");
        // the host's leads hear of sign-ups: one at once, one in the daily digest
        const { grantRole: grant } = await import("~/models/accounts.server");
        const { setPreferences, sendDigests } = await import("~/models/notifications.server");
        for (const [i, name] of ["Hana Host", "Dee Digest"].entries()) {
          const u = db.insert(users).values({ name, email: `${name.split(" ")[0].toLowerCase()}@example.test` }).returning().get();
          grant(db, actor, u.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId: w.affiliates[0].id });
          if (i === 1) setPreferences(db, { id: u.id, name }, { shift_signups: "digest" });
        }
        expect(publishShift(db, actor, { ...ref, publish: true }, new Date("2027-04-01T00:00:00Z")).ok).toBe(true);
        const links = db.$client.prepare("select token from shift_links where shift_id = ? order by id").pluck().all(shift.id) as string[];
        const tokens: string[] = [];
        let startsAt = Date.parse("2027-04-17T13:00:00Z");
        let n = 0;
        for (const s of g.steps) {
          const now = new Date("2027-04-02T12:00:00Z");
          if (s.op === "signup") {
            const r = publicSignUp(db, null, { shareToken: links[s.link % links.length], base: "http://localhost", volunteerName: s.walled ? "Pat Hidden" : `V ${n}`, email: s.walled ? "hidden@example.test" : `v${n++}@example.test`, phone: null }, now);
            if (r.ok) tokens.push(r.cancelToken);
          } else if (s.op === "cancel" && tokens.length) cancelByToken(db, null, { cancelToken: tokens[s.who % tokens.length] }, now);
          else if (s.op === "leadCancel") {
            const all = db.select().from(signups).all().filter((x) => !x.cancelledAt);
            if (all.length) cancelSignup(db, actor, { ...ref, signupId: all[s.who % all.length].id }, now);
          } else if (s.op === "move") {
            startsAt += s.hours * 3_600_000;
            const local = new Date(startsAt - 4 * 3_600_000).toISOString().slice(0, 16);
            const end = new Date(startsAt - 4 * 3_600_000 + 3 * 3_600_000).toISOString().slice(0, 16);
            updateShift(db, actor, { ...ref, ...input, startsAt: local, endsAt: end }, now);
          } else if (s.op === "remind") scheduleReminders(db, new Date(startsAt - s.hoursBefore * 3_600_000));
          else cancelShift(db, actor, ref, now);
        }
        sendDigests(db, new Date("2099-01-01T12:00:00Z"));
        for (const m of db.select().from(outbox).all()) {
          kinds.add(m.kind);
          const all = `${m.subject}\n${m.textBody}\n${m.headers}\n${m.ics ?? ""}`;
          expect(all, `${m.kind} to ${m.toAddress}`).not.toContain(mark);
          // (links carry random secrets: left out of the word check)
          expect(all.replace(/https?:\/\/\S+|\{\{BASE\}\}\S*/g, "")).not.toMatch(/campaign|talking points|wall|F3|F4/i);
        }
        for (const t of links) expect(JSON.stringify(publicShift(db, "system", { shareToken: t }))).not.toContain(mark);
      }),
      { numRuns: 30, seed: 20261201 },
    );
    // not vacuous: every message kind the app sends was made and checked
    expect([...kinds].sort()).toEqual(MAIL_KINDS.filter((k) => k !== "test").sort());
  }, 240_000);
});
