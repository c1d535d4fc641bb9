import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { expect } from "vitest";
import type { Db } from "../../db/client";
import { setDb } from "~/utils/db.server";
import { testDb } from "../db";

/** A fresh in-memory database wired into the app's getDb(). */
export function useFreshDb(): Db {
  const db = testDb();
  setDb(db);
  return db;
}

const ORIGIN = "http://localhost:3000";

export function getRequest(path: string): Request {
  return new Request(`${ORIGIN}${path}`);
}

export function postRequest(path: string, fields: Record<string, string>): Request {
  const body = new URLSearchParams(fields);
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
  });
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

export async function load<L extends Loader>(loader: L, path: string, params: Record<string, string> = {}): Promise<Awaited<ReturnType<L>>> {
  return (await loader({ request: getRequest(path), params, context: {} })) as Awaited<ReturnType<L>>;
}

export async function act(action: Action, path: string, params: Record<string, string>, fields: Record<string, string>): Promise<unknown> {
  return action({ request: postRequest(path, fields), params, context: {} });
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
