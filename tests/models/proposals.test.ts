import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { getAgreement, saveAgreementVersion, signOffAgreement } from "~/models/agreements.server";
import { publishAgenda } from "~/models/agendas.server";
import { decideAgendaProposal, decideAgreementChange, listAgendaProposals, listAgreementProposals, proposeAgendaItem, proposeAgreementChange } from "~/models/proposals.server";
import { testActor, testDb } from "../db";
import { buildMeeting, buildTableWithRace, stance } from "../factories";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildTableWithRace>;
const NOW = new Date("2026-11-20T15:00:00Z");
const TEXT = { decidesTogether: "Turf and shifts.", eachKeeps: "Each keeps its own stance.", workAndCredit: "Pledged hours.", actingAlone: "Tell the table first." };

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  w = buildTableWithRace(db, actor, { partners: 4, candidates: 2, threshold: 2 });
});

const titles = (meetingId: number) => db.$client.prepare("select title from agenda_items where meeting_id = ? order by position").pluck().all(meetingId) as string[];

describe("a member's proposed agenda item", () => {
  it("names the next draft meeting; accepted, it goes on that agenda as the member's item", () => {
    const next = buildMeeting(db, actor, w.coalition.id, { title: "December table", date: "2026-12-10" });
    const [ka] = w.partners;
    const p = proposeAgendaItem(db, actor, { coalitionId: w.coalition.id, partnerId: ka.id, title: "Housing platform", why: "Members ask." }, NOW);
    expect(p).toMatchObject({ ok: true, proposal: { meetingId: next.id, status: "proposed" } });
    if (!p.ok) return;
    // nothing on the agenda until the facilitator accepts it
    expect(titles(next.id)).not.toContain(`Proposed by ${ka.shortName}: Housing platform`);
    expect(decideAgendaProposal(db, actor, { coalitionId: w.coalition.id, proposalId: p.proposal.id, accept: true }, NOW)).toEqual({ ok: true, meetingId: next.id });
    expect(titles(next.id)).toContain(`Proposed by ${ka.shortName}: Housing platform`);
    expect(listAgendaProposals(db, "system", { coalitionId: w.coalition.id, status: "accepted" }).rows).toMatchObject([{ id: p.proposal.id, meetingTitle: "December table" }]);
    expect(decideAgendaProposal(db, actor, { coalitionId: w.coalition.id, proposalId: p.proposal.id, accept: false, reply: "x" }, NOW)).toMatchObject({ ok: false, field: "id" });
  });

  it("if its meeting's agenda was published meanwhile, accepting puts it on the next draft; with none ahead it is refused, nothing written", () => {
    const first = buildMeeting(db, actor, w.coalition.id, { title: "December table", date: "2026-12-10" });
    const p = proposeAgendaItem(db, actor, { coalitionId: w.coalition.id, partnerId: w.partners[1].id, title: "Budget", why: "Why not." }, NOW);
    if (!p.ok) throw new Error(p.message);
    publishAgenda(db, actor, { coalitionId: w.coalition.id, meetingId: first.id });
    expect(decideAgendaProposal(db, actor, { coalitionId: w.coalition.id, proposalId: p.proposal.id, accept: true }, NOW)).toMatchObject({ ok: false, field: "id" });
    expect(listAgendaProposals(db, "system", { coalitionId: w.coalition.id, status: "proposed" }).total).toBe(1);
    const later = buildMeeting(db, actor, w.coalition.id, { title: "January table", date: "2027-01-14" });
    expect(decideAgendaProposal(db, actor, { coalitionId: w.coalition.id, proposalId: p.proposal.id, accept: true }, NOW)).toEqual({ ok: true, meetingId: later.id });
    expect(titles(first.id).some((t) => t.includes("Budget"))).toBe(false);
  });

  it("declined, it keeps the reply; a partner not seated here proposes nothing", () => {
    const p = proposeAgendaItem(db, actor, { coalitionId: w.coalition.id, partnerId: w.partners[0].id, title: "Colours", why: "Fun." }, NOW);
    if (!p.ok) throw new Error(p.message);
    expect(decideAgendaProposal(db, actor, { coalitionId: w.coalition.id, proposalId: p.proposal.id, accept: false, reply: "Not the table's business." }, NOW)).toEqual({ ok: true, meetingId: null });
    expect(listAgendaProposals(db, "system", { coalitionId: w.coalition.id, status: "declined" }).rows).toMatchObject([{ reply: "Not the table's business." }]);
    const other = buildTableWithRace(db, actor, { partners: 1, candidates: 0 });
    expect(proposeAgendaItem(db, actor, { coalitionId: w.coalition.id, partnerId: other.partners[0].id, title: "x", why: "y" })).toMatchObject({ ok: false, field: "partnerId" });
  });
});

