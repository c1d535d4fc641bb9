/**
 * Issue 17, members write too, through the routes: a representative proposes an agenda item and
 * the facilitator puts it on the next draft agenda; a representative proposes a change to its
 * sub-table's agreement, the facilitator reads it as a diff and accepts it as the next version,
 * which members sign again.
 */
import { describe, expect, it } from "vitest";
import * as agendaProposals from "~/routes/tables.$coalitionId.agenda-proposals";
import * as agreementPage from "~/routes/tables.$coalitionId.agreements.$subTableId";
import * as meetingPage from "~/routes/tables.$coalitionId.meetings.$meetingId._index";
import { buildMeeting } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { roleWorld, signAs } from "./roles";
import { dump } from "./support";

describe("proposed agenda items", () => {
  it("the representative proposes one; the facilitator accepts it onto the next meeting's draft agenda", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const next = buildMeeting(db, { id: w.users.facilitator.id, name: "Fran" }, w.coalitionId, { title: "January table", date: "2027-01-14" });
    const path = `/tables/${c}/agenda-proposals`;
    await expectRedirect(act(agendaProposals.action, path, { coalitionId: c }, { intent: "propose-agenda", partnerId: String(w.partnerId), title: "Door-knocking budget", why: "Chapters ask." }), /\?sent#proposed$/);
    signAs(db, w, "facilitator");
    const page = await load(agendaProposals.loader, path, { coalitionId: c });
    const mine = page.proposed.rows.find((p) => p.title === "Door-knocking budget")!;
    expect(mine).toMatchObject({ partnerShortName: "PAPA", why: "Chapters ask.", meetingId: next.id });
    const to = await expectRedirect(act(agendaProposals.action, path, { coalitionId: c }, { intent: "accept-agenda", id: String(mine.id) }), new RegExp(`/meetings/${next.id}#agenda$`));
    const meeting = await load(meetingPage.loader, to, { coalitionId: c, meetingId: String(next.id) });
    expect(meeting.items.map((i) => i.title)).toContain("Proposed by PAPA: Door-knocking budget");
  });

  it("with no draft agenda ahead, accepting is refused and says what to do; a reply is needed to decline", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/agenda-proposals`;
    const before = dump(db);
    const refused = await expectInvalid(act(agendaProposals.action, path, { coalitionId: c }, { intent: "accept-agenda", id: String(w.agendaProposalId) }), ["id"]);
    expect(refused.errors.id).toMatch(/create the next meeting/);
    await expectInvalid(act(agendaProposals.action, path, { coalitionId: c }, { intent: "decline-agenda", id: String(w.agendaProposalId), reply: "" }), ["reply"]);
    expect(dump(db)).toEqual(before);
  });

  it("a representative proposes only for its own partner (403); the lead proposes nothing", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    await expectStatus(act(agendaProposals.action, `/tables/${c}/agenda-proposals`, { coalitionId: c }, { intent: "propose-agenda", partnerId: String(w.otherPartnerId), title: "x", why: "y" }), 403);
    signAs(db, w, "lead");
    await expectStatus(act(agendaProposals.action, `/tables/${c}/agenda-proposals`, { coalitionId: c }, { intent: "propose-agenda", partnerId: String(w.partnerId), title: "x", why: "y" }), 403);
  });
});

describe("a proposed change to the agreement", () => {
  it("the representative proposes it; the facilitator sees the diff and accepts it as version 2, which needs new sign-offs", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/agreements/${w.subTableId}`;
    const params = { coalitionId: c, subTableId: String(w.subTableId) };
    const page = await load(agreementPage.loader, path, params);
    expect(page.myProposers.map((m) => m.partnerId)).toEqual([w.partnerId]);
    await expectRedirect(
      act(agreementPage.action, path, params, { intent: "propose-change", partnerId: String(w.partnerId), baseVersionId: String(w.agreementVersionId), decidesTogether: "Turf and shifts", eachKeeps: "Stance", workAndCredit: "Pledges", actingAlone: "Tell the table", why: "Shifts too." }),
      /#change-\d+$/,
    );
    signAs(db, w, "facilitator");
    const seen = await load(agreementPage.loader, path, params);
    const papa = seen.proposals.rows.find((p) => p.partnerShortName === "PAPA")!;
    expect(papa.diff.find((d) => d.part === "decidesTogether")?.parts).toEqual([
      { kind: "same", text: "Turf" },
      { kind: "added", text: " and shifts" },
    ]);
    await expectRedirect(act(agreementPage.action, path, params, { intent: "accept-change", id: String(papa.id) }), /\?saved$/);
    const after = await load(agreementPage.loader, path, params);
    expect(after.current).toMatchObject({ version: 2, decidesTogether: "Turf and shifts", signoffs: [] });
    // Quebec's change was written against version 1: it can no longer be accepted, only answered
    const quebec = await expectInvalid(act(agreementPage.action, path, params, { intent: "accept-change", id: String(w.agreementProposalId) }), ["id"]);
    expect(quebec.errors.id).toMatch(/replaced/);
  });

  it("a change that changes nothing is refused next to the field, keeping what was typed", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const before = dump(db);
    const bad = await expectInvalid(
      act(agreementPage.action, `/tables/${c}/agreements/${w.subTableId}`, { coalitionId: c, subTableId: String(w.subTableId) }, { intent: "propose-change", partnerId: String(w.partnerId), baseVersionId: String(w.agreementVersionId), decidesTogether: "Turf", eachKeeps: "Stance", workAndCredit: "Pledges", actingAlone: "Tell the table", why: "No change." }),
      ["decidesTogether"],
    );
    expect(bad.values.why).toBe("No change.");
    expect(dump(db)).toEqual(before);
  });
});
