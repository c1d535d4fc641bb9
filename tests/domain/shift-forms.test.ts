import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseForm } from "~/domain/forms";
import { attendanceForm, coHostChoices, exportForm, turfMismatch, WORK_TURF_KIND, overlaps, resultsForm, samePerson, seatsLeft, shiftForm, shiftTimes, signupForm, turfConflict, weekParam } from "~/domain/shift-forms";
import { parse } from "~/server/http.server";

const base = {
  workType: "doorknock",
  title: "",
  startsAt: "2027-04-10T09:00",
  endsAt: "2027-04-10T12:00",
  location: "Hall",
  callLink: "",
  hostAffiliateId: "3",
  hostKind: "",
  campaignHost: "",
  capacity: "10",
  notes: "",
};

describe("shiftForm", () => {
  it("reads the fields and the ticked co-hosts and turf, each once and in order (never the host as its own co-host)", () => {
    const r = parseForm(shiftForm, { ...base, coHosts: ["7", "3", "7"], turf: "12" });
    expect(r.ok && r.data).toMatchObject({ hostKind: "affiliate", capacity: 10, coHostIds: [7], turfUnitIds: [12], callLink: null });
    expect(r.ok && "coHosts" in r.data).toBe(false);
  });
  it("reads lists as the browser posts them: none ticked, one, several (conform on the server alike)", () => {
    for (const read of [parseForm, parse]) {
      expect(read(shiftForm, base)).toMatchObject({ ok: true, data: { coHostIds: [], turfUnitIds: [] } });
      expect(read(shiftForm, { ...base, coHosts: "9", turf: "" })).toMatchObject({ ok: true, data: { coHostIds: [9], turfUnitIds: [] } });
      expect(read(shiftForm, { ...base, coHosts: ["9", "4"], turf: ["5", "2"] })).toMatchObject({ ok: true, data: { coHostIds: [4, 9], turfUnitIds: [2, 5] } });
    }
  });
  it.each([
    [{ coHosts: ["7", "x"] }, "coHosts", "Co-hosts must be affiliates taking part in this program."],
    [{ turf: "-1" }, "turf", "Choose turf units of this program."],
    [{ turf: ["12", "01"] }, "turf", "Choose turf units of this program."],
  ])("%j: a junk id in a list is refused next to the list", (over, field, message) => {
    for (const read of [parseForm, parse]) {
      const r = read(shiftForm, { ...base, ...over });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[field]).toBe(message);
    }
  });
  it.each([
    [{ workType: "" }, "workType"],
    [{ startsAt: "2027-04-10" }, "startsAt"],
    [{ endsAt: "2027-04-31T10:00" }, "endsAt"],
    [{ capacity: "10001" }, "capacity"],
    [{ capacity: "-1" }, "capacity"],
    [{ hostAffiliateId: "0" }, "hostAffiliateId"],
    [{ hostKind: "campaign" }, "campaignHost"],
    [{ hostKind: "party" }, "hostKind"],
    [{ location: "" }, "location"],
    [{ workType: "phonebank", location: "" }, "callLink"],
    [{ callLink: "http://insecure.example" }, "callLink"],
    [{ notes: "x".repeat(4001) }, "notes"],
  ])("%j → an error on %s", (over, field) => {
    const r = parseForm(shiftForm, { ...base, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field]).toBeTruthy();
  });
  it("never throws on any input", () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), (v) => void parseForm(shiftForm, v)));
  });
});

