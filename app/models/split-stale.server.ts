import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { canvassPrograms, programSplits, races, subCoalitionMembers } from "../../db/schema";

type Tx = Pick<Db, "update" | "select">;

/**
 * Marks stored splits out of date (issue 11) when the split's inputs change outside a program:
 * an affiliate's coverage, an affiliate added, a partner joining or leaving a sub-table or
 * seated at a table. Called inside the transaction of that change; one UPDATE, whatever the
 * number of programs it touches. The program page then says "the split is out of date:
 * re-split" until someone re-splits.
 *
 * Why mark rather than re-split here: such a change can touch many programs (an affiliate's
 * coverage counts in every sub-table of its partner in its state, at every table), a re-split
 * of a national program takes a noticeable fraction of a second, a stance that makes a partner
 * join a sub-table must stay quick, and moving units from under affiliates because someone
 * elsewhere edited coverage would surprise the program's managers, who decide when to re-split.
 *
 * Over-marking is harmless (a re-split of an unchanged input gives the same split); under-
 * marking is not, so the programs chosen are a superset of those whose inputs changed.
 */
export function markSplitsStale(
  db: Tx,
  who: { subCoalitionId: number } | { partnerIds: readonly number[]; states: readonly string[] } | { coalitionId: number; partnerId: number },
  reason: string,
  now: Date = new Date(),
) {
  let programs;
  if ("subCoalitionId" in who) {
    programs = db.select({ id: canvassPrograms.id }).from(canvassPrograms).where(eq(canvassPrograms.subCoalitionId, who.subCoalitionId));
  } else if ("states" in who) {
    if (who.partnerIds.length === 0 || who.states.length === 0) return;
    programs = db
      .select({ id: canvassPrograms.id })
      .from(canvassPrograms)
      .innerJoin(races, eq(races.id, canvassPrograms.raceId))
      .innerJoin(subCoalitionMembers, and(eq(subCoalitionMembers.subCoalitionId, canvassPrograms.subCoalitionId), isNull(subCoalitionMembers.leftAt)))
      .where(and(inArray(subCoalitionMembers.partnerId, [...who.partnerIds]), inArray(races.state, [...who.states])));
  } else {
    programs = db
      .select({ id: canvassPrograms.id })
      .from(canvassPrograms)
      .innerJoin(subCoalitionMembers, and(eq(subCoalitionMembers.subCoalitionId, canvassPrograms.subCoalitionId), isNull(subCoalitionMembers.leftAt)))
      .where(and(eq(canvassPrograms.coalitionId, who.coalitionId), eq(subCoalitionMembers.partnerId, who.partnerId)));
  }
  db.update(programSplits)
    .set({ staleSince: now.toISOString(), staleReason: reason })
    .where(and(inArray(programSplits.programId, programs), sql`${programSplits.staleSince} is null`))
    .run();
}
