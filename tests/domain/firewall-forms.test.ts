import { describe, expect, it } from "vitest";
import { sidesRaceQuery } from "~/domain/counsel-forms";
import { contactForm, endWallForm, parseAttendeeLines, vendorClientForm, vendorUseForm, walledUntil, wallForm } from "~/domain/firewall-forms";
import { parseForm } from "~/domain/forms";

describe("parseAttendeeLines: other attendees as Name <email>, one per line", () => {
  it("reads names and lower-cased emails, skips blank lines and repeated emails", () => {
    expect(parseAttendeeLines(' Sam Outsider <SAM@Example.org>\n\n"Ann Bee" <ann@example.org>\r\nSam Again <sam@example.org>')).toEqual({
      people: [
        { name: "Sam Outsider", email: "sam@example.org" },
        { name: "Ann Bee", email: "ann@example.org" },
      ],
      bad: [],
    });
  });
  it("names the lines that are not of that form", () => {
    expect(parseAttendeeLines("just a name\n<nobody@example.org>\nAnn <not-an-email>\nOk <ok@example.org>").bad).toEqual(["just a name", "<nobody@example.org>", "Ann <not-an-email>"]);
  });
});

describe("contactForm (F3)", () => {
  const valid = { raceId: "3", contactDate: "2027-02-01", topic: "Field plans", attendees: "7" };
  it("parses ticked attendees (one list field) and other attendees", () => {
    const r = parseForm(contactForm, { ...valid, attendees: ["9", "7", "9"], plansOrNeeds: "on", others: "Sam <sam@example.org>" });
    expect(r).toMatchObject({ ok: true, data: { raceId: 3, candidateId: null, plansOrNeeds: true, attendeeUserIds: [7, 9], others: [{ name: "Sam", email: "sam@example.org" }] } });
  });
  it("a contact without attendees or date: errors on both fields", () => {
    const r = parseForm(contactForm, { raceId: "3", topic: "x", contactDate: "" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["attendees", "contactDate"]);
  });
  it("rejects a bad date, a junk race, a bad other-attendee line", () => {
    const r = parseForm(contactForm, { ...valid, contactDate: "2027-02-30", raceId: "1e3", others: "nope" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["contactDate", "others", "raceId"]);
  });
  it("plans or needs is off unless ticked", () => {
    expect(parseForm(contactForm, valid)).toMatchObject({ ok: true, data: { plansOrNeeds: false } });
  });
  it("one ticked attendee reads as a list of one; a junk attendee id is an error at the list", () => {
    expect(parseForm(contactForm, valid)).toMatchObject({ ok: true, data: { attendeeUserIds: [7] } });
    for (const junk of ["x", "01", "0", "on", ["2", "1e3"]]) expect(parseForm(contactForm, { ...valid, attendees: junk })).toMatchObject({ ok: false, errors: { attendees: expect.any(String) } });
  });
});

describe("wallForm (F4)", () => {
  const valid = { partnerId: "1", userId: "5", reason: "candidate_service", raceId: "2", startDate: "2026-01-01" };
  it("a wall with an end before its start: an error on the last date of service", () => {
    const r = parseForm(wallForm, { ...valid, lastServiceDate: "2025-12-31" });
    expect(r).toMatchObject({ ok: false, errors: { lastServiceDate: expect.stringMatching(/before the start/) } });
    expect(parseForm(wallForm, { ...valid, lastServiceDate: "2026-01-01" }).ok).toBe(true);
  });
  it("needs a person (picked, or name and email), the race for candidate service, the committee for party service", () => {
    const r = parseForm(wallForm, { partnerId: "1", reason: "candidate_service", startDate: "2026-01-01", email: "bad" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["email", "personName", "raceId"]);
    const party = parseForm(wallForm, { partnerId: "1", userId: "5", reason: "party_service", startDate: "2026-01-01" });
    expect(party).toMatchObject({ ok: false, errors: { servedFor: expect.any(String) } });
  });
  it("endWallForm needs a real date", () => {
    expect(parseForm(endWallForm, { wallId: "1", lastServiceDate: "" }).ok).toBe(false);
    expect(parseForm(endWallForm, { wallId: "1", lastServiceDate: "2026-05-01" }).ok).toBe(true);
  });
});

describe("vendor forms (F5)", () => {
  it("a client with an end before its start is an error; a party client has no race", () => {
    const base = { vendorId: "1", kind: "party", raceId: "4", servedFor: "State Committee", startDate: "2026-05-01" };
    expect(parseForm(vendorClientForm, { ...base, lastServiceDate: "2026-04-30" })).toMatchObject({ ok: false, errors: { lastServiceDate: expect.any(String) } });
    expect(parseForm(vendorClientForm, base)).toMatchObject({ ok: true, data: { raceId: null } });
    expect(parseForm(vendorClientForm, { ...base, kind: "candidate", raceId: "" })).toMatchObject({ ok: false, errors: { raceId: expect.any(String) } });
  });
  it("a use needs vendor, member, race and date", () => {
    const r = parseForm(vendorUseForm, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["partnerId", "raceId", "useDate", "vendorId"]);
  });
});

describe("walledUntil", () => {
  it("service: the last date + 120 days; while serving: no end; a contact: the general election", () => {
    expect(walledUntil({ reason: "candidate_service", raceId: 1, startDate: "2026-01-01", lastServiceDate: "2026-03-31", untilDate: null }, 120)).toEqual({ kind: "date", date: "2026-07-29" });
    expect(walledUntil({ reason: "party_service", raceId: null, startDate: "2026-01-01", lastServiceDate: null, untilDate: null }, 120)).toEqual({ kind: "serving" });
    expect(walledUntil({ reason: "campaign_contact", raceId: 1, startDate: "2026-01-01", lastServiceDate: null, untilDate: "2026-11-03" }, 120)).toEqual({ kind: "general", date: "2026-11-03" });
    // a state table whose counsel set 60 days
    expect(walledUntil({ reason: "candidate_service", raceId: 1, startDate: "2026-01-01", lastServiceDate: "2026-03-31", untilDate: null }, 60)).toEqual({ kind: "date", date: "2026-05-30" });
  });
});

describe("sidesRaceQuery: the sides page's race search (issue 15)", () => {
  it("reads a state and district as the table writes them, a state alone, or a district alone", () => {
    expect(sidesRaceQuery("PA-07")).toEqual({ state: "PA", district: "07" });
    expect(sidesRaceQuery(" pa 7 ")).toEqual({ state: "PA", district: "07" });
    expect(sidesRaceQuery("pa")).toEqual({ state: "PA", district: null });
    expect(sidesRaceQuery("7")).toEqual({ state: null, district: "07" });
    expect(sidesRaceQuery("12")).toEqual({ state: null, district: "12" });
    expect(sidesRaceQuery("VT-al")).toEqual({ state: "VT", district: "AL" });
  });
  it("keeps a district it does not know as typed, and reads nothing from blank input", () => {
    expect(sidesRaceQuery("NY-HD 12")).toEqual({ state: "NY", district: "HD 12" });
    expect(sidesRaceQuery("   ")).toBeNull();
    expect(sidesRaceQuery(null)).toBeNull();
  });
});
