import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as profile from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as edit from "~/routes/tables.$coalitionId.candidates.$candidateId.edit";
import * as history from "~/routes/tables.$coalitionId.candidates.$candidateId.history";
import { buildAffiliate, buildCandidate, buildProfileItem, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle } from "./helpers";
import { actWith, auditRows, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const noteFields = (over: Record<string, string> = {}) => ({ intent: "item", kind: "note", body: "Strong labor record.", sourceKind: "research", ...over });
const stanceFields = (partnerId: number, over: Record<string, string> = {}) => ({
  intent: "stance",
  partnerId: String(partnerId),
  stance: "endorsed",
  decidedOn: "2026-11-20",
  decidingBody: "Board",
  note: "",
  ...over,
});
const editFields = (over: Record<string, string> = {}) => ({
  intent: "update",
  name: "Jordan Park",
  party: "Working Families",
  incumbency: "open_seat",
  bio: "Teacher.",
  bioSourceKind: "research",
  website: "https://park.example.org",
  socialLinks: "",
  ...over,
});

function world(opts: Parameters<typeof buildTableWithRace>[2] = {}) {
  const t = buildTableWithRace(db, actor, opts);
  const k = t.candidates[0];
  return { ...t, k, path: `/tables/${t.coalition.id}/candidates/${k.id}`, params: { coalitionId: String(t.coalition.id), candidateId: String(k.id) } };
}

function events() {
  return db.$client.prepare("select candidate_id as candidateId, partner_id as partnerId, stance from endorsement_events order by id").all() as {
    candidateId: number;
    partnerId: number;
    stance: string;
  }[];
}

describe("/tables/:id/candidates/:candidateId loader", () => {
  it("loads the profile: items, current stances, endorsing count, partners and the state's affiliates", async () => {
    const w = world({ partners: 3 });
    buildProfileItem(db, actor, w.coalition.id, w.k.id, { body: "Visible" });
    stance(db, actor, w.coalition.id, w.k.id, w.partners[0].id, "endorsed");
    stance(db, actor, w.coalition.id, w.k.id, w.partners[1].id, "considering");
    const pa = buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { state: "PA" });
    buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { state: "OH" });
    const data = await load(profile.loader, w.path, w.params);
    expect(data.candidate.id).toBe(w.k.id);
    expect(data.items.map((i) => i.body)).toEqual(["Visible"]);
    expect(data.endorsing).toBe(1);
    expect(data.current).toHaveLength(2);
    expect(data.partners).toHaveLength(3);
    expect(data.affiliates.map((a) => a.id)).toEqual([pa.id]);
    expect(data.others.map((o) => o.id)).toEqual([w.candidates[1].id]);
  });

  it.each(BAD_IDS)("is a 404 for candidate id %j", async (id) => {
    const w = world();
    await expectStatus(load(profile.loader, `/tables/${w.coalition.id}/candidates/${id}`, { ...w.params, candidateId: id }), 404);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    const w = world();
    await expectStatus(load(profile.loader, `/tables/${id}/candidates/${w.k.id}`, { ...w.params, coalitionId: id }), 404);
  });

  it("is a 404 for a candidate of table A asked for under table B", async () => {
    const a = world();
    const b = world();
    await expectStatus(load(profile.loader, `/tables/${b.coalition.id}/candidates/${a.k.id}`, { coalitionId: String(b.coalition.id), candidateId: String(a.k.id) }), 404);
  });
});

