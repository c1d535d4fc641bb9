import { z } from "zod";
import { chosenId, optionalIsoDate, required } from "./forms";
import { NOTICE_KINDS, type NoticeKind } from "./vocabulary";

/**
 * Notice of independent action (issue 17): "when a coalition member acts outside coalition
 * coordination, they inform the coalition in advance and explain their reasoning". Pure:
 * the form, the words, and the detection of acting without notice for the health page.
 */

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  endorsement: "An endorsement announcement",
  own_program: "Its own field program",
  public_statement: "A public statement",
  withdrawal: "Leaving the sub-table",
  other: "Something else",
};

export const noticeForm = z.object({
  kind: z.enum(NOTICE_KINDS, { error: "Choose what you will do." }),
  what: required("What you will do", 500),
  why: required("Why", 3000),
  plannedOn: optionalIsoDate("When"),
});
export type NoticeInput = z.output<typeof noticeForm>;
/** The form as posted from a sub-table's page: with the partner giving notice. */
export const noticeGiveForm = noticeForm.extend({ partnerId: chosenId("Choose the partner giving notice.") });

/** The agenda item a notice becomes: who, what kind, for which sub-table. */
export function noticeAgendaTitle(partnerShortName: string, kind: NoticeKind, candidateName: string): string {
  const t = `Notice from ${partnerShortName}: ${NOTICE_KIND_LABELS[kind].toLowerCase()}, outside the sub-table for ${candidateName}`;
  return t.length > 300 ? `${t.slice(0, 299)}…` : t;
}

/** How far back the health page looks for acting without notice. */
export const NOTICE_WINDOW_DAYS = 90;

/** A member leaving a sub-table (its stay ended at `at`). */
export type Departure = { partnerId: number; subCoalitionId: number; at: string };
/** A member endorsing another candidate in the race of a sub-table it had sat in. */
export type RivalEndorsement = { partnerId: number; subCoalitionId: number; candidateId: number; at: string };
export type NoticeGiven = { partnerId: number; subCoalitionId: number; at: string };

export type ActingWithoutNotice =
  | ({ kind: "withdrew" } & Departure)
  | ({ kind: "endorsed_rival" } & RivalEndorsement);

/**
 * The acts that came without a notice first: a departure from a sub-table, or an endorsement
 * of a rival candidate in the same race, by a member that had given that sub-table no notice
 * before it (at or before the act's instant). A sign of decay the pattern names, not a rule:
 * nothing is refused. Newest first.
 */
export function actingWithoutNotice(departures: readonly Departure[], rivals: readonly RivalEndorsement[], notices: readonly NoticeGiven[]): ActingWithoutNotice[] {
  const noticed = (partnerId: number, subCoalitionId: number, at: string) => notices.some((n) => n.partnerId === partnerId && n.subCoalitionId === subCoalitionId && n.at <= at);
  const out: ActingWithoutNotice[] = [
    ...departures.filter((d) => !noticed(d.partnerId, d.subCoalitionId, d.at)).map((d) => ({ kind: "withdrew" as const, ...d })),
    ...rivals.filter((r) => !noticed(r.partnerId, r.subCoalitionId, r.at)).map((r) => ({ kind: "endorsed_rival" as const, ...r })),
  ];
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.partnerId - b.partnerId));
}
