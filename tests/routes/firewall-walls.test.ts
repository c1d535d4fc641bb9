/**
 * The routes of firewall rules F3–F5: the campaign contact log, the wall roster and
 * vendors. Every loader and action with valid, invalid, unknown, junk and hostile input,
 * and the 403 for the wrong role, on the role world (tests/routes/roles.ts).
 */
import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { Db } from "../../db/client";
import { vendorClients, vendors, walls } from "../../db/schema";
import * as contacts from "~/routes/tables.$coalitionId.firewall.contacts";
import * as roster from "~/routes/tables.$coalitionId.firewall.walls";
import * as vendorPage from "~/routes/tables.$coalitionId.firewall.vendors";
import * as peoplePage from "~/routes/tables.$coalitionId.people";
import { addDays } from "~/domain/dates";
import { today } from "~/server/clock.server";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle } from "./helpers";
import { roleWorld, signAs, type RoleWorld, type Who } from "./roles";
import { actWith, auditRows, dump, NON_FORM_BODIES, rawPost, rows } from "./support";

const HOSTILE = ["", "\u0000", "9".repeat(400), "99999999999999999999", "1e308", "-0", "٣", "__proto__", "'; drop table walls; --", "2026-02-29", "<script>alert(1)</script>", "x".repeat(6_000)];

function paths(w: RoleWorld) {
  const params = { coalitionId: String(w.coalitionId) };
  const base = `/tables/${w.coalitionId}/firewall`;
  return { params, contacts: `${base}/contacts`, walls: `${base}/walls`, vendors: `${base}/vendors` };
}

function contactFields(w: RoleWorld, over: Record<string, string | string[]> = {}) {
  return { intent: "contact", raceId: String(w.raceId), contactDate: "2027-02-01", topic: "Field plans", plansOrNeeds: "on", attendees: String(w.users.rep.id), others: "Sam Outsider <sam@example.org>", ...over };
}

function wallFields(w: RoleWorld, over: Record<string, string> = {}) {
  return { intent: "add", partnerId: String(w.partnerId), userId: String(w.users.lead.id), reason: "candidate_service", raceId: String(w.raceId), servedFor: "Kilo for Congress", startDate: "2026-01-01", lastServiceDate: "", evidence: "Campaign payroll, Jan–Mar", ...over };
}

function addVendor(db: Db, w: RoleWorld, opts: { policy?: boolean; lastServiceDate?: string } = {}) {
  const v = db
    .insert(vendors)
    .values({ coalitionId: w.coalitionId, name: "Keystone Mail Co", services: "Mail", policyOnFileAt: opts.policy ? "2026-01-01" : null, createdBy: w.users.facilitator.id, createdAt: "2026-01-01T00:00:00Z" })
    .returning()
    .get();
  db.insert(vendorClients).values({ vendorId: v.id, kind: "candidate", raceId: w.raceId, servedFor: "Kilo for Congress", startDate: "2026-01-01", lastServiceDate: opts.lastServiceDate ?? "2027-01-01" }).run();
  return v;
}

/** Every hostile value in every field of a form: a Response (redirect, 400, 403 or 404), never a 500. */
async function hostile(action: (a: ActionFunctionArgs) => Promise<unknown>, path: string, params: Record<string, string>, valid: Record<string, string | string[]>) {
  const problems: string[] = [];
  for (const field of Object.keys(valid)) {
    for (const value of HOSTILE) {
      const what = `${field}=${JSON.stringify(value).slice(0, 30)}`;
      try {
        const r = await settle(act(action, path, params, { ...valid, [field]: value }));
        if (![302, 400, 403, 404].includes(r.status)) problems.push(`${what} → ${r.status}`);
      } catch (err) {
        problems.push(`${what} → threw ${(err as Error).message.slice(0, 160)}`);
      }
    }
  }
  expect(problems).toEqual([]);
}

