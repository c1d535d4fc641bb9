import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { buildTableWithRace, stance } from "../factories";
import { testActor } from "../db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-verify-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function verify(file: string) {
  return spawnSync("npx", ["tsx", "scripts/audit-verify.ts", file], { cwd: process.cwd(), encoding: "utf8", env: { ...process.env, VITEST: undefined } });
}

describe("F10: npm run audit:verify finds a tampered row", () => {
  it("reports an intact chain, then the first broken row after one row is changed in the database", () => {
    const file = path.join(dir, "audit.db");
    const db = openDb(file);
    const actor = testActor(db);
    const { coalition, partners, candidates } = buildTableWithRace(db, actor, { partners: 3 });
    for (const p of partners) stance(db, actor, coalition.id, candidates[0].id, p.id, "endorsed");
    const rows = db.$client.prepare("select id from audit_log order by id").all() as { id: number }[];
    expect(rows.length).toBeGreaterThan(5);

    const ok = verify(file);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`Audit log intact: ${rows.length} rows verified`));

    // Someone with the database file goes around the app: drops the guard and edits a row.
    const target = rows[3].id;
    db.$client.exec("DROP TRIGGER audit_log_no_update");
    db.$client.prepare("update audit_log set detail = 'nothing to see' where id = ?").run(target);
    db.$client.close();

    const broken = verify(file);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at row ${target}`);
  });
});
