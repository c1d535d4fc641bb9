/**
 * Issue 17, comments through the routes: a member's people comment on a candidate or on their
 * sub-table with a source; a campaign comment passes rule F2 as a note does; a sub-table's
 * comments are its members' and neutral staff's; the author edits and deletes its own.
 */
import { describe, expect, it } from "vitest";
import * as candidatePage from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { act, expectInvalid, expectRedirect, load } from "./helpers";
import { roleWorld, signAs } from "./roles";
import { dump } from "./support";

describe("comments on a candidate", () => {
  it("the lead comments for Papa with the campaign as source; the other member's representative does not receive it, the facilitator does", async () => {
    const { db, w } = roleWorld("lead");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/candidates/${w.candidateId}`;
    const params = { coalitionId: c, candidateId: String(w.candidateId) };
    const page = await load(candidatePage.loader, path, params);
    expect(page.commentVoices).toEqual({ partners: [{ id: w.partnerId, shortName: "PAPA" }], asStaff: false });
    await expectRedirect(act(candidatePage.action, path, params, { intent: "comment", partnerId: String(w.partnerId), body: "MARK-CAMPAIGN their door plan", sourceKind: "campaign", sourceUrl: "", capturedAt: "" }), /#comment-\d+$/);
    signAs(db, w, "otherRep");
    const other = await load(candidatePage.loader, path, params);
    expect(JSON.stringify(other)).not.toContain("MARK-CAMPAIGN");
    expect(other.comments).toMatchObject({ withheld: 1, rows: [{ body: "Strong on housing", authorName: "Rita", partnerShortName: "PAPA" }] });
    signAs(db, w, "facilitator");
    const staff = await load(candidatePage.loader, path, params);
    expect(staff.comments.rows.map((r) => r.body)).toEqual(["MARK-CAMPAIGN their door plan", "Strong on housing"]);
  });

  it("the author edits and deletes its own; a public source needs its URL, next to the field, nothing written", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/candidates/${w.candidateId}`;
    const params = { coalitionId: c, candidateId: String(w.candidateId) };
    const before = dump(db);
    const bad = await expectInvalid(act(candidatePage.action, path, params, { intent: "edit-comment", commentId: String(w.commentId), body: "New words", sourceKind: "public", sourceUrl: "", capturedAt: "2026-11-02" }), ["sourceUrl"]);
    expect(bad.values.body).toBe("New words");
    expect(dump(db)).toEqual(before);
    await expectRedirect(act(candidatePage.action, path, params, { intent: "edit-comment", commentId: String(w.commentId), body: "New words", sourceKind: "public", sourceUrl: "https://news.example.org/k", capturedAt: "2026-11-02" }), new RegExp(`#comment-${w.commentId}$`));
    expect((await load(candidatePage.loader, path, params)).comments.rows).toMatchObject([{ id: w.commentId, body: "New words", sourceKind: "public", editedAt: expect.any(String) }]);
    await expectRedirect(act(candidatePage.action, path, params, { intent: "delete-comment", commentId: String(w.commentId) }), /#comments$/);
    expect((await load(candidatePage.loader, path, params)).comments.total).toBe(0);
  });
});

describe("comments on a sub-table", () => {
  it("its members and the facilitator read them; a representative of a partner outside it sees no comments section", async () => {
    const { db, w } = roleWorld("otherRep");
    const c = String(w.coalitionId);
    const params = { coalitionId: c, subTableId: String(w.subTableId) };
    const path = `/tables/${c}/sub-tables/${w.subTableId}`;
    await expectRedirect(act(subTablePage.action, path, params, { intent: "comment", partnerId: String(w.otherPartnerId), body: "Bravo has 40 volunteers", sourceKind: "research", sourceUrl: "", capturedAt: "" }), /#comment-\d+$/);
    signAs(db, w, "rep");
    expect((await load(subTablePage.loader, path, params)).comments.rows.map((r) => r.body)).toEqual(["Bravo has 40 volunteers"]);
    signAs(db, w, "facilitator");
    expect((await load(subTablePage.loader, path, params)).comments.total).toBe(1);
    // Mike's sub-table: Papa is not in it
    signAs(db, w, "rep");
    const free = await load(subTablePage.loader, `/tables/${c}/sub-tables/${w.freeSubTableId}`, { coalitionId: c, subTableId: String(w.freeSubTableId) });
    expect(free.comments).toMatchObject({ hidden: true, rows: [] });
    expect(free.commentVoices.partners).toEqual([]);
  });
});