describe("F3 route: the campaign contact log", () => {
  it("records a contact with plans or needs, walls everyone present until the general election, and lists it", async () => {
    const { db, w } = roleWorld("facilitator");
    const p = paths(w);
    await expectRedirect(act(contacts.action, p.contacts, p.params, contactFields(w, { notes: "They need 40 canvassers in Easton." })), /\/firewall\/contacts\?saved=2$/);
    expect(rows(db, "walls")).toBe(2);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.campaign_contact", decision: "info", rule: "F3" });
    const data = await load(contacts.loader, `${p.contacts}?saved=2`, p.params);
    expect(data.contacts).toHaveLength(1);
    expect(data.contacts[0]).toMatchObject({ topic: "Field plans", plansOrNeeds: true, notes: expect.stringContaining("Easton") });
    expect(data.contacts[0].attendees.map((a) => a.name).sort()).toEqual(["Rita", "Sam Outsider"]);
    expect(data.people.map((x) => x.id)).toContain(w.users.rep.id);
    expect(data.canRecord).toBe(true);
  });

  it("withholds the notes from an independent-side viewer in the loader's data, with the notice, and logs the denial", async () => {
    const { db, w } = roleWorld("facilitator");
    const p = paths(w);
    await act(contacts.action, p.contacts, p.params, contactFields(w, { notes: "They need 40 canvassers in Easton." }));
    for (const who of ["rep", "lead", "counsel", "otherRep"] as Who[]) {
      signAs(db, w, who);
      const before = auditRows(db).length;
      const data = await load(contacts.loader, p.contacts, p.params);
      expect(JSON.stringify(data), who).not.toContain("Easton");
      expect(data.contacts[0].topic).toBe("Field plans");
      expect(data.notice).toMatch(/withheld/);
      // issue 15: counsel is told what counsel can do there, not to "ask your counsel"
      if (who === "counsel") expect(data.notice).not.toMatch(/ask your counsel/i);
      if (who === "counsel") expect(data.notice).toMatch(/Sides page/);
      else expect(data.notice).toMatch(/Ask your counsel/);
      expect(auditRows(db).slice(before)).toEqual([expect.objectContaining({ action: "firewall.campaign_info", decision: "deny", rule: "F2" })]);
    }
    signAs(db, w, "lead");
    expect((await load(contacts.loader, p.contacts, p.params)).people, "a lead may not record, so gets no list of people").toEqual([]);
  });

  it("the People page marks the people a contact walls today", async () => {
    const { w } = roleWorld("facilitator");
    const p = paths(w);
    const before = await load(peoplePage.loader, `/tables/${w.coalitionId}/people`, p.params);
    expect(before.walledUserIds).toEqual([]);
    await act(contacts.action, p.contacts, p.params, contactFields(w, { contactDate: addDays(today(), -3) }));
    await act(contacts.action, p.contacts, p.params, contactFields(w, { contactDate: addDays(today(), 30), attendees: String(w.users.lead.id) }));
    const after = await load(peoplePage.loader, `/tables/${w.coalitionId}/people`, p.params);
    expect(after.walledUserIds, "the rep from the contact 3 days ago; not the lead, whose contact is ahead").toEqual([w.users.rep.id]);
  });

  it("filters by race; a junk race filter is ignored", async () => {
    const { w } = roleWorld("facilitator");
    const p = paths(w);
    await act(contacts.action, p.contacts, p.params, contactFields(w));
    expect((await load(contacts.loader, `${p.contacts}?race=${w.raceId}`, p.params)).contacts).toHaveLength(1);
    expect((await load(contacts.loader, `${p.contacts}?race=999`, p.params)).contacts).toHaveLength(0);
    expect((await load(contacts.loader, `${p.contacts}?race=abc`, p.params)).contacts).toHaveLength(1);
  });

  it("a contact without attendees or date: field errors, values kept, nothing written", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const before = dump(db);
    const data = await expectInvalid(act(contacts.action, p.contacts, p.params, { intent: "contact", raceId: String(w.raceId), contactDate: "", topic: "Plans", plansOrNeeds: "on" }), ["attendees", "contactDate"]);
    expect(data.values.topic).toBe("Plans");
    await expectInvalid(act(contacts.action, p.contacts, p.params, contactFields(w, { others: "just a name\nAnn <not-an-email>" })), ["others"]);
    await expectInvalid(act(contacts.action, p.contacts, p.params, contactFields(w, { raceId: "999" })), ["raceId"]);
    await expectInvalid(act(contacts.action, p.contacts, p.params, contactFields(w, { raceId: "abc" })), ["raceId"]);
    await expectInvalid(act(contacts.action, p.contacts, p.params, contactFields(w, { candidateId: "999" })), ["candidateId"]);
    await expectInvalid(act(contacts.action, p.contacts, p.params, contactFields(w, { attendees: String(w.users.noRole.id) })), ["attendees"]);
    await expectInvalid(act(contacts.action, p.contacts, p.params, { intent: "what" }), ["_form"]);
    for (const [name, body, type] of NON_FORM_BODIES) {
      await expectStatus(actWith(contacts.action, rawPost(p.contacts, body, type), p.params), 400).catch((e) => {
        throw new Error(`${name}: ${e}`);
      });
    }
    expect(dump(db)).toEqual(before);
  });

  it("is refused (403, logged) to a lead and to a person without a role; unknown tables are 404s", async () => {
    const { db, w } = roleWorld("lead");
    const p = paths(w);
    await expectStatus(act(contacts.action, p.contacts, p.params, contactFields(w)), 403);
    expect(rows(db, "campaign_contacts")).toBe(0);
    signAs(db, w, "admin");
    await expectStatus(load(contacts.loader, "/tables/999/firewall/contacts", { coalitionId: "999" }), 404);
    await expectStatus(act(contacts.action, "/tables/999/firewall/contacts", { coalitionId: "999" }, contactFields(w)), 404);
  });

  it("answers hostile input in every field with a Response", async () => {
    const { w } = roleWorld("facilitator");
    const p = paths(w);
    await hostile(contacts.action, p.contacts, p.params, { ...contactFields(w), candidateId: String(w.candidateId), campaignPeople: "Field director", notes: "n" });
  });
});

