import type { Stance } from "~/domain/vocabulary";

/**
 * Endorsements over time: replays stance events in decision order and gives, for each
 * decision date, how many national partner–candidate pairs stood at "endorsed".
 */
export function endorsementTimeline(
  events: readonly { id: number; candidateId: number; partnerId: number; affiliateId: number | null; stance: Stance; decidedOn: string }[],
): { date: string; endorsed: number }[] {
  const sorted = events
    .filter((e) => e.affiliateId === null)
    .sort((a, b) => (a.decidedOn === b.decidedOn ? a.id - b.id : a.decidedOn < b.decidedOn ? -1 : 1));
  const endorsed = new Set<string>();
  const out: { date: string; endorsed: number }[] = [];
  for (const e of sorted) {
    const key = `${e.candidateId}:${e.partnerId}`;
    if (e.stance === "endorsed") endorsed.add(key);
    else endorsed.delete(key);
    const last = out[out.length - 1];
    if (last && last.date === e.decidedOn) last.endorsed = endorsed.size;
    else out.push({ date: e.decidedOn, endorsed: endorsed.size });
  }
  return out;
}
