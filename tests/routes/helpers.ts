import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { expect } from "vitest";
import type { Db } from "../../db/client";
import { randomBytes } from "node:crypto";
import { sessions, users } from "../../db/schema";
import { setDb } from "~/server/db.server";
import { sessionStorage } from "~/server/session.server";
import { testDb } from "../db";

let cookie: string | null = null;

/**
 * A fresh in-memory database wired into the app's getDb(), with a signed-in instance admin
 * (who may do everything at every table) as the default requester.
 */
export function useFreshDb(): Db {
  const db = testDb();
  setDb(db);
  const admin = db.insert(users).values({ name: "Test Admin", email: "admin@example.test", isAdmin: true }).returning().get();
  signInAs(db, admin.id);
  return db;
}

/** Makes later requests come from this person (a live session row and its cookie). */
export function signInAs(db: Db, userId: number | null): void {
  if (userId === null) {
    cookie = null;
    return;
  }
  const id = randomBytes(16).toString("hex");
  const now = new Date().toISOString();
  db.insert(sessions).values({ id, userId, createdAt: now, lastSeenAt: now }).run();
  cookie = `__pending__${id}`;
}

async function cookieHeader(): Promise<Record<string, string>> {
  if (!cookie) return {};
  if (cookie.startsWith("__pending__")) {
    const session = await sessionStorage().getSession();
    session.set("sid", cookie.slice("__pending__".length));
    cookie = (await sessionStorage().commitSession(session)).split(";")[0];
  }
  return { Cookie: cookie };
}

export const ORIGIN = "http://localhost:3000";

export function getRequest(path: string): Request {
  return new Request(`${ORIGIN}${path}`);
}

/** A url-encoded POST; a list posts its name once per item (a checkbox list: `coHosts=3&coHosts=7`). */
export function postRequest(path: string, fields: Record<string, string | string[]>): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
  });
}

/** Adds the signed-in person's cookie to a request. */
export async function withCookie(request: Request): Promise<Request> {
  const headers = new Headers(request.headers);
  for (const [k, v] of Object.entries(await cookieHeader())) headers.set(k, v);
  return new Request(request, { headers });
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

export async function load<L extends Loader>(loader: L, path: string, params: Record<string, string> = {}): Promise<Awaited<ReturnType<L>>> {
  return (await loader({ request: await withCookie(getRequest(path)), params, context: {} })) as Awaited<ReturnType<L>>;
}

export async function act(action: Action, path: string, params: Record<string, string>, fields: Record<string, string | string[]>): Promise<unknown> {
  return action({ request: await withCookie(postRequest(path, fields)), params, context: {} });
}

/** What a thrown or returned Response / data() result says, in one shape. */
export async function settle(p: Promise<unknown>): Promise<{ status: number; location?: string | null; data?: unknown }> {
  let value: unknown;
  try {
    value = await p;
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init: ResponseInit | null };
    return { status: v.init?.status ?? 200, data: v.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, data: value };
}

export async function expectRedirect(p: Promise<unknown>, to: RegExp): Promise<string> {
  const r = await settle(p);
  expect(r.status).toBe(302);
  expect(r.location).toMatch(to);
  return r.location!;
}

/** Expects a 400 (or other status) whose errors name the given fields, with the typed values kept. */
export async function expectInvalid(p: Promise<unknown>, fields: string[], status = 400) {
  const r = await settle(p);
  expect(r.status).toBe(status);
  const data = r.data as { errors: Record<string, string>; values: Record<string, string> };
  for (const f of fields) expect(data.errors[f], `error for ${f}`).toBeTruthy();
  return data;
}

export async function expectStatus(p: Promise<unknown>, status: number) {
  const r = await settle(p);
  expect(r.status).toBe(status);
  return r;
}
