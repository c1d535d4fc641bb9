/**
 * Issue 17, concerns with reasons through the routes: a member's representative raises one
 * where it applies (a candidate, a sub-table's decision), it reaches the next draft agenda by
 * itself, the facilitator answers it; a campaign concern passes rule F2 like a note.
 */
import { describe, expect, it } from "vitest";
import * as candidatePage from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as concernsPage from "~/routes/tables.$coalitionId.concerns";
import * as health from "~/routes/tables.$coalitionId.health";
import * as meetingPage from "~/routes/tables.$coalitionId.meetings.$meetingId._index";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { raiseConcern } from "~/models/concerns.server";
import { recordDecision } from "~/models/decisions.server";
import { buildMeeting } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { roleWorld, signAs } from "./roles";
import { auditRows, dump } from "./support";

const reasonFields = { concern: "The turf split", reason: "Bravo was left out of Ward 3.", sourceKind: "research", sourceUrl: "", capturedAt: "" };

describe("raising a concern on a sub-table's decision", () => {
  it("the representative raises it with a reason; it is on the sub-table's page and on the next agenda the facilitator drafts", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    const past = buildMeeting(db, { id: w.users.facilitator.id, name: "Fran" }, w.coalitionId, { title: "Kilo sub-table call", kind: "sub_table", subCoalitionId: w.subTableId, date: "2026-11-05" });
    const decided = recordDecision(db, { id: w.users.facilitator.id, name: "Fran" }, { coalitionId: w.coalitionId, meetingId: past.id, text: "Doors in Ward 3 go to Alpha", agendaItemId: null, partnerIds: [w.partnerId, w.otherPartnerId] });
    if (!decided.ok) throw new Error("expected a decision");
    const next = buildMeeting(db, { id: w.users.facilitator.id, name: "Fran" }, w.coalitionId, { title: "Next table meeting", date: "2027-03-04" });
    signAs(db, w, "rep");
    const subPath = `/tables/${c}/sub-tables/${w.subTableId}`;
    const params = { coalitionId: c, subTableId: String(w.subTableId) };
    const page = await load(subTablePage.loader, subPath, params);
    expect(page.concernPartners.map((p) => p.id)).toEqual([w.partnerId]);
    expect(page.concernAbouts.map((a) => a.value)).toEqual([`sub_table:${w.subTableId}`, `agreement:${db.$client.prepare("select id from agreements").pluck().get()}`, `decision:${decided.decisionId}`]);
    const to = await expectRedirect(act(subTablePage.action, subPath, params, { intent: "concern", about: `decision:${decided.decisionId}`, partnerId: String(w.partnerId), ...reasonFields }), /#concerns$/);
    expect(to).toContain(`meeting=${next.id}`);
    const after = await load(subTablePage.loader, to, params);
    expect(after.concerns.rows[0]).toMatchObject({ partnerShortName: "PAPA", concern: "The turf split", reason: "Bravo was left out of Ward 3.", status: "open", meetingId: next.id });
    // the facilitator's next agenda has it, and the meeting page lists it with its reason
    signAs(db, w, "facilitator");
    const meeting = await load(meetingPage.loader, `/tables/${c}/meetings/${next.id}`, { coalitionId: c, meetingId: String(next.id) });
    expect(meeting.items.map((i) => i.title)).toContain('Concern from PAPA about the decision of ' + after.concerns.rows[0].about.slice("the decision of ".length));
    // with Quebec's concern raised before any meeting was set: the new meeting took it by itself
    expect(meeting.concerns.rows.map((r) => r.reason)).toEqual(["Bravo was left out of Ward 3.", "Bravo was left out."]);
  });

  it("without a reason it is refused next to the field, keeping what was typed, writing nothing", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const before = dump(db);
    const bad = await expectInvalid(
      act(subTablePage.action, `/tables/${c}/sub-tables/${w.subTableId}`, { coalitionId: c, subTableId: String(w.subTableId) }, { intent: "concern", about: `sub_table:${w.subTableId}`, partnerId: String(w.partnerId), ...reasonFields, reason: "  " }),
      ["reason"],
    );
    expect(bad.values.concern).toBe("The turf split");
    expect(dump(db)).toEqual(before);
  });

  it("a member raises only its own: Papa's representative cannot raise one for Quebec, the facilitator none (403)", async () => {
    for (const [who, partner] of [["rep", "otherPartnerId"], ["facilitator", "partnerId"], ["lead", "partnerId"]] as const) {
      const { db, w } = roleWorld(who);
      const c = String(w.coalitionId);
      const before = dump(db).concerns;
      await expectStatus(
        act(candidatePage.action, `/tables/${c}/candidates/${w.candidateId}`, { coalitionId: c, candidateId: String(w.candidateId) }, { intent: "concern", partnerId: String(w[partner]), ...reasonFields }),
        403,
      );
      expect(dump(db).concerns).toEqual(before);
    }
  });
});

describe("answering, health and the firewall", () => {
  it("the facilitator marks a concern answered; a representative may not", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    await expectStatus(act(concernsPage.action, `/tables/${c}/concerns`, { coalitionId: c }, { intent: "answer-concern", concernId: String(w.concernId), answer: "" }), 403);
    signAs(db, w, "facilitator");
    await expectRedirect(act(concernsPage.action, `/tables/${c}/concerns`, { coalitionId: c }, { intent: "answer-concern", concernId: String(w.concernId), answer: "Alpha shares Ward 3." }), /concerns#concerns$/);
    const answered = await load(concernsPage.loader, `/tables/${c}/concerns?status=answered`, { coalitionId: c });
    expect(answered.page.rows).toMatchObject([{ id: w.concernId, status: "answered", answer: "Alpha shares Ward 3." }]);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "concern.answer" });
  });

  it("health counts the concerns open longer than two weeks", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    const fran = { id: w.users.facilitator.id, name: "Fran" };
    raiseConcern(db, fran, { coalitionId: w.coalitionId, partnerId: w.partnerId, about: { subject: "candidate", id: w.candidateId }, concern: "Old", reason: "Old reason", sourceKind: "research", sourceUrl: null, capturedAt: null }, new Date(Date.now() - 20 * 86_400_000));
    const h = await load(health.loader, `/tables/${c}/health`, { coalitionId: c });
    expect(h.staleConcerns).toBe(1);
  });

  it("a campaign concern about a race is withheld from its independent-side members and logged (F2); neutral staff read it", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const secret = "The campaign told us its field plan is thin";
    raiseConcern(db, { id: w.users.otherRep.id, name: "Quinn" }, { coalitionId: w.coalitionId, partnerId: w.otherPartnerId, about: { subject: "candidate", id: w.candidateId }, concern: secret, reason: secret, sourceKind: "campaign", sourceUrl: null, capturedAt: null });
    const path = `/tables/${c}/candidates/${w.candidateId}`;
    const params = { coalitionId: c, candidateId: String(w.candidateId) };
    const walled = await load(candidatePage.loader, path, params);
    expect(JSON.stringify(walled)).not.toContain(secret);
    expect(walled.concerns.withheld).toBe(1);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.campaign_info", decision: "deny", rule: "F2", detail: expect.stringContaining("concerns") });
    const list = await load(concernsPage.loader, `/tables/${c}/concerns`, { coalitionId: c });
    expect(JSON.stringify(list)).not.toContain(secret);
    signAs(db, w, "facilitator");
    const neutral = await load(candidatePage.loader, path, params);
    expect(neutral.concerns.rows.map((r) => r.reason)).toContain(secret);
  });
});
