/**
 * DESIGN.md "Scale": the number of SQL statements a page runs does not grow with the data.
 * Every main page (the bench's list, scripts/bench.ts) is loaded through its loader as each role
 * on the bench's national database at a small scale and at ten times it; the statement counts
 * must be equal. Counting, never timing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../db/client";
import { generateBenchData, type BenchManifest } from "../../scripts/bench-data";
import { setDb } from "~/server/db.server";
import { countStatements } from "../support/statements";
import { getRequest, signInAs } from "./helpers";

import * as home from "~/routes/tables.$coalitionId._index";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as matrixCsv from "~/routes/tables.$coalitionId.matrix[.]csv";
import * as races from "~/routes/tables.$coalitionId.races._index";
import * as race from "~/routes/tables.$coalitionId.races.$raceId";
import * as candidate from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as subTables from "~/routes/tables.$coalitionId.sub-tables._index";
import * as subTable from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import * as programs from "~/routes/tables.$coalitionId.programs._index";
import * as program from "~/routes/tables.$coalitionId.programs.$programId._index";
import * as programShifts from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as shift from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as shiftAttendance from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId_.attendance";
import * as week from "~/routes/tables.$coalitionId.shifts.week";
import * as meetings from "~/routes/tables.$coalitionId.meetings._index";
import * as meeting from "~/routes/tables.$coalitionId.meetings.$meetingId._index";
import * as firewall from "~/routes/tables.$coalitionId.firewall._index";
import * as sides from "~/routes/tables.$coalitionId.firewall.sides";
import * as audit from "~/routes/tables.$coalitionId.audit";
import * as auditCsv from "~/routes/tables.$coalitionId.audit[.]csv";
import * as feed from "~/routes/calendar.$feedToken[.]ics";
import * as myAffiliate from "~/routes/tables.$coalitionId.my-affiliate";
import * as people from "~/routes/tables.$coalitionId.people";
import * as partnersList from "~/routes/tables.$coalitionId.partners._index";
import * as partnerPage from "~/routes/tables.$coalitionId.partners.$partnerId";
import * as affiliatePage from "~/routes/tables.$coalitionId.affiliates.$affiliateId";
import * as walls from "~/routes/tables.$coalitionId.firewall.walls";
import * as vendors from "~/routes/tables.$coalitionId.firewall.vendors";
import * as contacts from "~/routes/tables.$coalitionId.firewall.contacts";
import * as overrides from "~/routes/tables.$coalitionId.firewall.overrides";
import * as policies from "~/routes/tables.$coalitionId.firewall.policies";
import * as hybridAccounts from "~/routes/tables.$coalitionId.firewall.accounts";
import * as evidencePage from "~/routes/tables.$coalitionId.firewall.evidence";
import * as firewallLengths from "~/routes/tables.$coalitionId.firewall.lengths";
import * as agreement from "~/routes/tables.$coalitionId.agreements.$subTableId";
import * as admin from "~/routes/admin";
import * as raceResults from "~/routes/tables.$coalitionId.races.$raceId_.results";
import * as credit from "~/routes/tables.$coalitionId.credit.$subTableId";
import * as cycles from "~/routes/tables.$coalitionId.candidates.$candidateId.cycles";
import * as review from "~/routes/tables.$coalitionId.review";
import * as partnerProcess from "~/routes/tables.$coalitionId.processes.$partnerId";
import * as concernsPage from "~/routes/tables.$coalitionId.concerns";
import * as outsideSupport from "~/routes/tables.$coalitionId.outside-support";
import * as capacityProfile from "~/routes/tables.$coalitionId.capacity.$partnerId";
import * as capacityCombined from "~/routes/tables.$coalitionId.capacity._index";

import * as questionnairePage from "~/routes/tables.$coalitionId.questionnaire";
import * as raceAnswers from "~/routes/tables.$coalitionId.races.$raceId_.answers";
import * as agendaProposalsPage from "~/routes/tables.$coalitionId.agenda-proposals";
import * as outboxPage from "~/routes/admin_.outbox";
import * as publicShift from "~/routes/s.$shareToken";
import * as inboxPage from "~/routes/inbox";
import * as eventPage from "~/routes/e.$eventToken";

/** Issue 14: the showcase shift's public page, published with this link in each world (see beforeAll). */
const PUBLIC_TOKEN = "bench-public-shift-link";
/** Issue 14: the showcase program's event page, with every shift of the program published (its rows grow tenfold). */
const EVENT_TOKEN = "bench-public-event-link";

