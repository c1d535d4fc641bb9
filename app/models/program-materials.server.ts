import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { programMaterials, subCoalitionMembers, type ProgramMaterial } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import type { MaterialInput } from "~/domain/field-forms";
import { withheldNotice, withholdCampaign } from "~/domain/firewall";
import { appendAudit } from "./audit.server";
import type { Result } from "~/domain/errors";
import { campaignInfoAllowed, fieldSide, logWithheld, type Viewer } from "./firewall.server";
import { getProgram, type ProgramDetail } from "./programs.server";

/**
 * A program's scripts, talking points and literature, each with its information source.
 * Campaign-provided material about the race never goes into an independent-side program
 * (the refusal is audited), and is withheld from independent-side viewers (rule F2).
 */
export function addMaterial(db: Db, actor: Actor, coalitionId: number, programId: number, input: MaterialInput, now = new Date()): Result<{ material: ProgramMaterial }> {
  const { program } = getProgram(db, "system", { coalitionId, programId });
  return db.transaction((tx) => {
    if (input.sourceKind === "campaign") {
      const members = tx
        .select({ partnerId: subCoalitionMembers.partnerId })
        .from(subCoalitionMembers)
        .where(and(eq(subCoalitionMembers.subCoalitionId, program.subCoalitionId), isNull(subCoalitionMembers.leftAt)))
        .all();
      const independent = program.side !== "coordinated" || members.some((m) => fieldSide(tx, m.partnerId, program.raceId) !== "coordinated");
      if (independent) {
        appendAudit(tx, actor, { action: "firewall.campaign_material", decision: "deny", rule: "F2", raceId: program.raceId, subjectType: "program", subjectId: program.id, detail: `campaign-provided ${input.kind.replace("_", " ")} "${input.title}" refused for an independent-side program` }, now);
        return {
          ok: false as const,
          field: "sourceKind",
          rule: "F2",
          message:
            "Material from the campaign cannot be attached to this program: its work is on the independent side, and using a campaign's talking points or plans would coordinate it (firewall rules F2 and F7). Write the material from public sources or your own research.",
        };
      }
    }
    const material = tx
      .insert(programMaterials)
      .values({ programId: program.id, kind: input.kind, title: input.title, body: input.body, sourceKind: input.sourceKind, sourceUrl: input.sourceUrl, capturedAt: input.capturedAt, createdBy: actor.id, createdAt: now.toISOString() })
      .returning()
      .get();
    return { ok: true as const, material };
  });
}

/** The program's materials this viewer may receive, and the notice of what was withheld (logged). */
export function listMaterials(db: Db, viewer: Viewer, input: { coalitionId: number; programId: number; detail?: ProgramDetail }) {
  // the caller's program when it has read it already (the program page's guard has)
  const { program } = input.detail ?? getProgram(db, viewer, { coalitionId: input.coalitionId, programId: input.programId });
  const all = db.select().from(programMaterials).where(eq(programMaterials.programId, program.id)).orderBy(asc(programMaterials.id)).all();
  const { visible, withheld } = withholdCampaign(all, campaignInfoAllowed(db, viewer, program.raceId));
  logWithheld(db, viewer, program.raceId, `materials of program ${program.name}`, withheld);
  return { materials: visible, withheldNotice: withheldNotice(withheld, "item") };
}
