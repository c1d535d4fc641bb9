/**
 * Issue 11: counsel's audit trail at a million rows. The page's and the CSV's reads go through
 * indexes in the trail's order (newest first), with the member filter and with a person
 * filter: no scan of audit_log and no temporary B-tree sorting it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { testActor, testDb } from "../db";
import { listMemberAudit } from "~/models/audit.server";
import { countStatements, queryPlan } from "../support/statements";
import { buildCoalition, buildPartner } from "../factories";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { appendAudit } from "~/models/audit.server";

let db: Db;
let partnerId: number;
let people: number[];

beforeAll(() => {
  db = testDb();
  const actor = testActor(db);
  const table = buildCoalition(db, actor);
  partnerId = buildPartner(db, actor, table.id, { legalType: "c4" }).id;
  people = ["rep", "counsel", "lead"].map((n) => {
    const u = createUserWithPassword(db, { name: n, email: `${n}@c4.example.org`, password: "a-long-test-password" });
    grantRole(db, actor, u.id, { role: n === "counsel" ? "counsel" : "partner_rep", partnerId });
    return u.id;
  });
  for (let i = 0; i < 50; i++) appendAudit(db, { id: people[i % 3] } as never, { action: "auth.sign_in", decision: "allow", partnerId: i % 2 ? partnerId : null }, new Date(Date.UTC(2026, 10, 1 + (i % 20))));
});

/** The SQL the page runs for its trail read: the statement that reads audit_log. */
async function trailSql(filter: Parameters<typeof listMemberAudit>[2]): Promise<{ sql: string; rows: number }> {
  const counted = await countStatements(db, () => listMemberAudit(db, "system", filter));
  const sql = counted.statements.filter((s) => s.includes("audit_log"));
  expect(sql).toHaveLength(1);
  return { sql: sql[0], rows: counted.result.rows.length };
}

function expectIndexed(plan: string[]) {
  const text = plan.join("\n");
  expect(text, text).toMatch(/SEARCH a USING INDEX audit_log_(partner|actor)/);
  expect(text, text).not.toMatch(/SCAN a\b/);
  expect(text, text).not.toMatch(/TEMP B-TREE/);
}

describe("the audit trail's queries use the indexes, without sorting the log (EXPLAIN QUERY PLAN)", () => {
  const window = { from: "2026-10-01", to: "2026-12-31" };

  it("the member filter: one indexed arm for the member, one per person, merged in order", async () => {
    const { sql } = await trailSql({ partnerId, ...window, limit: 10 });
    // the statement's own parameters are bound by drizzle; the plan does not depend on their values
    const plan = queryPlan(db, sql, ...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1));
    expectIndexed(plan);
    expect(plan.join("\n")).toMatch(/MERGE \(UNION\)/);
    expect(plan.join("\n")).toMatch(/audit_log_actor/);
  });

  it("a person filter: one indexed read of that person's rows", async () => {
    const { sql, rows } = await trailSql({ partnerId, personId: people[0], ...window, limit: 10 });
    expect(rows).toBe(10);
    const plan = queryPlan(db, sql, ...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1));
    expectIndexed(plan);
    expect(plan.join("\n")).toMatch(/audit_log_actor/);
  });

  it("the next page (a keyset cursor) and the CSV's batches read the same way", async () => {
    const first = listMemberAudit(db, "system", { partnerId, ...window, limit: 5 });
    const { readCursor } = await import("~/domain/keyset");
    const { sql } = await trailSql({ partnerId, ...window, limit: 5, cursor: readCursor(first.next) });
    expectIndexed(queryPlan(db, sql, ...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1)));
  });
});
