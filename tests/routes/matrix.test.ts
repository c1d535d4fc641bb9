import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as matrixCsv from "~/routes/tables.$coalitionId.matrix[.]csv";
import { parse } from "csv-parse/sync";
import { encodeCursor } from "~/domain/keyset";
import { roleWorld, signAs } from "./roles";
import * as subTables from "~/routes/tables.$coalitionId.sub-tables._index";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildProfileItem, buildRace, buildTableWithRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle } from "./helpers";
import { actWith, auditRows, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function world(opts: Parameters<typeof buildTableWithRace>[2] = {}) {
  const t = buildTableWithRace(db, actor, opts);
  return { ...t, path: `/tables/${t.coalition.id}/matrix`, params: { coalitionId: String(t.coalition.id) } };
}

const stanceFields = (candidateId: number, partnerId: number, over: Record<string, string> = {}) => ({
  intent: "stance",
  candidateId: String(candidateId),
  partnerId: String(partnerId),
  stance: "endorsed",
  decidedOn: "2026-11-20",
  ...over,
});

function query(location: string): URLSearchParams {
  return new URL(location, "http://localhost").searchParams;
}

describe("/tables/:id/matrix loader", () => {
  /** Two races in two states; candidate pa0 has 2 endorsements, oh0 has 1, the rest none. */
  function picture() {
    const w = world({ partners: 4, candidates: 2 });
    const ohRace = buildRace(db, actor, w.coalition.id, { state: "OH", district: "03" });
    const oh0 = buildCandidate(db, actor, w.coalition.id, ohRace.id);
    const [pa0, pa1] = w.candidates;
    stance(db, actor, w.coalition.id, pa0.id, w.partners[0].id, "endorsed");
    stance(db, actor, w.coalition.id, pa0.id, w.partners[1].id, "endorsed");
    stance(db, actor, w.coalition.id, oh0.id, w.partners[2].id, "endorsed");
    stance(db, actor, w.coalition.id, pa1.id, w.partners[3].id, "considering");
    return { ...w, ohRace, oh0, pa0, pa1 };
  }

  it("gives every candidate against every seated partner, most endorsed first", async () => {
    const w = picture();
    const data = await load(matrix.loader, w.path, w.params);
    expect(data.partners).toHaveLength(4);
    expect(data.rows.map((r) => r.id)).toEqual([w.pa0.id, w.oh0.id, w.pa1.id]);
    // a row's stances travel as one letter per partner column, in the columns' order
    expect(data.partners.map((p) => p.id)).toEqual(w.partners.map((p) => p.id));
    expect(data.rows[0]).toMatchObject({ count: 2, needed: 2, cells: "EE.." });
    expect(data.rows.map((r) => r.cells)).toEqual(["EE..", "..E.", "...C"]);
    expect(data.states).toEqual(["OH", "PA"]);
    // races are offered once a state is chosen: a national table has too many to list
    expect(data.races).toEqual([]);
    expect((await load(matrix.loader, `${w.path}?state=OH`, w.params)).races).toEqual([{ id: w.ohRace.id, label: expect.stringContaining("OH"), state: "OH" }]);
    expect(data.total).toBe(3);
    expect(data.next).toBeNull();
    expect(data.prev).toBeNull();
    expect(data.filter).toEqual({ state: null, raceId: null, status: null, q: null });
    expect(data.cell).toBeNull();
  });

  it("filters by ?state= (any case), ?race= and ?status=", async () => {
    const w = picture();
    const ids = async (qs: string) => (await load(matrix.loader, `${w.path}?${qs}`, w.params)).rows.map((r) => r.id);
    expect(await ids("state=oh")).toEqual([w.oh0.id]);
    expect(await ids(`race=${w.race.id}`)).toEqual([w.pa0.id, w.pa1.id]);
    expect(await ids("status=none")).toEqual([w.pa1.id]);
    expect(await ids("status=any_endorsement")).toEqual([w.pa0.id, w.oh0.id]);
    expect(await ids("status=nearing")).toEqual([w.pa0.id]);
    expect(await ids("status=critical_mass")).toEqual([]);
    expect(await ids(`state=PA&status=any_endorsement`)).toEqual([w.pa0.id]);
  });

  it("answers junk filters with 200 and ignores them", async () => {
    const w = picture();
    const r = await settle(load(matrix.loader, `${w.path}?status=bogus&race=abc`, w.params));
    expect(r.status).toBe(200);
    const data = r.data as Awaited<ReturnType<typeof matrix.loader>>;
    expect(data.filter).toEqual({ state: null, raceId: null, status: null, q: null });
    expect(data.rows).toHaveLength(3);
    for (const qs of ["race=1.5", "race=-1", "race=0", "race=99999999999999999999", "status=", "status=__proto__", "race=", "state=", "cell=", "cell=abc", "cell=1-", "cell=-1-2", "cell=999-999"]) {
      const d = await load(matrix.loader, `${w.path}?${qs}`, w.params);
      expect(d.rows, qs).toHaveLength(3);
      expect(d.cell, qs).toBeNull();
    }
  });

  it("gives an empty matrix, not an error, for a real race of another table", async () => {
    const w = picture();
    const theirs = buildRace(db, actor, buildCoalition(db, actor).id);
    expect((await load(matrix.loader, `${w.path}?race=${theirs.id}`, w.params)).rows).toEqual([]);
  });

  it("gives the cell's candidate, partner and current stance for ?cell=candidate-partner", async () => {
    const w = picture();
    const data = await load(matrix.loader, `${w.path}?cell=${w.pa0.id}-${w.partners[1].id}`, w.params);
    expect(data.cell).toEqual({
      candidate: { id: w.pa0.id, name: w.pa0.name, raceLabel: expect.stringContaining("PA") },
      partner: expect.objectContaining({ id: w.partners[1].id, shortName: w.partners[1].shortName }),
      choices: [],
      current: "endorsed",
      // the instance admin is not one of the partner's own people, so cannot mark its note private
      canPrivate: false,
    });
    const empty = await load(matrix.loader, `${w.path}?cell=${w.pa1.id}-${w.partners[0].id}`, w.params);
    expect(empty.cell).toMatchObject({ candidate: { id: w.pa1.id }, partner: { id: w.partners[0].id }, current: null });
  });

  it("gives a row's editor for ?cell=candidate (the no-JavaScript path): a choice of the partners this person may record", async () => {
    const w = picture();
    const data = await load(matrix.loader, `${w.path}?cell=${w.pa1.id}`, w.params);
    expect(data.cell).toMatchObject({ candidate: { id: w.pa1.id }, partner: null, current: null });
    expect(data.cell!.choices.map((p) => p.id)).toEqual(w.partners.map((p) => p.id));
    expect((await load(matrix.loader, `${w.path}?cell=99999`, w.params)).cell).toBeNull();
  });

  it("gives no cell for a candidate or partner of another table", async () => {
    const w = picture();
    const other = world({ partners: 1, candidates: 1 });
    for (const cell of [`${other.candidates[0].id}-${w.partners[0].id}`, `${w.pa0.id}-${other.partners[0].id}`]) {
      expect((await load(matrix.loader, `${w.path}?cell=${cell}`, w.params)).cell).toBeNull();
    }
  });

  it("gives no cell for a candidate filtered out of view", async () => {
    const w = picture();
    expect((await load(matrix.loader, `${w.path}?state=OH&cell=${w.pa0.id}-${w.partners[0].id}`, w.params)).cell).toBeNull();
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    buildCoalition(db, actor);
    await expectStatus(load(matrix.loader, `/tables/${id}/matrix`, { coalitionId: id }), 404);
  });
});

describe("/tables/:id/matrix action", () => {
  it("records the stance and redirects back to the matrix keeping the filters", async () => {
    const w = world();
    const [k] = w.candidates;
    const location = await expectRedirect(
      act(matrix.action, `${w.path}?state=PA&race=${w.race.id}&status=any_endorsement&cell=${k.id}-${w.partners[0].id}`, w.params, stanceFields(k.id, w.partners[0].id)),
      new RegExp(`^${w.path}\\?`),
    );
    const q = query(location);
    expect(q.get("state")).toBe("PA");
    expect(q.get("race")).toBe(String(w.race.id));
    expect(q.get("status")).toBe("any_endorsement");
    expect(q.get("cell")).toBeNull();
    expect(q.get("subtable")).toBeNull();
    const recorded = Number(q.get("recorded"));
    const event = db.query.endorsementEvents.findFirst({ where: (e, { eq }) => eq(e.id, recorded) }).sync();
    expect(event).toMatchObject({ candidateId: k.id, partnerId: w.partners[0].id, stance: "endorsed", fromStance: null, actorId: actor.id });
  });

  it("redirects to the bare matrix when there were no filters", async () => {
    const w = world();
    const location = await expectRedirect(act(matrix.action, w.path, w.params, stanceFields(w.candidates[0].id, w.partners[0].id, { stance: "considering" })), /matrix\?recorded=\d+$/);
    expect([...query(location).keys()]).toEqual(["recorded"]);
  });

  it("forms the sub-table on the 4th endorsement: the redirect says subtable=form and the sub-table exists", async () => {
    const w = world({ partners: 5, threshold: 4 });
    const [k] = w.candidates;
    for (const p of w.partners.slice(0, 3)) stance(db, actor, w.coalition.id, k.id, p.id, "endorsed");
    expect(rows(db, "sub_coalitions")).toBe(0);

    const location = await expectRedirect(act(matrix.action, `${w.path}?status=nearing`, w.params, stanceFields(k.id, w.partners[3].id)), /subtable=form/);
    const q = query(location);
    expect(q.get("status")).toBe("nearing");
    expect(q.get("subtable")).toBe("form");
    const subId = Number(q.get("sub"));
    const sub = db.query.subCoalitions.findFirst({ where: (s, { eq }) => eq(s.id, subId) }).sync();
    expect(sub).toMatchObject({ coalitionId: w.coalition.id, candidateId: k.id, formedByEventId: Number(q.get("recorded")), closedAt: null });
    const members = db.$client.prepare("select partner_id as p from sub_coalition_members where sub_coalition_id = ? and left_at is null order by partner_id").all(subId) as { p: number }[];
    expect(members.map((m) => m.p)).toEqual(w.partners.slice(0, 4).map((p) => p.id));

    const listed = await load(subTables.loader, `/tables/${w.coalition.id}/sub-tables`, w.params);
    expect(listed.subTables).toEqual([expect.objectContaining({ id: subId, candidateId: k.id, memberCount: 4, status: "active" })]);
    const after = await load(matrix.loader, `${w.path}?status=critical_mass`, w.params);
    expect(after.rows.map((r) => r.id)).toEqual([k.id]);

    // the 5th joins the sub-table that formed
    const joined = await expectRedirect(act(matrix.action, w.path, w.params, stanceFields(k.id, w.partners[4].id)), /subtable=join/);
    expect(query(joined).get("sub")).toBe(String(subId));
    expect(rows(db, "sub_coalitions")).toBe(1);
  });

  it("an affiliate's endorsement does not count towards critical mass", async () => {
    const w = world({ partners: 4, threshold: 2 });
    const [k] = w.candidates;
    stance(db, actor, w.coalition.id, k.id, w.partners[0].id, "endorsed");
    const aff = buildAffiliate(db, actor, w.coalition.id, w.partners[1].id);
    const location = await expectRedirect(act(matrix.action, w.path, w.params, stanceFields(k.id, w.partners[1].id, { affiliateId: String(aff.id) })), /recorded=/);
    expect(query(location).get("subtable")).toBeNull();
    expect(rows(db, "sub_coalitions")).toBe(0);
  });

  it("refuses bad input field by field, keeps what was typed, and writes nothing", async () => {
    const w = world();
    const before = dump(db);
    const typed = { intent: "stance", candidateId: "abc", partnerId: "", stance: "adore", decidedOn: "11/20/2026", affiliateId: "-3", decidingBody: "x".repeat(161) };
    const data = await expectInvalid(act(matrix.action, `${w.path}?state=PA`, w.params, typed), ["candidateId", "partnerId", "stance", "decidedOn", "affiliateId", "decidingBody"]);
    expect(data.errors.stance).toBe("Choose a stance.");
    expect(data.errors.decidedOn).toBe("Decision date must be a date (YYYY-MM-DD).");
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses the 501(c)(3) partner with 403 citing F1: no endorsement event, one deny row in the audit log", async () => {
    const w = world({ partners: 4, legalTypes: ["c4", "c4", "c4", "c3"], threshold: 4 });
    const [k] = w.candidates;
    const c3 = w.partners[3];
    for (const p of w.partners.slice(0, 3)) stance(db, actor, w.coalition.id, k.id, p.id, "endorsed");
    const eventsBefore = rows(db, "endorsement_events");
    const auditBefore = auditRows(db);

    const r = await settle(act(matrix.action, w.path, w.params, stanceFields(k.id, c3.id)));
    expect(r.status).toBe(403);
    const data = r.data as { errors: Record<string, string>; values: Record<string, string> };
    expect(data.errors.stance).toMatch(/F1/);
    expect(data.values).toMatchObject({ candidateId: String(k.id), partnerId: String(c3.id), stance: "endorsed" });
    expect(rows(db, "endorsement_events")).toBe(eventsBefore);
    expect(rows(db, "sub_coalitions")).toBe(0);
    const added = auditRows(db).slice(auditBefore.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: "endorsement.record", decision: "deny", rule: "F1", partnerId: c3.id });
    expect(auditRows(db).filter((a) => a.decision === "deny")).toHaveLength(1);
  });

  it("refuses a second endorsement in a one-seat race with a 400 on 'stance', and writes nothing", async () => {
    const w = world({ seats: 1 });
    const [k1, k2] = w.candidates;
    stance(db, actor, w.coalition.id, k1.id, w.partners[0].id, "endorsed");
    const before = dump(db);
    const data = await expectInvalid(act(matrix.action, w.path, w.params, stanceFields(k2.id, w.partners[0].id)), ["stance"]);
    expect(data.errors.stance).toMatch(/already endorses another candidate/);
    expect(dump(db)).toEqual(before);
  });

  it("lets a partner endorse up to `seats` candidates in a multi-seat race, and no more", async () => {
    const t = buildCoalition(db, actor);
    const p = buildPartner(db, actor, t.id);
    const race = buildRace(db, actor, t.id, { seats: 2 });
    const ks = [1, 2, 3].map(() => buildCandidate(db, actor, t.id, race.id));
    const path = `/tables/${t.id}/matrix`;
    const params = { coalitionId: String(t.id) };
    await expectRedirect(act(matrix.action, path, params, stanceFields(ks[0].id, p.id)), /recorded=/);
    await expectRedirect(act(matrix.action, path, params, stanceFields(ks[1].id, p.id)), /recorded=/);
    const data = await expectInvalid(act(matrix.action, path, params, stanceFields(ks[2].id, p.id)), ["stance"]);
    expect(data.errors.stance).toMatch(/2 seats/);
    expect(rows(db, "endorsement_events")).toBe(2);
  });

  it("refuses a partner not seated at the table and an affiliate of another partner, writing nothing", async () => {
    const w = world();
    const other = world();
    const aff = buildAffiliate(db, actor, w.coalition.id, w.partners[1].id);
    const [k] = w.candidates;
    const before = dump(db);
    await expectInvalid(act(matrix.action, w.path, w.params, stanceFields(k.id, other.partners[0].id)), ["partnerId"]);
    await expectInvalid(act(matrix.action, w.path, w.params, stanceFields(k.id, w.partners[0].id, { affiliateId: String(aff.id) })), ["affiliateId"]);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for a candidate of another table or an unknown candidate, and writes nothing", async () => {
    const w = world();
    const other = world();
    const before = dump(db);
    await expectStatus(act(matrix.action, w.path, w.params, stanceFields(other.candidates[0].id, w.partners[0].id)), 404);
    await expectStatus(act(matrix.action, w.path, w.params, stanceFields(999, w.partners[0].id)), 404);
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const w = world();
    const before = dump(db);
    await expectStatus(actWith(matrix.action, rawPost(w.path, body, type), w.params), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j, and writes nothing", async (id) => {
    const w = world();
    const before = dump(db);
    await expectStatus(act(matrix.action, `/tables/${id}/matrix`, { coalitionId: id }, stanceFields(w.candidates[0].id, w.partners[0].id)), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/matrix: search, paging, own partner first, needed", () => {
  /** Seven candidates in one race, named so the name order is plain; Echo has 3 endorsements, Delta 1. */
  function seven() {
    const t = buildCoalition(db, actor, { threshold: 4 });
    const partners = ["AA", "BB", "CC", "DD"].map((shortName) => buildPartner(db, actor, t.id, { shortName }));
    const race = buildRace(db, actor, t.id, { state: "PA", district: "07", seats: 2 });
    const names = ["Alpha Ames", "Bravo Brown", "Charlie Chen", "Delta Diaz", "Echo Evans", "Foxtrot Fox", "Golf Garcia"];
    const ks = names.map((name) => buildCandidate(db, actor, t.id, race.id, { name }));
    for (const p of partners.slice(0, 3)) stance(db, actor, t.id, ks[4].id, p.id, "endorsed");
    stance(db, actor, t.id, ks[3].id, partners[3].id, "endorsed");
    return { t, partners, race, ks, path: `/tables/${t.id}/matrix`, params: { coalitionId: String(t.id) } };
  }

  it("searches names with ?q= (any case, any part), with the other filters", async () => {
    const w = seven();
    const names = async (qs: string) => (await load(matrix.loader, `${w.path}?${qs}`, w.params)).rows.map((r) => r.name);
    expect(await names("q=ar")).toEqual(["Charlie Chen", "Golf Garcia"]);
    expect(await names("q=%20EVANS%20")).toEqual(["Echo Evans"]);
    expect(await names("q=ar&status=none")).toEqual(["Charlie Chen", "Golf Garcia"]);
    expect(await names("q=ar&state=OH")).toEqual([]);
    expect(await names("q=nobody")).toEqual([]);
    const data = await load(matrix.loader, `${w.path}?q=${"x".repeat(500)}`, w.params);
    expect(data.filter.q).toHaveLength(100);
    expect((await load(matrix.loader, `${w.path}?q=ar`, w.params)).total).toBe(2);
  });

  it("pages with keyset cursors: most endorsed first, then race, name; next and prev; the total counts every match", async () => {
    const w = seven();
    const page = (qs: string) => load(matrix.loader, `${w.path}?size=3${qs}`, w.params);
    const first = await page("");
    expect(first.rows.map((r) => r.name)).toEqual(["Echo Evans", "Delta Diaz", "Alpha Ames"]);
    expect(first).toMatchObject({ total: 7, prev: null });
    expect(first.next).toEqual(expect.any(String));
    const second = await page(`&page=${first.next}`);
    expect(second.rows.map((r) => r.name)).toEqual(["Bravo Brown", "Charlie Chen", "Foxtrot Fox"]);
    const third = await page(`&page=${second.next}`);
    expect(third.rows.map((r) => r.name)).toEqual(["Golf Garcia"]);
    expect(third.next).toBeNull();
    expect(third.total).toBe(7);
    const back = await page(`&page=${third.prev}`);
    expect(back.rows.map((r) => r.name)).toEqual(second.rows.map((r) => r.name));
    const start = await page(`&page=${second.prev}`);
    expect(start.rows.map((r) => r.name)).toEqual(first.rows.map((r) => r.name));
    expect(start.prev).toBeNull();
    // the filters and the cursor go together: a search pages within its matches
    const searched = await load(matrix.loader, `${w.path}?size=1&q=ar`, w.params);
    expect(searched.rows.map((r) => r.name)).toEqual(["Charlie Chen"]);
    expect((await load(matrix.loader, `${w.path}?size=1&q=ar&page=${searched.next}`, w.params)).rows.map((r) => r.name)).toEqual(["Golf Garcia"]);
  });

  it("reads a junk or foreign cursor, and a junk size, as the first page", async () => {
    const w = seven();
    const foreign = encodeCursor({ dir: "after", key: ["x", 1] });
    const wrongTypes = encodeCursor({ dir: "after", key: ["3", 1, 2, "x"] });
    for (const qs of ["page=junk", "page=%00%01", `page=${"A".repeat(600)}`, `page=${foreign}`, `page=${wrongTypes}`, "page=", "size=abc", "size=-4", "size=0"]) {
      const r = await settle(load(matrix.loader, `${w.path}?${qs}`, w.params));
      expect(r.status, qs).toBe(200);
      const data = r.data as Awaited<ReturnType<typeof matrix.loader>>;
      expect(data.rows[0].name, qs).toBe("Echo Evans");
      expect(data.prev, qs).toBeNull();
    }
    // at most 200 rows a page, whatever is asked
    expect((await load(matrix.loader, `${w.path}?size=100000`, w.params)).rows).toHaveLength(7);
  });

  it("says how many more endorsements each candidate needs: max(0, threshold - count)", async () => {
    const w = seven();
    stance(db, actor, w.t.id, w.ks[4].id, w.partners[3].id, "endorsed");
    const data = await load(matrix.loader, w.path, w.params);
    const byName = new Map(data.rows.map((r) => [r.name, r]));
    expect(byName.get("Echo Evans")).toMatchObject({ count: 4, needed: 0 });
    expect(byName.get("Delta Diaz")).toMatchObject({ count: 1, needed: 3 });
    expect(byName.get("Alpha Ames")).toMatchObject({ count: 0, needed: 4 });
    expect(data.coalition.threshold).toBe(4);
  });

  it("keeps a stance's redirect on the filters, the search and the page", async () => {
    const w = seven();
    const first = await load(matrix.loader, `${w.path}?size=3`, w.params);
    const location = await expectRedirect(act(matrix.action, `${w.path}?q=a&status=none&page=${first.next}&cell=1-2`, w.params, stanceFields(w.ks[0].id, w.partners[0].id, { stance: "considering" })), /recorded=/);
    const q = query(location);
    expect(q.get("q")).toBe("a");
    expect(q.get("status")).toBe("none");
    expect(q.get("page")).toBe(first.next);
    expect(q.get("cell")).toBeNull();
  });

  it("answers a stance recorded in place (inplace=1) with what happened, not a redirect; a refusal as today", async () => {
    const w = world({ partners: 4, legalTypes: ["c4", "c4", "c4", "c3"], threshold: 2 });
    const [k] = w.candidates;
    stance(db, actor, w.coalition.id, k.id, w.partners[0].id, "endorsed");
    const r = await settle(act(matrix.action, w.path, w.params, stanceFields(k.id, w.partners[1].id, { inplace: "1" })));
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ intent: "stance", ok: true, candidateId: k.id, partnerId: w.partners[1].id, stance: "endorsed", subtable: "form", sub: expect.any(Number) });
    const after = await load(matrix.loader, w.path, w.params);
    expect(after.rows.find((row) => row.id === k.id)).toMatchObject({ count: 2, needed: 0 });
    const refused = await settle(act(matrix.action, w.path, w.params, stanceFields(k.id, w.partners[3].id, { inplace: "1" })));
    expect(refused.status).toBe(403);
    expect((refused.data as { errors: Record<string, string> }).errors.stance).toMatch(/F1/);
  });

  it("puts the viewer's own partner first, marked own; everyone else's by short name", async () => {
    const { db: rdb, w } = roleWorld("otherRep");
    const path = `/tables/${w.coalitionId}/matrix`;
    const params = { coalitionId: String(w.coalitionId) };
    const mine = await load(matrix.loader, path, params);
    expect(mine.partners.map((p) => [p.shortName, p.own])).toEqual([
      ["QUEB", true],
      ["PAPA", false],
      ["RMEO", false],
      ["VICT", false],
    ]);
    expect(mine.recordable).toEqual([w.otherPartnerId]);
    const row = await load(matrix.loader, `${path}?cell=${w.otherCandidateId}`, params);
    expect(row.cell).toMatchObject({ partner: { id: w.otherPartnerId }, choices: [] });
    expect((await load(matrix.loader, `${path}?cell=${w.otherCandidateId}-${w.partnerId}`, params)).cell).toBeNull();
    signAs(rdb, w, "facilitator");
    const facilitator = await load(matrix.loader, path, params);
    expect(facilitator.partners.map((p) => p.shortName)).toEqual(["PAPA", "QUEB", "RMEO", "VICT"]);
    expect(facilitator.partners.every((p) => !p.own)).toBe(true);
  });
});

describe("/tables/:id/matrix.csv", () => {
  async function csvOf(path: string, params: Record<string, string>) {
    const res = (await load(matrixCsv.loader, path, params)) as unknown as Response;
    expect(res.status).toBe(200);
    return { res, text: await res.text() };
  }
  const lines = (text: string) => text.split("\r\n").filter(Boolean);
  /** One CSV line's cells. */
  const cells = (line: string) => (parse(line) as string[][])[0];

  it("streams the filtered matrix as CSV: a header with the partners, one line per candidate in the page's order", async () => {
    const w = world({ partners: 3, candidates: 2, threshold: 2 });
    const ohRace = buildRace(db, actor, w.coalition.id, { state: "OH", district: "03" });
    const oh0 = buildCandidate(db, actor, w.coalition.id, ohRace.id, { name: "=HYPERLINK(1)" });
    const [pa0, pa1] = w.candidates;
    stance(db, actor, w.coalition.id, pa0.id, w.partners[0].id, "endorsed");
    stance(db, actor, w.coalition.id, pa1.id, w.partners[1].id, "considering");
    const params = w.params;
    const { res, text } = await csvOf(`/tables/${w.coalition.id}/matrix.csv`, params);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="matrix-table-${w.coalition.id}.csv"`);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.body).toBeInstanceOf(ReadableStream);
    const [head, ...body] = lines(text);
    const shorts = [...w.partners].map((p) => p.shortName).sort((a, b) => a.localeCompare(b));
    expect(head).toBe(["Candidate", "Party", "Race", "State", "Primary date", "Endorsing partners", "Threshold", "More needed", "Affiliate endorsements", ...shorts].join(","));
    expect(body).toHaveLength(3);
    expect(body[0]).toMatch(new RegExp(`^${pa0.name},Democratic,`));
    expect(cells(body[0]).slice(5, 9)).toEqual(["1", "2", "1", "0"]);
    expect(cells(body[0])).toHaveLength(9 + 3);
    expect(body[0]).toContain("Endorsed");
    expect(body.some((l) => l.includes("Considering"))).toBe(true);
    // a name a spreadsheet would run as a formula is defused
    expect(body.find((l) => l.includes("HYPERLINK"))).toMatch(/^'=HYPERLINK\(1\)/);
    // the page's filters: state, race, status, name search
    const ids = async (qs: string) => lines((await csvOf(`/tables/${w.coalition.id}/matrix.csv?${qs}`, params)).text).slice(1).map((l) => cells(l)[0]);
    expect(await ids("state=oh")).toEqual(["'=HYPERLINK(1)"]);
    expect(await ids(`race=${w.race.id}`)).toEqual([pa0.name, pa1.name]);
    expect(await ids("status=any_endorsement")).toEqual([pa0.name]);
    expect(await ids(`q=${encodeURIComponent(pa1.name.slice(-3))}`)).toContain(pa1.name);
    expect(await ids("status=bogus&race=abc&page=junk")).toHaveLength(3);
    expect((await csvOf(`/tables/${w.coalition.id}/matrix.csv?state=OH`, params)).res.headers.get("Content-Disposition")).toContain("-OH.csv");
    void oh0;
  });

  it("streams in chunks: many rows come through whole, in order", async () => {
    const t = buildCoalition(db, actor);
    const p = buildPartner(db, actor, t.id, { shortName: "ONE" });
    const race = buildRace(db, actor, t.id, { seats: 3 });
    const names = Array.from({ length: 450 }, (_, i) => `Cand ${String(i).padStart(3, "0")}`);
    for (const name of names) buildCandidate(db, actor, t.id, race.id, { name });
    stance(db, actor, t.id, (await load(matrix.loader, `/tables/${t.id}/matrix?q=Cand%20449`, { coalitionId: String(t.id) })).rows[0].id, p.id, "endorsed");
    const res = (await load(matrixCsv.loader, `/tables/${t.id}/matrix.csv`, { coalitionId: String(t.id) })) as unknown as Response;
    const reader = res.body!.getReader();
    let chunks = 0;
    let text = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks++;
      text += new TextDecoder().decode(r.value);
    }
    expect(chunks).toBeGreaterThan(2);
    const body = lines(text).slice(1).map((l) => l.split(",")[0]);
    expect(body).toEqual(["Cand 449", ...names.slice(0, 449)]);
  });

  it("carries no campaign-sourced information: not the notes, not the profile", async () => {
    const w = world({ partners: 2, candidates: 1 });
    const [k] = w.candidates;
    stance(db, actor, w.coalition.id, k.id, w.partners[0].id, "endorsed", { note: "CAMPAIGN-SECRET plans shared by the campaign", noteSource: "campaign" });
    buildProfileItem(db, actor, w.coalition.id, k.id, { body: "CAMPAIGN-SECRET field plan", sourceKind: "campaign" });
    const { text } = await csvOf(`${w.path.replace(/matrix$/, "matrix.csv")}`, w.params);
    expect(text).not.toContain("CAMPAIGN-SECRET");
    expect(text).toContain(k.name);
  });

  it("is for whoever may see the matrix: the same access rule as the page", async () => {
    const { db: rdb, w } = roleWorld("noRole");
    const path = `/tables/${w.coalitionId}/matrix.csv`;
    const params = { coalitionId: String(w.coalitionId) };
    await expectStatus(load(matrixCsv.loader, path, params), 403);
    await expectStatus(load(matrix.loader, `/tables/${w.coalitionId}/matrix`, params), 403);
    signAs(rdb, w, "otherFacilitator");
    await expectStatus(load(matrixCsv.loader, path, params), 403);
    signAs(rdb, w, "out");
    const out = await settle(load(matrixCsv.loader, path, params));
    expect(out.status).toBe(302);
    signAs(rdb, w, "otherRep");
    const { text } = await csvOf(path, params);
    expect(lines(text)[0]).toMatch(/,QUEB,PAPA,RMEO,VICT$/);
    // an unknown table answers as the page does
    const page = await settle(load(matrix.loader, `/tables/999/matrix`, { coalitionId: "999" }));
    expect((await settle(load(matrixCsv.loader, `/tables/999/matrix.csv`, { coalitionId: "999" }))).status).toBe(page.status);
  });
});