describe("shiftTimes", () => {
  const program = { startDate: "2027-04-01", endDate: "2027-04-30" };
  it("converts in the race's zone and checks order, length and the program's dates", () => {
    expect(shiftTimes({ startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T12:00" }, "America/Phoenix", program)).toEqual({ ok: true, startsAt: "2027-04-10T16:00:00.000Z", endsAt: "2027-04-10T19:00:00.000Z", ambiguous: false });
    expect(shiftTimes({ startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T09:00" }, "UTC", program)).toMatchObject({ ok: false, field: "endsAt" });
    expect(shiftTimes({ startsAt: "2027-04-10T09:00", endsAt: "2027-04-11T10:00" }, "UTC", program)).toMatchObject({ ok: false, field: "endsAt", message: expect.stringMatching(/24 hours/) });
    expect(shiftTimes({ startsAt: "2027-03-31T23:00", endsAt: "2027-04-01T01:00" }, "UTC", program)).toMatchObject({ ok: false, field: "startsAt" });
    expect(shiftTimes({ startsAt: "2027-04-30T22:00", endsAt: "2027-05-01T00:00" }, "UTC", program).ok).toBe(true); // ends at midnight: still the 30th
    expect(shiftTimes({ startsAt: "2027-04-30T22:00", endsAt: "2027-05-01T00:30" }, "UTC", program)).toMatchObject({ ok: false, field: "endsAt" });
  });
});

describe("overlaps and conflicts", () => {
  const s = (a: string, b: string) => ({ startsAt: `2027-04-10T${a}:00.000Z`, endsAt: `2027-04-10T${b}:00.000Z` });
  it("half-open spans: touching is not overlapping", () => {
    expect(overlaps(s("09:00", "12:00"), s("11:00", "13:00"))).toBe(true);
    expect(overlaps(s("09:00", "12:00"), s("12:00", "13:00"))).toBe(false);
    expect(overlaps(s("09:00", "12:00"), s("10:00", "11:00"))).toBe(true);
  });
  it("is symmetric", () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 })).map(([a, l]) => ({ startsAt: new Date(a * 60_000).toISOString(), endsAt: new Date((a + l) * 60_000).toISOString() }));
    fc.assert(fc.property(span, span, (a, b) => overlaps(a, b) === overlaps(b, a)));
  });
  it("a turf conflict needs the same unit and an overlap, and ignores the shift itself", () => {
    const others = [{ id: 1, ...s("09:00", "12:00"), turfUnitIds: [5, 6] }];
    expect(turfConflict({ id: null, ...s("11:00", "13:00"), turfUnitIds: [6] }, others)).toMatchObject({ unitId: 6 });
    expect(turfConflict({ id: null, ...s("11:00", "13:00"), turfUnitIds: [7] }, others)).toBeNull();
    expect(turfConflict({ id: null, ...s("12:00", "13:00"), turfUnitIds: [5] }, others)).toBeNull();
    expect(turfConflict({ id: 1, ...s("09:00", "12:00"), turfUnitIds: [5] }, others)).toBeNull();
  });
  it("samePerson: email in any case, or the last ten digits of a phone", () => {
    expect(samePerson({ email: "A@x.org", phone: null }, { email: "a@X.org", phone: null })).toBe(true);
    expect(samePerson({ email: null, phone: "+1 (610) 555-0100" }, { email: null, phone: "610.555.0100" })).toBe(true);
    expect(samePerson({ email: null, phone: "" }, { email: null, phone: "" })).toBe(false);
    expect(samePerson({ email: "a@x.org", phone: null }, { email: "b@x.org", phone: null })).toBe(false);
  });
  it("seatsLeft never goes negative", () => {
    expect(seatsLeft(10, 3)).toBe(7);
    expect(seatsLeft(2, 5)).toBe(0);
  });
});

describe("sign-up, results, export forms", () => {
  it("a sign-up needs a name and an email or phone; email is lower-cased", () => {
    expect(parseForm(signupForm, { volunteerName: "Vi", email: "VI@Example.ORG", recruitedByAffiliateId: "2" })).toMatchObject({ ok: true, data: { email: "vi@example.org", phone: null, confirmDouble: false } });
    expect(parseForm(signupForm, { volunteerName: "Vi", recruitedByAffiliateId: "2" })).toMatchObject({ ok: false, errors: { email: expect.any(String) } });
    expect(parseForm(signupForm, { volunteerName: "Vi", phone: "610-555-0100", recruitedByAffiliateId: "x" })).toMatchObject({ ok: false, errors: { recruitedByAffiliateId: expect.any(String) } });
  });
  it("results are whole numbers from 0 (commas allowed)", () => {
    const ok = parseForm(resultsForm, { affiliateId: "1", doorsKnocked: "1,200", conversations: "0", callsDialed: "3", contactsMade: "0", textsSent: "0" });
    expect(ok).toMatchObject({ ok: true, data: { doorsKnocked: 1200, callsDialed: 3 } });
    for (const bad of ["-1", "1.5", "", "lots", "99999999999"]) {
      expect(parseForm(resultsForm, { affiliateId: "1", doorsKnocked: bad, conversations: "0", callsDialed: "0", contactsMade: "0", textsSent: "0" }).ok, bad).toBe(false);
    }
  });
  it("an export says what and for whom", () => {
    expect(parseForm(exportForm, { kind: "results", recipient: "campaign" }).ok).toBe(true);
    expect(parseForm(exportForm, { kind: "results", recipient: "" }).ok).toBe(false);
  });
  it("attendance: attended, no-show or blank for not taken; a junk sign-up is a refusal of the form", () => {
    expect(parse(attendanceForm, { signupId: "4", attended: "yes" })).toEqual({ ok: true, data: { signupId: 4, attended: true } });
    expect(parse(attendanceForm, { signupId: "4", attended: "no" })).toEqual({ ok: true, data: { signupId: 4, attended: false } });
    expect(parse(attendanceForm, { signupId: "4", attended: "" })).toEqual({ ok: true, data: { signupId: 4, attended: null } });
    expect(parse(attendanceForm, { signupId: "4", attended: "maybe" })).toMatchObject({ ok: false, errors: { attended: "Choose attended, no-show or not taken." } });
    expect(parse(attendanceForm, { signupId: "x", attended: "yes" })).toMatchObject({ ok: false, errors: { _form: "Choose a sign-up." } });
  });
  it("weekParam ignores junk", () => {
    expect(weekParam("2027-04-07")).toBe("2027-04-07");
    expect(weekParam("2027-02-30")).toBeNull();
    expect(weekParam(null)).toBeNull();
  });
});

describe("turfMismatch: each work type works its own kind of turf (issue 15)", () => {
  it("refuses a call list as doorknock turf, naming the unit", () => {
    expect(turfMismatch("doorknock", [{ code: "LEH-1", kind: "walk_packet" }, { code: "CL-001", kind: "call_list" }])).toEqual({
      code: "CL-001",
      message: "CL-001 is a call list; a doorknock works walk packets only. Untick it or change the work type.",
    });
  });
  it("takes units of the work type's kind; a phonebank refuses a walk packet and a textbank a call list", () => {
    expect(turfMismatch("doorknock", [{ code: "LEH-1", kind: "walk_packet" }])).toBeNull();
    expect(turfMismatch("phonebank", [{ code: "CL-1", kind: "call_list" }])).toBeNull();
    expect(turfMismatch("phonebank", [{ code: "LEH-1", kind: "walk_packet" }])?.code).toBe("LEH-1");
    expect(turfMismatch("textbank", [{ code: "CL-1", kind: "call_list" }])?.code).toBe("CL-1");
    expect(turfMismatch("doorknock", [])).toBeNull();
  });
  it("an event or an organizing call names no kind", () => {
    expect(WORK_TURF_KIND.public_event).toBeNull();
    expect(turfMismatch("public_event", [{ code: "CL-1", kind: "call_list" }, { code: "W-1", kind: "walk_packet" }])).toBeNull();
  });
});

describe("coHostChoices: the host is never offered as its own co-host (issue 15)", () => {
  const ps = [{ id: 3 }, { id: 7 }, { id: 9 }];
  it("leaves out the chosen host, given as a number or as the select's string", () => {
    expect(coHostChoices(ps, 7).map((p) => p.id)).toEqual([3, 9]);
    expect(coHostChoices(ps, "3").map((p) => p.id)).toEqual([7, 9]);
  });
  it("offers everyone when no host is chosen", () => {
    expect(coHostChoices(ps, "").map((p) => p.id)).toEqual([3, 7, 9]);
    expect(coHostChoices(ps, null).map((p) => p.id)).toEqual([3, 7, 9]);
  });
});
