import { beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { candidates, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { DEMO_USERS } from "../../db/seed-users";
import { loadPrincipal } from "~/models/accounts.server";
import { listComments } from "~/models/comments.server";
import { listAgendaProposals } from "~/models/proposals.server";
import { answerGrid, listQuestionnaire, listQuestionProposals } from "~/models/questions.server";
import { testDb } from "../db";

let db: Db;
let cid: number;
beforeAll(() => {
  db = testDb();
  ({ coalitionId: cid } = seedDemo(db));
});

const demo = (key: string) => loadPrincipal(db, db.select().from(users).where(eq(users.email, DEMO_USERS.find((u) => u.key === key)!.email)).get()!.id)!;

it("seeds the federal table's questionnaire: the table's questions, a member's accepted proposal, one waiting, the demo partner's own", () => {
  const q = listQuestionnaire(db, "system", { coalitionId: cid });
  expect(q.rows.map((r) => r.owner)).toEqual(["The table", "The table", "The table (proposed by KA)", "KA's own"]);
  expect(listQuestionProposals(db, "system", { coalitionId: cid, status: "proposed" }).total).toBe(1);
});

it("seeds answers side by side in Renata Oyelaran's race: the campaign's answer reaches neutral staff, not the demo representative", () => {
  const renata = db.select().from(candidates).where(eq(candidates.name, "Renata Oyelaran")).get()!;
  const staff = answerGrid(db, demo("facilitator"), { coalitionId: cid, raceId: renata.raceId });
  const kinds = staff.rows.flatMap((r) => r.cells.flatMap((c) => (c.answer ? [c.answer.sourceKind] : [])));
  expect(kinds.sort()).toEqual(["campaign", "public", "public", "public"]);
  const rep = answerGrid(db, demo("rep"), { coalitionId: cid, raceId: renata.raceId });
  expect(rep.withheld).toBe(1);
  expect(JSON.stringify(rep)).not.toContain("whipping the freshman class");
  expect(listComments(db, demo("rep"), { coalitionId: cid, on: { candidateId: renata.id } })).toMatchObject({ total: 2, withheld: 1 });
});

it("seeds a proposed agenda item and a proposed agreement change waiting for the facilitator", () => {
  expect(listAgendaProposals(db, "system", { coalitionId: cid, status: "proposed" }).rows).toMatchObject([{ partnerShortName: "KA", title: "A shared rapid-response plan for primary night" }]);
  const changes = db.$client.prepare("select status, acting_alone as actingAlone from agreement_proposals").all() as { status: string; actingAlone: string }[];
  expect(changes).toEqual([{ status: "proposed", actingAlone: expect.stringContaining("at least two days in advance") }]);
});
