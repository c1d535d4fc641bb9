/**
 * Counting what a request asks of SQLite (issue 11, DESIGN.md "Scale"): every statement
 * prepared and run on the database's connection while `fn` runs, and the rows they returned.
 * Tests compare counts (the same at a small and a ten times larger database: no query per
 * row), never times.
 */
import type Database from "better-sqlite3";
import type { Db } from "../../db/client";

export type StatementLog = {
  /** The SQL of every statement run, in order (a statement run twice appears twice). */
  statements: string[];
  /** Rows handed back to JavaScript by all(), get() and iterate(). */
  rowsReturned: number;
};

type Stmt = Database.Statement<unknown[], unknown>;

/** Runs fn (sync or async) with the connection's statements counted. */
export async function countStatements<T>(db: Db, fn: () => T | Promise<T>): Promise<{ result: T } & StatementLog> {
  const client = db.$client as Database.Database & { prepare: Database.Database["prepare"] };
  const log: StatementLog = { statements: [], rowsReturned: 0 };
  const original = client.prepare;
  const own = Object.prototype.hasOwnProperty.call(client, "prepare");
  client.prepare = function (this: Database.Database, source: string) {
    const stmt = original.call(this, source) as Stmt;
    return watch(stmt, source, log);
  } as Database.Database["prepare"];
  try {
    const result = await fn();
    return { result, ...log };
  } finally {
    if (own) client.prepare = original;
    else delete (client as { prepare?: unknown }).prepare;
  }
}

function watch(stmt: Stmt, source: string, log: StatementLog): Stmt {
  const run = stmt.run.bind(stmt);
  const get = stmt.get.bind(stmt);
  const all = stmt.all.bind(stmt);
  const iterate = stmt.iterate.bind(stmt);
  return Object.assign(Object.create(stmt) as Stmt, {
    run: (...args: unknown[]) => {
      log.statements.push(source);
      return run(...args);
    },
    get: (...args: unknown[]) => {
      log.statements.push(source);
      const row = get(...args);
      if (row !== undefined) log.rowsReturned++;
      return row;
    },
    all: (...args: unknown[]) => {
      log.statements.push(source);
      const rows = all(...args);
      log.rowsReturned += rows.length;
      return rows;
    },
    iterate: function* (...args: unknown[]) {
      log.statements.push(source);
      for (const row of iterate(...args)) {
        log.rowsReturned++;
        yield row;
      }
    },
    raw: (toggle?: boolean) => {
      if (toggle === undefined) stmt.raw();
      else stmt.raw(toggle);
      return watch(stmt, source, log);
    },
  });
}

/** The plan SQLite picks for a query: one line per step ("SEARCH t USING INDEX i (...)", "USE TEMP B-TREE FOR ORDER BY"). */
export function queryPlan(db: Db, sql: string, ...params: unknown[]): string[] {
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}
