/**
 * Shared set-up for the route tests, on top of helpers.ts: a fresh database with the
 * request's actor already in it (so "nothing written" can compare whole databases), a dump
 * of every row, and requests whose bodies are not forms.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { ORIGIN, useFreshDb, withCookie } from "./helpers";

export { ORIGIN };

/**
 * A fresh database wired into getDb(), with the actor every request acts as. The actor's
 * user row is made here, before any request, so a refused request writes nothing at all.
 */
export function freshDb(): { db: Db; actor: Actor } {
  const db = useFreshDb();
  const admin = db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "admin@example.test") }).sync()!;
  return { db, actor: { id: admin.id, name: admin.name } };
}

function sqlTables(db: Db): string[] {
  return (
    db.$client
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/** Every row of every table: compare two dumps to prove a request wrote nothing. */
export function dump(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(sqlTables(db).map((t) => [t, db.$client.prepare(`select * from "${t}" order by rowid`).all()]));
}

/** Row count of one SQL table (snake_case name). */
export function rows(db: Db, table: string): number {
  return (db.$client.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
}

export function auditRows(db: Db): { action: string; decision: string; rule: string | null; partnerId: number | null; detail: string }[] {
  return db.$client.prepare("select action, decision, rule, partner_id as partnerId, detail from audit_log order by id").all() as never;
}

/** A POST whose body is not a form (JSON, plain text, a broken multipart body). */
export function rawPost(path: string, body: string, contentType: string): Request {
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: { "Content-Type": contentType, Origin: ORIGIN } });
}

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

export async function actWith(action: Action, request: Request, params: Record<string, string>): Promise<unknown> {
  return action({ request: await withCookie(request), params, context: {} });
}

/** Bodies a client could send that are not url-encoded or multipart forms. */
export const NON_FORM_BODIES: [string, string, string][] = [
  ["JSON", JSON.stringify({ name: "x", stance: "endorsed", intent: "create" }), "application/json"],
  ["plain text", "name=Sneaky", "text/plain"],
  ["multipart without a boundary", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--x--", "multipart/form-data"],
];

/** Ids that name nothing: unknown, or not an id at all. */
export const UNKNOWN_IDS = ["999", "99999999999999999999"];
export const JUNK_IDS = ["abc", "1.5", "-1", "0", "01", "1e3", "0x10", " 1", ""];
export const BAD_IDS = [...UNKNOWN_IDS, ...JUNK_IDS];
