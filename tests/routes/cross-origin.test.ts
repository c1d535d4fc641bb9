/**
 * Every non-GET request from another site is refused with 403: the Origin header decides,
 * and without one the Referer does; with neither, the request is refused too (fail
 * closed). Checked for every action of every route, read from the route list, signed in as
 * the instance admin (who may perform most actions, so only the origin can stop it) and
 * signed out; a same-site POST is accepted from the admin, or for actions the admin may not
 * perform (shifts are the affiliates' own), from the first person who may. A refusal writes nothing, not even a session change.
 */
import { describe, expect, it } from "vitest";
import { isSameOrigin } from "~/server/session.server";
import { ORIGIN, withCookie } from "./helpers";
import { answer, importRoute, paramNames, ROUTE_FILES, roleWorld, routeParams, urlFor, type Who } from "./roles";
import { RULES, SIGNED_IN } from "./route-rules";
import { dump } from "./support";

const EVIL = "http://evil.example";

/** The headers of each way a request can come from elsewhere. */
const FOREIGN: [string, Record<string, string>][] = [
  ["Origin http://evil.example", { Origin: EVIL }],
  ["Origin http://evil.example with this site's Referer", { Origin: EVIL, Referer: `${ORIGIN}/` }],
  ["Origin of this host on another port", { Origin: "http://localhost:4000" }],
  ["no Origin and no Referer", {}],
  ["no Origin and a Referer from http://evil.example", { Referer: `${EVIL}/attack.html` }],
  ['Origin "null" and no Referer (a sandboxed frame)', { Origin: "null" }],
  ['Origin "null" and a Referer from http://evil.example', { Origin: "null", Referer: `${EVIL}/` }],
  // A browser sends "null" from a sandboxed frame, a data: URL or after a cross-site redirect:
  // never this site's own form, whatever the Referer says (Remix's own check throws on it).
  ['Origin "null" with this site\'s Referer', { Origin: "null", Referer: `${ORIGIN}/tables/1` }],
  ["an Origin that is not a URL", { Origin: "evil" }],
];

function post(url: string, fields: Record<string, string>, headers: Record<string, string>): Request {
  return new Request(`${ORIGIN}${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

const withAction = ROUTE_FILES.filter((f) => (RULES[f]?.actions.length ?? 0) > 0);

it("finds the routes with actions", () => {
  expect(withAction.length).toBeGreaterThanOrEqual(15);
});

describe.each(ROUTE_FILES)("%s", (file) => {
  /**
   * The route's representative action: the first one the admin may perform, else the first
   * one anybody may (shift actions are for affiliates' own people, not the admin), with who may.
   */
  const actions = RULES[file]?.actions ?? [];
  const check = actions.find((a) => a.expect("admin") === "ok") ?? actions.find((a) => SIGNED_IN.some((who) => a.expect(who) === "ok")) ?? actions[0];
  const allowed: Exclude<Who, "out"> = check?.performer ? (check.performer as Exclude<Who, "out">) : check && check.expect("admin") !== "ok" ? (SIGNED_IN.find((who) => check.expect(who) === "ok") ?? "admin") : "admin";
  const setup = async (who: Who) => {
    const mod = await importRoute(file);
    const { db, w } = roleWorld(who);
    const all = routeParams(w, file);
    const params = Object.fromEntries(paramNames(file).map((p) => [p, all[p]]));
    return { mod, db, w, params, url: urlFor(file, params) };
  };

  it("has a rule with a representative action exactly when it has an action", async () => {
    const mod = await importRoute(file);
    expect(!!check, `add the action of app/routes/${file} to route-rules.ts`).toBe(!!mod.action);
  });

  if (!check) return;

  describe.each(["admin", "out"] as const)("for %s", (who) => {
    it.each(FOREIGN)("refuses a POST with %s: 403, nothing written", async (_what, headers) => {
      const { mod, db, w, params, url } = await setup(who);
      const before = dump(db);
      const a = await answer(mod.action!({ request: await withCookie(post(url, check.fields(w), headers)), params, context: {} }));
      expect(a.status).toBe(403);
      expect(a.body).toMatch(/another site/);
      expect(dump(db)).toEqual(before);
    });
  });

  it("accepts the same POST from the admin (or whoever may) with this site's Referer and no Origin", async () => {
    const { mod, db, w, params, url } = await setup(allowed);
    const before = dump(db);
    const a = await answer(mod.action!({ request: await withCookie(post(url, check.fields(w), { Referer: `${ORIGIN}${url}?from=form` })), params, context: {} }));
    expect([200, 302], `${a.status} ${a.body.slice(0, 200)}`).toContain(a.status);
    if (a.status === 302) expect(a.location).not.toMatch(/^\/login\?redirectTo/);
    expect(dump(db), "the action did its work").not.toEqual(before);
  });

  it("accepts the same POST from the admin (or whoever may) with this site's Origin", async () => {
    const { mod, w, params, url } = await setup(allowed);
    const a = await answer(mod.action!({ request: await withCookie(post(url, check.fields(w), { Origin: ORIGIN })), params, context: {} }));
    expect([200, 302], `${a.status} ${a.body.slice(0, 200)}`).toContain(a.status);
    if (a.status === 302) expect(a.location).not.toMatch(/^\/login\?redirectTo/);
  });
});

describe("isSameOrigin", () => {
  const req = (method: string, headers: Record<string, string>) => new Request(`${ORIGIN}/x`, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : "" });
  it("lets reads through whatever their headers", () => {
    for (const m of ["GET", "HEAD"]) expect(isSameOrigin(req(m, { Origin: EVIL }))).toBe(true);
  });
  it.each(["POST", "PUT", "PATCH", "DELETE"])("checks %s", (m) => {
    expect(isSameOrigin(req(m, { Origin: ORIGIN }))).toBe(true);
    expect(isSameOrigin(req(m, { Referer: `${ORIGIN}/tables/1` }))).toBe(true);
    for (const [, h] of FOREIGN) expect(isSameOrigin(req(m, h)), JSON.stringify(h)).toBe(false);
  });
});
