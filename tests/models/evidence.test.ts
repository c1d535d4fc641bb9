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
import { auditLog, campaignContacts, users, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { PACKET_FILES } from "~/domain/evidence";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { recordStance } from "~/models/endorsements.server";
import { evidencePacket } from "~/models/evidence.server";
import { logWithheld } from "~/models/firewall.server";
import { createVendor, recordVendorUse } from "~/models/vendors.server";
import { testActor, testDb } from "../db";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildPolicy, buildRace } from "../factories";
import { unzip } from "../support/unzip";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const TODAY = new Date().toISOString().slice(0, 10);

export function evidenceWorld(db: Db, actor: Actor) {
  const table = buildCoalition(db, actor);
  const papa = buildPartner(db, actor, table.id, { name: "Papa Alliance", shortName: "PAPA", legalType: "c4" });
  const quebec = buildPartner(db, actor, table.id, { name: "Quebec Union", shortName: "QUE", legalType: "c4" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const other = buildRace(db, actor, table.id, { state: "PA", district: "08" });
  const candidate = buildCandidate(db, actor, table.id, race.id);
  const alpha = buildAffiliate(db, actor, table.id, papa.id, { name: "Alpha Chapter", state: "PA", districts: ["07"] });
  const person = (name: string, grant: Parameters<typeof grantRole>[3]) => {
    const u = db.insert(users).values({ name, email: `${name.split(" ")[0].toLowerCase()}@example.org` }).returning().get();
    grantRole(db, actor, u.id, { coalitionId: table.id, ...grant });
    return u;
  };
  const counsel = person("Cole Counsel", { role: "counsel", partnerId: papa.id });
  const rep = person("Rita Rep", { role: "partner_rep", partnerId: papa.id });
  const lead = person("Lena Lead", { role: "affiliate_lead", affiliateId: alpha.id });
  const quebecRep = person("Quinn Quebec", { role: "partner_rep", partnerId: quebec.id });
  const otherCounsel = person("Otto Other", { role: "counsel", partnerId: quebec.id });
  const policy = buildPolicy(db, actor, papa.id, [counsel.id, rep.id], { title: "Papa firewall policy" });
  buildPolicy(db, actor, quebec.id, [quebecRep.id]);
  const wall = (personName: string, raceId: number | null, reason: "candidate_service" | "party_service") =>
    db.insert(walls).values({ coalitionId: table.id, partnerId: papa.id, personName, reason, raceId, servedFor: "a campaign", startDate: "2026-01-05", createdBy: actor.id, createdAt: "2026-01-05T00:00:00.000Z" }).returning().get();
  wall("Walt Walled", race.id, "candidate_service");
  wall("Pat Party", null, "party_service");
  wall("Olive Otherrace", other.id, "candidate_service");
  const contact = (raceId: number, topic: string) =>
    db.insert(campaignContacts).values({ coalitionId: table.id, raceId, contactDate: TODAY, topic, plansOrNeeds: true, recordedBy: actor.id, createdAt: new Date().toISOString() }).returning().get();
  contact(race.id, "Field plans of the campaign");
  contact(other.id, "Another race's plans");
  const vendor = createVendor(db, actor, table.id, { name: "Textly", services: "texting" });
  if (!vendor.ok) throw new Error(vendor.message);
  const use = recordVendorUse(db, actor, table.id, { vendorId: vendor.vendor.id, partnerId: papa.id, raceId: race.id, useDate: TODAY, purpose: "Persuasion texts" });
  if (!use.ok) throw new Error(use.message);
  // decisions about Papa's people: Rita withheld campaign notes (F2); Lena refused a stance (F6: never acknowledged)
  logWithheld(db, loadPrincipal(db, rep.id)!, race.id, "campaign notes", 2);
  const refused = recordStance(db, lead, table.id, { candidateId: candidate.id, partnerId: papa.id, affiliateId: alpha.id, stance: "considering", decidedOn: TODAY, decidingBody: "", note: "", noteSource: "research", notePrivate: false });
  if (refused.ok) throw new Error("expected an F6 refusal");
  // not Papa's: Quebec's representative's withholding
  logWithheld(db, loadPrincipal(db, quebecRep.id)!, race.id, "campaign notes", 1);
  return { table, papa, quebec, race, other, counsel, rep, lead, quebecRep, otherCounsel, policy, vendor: vendor.vendor };
}

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
  const r = spawnSync(process.execPath, [join(dir, "verify.mjs")], { cwd: dir, encoding: "utf8", env: {} });
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
