/**
 * Capacity under real concurrency: several processes, each with its own connection to one
 * SQLite file, sign volunteers up for the same shift of capacity 10 at the same moment.
 * Exactly 10 get in, because the model counts and inserts in one BEGIN IMMEDIATE
 * transaction (the write lock is taken before the count) with a busy timeout.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { auditLog, outbox, shiftLinks, signups } from "../../db/schema";
import { publishShift } from "~/models/public-shifts.server";
import { verifyAuditChain } from "~/models/audit.server";
import { testActor } from "../db";
import { buildProgramWorld, buildShift } from "../factories";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signup-race-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WORKER = path.resolve(__dirname, "support/signup-worker.ts");
const TSX = path.resolve(__dirname, "../../node_modules/.bin/tsx");

function run(file: string, args: object, onReady: () => void): Promise<{ worker: number; ok: number; refused: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [WORKER, file, JSON.stringify(args)], { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      const before = out;
      out += d;
      if (!before.includes("ready\n") && out.includes("ready\n")) onReady();
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

it("many parallel sign-ups from separate connections against a shift of capacity 10 end with exactly 10", async () => {
  const file = path.join(dir, "race.db");
  const db = openDb(file);
  const actor = testActor(db);
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.affiliates[0].id, { capacity: 10, coHostIds: [w.affiliates[1].id] });
  db.$client.close();

  const WORKERS = 6;
  const ATTEMPTS = 5; // 30 attempts for 10 places
  const goFile = path.join(dir, "go");
  let ready = 0;
  const go = () => {
    if (++ready === WORKERS) fs.writeFileSync(goFile, "go");
  };
  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, worker) =>
      run(file, { worker, attempts: ATTEMPTS, goFile, coalitionId: w.coalition.id, programId: w.program.id, shiftId: shift.id, affiliateIds: w.affiliates.map((a) => a.id), actor }, go),
    ),
  );

  const admitted = results.reduce((n, r) => n + r.ok, 0);
  expect(admitted).toBe(10);
  const refusals = results.flatMap((r) => r.refused);
  expect(refusals).toHaveLength(WORKERS * ATTEMPTS - 10);
  for (const m of refusals) expect(m).toMatch(/full: 10 of 10/);

  const check = openDb(file);
  expect(check.select().from(signups).all()).toHaveLength(10);
  // each admitted sign-up was audited, and the audit chain survived the contention
  expect(check.select().from(auditLog).all().filter((a) => a.action === "signup.create")).toHaveLength(10);
  expect(verifyAuditChain(check)).toMatchObject({ ok: true });
  check.$client.close();
}, 60_000);

it("public sign-ups from separate processes through every share link end with exactly the capacity, each credited to its link", async () => {
  const file = path.join(dir, "public.db");
  const db = openDb(file);
  const actor = testActor(db);
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  const shift = buildShift(db, actor, w.coalition.id, w.program.id, w.affiliates[0].id, { capacity: 10, coHostIds: [w.affiliates[1].id] });
  expect(publishShift(db, actor, { coalitionId: w.coalition.id, programId: w.program.id, shiftId: shift.id, publish: true }).ok).toBe(true);
  const links = db.select().from(shiftLinks).all();
  db.$client.close();

  const WORKERS = 6;
  const goFile = path.join(dir, "go-public");
  let ready = 0;
  const go = () => {
    if (++ready === WORKERS) fs.writeFileSync(goFile, "go");
  };
  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, worker) =>
      run(file, { worker, attempts: 5, goFile, coalitionId: w.coalition.id, programId: w.program.id, shiftId: shift.id, affiliateIds: [], actor, shareTokens: links.map((l) => l.token) }, go),
    ),
  );
  expect(results.reduce((n, r) => n + r.ok, 0)).toBe(10);
  for (const m of results.flatMap((r) => r.refused)) expect(m).toBe("This shift is full.");
  const check = openDb(file);
  const taken = check.select().from(signups).all();
  expect(taken).toHaveLength(10);
  // each one credited to the affiliate of the link it came through (the plain link: the host)
  const byEmail = new Map(taken.map((s) => [s.email, s.recruitedByAffiliateId]));
  for (const s of taken) {
    const [wk, i] = s.email!.match(/v(\d+)-(\d+)@/)!.slice(1).map(Number);
    const link = links[(wk + i) % links.length];
    expect(byEmail.get(s.email), s.email!).toBe(link.affiliateId ?? w.affiliates[0].id);
  }
  expect(check.select().from(outbox).all().filter((m) => m.kind === "signup_confirmation")).toHaveLength(10);
  expect(verifyAuditChain(check)).toMatchObject({ ok: true });
  check.$client.close();
}, 60_000);
