/**
 * Issue 11, the remaining lists: people, admin, partners, a partner's affiliates, the wall
 * roster, vendors, campaign contacts and overrides are keyset-paged with their filters and
 * totals in SQL. For each: the first page, the next (and back), a filter, and a junk cursor
 * (which reads as the first page), on factory data (the bench has no overrides).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { campaignContacts, firewallOverrides, users, vendorClients, vendors, walls } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { grantRole } from "~/models/accounts.server";
import * as peoplePage from "~/routes/tables.$coalitionId.people";
import * as adminPage from "~/routes/admin";
import * as partnersPage from "~/routes/tables.$coalitionId.partners._index";
import * as partnerPage from "~/routes/tables.$coalitionId.partners.$partnerId";
import * as wallsPage from "~/routes/tables.$coalitionId.firewall.walls";
import * as vendorsPage from "~/routes/tables.$coalitionId.firewall.vendors";
import * as contactsPage from "~/routes/tables.$coalitionId.firewall.contacts";
import * as overridesPage from "~/routes/tables.$coalitionId.firewall.overrides";
import { buildAffiliate, buildCoalition, buildPartner, buildRace } from "../factories";
import { load, signInAs } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const AT = "2026-01-01T00:00:00Z";
// not cursors, or a cursor of another list's shape (a key of the wrong length and types)
const JUNK = ["bad!", "eyJ4IjoxfQ", "%00", "x".repeat(600), "'; drop table users; --", "%s", "WyJhIiwieCIsMSwyLDMsNCw1XQ"];

function user(name: string, email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.org`) {
  return db.insert(users).values({ name, email }).returning().get();
}

type PageData = { prev: string | null; next: string | null; total: number };
/**
 * Walks a list by its Next links at `size` rows a page, then back by Previous from the last
 * page; returns the ids in order (both ways must agree) and checks the total and junk cursors.
 */
async function walk<D extends PageData>(loader: Parameters<typeof load>[0], path: string, params: Record<string, string>, ids: (d: D) => number[], size = 2) {
  const sep = path.includes("?") ? "&" : "?";
  const first = (await load(loader, `${path}${sep}size=${size}`, params)) as unknown as D;
  expect(first.prev).toBeNull();
  const seen = [...ids(first)];
  const pages = [ids(first)];
  let page = first;
  while (page.next) {
    page = (await load(loader, `${path}${sep}size=${size}&page=${page.next}`, params)) as unknown as D;
    expect(ids(page).length).toBeGreaterThan(0);
    seen.push(...ids(page));
    pages.push(ids(page));
  }
  expect(page.next).toBeNull();
  expect(first.total).toBe(seen.length);
  expect(new Set(seen).size).toBe(seen.length);
  // back from the last page by Previous, page by page
  let i = pages.length - 1;
  while (page.prev) {
    page = (await load(loader, `${path}${sep}size=${size}&page=${page.prev}`, params)) as unknown as D;
    i--;
    expect(ids(page)).toEqual(pages[i]);
  }
  expect(i).toBe(0);
  for (const junk of JUNK) {
    const again = (await load(loader, `${path}${sep}size=${size}&page=${encodeURIComponent(junk)}`, params)) as unknown as D;
    expect(ids(again), `junk cursor ${junk.slice(0, 12)}`).toEqual(ids(first));
  }
  return seen;
}

function table() {
  const c = buildCoalition(db, actor);
  const p1 = buildPartner(db, actor, c.id, { name: "Alpha Action", shortName: "AA" });
  const p2 = buildPartner(db, actor, c.id, { name: "Beta Builders", shortName: "BB" });
  const p3 = buildPartner(db, actor, c.id, { name: "Gamma Group", shortName: "GG" });
  const a = [
    buildAffiliate(db, actor, c.id, p1.id, { name: "Erie Chapter", state: "PA" }),
    buildAffiliate(db, actor, c.id, p1.id, { name: "Akron Chapter", state: "OH" }),
    buildAffiliate(db, actor, c.id, p1.id, { name: "Allentown Chapter", state: "PA" }),
    buildAffiliate(db, actor, c.id, p1.id, { name: "Dayton Chapter", state: "OH" }),
    buildAffiliate(db, actor, c.id, p1.id, { name: "Scranton Chapter", state: "PA" }),
  ];
  const race = buildRace(db, actor, c.id, { state: "PA", district: "07" });
  const ohRace = buildRace(db, actor, c.id, { state: "OH", district: "09" });
  return { c, p1, p2, p3, a, race, ohRace, params: { coalitionId: String(c.id) }, base: `/tables/${c.id}` };
}

