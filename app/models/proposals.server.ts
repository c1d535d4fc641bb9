/**
 * Members write too (issue 17): a member's representative proposes an agenda item for the next
 * meeting, or a change to its sub-table's written agreement; the facilitator accepts it (onto
 * the draft agenda; into the agreement's next version, which members sign again) or answers it
 * with a reply. Every write is one IMMEDIATE transaction with its audit row.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agendaProposals, agreementProposals, type AgendaProposal, type AgreementProposal } from "../../db/schema";
import type { Actor, Viewer } from "~/domain/actor";
import type { Result } from "~/domain/errors";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { proposalAgendaTitle, type AgreementProposalInput, type AgreementProposalView } from "~/domain/proposals";
import { wordDiff } from "~/domain/text-diff";
import type { ProposalStatus } from "~/domain/vocabulary";
import { writeAgreementVersion } from "./agreements.server";
import { appendAudit } from "./audit.server";
import { appendAgendaItem, nextDraftMeeting, q, qAll } from "./concerns.server";
import type { Tx } from "./meetings.server";
import { cursorKey } from "./questions.server";

function seatedShortName(tx: Tx | Db, coalitionId: number, partnerId: number): string | null {
  return q<{ s: string }>(tx, "select p.short_name as s from partners p join coalition_partners cp on cp.partner_id = p.id where cp.coalition_id = ? and p.id = ?", coalitionId, partnerId)?.s ?? null;
}

// ---- agenda items --------------------------------------------------------------------------

/** A member proposes an agenda item; it names the table's next meeting with a draft agenda, if there is one. */
export function proposeAgendaItem(db: Db, actor: Actor, input: { coalitionId: number; partnerId: number; title: string; why: string }, now = new Date()): Result<{ proposal: AgendaProposal }> {
  return db.transaction(
    (tx) => {
      if (!seatedShortName(tx, input.coalitionId, input.partnerId)) return { ok: false as const, field: "partnerId", message: "Choose a partner seated at this table." };
      const meeting = nextDraftMeeting(tx, input.coalitionId, null, now.toISOString());
      const proposal = tx
        .insert(agendaProposals)
        .values({ coalitionId: input.coalitionId, partnerId: input.partnerId, meetingId: meeting?.id ?? null, title: input.title, why: input.why, proposedBy: actor.id, createdAt: now.toISOString() })
        .returning()
        .get();
      appendAudit(tx, actor, { action: "agenda.propose", decision: "info", partnerId: input.partnerId, subjectType: "agenda_proposal", subjectId: proposal.id, detail: input.title.slice(0, 120) }, now);
      return { ok: true as const, proposal };
    },
    { behavior: "immediate" },
  );
}

/**
 * The facilitator accepts a proposed agenda item onto a draft agenda (the meeting it was
 * proposed for while that agenda is a draft and ahead, else the next one), or declines it with
 * a reply. With no draft agenda ahead, accepting is refused: create the meeting first.
 */
export function decideAgendaProposal(db: Db, actor: Actor, input: { coalitionId: number; proposalId: number; accept: boolean; reply?: string | null }, now = new Date()): Result<{ meetingId: number | null }> {
  return db.transaction(
    (tx) => {
      const p = tx.select().from(agendaProposals).where(and(eq(agendaProposals.id, input.proposalId), eq(agendaProposals.coalitionId, input.coalitionId))).get();
      if (!p) return { ok: false as const, field: "id", message: "Choose a proposed agenda item of this table." };
      if (p.status !== "proposed") return { ok: false as const, field: "id", message: `This proposal was already ${p.status}.` };
      const decided = { decidedBy: actor.id, decidedAt: now.toISOString(), reply: input.reply ?? null };
      if (!input.accept) {
        tx.update(agendaProposals).set({ status: "declined", ...decided }).where(eq(agendaProposals.id, p.id)).run();
        appendAudit(tx, actor, { action: "agenda.proposal_decline", decision: "info", partnerId: p.partnerId, subjectType: "agenda_proposal", subjectId: p.id, detail: p.title.slice(0, 120) }, now);
        return { ok: true as const, meetingId: null };
      }
      const nowIso = now.toISOString();
      const named = p.meetingId === null ? undefined : q<{ id: number; title: string }>(tx, "select id, title from meetings where id = ? and agenda_status = 'draft' and starts_at > ?", p.meetingId, nowIso);
      const meeting = named ?? nextDraftMeeting(tx, input.coalitionId, null, nowIso);
      if (!meeting) return { ok: false as const, field: "id", message: "No meeting ahead has a draft agenda: create the next meeting, then accept this proposal." };
      const shortName = seatedShortName(tx, input.coalitionId, p.partnerId) ?? "a member";
      const itemId = appendAgendaItem(tx, actor, meeting.id, { title: proposalAgendaTitle(shortName, p.title), raceId: null, candidateId: null });
      tx.update(agendaProposals).set({ status: "accepted", agendaItemId: itemId, meetingId: meeting.id, ...decided }).where(eq(agendaProposals.id, p.id)).run();
      appendAudit(tx, actor, { action: "agenda.proposal_accept", decision: "info", partnerId: p.partnerId, subjectType: "meeting", subjectId: meeting.id, detail: `${p.title.slice(0, 120)}; on the agenda of ${meeting.title}` }, now);
      return { ok: true as const, meetingId: meeting.id };
    },
    { behavior: "immediate" },
  );
}

