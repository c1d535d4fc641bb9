/**
 * The verifier inside the packet: plain Node (node:crypto, node:fs), no dependencies. Exit 0
 * and "OK" when everything matches; exit 1 naming the first row or file that does not. Its
 * row hash is the app's (app/models/audit.server.ts rowHash): SHA-256 of the previous hash, a
 * newline, and the JSON of [at, actorId, action, decision, rule, partnerId, raceId,
 * subjectType, subjectId, detail].
 */
export const VERIFIER_SOURCE = `#!/usr/bin/env node
// Re-checks this evidence packet offline. Run in the unzipped folder: node verify.mjs
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.argv[2] || dirname(fileURLToPath(import.meta.url));
const read = (name) => readFileSync(join(dir, name));
const sha = (buf) => createHash("sha256").update(buf).digest("hex");
const fail = (message) => {
  console.log("FAIL: " + message);
  process.exit(1);
};

let manifest;
try {
  manifest = JSON.parse(read("manifest.json").toString("utf8"));
} catch (e) {
  fail("manifest.json cannot be read: " + e.message);
}

// 1. every row: its content against its own hash, and its link to the row before it when both are here
let rows;
try {
  rows = JSON.parse(read("audit.json").toString("utf8"));
} catch (e) {
  fail("audit.json cannot be read: " + e.message);
}
rows.sort((a, b) => a.id - b.id);
const byId = new Map(rows.map((r) => [r.id, r]));
for (const r of rows) {
  const canonical = JSON.stringify([r.at, r.actorId, r.action, r.decision, r.rule, r.partnerId, r.raceId, r.subjectType, r.subjectId, r.detail]);
  const hash = createHash("sha256").update(r.prevHash).update("\\n").update(canonical).digest("hex");
  if (hash !== r.hash) fail("audit row " + r.id + " does not match its hash (its content or its hash was changed)");
  const before = byId.get(r.id - 1);
  if (before && before.hash !== r.prevHash) fail("audit row " + r.id + " does not link to row " + before.id + " (a hash in the chain was changed)");
}
const head = manifest.chain && manifest.chain.headAfter;
if (head) {
  const last = byId.get(head.id);
  if (last && last.hash !== head.hash) fail("audit row " + head.id + " is not the chain head the packet names");
  if (rows.some((r) => r.id > head.id)) fail("audit row " + rows.find((r) => r.id > head.id).id + " is newer than the chain head");
}
if (rows.length !== manifest.counts.auditRows) fail("audit.json holds " + rows.length + " rows; the manifest says " + manifest.counts.auditRows);

// 2. every file against the manifest's SHA-256
for (const [name, expected] of Object.entries(manifest.files)) {
  let got;
  try {
    got = sha(read(name));
  } catch (e) {
    fail(name + " is missing");
  }
  if (got !== expected) fail(name + " does not match the manifest (it was changed)");
}
console.log("OK: " + rows.length + " audit rows and " + Object.keys(manifest.files).length + " files match; chain head " + (head ? "row " + head.id + " " + head.hash : "none"));
`;