describe("candidate page action: intent=item", () => {
  it("adds the item and redirects to its anchor", async () => {
    const w = world();
    const location = await expectRedirect(act(profile.action, w.path, w.params, noteFields()), new RegExp(`^${w.path}#item-\\d+$`));
    const id = Number(location.split("-").pop());
    const row = db.query.profileItems.findFirst({ where: (i, { eq }) => eq(i.id, id) }).sync();
    expect(row).toMatchObject({ candidateId: w.k.id, kind: "note", body: "Strong labor record.", sourceKind: "research" });
  });

  it("adds a fundraising figure with amounts typed the way people type them", async () => {
    const w = world();
    const location = await expectRedirect(
      act(profile.action, w.path, w.params, { intent: "item", kind: "fundraising", raised: "$1,250,000", cashOnHand: "", asOf: "2026-10-15", sourceKind: "public", sourceUrl: "https://fec.example.gov/x", capturedAt: "2026-10-16" }),
      /#item-\d+$/,
    );
    const row = db.query.profileItems.findFirst({ where: (i, { eq }) => eq(i.id, Number(location.split("-").pop())) }).sync();
    expect(row).toMatchObject({ raised: 1_250_000, cashOnHand: null, asOf: "2026-10-15" });
  });

  it.each([
    ["an unknown kind", { kind: "gossip" }, ["kind"]],
    ["an unknown source", { sourceKind: "rumor" }, ["sourceKind"]],
    ["a public source without URL or capture date", { sourceKind: "public" }, ["sourceUrl", "capturedAt"]],
    ["a note without text", { body: "   " }, ["body"]],
    ["a poll without pollster, share or date", { kind: "poll", body: "" }, ["pollster", "pollShare", "asOf"]],
    ["a poll share over 100", { kind: "poll", pollster: "X", pollShare: "140", asOf: "2026-10-01" }, ["pollShare"]],
    ["a fundraising figure with words for money", { kind: "fundraising", raised: "a lot", asOf: "2026-10-01" }, ["raised"]],
    ["a position without an issue", { kind: "position" }, ["topic"]],
    ["an impossible as-of date", { kind: "fundraising", raised: "10", asOf: "2026-13-01" }, ["asOf"]],
  ])("refuses %s, keeps what was typed, and writes nothing", async (_what, over, fields) => {
    const w = world();
    const before = dump(db);
    const typed = noteFields(over as Record<string, string>);
    const data = await expectInvalid(act(profile.action, w.path, w.params, typed), fields);
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });
});

describe("candidate page action: intent=remove-item", () => {
  it("hides the item and redirects to the profile", async () => {
    const w = world();
    const item = buildProfileItem(db, actor, w.coalition.id, w.k.id);
    await expectRedirect(act(profile.action, w.path, w.params, { intent: "remove-item", itemId: String(item.id) }), new RegExp(`^${w.path}$`));
    const row = db.query.profileItems.findFirst({ where: (i, { eq }) => eq(i.id, item.id) }).sync();
    expect(row!.removedAt).not.toBeNull();
    expect((await load(profile.loader, w.path, w.params)).items).toEqual([]);
  });

  it.each(["", "abc", "1.5", "-1", "0"])("refuses item id %j with a 400 and writes nothing", async (itemId) => {
    const w = world();
    buildProfileItem(db, actor, w.coalition.id, w.k.id);
    const before = dump(db);
    const data = await expectInvalid(act(profile.action, w.path, w.params, { intent: "remove-item", itemId }), ["_form"]);
    expect(data.values.itemId).toBe(itemId);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for an unknown item, an item of another candidate, or one already removed", async () => {
    const w = world();
    const other = buildProfileItem(db, actor, w.coalition.id, w.candidates[1].id);
    const gone = buildProfileItem(db, actor, w.coalition.id, w.k.id);
    await expectRedirect(act(profile.action, w.path, w.params, { intent: "remove-item", itemId: String(gone.id) }), /candidates/);
    const before = dump(db);
    for (const itemId of ["999", String(other.id), String(gone.id)]) {
      await expectStatus(act(profile.action, w.path, w.params, { intent: "remove-item", itemId }), 404);
    }
    expect(dump(db)).toEqual(before);
  });
});