describe("F4 route: the wall roster", () => {
  it("counsel adds a party-service entry for a person not in the app; the roster shows it in force with its evidence", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    await expectRedirect(
      act(roster.action, p.walls, p.params, wallFields(w, { userId: "", personName: "Wes Walled", email: "Wes@Example.org", reason: "party_service", raceId: "", servedFor: "State Committee", startDate: "2026-01-01" })),
      /\/firewall\/walls\?saved$/,
    );
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.wall_add", decision: "info", rule: "F4", partnerId: w.partnerId });
    const data = await load(roster.loader, p.walls, p.params);
    expect(data.walls).toHaveLength(1);
    expect(data.walls[0]).toMatchObject({ personName: "Wes Walled", email: "wes@example.org", reason: "party_service", inForce: true, until: { kind: "serving" }, mine: true });
    expect(data.members).toEqual([{ value: String(w.partnerId), label: "PAPA" }]);
    expect(data.people.map((x) => x.label)).toContain("Lena (PAPA)");
    expect(JSON.stringify(data.people)).not.toContain("Quinn");
  });

  it("counsel ends an ongoing entry; 'walled until' becomes the last date + 120 days", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    await act(roster.action, p.walls, p.params, wallFields(w));
    const wall = db.select().from(walls).get()!;
    await expectRedirect(act(roster.action, p.walls, p.params, { intent: "end", wallId: String(wall.id), lastServiceDate: "2026-03-31" }), /saved/);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.wall_end", rule: "F4" });
    const data = await load(roster.loader, p.walls, p.params);
    expect(data.walls[0].until).toEqual({ kind: "date", date: "2026-07-29" });
  });

  it("an end before the start is a field error next to the field, nothing written; so are a missing person, race and committee", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    await act(roster.action, p.walls, p.params, wallFields(w, { startDate: "2026-05-01" }));
    const wall = db.select().from(walls).get()!;
    const before = dump(db);
    await expectInvalid(act(roster.action, p.walls, p.params, wallFields(w, { startDate: "2026-05-01", lastServiceDate: "2026-04-30" })), ["lastServiceDate"]);
    const ended = await expectInvalid(act(roster.action, p.walls, p.params, { intent: "end", wallId: String(wall.id), lastServiceDate: "2026-04-30" }), ["lastServiceDate"]);
    expect(ended.values.wallId).toBe(String(wall.id));
    await expectInvalid(act(roster.action, p.walls, p.params, wallFields(w, { userId: "" })), ["personName", "email"]);
    await expectInvalid(act(roster.action, p.walls, p.params, wallFields(w, { raceId: "" })), ["raceId"]);
    await expectInvalid(act(roster.action, p.walls, p.params, wallFields(w, { reason: "party_service", servedFor: "" })), ["servedFor"]);
    await expectInvalid(act(roster.action, p.walls, p.params, wallFields(w, { userId: String(w.users.otherRep.id) })), ["userId"]);
    await expectInvalid(act(roster.action, p.walls, p.params, wallFields(w, { raceId: "999" })), ["raceId"]);
    await expectInvalid(act(roster.action, p.walls, p.params, { intent: "what" }), ["_form"]);
    for (const [, body, type] of NON_FORM_BODIES) await expectStatus(actWith(roster.action, rawPost(p.walls, body, type), p.params), 400);
    expect(dump(db)).toEqual(before);
  });

  it("unknown and junk entry ids are 404s; another member's counsel, a facilitator and a junk member are refused; contact walls cannot be ended", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    await act(roster.action, p.walls, p.params, wallFields(w));
    const wall = db.select().from(walls).get()!;
    for (const bad of ["999", "abc", ""]) await expectStatus(act(roster.action, p.walls, p.params, { intent: "end", wallId: bad, lastServiceDate: "2026-03-01" }), 404);
    await expectStatus(act(roster.action, p.walls, p.params, wallFields(w, { partnerId: "abc" })), 403);
    await expectStatus(act(roster.action, p.walls, p.params, wallFields(w, { partnerId: String(w.otherPartnerId) })), 403);
    signAs(db, w, "facilitator");
    await expectStatus(act(roster.action, p.walls, p.params, { intent: "end", wallId: String(wall.id), lastServiceDate: "2026-03-01" }), 403);
    expect((await load(roster.loader, p.walls, p.params)).walls, "the facilitator sees contact walls only").toEqual([]);
    await act(contacts.action, p.contacts, p.params, contactFields(w));
    const contactWall = db.select().from(walls).all().find((x) => x.reason === "campaign_contact")!;
    signAs(db, w, "counsel");
    await expectInvalid(act(roster.action, p.walls, p.params, { intent: "end", wallId: String(contactWall.id), lastServiceDate: "2027-03-01" }), ["lastServiceDate"]);
    const seen = (await load(roster.loader, p.walls, p.params)).walls.map((x) => [x.personName, x.reason]);
    expect(seen, "its own entry and the contact wall of its rep; not the typed outsider").toEqual([
      ["Lena", "candidate_service"],
      ["Rita", "campaign_contact"],
    ]);
    for (const who of ["rep", "lead", "otherRep"] as Who[]) {
      signAs(db, w, who);
      await expectStatus(load(roster.loader, p.walls, p.params), 403);
    }
    expect(rows(db, "walls")).toBe(3);
  });

  it("answers hostile input in every field with a Response", async () => {
    const { w } = roleWorld("counsel");
    const p = paths(w);
    await hostile(roster.action, p.walls, p.params, { ...wallFields(w), personName: "P", email: "p@example.org" });
    await hostile(roster.action, p.walls, p.params, { intent: "end", wallId: "1", lastServiceDate: "2026-05-01" });
  });
});

