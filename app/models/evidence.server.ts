import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, gte, or, type SQL } from "drizzle-orm";
import yazl from "yazl";
import type { Db } from "../../db/client";
import { auditLog, campaignContacts, firewallPolicies, partners, policyAcknowledgments, races, vendors, vendorUses, walls } from "../../db/schema";
import type { Principal } from "~/domain/permissions";
import { csvLines, toCsv } from "~/domain/csv";
import { PACKET_FILES, summaryHtml, type ChainHead, type PacketSummary } from "~/domain/evidence";
import { VERIFIER_SOURCE } from "./evidence-verifier.server";
import { NotFoundError } from "~/domain/errors";
import { appendAudit, memberPeople, memberTrailBatches, type AuditListRow } from "./audit.server";
import { raceLabel } from "./races.server";

/**
 * The evidence packet (issue 18): for one member, a race or all races, a date range, one ZIP
 * streamed with yazl. Every table is read in keyset batches as the ZIP is written (one short
 * statement per batch, nothing held open between them); each file is hashed as it goes and the
 * manifest, written last, names every file's SHA-256 and the chain heads. The download is
 * audited first (ONE append, IMMEDIATE); that row is the chain head after.
 */
export type PacketInput = { coalitionId: number; partnerId: number; raceId: number | null; from: string; to: string };

/** Rows read at a time from each table. */
export const PACKET_BATCH = 500;

const AUDIT_HEAD = ["id", "at", "actor_id", "person", "email", "action", "decision", "rule", "partner_id", "race_id", "subject_type", "subject_id", "detail", "prev_hash", "hash"] as const;

