/** npm run admin:link: the operator's way in on an instance without demo accounts (production guide). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import { acceptInvitation, signIn } from "~/models/accounts.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-link-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], file: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST"))) as NodeJS.ProcessEnv;
  return spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/admin-link.ts", ...args], { encoding: "utf8", env: { ...env, DATABASE_PATH: file, PUBLIC_URL: "https://table.example.org/" } });
}

it("makes a new instance admin with a one-time link to choose a password, audited; a second run gives a new link", () => {
  const file = path.join(dir, "fresh.db");
  const first = run(["Ops@Example.org", "Olu", "Operator"], file);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/Olu Operator <ops@example\.org> is now an instance admin \(new account\)/);
  const token = first.stdout.match(/https:\/\/table\.example\.org\/invitations\/([A-Za-z0-9_-]+)/)![1];
  const db = openDb(file);
  expect(acceptInvitation(db, token, { name: "Olu Operator", password: "a long operator password" }, "203.0.113.1")).toMatchObject({ ok: true });
  const user = db.select().from(users).where(eq(users.email, "ops@example.org")).get()!;
  expect(user.isAdmin).toBe(true);
  expect(signIn(db, { email: "ops@example.org", password: "a long operator password", ip: "203.0.113.1", userAgent: null }).ok).toBe(true);
  expect(db.select().from(auditLog).all().map((a) => a.action)).toContain("auth.admin_granted");
  db.$client.close();
  const again = run(["ops@example.org", "Olu Operator"], file);
  expect(again.stdout).toMatch(/is an instance admin in/);
  expect(again.stdout).not.toContain(token);
});

it("refuses without an email and a name", () => {
  const r = run(["not-an-email"], path.join(dir, "x.db"));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/Usage/);
});
