/**
 * The permission matrix: every route in app/routes (read from the directory), for a
 * signed-out visitor and for a person in every role, asserts what its loader and a
 * representative action answer: the page (200), a redirect to sign in (302 to
 * /login?redirectTo=…), or a refusal (403 that says what is missing, shows none of the
 * page's data, writes a 'deny' audit row and nothing else).
 *
 * The rules are in route-rules.ts. A route file with no rule there fails here, and so does
 * a rule for a loader or an action that the module does not have (or the other way round).
 */
import { describe, expect, it } from "vitest";
import { can } from "~/domain/permissions";
import { loadPrincipal } from "~/models/accounts.server";
import { getRequest, postRequest, withCookie } from "./helpers";
import { answer, denials, DESCRIBE, importRoute, paramNames, PEOPLE, ROUTE_FILES, roleWorld, routeParams, SECRETS, urlFor, type Answer, type RoleWorld, type Who } from "./roles";
import { ALPHA_STANCE, MANAGE, PAPA_STANCE, RULES, SIGNED_IN, VIEW, type Expected, type RouteRule } from "./route-rules";
import { dump } from "./support";
import type { Db } from "../../db/client";

function everythingBut(d: Record<string, unknown[]>, ...tables: string[]) {
  return Object.fromEntries(Object.entries(d).filter(([t]) => !tables.includes(t)));
}

/** Checks one answer against what the rule expects, including what was (not) written. */
async function expectOutcome(
  db: Db,
  w: RoleWorld,
  who: Who,
  url: string,
  run: () => Promise<Answer>,
  expected: Expected,
  kind: "loader" | "action",
) {
  const before = dump(db);
  const denied = denials(db).length;
  const a = await run();
  const what = `${kind} for ${DESCRIBE[who]} answered ${a.status} ${a.location ?? ""} ${a.body.slice(0, 200)}`;
  if (expected === "ok") {
    // the list of tables sends a person with one table (and none to create) straight to it (issue 15)
    if (kind === "loader" && url === "/" && a.status === 302) expect(a.location, what).toMatch(/^\/tables\/\d+$/);
    else if (kind === "loader") expect(a.status, what).toBe(200);
    else {
      expect([200, 302], what).toContain(a.status);
      if (a.status === 302) expect(a.location, what).not.toMatch(/^\/login/);
    }
    expect(denials(db).length, `${what}: no denial recorded`).toBe(denied);
  } else if (expected === "login") {
    expect(a.status, what).toBe(302);
    expect(a.location, what).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    expect(dump(db), `${what}: nothing written`).toEqual(before);
  } else if (expected === "forbidden") {
    expect(a.status, what).toBe(403);
    // says what is missing, in words
    expect(a.body.trim().length, what).toBeGreaterThan(10);
    expect(a.body, what).toMatch(/\bneeds?\b|\bonly\b/i);
    // and none of the page's data
    for (const secret of [...SECRETS, ...Object.values(w.users).map((u) => u.email)]) expect(a.body, what).not.toContain(secret);
    // the denial is on the audit log, with who; nothing else is written
    const after = denials(db);
    expect(after.length, `${what}: a denial recorded`).toBe(denied + 1);
    expect(after.at(-1)).toMatchObject({ actorId: w.users[who as Exclude<Who, "out">].id, action: expect.stringMatching(/^permission\./) });
    expect(everythingBut(dump(db), "audit_log"), `${what}: nothing else written`).toEqual(everythingBut(before, "audit_log"));
  } else {
    expect(a.status, what).toBe(302);
    expect(a.location, what).toBe(expected.redirect);
  }
}

it("has a rule for every route file, and only for route files", () => {
  expect(ROUTE_FILES.length).toBeGreaterThanOrEqual(21);
  expect(Object.keys(RULES).sort()).toEqual(ROUTE_FILES);
});

