/**
 * A busy database answered calmly (issue 12). Another connection holds SQLite's write lock
 * (BEGIN IMMEDIATE) past the busy timeout, as a long migration, a stuck script or a second
 * process would. Every route's representative action then answers 503 with Retry-After and
 * "The table is busy; try again in a moment", keeps what was typed (never a password), and
 * writes nothing; once the lock is released the same request goes through. Pages that only
 * read still load, even when the session's idle clock is due to move.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../db/client";
import { setDb } from "~/server/db.server";
import { BUSY_MESSAGE } from "~/server/failures.server";
import { withCookie, ORIGIN } from "./helpers";
import { importRoute, paramNames, ROUTE_FILES, roleWorld, routeParams, urlFor, type Who } from "./roles";
import { RULES, SIGNED_IN } from "./route-rules";
import { dump } from "./support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "busy-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let open: { db: Db; holder: Database.Database } | undefined;
afterEach(() => {
  if (open?.holder.inTransaction) open.holder.exec("ROLLBACK");
  open?.holder.close();
  open?.db.$client.close();
  open = undefined;
});

/** The role world as a file on disk, wired into getDb() with a short busy timeout, `who` signed in. */
function fileWorld(who: Who, routeFile: string) {
  const { db: memory, w } = roleWorld(who);
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.db`);
  fs.writeFileSync(file, memory.$client.serialize());
  const db = openDb(file);
  db.$client.pragma("busy_timeout = 200");
  setDb(db);
  const holder = new Database(file);
  open = { db, holder };
  return { db, w, holder, params: routeParams(w, routeFile) };
}

/** Another connection takes the write lock and keeps it. */
function lock(holder: Database.Database) {
  holder.exec("BEGIN IMMEDIATE");
}

function post(url: string, fields: Record<string, string>): Request {
  return new Request(`${ORIGIN}${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
  });
}

type Outcome = { status: number; headers: Headers; data: unknown; body: string };
async function outcome(p: Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await p;
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null, body: await value.text() };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init: ResponseInit | null };
    return { status: v.init?.status ?? 200, headers: new Headers(v.init?.headers), data: v.data, body: JSON.stringify(v.data) };
  }
  if (value instanceof Error) throw value;
  return { status: 200, headers: new Headers(), data: value, body: JSON.stringify(value) };
}

const withAction = ROUTE_FILES.filter((f) => (RULES[f]?.actions.length ?? 0) > 0);

describe.each(withAction)("%s", (file) => {
  const actions = RULES[file]!.actions;
  const check = actions.find((a) => a.expect("admin") === "ok") ?? actions.find((a) => SIGNED_IN.some((who) => a.expect(who) === "ok")) ?? actions[0];
  // whoever may perform it: the admin unless the rule says otherwise (sign-in and sign-out are anyone's)
  const adminMay = check.expect("admin") === "ok" || typeof check.expect("admin") === "object";
  const who: Who = (check.performer as Who | undefined) ?? (adminMay ? "admin" : (SIGNED_IN.find((p) => check.expect(p) === "ok") ?? "admin"));

  it(`answers "${check.name}" with 503, Retry-After and the busy message while another connection holds the write lock; nothing written; then it goes through`, async () => {
    const mod = await importRoute(file);
    const { db, w, holder, params: all } = fileWorld(who, file);
    const params = Object.fromEntries(paramNames(file).map((p) => [p, all[p]]));
    const url = urlFor(file, params);
    const fields = check.fields(w);
    const before = dump(db);
    lock(holder);
    const busy = await outcome(mod.action!({ request: await withCookie(post(url, fields)), params, context: { ip: "192.0.2.1" } }));
    expect(busy.status, busy.body.slice(0, 300)).toBe(503);
    expect(Number(busy.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(busy.body).toContain(BUSY_MESSAGE);
    if (busy.data) {
      // above the form, with what was typed: every field but a password
      const d = busy.data as { intent: string; errors: Record<string, string>; values: Record<string, string> };
      expect(d.errors._form).toBe(BUSY_MESSAGE);
      for (const [k, v] of Object.entries(fields)) {
        if (/password|confirm/i.test(k)) expect(d.values[k]).toBeUndefined();
        else expect(d.values[k], k).toBe(v);
      }
      expect(busy.body).not.toContain("a long new password");
    }
    holder.exec("ROLLBACK");
    expect(dump(db), "nothing written").toEqual(before);
    const after = await outcome(mod.action!({ request: await withCookie(post(url, fields)), params, context: { ip: "192.0.2.1" } }));
    expect([200, 302], after.body.slice(0, 300)).toContain(after.status);
  });
});

describe("reading while another connection holds the write lock", () => {
  it("a page loads, even when the session's idle clock is due to move (the touch waits for a later request)", async () => {
    const file = "tables.$coalitionId._index.tsx";
    const mod = await importRoute(file);
    const { db, holder, params: all } = fileWorld("facilitator", file);
    db.$client.prepare("update sessions set last_seen_at = ?").run(new Date(Date.now() - 3_600_000).toISOString());
    const params = Object.fromEntries(paramNames(file).map((p) => [p, all[p]]));
    lock(holder);
    const page = await outcome(mod.loader!({ request: await withCookie(new Request(`${ORIGIN}${urlFor(file, params)}`)), params, context: {} }));
    expect(page.status).toBe(200);
  });
});
