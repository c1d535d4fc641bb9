/**
 * The evidence packet (issue 18): its contents against a hand-built scenario, and the verifier
 * shipped inside it, run with node in a child process on the extracted files: passing on the
 * packet, failing with the row named when one row or one hash is changed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { PACKET_FILES } from "~/domain/evidence";
import { loadPrincipal } from "~/models/accounts.server";
import { evidencePacket } from "~/models/evidence.server";
import { testActor, testDb } from "../db";
import { unzip } from "../support/unzip";
import { evidenceWorld } from "./support/evidence-world";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const TODAY = new Date().toISOString().slice(0, 10);

async function packet(w: ReturnType<typeof evidenceWorld>, raceId: number | null = w.race.id) {
  const { stream, filename } = evidencePacket(db, loadPrincipal(db, w.counsel.id)!, { coalitionId: w.table.id, partnerId: w.papa.id, raceId, from: "2000-01-01", to: TODAY });
  const zip = Buffer.from(await new Response(stream).arrayBuffer());
  return { filename, files: unzip(zip) };
}

function extract(files: Map<string, Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "packet-"));
  for (const [name, data] of files) writeFileSync(join(dir, name), data);
  return dir;
}

const verify = (dir: string) => {
  const r = spawnSync(process.execPath, [join(dir, "verify.mjs")], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

const text = (files: Map<string, Buffer>, name: string) => files.get(name)!.toString("utf8");

describe("the evidence packet", () => {
  it("holds the policy and who acknowledged it, the walls, contacts and vendors of the race, and every decision about the member's people", async () => {
    const w = evidenceWorld(db, actor);
    const { filename, files } = await packet(w);
    expect(filename).toBe(`evidence-${w.papa.id}-race-${w.race.id}-2000-01-01-to-${TODAY}.zip`);
    expect([...files.keys()]).toEqual(Object.values(PACKET_FILES));

    expect(text(files, "policies.csv")).toMatch(/^version,title,published_at,replaced_at,body\r\n1,Papa firewall policy,/);
    const acks = text(files, "acknowledgments.csv").split("\r\n");
    expect(acks.find((l) => l.includes("Rita Rep"))).toMatch(/,1,\d{4}-\d\d-\d\dT/);
    expect(acks.find((l) => l.includes("Cole Counsel"))).toMatch(/,1,\d{4}-\d\d-\d\dT/);
    expect(acks.find((l) => l.includes("Lena Lead"))).toMatch(/,1,never$/);
    expect(acks.some((l) => l.includes("Quinn"))).toBe(false);

    const wallsCsv = text(files, "walls.csv");
    expect(wallsCsv).toContain("Walt Walled");
    expect(wallsCsv).toContain("Pat Party");
    expect(wallsCsv).not.toContain("Olive Otherrace");
    expect(text(files, "contacts.csv")).toContain("Field plans of the campaign");
    expect(text(files, "contacts.csv")).not.toContain("Another race");
    expect(text(files, "vendors.csv")).toMatch(/Textly,texting,\d+,[\d-]+,Persuasion texts/);

    const rows = JSON.parse(text(files, "audit.json")) as { id: number; action: string; decision: string; rule: string; actorId: number; detail: string; hash: string }[];
    expect(rows.find((r) => r.action === "firewall.campaign_info" && r.actorId === w.rep.id)).toMatchObject({ decision: "deny", rule: "F2", detail: "2 withheld: campaign notes" });
    expect(rows.find((r) => r.action === "firewall.policy_act")).toMatchObject({ decision: "deny", rule: "F6", actorId: w.lead.id });
    expect(rows.some((r) => r.actorId === w.quebecRep.id)).toBe(false);
    const download = db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;
    expect(download).toMatchObject({ action: "evidence.packet", decision: "info", rule: "F10", actorId: w.counsel.id, partnerId: w.papa.id, raceId: w.race.id });
    expect(rows[0]).toMatchObject({ id: download.id, hash: download.hash });
    expect(text(files, "decisions.csv").split("\r\n").filter(Boolean)).toHaveLength(rows.length + 1);

    const manifest = JSON.parse(text(files, "manifest.json"));
    expect(manifest.chain.headAfter).toEqual({ id: download.id, hash: download.hash });
    expect(manifest.chain.headBefore).toBeNull();
    expect(manifest.counts.auditRows).toBe(rows.length);
    expect(Object.keys(manifest.files).sort()).toEqual(Object.values(PACKET_FILES).filter((f) => f !== "manifest.json").sort());

    const summary = text(files, "summary.html");
    expect(summary).toContain("Papa Alliance");
    expect(summary).toMatch(/Never acknowledged<\/th>.*Lena Lead/s);
    expect(summary).toContain("Textly: no firewall policy on file");
    expect(summary).toContain("node verify.mjs");
  });

  it("for all races: the other race's walls and contacts are in it too", async () => {
    const w = evidenceWorld(db, actor);
    const { files } = await packet(w, null);
    expect(text(files, "walls.csv")).toContain("Olive Otherrace");
    expect(text(files, "contacts.csv")).toContain("Another race");
  });

  it("the bundled verifier passes on the packet, and names the row when one row or one hash is changed, the file when a CSV is", async () => {
    const w = evidenceWorld(db, actor);
    const { files } = await packet(w);
    const ok = verify(extract(files));
    expect(ok.out).toMatch(/^OK: \d+ audit rows and 9 files match/);
    expect(ok.status).toBe(0);

    const rows = JSON.parse(text(files, "audit.json")) as { id: number; action: string; detail: string; hash: string }[];
    const target = rows.find((r) => r.action === "firewall.policy_act")!;

    const changedRow = new Map(files);
    changedRow.set("audit.json", Buffer.from(JSON.stringify(rows.map((r) => (r.id === target.id ? { ...r, detail: "stance allowed" } : r)))));
    const a = verify(extract(changedRow));
    expect(a.status).toBe(1);
    expect(a.out).toContain(`FAIL: audit row ${target.id} does not match its hash`);

    const changedHash = new Map(files);
    changedHash.set("audit.json", Buffer.from(JSON.stringify(rows.map((r) => (r.id === target.id ? { ...r, hash: "f".repeat(64) } : r)))));
    const b = verify(extract(changedHash));
    expect(b.status).toBe(1);
    expect(b.out).toContain(`FAIL: audit row ${target.id} does not match its hash`);

    const changedCsv = new Map(files);
    changedCsv.set("decisions.csv", Buffer.from(text(files, "decisions.csv").replace("deny", "allow")));
    const c = verify(extract(changedCsv));
    expect(c.status).toBe(1);
    expect(c.out).toContain("FAIL: decisions.csv does not match the manifest");
  });

  it("a row dropped from between two others breaks no hash, but the manifest's count and the file's hash say so", async () => {
    const w = evidenceWorld(db, actor);
    const { files } = await packet(w);
    const rows = JSON.parse(text(files, "audit.json")) as unknown[];
    const dropped = new Map(files);
    dropped.set("audit.json", Buffer.from(JSON.stringify(rows.slice(1))));
    const r = verify(extract(dropped));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/FAIL: audit.json holds \d+ rows; the manifest says \d+/);
    expect(readFileSync(join(extract(files), "verify.mjs"), "utf8")).not.toMatch(/\bfrom "(?!node:)/);
  });
});