type Role = "facilitator" | "rep" | "counsel" | "lead" | "admin" | "anonymous";
type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
type Page = { key: string; loader: Loader; path: (m: BenchManifest) => string; params: (m: BenchManifest) => Record<string, string>; roles: Role[] };

const ALL: Role[] = ["facilitator", "rep", "counsel"];
const t = (m: BenchManifest) => `/tables/${m.showcase.coalitionId}`;
const table = (m: BenchManifest) => ({ coalitionId: String(m.showcase.coalitionId) });
const L = (mod: { loader: unknown }) => mod.loader as Loader;

/** The bench's pages (scripts/bench.ts), by the same keys. */
export const PAGES: Page[] = [
  { key: "home", loader: L(home), path: t, params: table, roles: [...ALL, "lead"] }, // each role its own home (issue 15)
  { key: "matrix", loader: L(matrix), path: (m) => `${t(m)}/matrix`, params: table, roles: ALL },
  { key: "matrix-csv", loader: L(matrixCsv), path: (m) => `${t(m)}/matrix.csv?state=${m.showcase.bigState}`, params: table, roles: ALL },
  { key: "matrix-state", loader: L(matrix), path: (m) => `${t(m)}/matrix?state=${m.showcase.bigState}`, params: table, roles: ALL },
  { key: "races", loader: L(races), path: (m) => `${t(m)}/races`, params: table, roles: ALL },
  {
    key: "race-results",
    loader: L(raceResults),
    path: (m) => `${t(m)}/races/${m.showcase.raceId}/results`,
    params: (m) => ({ ...table(m), raceId: String(m.showcase.raceId) }),
    roles: ALL,
  },
  { key: "race", loader: L(race), path: (m) => `${t(m)}/races/${m.showcase.raceId}`, params: (m) => ({ ...table(m), raceId: String(m.showcase.raceId) }), roles: ALL },
  {
    key: "candidate",
    loader: L(candidate),
    path: (m) => `${t(m)}/candidates/${m.showcase.candidateId}`,
    params: (m) => ({ ...table(m), candidateId: String(m.showcase.candidateId) }),
    roles: ALL,
  },
  { key: "sub-tables", loader: L(subTables), path: (m) => `${t(m)}/sub-tables`, params: table, roles: ALL },
  {
    key: "sub-table",
    loader: L(subTable),
    path: (m) => `${t(m)}/sub-tables/${m.showcase.subTableId}`,
    params: (m) => ({ ...table(m), subTableId: String(m.showcase.subTableId) }),
    roles: ALL,
  },
  { key: "review", loader: L(review), path: (m) => `${t(m)}/review`, params: table, roles: ALL },
  {
    key: "candidate-cycles",
    loader: L(cycles),
    path: (m) => `${t(m)}/candidates/${m.showcase.candidateId}/cycles`,
    params: (m) => ({ ...table(m), candidateId: String(m.showcase.candidateId) }),
    roles: ALL,
  },
  {
    key: "credit",
    loader: L(credit),
    path: (m) => `${t(m)}/credit/${m.showcase.subTableId}`,
    params: (m) => ({ ...table(m), subTableId: String(m.showcase.subTableId) }),
    roles: ["facilitator", "rep"],
  },
  { key: "programs", loader: L(programs), path: (m) => `${t(m)}/programs`, params: table, roles: ALL },
  {
    key: "program",
    loader: L(program),
    path: (m) => `${t(m)}/programs/${m.showcase.programId}`,
    params: (m) => ({ ...table(m), programId: String(m.showcase.programId) }),
    roles: ALL,
  },
  {
    key: "program-shifts",
    loader: L(programShifts),
    path: (m) => `${t(m)}/programs/${m.showcase.programId}/shifts`,
    params: (m) => ({ ...table(m), programId: String(m.showcase.programId) }),
    roles: ALL,
  },
  {
    key: "shift",
    loader: L(shift),
    path: (m) => `${t(m)}/programs/${m.showcase.programId}/shifts/${m.showcase.shiftId}`,
    params: (m) => ({ ...table(m), programId: String(m.showcase.programId), shiftId: String(m.showcase.shiftId) }),
    roles: ALL,
  },
  {
    key: "shift-attendance",
    loader: L(shiftAttendance),
    path: (m) => `${t(m)}/programs/${m.showcase.programId}/shifts/${m.showcase.shiftId}/attendance`,
    params: (m) => ({ ...table(m), programId: String(m.showcase.programId), shiftId: String(m.showcase.shiftId) }),
    roles: ALL,
  },
  { key: "week", loader: L(week), path: (m) => `${t(m)}/shifts/week?week=${m.week}`, params: table, roles: ALL },
  { key: "meetings", loader: L(meetings), path: (m) => `${t(m)}/meetings`, params: table, roles: ALL },
  {
    key: "meeting",
    loader: L(meeting),
    path: (m) => `${t(m)}/meetings/${m.showcase.meetingId}`,
    params: (m) => ({ ...table(m), meetingId: String(m.showcase.meetingId) }),
    roles: ALL,
  },
  { key: "firewall", loader: L(firewall), path: (m) => `${t(m)}/firewall`, params: table, roles: ALL },
  { key: "firewall-lengths", loader: L(firewallLengths), path: (m) => `${t(m)}/firewall/lengths`, params: table, roles: ALL },
  { key: "firewall-sides", loader: L(sides), path: (m) => `${t(m)}/firewall/sides`, params: table, roles: ALL },
  { key: "audit", loader: L(audit), path: (m) => `${t(m)}/audit?partner=${m.partnerId}`, params: table, roles: ["counsel"] },
  { key: "audit-csv", loader: L(auditCsv), path: (m) => `${t(m)}/audit.csv?partner=${m.partnerId}`, params: table, roles: ["counsel"] },
  { key: "feed", loader: L(feed), path: (m) => `/calendar/${m.feeds.program}.ics`, params: (m) => ({ feedToken: m.feeds.program }), roles: ["anonymous"] },
  { key: "my-affiliate", loader: L(myAffiliate), path: (m) => `${t(m)}/my-affiliate`, params: table, roles: ["lead"] },
  // the remaining lists (issue 11), not in the bench's list
  { key: "people", loader: L(people), path: (m) => `${t(m)}/people`, params: table, roles: ["facilitator"] },
  { key: "partners", loader: L(partnersList), path: (m) => `${t(m)}/partners`, params: table, roles: ALL },
  {
    key: "partner",
    loader: L(partnerPage),
    path: (m) => `${t(m)}/partners/${m.partnerId}`,
    params: (m) => ({ ...table(m), partnerId: String(m.partnerId) }),
    roles: ALL,
  },
  {
    key: "affiliate",
    loader: L(affiliatePage),
    path: (m) => `${t(m)}/affiliates/${m.leadAffiliateId}`,
    params: (m) => ({ ...table(m), affiliateId: String(m.leadAffiliateId) }),
    roles: [...ALL, "lead"],
  },
  { key: "firewall-walls", loader: L(walls), path: (m) => `${t(m)}/firewall/walls`, params: table, roles: ["facilitator", "counsel"] },
  { key: "firewall-vendors", loader: L(vendors), path: (m) => `${t(m)}/firewall/vendors`, params: table, roles: ALL },
  { key: "firewall-contacts", loader: L(contacts), path: (m) => `${t(m)}/firewall/contacts`, params: table, roles: ALL },
  { key: "firewall-overrides", loader: L(overrides), path: (m) => `${t(m)}/firewall/overrides`, params: table, roles: ["counsel"] },
  { key: "firewall-policies", loader: L(policies), path: (m) => `${t(m)}/firewall/policies`, params: table, roles: ALL },
  { key: "firewall-accounts", loader: L(hybridAccounts), path: (m) => `${t(m)}/firewall/accounts`, params: table, roles: ["counsel"] },
  { key: "firewall-evidence", loader: L(evidencePage), path: (m) => `${t(m)}/firewall/evidence`, params: table, roles: ALL },
  {
    key: "agreement",
    loader: L(agreement),
    path: (m) => `${t(m)}/agreements/${m.showcase.subTableId}`,
    params: (m) => ({ ...table(m), subTableId: String(m.showcase.subTableId) }),
    roles: ALL,
  },
  { key: "admin", loader: L(admin), path: () => `/admin`, params: () => ({}), roles: ["admin"] },
  // the members' own voice (issue 17)
  { key: "concerns", loader: L(concernsPage), path: (m) => `${t(m)}/concerns?status=open`, params: table, roles: ALL },
  { key: "outside-support", loader: L(outsideSupport), path: (m) => `${t(m)}/outside-support?state=${m.showcase.bigState}`, params: table, roles: ALL },
  { key: "capacity-profile", loader: L(capacityProfile), path: (m) => `${t(m)}/capacity/${m.partnerId}`, params: (m) => ({ ...table(m), partnerId: String(m.partnerId) }), roles: ALL },
  { key: "capacity-combined", loader: L(capacityCombined), path: (m) => `${t(m)}/capacity`, params: table, roles: ["facilitator"] },
  { key: "partner-process", loader: L(partnerProcess), path: (m) => `${t(m)}/processes/${m.partnerId}`, params: (m) => ({ ...table(m), partnerId: String(m.partnerId) }), roles: ALL },
  // members write too (issue 17, part B)
  { key: "questionnaire", loader: L(questionnairePage), path: (m) => `${t(m)}/questionnaire`, params: table, roles: ALL },
  { key: "race-answers", loader: L(raceAnswers), path: (m) => `${t(m)}/races/${m.showcase.raceId}/answers`, params: (m) => ({ ...table(m), raceId: String(m.showcase.raceId) }), roles: ALL },
  { key: "agenda-proposals", loader: L(agendaProposalsPage), path: (m) => `${t(m)}/agenda-proposals`, params: table, roles: ALL },
  { key: "public-shift", loader: L(publicShift), path: () => `/s/${PUBLIC_TOKEN}`, params: () => ({ shareToken: PUBLIC_TOKEN }), roles: ["anonymous"] },
  { key: "event-page", loader: L(eventPage), path: () => `/e/${EVENT_TOKEN}`, params: () => ({ eventToken: EVENT_TOKEN }), roles: ["anonymous"] },
  { key: "outbox", loader: L(outboxPage), path: () => "/admin/outbox", params: () => ({}), roles: ["admin"] },
  { key: "inbox", loader: L(inboxPage), path: () => "/inbox", params: () => ({}), roles: ALL },
];