describe("the People page pages the table's roles", () => {
  it("by name, with a search and a role filter", async () => {
    const t = table();
    const people = ["Zoe Park", "Ann Lee", "Bo Chen", "Cy Diaz", "Di Ford"].map((n) => user(n));
    grantRole(db, actor, people[0].id, { role: "facilitator", coalitionId: t.c.id });
    grantRole(db, actor, people[1].id, { role: "partner_rep", partnerId: t.p1.id });
    grantRole(db, actor, people[2].id, { role: "counsel", partnerId: t.p2.id });
    grantRole(db, actor, people[3].id, { role: "affiliate_lead", affiliateId: t.a[0].id });
    grantRole(db, actor, people[4].id, { role: "affiliate_lead", affiliateId: t.a[1].id });
    // a role at another table is not listed
    const other = buildCoalition(db, actor);
    grantRole(db, actor, user("Outside Person").id, { role: "partner_rep", partnerId: buildPartner(db, actor, other.id).id });
    type D = Awaited<ReturnType<typeof peoplePage.loader>> & PageData;
    const names = async (path: string) => ((await load(peoplePage.loader, path, t.params)) as D).grants.map((g) => g.userName);
    const ids = await walk<D>(peoplePage.loader, `${t.base}/people`, t.params, (d) => d.grants.map((g) => g.id));
    expect(ids).toHaveLength(5);
    expect(await names(`${t.base}/people`)).toEqual(["Ann Lee", "Bo Chen", "Cy Diaz", "Di Ford", "Zoe Park"]);
    expect(await names(`${t.base}/people?q=CHEN`)).toEqual(["Bo Chen"]);
    expect(await names(`${t.base}/people?q=ford%40example`)).toEqual(["Di Ford"]);
    expect(await names(`${t.base}/people?role=affiliate_lead`)).toEqual(["Cy Diaz", "Di Ford"]);
    expect(await names(`${t.base}/people?role=emperor`), "an unknown role reads as all").toHaveLength(5);
    const lead = ((await load(peoplePage.loader, `${t.base}/people?role=affiliate_lead`, t.params)) as D);
    expect(lead.total).toBe(2);
  });

  it("offers the invitation form a bounded list of affiliates, narrowed by a search", async () => {
    const t = table();
    type D = Awaited<ReturnType<typeof peoplePage.loader>>;
    const all = (await load(peoplePage.loader, `${t.base}/people`, t.params)) as D;
    expect(all.affiliates.map((a) => a.name)).toEqual(["Akron Chapter", "Allentown Chapter", "Dayton Chapter", "Erie Chapter", "Scranton Chapter"]);
    expect(all.affiliateSearch.truncated).toBe(false);
    const found = (await load(peoplePage.loader, `${t.base}/people?aq=TON`, t.params)) as D;
    expect(found.affiliates.map((a) => a.name)).toEqual(["Dayton Chapter", "Scranton Chapter"]);
  });
});

