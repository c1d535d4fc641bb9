/**
 * Firewall rules F3, F4 and F5 against a real in-memory SQLite: the campaign contact log,
 * the wall roster and vendors, with the gate in firewall.server.ts deciding, and F10's
 * audit rows landing in the same transaction as the act.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { addDays } from "~/domain/dates";
import { contactForm, wallForm } from "~/domain/firewall-forms";
import { parseForm } from "~/domain/forms";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { listContacts, recordContact } from "~/models/campaign-contacts.server";
import { checkPlacement } from "~/models/firewall.server";
import { addWall, endWall, listWalls, wallsForPerson } from "~/models/walls.server";
import { addVendorClient, createVendor, recordVendorPolicy, recordVendorUse } from "~/models/vendors.server";
import { testActor, testDb } from "../db";
import { LEVEL_CASES, levelRace, levelTable, type LevelCase } from "../levels";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildRace } from "../factories";

let db: Db;
let actor: Actor;

function count(table: string): number {
  return (
    db.$client.prepare(`select count(*) as n from "${table}"`).get() as {
      n: number;
    }
  ).n;
}
function audit() {
  return db.$client.prepare("select action, decision, rule, partner_id as partnerId, race_id as raceId, subject_type as subjectType, detail from audit_log order by id").all() as {
    action: string;
    decision: string;
    rule: string | null;
    partnerId: number | null;
    raceId: number | null;
    subjectType: string | null;
    detail: string;
  }[];
}
/** Makes every insert into `table` fail, as a crash in the middle of the transaction would. */
function breakInserts(table: string) {
  db.$client.exec(`create trigger forced_failure before insert on "${table}" begin select raise(abort, 'forced failure'); end;`);
}
function must<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}
function contactInput(over: Record<string, string | string[]>) {
  const parsed = parseForm(contactForm, {
    raceId: String(w.race.id),
    contactDate: "2027-03-01",
    topic: "Field plans",
    ...over,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}
function wallInput(over: Record<string, string>) {
  const parsed = parseForm(wallForm, {
    partnerId: String(w.c4.id),
    reason: "candidate_service",
    raceId: String(w.race.id),
    startDate: "2026-01-01",
    ...over,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

let w: ReturnType<typeof world>;

function world() {
  const table = levelTable(db, actor, lc);
  const c4 = buildPartner(db, actor, table.id, {
    legalType: "c4",
    shortName: "CFOUR",
  });
  const other = buildPartner(db, actor, table.id, {
    legalType: "c4",
    shortName: "OTHER",
  });
  const race = levelRace(db, actor, table.id, lc, 0, {
    generalDate: "2027-11-02",
  });
  const otherRace = levelRace(db, actor, table.id, lc, 1, {
    generalDate: "2027-11-02",
  });
  const candidate = buildCandidate(db, actor, table.id, race.id, {
    name: "Jordan Vale",
  });
  const affiliate = buildAffiliate(db, actor, table.id, c4.id);
  const person = (name: string, grants: Parameters<typeof grantRole>[3][]) => {
    const a = testActor(db, name);
    for (const g of grants) grantRole(db, actor, a.id, g);
    return {
      ...a,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.test`,
    };
  };
  const facilitator = person("Fay Facilitator", [{ role: "facilitator", coalitionId: table.id }]);
  const rep = person("Remy Rep", [{ role: "partner_rep", coalitionId: table.id, partnerId: c4.id }]);
  const counsel = person("Cora Counsel", [{ role: "counsel", coalitionId: table.id, partnerId: c4.id }]);
  const lead = person("Lou Lead", [
    {
      role: "affiliate_lead",
      coalitionId: table.id,
      affiliateId: affiliate.id,
    },
  ]);
  const otherCounsel = person("Olga Counsel", [{ role: "counsel", coalitionId: table.id, partnerId: other.id }]);
  const otherRep = person("Otis Rep", [{ role: "partner_rep", coalitionId: table.id, partnerId: other.id }]);
  return {
    table,
    c4,
    other,
    race,
    otherRace,
    candidate,
    facilitator,
    rep,
    counsel,
    lead,
    otherCounsel,
    otherRep,
  };
}

/** Asks the gate whether a person may be placed on independent-side work of c4 in a race on a date. */
function placement(person: { id: number; email?: string }, raceId: number, workDate: string) {
  return db.transaction((tx) =>
    checkPlacement(tx, actor, {
      coalitionId: w.table.id,
      raceId,
      partnerId: w.c4.id,
      side: "independent",
      workDate,
      person: { userId: person.id, email: person.email },
    })
  );
}

/** The level the tests below run at (issue 13: every F-rule test runs at every level). */
let lc: LevelCase = LEVEL_CASES[0];

describe.each(LEVEL_CASES)("at a $name", (c) => {
  /** The table's lookback: 120 days federally and at the municipal stand-in, counsel's 180 at the state table. */
  const LB = c.lengths.lookbackDays;
  beforeEach(() => {
    lc = c;
    db = testDb();
    actor = testActor(db);
    w = world();
  });

  describe("F3: a campaign contact with plans or needs walls its attendees until the general election", () => {
    it("walls every person present, ticked or typed, from independent-side work in that race, through the general election day and not after", () => {
      const r = must(
        recordContact(
          db,
          actor,
          w.table.id,
          contactInput({
            plansOrNeeds: "on",
            attendees: [String(w.rep.id), String(w.lead.id)],
            others: "Sam Outsider <SAM@Example.org>",
          })
        )
      );
      expect(r.walled).toBe(3);
      expect(count("walls")).toBe(3);
      const general = w.race.generalDate;
      for (const p of [w.rep, w.lead]) {
        expect(placement(p, w.race.id, "2027-03-01").ok, "from the contact's date").toBe(false);
        expect(placement(p, w.race.id, general).ok, "on the general election day").toBe(false);
        expect(placement(p, w.race.id, addDays(general, 1)).ok, "the day after the general").toBe(true);
        expect(placement(p, w.race.id, "2027-02-28").ok, "before the contact").toBe(true);
        expect(placement(p, w.otherRace.id, "2027-03-02").ok, "another race").toBe(true);
      }
      // the typed attendee is found by email, whatever its case
      expect(placement({ id: 999_999, email: "sam@example.org" }, w.race.id, "2027-04-01").ok).toBe(false);
      const refusal = placement(w.rep, w.race.id, "2027-04-01");
      expect(refusal).toMatchObject({ ok: false, rule: "F3" });
      expect(!refusal.ok && refusal.message).toMatch(/until the general election/);
    });

    it("a contact without plans or needs walls no one", () => {
      must(recordContact(db, actor, w.table.id, contactInput({ attendees: String(w.rep.id) })));
      expect(count("campaign_contacts")).toBe(1);
      expect(count("campaign_contact_attendees")).toBe(1);
      expect(count("walls")).toBe(0);
      expect(placement(w.rep, w.race.id, "2027-04-01").ok).toBe(true);
    });

    it("the wall entry ends on the race's general election date", () => {
      must(recordContact(db, actor, w.table.id, contactInput({ plansOrNeeds: "on", attendees: String(w.rep.id) })));
      const [wall] = db.$client
        .prepare("select reason, race_id as raceId, start_date as startDate, until_date as untilDate, contact_id as contactId, user_id as userId, partner_id as partnerId from walls")
        .all();
      expect(wall).toEqual({
        reason: "campaign_contact",
        raceId: w.race.id,
        startDate: "2027-03-01",
        untilDate: "2027-11-02",
        contactId: 1,
        userId: w.rep.id,
        partnerId: null,
      });
    });

    it("appends an audit row (F3, info) with the contact, in the same transaction: a forced failure leaves neither", () => {
      must(recordContact(db, actor, w.table.id, contactInput({ plansOrNeeds: "on", attendees: String(w.rep.id) })));
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.campaign_contact",
        decision: "info",
        rule: "F3",
        raceId: w.race.id,
        subjectType: "campaign_contact",
      });
      expect(audit().at(-1)!.detail).toMatch(/1 walled .* until 2027-11-02/);

      const rowsBefore = audit().length;
      breakInserts("walls");
      expect(() =>
        recordContact(
          db,
          actor,
          w.table.id,
          contactInput({
            plansOrNeeds: "on",
            attendees: String(w.lead.id),
            topic: "Second",
          })
        )
      ).toThrow(/forced failure/);
      expect(count("campaign_contacts")).toBe(1);
      expect(count("campaign_contact_attendees")).toBe(1);
      expect(audit().length).toBe(rowsBefore);
    });

    it("refuses attendees who hold no role at the table, and a race or candidate of another table, writing nothing", () => {
      const stranger = testActor(db, "Stan Stranger");
      const elsewhere = buildCoalition(db, actor);
      const farRace = buildRace(db, actor, elsewhere.id);
      const farCandidate = buildCandidate(db, actor, w.table.id, w.otherRace.id);
      const before = {
        contacts: count("campaign_contacts"),
        audit: audit().length,
      };
      expect(recordContact(db, actor, w.table.id, contactInput({ attendees: String(stranger.id) }))).toMatchObject({ ok: false, field: "attendees" });
      expect(
        recordContact(
          db,
          actor,
          w.table.id,
          contactInput({
            raceId: String(farRace.id),
            attendees: String(w.rep.id),
          })
        )
      ).toMatchObject({ ok: false, field: "raceId" });
      expect(
        recordContact(
          db,
          actor,
          w.table.id,
          contactInput({
            candidateId: String(farCandidate.id),
            attendees: String(w.rep.id),
          })
        )
      ).toMatchObject({ ok: false, field: "candidateId" });
      expect(count("campaign_contacts")).toBe(before.contacts);
      expect(audit().length).toBe(before.audit);
    });

    it("withholds a contact's notes (campaign information) from independent-side viewers, and logs it; neutral staff read them", () => {
      must(
        recordContact(
          db,
          actor,
          w.table.id,
          contactInput({
            plansOrNeeds: "on",
            attendees: String(w.facilitator.id),
            notes: "They need 40 canvassers in Easton.",
          })
        )
      );
      const rep = loadPrincipal(db, w.rep.id)!;
      const seen = listContacts(db, rep, { coalitionId: w.table.id });
      expect(JSON.stringify(seen)).not.toContain("Easton");
      expect(seen.withheld).toBe(1);
      expect(seen.contacts[0]).toMatchObject({
        topic: "Field plans",
        notes: null,
        notesWithheld: true,
        attendees: [expect.objectContaining({ name: "Fay Facilitator" })],
      });
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.campaign_info",
        decision: "deny",
        rule: "F2",
        raceId: w.race.id,
      });
      const fac = listContacts(db, loadPrincipal(db, w.facilitator.id)!, {
        coalitionId: w.table.id,
      });
      expect(fac.contacts[0].notes).toContain("Easton");
      expect(fac.withheld).toBe(0);
      expect(
        listContacts(db, rep, {
          coalitionId: w.table.id,
          raceId: w.otherRace.id,
        }).contacts
      ).toEqual([]);
    });
  });

  describe(`F4: service for a candidate in the race or for a party committee walls a person while T − L ≤ ${LB} days (the table's lookback), T being the date of the work`, () => {
    const L = "2020-03-15"; // years before today: the lookback runs from the work date, not from today

    it(`walls work ${LB} days after the last date of service, and not ${LB + 1} days after`, () => {
      const wall = must(
        addWall(
          db,
          actor,
          w.table.id,
          wallInput({
            userId: String(w.rep.id),
            startDate: "2019-06-01",
            lastServiceDate: L,
            evidence: "Payroll record",
          })
        )
      ).wall;
      expect(placement(w.rep, w.race.id, addDays(L, LB))).toMatchObject({
        ok: false,
        rule: "F4",
      });
      expect(placement(w.rep, w.race.id, addDays(L, LB + 1)).ok).toBe(true);
      expect(placement(w.rep, w.race.id, "2019-05-31").ok, "before the service started").toBe(true);
      expect(placement(w.rep, w.otherRace.id, addDays(L, 10)).ok, "candidate service walls only its race").toBe(true);
      expect(wallsForPerson(db, w.table.id, { userId: w.rep.id, email: w.rep.email }, w.race.id, addDays(L, LB)).map((x) => x.id)).toEqual([wall.id]);
      expect(wallsForPerson(db, w.table.id, { userId: w.rep.id, email: w.rep.email }, w.race.id, addDays(L, LB + 1))).toEqual([]);
    });

    it("computes against the date of the work, not today: work dated inside the lookback is walled although today is years later; work years after is not, though today is inside", () => {
      must(
        addWall(
          db,
          actor,
          w.table.id,
          wallInput({
            userId: String(w.rep.id),
            startDate: "2019-06-01",
            lastServiceDate: L,
          })
        )
      );
      expect(placement(w.rep, w.race.id, addDays(L, 30)).ok).toBe(false);
      const recent = addDays(new Date().toISOString().slice(0, 10), -5);
      must(
        addWall(
          db,
          actor,
          w.table.id,
          wallInput({
            userId: String(w.lead.id),
            startDate: addDays(recent, -30),
            lastServiceDate: recent,
          })
        )
      );
      expect(placement(w.lead, w.race.id, addDays(recent, 5)).ok, "today-ish work is walled").toBe(false);
      expect(placement(w.lead, w.race.id, addDays(recent, 400)).ok, "work far ahead is not").toBe(true);
    });

    it(`party committee service taints every race, also at ${LB} and ${LB + 1} days`, () => {
      must(
        addWall(
          db,
          actor,
          w.table.id,
          wallInput({
            reason: "party_service",
            raceId: "",
            servedFor: "State Democratic Committee",
            personName: "Pat Party",
            email: "Pat@Example.org",
            startDate: "2019-01-01",
            lastServiceDate: L,
          })
        )
      );
      const pat = { id: 999_999, email: "pat@example.org" };
      for (const raceId of [w.race.id, w.otherRace.id]) {
        expect(placement(pat, raceId, addDays(L, LB))).toMatchObject({
          ok: false,
          rule: "F4",
        });
        expect(placement(pat, raceId, addDays(L, LB + 1)).ok).toBe(true);
      }
    });

    it("an entry still serving (no last date) walls from its start on; ending it records the last date of service", () => {
      const wall = must(addWall(db, actor, w.table.id, wallInput({ userId: String(w.rep.id), startDate: "2026-01-01" }))).wall;
      expect(placement(w.rep, w.race.id, "2031-01-01").ok).toBe(false);
      must(endWall(db, actor, w.table.id, wall.id, "2026-06-30"));
      expect(placement(w.rep, w.race.id, addDays("2026-06-30", LB)).ok).toBe(false);
      expect(placement(w.rep, w.race.id, addDays("2026-06-30", LB + 1)).ok).toBe(true);
      expect(endWall(db, actor, w.table.id, wall.id, "2026-07-30")).toMatchObject({ ok: false, field: "lastServiceDate" });
    });

    it("an end before the start is a field error, and nothing is written", () => {
      const parsed = parseForm(wallForm, {
        partnerId: String(w.c4.id),
        userId: String(w.rep.id),
        reason: "candidate_service",
        raceId: String(w.race.id),
        startDate: "2026-05-01",
        lastServiceDate: "2026-04-30",
      });
      expect(parsed).toMatchObject({
        ok: false,
        errors: { lastServiceDate: expect.stringMatching(/before the start/) },
      });
      const wall = must(addWall(db, actor, w.table.id, wallInput({ userId: String(w.rep.id), startDate: "2026-05-01" }))).wall;
      const before = {
        walls: JSON.stringify(db.$client.prepare("select * from walls").all()),
        audit: audit().length,
      };
      expect(endWall(db, actor, w.table.id, wall.id, "2026-04-30")).toMatchObject({ ok: false, field: "lastServiceDate" });
      expect(JSON.stringify(db.$client.prepare("select * from walls").all())).toBe(before.walls);
      expect(audit().length).toBe(before.audit);
    });

    it("appends an audit row for the add and for the end (F4, info) in the same transaction: a forced failure leaves neither", () => {
      const wall = must(
        addWall(
          db,
          actor,
          w.table.id,
          wallInput({
            userId: String(w.rep.id),
            startDate: "2026-01-01",
            evidence: "Campaign payroll",
          })
        )
      ).wall;
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.wall_add",
        decision: "info",
        rule: "F4",
        partnerId: w.c4.id,
        raceId: w.race.id,
        subjectType: "wall",
      });
      must(endWall(db, actor, w.table.id, wall.id, "2026-02-01"));
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.wall_end",
        decision: "info",
        rule: "F4",
      });
      breakInserts("audit_log");
      expect(() => addWall(db, actor, w.table.id, wallInput({ userId: String(w.lead.id) }))).toThrow(/forced failure/);
      expect(count("walls")).toBe(1);
    });

    it("a refused placement appends a deny row in the caller's transaction", () => {
      must(addWall(db, actor, w.table.id, wallInput({ userId: String(w.rep.id), startDate: "2026-01-01" })));
      placement(w.rep, w.race.id, "2026-02-01");
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.placement",
        decision: "deny",
        rule: "F4",
        partnerId: w.c4.id,
        raceId: w.race.id,
      });
    });

    it("picks only the member's own people, and races of this table", () => {
      expect(addWall(db, actor, w.table.id, wallInput({ userId: String(w.otherRep.id) }))).toMatchObject({ ok: false, field: "userId" });
      const far = buildRace(db, actor, buildCoalition(db, actor).id);
      expect(addWall(db, actor, w.table.id, wallInput({ userId: String(w.rep.id), raceId: String(far.id) }))).toMatchObject({ ok: false, field: "raceId" });
      expect(count("walls")).toBe(0);
    });

    it("a counsel sees its member's entries and the contact walls of its people, never another member's entries; neutral staff see contact walls", () => {
      must(addWall(db, actor, w.table.id, wallInput({ userId: String(w.rep.id), evidence: "Own entry" })));
      must(
        addWall(db, actor, w.table.id, {
          ...wallInput({ userId: String(w.otherRep.id) }),
          partnerId: w.other.id,
          userId: w.otherRep.id,
          evidence: "Other member's entry",
        })
      );
      must(
        recordContact(
          db,
          actor,
          w.table.id,
          contactInput({
            plansOrNeeds: "on",
            attendees: [String(w.lead.id), String(w.otherRep.id)],
          })
        )
      );
      const today = "2027-04-01";
      const mine = listWalls(db, loadPrincipal(db, w.counsel.id)!, {
        coalitionId: w.table.id,
        today,
      });
      expect(mine.map((x) => [x.personName, x.reason]).sort()).toEqual([
        ["Lou Lead", "campaign_contact"],
        ["Remy Rep", "candidate_service"],
      ]);
      expect(JSON.stringify(mine)).not.toContain("Other member's entry");
      const theirs = listWalls(db, loadPrincipal(db, w.otherCounsel.id)!, {
        coalitionId: w.table.id,
        today,
      });
      expect(theirs.map((x) => x.personName).sort()).toEqual(["Otis Rep", "Otis Rep"]);
      expect(JSON.stringify(theirs)).not.toContain("Own entry");
      const fac = listWalls(db, loadPrincipal(db, w.facilitator.id)!, {
        coalitionId: w.table.id,
        today,
      });
      expect(fac.map((x) => x.reason)).toEqual(["campaign_contact", "campaign_contact"]);
      expect(
        listWalls(db, loadPrincipal(db, w.rep.id)!, {
          coalitionId: w.table.id,
          today,
        })
      ).toEqual([]);
      const contact = mine.find((x) => x.reason === "campaign_contact")!;
      expect(contact.until).toEqual({ kind: "general", date: "2027-11-02" });
      expect(contact.inForce).toBe(true);
      expect(mine.find((x) => x.reason === "candidate_service")!.until).toEqual({ kind: "serving" });
    });
  });

  describe(`F5: a vendor that served a candidate in the race or a party within ${LB} days needs its own firewall policy on file before a member uses it there`, () => {
    const L = "2027-01-10";
    function vendorWith(client: { kind: "candidate" | "party"; raceId: number | null }) {
      const vendor = must(
        createVendor(db, actor, w.table.id, {
          name: `Vendor ${Math.random()}`,
          services: "Mail",
        })
      ).vendor;
      must(
        addVendorClient(db, actor, w.table.id, {
          vendorId: vendor.id,
          kind: client.kind,
          raceId: client.raceId,
          servedFor: "Vale for Congress",
          startDate: "2026-06-01",
          lastServiceDate: L,
        })
      );
      return vendor;
    }
    const use = (vendorId: number, raceId: number, useDate: string) =>
      recordVendorUse(db, actor, w.table.id, {
        vendorId,
        partnerId: w.c4.id,
        raceId,
        useDate,
        purpose: "Mail program",
      });

    it(`refuses a use ${LB} days after the last service without the policy; the deny row lands, the use does not`, () => {
      const vendor = vendorWith({ kind: "candidate", raceId: w.race.id });
      const before = audit().length;
      const r = use(vendor.id, w.race.id, addDays(L, LB));
      expect(r).toMatchObject({ ok: false, field: "vendorId", rule: "F5" });
      expect(!r.ok && r.message).toMatch(/policy must be on file/);
      expect(count("vendor_uses")).toBe(0);
      expect(audit().slice(before)).toEqual([
        expect.objectContaining({
          action: "firewall.vendor_use",
          decision: "deny",
          rule: "F5",
          partnerId: w.c4.id,
          raceId: w.race.id,
        }),
      ]);
    });

    it(`allows a use ${LB + 1} days after the last service without the policy, with an allow row`, () => {
      const vendor = vendorWith({ kind: "candidate", raceId: w.race.id });
      must(use(vendor.id, w.race.id, addDays(L, LB + 1)));
      expect(count("vendor_uses")).toBe(1);
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.vendor_use",
        decision: "allow",
        rule: "F5",
      });
    });

    it(`allows a use inside ${LB} days once the vendor's policy is on file`, () => {
      const vendor = vendorWith({ kind: "candidate", raceId: w.race.id });
      must(
        recordVendorPolicy(db, actor, w.table.id, {
          vendorId: vendor.id,
          policyOnFileAt: "2027-01-20",
          policyNote: "Signed firewall memo",
        })
      );
      must(use(vendor.id, w.race.id, addDays(L, LB)));
      expect(audit().at(-1)).toMatchObject({
        action: "firewall.vendor_use",
        decision: "allow",
        rule: "F5",
        detail: expect.stringMatching(/policy on file/),
      });
    });

    it("candidate service in another race does not count; party service counts in every race", () => {
      const other = vendorWith({ kind: "candidate", raceId: w.otherRace.id });
      must(use(other.id, w.race.id, addDays(L, 30)));
      const party = vendorWith({ kind: "party", raceId: null });
      expect(use(party.id, w.race.id, addDays(L, 30))).toMatchObject({
        ok: false,
        rule: "F5",
      });
      expect(use(party.id, w.otherRace.id, addDays(L, LB))).toMatchObject({
        ok: false,
        rule: "F5",
      });
      must(use(party.id, w.otherRace.id, addDays(L, LB + 1)));
    });

    it("an allowed use and its audit row land together: a forced failure leaves neither", () => {
      const vendor = vendorWith({ kind: "candidate", raceId: w.race.id });
      const before = audit().length;
      breakInserts("vendor_uses");
      expect(() => use(vendor.id, w.race.id, addDays(L, 200))).toThrow(/forced failure/);
      expect(audit().length).toBe(before);
    });

    it("refuses vendors and races of another table, writing nothing", () => {
      const vendor = vendorWith({ kind: "candidate", raceId: w.race.id });
      const elsewhere = buildCoalition(db, actor);
      const farRace = buildRace(db, actor, elsewhere.id);
      const before = audit().length;
      expect(
        recordVendorUse(db, actor, elsewhere.id, {
          vendorId: vendor.id,
          partnerId: w.c4.id,
          raceId: w.race.id,
          useDate: "2027-06-01",
          purpose: "",
        })
      ).toMatchObject({ ok: false, field: "vendorId" });
      expect(
        recordVendorUse(db, actor, w.table.id, {
          vendorId: vendor.id,
          partnerId: w.c4.id,
          raceId: farRace.id,
          useDate: "2027-06-01",
          purpose: "",
        })
      ).toMatchObject({
        ok: false,
        field: "raceId",
      });
      expect(
        addVendorClient(db, actor, elsewhere.id, {
          vendorId: vendor.id,
          kind: "party",
          raceId: null,
          servedFor: "X",
          startDate: "2027-01-01",
          lastServiceDate: null,
        })
      ).toMatchObject({ ok: false, field: "vendorId" });
      expect(createVendor(db, actor, w.table.id, { name: vendor.name, services: "" })).toMatchObject({ ok: false, field: "name" });
      expect(audit().length).toBe(before);
    });
  });
});
