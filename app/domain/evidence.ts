/**
 * The evidence packet (issue 18): what counsel hands a regulator to show the firewall was in
 * writing, distributed and kept (the 109.21(h) safe harbor). Pure: the summary page, and the
 * verifier shipped inside the packet (plain Node, no dependencies) that re-checks it offline.
 */

/** The files of a packet, in the order they are written (the manifest last: it hashes the rest). */
export const PACKET_FILES = {
  verifier: "verify.mjs",
  decisions: "decisions.csv",
  audit: "audit.json",
  policies: "policies.csv",
  acknowledgments: "acknowledgments.csv",
  walls: "walls.csv",
  contacts: "contacts.csv",
  vendors: "vendors.csv",
  summary: "summary.html",
  manifest: "manifest.json",
} as const;

export type ChainHead = { id: number; hash: string } | null;

export type PacketSummary = {
  member: string;
  race: string | null;
  from: string;
  to: string;
  generatedAt: string;
  generatedBy: string;
  policies: { version: number; title: string; createdAt: string; acknowledged: number; never: string[] }[];
  decisions: { allow: number; deny: number; info: number; overrides: number };
  walls: number;
  contacts: number;
  vendors: { name: string; policyOnFileAt: string | null }[];
  headBefore: ChainHead;
  headAfter: ChainHead;
};

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The packet's readable summary: one print-friendly page (no script, its own style). */
export function summaryHtml(s: PacketSummary): string {
  const head = (h: ChainHead) => (h ? `row ${h.id}, hash <code>${esc(h.hash)}</code>` : "none (the log was empty)");
  const policyRows = s.policies
    .map((p) => `<tr><td>${p.version}</td><td>${esc(p.title)}</td><td>${esc(p.createdAt.slice(0, 10))}</td><td>${p.acknowledged}</td><td>${p.never.length ? esc(p.never.join(", ")) : "everyone acknowledged"}</td></tr>`)
    .join("");
  const vendorRows = s.vendors.map((v) => `<li>${esc(v.name)}: ${v.policyOnFileAt ? `firewall policy on file since ${esc(v.policyOnFileAt.slice(0, 10))}` : "no firewall policy on file"}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firewall evidence: ${esc(s.member)}</title>
<style>body{font:12pt/1.45 Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}code{font-size:9pt;word-break:break-all}@media print{body{margin:0}}</style></head>
<body>
<h1>Firewall evidence packet</h1>
<p><strong>Member:</strong> ${esc(s.member)}<br><strong>Race:</strong> ${s.race ? esc(s.race) : "all races"}<br><strong>Period:</strong> ${esc(s.from)} to ${esc(s.to)} (UTC days, both included)<br><strong>Generated:</strong> ${esc(s.generatedAt)} by ${esc(s.generatedBy)}</p>
<p>This packet shows that the member's firewall policy was in writing, distributed to its people and kept, and lists every firewall decision about the member's people in the period, as the table's audit log recorded them. It is not legal advice.</p>
<h2>Written policy and its distribution</h2>
${s.policies.length ? `<table><thead><tr><th>Version</th><th>Title</th><th>Published</th><th>Acknowledged by</th><th>Never acknowledged</th></tr></thead><tbody>${policyRows}</tbody></table>` : "<p>No written policy was in force in the period.</p>"}
<p>Each person's acknowledgment date is in acknowledgments.csv; the policy texts in policies.csv.</p>
<h2>Firewall decisions</h2>
<p>${s.decisions.allow} allowed, ${s.decisions.deny} refused or withheld, ${s.decisions.info} recorded acts; ${s.decisions.overrides} allowed by a counsel override. Every row is in decisions.csv and audit.json.</p>
<h2>Walls, campaign contacts, vendors</h2>
<p>${s.walls} wall roster entries (walls.csv); ${s.contacts} campaign contacts (contacts.csv).</p>
${vendorRows ? `<ul>${vendorRows}</ul>` : "<p>No vendor use recorded.</p>"}
<h2>Proof that these rows are the log's own</h2>
<p>Each audit row carries the hash of the row before it and its own hash (SHA-256), as the app wrote them. Chain head before the period: ${head(s.headBefore)}. Chain head when the packet was made: ${head(s.headAfter)}.</p>
<p>To re-check the packet offline, unzip it and run <code>node verify.mjs</code> in its folder (Node 18 or later, nothing else). It recomputes every row's hash, every link between consecutive rows, and every file's SHA-256 against manifest.json, and names the first row or file that does not match. The head after can be compared with the live log by the server's <code>npm run audit:verify</code>.</p>
</body></html>
`;
}

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
