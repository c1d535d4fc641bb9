import type { ActionStatus, AgendaStatus, MeetingKind } from "~/domain/vocabulary";
import type { SourceKind } from "~/domain/vocabulary";
import { formatterFor, utcToLocal } from "./zoned-time";

/** Pure rules of the facilitator's desk: meeting times, the pre-filled agenda, overdue items, the Markdown export. */

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  table: "Table meeting",
  sub_table: "Sub-table meeting",
  joint_call: "Joint organizing call",
  candidate_interview: "Candidate interview",
};

export const AGENDA_STATUS_LABELS: Record<AgendaStatus, string> = { draft: "Draft", published: "Published" };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: "Open", done: "Done", dropped: "Dropped" };

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) of a UTC instant in a zone. */
export function utcToZoned(instant: string, timeZone: string): { date: string; time: string } {
  const local = utcToLocal(instant, timeZone);
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** "Tue, Nov 24, 2026, 7:00 PM EST": a meeting's time in its own zone, for people. */
export function formatMeetingTime(instant: string, timeZone: string): string {
  return formatterFor(timeZone, {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  })
    .format(new Date(instant))
    .replace(/\u202f/g, " ");
}

/** An action item is overdue from the day after its due date while it is still open. */
export function isOverdue(item: { status: ActionStatus; dueDate: string }, today: string): boolean {
  return item.status === "open" && item.dueDate < today;
}

// ---------------------------------------------------------------------------------------
// The agenda pre-filled from the table's state

/**
 * A meeting's open action items said in words: "None", "2 open", "2 open, 1 overdue" (issue 15:
 * the count and its badge used to run together as "1 [1 overdue]").
 */
export function openActionsText(open: number, overdue: number): { open: string; overdue: string | null } {
  if (open === 0) return { open: "None", overdue: null };
  return { open: `${open} open`, overdue: overdue > 0 ? `${overdue} overdue` : null };
}

export type AgendaDraftInput = {
  threshold: number;
  /** Candidates nearing critical mass whose primary is still ahead. */
  nearing: { candidateId: number; candidateName: string; raceId: number; raceLabel: string; count: number }[];
  splitRaces: { raceId: number; raceLabel: string; candidates: { name: string; partners: string[] }[] }[];
  /** Sub-tables formed since the last meeting. */
  newSubTables: { candidateId: number; candidateName: string; raceId: number; raceLabel: string; memberCount: number }[];
  /** Stance changes recorded since the last meeting (partners' own, not affiliates'). */
  stanceChanges: { candidateId: number; candidateName: string; raceId: number; partnerShortName: string; stance: string }[];
  openActionItems: number;
};

export type AgendaDraftItem = { title: string; raceId: number | null; candidateId: number | null };

/**
 * The agenda a facilitator starts from: new sub-tables first (they need convening), then
 * races nearing critical mass, split races, the stance changes since the last meeting
 * grouped by candidate, and a review of open action items. Pure and deterministic.
 */
export function draftAgenda(input: AgendaDraftInput): AgendaDraftItem[] {
  const items: AgendaDraftItem[] = [];
  for (const s of input.newSubTables) {
    items.push({ title: `New sub-table: ${s.candidateName} (${s.raceLabel}), ${s.memberCount} partners`, raceId: s.raceId, candidateId: s.candidateId });
  }
  for (const n of input.nearing) {
    items.push({ title: `Nearing critical mass: ${n.candidateName} (${n.raceLabel}), ${n.count} of ${input.threshold}`, raceId: n.raceId, candidateId: n.candidateId });
  }
  for (const r of input.splitRaces) {
    const who = r.candidates.map((c) => `${c.name}: ${c.partners.join(", ")}`).join("; ");
    items.push({ title: `Split race: ${r.raceLabel} (${who})`, raceId: r.raceId, candidateId: null });
  }
  const byCandidate = new Map<number, AgendaDraftInput["stanceChanges"]>();
  for (const c of input.stanceChanges) byCandidate.set(c.candidateId, [...(byCandidate.get(c.candidateId) ?? []), c]);
  for (const changes of byCandidate.values()) {
    const first = changes[0];
    // the newest stance per partner: changes arrive oldest first
    const latest = new Map<string, string>();
    for (const c of changes) latest.set(c.partnerShortName, c.stance);
    const list = [...latest.entries()].map(([p, s]) => `${p} ${s}`).join(", ");
    items.push({ title: `Stances changed: ${first.candidateName} (${list})`, raceId: first.raceId, candidateId: first.candidateId });
  }
  if (input.openActionItems > 0) {
    items.push({ title: `Review open action items (${input.openActionItems})`, raceId: null, candidateId: null });
  }
  return items.map((i) => ({ ...i, title: i.title.length > 300 ? `${i.title.slice(0, 299)}…` : i.title }));
}

/** Items of a draft that are not on the agenda yet (same title): pre-filling twice adds nothing twice. */
export function newDraftItems(existingTitles: readonly string[], draft: readonly AgendaDraftItem[]): AgendaDraftItem[] {
  const seen = new Set(existingTitles);
  return draft.filter((d) => !seen.has(d.title) && (seen.add(d.title), true));
}

// ---------------------------------------------------------------------------------------
// Markdown export

export type MeetingExport = {
  title: string;
  kindLabel: string;
  when: string;
  location: string | null;
  agendaStatus: AgendaStatus;
  invitees: { name: string; attended: boolean | null }[];
  items: {
    position: number;
    title: string;
    about: string | null;
    notes: { body: string; sourceKind: SourceKind; sourceUrl: string | null; capturedAt: string | null }[];
  }[];
  decisions: { text: string; item: string | null; partners: string[] }[];
  actionItems: { text: string; owner: string; dueDate: string; status: ActionStatus; overdue: boolean }[];
  withheldNotice: string | null;
};

/** Escapes what Markdown would read as markup at the start of a line or inline. */
export function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, "\\$1").replace(/\r?\n/g, " ");
}