describe("F5 route: vendors", () => {
  it("facilitator adds a vendor, a client and its policy; the page lists them", async () => {
    const { db, w } = roleWorld("facilitator");
    const p = paths(w);
    await expectRedirect(act(vendorPage.action, p.vendors, p.params, { intent: "vendor", name: "Keystone Mail Co", services: "Mail" }), /saved/);
    const v = db.select().from(vendors).get()!;
    await expectRedirect(
      act(vendorPage.action, p.vendors, p.params, { intent: "client", vendorId: String(v.id), kind: "candidate", raceId: String(w.raceId), servedFor: "Kilo for Congress", startDate: "2026-01-01", lastServiceDate: "2026-10-01" }),
      /saved/,
    );
    await expectRedirect(act(vendorPage.action, p.vendors, p.params, { intent: "policy", vendorId: String(v.id), policyOnFileAt: "2026-11-01", policyNote: "Signed memo" }), /saved/);
    const data = await load(vendorPage.loader, p.vendors, p.params);
    expect(data.vendors[0]).toMatchObject({ name: "Keystone Mail Co", policyOnFileAt: "2026-11-01", clients: [expect.objectContaining({ servedFor: "Kilo for Congress", lastServiceDate: "2026-10-01" })] });
    expect(data.canManage).toBe(true);
    expect(data.usableFor, "the facilitator records no member's uses").toEqual([]);
  });

  it("a use inside 120 days without the policy: the refusal next to the vendor field, the deny row committed, no use", async () => {
    const { db, w } = roleWorld("rep");
    const p = paths(w);
    const v = addVendor(db, w);
    const before = auditRows(db).length;
    const data = await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "2027-05-01", purpose: "Mail" }), ["vendorId"]);
    expect(data.errors.vendorId).toMatch(/rule F5/);
    expect(rows(db, "vendor_uses")).toBe(0);
    expect(auditRows(db).slice(before)).toEqual([expect.objectContaining({ action: "firewall.vendor_use", decision: "deny", rule: "F5", partnerId: w.partnerId })]);
    // 121 days after the last service: allowed
    await expectRedirect(act(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "2027-05-02", purpose: "Mail" }), /saved/);
    expect(rows(db, "vendor_uses")).toBe(1);
    expect((await load(vendorPage.loader, p.vendors, p.params)).vendors[0].uses[0]).toMatchObject({ partnerShortName: "PAPA", useDate: "2027-05-02" });
  });

  it("with the policy on file a use inside 120 days is recorded", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    const v = addVendor(db, w, { policy: true });
    await expectRedirect(act(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "2027-02-01", purpose: "" }), /saved/);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.vendor_use", decision: "allow", rule: "F5" });
  });

  it("bad input: field errors, nothing written", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    const v = addVendor(db, w);
    const before = dump(db);
    await expectInvalid(
      act(vendorPage.action, p.vendors, p.params, { intent: "client", vendorId: String(v.id), kind: "party", servedFor: "State Committee", startDate: "2026-05-01", lastServiceDate: "2026-04-01" }),
      ["lastServiceDate"],
    );
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "client", vendorId: String(v.id), kind: "candidate", servedFor: "X", startDate: "2026-05-01" }), ["raceId"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "client", vendorId: "999", kind: "party", servedFor: "X", startDate: "2026-05-01" }), ["vendorId"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "vendor", name: "Keystone Mail Co" }), ["name"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "vendor", name: "" }), ["name"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "policy", vendorId: String(v.id), policyOnFileAt: "" }), ["policyOnFileAt"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: "999", partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "2027-01-01" }), ["vendorId"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: "999", useDate: "2027-01-01" }), ["raceId"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "" }), ["useDate"]);
    await expectInvalid(act(vendorPage.action, p.vendors, p.params, { intent: "what" }), ["_form"]);
    for (const [, body, type] of NON_FORM_BODIES) await expectStatus(actWith(vendorPage.action, rawPost(p.vendors, body, type), p.params), 400);
    expect(dump(db)).toEqual(before);
  });

  it("a member's uses are recorded only by its rep or counsel; vendors are managed by neutral staff and counsel (403s, logged)", async () => {
    const { db, w } = roleWorld("facilitator");
    const p = paths(w);
    const v = addVendor(db, w, { policy: true });
    const use = { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "2027-02-01", purpose: "" };
    for (const who of ["facilitator", "admin", "lead", "otherRep", "noRole"] as Who[]) {
      signAs(db, w, who);
      await expectStatus(act(vendorPage.action, p.vendors, p.params, use), 403);
    }
    for (const who of ["rep", "lead", "otherRep"] as Who[]) {
      signAs(db, w, who);
      await expectStatus(act(vendorPage.action, p.vendors, p.params, { intent: "policy", vendorId: String(v.id), policyOnFileAt: "2026-01-01" }), 403);
    }
    signAs(db, w, "rep");
    await expectStatus(act(vendorPage.action, p.vendors, p.params, { ...use, partnerId: "abc" }), 403);
    expect((await load(vendorPage.loader, p.vendors, p.params)).usableFor).toEqual([{ value: String(w.partnerId), label: "PAPA" }]);
    expect(rows(db, "vendor_uses")).toBe(0);
    await expectStatus(load(vendorPage.loader, "/tables/999/firewall/vendors", { coalitionId: "999" }), 403);
  });

  it("answers hostile input in every field with a Response", async () => {
    const { db, w } = roleWorld("counsel");
    const p = paths(w);
    const v = addVendor(db, w);
    await hostile(vendorPage.action, p.vendors, p.params, { intent: "use", vendorId: String(v.id), partnerId: String(w.partnerId), raceId: String(w.raceId), useDate: "2027-06-01", purpose: "Mail" });
    await hostile(vendorPage.action, p.vendors, p.params, { intent: "client", vendorId: String(v.id), kind: "candidate", raceId: String(w.raceId), servedFor: "X", startDate: "2026-01-01", lastServiceDate: "2026-02-01" });
    await hostile(vendorPage.action, p.vendors, p.params, { intent: "policy", vendorId: String(v.id), policyOnFileAt: "2026-01-01", policyNote: "n" });
    await hostile(vendorPage.action, p.vendors, p.params, { intent: "vendor", name: "Hostile Vendor", services: "s" });
  });
});