describe("a member's proposed change to an agreement", () => {
  function subTable() {
    const [k] = w.candidates;
    const [a, b, c] = w.partners;
    stance(db, actor, w.coalition.id, k.id, a.id, "endorsed");
    const formed = stance(db, actor, w.coalition.id, k.id, b.id, "endorsed");
    if (!formed.ok || !formed.subTable.subCoalitionId) throw new Error("expected a sub-table");
    const subId = formed.subTable.subCoalitionId;
    const v1 = saveAgreementVersion(db, actor, w.coalition.id, subId, TEXT);
    if (!v1.ok) throw new Error("expected version 1");
    for (const p of [a, b]) signOffAgreement(db, actor, w.coalition.id, subId, { versionId: v1.version.id, partnerId: p.id });
    return { subId, v1: v1.version, a, b, outsider: c };
  }

  it("is shown as a word diff against the version it read; accepted, it becomes the next version, which members sign again", () => {
    const { subId, v1, a } = subTable();
    const p = proposeAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: a.id, baseVersionId: v1.id, ...TEXT, decidesTogether: "Turf, shifts and the budget.", why: "The budget is joint." }, NOW);
    if (!p.ok) throw new Error(p.message);
    const listed = listAgreementProposals(db, "system", { subCoalitionId: subId });
    expect(listed.rows[0]).toMatchObject({ partnerShortName: a.shortName, status: "proposed", baseVersion: 1 });
    const parts = listed.rows[0].diff.find((d) => d.part === "decidesTogether")!.parts;
    expect(parts).toEqual(expect.arrayContaining([{ kind: "removed", text: "shifts." }, { kind: "added", text: "the budget." }, { kind: "same", text: "and " }]));
    expect(listed.rows[0].diff.filter((d) => d.parts.some((x) => x.kind !== "same")).map((d) => d.part)).toEqual(["decidesTogether"]);
    expect(decideAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, proposalId: p.proposal.id, accept: true }, NOW)).toEqual({ ok: true, version: 2 });
    const agreement = getAgreement(db, "system", { coalitionId: w.coalition.id, subCoalitionId: subId, today: "2026-11-20" });
    expect(agreement.current).toMatchObject({ version: 2, decidesTogether: "Turf, shifts and the budget.", signoffs: [] });
    expect(agreement.members.every((m) => !m.signed)).toBe(true);
    expect(listAgreementProposals(db, "system", { subCoalitionId: subId }).rows[0]).toMatchObject({ status: "accepted", resultVersion: 2 });
  });

  it("a change against a replaced version is refused: proposing on it, or accepting it after another version came", () => {
    const { subId, v1, a, b } = subTable();
    const p = proposeAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: a.id, baseVersionId: v1.id, ...TEXT, eachKeeps: "Each keeps its list.", why: "Lists." }, NOW);
    if (!p.ok) throw new Error(p.message);
    saveAgreementVersion(db, actor, w.coalition.id, subId, { ...TEXT, actingAlone: "Tell the table a week first." });
    expect(decideAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, proposalId: p.proposal.id, accept: true }, NOW)).toMatchObject({ ok: false, field: "id" });
    expect(getAgreement(db, "system", { coalitionId: w.coalition.id, subCoalitionId: subId, today: "2026-11-20" }).current?.version).toBe(2);
    expect(proposeAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: b.id, baseVersionId: v1.id, ...TEXT, eachKeeps: "x", why: "y" }, NOW)).toMatchObject({ ok: false, field: "baseVersionId" });
    // answered instead, with a reply
    expect(decideAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, proposalId: p.proposal.id, accept: false, reply: "Propose on version 2." }, NOW)).toEqual({ ok: true, version: null });
  });

  it("only a current member proposes, and it must change something", () => {
    const { subId, v1, a, outsider } = subTable();
    expect(proposeAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: outsider.id, baseVersionId: v1.id, ...TEXT, eachKeeps: "x", why: "y" }, NOW)).toMatchObject({ ok: false, field: "partnerId" });
    expect(proposeAgreementChange(db, actor, { coalitionId: w.coalition.id, subCoalitionId: subId, partnerId: a.id, baseVersionId: v1.id, ...TEXT, why: "y" }, NOW)).toMatchObject({ ok: false, field: "decidesTogether" });
  });
});