/**
 * Pages that do not hold yet, the first set by statement count, the second by rows handed to
 * JavaScript (rows at ten times the data must stay within 1.5x the small count plus 150, and
 * under ROW_CAP: a page reads a page of rows, not the table). Remove a page when it holds; a listed page that already
 * holds fails the test, so the lists cannot go stale.
 */
// audit-csv: by design, an export streams every row of its window in keyset batches of 1,000
// (one statement per batch, constant memory; never a statement per row), so its statements
// and rows grow with the window's rows.
const STATEMENTS_DIFFER_TODAY = new Set<string>(["audit-csv"]);
const ROWS_GROW_TODAY = new Set<string>([
  "audit-csv",
]);
const rowsHold = (small: number, large: number) => large <= small * 1.5 + 150 && large <= ROW_CAP;
/** No page hands more rows than this to JavaScript at the larger scale. */
const ROW_CAP = 1_000;

/** The statements of one audit append (appendAudit: the chain's last hash, then the row). */
const AUDIT_APPEND = /^(select "hash" from "audit_log" order by "audit_log"\."id" desc limit \?|insert into "audit_log" )/;

const SMALL = 0.004;
const LARGE = 0.04;

type World = { db: Db; manifest: BenchManifest };
let small: World;
let large: World;

beforeAll(() => {
  const make = (scale: number): World => {
    const db = openDb(":memory:");
    const manifest = generateBenchData(db, { scale, log: () => {} });
    db.$client.prepare("update shifts set published_at = '2026-01-01T00:00:00.000Z' where id = ?").run(manifest.showcase.shiftId);
    db.$client.prepare("insert into shift_links (shift_id, affiliate_id, token) values (?, null, ?)").run(manifest.showcase.shiftId, PUBLIC_TOKEN);
    const programId = db.$client.prepare("select program_id from shifts where id = ?").pluck().get(manifest.showcase.shiftId);
    db.$client.prepare("update shifts set published_at = '2026-01-01T00:00:00.000Z' where program_id = ? and host_kind = 'affiliate'").run(programId);
    db.$client.prepare("insert into shift_links (shift_id, affiliate_id, token) select id, null, 'bench-shift-link-' || id from shifts where program_id = ? and id <> ?").run(programId, manifest.showcase.shiftId);
    db.$client.prepare("insert into program_links (program_id, affiliate_id, token) values (?, null, ?)").run(programId, EVENT_TOKEN);
    return { db, manifest };
  };
  small = make(SMALL);
  large = make(LARGE);
}, 120_000);