/** A table read by id in keyset batches under a filter. */
function* idBatches<T extends { id: number }>(read: (afterId: number, limit: number) => T[]): Generator<T[]> {
  let after = 0;
  for (;;) {
    const rows = read(after, PACKET_BATCH);
    if (rows.length) yield rows;
    if (rows.length < PACKET_BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

// the guard has checked the viewer is the member's counsel (audit.read: the admin is refused)
export function evidencePacket(db: Db, viewer: Principal, input: PacketInput & { now?: Date }): { filename: string; stream: ReadableStream<Uint8Array> } {
  const now = input.now ?? new Date();
  const found = db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.id, input.partnerId)).get();
  if (!found) throw new NotFoundError("Member");
  const member = found;
  const race = input.raceId === null ? null : db.select().from(races).where(and(eq(races.id, input.raceId), eq(races.coalitionId, input.coalitionId))).get();
  if (input.raceId !== null && !race) throw new NotFoundError("Race");
  const fromT = `${input.from}T00:00:00.000Z`;
  const toT = `${input.to}T23:59:59.999Z`;
  const scope = race ? raceLabel(race) : "all races";

  // the download itself, audited before a byte is written: its row is the chain head after
  const downloaded = db.transaction(
    (tx) => appendAudit(tx, viewer, { action: "evidence.packet", decision: "info", rule: "F10", partnerId: member.id, raceId: race?.id ?? null, detail: `evidence packet: ${scope}, ${input.from} to ${input.to}` }, now),
    { behavior: "immediate" },
  );
  const headAfter: ChainHead = { id: downloaded.id, hash: downloaded.hash };
  const before = db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).where(lt(auditLog.at, fromT)).orderBy(desc(auditLog.id)).limit(1).get();
  const headBefore: ChainHead = before ?? null;

  const filter = { partnerId: member.id, raceId: race?.id ?? null, from: input.from, to: input.to };
  const people = memberPeople(db, viewer, { partnerId: member.id });
  const summary: PacketSummary = {
    member: member.name,
    race: race ? raceLabel(race) : null,
    from: input.from,
    to: input.to,
    generatedAt: now.toISOString(),
    generatedBy: viewer.name,
    policies: [],
    decisions: { allow: 0, deny: 0, info: 0, overrides: 0 },
    walls: 0,
    contacts: 0,
    vendors: [],
    headBefore,
    headAfter,
  };
  const files: Record<string, string> = {};
  let auditRows = 0;

  function* hashed(name: string, gen: Iterable<string>): Generator<Buffer> {
    const h = createHash("sha256");
    for (const chunk of gen) {
      if (!chunk) continue;
      const buf = Buffer.from(chunk, "utf8");
      h.update(buf);
      yield buf;
    }
    files[name] = h.digest("hex");
  }

  const auditCells = (r: AuditListRow) => [r.id, r.at, r.actorId, r.actorName, r.actorEmail, r.action, r.decision, r.rule, r.partnerId, r.raceId, r.subjectType, r.subjectId, r.detail, r.prevHash, r.hash];

  function* decisionsCsv() {
    yield toCsv(AUDIT_HEAD, []);
    for (const batch of memberTrailBatches(db, viewer, filter)) {
      for (const r of batch) {
        summary.decisions[r.decision]++;
        if (/allowed by override #\d+/.test(r.detail)) summary.decisions.overrides++;
      }
      yield csvLines(batch.map(auditCells));
    }
  }

  function* auditJson() {
    yield "[";
    let first = true;
    for (const batch of memberTrailBatches(db, viewer, filter)) {
      const text = batch
        .map((r) => JSON.stringify({ id: r.id, at: r.at, actorId: r.actorId, actorName: r.actorName, action: r.action, decision: r.decision, rule: r.rule, partnerId: r.partnerId, raceId: r.raceId, subjectType: r.subjectType, subjectId: r.subjectId, detail: r.detail, prevHash: r.prevHash, hash: r.hash }))
        .join(",\n");
      auditRows += batch.length;
      yield `${first ? "\n" : ",\n"}${text}`;
      first = false;
    }
    yield "\n]\n";
  }

  // the versions in force in the period: each published by its end and not replaced before its start
  const versions = db.select().from(firewallPolicies).where(and(eq(firewallPolicies.partnerId, member.id), lte(firewallPolicies.createdAt, toT))).orderBy(asc(firewallPolicies.version)).all();
  const inForce = versions.filter((v, i) => !versions[i + 1] || versions[i + 1].createdAt >= fromT);

  function* policiesCsv() {
    yield toCsv(["version", "title", "published_at", "replaced_at", "body"], inForce.map((v) => [v.version, v.title, v.createdAt, versions.find((n) => n.version === v.version + 1)?.createdAt ?? "", v.body]));
  }

  function* acknowledgmentsCsv() {
    yield toCsv(["person_id", "name", "email", "version", "acknowledged_at"], []);
    const counts = new Map(inForce.map((v) => [v.id, { acknowledged: 0, never: [] as string[] }]));
    for (let i = 0; i < people.length; i += PACKET_BATCH) {
      const some = people.slice(i, i + PACKET_BATCH);
      const acks = inForce.length
        ? db.select().from(policyAcknowledgments).where(and(inArray(policyAcknowledgments.policyId, inForce.map((v) => v.id)), inArray(policyAcknowledgments.userId, some.map((p) => p.id)))).all()
        : [];
      const rows: unknown[][] = [];
      for (const p of some) {
        for (const v of inForce) {
          const ack = acks.find((a) => a.policyId === v.id && a.userId === p.id);
          const c = counts.get(v.id)!;
          if (ack) c.acknowledged++;
          else c.never.push(p.name);
          rows.push([p.id, p.name, p.email, v.version, ack ? ack.at : "never"]);
        }
      }
      yield csvLines(rows);
    }
    summary.policies = inForce.map((v) => ({ version: v.version, title: v.title, createdAt: v.createdAt, ...counts.get(v.id)! }));
  }

  function* wallsCsv() {
    yield toCsv(["id", "person", "email", "reason", "race_id", "served_for", "start_date", "last_service_date", "until_date", "contact_id", "member_id", "created_at"], []);
    const touches: SQL | undefined = race ? or(eq(walls.raceId, race.id), isNull(walls.raceId)) : undefined;
    for (const batch of idBatches((after, limit) =>
      db
        .select()
        .from(walls)
        .where(and(eq(walls.coalitionId, input.coalitionId), or(eq(walls.partnerId, member.id), isNull(walls.partnerId)), touches, lte(walls.startDate, input.to), gt(walls.id, after)))
        .orderBy(asc(walls.id))
        .limit(limit)
        .all(),
    )) {
      summary.walls += batch.length;
      yield csvLines(batch.map((w) => [w.id, w.personName, w.email, w.reason, w.raceId, w.servedFor, w.startDate, w.lastServiceDate, w.untilDate, w.contactId, w.partnerId, w.createdAt]));
    }
  }

  function* contactsCsv() {
    yield toCsv(["id", "race_id", "candidate_id", "contact_date", "topic", "plans_or_needs", "campaign_people", "notes", "recorded_by", "created_at"], []);
    for (const batch of idBatches((after, limit) =>
      db
        .select()
        .from(campaignContacts)
        .where(and(eq(campaignContacts.coalitionId, input.coalitionId), race ? eq(campaignContacts.raceId, race.id) : undefined, gte(campaignContacts.contactDate, input.from), lte(campaignContacts.contactDate, input.to), gt(campaignContacts.id, after)))
        .orderBy(asc(campaignContacts.id))
        .limit(limit)
        .all(),
    )) {
      summary.contacts += batch.length;
      yield csvLines(batch.map((c) => [c.id, c.raceId, c.candidateId, c.contactDate, c.topic, c.plansOrNeeds, c.campaignPeople, c.notes, c.recordedBy, c.createdAt]));
    }
  }

  function* vendorsCsv() {
    yield toCsv(["use_id", "vendor_id", "vendor", "services", "race_id", "use_date", "purpose", "policy_on_file_at", "policy_note"], []);
    const seen = new Map<number, { name: string; policyOnFileAt: string | null }>();
    for (const batch of idBatches((after, limit) =>
      db
        .select({ id: vendorUses.id, vendorId: vendorUses.vendorId, raceId: vendorUses.raceId, useDate: vendorUses.useDate, purpose: vendorUses.purpose, name: vendors.name, services: vendors.services, policyOnFileAt: vendors.policyOnFileAt, policyNote: vendors.policyNote })
        .from(vendorUses)
        .innerJoin(vendors, eq(vendors.id, vendorUses.vendorId))
        .where(and(eq(vendorUses.partnerId, member.id), race ? eq(vendorUses.raceId, race.id) : undefined, lte(vendorUses.useDate, input.to), gt(vendorUses.id, after)))
        .orderBy(asc(vendorUses.id))
        .limit(limit)
        .all(),
    )) {
      for (const u of batch) seen.set(u.vendorId, { name: u.name, policyOnFileAt: u.policyOnFileAt });
      yield csvLines(batch.map((u) => [u.id, u.vendorId, u.name, u.services, u.raceId, u.useDate, u.purpose, u.policyOnFileAt, u.policyNote]));
    }
    summary.vendors = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  function* summaryFile() {
    yield summaryHtml(summary);
  }

  function* manifestFile() {
    yield `${JSON.stringify(
      {
        packet: { member: { id: member.id, name: member.name }, race: race ? { id: race.id, label: raceLabel(race) } : null, from: input.from, to: input.to, generatedAt: summary.generatedAt, generatedBy: viewer.name },
        chain: { headBefore, headAfter },
        counts: { auditRows },
        files,
      },
      null,
      2,
    )}\n`;
  }

  const zip = new yazl.ZipFile();
  const mtime = now;
  const add = (name: string, gen: () => Iterable<string>) => zip.addReadStream(Readable.from(hashed(name, { [Symbol.iterator]: () => gen()[Symbol.iterator]() }), { objectMode: false }), name, { mtime });
  add(PACKET_FILES.verifier, () => [VERIFIER_SOURCE]);
  add(PACKET_FILES.decisions, decisionsCsv);
  add(PACKET_FILES.audit, auditJson);
  add(PACKET_FILES.policies, policiesCsv);
  add(PACKET_FILES.acknowledgments, acknowledgmentsCsv);
  add(PACKET_FILES.walls, wallsCsv);
  add(PACKET_FILES.contacts, contactsCsv);
  add(PACKET_FILES.vendors, vendorsCsv);
  add(PACKET_FILES.summary, summaryFile);
  zip.addReadStream(Readable.from(manifestFile(), { objectMode: false }), PACKET_FILES.manifest, { mtime });
  zip.end();
  const filename = `evidence-${member.id}-${race ? `race-${race.id}` : "all-races"}-${input.from}-to-${input.to}.zip`;
  return { filename, stream: Readable.toWeb(zip.outputStream as unknown as Readable) as unknown as ReadableStream<Uint8Array> };
}