describe("candidate page action: intent=stance", () => {
  it("records the stance for this page's candidate and redirects to the stances", async () => {
    const w = world();
    const location = await expectRedirect(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id)), new RegExp(`^${w.path}\\?recorded=\\d+#stances$`));
    expect(events()).toEqual([{ candidateId: w.k.id, partnerId: w.partners[0].id, stance: "endorsed" }]);
    expect(location).not.toContain("subtable");
  });

  it("ignores a candidateId in the form: the URL names the candidate", async () => {
    const w = world();
    await expectRedirect(act(profile.action, w.path, w.params, { ...stanceFields(w.partners[0].id), candidateId: String(w.candidates[1].id) }), /recorded=/);
    expect(events().map((e) => e.candidateId)).toEqual([w.k.id]);
  });

  it("records an affiliate's own stance", async () => {
    const w = world();
    const aff = buildAffiliate(db, actor, w.coalition.id, w.partners[0].id);
    await expectRedirect(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { affiliateId: String(aff.id) })), /recorded=/);
    expect(rows(db, "endorsement_events")).toBe(1);
  });

  it("forms the sub-table on the endorsement that reaches the threshold", async () => {
    const w = world({ threshold: 2 });
    stance(db, actor, w.coalition.id, w.k.id, w.partners[0].id, "endorsed");
    const location = await expectRedirect(act(profile.action, w.path, w.params, stanceFields(w.partners[1].id)), /subtable=form&sub=\d+#stances$/);
    const sub = Number(new URL(location, "http://x").searchParams.get("sub"));
    expect(db.query.subCoalitions.findFirst({ where: (s, { eq }) => eq(s.id, sub) }).sync()).toMatchObject({ candidateId: w.k.id });
  });

  it.each([
    ["an unknown stance", { stance: "maybe" }, ["stance"]],
    ["no stance", { stance: "" }, ["stance"]],
    ["a junk decision date", { decidedOn: "yesterday" }, ["decidedOn"]],
    ["an impossible decision date", { decidedOn: "2026-02-30" }, ["decidedOn"]],
    ["a junk partner", { partnerId: "abc" }, ["partnerId"]],
    ["a junk affiliate", { affiliateId: "1.5" }, ["affiliateId"]],
  ])("refuses %s with a field error and writes nothing", async (_what, over, fields) => {
    const w = world();
    const before = dump(db);
    const typed = stanceFields(w.partners[0].id, over);
    const data = await expectInvalid(act(profile.action, w.path, w.params, typed), fields);
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses a partner not seated at the table, and an affiliate of another partner, writing nothing", async () => {
    const w = world();
    const other = world();
    const aff = buildAffiliate(db, actor, w.coalition.id, w.partners[1].id);
    const before = dump(db);
    await expectInvalid(act(profile.action, w.path, w.params, stanceFields(other.partners[0].id)), ["partnerId"]);
    await expectInvalid(act(profile.action, w.path, w.params, stanceFields(999)), ["partnerId"]);
    await expectInvalid(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { affiliateId: String(aff.id) })), ["affiliateId"]);
    await expectInvalid(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { affiliateId: "999" })), ["affiliateId"]);
    expect(dump(db)).toEqual(before);
  });

  it("refuses the 501(c)(3) partner with 403 citing F1: no endorsement event, one deny row in the audit log", async () => {
    const w = world({ partners: 2, legalTypes: ["c3", "c4"] });
    const c3 = w.partners[0];
    const auditBefore = auditRows(db);
    const r = await settle(act(profile.action, w.path, w.params, stanceFields(c3.id)));
    expect(r.status).toBe(403);
    const data = r.data as { errors: Record<string, string>; values: Record<string, string> };
    expect(data.errors.stance).toMatch(/F1/);
    expect(data.errors.stance).toMatch(/501\(c\)\(3\)/);
    expect(data.values.partnerId).toBe(String(c3.id));
    expect(rows(db, "endorsement_events")).toBe(0);
    expect(rows(db, "sub_coalitions")).toBe(0);
    const added = auditRows(db).slice(auditBefore.length);
    expect(added).toEqual([expect.objectContaining({ action: "endorsement.record", decision: "deny", rule: "F1", partnerId: c3.id })]);
  });

  it("refuses even 'considering' from the 501(c)(3) partner", async () => {
    const w = world({ partners: 1, legalTypes: ["c3"] });
    await expectStatus(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { stance: "considering" })), 403);
    expect(rows(db, "endorsement_events")).toBe(0);
  });

  it("refuses a 501(c)(3) affiliate of a 501(c)(4) partner (F1 follows the affiliate's own legal type)", async () => {
    const w = world({ partners: 1 });
    const aff = buildAffiliate(db, actor, w.coalition.id, w.partners[0].id, { legalType: "c3" });
    await expectStatus(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { affiliateId: String(aff.id) })), 403);
    expect(rows(db, "endorsement_events")).toBe(0);
  });

  it("refuses endorsing a second candidate in a one-seat race with a 400 on 'stance'", async () => {
    const w = world({ seats: 1 });
    stance(db, actor, w.coalition.id, w.candidates[1].id, w.partners[0].id, "endorsed");
    const before = dump(db);
    const data = await expectInvalid(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id)), ["stance"]);
    expect(data.errors.stance).toMatch(/one seat/);
    expect(dump(db)).toEqual(before);
  });

  it("refuses repeating the current stance and withdrawing what was never endorsed", async () => {
    const w = world();
    stance(db, actor, w.coalition.id, w.k.id, w.partners[0].id, "considering");
    const before = dump(db);
    await expectInvalid(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { stance: "considering" })), ["stance"]);
    await expectInvalid(act(profile.action, w.path, w.params, stanceFields(w.partners[0].id, { stance: "withdrawn" })), ["stance"]);
    expect(dump(db)).toEqual(before);
  });
});

