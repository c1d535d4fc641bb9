/**
 * The program's CSV exports, streamed in keyset batches (issue 11): the same file as the
 * whole-list export wrote before (tests/models/support/export-reference.json, written by the
 * old code on this world), contact details decided row by row, and read lazily a batch at a time.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { shifts } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { EXPORT_BATCH, exportCsv, type ExportKind } from "~/models/field-exports.server";
import { countStatements } from "../support/statements";
import { testActor, testDb } from "../db";
import { exportWorld, EXPORT_AFTER } from "./support/export-world";
import reference from "./support/export-reference.json";
import { parse } from "csv-parse/sync";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const KINDS: ExportKind[] = ["shifts", "signups", "results"];

describe("streamed field exports", () => {
  it("write, batch by batch, exactly the file the whole-list export wrote (for the facilitator and for a lead)", () => {
    const w = exportWorld(db, actor);
    for (const who of ["fay", "lena"] as const) {
      for (const kind of KINDS) {
        const r = exportCsv(db, w[who], { coalitionId: w.c, programId: w.p, kind, recipient: "member" }, EXPORT_AFTER);
        if (!r.ok) throw new Error(r.message);
        const ref = (reference as Record<string, string>)[`${who}-${kind}`];
        if (who === "lena" && kind === "shifts") {
          // issue 13: a lead gets the meeting links of the shifts its affiliate hosts or recruits for, not the others'
          const got = parse([...r.chunks].join(""));
          const want = parse(ref);
          const link = want[0].indexOf("call_link");
          expect(got.map((row) => row.filter((_, i) => i !== link))).toEqual(want.map((row) => row.filter((_, i) => i !== link)));
          expect(got.every((row, i) => row[link] === want[i][link] || row[link] === "")).toBe(true);
        } else expect([...r.chunks].join(""), `${who} ${kind}`).toBe(ref);
      }
    }
  });

  it("contact details follow signup.contacts row by row: a lead sees its own recruits' and its own shifts' volunteers only", () => {
    const w = exportWorld(db, actor);
    const r = exportCsv(db, w.lena, { coalitionId: w.c, programId: w.p, kind: "signups", recipient: "member" }, EXPORT_AFTER);
    const lines = r.ok ? [...r.chunks].join("").split("\r\n") : [];
    expect(lines.find((l) => l.includes("Cam Charlie"))).toContain("@example.test");
    expect(lines.find((l) => l.includes("Vera, Jr."))).toContain("(hidden),(hidden)");
    expect(lines.find((l) => l.includes("Bo Bravo"))).not.toContain("555");
  });

  it("is lazy: the F7 gate and its audit row come first, and no shift is read until the file is", async () => {
    const w = exportWorld(db, actor);
    const counted = await countStatements(db, () => exportCsv(db, w.fay, { coalitionId: w.c, programId: w.p, kind: "shifts", recipient: "member" }, EXPORT_AFTER));
    expect(counted.statements.some((s) => /from "shifts"/.test(s))).toBe(false);
    const refused = await countStatements(db, () => exportCsv(db, w.fay, { coalitionId: w.c, programId: w.p, kind: "signups", recipient: "campaign" }, EXPORT_AFTER));
    expect(refused.result).toMatchObject({ ok: false, field: "recipient" });
  });

  it("reads a program of many shifts EXPORT_BATCH at a time by keyset: every shift once, in order, the header once", async () => {
    const w = exportWorld(db, actor);
    const n = EXPORT_BATCH * 2 + 17;
    const base = Date.parse("2027-01-04T14:00:00.000Z");
    const insert = db.$client.prepare(
      "insert into shifts (program_id, work_type, title, starts_at, ends_at, host_affiliate_id, capacity, created_by) values (?, 'phonebank', ?, ?, ?, ?, 10, ?)",
    );
    // a few share a start: the key's id breaks the tie
    for (let i = 0; i < n; i++) insert.run(w.p, `Bulk ${i}`, new Date(base + Math.floor(i / 3) * 3_600_000).toISOString(), new Date(base + Math.floor(i / 3) * 3_600_000 + 7_200_000).toISOString(), w.alpha.id, actor.id);
    const r = exportCsv(db, w.fay, { coalitionId: w.c, programId: w.p, kind: "shifts", recipient: "member" }, EXPORT_AFTER);
    if (!r.ok) throw new Error(r.message);
    const counted = await countStatements(db, () => [...r.chunks]);
    const chunks = counted.result;
    const total = n + w.shifts.length;
    expect(chunks).toHaveLength(Math.ceil(total / EXPORT_BATCH));
    const rows = chunks.join("").trimEnd().split("\r\n");
    expect(rows.filter((l) => l.startsWith("shift_id,"))).toHaveLength(1);
    const ids = rows.slice(1).map((l) => Number(l.split(",")[0]));
    expect(new Set(ids).size).toBe(total);
    const all = db.select({ id: shifts.id, startsAt: shifts.startsAt }).from(shifts).all().sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
    expect(ids).toEqual(all.map((s) => s.id));
    // one statement for the shifts per batch, never one per shift
    expect(counted.statements.filter((s) => /from "shifts" inner join "canvass_programs"/.test(s))).toHaveLength(Math.ceil(total / EXPORT_BATCH));
  });
});
