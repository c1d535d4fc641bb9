/**
 * Demo data for "members write too" (issue 17, part B): the federal demo table's candidate
 * questionnaire (three of the table's questions, one a member proposed and the facilitator
 * accepted, one waiting, and the demo partner's own), answers from Renata Oyelaran's race (one
 * the campaign gave the table, one it published), a proposed agenda item, a proposed change to
 * a sub-table's agreement, and a few comments. Deterministic: fixed dates, rows in id order.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { agreements, candidates, races, roleGrants, subCoalitionMembers, subCoalitions, users, agreementVersions } from "./schema";
import { addQuestion, decideQuestion, proposeQuestion, recordAnswer } from "../app/models/questions.server";
import { proposeAgendaItem, proposeAgreementChange } from "../app/models/proposals.server";
import { addComment } from "../app/models/comments.server";
import { DEMO_USERS } from "./seed-users";

const RACE_CANDIDATE = "Renata Oyelaran";

export function seedQuestions(db: Db, coalitionId: number): string {
  const person = (key: string) => {
    const u = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, DEMO_USERS.find((d) => d.key === key)!.email)).get();
    if (!u) throw new Error(`seed: no demo ${key}`);
    return u;
  };
  const facilitator = person("facilitator");
  const rep = person("rep");
  const ka = db.select({ partnerId: roleGrants.partnerId }).from(roleGrants).where(and(eq(roleGrants.userId, rep.id), eq(roleGrants.role, "partner_rep"))).get()?.partnerId;
  if (!ka) throw new Error("seed: the demo representative has no partner");
  const must = <T extends { ok: boolean }>(r: T, what: string) => {
    if (!r.ok) throw new Error(`seed: ${what} was refused: ${JSON.stringify(r)}`);
    return r as Extract<T, { ok: true }>;
  };
  const at = (day: number, hour = 15) => new Date(`2026-11-${String(day).padStart(2, "0")}T${hour}:00:00Z`);

  // the questionnaire: the table's questions, a member's proposal accepted, one waiting, the demo partner's own
  const q1 = must(addQuestion(db, facilitator, { coalitionId, text: "Will you co-sponsor Medicare for All in your first term?" }, at(3)), "question").question;
  const q2 = must(addQuestion(db, facilitator, { coalitionId, text: "Will you refuse contributions from corporate PACs and fossil-fuel executives?" }, at(3)), "question").question;
  const proposed = must(proposeQuestion(db, rep, { coalitionId, partnerId: ka, text: "Will you hold a town hall in each county of the district every year?", why: "Our chapters hear that members never meet their representative.", own: false }, at(4)), "proposal").question;
  must(decideQuestion(db, facilitator, { coalitionId, questionId: proposed.id, accept: true }, at(5)), "acceptance");
  const own = must(proposeQuestion(db, rep, { coalitionId, partnerId: ka, text: "Will you meet with our tenant organizers in your first 100 days?", why: null, own: true }, at(6)), "own question").question;
  must(proposeQuestion(db, rep, { coalitionId, partnerId: ka, text: "Will you publish your daily schedule?", why: "Transparency is in our platform.", own: false }, at(18)), "waiting proposal");

  // answers in Renata Oyelaran's race: one the campaign gave the table (withheld from independent-side members), one it published
  const race = db
    .select({ raceId: candidates.raceId })
    .from(candidates)
    .innerJoin(races, eq(races.id, candidates.raceId))
    .where(and(eq(races.coalitionId, coalitionId), eq(candidates.name, RACE_CANDIDATE)))
    .get();
  if (!race) throw new Error(`seed: no race for ${RACE_CANDIDATE}`);
  const field = db.select({ id: candidates.id, name: candidates.name }).from(candidates).where(eq(candidates.raceId, race.raceId)).orderBy(asc(candidates.id)).all();
  const renata = field.find((c) => c.name === RACE_CANDIDATE)!;
  const rival = field.find((c) => c.id !== renata.id);
  must(recordAnswer(db, facilitator, { coalitionId, questionId: q1.id, candidateId: renata.id, body: "Yes. She told the table she will sign on in her first week and wants our help whipping the freshman class.", sourceKind: "campaign", sourceUrl: null, capturedAt: null }, at(10)), "campaign answer");
  must(recordAnswer(db, facilitator, { coalitionId, questionId: q2.id, candidateId: renata.id, body: "Yes: no corporate PAC money, pledged on the campaign's website.", sourceKind: "public", sourceUrl: "https://renata-oyelaran.example.org/pledge", capturedAt: "2026-11-09" }, at(10)), "public answer");
  if (rival) must(recordAnswer(db, facilitator, { coalitionId, questionId: q2.id, candidateId: rival.id, body: "Will take contributions from any PAC that shares our values.", sourceKind: "public", sourceUrl: "https://news.example.org/forum-recap", capturedAt: "2026-11-08" }, at(10)), "rival's answer");
  must(recordAnswer(db, rep, { coalitionId, questionId: own.id, candidateId: renata.id, body: "Yes, she has a meeting on the books for January.", sourceKind: "public", sourceUrl: "https://renata-oyelaran.example.org/news/tenants", capturedAt: "2026-11-12" }, at(12)), "the partner's own answer");

  // a proposed agenda item, waiting for the facilitator
  must(proposeAgendaItem(db, rep, { coalitionId, partnerId: ka, title: "A shared rapid-response plan for primary night", why: "Three sub-tables will want the same volunteers on the same night." }, at(19)), "agenda proposal");

  // a proposed change to the agreement of the sub-table that has one: by the demo partner if it sits in it, else by its first member
  const agreed = db
    .select({ subId: agreements.subCoalitionId, versionId: agreementVersions.id, decidesTogether: agreementVersions.decidesTogether, eachKeeps: agreementVersions.eachKeeps, workAndCredit: agreementVersions.workAndCredit, actingAlone: agreementVersions.actingAlone })
    .from(agreements)
    .innerJoin(subCoalitions, eq(subCoalitions.id, agreements.subCoalitionId))
    .innerJoin(agreementVersions, eq(agreementVersions.agreementId, agreements.id))
    .where(eq(subCoalitions.coalitionId, coalitionId))
    .orderBy(asc(agreements.id), asc(agreementVersions.version))
    .get();
  let change = "no agreement to change";
  if (agreed) {
    const members = db.select({ partnerId: subCoalitionMembers.partnerId }).from(subCoalitionMembers).where(and(eq(subCoalitionMembers.subCoalitionId, agreed.subId), isNull(subCoalitionMembers.leftAt))).orderBy(asc(subCoalitionMembers.partnerId)).all();
    const proposer = members.find((m) => m.partnerId === ka)?.partnerId ?? members[0]?.partnerId;
    if (proposer) {
      must(
        proposeAgreementChange(
          db,
          rep,
          {
            coalitionId,
            subCoalitionId: agreed.subId,
            partnerId: proposer,
            baseVersionId: agreed.versionId,
            decidesTogether: agreed.decidesTogether,
            eachKeeps: agreed.eachKeeps,
            workAndCredit: agreed.workAndCredit,
            actingAlone: agreed.actingAlone.replace("within two days", "at least two days in advance"),
            why: "Telling the others after the fact is too late for them to adjust their shares.",
          },
          at(20),
        ),
        "agreement change",
      );
      change = "a proposed change to a sub-table's agreement";
    }
  }

  // comments: on Renata Oyelaran (one published, one from the campaign) and on her sub-table
  must(addComment(db, rep, { coalitionId, on: { candidateId: renata.id }, partnerId: ka, body: "Our chapter saw her at the tenants' rally: strong on rent stabilization.", sourceKind: "public", sourceUrl: "https://news.example.org/tenants-rally", capturedAt: "2026-11-14" }, at(14)), "comment");
  must(addComment(db, facilitator, { coalitionId, on: { candidateId: renata.id }, partnerId: null, body: "Her campaign manager says they need door-knockers in the river wards in January.", sourceKind: "campaign", sourceUrl: null, capturedAt: null }, at(15)), "campaign comment");
  const sub = db.select({ id: subCoalitions.id }).from(subCoalitions).where(and(eq(subCoalitions.coalitionId, coalitionId), eq(subCoalitions.candidateId, renata.id))).get();
  if (sub) must(addComment(db, facilitator, { coalitionId, on: { subCoalitionId: sub.id }, partnerId: null, body: "The first joint canvass needs a host affiliate in Allentown.", sourceKind: "research", sourceUrl: null, capturedAt: null }, at(16)), "sub-table comment");

  return `the candidate questionnaire (4 questions, 1 waiting proposal) with answers in ${RACE_CANDIDATE}'s race, a proposed agenda item, ${change}, 3 comments`;
}
