/**
 * Issue 17, capacity and red lines through the routes: a representative keeps its own
 * partner's profile (403 for another's), each item with who may read it; another
 * representative sees only the table's items; the facilitator sees the combined capacity per state.
 */
import { describe, expect, it } from "vitest";
import * as profile from "~/routes/tables.$coalitionId.capacity.$partnerId";
import * as combined from "~/routes/tables.$coalitionId.capacity._index";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { roleWorld, signAs, type RoleWorld } from "./roles";
import { dump } from "./support";

const paths = (w: RoleWorld, partnerId = w.partnerId) => ({
  profile: `/tables/${w.coalitionId}/capacity/${partnerId}`,
  params: { coalitionId: String(w.coalitionId), partnerId: String(partnerId) },
  combined: `/tables/${w.coalitionId}/capacity`,
  table: { coalitionId: String(w.coalitionId) },
});
const blank = { state: "", amount: "", capability: "", detail: "" };

describe("a partner's capacity profile", () => {
  it("its representative records items with who may read them; each reader sees what it may", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    await expectRedirect(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "members", amount: "8,000", state: "PA", readers: "table" }), /#item-\d+$/);
    await expectRedirect(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "organizers", amount: "3", state: "PA", readers: "facilitator" }), /#item-\d+$/);
    await expectRedirect(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "red_line", detail: "Never a joint event with a campaign", readers: "own" }), /#item-\d+$/);
    const own = await load(profile.loader, p.profile, p.params);
    expect(own.canEdit).toBe(true);
    expect(own.items.map((i) => i.readers)).toEqual(["table", "facilitator", "own"]);

    signAs(db, w, "otherRep");
    const other = await load(profile.loader, p.profile, p.params);
    expect(other.canEdit).toBe(false);
    expect(other.items.map((i) => [i.kind, i.amount])).toEqual([["members", 8000]]);
    expect(JSON.stringify(other)).not.toContain("Never a joint event");

    signAs(db, w, "facilitator");
    const facilitator = await load(profile.loader, p.profile, p.params);
    expect(facilitator.items.map((i) => i.kind)).toEqual(["members", "organizers"]);
    const sums = await load(combined.loader, p.combined, p.table);
    expect(sums.page.rows).toEqual([expect.objectContaining({ state: "PA", members: 8000, organizers: 3, partners: ["PAPA"] })]);

    // the lead and counsel of the partner are its own people: they read all of it, and keep none
    signAs(db, w, "lead");
    const lead = await load(profile.loader, p.profile, p.params);
    expect(lead.items).toHaveLength(3);
    expect(lead.canEdit).toBe(false);
  });

  it("a representative writes only its own partner's profile: 403 on another's, nothing written", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w, w.otherPartnerId);
    const before = dump(db).capacity_items;
    await expectStatus(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "members", amount: "5", readers: "table" }), 403);
    for (const who of ["facilitator", "counsel", "lead"] as const) {
      signAs(db, w, who);
      await expectStatus(act(profile.action, paths(w).profile, paths(w).params, { intent: "add", ...blank, kind: "members", amount: "5", readers: "table" }), 403);
    }
    expect(dump(db).capacity_items).toEqual(before);
  });

  it("bad input is said next to the field and keeps what was typed; the item to change opens in the form; an unknown item is a 404", async () => {
    const { w } = roleWorld("rep");
    const p = paths(w);
    const bad = await expectInvalid(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "strong_state", readers: "table", detail: "Our base" }), ["state"]);
    expect(bad.values.detail).toBe("Our base");
    await expectInvalid(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "members", amount: "lots", readers: "nobody" }), ["amount", "readers"]);
    const to = await expectRedirect(act(profile.action, p.profile, p.params, { intent: "add", ...blank, kind: "can_do", capability: "phones", readers: "table" }), /#item-\d+$/);
    const id = /#item-(\d+)$/.exec(to)![1];
    const editing = await load(profile.loader, `${p.profile}?edit=${id}`, p.params);
    expect(editing.editing).toMatchObject({ id: Number(id), kind: "can_do", capability: "phones" });
    await expectRedirect(act(profile.action, p.profile, p.params, { intent: "edit", itemId: id, ...blank, kind: "can_do", capability: "texts", readers: "own" }), new RegExp(`#item-${id}$`));
    await expectStatus(act(profile.action, p.profile, p.params, { intent: "remove", itemId: "99999" }), 404);
    await expectStatus(load(profile.loader, `/tables/${w.coalitionId}/capacity/9999`, { coalitionId: String(w.coalitionId), partnerId: "9999" }), 404);
  });

  it("the combined capacity is the facilitator's: a representative gets a 403", async () => {
    const { w } = roleWorld("rep");
    const p = paths(w);
    await expectStatus(load(combined.loader, p.combined, p.table), 403);
  });
});
