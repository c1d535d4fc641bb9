/**
 * Checks over every module in app/routes, read from the directory so a new route is covered
 * the day it lands: it exports an ErrorBoundary, it has its own route tests, and its loader
 * and action answer ids that are not ids with a 404. Requests come from the signed-in
 * instance admin (who may see every table), so a 404 is about the id, not about access.
 */
import { enqueueMail } from "~/models/outbox.server";
import { publicSignUp, publishShift, shareLinks } from "~/models/public-shifts.server";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { buildAffiliate, buildMeeting, buildPolicy, buildProgram, buildShift, buildTableWithRace, stance } from "../factories";
import { createFeed } from "~/models/calendar-feeds.server";
import { createInvitation, grantRole } from "~/models/accounts.server";
import { getRequest, postRequest, settle, withCookie } from "./helpers";
import { getDb } from "~/server/db.server";
import { dump, freshDb, JUNK_IDS, UNKNOWN_IDS } from "./support";

const THIS_FILE = fileURLToPath(import.meta.url);
const TESTS_DIR = path.dirname(THIS_FILE);
const ROUTES_DIR = path.resolve(TESTS_DIR, "../../app/routes");

const files = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /\.(tsx?|jsx?)$/.test(f))
  .sort();

type RouteModule = {
  default?: unknown;
  ErrorBoundary?: unknown;
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
};

/** Routes that answer a file, not a page. */
const RESOURCE_ROUTES = ["tables.$coalitionId.audit[.]csv.tsx", "tables.$coalitionId.meetings.$meetingId.markdown.tsx", "calendar.$feedToken[.]ics.tsx", "tables.$coalitionId.programs.$programId.export[.]csv.tsx", "tables.$coalitionId.matrix[.]csv.tsx", "tables.$coalitionId.credit.$subTableId[.]csv.tsx", "tables.$coalitionId.evidence[.]zip.tsx"];

const modules = new Map<string, RouteModule>();
beforeAll(async () => {
  for (const f of files) modules.set(f, (await import(/* @vite-ignore */ path.join(ROUTES_DIR, f))) as RouteModule);
});

/** A flat-route file's URL segments; "[.]" is an escaped dot ("calendar.$feedToken[.]ics.tsx" → ["calendar", "$feedToken.ics"]). */
function segmentsOf(file: string): string[] {
  return file
    .replace(/\.[jt]sx?$/, "")
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .map((s) => s.replace(/\u0000/g, "."));
}

/** "tables.$coalitionId.candidates.$candidateId._index.tsx" → ["coalitionId", "candidateId"] */
function paramNames(file: string): string[] {
  return segmentsOf(file)
    .filter((s) => s.startsWith("$"))
    .map((s) => s.slice(1).replace(/\..*$/, "").replace(/_$/, "")); // $raceId_: a param outside its parent's layout
}

/** The URL a flat-route file answers, with the given params filled in. */
function urlFor(file: string, params: Record<string, string>): string {
  const segments = segmentsOf(file)
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? s.replace(/^\$([^.]*?)_?(?![^.])/, (_, name: string) => encodeURIComponent(params[name] ?? "")) : s));
  return `/${segments.join("/")}`;
}

it("finds the route modules", () => {
  expect(files.length).toBeGreaterThanOrEqual(16);
  expect(files).toContain("_index.tsx");
  expect(files).toContain("tables.$coalitionId.matrix.tsx");
});

describe.each(files)("app/routes/%s", (file) => {
  it("exports an ErrorBoundary component and a default page component (a resource route: a loader and no page)", () => {
    const mod = modules.get(file)!;
    if (RESOURCE_ROUTES.includes(file)) {
      expect(typeof mod.loader, "loader").toBe("function");
      expect(mod.default, "a resource route has no page").toBeUndefined();
      return;
    }
    expect(typeof mod.ErrorBoundary, "ErrorBoundary").toBe("function");
    expect(typeof mod.default, "default export").toBe("function");
  });

  it("is imported by a route test in tests/routes", () => {
    const name = file.replace(/\.[jt]sx?$/, "");
    const importers = fs
      .readdirSync(TESTS_DIR)
      .filter((f) => f.endsWith(".test.ts") && f !== path.basename(THIS_FILE))
      .filter((f) => fs.readFileSync(path.join(TESTS_DIR, f), "utf8").includes(`"~/routes/${name}"`));
    expect(importers, `no test imports ~/routes/${name}`).not.toEqual([]);
  });
});

