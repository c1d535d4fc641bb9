import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as subTables from "~/routes/tables.$coalitionId.sub-tables._index";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildRace, buildTableWithRace, stance } from "../factories";
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
    expect(data.rows[0]).toMatchObject({ count: 2, stances: { [w.partners[0].id]: "endorsed", [w.partners[1].id]: "endorsed" } });
    expect(data.states).toEqual(["OH", "PA"]);
    // the model offers the races of the chosen state only (issue 11: bounded lists)
    expect(data.races).toEqual([]);
    expect((await load(matrix.loader, `${w.path}?state=PA`, w.params)).races).toHaveLength(1);
    expect(data.total).toBe(3);
    expect(data.filter).toEqual({ state: null, raceId: null, status: null });
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
    expect(data.filter).toEqual({ state: null, raceId: null, status: null });
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
      current: "endorsed",
      // the instance admin is not one of the partner's own people, so cannot mark its note private
      canPrivate: false,
    });
    const empty = await load(matrix.loader, `${w.path}?cell=${w.pa1.id}-${w.partners[0].id}`, w.params);
    expect(empty.cell).toMatchObject({ candidate: { id: w.pa1.id }, partner: { id: w.partners[0].id }, current: null });
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
