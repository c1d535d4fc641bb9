/**
 * Issue 13: the race form at each level of table. A state-legislative table names a chamber
 * and a district as the state writes it; a municipal table a city or county and a ward,
 * district or at-large seat; a federal table's districts are checked against House seats.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as racesIndex from "~/routes/tables.$coalitionId.races._index";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import { buildCoalition, buildRace } from "../factories";
import { act, expectInvalid, expectRedirect, load } from "./helpers";
import { dump, freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const dates = { seats: "1", primaryDate: "2026-08-11", generalDate: "2026-11-03", incumbent: "", timeZone: "" };
const post = (coalitionId: number, fields: Record<string, string>) => act(racesIndex.action, `/tables/${coalitionId}/races`, { coalitionId: String(coalitionId) }, { intent: "create", ...dates, ...fields });
const stored = (location: string) => db.query.races.findFirst({ where: (r, { eq }) => eq(r.id, Number(location.split("/").pop())) }).sync()!;

describe("a federal table's race form", () => {
  it("writes the district normalized and refuses one past the state's House seats, writing nothing", async () => {
    const c = buildCoalition(db, actor);
    const at = await expectRedirect(post(c.id, { office: "U.S. House", state: "pa", district: "7" }), /races\/\d+$/);
    expect(stored(at)).toMatchObject({ state: "PA", district: "07", chamber: null, locality: null, primaryKind: "partisan" });
    const before = dump(db);
    const data = await expectInvalid(post(c.id, { office: "U.S. House", state: "PA", district: "19" }), ["district"]);
    expect(data.errors.district).toBe("Pennsylvania has 17 congressional districts: write a number from 1 to 17.");
    expect(data.values.district).toBe("19");
    expect(dump(db)).toEqual(before);
  });
});

describe("a state-legislative table's race form", () => {
  it("takes a lettered district in the lower chamber and a multi-member district, labelled as the state writes them", async () => {
    const c = buildCoalition(db, actor, { level: "state_legislative" });
    const at = await expectRedirect(post(c.id, { office: "Minnesota House", state: "MN", chamber: "lower", district: "34a", seatKind: "district" }), /races\/\d+$/);
    expect(stored(at)).toMatchObject({ state: "MN", chamber: "lower", district: "34A", seatKind: "district", locality: null });
    const multi = await expectRedirect(post(c.id, { office: "General Assembly", state: "NJ", chamber: "lower", district: "29", seats: "2" }), /races\/\d+$/);
    expect(stored(multi).seats).toBe(2);
    const page = await load(racePage.loader, at, { coalitionId: String(c.id), raceId: at.split("/").pop()! });
    expect(page.race.label).toBe("Minnesota House, MN district 34A");
    expect(page.level).toBe("state_legislative");
    const list = await load(racesIndex.loader, `/tables/${c.id}/races`, { coalitionId: String(c.id) });
    expect(list.races.map((r) => r.label).sort()).toEqual(["General Assembly, NJ district 29", "Minnesota House, MN district 34A"]);
  });

  it("the same district number in the other chamber is another race; in the same chamber a clash", async () => {
    const c = buildCoalition(db, actor, { level: "state_legislative" });
    await expectRedirect(post(c.id, { office: "Legislature", state: "MN", chamber: "lower", district: "34A" }), /races\/\d+$/);
    await expectRedirect(post(c.id, { office: "Legislature", state: "MN", chamber: "upper", district: "34A" }), /races\/\d+$/);
    const data = await expectInvalid(post(c.id, { office: "Legislature", state: "MN", chamber: "lower", district: "034a" }), ["office"]);
    expect(data.errors.office).toMatch(/already has this office/);
  });

  it("refuses a four-digit district, a missing chamber and a House district for Nebraska, each on its field", async () => {
    const c = buildCoalition(db, actor, { level: "state_legislative" });
    const before = dump(db);
    expect((await expectInvalid(post(c.id, { office: "House", state: "PA", chamber: "lower", district: "1900" }), ["district"])).errors.district).toBe(
      "A numbered district has at most three digits (like 7, 190 or 34A).",
    );
    expect((await expectInvalid(post(c.id, { office: "House", state: "PA", district: "190" }), ["chamber"])).errors.chamber).toMatch(/Choose the chamber/);
    expect((await expectInvalid(post(c.id, { office: "Legislature", state: "NE", chamber: "lower", district: "12" }), ["chamber"])).errors.chamber).toMatch(/one chamber/);
    expect(dump(db)).toEqual(before);
  });

  it("the model checks the level too: a congressional-style race is refused at a state-legislative table", () => {
    const c = buildCoalition(db, actor, { level: "state_legislative" });
    expect(() => buildRace(db, actor, c.id, { state: "PA", district: "07" })).toThrow(/Choose the chamber/);
  });
});

describe("a municipal table's race form", () => {
  it("takes a ward seat and an at-large seat with no primary, labelled with the city", async () => {
    const c = buildCoalition(db, actor, { level: "municipal" });
    const ward = await expectRedirect(post(c.id, { office: "City Council", state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward", district: "Ward 5", primaryKind: "nonpartisan" }), /races\/\d+$/);
    expect(stored(ward)).toMatchObject({ locality: "Chicago", localityKind: "city", seatKind: "ward", district: "5", primaryKind: "nonpartisan" });
    const atLarge = await expectRedirect(
      post(c.id, { office: "City Council", state: "IL", localityKind: "city", locality: "Evanston", seatKind: "at_large", district: "", seats: "3", primaryKind: "none", primaryDate: "" }),
      /races\/\d+$/,
    );
    // no primary: the first election is the general, and there is no primary window
    expect(stored(atLarge)).toMatchObject({ primaryKind: "none", primaryDate: "2026-11-03", seats: 3, district: null });
    const page = await load(racePage.loader, atLarge, { coalitionId: String(c.id), raceId: atLarge.split("/").pop()! });
    expect(page.race.label).toBe("City Council, Evanston, IL, at-large");
    expect(page.windows.map((w) => w.kind)).toEqual(["general"]);
    // the same ward number in another city is another race
    await expectRedirect(post(c.id, { office: "City Council", state: "IL", localityKind: "city", locality: "Evanston", seatKind: "ward", district: "5", primaryKind: "nonpartisan" }), /races\/\d+$/);
  });

  it("refuses a ward seat without its ward and an at-large seat with one, keeping what was typed", async () => {
    const c = buildCoalition(db, actor, { level: "municipal" });
    const before = dump(db);
    const typed = { office: "City Council", state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward", district: "" };
    expect((await expectInvalid(post(c.id, typed), ["district"])).errors.district).toBe("Give the ward, like 5 or 12B.");
    const atLarge = await expectInvalid(post(c.id, { ...typed, seatKind: "at_large", district: "5" }), ["district"]);
    expect(atLarge.errors.district).toBe("An at-large seat has no ward or district: leave it empty.");
    expect(atLarge.values).toMatchObject({ locality: "Chicago", seatKind: "at_large" });
    expect(dump(db)).toEqual(before);
  });

  it("edits a ward race on its page with the municipal fields", async () => {
    const c = buildCoalition(db, actor, { level: "municipal" });
    const race = buildRace(db, actor, c.id, { office: "City Council", state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward", district: "5" });
    const params = { coalitionId: String(c.id), raceId: String(race.id) };
    await expectRedirect(
      act(racePage.action, `/tables/${c.id}/races/${race.id}`, params, { intent: "update", ...dates, office: "City Council", state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward", district: "12B" }),
      /\?saved$/,
    );
    expect((await load(racePage.loader, `/tables/${c.id}/races/${race.id}`, params)).race.label).toBe("City Council, Chicago, IL, Ward 12B");
  });
});
