/** Issue 17, notice of independent action through the routes: the sub-table page, the next agenda, the health page. */
import { describe, expect, it } from "vitest";
import * as health from "~/routes/tables.$coalitionId.health";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { buildMeeting, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { roleWorld, signAs } from "./roles";
import { dump } from "./support";

const fields = { intent: "notice", kind: "endorsement", what: "We announce our own endorsement on Monday", why: "Our members voted for it.", plannedOn: "2027-01-12" };

describe("notice of independent action", () => {
  it("a member's representative gives notice on the sub-table page; it is listed there and on the next agenda", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const next = buildMeeting(db, { id: w.users.facilitator.id, name: "Fran" }, w.coalitionId, { title: "January table", date: "2027-01-07" });
    const path = `/tables/${c}/sub-tables/${w.subTableId}`;
    const params = { coalitionId: c, subTableId: String(w.subTableId) };
    expect((await load(subTablePage.loader, path, params)).noticePartners.map((p) => p.id)).toEqual([w.partnerId]);
    const to = await expectRedirect(act(subTablePage.action, path, params, { ...fields, partnerId: String(w.partnerId) }), /\?notice=\d+#notices$/);
    const page = await load(subTablePage.loader, to, params);
    expect(page.notices.rows).toMatchObject([{ partnerShortName: "PAPA", kind: "endorsement", why: "Our members voted for it.", plannedOn: "2027-01-12", meetingId: next.id }]);
    const titles = (db.$client.prepare("select title from agenda_items where meeting_id = ?").all(next.id) as { title: string }[]).map((r) => r.title);
    expect(titles).toContain("Notice from PAPA: an endorsement announcement, outside the sub-table for Kilo Candidate");
  });

  it("bad input is refused next to the fields, writing nothing; another member's notice is a 403", async () => {
    const { db, w } = roleWorld("rep");
    const c = String(w.coalitionId);
    const path = `/tables/${c}/sub-tables/${w.subTableId}`;
    const params = { coalitionId: c, subTableId: String(w.subTableId) };
    const before = dump(db);
    const bad = await expectInvalid(act(subTablePage.action, path, params, { ...fields, partnerId: String(w.partnerId), why: "", plannedOn: "Monday" }), ["why", "plannedOn"]);
    expect(bad.values.what).toBe(fields.what);
    await expectStatus(act(subTablePage.action, path, params, { ...fields, partnerId: String(w.otherPartnerId) }), 403);
    expect(dump(db).notices).toEqual(before.notices);
  });

  it("a member that leaves without notice shows on the health page as acting without notice", async () => {
    const { db, w } = roleWorld("facilitator");
    const c = String(w.coalitionId);
    stance(db, { id: w.users.facilitator.id, name: "Fran" }, w.coalitionId, w.candidateId, w.otherPartnerId, "withdrawn", { now: new Date(Date.now() - 2 * 86_400_000) });
    signAs(db, w, "facilitator");
    const h = await load(health.loader, `/tables/${c}/health`, { coalitionId: c });
    expect(h.withoutNotice).toMatchObject([{ kind: "withdrew", partnerShortName: "QUEB", subTableCandidate: "Kilo Candidate" }]);
  });
});