describe("the admin page pages the instance's people", () => {
  it("by name with a search", async () => {
    for (const n of ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Ford"]) user(n);
    type D = Awaited<ReturnType<typeof adminPage.loader>> & PageData;
    const ids = await walk<D>(adminPage.loader, `/admin`, {}, (d) => d.users.map((u) => u.id));
    expect(ids).toHaveLength(5); // and the signed-in admin
    const found = (await load(adminPage.loader, `/admin?q=diaz`, {})) as D;
    expect(found.users.map((u) => u.name)).toEqual(["Cy Diaz"]);
    expect(found.total).toBe(1);
  });
});

describe("the partners list and a partner's affiliates are paged", () => {
  it("partners by name, with a search", async () => {
    const t = table();
    type D = Awaited<ReturnType<typeof partnersPage.loader>> & PageData;
    const ids = await walk<D>(partnersPage.loader, `${t.base}/partners`, t.params, (d) => d.partners.map((p) => p.id));
    expect(ids).toEqual([t.p1.id, t.p2.id, t.p3.id]);
    const found = (await load(partnersPage.loader, `${t.base}/partners?q=bb`, t.params)) as D;
    expect(found.partners.map((p) => p.id)).toEqual([t.p2.id]);
  });

  it("a partner's affiliates by state and name, apart from its stances, with a search", async () => {
    const t = table();
    const params = { ...t.params, partnerId: String(t.p1.id) };
    const path = `${t.base}/partners/${t.p1.id}`;
    type D = Awaited<ReturnType<typeof partnerPage.loader>>;
    const first = (await load(partnerPage.loader, `${path}?size=2`, params)) as D;
    expect(first.affiliates.map((a) => a.name)).toEqual(["Akron Chapter", "Dayton Chapter"]);
    expect(first.affiliatePage.total).toBe(5);
    const second = (await load(partnerPage.loader, `${path}?size=2&affiliates=${first.affiliatePage.next}`, params)) as D;
    expect(second.affiliates.map((a) => a.name)).toEqual(["Allentown Chapter", "Erie Chapter"]);
    const back = (await load(partnerPage.loader, `${path}?size=2&affiliates=${second.affiliatePage.prev}`, params)) as D;
    expect(back.affiliates.map((a) => a.name)).toEqual(["Akron Chapter", "Dayton Chapter"]);
    const junk = (await load(partnerPage.loader, `${path}?size=2&affiliates=bad!`, params)) as D;
    expect(junk.affiliates.map((a) => a.name)).toEqual(["Akron Chapter", "Dayton Chapter"]);
    const found = (await load(partnerPage.loader, `${path}?aq=ton`, params)) as D;
    expect(found.affiliates.map((a) => a.name)).toEqual(["Dayton Chapter", "Scranton Chapter"]);
    expect(found.affiliatePage.total).toBe(2);
    expect(found.invitable.map((a) => a.name), "the invitation offers the affiliates listed").toEqual(["Dayton Chapter", "Scranton Chapter"]);
  });
});

describe("the firewall lists are paged", () => {
  it("the wall roster by person, newest start first, with a search", async () => {
    const t = table();
    const add = (personName: string, startDate: string, partnerId: number | null) =>
      db
        .insert(walls)
        .values({ coalitionId: t.c.id, partnerId, personName, email: `${personName.split(" ")[0].toLowerCase()}@example.org`, reason: partnerId ? "party_service" : "campaign_contact", raceId: partnerId ? null : t.race.id, startDate, untilDate: partnerId ? null : "2027-11-02", createdBy: actor.id, createdAt: AT })
        .returning()
        .get();
    const w = [add("Ann Lee", "2026-01-01", null), add("Ann Lee", "2026-03-01", null), add("Bo Chen", "2026-02-01", null), add("Cy Diaz", "2026-02-01", null), add("Di Ford", "2026-02-01", null)];
    add("Ed Gray", "2026-02-01", t.p1.id); // a member's own entry: its counsel's, not the admin's
    type D = Awaited<ReturnType<typeof wallsPage.loader>> & PageData;
    const ids = await walk<D>(wallsPage.loader, `${t.base}/firewall/walls`, t.params, (d) => d.walls.map((x) => x.id));
    expect(ids).toEqual([w[1].id, w[0].id, w[2].id, w[3].id, w[4].id]);
    const found = (await load(wallsPage.loader, `${t.base}/firewall/walls?q=ANN`, t.params)) as D;
    expect(found.walls.map((x) => x.id)).toEqual([w[1].id, w[0].id]);
    expect(found.total).toBe(2);
  });

  it("vendors by name, with a search, each with its newest clients counted", async () => {
    const t = table();
    const ids = ["Delta Print", "Alpha Mail", "Charlie Digital", "Bravo Phones", "Echo Data"].map(
      (name) => db.insert(vendors).values({ coalitionId: t.c.id, name, services: "", createdBy: actor.id, createdAt: AT }).returning().get().id,
    );
    for (let i = 0; i < 25; i++) db.insert(vendorClients).values({ vendorId: ids[1], kind: "party", raceId: null, servedFor: `Committee ${i}`, startDate: `2026-01-${String(i + 1).padStart(2, "0")}`, lastServiceDate: null }).run();
    type D = Awaited<ReturnType<typeof vendorsPage.loader>> & PageData;
    const seen = await walk<D>(vendorsPage.loader, `${t.base}/firewall/vendors`, t.params, (d) => d.vendors.map((v) => v.id));
    expect(seen).toEqual([ids[1], ids[3], ids[2], ids[0], ids[4]]);
    const found = (await load(vendorsPage.loader, `${t.base}/firewall/vendors?q=mail`, t.params)) as D;
    expect(found.vendors.map((v) => v.id)).toEqual([ids[1]]);
    expect(found.vendors[0].clients).toHaveLength(20);
    expect(found.vendors[0].clientCount).toBe(25);
    expect(found.vendors[0].clients[0].servedFor).toBe("Committee 24");
  });

  it("campaign contacts newest first, filtered by state and race", async () => {
    const t = table();
    const add = (raceId: number, contactDate: string) =>
      db.insert(campaignContacts).values({ coalitionId: t.c.id, raceId, contactDate, topic: `Topic ${contactDate}`, plansOrNeeds: false, recordedBy: actor.id, createdAt: AT }).returning().get().id;
    const c = [add(t.race.id, "2026-01-05"), add(t.ohRace.id, "2026-01-07"), add(t.race.id, "2026-01-07"), add(t.race.id, "2026-01-02"), add(t.ohRace.id, "2026-01-09")];
    type D = Awaited<ReturnType<typeof contactsPage.loader>> & PageData;
    const ids = await walk<D>(contactsPage.loader, `${t.base}/firewall/contacts`, t.params, (d) => d.contacts.map((x) => x.id));
    expect(ids).toEqual([c[4], c[2], c[1], c[0], c[3]]);
    const oh = (await load(contactsPage.loader, `${t.base}/firewall/contacts?state=oh`, t.params)) as D;
    expect(oh.contacts.map((x) => x.id)).toEqual([c[4], c[1]]);
    expect(oh.races.map((r) => r.value), "the form's races are the state's").toEqual([String(t.ohRace.id)]);
    const race = (await load(contactsPage.loader, `${t.base}/firewall/contacts?race=${t.race.id}&size=2`, t.params)) as D;
    expect(race.contacts.map((x) => x.id)).toEqual([c[2], c[0]]);
    expect(race.total).toBe(3);
    const junkState = (await load(contactsPage.loader, `${t.base}/firewall/contacts?state=ZZ`, t.params)) as D;
    expect(junkState.state, "an unknown state reads as all").toBeNull();
    expect(junkState.contacts).toHaveLength(5);
  });

  it("overrides newest first (the member's counsel's)", async () => {
    const t = table();
    const counsel = user("Cora Counsel");
    grantRole(db, actor, counsel.id, { role: "counsel", partnerId: t.p1.id });
    const add = (partnerId: number) =>
      db
        .insert(firewallOverrides)
        .values({ partnerId, rule: "F4", scope: "wall", raceId: t.race.id, reason: "Reviewed", expiresOn: "2099-01-01", requiredApprovals: 1, createdBy: counsel.id, createdAt: AT })
        .returning()
        .get().id;
    const mine = [add(t.p1.id), add(t.p1.id), add(t.p2.id), add(t.p1.id), add(t.p1.id), add(t.p1.id)].filter((_, i) => i !== 2);
    signInAs(db, counsel.id);
    type D = Awaited<ReturnType<typeof overridesPage.loader>> & PageData;
    const ids = await walk<D>(overridesPage.loader, `${t.base}/firewall/overrides`, t.params, (d) => d.overrides.map((o) => o.id));
    expect(ids, "another member's override is not listed").toEqual([...mine].reverse());
  });
});