describe("candidate page action: anything else", () => {
  it.each([["an unknown intent", { intent: "delete-everything" }], ["no intent", {}], ["an empty intent", { intent: "" }]])(
    "answers %s with 400, not 500, and writes nothing",
    async (_what, fields) => {
      const w = world();
      const before = dump(db);
      const data = await expectInvalid(act(profile.action, w.path, w.params, fields as Record<string, string>), ["_form"]);
      expect(data.errors._form).toMatch(/could not be understood/);
      expect(dump(db)).toEqual(before);
    },
  );

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const w = world();
    const before = dump(db);
    await expectStatus(actWith(profile.action, rawPost(w.path, body, type), w.params), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each([
    ["item", noteFields()],
    ["stance", { intent: "stance", partnerId: "1", stance: "endorsed", decidedOn: "2026-11-20" }],
    ["remove-item", { intent: "remove-item", itemId: "1" }],
  ])("is a 404 for intent=%s on a candidate of table A posted under table B, and writes nothing", async (_intent, fields) => {
    const a = world();
    buildProfileItem(db, actor, a.coalition.id, a.k.id);
    const b = world();
    const before = dump(db);
    const r = await settle(act(profile.action, `/tables/${b.coalition.id}/candidates/${a.k.id}`, { coalitionId: String(b.coalition.id), candidateId: String(a.k.id) }, fields));
    expect(r.status).toBe(404);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for bad candidate or table id %j, and writes nothing", async (id) => {
    const w = world();
    const before = dump(db);
    await expectStatus(act(profile.action, `/tables/${w.coalition.id}/candidates/${id}`, { ...w.params, candidateId: id }, noteFields()), 404);
    await expectStatus(act(profile.action, `/tables/${w.coalition.id}/candidates/${id}`, { ...w.params, candidateId: id }, stanceFields(w.partners[0].id)), 404);
    await expectStatus(act(profile.action, `/tables/${id}/candidates/${w.k.id}`, { ...w.params, coalitionId: id }, noteFields()), 404);
    await expectStatus(act(profile.action, `/tables/${id}/candidates/${w.k.id}`, { ...w.params, coalitionId: id }, stanceFields(w.partners[0].id)), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/candidates/:candidateId/edit", () => {
  it("loads the candidate", async () => {
    const w = world();
    const data = await load(edit.loader, `${w.path}/edit`, w.params);
    expect(data).toMatchObject({ coalitionId: w.coalition.id, candidate: { id: w.k.id, name: w.k.name } });
  });

  it("saves the profile, records a revision of what changed, and redirects to the profile", async () => {
    const w = world();
    const revisionsBefore = rows(db, "profile_revisions");
    await expectRedirect(act(edit.action, `${w.path}/edit`, w.params, editFields()), new RegExp(`^${w.path}$`));
    expect(db.query.candidates.findFirst({ where: (k, { eq }) => eq(k.id, w.k.id) }).sync()).toMatchObject({
      name: "Jordan Park",
      party: "Working Families",
      incumbency: "open_seat",
      website: "https://park.example.org",
    });
    expect(rows(db, "profile_revisions")).toBe(revisionsBefore + 1);
  });

  it("refuses bad input, keeps what was typed, and changes nothing", async () => {
    const w = world();
    const before = dump(db);
    const typed = editFields({ name: "", incumbency: "", website: "javascript:alert(1)", bio: "x".repeat(5001) });
    const data = await expectInvalid(act(edit.action, `${w.path}/edit`, w.params, typed), ["name", "incumbency", "website", "bio"]);
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses a public bio source without its URL and capture date, the messages next to those fields (F2)", async () => {
    const w = world();
    const before = dump(db);
    const typed = editFields({ bio: "From the candidate's site.", bioSourceKind: "public" });
    const data = await expectInvalid(act(edit.action, `${w.path}/edit`, w.params, typed), ["bioSourceUrl", "bioCapturedAt"]);
    expect(data.errors.bioSourceUrl).toBe("A public source needs the URL it came from.");
    expect(data.errors.bioCapturedAt).toBe("A public source needs the date it was captured.");
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const w = world();
    const before = dump(db);
    await expectStatus(actWith(edit.action, rawPost(`${w.path}/edit`, body, type), w.params), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from loader and action for candidate id %j", async (id) => {
    const w = world();
    const before = dump(db);
    const params = { ...w.params, candidateId: id };
    await expectStatus(load(edit.loader, `/tables/${w.coalition.id}/candidates/${id}/edit`, params), 404);
    await expectStatus(act(edit.action, `/tables/${w.coalition.id}/candidates/${id}/edit`, params, editFields()), 404);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 from loader and action for table id %j", async (id) => {
    const w = world();
    const before = dump(db);
    const params = { ...w.params, coalitionId: id };
    await expectStatus(load(edit.loader, `/tables/${id}/candidates/${w.k.id}/edit`, params), 404);
    await expectStatus(act(edit.action, `/tables/${id}/candidates/${w.k.id}/edit`, params, editFields()), 404);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for a candidate of table A under table B, and writes nothing", async () => {
    const a = world();
    const b = world();
    const before = dump(db);
    const params = { coalitionId: String(b.coalition.id), candidateId: String(a.k.id) };
    await expectStatus(load(edit.loader, `/tables/${b.coalition.id}/candidates/${a.k.id}/edit`, params), 404);
    await expectStatus(act(edit.action, `/tables/${b.coalition.id}/candidates/${a.k.id}/edit`, params, editFields()), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/candidates/:candidateId/history", () => {
  it("lists the profile's revisions, newest first, with who made them", async () => {
    const w = world();
    buildProfileItem(db, actor, w.coalition.id, w.k.id);
    await expectRedirect(act(edit.action, `${w.path}/edit`, w.params, editFields()), /candidates/);
    const data = await load(history.loader, `${w.path}/history`, w.params);
    expect(data.candidate.id).toBe(w.k.id);
    expect(data.revisions.map((r) => r.action)).toEqual(["edit", "add_item", "create"]);
    expect(data.revisions[0].actorName).toBe(actor.name);
  });

  it("has no action", () => {
    expect("action" in history).toBe(false);
  });

  it.each(BAD_IDS)("is a 404 for bad candidate or table id %j", async (id) => {
    const w = world();
    await expectStatus(load(history.loader, `/tables/${w.coalition.id}/candidates/${id}/history`, { ...w.params, candidateId: id }), 404);
    await expectStatus(load(history.loader, `/tables/${id}/candidates/${w.k.id}/history`, { ...w.params, coalitionId: id }), 404);
  });

  it("is a 404 for a candidate of table A under table B", async () => {
    const a = world();
    const b = world();
    await expectStatus(load(history.loader, `/tables/${b.coalition.id}/candidates/${a.k.id}/history`, { coalitionId: String(b.coalition.id), candidateId: String(a.k.id) }), 404);
  });
});

describe("a candidate built straight through the factory has the same shape", () => {
  it("shows up on its race's profile page list of others", async () => {
    const w = world({ candidates: 1 });
    const extra = buildCandidate(db, actor, w.coalition.id, w.race.id, { name: "Late Entrant" });
    expect((await load(profile.loader, w.path, w.params)).others.map((o) => o.id)).toEqual([extra.id]);
  });
});
