/**
 * The evidence packet (issue 18): what counsel hands a regulator to show the firewall was in
 * writing, distributed and kept (the 109.21(h) safe harbor). Pure: the file names and the
 * summary page (the verifier's source is app/models/evidence-verifier.server.ts).
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
