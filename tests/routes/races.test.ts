import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { races } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import * as racesIndex from "~/routes/tables.$coalitionId.races._index";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import { buildCandidate, buildCoalition, buildPartner, buildRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load } from "./helpers";
import { actWith, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const raceFields = (over: Record<string, string> = {}) => ({
  intent: "create",
  office: "U.S. House",
  state: "pa",
  district: "7",
  seats: "1",
  primaryDate: "2027-05-18",
  generalDate: "2027-11-02",
  incumbent: "",
  timeZone: "",
  ...over,
});

const candidateFields = (over: Record<string, string> = {}) => ({
  intent: "candidate",
  name: "Alex Rivera",
  party: "Democratic",
  incumbency: "challenger",
  bio: "Nurse and union steward.",
  bioSourceKind: "research",
  website: "https://rivera.example.org",
  socialLinks: "https://social.example.org/rivera",
  ...over,
});

function raceRow(id: number) {
  return db.query.races.findFirst({ where: (r, { eq }) => eq(r.id, id) }).sync();
}

describe("/tables/:id/races loader", () => {
  it("lists the table's races, with the states, filtered by ?state= in any case", async () => {
    const c = buildCoalition(db, actor);
    const pa = buildRace(db, actor, c.id, { state: "PA" });
    const oh = buildRace(db, actor, c.id, { state: "OH" });
    buildCandidate(db, actor, c.id, pa.id);
    buildRace(db, actor, buildCoalition(db, actor).id, { state: "PA" });
    const params = { coalitionId: String(c.id) };
    const all = await load(racesIndex.loader, `/tables/${c.id}/races`, params);
    expect(all.races.map((r) => r.id).sort()).toEqual([pa.id, oh.id].sort());
    expect(all.states).toEqual(["OH", "PA"]);
    expect(all.races.find((r) => r.id === pa.id)).toMatchObject({ candidateCount: 1, label: `U.S. House, PA-${pa.district}` });
    const filtered = await load(racesIndex.loader, `/tables/${c.id}/races?state=pa`, params);
    expect(filtered.state).toBe("PA");
    expect(filtered.races.map((r) => r.id)).toEqual([pa.id]);
    expect((await load(racesIndex.loader, `/tables/${c.id}/races?state=%00%FF`, params)).races).toEqual([]);
  });

  it("pages the races (upcoming soonest first, then passed, the latest first) with keyset cursors and a total; a junk cursor reads as the first page", async () => {
    const c = buildCoalition(db, actor);
    const today = new Date().toISOString().slice(0, 10);
    const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const made = [30, -40, 5, -3, 200, 90, -400].map((d, i) => buildRace(db, actor, c.id, { state: i % 2 ? "OH" : "PA", district: String(10 + i), primaryDate: shift(d), generalDate: shift(Math.max(d, 0) + 500) }));
    const params = { coalitionId: String(c.id) };
    const whole = await load(racesIndex.loader, `/tables/${c.id}/races?size=100`, params);
    const byDays = (d: number) => made[[30, -40, 5, -3, 200, 90, -400].indexOf(d)].id;
    expect(whole.races.map((r) => r.id)).toEqual([5, 30, 90, 200, -3, -40, -400].map(byDays));
    expect(whole.races[0].primaryDate >= today).toBe(true);
    expect(whole.total).toBe(7);
    const seen: number[] = [];
    const pages: { prev: string | null; ids: number[] }[] = [];
    let next: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof racesIndex.loader>> = await load(racesIndex.loader, `/tables/${c.id}/races?size=3${next ? `&page=${next}` : ""}`, params);
      expect(page.total).toBe(7);
      pages.push({ prev: page.prev, ids: page.races.map((r) => r.id) });
      seen.push(...page.races.map((r) => r.id));
      next = page.next;
    } while (next);
    expect(seen).toEqual(whole.races.map((r) => r.id));
    expect(pages).toHaveLength(3);
    // back from the last page crosses from passed races into upcoming ones
    const back = await load(racesIndex.loader, `/tables/${c.id}/races?size=3&page=${pages[2].prev}`, params);
    expect(back.races.map((r) => r.id)).toEqual(pages[1].ids);
    expect((await load(racesIndex.loader, `/tables/${c.id}/races?size=3&page=not-a-cursor`, params)).races.map((r) => r.id)).toEqual(pages[0].ids);
    const oh = await load(racesIndex.loader, `/tables/${c.id}/races?state=OH&size=2`, params);
    expect(oh.total).toBe(3);
    expect(oh.races.every((r) => r.state === "OH")).toBe(true);
    const ohNext = await load(racesIndex.loader, `/tables/${c.id}/races?state=OH&size=2&page=${oh.next}`, params);
    expect(ohNext.races).toHaveLength(1);
    expect(ohNext.next).toBeNull();
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    buildCoalition(db, actor);
    await expectStatus(load(racesIndex.loader, `/tables/${id}/races`, { coalitionId: id }), 404);
  });
});