afterAll(() => {
  small?.db.$client.close();
  large?.db.$client.close();
});

/** Loads one page as one role on one world; its statements and the response status. */
async function loadCounted(w: World, page: Page, role: Role) {
  setDb(w.db);
  signInAs(w.db, role === "anonymous" ? null : role === "admin" ? adminId(w.db) : w.manifest.users[role].id);
  const request = getRequest(page.path(w.manifest));
  const counted = await countStatements(w.db, async () => {
    let status = 200;
    try {
      const out = await page.loader({ request: await withSession(request), params: page.params(w.manifest), context: {} });
      if (out instanceof Response) {
        status = out.status;
        await out.text();
      }
    } catch (e) {
      if (e instanceof Response) status = e.status;
      else throw e;
    }
    return status;
  });
  // The request's one audit append (a withholding's firewall record, rule F2; DESIGN.md "at most
  // one audit append per request") is there when something was withheld: bounded, not growing.
  // It is checked apart: at most one per request, and left out of the count compared.
  const append = counted.statements.filter((q) => AUDIT_APPEND.test(q));
  const inserts = append.filter((q) => q.startsWith("insert")).length;
  return { status: counted.result, statements: counted.statements.length - append.length, appends: inserts, rows: counted.rowsReturned, sql: counted.statements };
}