export type AgendaProposalRow = {
  id: number;
  partnerId: number;
  partnerShortName: string;
  title: string;
  why: string;
  status: ProposalStatus;
  reply: string | null;
  meetingId: number | null;
  meetingTitle: string | null;
  createdAt: string;
};

/** One keyset page of a table's proposed agenda items in one status, newest first, with the total. */
// every read takes the viewer; a proposal is a member's words to the whole table
export function listAgendaProposals(db: Db, _viewer: Viewer, input: { coalitionId: number; status: ProposalStatus; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const c = cursorKey(input.cursor, ["string", "number"]);
  const back = c?.dir === "before";
  const where = "ap.coalition_id = ? and ap.status = ?";
  const fetched = qAll<AgendaProposalRow>(
    db,
    `select ap.id, ap.partner_id as partnerId, p.short_name as partnerShortName, ap.title, ap.why, ap.status, ap.reply, m.id as meetingId, m.title as meetingTitle, ap.created_at as createdAt
     from agenda_proposals ap join partners p on p.id = ap.partner_id left join meetings m on m.id = ap.meeting_id
     where ${where}${c ? ` and (ap.created_at, ap.id) ${back ? ">" : "<"} (?, ?)` : ""}
     order by ap.created_at ${back ? "asc" : "desc"}, ap.id ${back ? "asc" : "desc"} limit ?`,
    input.coalitionId,
    input.status,
    ...(c ? c.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, c, (r) => [r.createdAt, r.id]);
  const total = q<{ n: number }>(db, `select count(*) as n from agenda_proposals ap where ${where}`, input.coalitionId, input.status)?.n ?? 0;
  return { ...page, total };
}

// ---- agreement changes ---------------------------------------------------------------------

const PARTS = ["decidesTogether", "eachKeeps", "workAndCredit", "actingAlone"] as const;

/** A current member's representative proposes a change to its sub-table's agreement, against the version it read (which must still be current). */
export function proposeAgreementChange(db: Db, actor: Actor, input: AgreementProposalInput & { coalitionId: number; subCoalitionId: number }, now = new Date()): Result<{ proposal: AgreementProposal }> {
  return db.transaction(
    (tx) => {
      const base = q<{ id: number; agreementId: number; version: number; current: number }>(
        tx,
        `select v.id, v.agreement_id as agreementId, v.version, (select max(version) from agreement_versions where agreement_id = v.agreement_id) as current
         from agreement_versions v join agreements a on a.id = v.agreement_id join sub_coalitions s on s.id = a.sub_coalition_id
         where v.id = ? and a.sub_coalition_id = ? and s.coalition_id = ?`,
        input.baseVersionId,
        input.subCoalitionId,
        input.coalitionId,
      );
      if (!base) return { ok: false as const, field: "baseVersionId", message: "This sub-table has no such agreement version: reload the page." };
      if (base.version !== base.current) return { ok: false as const, field: "baseVersionId", message: `Version ${base.current} replaced the version you read: reload the page and propose against it.` };
      const member = q<{ id: number }>(tx, "select id from sub_coalition_members where sub_coalition_id = ? and partner_id = ? and left_at is null", input.subCoalitionId, input.partnerId);
      if (!member) return { ok: false as const, field: "partnerId", message: "Only a current member of this sub-table proposes changes to its agreement." };
      const current = q<Record<(typeof PARTS)[number], string>>(tx, "select decides_together as decidesTogether, each_keeps as eachKeeps, work_and_credit as workAndCredit, acting_alone as actingAlone from agreement_versions where id = ?", base.id)!;
      if (PARTS.every((k) => current[k] === input[k])) return { ok: false as const, field: "decidesTogether", message: "Change at least one part of the text." };
      const proposal = tx
        .insert(agreementProposals)
        .values({
          subCoalitionId: input.subCoalitionId,
          agreementId: base.agreementId,
          baseVersionId: base.id,
          partnerId: input.partnerId,
          decidesTogether: input.decidesTogether,
          eachKeeps: input.eachKeeps,
          workAndCredit: input.workAndCredit,
          actingAlone: input.actingAlone,
          why: input.why,
          proposedBy: actor.id,
          createdAt: now.toISOString(),
        })
        .returning()
        .get();
      appendAudit(tx, actor, { action: "agreement.propose", decision: "info", partnerId: input.partnerId, subjectType: "sub_table", subjectId: input.subCoalitionId, detail: `against version ${base.version}` }, now);
      return { ok: true as const, proposal };
    },
    { behavior: "immediate" },
  );
}

/**
 * The facilitator accepts a proposed change as the agreement's next version (members sign the
 * new version again, as for any version), or answers it with a reply. A proposal against a
 * version another replaced since cannot be accepted: answer it, and the member proposes again.
 */
export function decideAgreementChange(db: Db, actor: Actor, input: { coalitionId: number; subCoalitionId: number; proposalId: number; accept: boolean; reply?: string | null }, now = new Date()): Result<{ version: number | null }> {
  return db.transaction(
    (tx) => {
      const p = tx.select().from(agreementProposals).where(and(eq(agreementProposals.id, input.proposalId), eq(agreementProposals.subCoalitionId, input.subCoalitionId))).get();
      const here = p && q<{ id: number }>(tx, "select id from sub_coalitions where id = ? and coalition_id = ?", p.subCoalitionId, input.coalitionId);
      if (!p || !here) return { ok: false as const, field: "id", message: "Choose a proposed change to this agreement." };
      if (p.status !== "proposed") return { ok: false as const, field: "id", message: `This proposal was already ${p.status}.` };
      const decided = { decidedBy: actor.id, decidedAt: now.toISOString(), reply: input.reply ?? null };
      if (!input.accept) {
        tx.update(agreementProposals).set({ status: "declined", ...decided }).where(eq(agreementProposals.id, p.id)).run();
        appendAudit(tx, actor, { action: "agreement.proposal_decline", decision: "info", partnerId: p.partnerId, subjectType: "sub_table", subjectId: p.subCoalitionId, detail: `proposal ${p.id}` }, now);
        return { ok: true as const, version: null };
      }
      const current = q<{ id: number; version: number }>(tx, "select id, version from agreement_versions where agreement_id = ? order by version desc limit 1", p.agreementId);
      if (!current || current.id !== p.baseVersionId) {
        return { ok: false as const, field: "id", message: `Version ${current?.version ?? "?"} replaced the version this change was written against: answer it, and the member can propose again on the current text.` };
      }
      const version = writeAgreementVersion(tx, actor, p.subCoalitionId, { decidesTogether: p.decidesTogether, eachKeeps: p.eachKeeps, workAndCredit: p.workAndCredit, actingAlone: p.actingAlone }, now, `, from a member's proposed change (proposal ${p.id})`);
      tx.update(agreementProposals).set({ status: "accepted", versionId: version.id, ...decided }).where(eq(agreementProposals.id, p.id)).run();
      return { ok: true as const, version: version.version };
    },
    { behavior: "immediate" },
  );
}


export type { AgreementProposalView };

/** A sub-table's proposed agreement changes, newest first (keyset), each as a diff against the version it read. */
// every read takes the viewer; the agreement's text is shown to everyone at the table on the same page
export function listAgreementProposals(db: Db, _viewer: Viewer, input: { subCoalitionId: number; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? 10;
  const c = cursorKey(input.cursor, ["string", "number"]);
  const back = c?.dir === "before";
  type Raw = Record<(typeof PARTS)[number], string> & { id: number; partnerShortName: string; why: string; status: ProposalStatus; reply: string | null; createdAt: string; baseVersion: number; resultVersion: number | null } & {
    b_decidesTogether: string;
    b_eachKeeps: string;
    b_workAndCredit: string;
    b_actingAlone: string;
  };
  const fetched = qAll<Raw>(
    db,
    `select ap.id, p.short_name as partnerShortName, ap.why, ap.status, ap.reply, ap.created_at as createdAt, b.version as baseVersion, r.version as resultVersion,
       ap.decides_together as decidesTogether, ap.each_keeps as eachKeeps, ap.work_and_credit as workAndCredit, ap.acting_alone as actingAlone,
       b.decides_together as b_decidesTogether, b.each_keeps as b_eachKeeps, b.work_and_credit as b_workAndCredit, b.acting_alone as b_actingAlone
     from agreement_proposals ap join partners p on p.id = ap.partner_id join agreement_versions b on b.id = ap.base_version_id left join agreement_versions r on r.id = ap.version_id
     where ap.sub_coalition_id = ?${c ? ` and (ap.created_at, ap.id) ${back ? ">" : "<"} (?, ?)` : ""}
     order by ap.created_at ${back ? "asc" : "desc"}, ap.id ${back ? "asc" : "desc"} limit ?`,
    input.subCoalitionId,
    ...(c ? c.key : []),
    limit + 1,
  );
  const page = keysetPage(fetched, limit, c, (r) => [r.createdAt, r.id]);
  const total = q<{ n: number }>(db, "select count(*) as n from agreement_proposals where sub_coalition_id = ?", input.subCoalitionId)?.n ?? 0;
  const rows: AgreementProposalView[] = page.rows.map((r) => ({
    id: r.id,
    partnerShortName: r.partnerShortName,
    why: r.why,
    status: r.status,
    reply: r.reply,
    baseVersion: r.baseVersion,
    resultVersion: r.resultVersion,
    createdAt: r.createdAt,
    diff: PARTS.map((part) => ({ part, parts: wordDiff(r[`b_${part}`], r[part]) })),
  }));
  return { rows, total, next: page.next, prev: page.prev };
}