function noteSource(n: MeetingExport["items"][number]["notes"][number]): string {
  if (n.sourceKind === "public") return `public${n.sourceUrl ? `, ${n.sourceUrl}` : ""}${n.capturedAt ? `, captured ${n.capturedAt}` : ""}`;
  return n.sourceKind;
}

/** A meeting as Markdown: heading, when and where, who came, the agenda with its notes, decisions, action items. */
export function meetingMarkdown(m: MeetingExport): string {
  const out: string[] = [`# ${mdEscape(m.title)}`, "", `${m.kindLabel}: ${m.when}${m.location ? `, ${mdEscape(m.location)}` : ""}`, ""];
  if (m.agendaStatus === "draft") out.push("_Draft agenda: not yet published._", "");
  if (m.withheldNotice) out.push(`> ${m.withheldNotice}`, "");
  out.push("## Invited", "");
  if (m.invitees.length === 0) out.push("No one invited yet.");
  for (const i of m.invitees) out.push(`- ${mdEscape(i.name)}${i.attended === true ? " (attended)" : i.attended === false ? " (absent)" : ""}`);
  out.push("", "## Agenda", "");
  if (m.items.length === 0) out.push("No items yet.");
  for (const item of m.items) {
    out.push(`${item.position}. ${mdEscape(item.title)}${item.about ? ` (${mdEscape(item.about)})` : ""}`);
    for (const n of item.notes) out.push(`    - ${mdEscape(n.body)} _[source: ${noteSource(n)}]_`);
  }
  out.push("", "## Decisions", "");
  if (m.decisions.length === 0) out.push("None recorded.");
  for (const d of m.decisions) {
    out.push(`- ${mdEscape(d.text)}${d.item ? ` (on: ${mdEscape(d.item)})` : ""}${d.partners.length ? `. Taking part: ${d.partners.map(mdEscape).join(", ")}` : ""}`);
  }
  out.push("", "## Action items", "");
  if (m.actionItems.length === 0) out.push("None recorded.");
  for (const a of m.actionItems) {
    out.push(`- [${a.status === "done" ? "x" : " "}] ${mdEscape(a.text)}: ${mdEscape(a.owner)}, due ${a.dueDate}, ${a.status}${a.overdue ? " (OVERDUE)" : ""}`);
  }
  out.push("");
  return out.join("\n");
}