describe("/tables/:id/races action (create)", () => {
  it("creates the race and redirects to it; the time zone defaults from the state", async () => {
    const c = buildCoalition(db, actor);
    const location = await expectRedirect(
      act(racesIndex.action, `/tables/${c.id}/races`, { coalitionId: String(c.id) }, raceFields()),
      new RegExp(`^/tables/${c.id}/races/\\d+$`),
    );
    expect(raceRow(Number(location.split("/").pop()))).toMatchObject({
      coalitionId: c.id,
      office: "U.S. House",
      state: "PA",
      district: "07",
      seats: 1,
      primaryDate: "2027-05-18",
      timeZone: "America/New_York",
    });
  });

  it("refuses bad input field by field, keeps what was typed, and writes nothing", async () => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    const typed = raceFields({ office: "", state: "ZZ", district: "seven", seats: "0", primaryDate: "2027-02-30", generalDate: "soon", timeZone: "Mars/Olympus_Mons" });
    // the district is checked against the state's House seats once the state is known (issue 13): see the level tests
    const data = await expectInvalid(act(racesIndex.action, `/tables/${c.id}/races`, { coalitionId: String(c.id) }, typed), [
      "office",
      "state",
      "seats",
      "primaryDate",
      "generalDate",
      "timeZone",
    ]);
    expect(data.errors.primaryDate).toBe("Primary date must be a date (YYYY-MM-DD).");
    expect(data.errors.seats).toBe("Seats must be from 1 to 20.");
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("refuses a general election before the primary", async () => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    const data = await expectInvalid(
      act(racesIndex.action, `/tables/${c.id}/races`, { coalitionId: String(c.id) }, raceFields({ primaryDate: "2027-05-18", generalDate: "2027-05-17" })),
      ["generalDate"],
    );
    expect(data.errors.generalDate).toMatch(/on or after the primary/);
    expect(dump(db)).toEqual(before);
  });

  it.each([
    ["a district race", "7", "07"],
    ["a statewide race (no district, which the unique index alone cannot catch)", "", null],
  ])("answers a duplicate of %s with a field error, not a 500", async (_what, typed, stored) => {
    const c = buildCoalition(db, actor);
    buildRace(db, actor, c.id, { office: "U.S. House", state: "PA", district: stored });
    const before = dump(db);
    const data = await expectInvalid(
      act(racesIndex.action, `/tables/${c.id}/races`, { coalitionId: String(c.id) }, raceFields({ district: typed })),
      ["office"],
    );
    expect(data.errors.office).toMatch(/already has this office/);
    expect(dump(db)).toEqual(before);
  });

  it("allows the same race at another table", async () => {
    const c = buildCoalition(db, actor);
    buildRace(db, actor, buildCoalition(db, actor).id, { office: "U.S. House", state: "PA", district: "07" });
    await expectRedirect(act(racesIndex.action, `/tables/${c.id}/races`, { coalitionId: String(c.id) }, raceFields()), /races\/\d+$/);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(actWith(racesIndex.action, rawPost(`/tables/${c.id}/races`, body, type), { coalitionId: String(c.id) }), 400);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    buildCoalition(db, actor);
    const before = dump(db);
    await expectStatus(act(racesIndex.action, `/tables/${id}/races`, { coalitionId: id }, raceFields()), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/races/:raceId loader", () => {
  it("loads the race with its candidates and whether it is split", async () => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id);
    const [x, y] = [buildCandidate(db, actor, c.id, race.id), buildCandidate(db, actor, c.id, race.id)];
    const [p, q] = [buildPartner(db, actor, c.id), buildPartner(db, actor, c.id)];
    stance(db, actor, c.id, x.id, p.id, "endorsed");
    stance(db, actor, c.id, y.id, q.id, "endorsed");
    const params = { coalitionId: String(c.id), raceId: String(race.id) };
    const data = await load(racePage.loader, `/tables/${c.id}/races/${race.id}`, params);
    expect(data.race).toMatchObject({ id: race.id, label: `U.S. House, PA-${race.district}` });
    expect(data.candidates.map((k) => k.id).sort()).toEqual([x.id, y.id].sort());
    expect(data.split?.raceId).toBe(race.id);
    expect(data.threshold).toBe(4);
    expect((await load(racePage.loader, `/tables/${c.id}/races/${race.id}?saved`, params)).saved).toBe(true);
  });

  it.each(BAD_IDS)("is a 404 for race id %j", async (id) => {
    const c = buildCoalition(db, actor);
    buildRace(db, actor, c.id);
    await expectStatus(load(racePage.loader, `/tables/${c.id}/races/${id}`, { coalitionId: String(c.id), raceId: id }), 404);
  });

  it.each(BAD_IDS)("is a 404 for table id %j", async (id) => {
    const race = buildRace(db, actor, buildCoalition(db, actor).id);
    await expectStatus(load(racePage.loader, `/tables/${id}/races/${race.id}`, { coalitionId: id, raceId: String(race.id) }), 404);
  });

  it("is a 404 for a race of another table", async () => {
    const a = buildCoalition(db, actor);
    const theirs = buildRace(db, actor, buildCoalition(db, actor).id);
    await expectStatus(load(racePage.loader, `/tables/${a.id}/races/${theirs.id}`, { coalitionId: String(a.id), raceId: String(theirs.id) }), 404);
  });
});

describe("/tables/:id/races/:raceId action: update the race", () => {
  it("saves and redirects back with ?saved", async () => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id, { district: "03" });
    const fields = raceFields({ intent: "update", office: "U.S. Senate", district: "", seats: "2", incumbent: "Pat Doe", timeZone: "America/Chicago" });
    await expectRedirect(
      act(racePage.action, `/tables/${c.id}/races/${race.id}`, { coalitionId: String(c.id), raceId: String(race.id) }, fields),
      new RegExp(`^/tables/${c.id}/races/${race.id}\\?saved$`),
    );
    expect(raceRow(race.id)).toMatchObject({ office: "U.S. Senate", district: null, seats: 2, incumbent: "Pat Doe", timeZone: "America/Chicago" });
  });

  it("treats a form without an intent as the race form", async () => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id);
    const { intent: _i, ...fields } = raceFields({ incumbent: "Someone" });
    await expectRedirect(act(racePage.action, `/tables/${c.id}/races/${race.id}`, { coalitionId: String(c.id), raceId: String(race.id) }, fields), /\?saved$/);
  });

  it("refuses bad input and changes nothing", async () => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id);
    const before = dump(db);
    const typed = raceFields({ intent: "update", seats: "21", primaryDate: "", district: "0" });
    const data = await expectInvalid(
      act(racePage.action, `/tables/${c.id}/races/${race.id}`, { coalitionId: String(c.id), raceId: String(race.id) }, typed),
      ["seats", "primaryDate", "district"],
    );
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it("answers a clash with another race of the table with a field error, not a 500", async () => {
    const c = buildCoalition(db, actor);
    buildRace(db, actor, c.id, { office: "U.S. House", state: "PA", district: "07" });
    const race = buildRace(db, actor, c.id, { office: "U.S. House", state: "PA", district: "08" });
    const before = dump(db);
    await expectInvalid(
      act(racePage.action, `/tables/${c.id}/races/${race.id}`, { coalitionId: String(c.id), raceId: String(race.id) }, raceFields({ intent: "update", district: "7" })),
      ["office"],
    );
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("answers a %s body with 400", async (_what, body, type) => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id);
    const before = dump(db);
    await expectStatus(actWith(racePage.action, rawPost(`/tables/${c.id}/races/${race.id}`, body, type), { coalitionId: String(c.id), raceId: String(race.id) }), 400);
    expect(dump(db)).toEqual(before);
  });
});