describe.each(ROUTE_FILES)("%s", (file) => {
  const rule = RULES[file] as RouteRule | undefined;

  it("has a rule for its loader and for each action it has", async () => {
    expect(rule, `no permission rule for app/routes/${file}: add one to RULES`).toBeDefined();
    const mod = await importRoute(file);
    expect(!!mod.loader, "a loader rule exactly when there is a loader").toBe(!!rule!.loader);
    expect(!!mod.action, "action checks exactly when there is an action").toBe(rule!.actions.length > 0);
  });

  it.each(PEOPLE)("loader, for %s", async (who) => {
    expect(rule, `no permission rule for app/routes/${file}`).toBeDefined();
    if (!rule!.loader) return;
    const mod = await importRoute(file);
    const { db, w } = roleWorld(who);
    const params = Object.fromEntries(paramNames(file).map((p) => [p, routeParams(w, file)[p]]));
    const url = urlFor(file, params);
    await expectOutcome(db, w, who, url, async () => answer(mod.loader!({ request: await withCookie(getRequest(url)), params, context: {} })), rule!.loader(who), "loader");
  });

  const cases = (rule?.actions ?? []).flatMap((a) => PEOPLE.map((who) => [a.name, who, a] as const));
  if (cases.length) {
    it.each(cases)("action %s, for %s", async (_name, who, check) => {
      const mod = await importRoute(file);
      const { db, w } = roleWorld(who);
      const params = Object.fromEntries(paramNames(file).map((p) => [p, routeParams(w, file)[p]]));
      const url = urlFor(file, params);
      await expectOutcome(
        db,
        w,
        who,
        url,
        async () => answer(mod.action!({ request: await withCookie(postRequest(url, check.fields(w))), params, context: {} })),
        check.expect(who),
        "action",
      );
    });
  }
});

describe("the rules above are the rules of app/domain/permissions.ts", () => {
  // The matrix is written out by hand; these spot checks tie the people in it to can().
  it("each person holds what the matrix says", () => {
    const { db, w } = roleWorld("admin");
    const p = (who: Exclude<Who, "out">) => loadPrincipal(db, w.users[who].id)!;
    const view = { action: "table.view", coalitionId: w.coalitionId } as const;
    for (const who of SIGNED_IN) expect(can(p(who), view).ok, `${who} views`).toBe(VIEW.includes(who));
    for (const who of SIGNED_IN) expect(can(p(who), { action: "table.manage", coalitionId: w.coalitionId }).ok, `${who} manages`).toBe(MANAGE.includes(who));
    for (const who of SIGNED_IN) {
      expect(can(p(who), { action: "stance.record", coalitionId: w.coalitionId, partnerId: w.partnerId, affiliateId: null }).ok, `${who} records Papa`).toBe(PAPA_STANCE.includes(who));
      expect(can(p(who), { action: "stance.record", coalitionId: w.coalitionId, partnerId: w.partnerId, affiliateId: w.affiliateId }).ok, `${who} records Alpha`).toBe(ALPHA_STANCE.includes(who));
    }
    expect(can(null, view)).toEqual({ ok: false, missing: expect.stringMatching(/sign in/) });
  });
});

describe("the list of tables", () => {
  it.each(SIGNED_IN)("shows %s only the tables they may see", async (who) => {
    const mod = await importRoute("_index.tsx");
    const { w } = roleWorld(who);
    const a = await answer(mod.loader!({ request: await withCookie(getRequest("/")), params: {}, context: {} }));
    const expected: Record<Exclude<Who, "out">, number[]> = {
      admin: [w.coalitionId, w.otherCoalitionId],
      facilitator: [w.coalitionId],
      otherFacilitator: [w.otherCoalitionId],
      rep: [w.coalitionId],
      counsel: [w.coalitionId],
      lead: [w.coalitionId],
      otherRep: [w.coalitionId],
      noRole: [],
      // issue 13: a regional ally's lead sits at no table; its program is listed apart
      allyLead: [],
    };
    if (who === "allyLead") {
      // no table, one program joined as a regional ally: straight to it (issue 13)
      expect(a.status).toBe(302);
      expect(a.location).toBe(`/tables/${w.coalitionId}/programs/${w.programId}`);
      return;
    }
    if (expected[who].length === 1 && who !== "admin") {
      // one table and nothing to create: straight to it (issue 15)
      expect(a.status).toBe(302);
      expect(a.location).toBe(`/tables/${expected[who][0]}`);
      return;
    }
    expect(a.status).toBe(200);
    const ids = (a.data as { coalitions: { id: number }[] }).coalitions.map((c) => c.id).sort();
    expect(ids).toEqual(expected[who].sort());
    expect((a.data as { canCreate: boolean }).canCreate).toBe(who === "admin");
  });
});