/** The bench's instance admin (the manifest names the table roles only). */
function adminId(db: Db): number {
  const row = db.$client.prepare("select id from users where is_admin = 1 order by id limit 1").get() as { id: number } | undefined;
  if (!row) throw new Error("the bench data has no instance admin");
  return row.id;
}

async function withSession(request: Request): Promise<Request> {
  const { withCookie } = await import("./helpers");
  return withCookie(request);
}

const holds = { statements: new Map<string, boolean>(), rows: new Map<string, boolean>() };

describe("statements per page do not grow with the data (national bench data at two scales, 10x apart)", () => {
  for (const page of PAGES) {
    for (const role of page.roles) {
      const differs = STATEMENTS_DIFFER_TODAY.has(page.key);
      const rowsGrow = ROWS_GROW_TODAY.has(page.key);
      it(`${page.key} as ${role}`, async () => {
        const a = await loadCounted(small, page, role);
        const b = await loadCounted(large, page, role);
        if (process.env.SHOW_ROWS) console.log(`${page.key} ${role}: statements ${a.statements}/${b.statements} rows ${a.rows}/${b.rows}`);
        expect(a.status, "small").toBe(200);
        expect(b.status, "large").toBe(200);
        expect(Math.max(a.appends, b.appends), `${page.key}: audit appends per request`).toBeLessThanOrEqual(1);
        const roleHolds = { statements: b.statements === a.statements, rows: rowsHold(a.rows, b.rows) };
        if (!differs) expect(b.statements, `${page.key}: ${a.statements} statements at ${SMALL}, ${b.statements} at ${LARGE}`).toBe(a.statements);
        if (!rowsGrow) expect(roleHolds.rows, `${page.key}: ${a.rows} rows at ${SMALL}, ${b.rows} at ${LARGE}`).toBe(true);
        holds.statements.set(page.key, (holds.statements.get(page.key) ?? true) && roleHolds.statements);
        holds.rows.set(page.key, (holds.rows.get(page.key) ?? true) && roleHolds.rows);
      });
    }
  }
});

describe("the lists of pages that do not hold yet are not stale", () => {
  it("every page listed still differs for some role (remove the ones that hold)", () => {
    const stale = [
      ...[...STATEMENTS_DIFFER_TODAY].filter((k) => holds.statements.get(k) === true).map((k) => `${k} (statements)`),
      ...[...ROWS_GROW_TODAY].filter((k) => holds.rows.get(k) === true).map((k) => `${k} (rows)`),
    ];
    expect(stale).toEqual([]);
  });
});