describe("/tables/:id/races/:raceId action: intent=candidate", () => {
  it("creates the candidate in the race, with its first revision, and redirects to the profile", async () => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id);
    const location = await expectRedirect(
      act(racePage.action, `/tables/${c.id}/races/${race.id}`, { coalitionId: String(c.id), raceId: String(race.id) }, candidateFields()),
      new RegExp(`^/tables/${c.id}/candidates/\\d+$`),
    );
    const id = Number(location.split("/").pop());
    const row = db.query.candidates.findFirst({ where: (k, { eq }) => eq(k.id, id) }).sync();
    expect(row).toMatchObject({ raceId: race.id, name: "Alex Rivera", party: "Democratic", incumbency: "challenger" });
    expect(rows(db, "profile_revisions")).toBe(1);
  });

  it("refuses bad input field by field, keeps what was typed, and writes nothing", async () => {
    const c = buildCoalition(db, actor);
    const race = buildRace(db, actor, c.id);
    const before = dump(db);
    const typed = candidateFields({ name: "", party: "", incumbency: "emperor", website: "rivera.example.org", socialLinks: "not a link" });
    const data = await expectInvalid(
      act(racePage.action, `/tables/${c.id}/races/${race.id}`, { coalitionId: String(c.id), raceId: String(race.id) }, typed),
      ["name", "party", "incumbency", "website", "socialLinks"],
    );
    expect(data.errors.incumbency).toBe("Choose incumbent, challenger or open seat.");
    expect(data.values).toMatchObject(typed);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for race id %j, and writes nothing", async (id) => {
    const c = buildCoalition(db, actor);
    buildRace(db, actor, c.id);
    const before = dump(db);
    const params = { coalitionId: String(c.id), raceId: id };
    await expectStatus(act(racePage.action, `/tables/${c.id}/races/${id}`, params, candidateFields()), 404);
    await expectStatus(act(racePage.action, `/tables/${c.id}/races/${id}`, params, raceFields({ intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });

  it.each(BAD_IDS)("is a 404 for table id %j, and writes nothing", async (id) => {
    const race = buildRace(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    const params = { coalitionId: id, raceId: String(race.id) };
    await expectStatus(act(racePage.action, `/tables/${id}/races/${race.id}`, params, candidateFields()), 404);
    await expectStatus(act(racePage.action, `/tables/${id}/races/${race.id}`, params, raceFields({ intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });

  it("is a 404 for a race of another table, and writes nothing", async () => {
    const a = buildCoalition(db, actor);
    const theirs = buildRace(db, actor, buildCoalition(db, actor).id);
    const before = dump(db);
    const params = { coalitionId: String(a.id), raceId: String(theirs.id) };
    await expectStatus(act(racePage.action, `/tables/${a.id}/races/${theirs.id}`, params, candidateFields()), 404);
    await expectStatus(act(racePage.action, `/tables/${a.id}/races/${theirs.id}`, params, raceFields({ intent: "update" })), 404);
    expect(dump(db)).toEqual(before);
  });
});

describe("F8: the race page shows each election's content window", () => {
  it("lists primary, runoff and general windows from the saved dates", async () => {
    const { db: d, actor: a } = freshDb();
    const t = buildCoalition(d, a);
    const r = buildRace(d, a, t.id, { state: "GA", district: "06", primaryDate: "2028-05-19", generalDate: "2028-11-07" });
    d.update(races).set({ runoffDate: "2028-06-16" }).where(eq(races.id, r.id)).run();
    const data = await load(racePage.loader, `/tables/${t.id}/races/${r.id}`, { coalitionId: String(t.id), raceId: String(r.id) });
    expect(data.windows.map((w) => [w.kind, w.opens, w.closes])).toEqual([
      ["primary", "2028-02-19", "2028-05-19"],
      ["runoff", "2028-03-18", "2028-06-16"],
      ["general", "2028-08-09", "2028-11-07"],
    ]);
  });
});
