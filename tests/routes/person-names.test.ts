import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as cyclesPage from "~/routes/tables.$coalitionId.candidates.$candidateId.cycles";
import { testActor } from "../db";
import { buildCandidate, buildCoalition, buildProfileItem, buildRace } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { freshDb, rows } from "./support";

let db: Db;
let actor: Actor;
let w: { t24: number; robert24: number; t26: number; bob26: number };

beforeEach(() => {
  ({ db, actor } = freshDb());
  const t24 = buildCoalition(db, actor, { name: "Table 2024", cycle: 2024 }).id;
  const robert24 = buildCandidate(db, actor, t24, buildRace(db, actor, t24, { district: "03", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id, { name: "Robert Hale" }).id;
  buildProfileItem(db, actor, t24, robert24, { kind: "strength", body: "Strong with building trades (our interviews).", sourceKind: "research" });
  const t26 = buildCoalition(db, actor, { name: "Table 2026", cycle: 2026 }).id;
  const bob26 = buildCandidate(db, actor, t26, buildRace(db, actor, t26, { district: "03", primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id, { name: "Bob Hale" }).id;
  w = { t24, robert24, t26, bob26 };
});

const at = (coalitionId: number, candidateId: number, query = "") => ({ path: `/tables/${coalitionId}/candidates/${candidateId}/cycles${query}`, params: { coalitionId: String(coalitionId), candidateId: String(candidateId) } });

describe("finding a returning candidate under another name", () => {
  it("the facilitator records the other name, finds the earlier candidacy by it, links it and starts from the last profile", async () => {
    const old = at(w.t24, w.robert24);
    await expectRedirect(act(cyclesPage.action, old.path, old.params, { intent: "add-name", name: "Bob Hale" }), /#other-names$/);
    expect((await load(cyclesPage.loader, old.path, old.params)).names.map((n) => n.name)).toEqual(["Bob Hale"]);
    const now = at(w.t26, w.bob26, "?q=bob");
    const page = await load(cyclesPage.loader, now.path, now.params);
    // no same-name suggestion (the names differ), but the search finds Robert by his other name
    expect(page.sameName).toEqual([]);
    expect(page.search?.rows).toEqual([expect.objectContaining({ candidateId: w.robert24, name: "Robert Hale", matchedName: "Bob Hale", viaOtherName: true, cycle: 2024 })]);
    await expectRedirect(act(cyclesPage.action, now.path, now.params, { intent: "link", otherCandidateId: String(w.robert24) }), /cycles$/);
    const linked = await load(cyclesPage.loader, now.path, now.params);
    expect(linked.previous?.candidateId).toBe(w.robert24);
    expect(linked.names.map((n) => n.name)).toEqual(["Bob Hale"]);
    await expectRedirect(act(cyclesPage.action, now.path, now.params, { intent: "copy" }), /copied=1$/);
  });

  it("bad names are refused by the field, unknown names are 404, and only the facilitator writes", async () => {
    const old = at(w.t24, w.robert24);
    const before = rows(db, "person_names");
    await expectInvalid(act(cyclesPage.action, old.path, old.params, { intent: "add-name", name: " " }), ["name"]);
    const same = await expectInvalid(act(cyclesPage.action, old.path, old.params, { intent: "add-name", name: "robert hale" }), ["name"]);
    expect(same.values.name).toBe("robert hale");
    await expectStatus(act(cyclesPage.action, old.path, old.params, { intent: "remove-name", nameId: "999" }), 404);
    expect(rows(db, "person_names")).toBe(before);
    // a search of one letter finds nothing and says so
    const short = await load(cyclesPage.loader, at(w.t26, w.bob26, "?q=b").path, at(w.t26, w.bob26).params);
    expect(short.search?.rows).toEqual([]);
    signInAs(db, testActor(db, "Nora Norole").id);
    await expectStatus(act(cyclesPage.action, old.path, old.params, { intent: "add-name", name: "Bob" }), 403);
  });
});
