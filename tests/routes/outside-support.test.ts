/**
 * Issue 17, support from outside the table through the routes: a representative adds an
 * endorsement with its public source on the candidate's page; it shows there (with who may
 * change it), as a count in the race's candidate list and per race on the table-wide view. Bad
 * input is said next to the field with what was typed; only the adder or the facilitator changes it.
 */
import { describe, expect, it } from "vitest";
import * as candidatePage from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import * as outsidePage from "~/routes/tables.$coalitionId.outside-support";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { roleWorld, signAs, type RoleWorld } from "./roles";
import { dump, rows } from "./support";

const paths = (w: RoleWorld) => ({
  candidate: `/tables/${w.coalitionId}/candidates/${w.candidateId}`,
  candidateParams: { coalitionId: String(w.coalitionId), candidateId: String(w.candidateId) },
  race: `/tables/${w.coalitionId}/races/${w.raceId}`,
  raceParams: { coalitionId: String(w.coalitionId), raceId: String(w.raceId) },
  outside: `/tables/${w.coalitionId}/outside-support`,
  table: { coalitionId: String(w.coalitionId) },
});
const fields = { intent: "outside-add", kind: "local_group", name: "Lehigh Valley Tenants Union", sourceUrl: "https://lvtu.example.org/endorse", endorsedOn: "2026-11-25", note: "" };

describe("adding outside support on the candidate's page", () => {
  it("a representative adds it for its partner; the candidate page, the race's count and the table-wide view show it", async () => {
    const { db, w } = roleWorld("otherRep");
    const p = paths(w);
    const to = await expectRedirect(act(candidatePage.action, p.candidate, p.candidateParams, fields), /#outside-\d+$/);
    const id = Number(/#outside-(\d+)$/.exec(to)![1]);
    const row = db.$client.prepare("select partner_id as partnerId, added_by as addedBy, state from outside_endorsements where id = ?").get(id) as { partnerId: number; addedBy: number; state: string };
    expect(row).toEqual({ partnerId: w.otherPartnerId, addedBy: w.users.otherRep.id, state: "PA" });
    const page = await load(candidatePage.loader, p.candidate, p.candidateParams);
    expect(page.outside.total).toBe(2);
    expect(page.outside.rows.map((r) => [r.name, r.partnerShortName, r.canEdit])).toEqual([
      ["Lehigh Valley Tenants Union", "QUEB", true],
      ["Steelworkers Local 9", "PAPA", false],
    ]);
    expect(page.canAddOutside).toBe(true);
    const race = await load(racePage.loader, p.race, p.raceParams);
    expect(race.outsideCounts).toEqual({ [w.candidateId]: 2 });
    const view = await load(outsidePage.loader, p.outside, p.table);
    expect(view.page.rows).toHaveLength(1);
    expect(view.page.rows[0].candidates).toEqual([{ id: w.candidateId, name: "Kilo Candidate", total: 2, byKind: { union: 1, local_group: 1 } }]);
    const filtered = await load(outsidePage.loader, `${p.outside}?kind=elected_official`, p.table);
    expect(filtered.page.rows).toEqual([]);
    expect(filtered.filter).toEqual({ kind: "elected_official", state: null });
  });

  it("without a public source URL, or with a date after today, it says so next to the field, keeps what was typed and writes nothing", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const before = rows(db, "outside_endorsements");
    const bad = await expectInvalid(act(candidatePage.action, p.candidate, p.candidateParams, { ...fields, sourceUrl: "lvtu.example.org" }), ["sourceUrl"]);
    expect(bad.errors.sourceUrl).toMatch(/web address/);
    expect(bad.values.name).toBe("Lehigh Valley Tenants Union");
    const missing = await expectInvalid(act(candidatePage.action, p.candidate, p.candidateParams, { ...fields, sourceUrl: "" }), ["sourceUrl"]);
    expect(missing.errors.sourceUrl).toBe("Public source is required.");
    const future = await expectInvalid(act(candidatePage.action, p.candidate, p.candidateParams, { ...fields, endorsedOn: "2999-01-01" }), ["endorsedOn"]);
    expect(future.values.endorsedOn).toBe("2999-01-01");
    expect(rows(db, "outside_endorsements")).toBe(before);
  });

  it("the facilitator adds it as neutral staff (for no partner)", async () => {
    const { db, w } = roleWorld("facilitator");
    const p = paths(w);
    await expectRedirect(act(candidatePage.action, p.candidate, p.candidateParams, { ...fields, partnerId: String(w.partnerId) }), /#outside-\d+$/);
    expect(db.$client.prepare("select partner_id from outside_endorsements order by id desc limit 1").pluck().get()).toBeNull();
  });

  it("a representative may not add it for another partner", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const before = dump(db).outside_endorsements;
    await expectInvalid(act(candidatePage.action, p.candidate, p.candidateParams, { ...fields, partnerId: String(w.otherPartnerId) }), ["partnerId"]);
    expect(dump(db).outside_endorsements).toEqual(before);
  });
});

describe("changing and removing it", () => {
  it("its adder opens it to change (?outside-edit=) and saves; another representative gets no form and a 403, nothing written", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const editing = await load(candidatePage.loader, `${p.candidate}?outside-edit=${w.outsideId}`, p.candidateParams);
    expect(editing.outsideEditing).toMatchObject({ id: w.outsideId, name: "Steelworkers Local 9", kind: "union" });
    await expectRedirect(act(candidatePage.action, p.candidate, p.candidateParams, { ...fields, intent: "outside-edit", outsideId: String(w.outsideId), name: "Steelworkers District 10" }), new RegExp(`#outside-${w.outsideId}$`));
    expect(db.$client.prepare("select name from outside_endorsements where id = ?").pluck().get(w.outsideId)).toBe("Steelworkers District 10");

    signAs(db, w, "otherRep");
    const other = await load(candidatePage.loader, `${p.candidate}?outside-edit=${w.outsideId}`, p.candidateParams);
    expect(other.outsideEditing).toBeNull();
    const before = dump(db).outside_endorsements;
    await expectStatus(act(candidatePage.action, p.candidate, p.candidateParams, { intent: "outside-remove", outsideId: String(w.outsideId) }), 403);
    expect(dump(db).outside_endorsements).toEqual(before);
  });

  it("the facilitator removes it; an unknown endorsement is a 404", async () => {
    const { db, w } = roleWorld("facilitator");
    const p = paths(w);
    await expectStatus(act(candidatePage.action, p.candidate, p.candidateParams, { intent: "outside-remove", outsideId: "9999" }), 404);
    await expectRedirect(act(candidatePage.action, p.candidate, p.candidateParams, { intent: "outside-remove", outsideId: String(w.outsideId) }), /#outside-support$/);
    expect(rows(db, "outside_endorsements")).toBe(0);
  });
});