describe("every loader and action against real, unknown and junk ids", () => {
  let ids: Record<string, string>;
  beforeEach(() => {
    const { db, actor } = freshDb();
    const t = buildTableWithRace(db, actor, { partners: 3, threshold: 2 });
    const [k] = t.candidates;
    const aff = buildAffiliate(db, actor, t.coalition.id, t.partners[0].id);
    // The admin is also the first partner's counsel, so the audit routes answer it too.
    grantRole(db, actor, actor.id, { role: "counsel", partnerId: t.partners[0].id });
    buildPolicy(db, actor, t.partners[0].id, [actor.id]);
    stance(db, actor, t.coalition.id, k.id, t.partners[0].id, "endorsed");
    const formed = stance(db, actor, t.coalition.id, k.id, t.partners[1].id, "endorsed");
    if (!formed.ok || formed.subTable.kind !== "form") throw new Error("expected a sub-table to form");
    const invited = createInvitation(
      db,
      actor,
      { email: "invitee@example.test", name: "Ina Invitee", role: "facilitator", coalitionId: t.coalition.id, partnerId: null, affiliateId: null },
      "test",
    );
    if (!invited.ok) throw new Error("expected an invitation");
    const program = buildProgram(db, actor, t.coalition.id, formed.subTable.subCoalitionId!, { startDate: "2026-10-01", endDate: "2027-05-18" });
    const shift = buildShift(db, actor, t.coalition.id, program.id, aff.id);
    // issue 14: a message in the outbox, the shift's public page and a volunteer's own sign-up
    if (!publishShift(db, actor, { coalitionId: t.coalition.id, programId: program.id, shiftId: shift.id, publish: true }).ok) throw new Error("expected to publish");
    const shareToken = shareLinks(db, "system", { coalitionId: t.coalition.id, shift: { id: shift.id, host: null, coHosts: [] } })[0].token;
    const volunteer = publicSignUp(db, null, { shareToken, base: "http://localhost", volunteerName: "Vera", email: "vera@example.test", phone: null });
    if (!volunteer.ok) throw new Error("expected a public sign-up");
    ids = {
      messageId: String(enqueueMail(db, { kind: "test", to: "someone@example.test", subject: "Hello", text: "Hello" })),
      shareToken,
      eventToken: db.$client.prepare("select token from program_links where program_id = ? and affiliate_id is null").pluck().get(program.id) as string,
      cancelToken: volunteer.cancelToken,
      unsubscribeToken: (() => {
        db.$client.prepare("insert into unsubscribe_tokens (user_id, token) values (?, ?)").run(actor.id, "route-modules-unsubscribe-1");
        return "route-modules-unsubscribe-1";
      })(),
      programId: String(program.id),
      shiftId: String(shift.id),
      feedToken: createFeed(db, actor, { affiliateId: aff.id }).token,
      token: invited.token,
      coalitionId: String(t.coalition.id),
      partnerId: String(t.partners[0].id),
      affiliateId: String(aff.id),
      raceId: String(t.race.id),
      candidateId: String(k.id),
      subTableId: String(formed.subTable.subCoalitionId),
      meetingId: String(buildMeeting(db, actor, t.coalition.id).id),
    };
  });

  const withParams = files.filter((f) => paramNames(f).length > 0);

  it("knows a real id for every route param", () => {
    for (const f of withParams) for (const p of paramNames(f)) expect(ids, `${f}: ${p}`).toHaveProperty(p);
  });

  /** Loaders whose right answer to a signed-in person with real ids is a redirect, not a page. */
  const REDIRECTS: Record<string, string> = {
    "login.tsx": "/", // already signed in: on to where they were going
    "logout.tsx": "/", // signing out is a POST; a GET goes home
  };

  it.each(files)("%s: the loader answers 200 with real ids", async (file) => {
    const mod = modules.get(file)!;
    if (!mod.loader) return;
    const params = Object.fromEntries(paramNames(file).map((p) => [p, ids[p]]));
    const r = await settle(mod.loader({ request: await withCookie(getRequest(urlFor(file, params))), params, context: {} }));
    if (REDIRECTS[file] !== undefined) {
      expect(r.status).toBe(302);
      expect(r.location).toBe(REDIRECTS[file]);
    } else {
      expect(r.status).toBe(200);
    }
  });

  it("tables.$coalitionId.people.tsx: an invitation to an unknown table is a 404 that writes nothing", async () => {
    const mod = modules.get("tables.$coalitionId.people.tsx")!;
    const db = getDb();
    const before = dump(db);
    const params = { coalitionId: "999" };
    const fields = { intent: "invite", name: "Nobody", email: "nobody@example.test", role: "facilitator" };
    const r = await settle(mod.action!({ request: await withCookie(postRequest(urlFor("tables.$coalitionId.people.tsx", params), fields)), params, context: {} }));
    expect(r.status).toBe(404);
    expect(dump(db)).toEqual(before);
  });

  it("login.tsx: the loader answers 200 to a signed-out visitor", async () => {
    const mod = modules.get("login.tsx")!;
    const r = await settle(mod.loader!({ request: getRequest("/login"), params: {}, context: {} })); // no cookie
    expect(r.status).toBe(200);
  });

  describe.each(withParams)("%s", (file) => {
    const cases = paramNames(file).flatMap((p) => [...UNKNOWN_IDS, ...JUNK_IDS].map((bad) => [p, bad] as const));

    it.each(cases)("loader: %s = %j is a 404", async (name, bad) => {
      const mod = modules.get(file)!;
      if (!mod.loader) return;
      const params = { ...Object.fromEntries(paramNames(file).map((p) => [p, ids[p]])), [name]: bad };
      const r = await settle(mod.loader({ request: await withCookie(getRequest(urlFor(file, params))), params, context: {} }));
      expect(r.status).toBe(404);
    });

    // whatever the body says, a param that is not an id is a 404 before the form is read
    it.each(cases.filter(([, bad]) => JUNK_IDS.includes(bad)))("action: %s = %j is a 404", async (name, bad) => {
      const mod = modules.get(file)!;
      if (!mod.action) return;
      const params = { ...Object.fromEntries(paramNames(file).map((p) => [p, ids[p]])), [name]: bad };
      const r = await settle(mod.action({ request: await withCookie(postRequest(urlFor(file, params), { intent: "whatever" })), params, context: {} }));
      expect(r.status).toBe(404);
    });
  });
});
