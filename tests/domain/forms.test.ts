import { describe, expect, it } from "vitest";
import {
  affiliateForm,
  candidateForm,
  coalitionForm,
  coverageForm,
  formValues,
  isTimeZone,
  parseCountyList,
  parseDistrictList,
  parseForm,
  partnerForm,
  profileItemForm,
  raceForm,
  stanceForm,
} from "~/domain/forms";

/** Parses and asserts failure, returning the field errors. */
function errorsOf(schema: Parameters<typeof parseForm>[0], values: Record<string, string>) {
  const r = parseForm(schema, values);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error("expected a failure");
  expect(r.values).toEqual(values);
  return r.errors;
}

function dataOf<S extends Parameters<typeof parseForm>[0]>(schema: S, values: Record<string, string>) {
  const r = parseForm(schema, values);
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.data;
}

describe("parseForm", () => {
  it("keeps one message per field (the first) and the values as typed", () => {
    const values = { name: "", level: "federal", cycle: "twenty", threshold: "4" };
    const r = parseForm(coalitionForm, values);
    expect(r).toEqual({
      ok: false,
      errors: { name: "Name is required.", cycle: "Cycle year must be a whole number." },
      values,
    });
  });

  it("formValues takes the strings of a FormData, a repeated name as a list (a checkbox list), and skips files", () => {
    const fd = new FormData();
    fd.append("name", "first");
    fd.append("name", "second");
    fd.append("level", "federal");
    fd.append("upload", new Blob(["x"]), "x.txt");
    expect(formValues(fd)).toEqual({ name: ["first", "second"], level: "federal" });
  });
});

describe("coalitionForm", () => {
  it("parses a valid table, trimming and converting numbers", () => {
    expect(dataOf(coalitionForm, { name: "  PA Table  ", level: "federal", cycle: "2026", threshold: "4" })).toEqual({
      name: "PA Table",
      level: "federal",
      cycle: 2026,
      threshold: 4,
    });
  });

  it("reports every missing field", () => {
    expect(errorsOf(coalitionForm, {})).toEqual({
      name: "Name is required.",
      level: "Choose a level.",
      cycle: "Cycle year is required.",
      threshold: "Critical-mass threshold is required.",
    });
  });

  it("holds the threshold to 2–10 and the cycle to a whole year", () => {
    const base = { name: "T", level: "municipal", cycle: "2026" };
    expect(errorsOf(coalitionForm, { ...base, threshold: "1" })).toEqual({ threshold: "Critical-mass threshold must be from 2 to 10." });
    expect(errorsOf(coalitionForm, { ...base, threshold: "11" })).toEqual({ threshold: "Critical-mass threshold must be from 2 to 10." });
    expect(errorsOf(coalitionForm, { ...base, threshold: "3.5" })).toEqual({ threshold: "Critical-mass threshold must be a whole number." });
    expect(dataOf(coalitionForm, { ...base, threshold: "2" }).threshold).toBe(2);
    expect(dataOf(coalitionForm, { ...base, threshold: "10" }).threshold).toBe(10);
    expect(errorsOf(coalitionForm, { ...base, cycle: "1999", threshold: "4" })).toEqual({ cycle: "Cycle year must be from 2000 to 2100." });
    expect(errorsOf(coalitionForm, { ...base, level: "galactic", threshold: "4" })).toEqual({ level: "Choose a level." });
  });

  it("limits the name's length", () => {
    expect(errorsOf(coalitionForm, { name: "x".repeat(121), level: "federal", cycle: "2026", threshold: "4" })).toEqual({
      name: "Name must be at most 120 characters.",
    });
  });
});

describe("partnerForm", () => {
  const valid = { name: "Working Families", shortName: "WFP", legalType: "c4", website: "https://wfp.example.org", contactName: "", contactEmail: "a@b.org" };

  it("parses a valid partner; blank optional fields become null", () => {
    expect(dataOf(partnerForm, valid)).toEqual({
      name: "Working Families",
      shortName: "WFP",
      legalType: "c4",
      website: "https://wfp.example.org",
      contactName: null,
      contactEmail: "a@b.org",
    });
    expect(dataOf(partnerForm, { name: "N", shortName: "S", legalType: "527" })).toMatchObject({ website: null, contactName: null, contactEmail: null });
  });

  it("refuses a bad legal type, web address and email, keyed by field", () => {
    expect(errorsOf(partnerForm, { ...valid, legalType: "c7", website: "wfp.org", contactEmail: "nobody" })).toEqual({
      legalType: "Choose a legal type.",
      website: "Website must be a web address starting with http:// or https://.",
      contactEmail: "Email must look like name@example.org.",
    });
  });

  it("limits the short name to 24 characters", () => {
    expect(errorsOf(partnerForm, { ...valid, shortName: "S".repeat(25) })).toEqual({ shortName: "Short name must be at most 24 characters." });
  });
});

describe("parseDistrictList", () => {
  it("pads, upper-cases AL and removes duplicates", () => {
    expect(parseDistrictList("3, 07,12")).toEqual({ values: ["03", "07", "12"], bad: [] });
    expect(parseDistrictList("7; 07\nal")).toEqual({ values: ["07", "AL"], bad: [] });
    expect(parseDistrictList("")).toEqual({ values: [], bad: [] });
    expect(parseDistrictList(" , ,")).toEqual({ values: [], bad: [] });
  });

  it("reports what it cannot read", () => {
    expect(parseDistrictList("3, 0, x7, 123, PA-7")).toEqual({ values: ["03"], bad: ["0", "x7", "123", "PA-7"] });
  });

  it("parseCountyList trims and removes duplicates", () => {
    expect(parseCountyList("Bucks, Chester;Bucks\n Delaware ")).toEqual(["Bucks", "Chester", "Delaware"]);
  });
});

describe("affiliateForm", () => {
  const valid = { partnerId: "3", name: "PA Chapter", state: "pa", legalType: "", districts: "7, 01", counties: "Bucks, Chester", leadName: "Lee", leadContact: "" };

  it("parses a valid affiliate into coverage lists", () => {
    expect(dataOf(affiliateForm, valid)).toEqual({
      partnerId: 3,
      name: "PA Chapter",
      state: "PA",
      legalType: null,
      districts: ["07", "01"],
      counties: ["Bucks", "Chester"],
      // issue 13: the other kinds of coverage, empty when not given
      statewide: false,
      upperDistricts: [],
      lowerDistricts: [],
      cities: [],
      wards: [],
      leadName: "Lee",
      leadContact: null,
    });
  });

  it("reads coverage of every level, and says a bad ward or legislative district next to its field (issue 13)", () => {
    expect(dataOf(affiliateForm, { ...valid, statewide: "on", upperDistricts: "48", lowerDistricts: "34a", cities: "Chicago", wards: "Chicago: 5" })).toMatchObject({
      statewide: true,
      upperDistricts: ["48"],
      lowerDistricts: ["34A"],
      cities: ["Chicago"],
      wards: [{ city: "Chicago", ward: "5" }],
    });
    const bad = parseForm(coverageForm, { wards: "5, 25", lowerDistricts: "1900" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.wards).toBe("Write wards with their city, like Chicago: 5, 25 (not: 5, 25).");
      expect(bad.errors.lowerDistricts).toMatch(/Lower-chamber districts are numbers like 48 or 34A/);
    }
  });

  it("keeps an affiliate's own legal type", () => {
    expect(dataOf(affiliateForm, { ...valid, legalType: "c3" }).legalType).toBe("c3");
    expect(dataOf(affiliateForm, { partnerId: "1", name: "N", state: "NY" })).toMatchObject({ districts: [], counties: [], legalType: null });
  });

  it("refuses bad districts, naming them, under the districts field", () => {
    expect(errorsOf(affiliateForm, { ...valid, districts: "3, x, 0" })).toEqual({
      districts: "Districts must be numbers like 3 or 07, or AL for at-large (not: x, 0).",
    });
  });

  it("reports bad districts together with the other fields' errors", () => {
    expect(errorsOf(affiliateForm, { ...valid, name: "", state: "ZZ", districts: "x" })).toEqual({
      name: "Name is required.",
      state: "State must be a two-letter US state code, like PA.",
      districts: "Districts must be numbers like 3 or 07, or AL for at-large (not: x).",
    });
  });

  it("refuses a missing partner and an unknown legal type", () => {
    expect(errorsOf(affiliateForm, { ...valid, partnerId: "", legalType: "c9" })).toEqual({
      partnerId: "Partner is required.",
      legalType: "Choose a legal type.",
    });
  });
});

describe("raceForm", () => {
  const valid = { office: "U.S. House", state: "pa", district: "7", seats: "1", primaryDate: "2026-05-19", generalDate: "2026-11-03", incumbent: "", timeZone: "" };

  // issue 13: the form checks the district's shape for the level and the state's House seats;
  // the model writes it normalized ("7" → "07", see tests/routes/races.test.ts)
  it("parses a valid race: state upper-cased, blanks to null, a party primary unless said", () => {
    expect(dataOf(raceForm, valid)).toEqual({
      office: "U.S. House",
      state: "PA",
      district: "7",
      chamber: null,
      locality: null,
      localityKind: null,
      seatKind: null,
      primaryKind: "partisan",
      seats: 1,
      primaryDate: "2026-05-19",
      generalDate: "2026-11-03",
      runoffDate: null,
      specialDate: null,
      incumbent: null,
      timeZone: null,
    });
  });

  it("accepts at-large and statewide races and a time zone", () => {
    expect(dataOf(raceForm, { ...valid, state: "vt", district: "al" }).district).toBe("al");
    expect(errorsOf(raceForm, { ...valid, district: "al" })).toEqual({ district: "Pennsylvania has 17 congressional districts and no at-large seat." });
    expect(dataOf(raceForm, { ...valid, district: "" }).district).toBeNull();
    expect(dataOf(raceForm, { ...valid, timeZone: "America/Chicago" }).timeZone).toBe("America/Chicago");
  });

  it("general before primary refused, on the generalDate field", () => {
    expect(errorsOf(raceForm, { ...valid, generalDate: "2026-05-18" })).toEqual({
      generalDate: "The general election must be on or after the primary.",
    });
    // the same day is allowed
    expect(dataOf(raceForm, { ...valid, generalDate: "2026-05-19" }).generalDate).toBe("2026-05-19");
  });

  it("a malformed primary date gets its own message and no ordering message", () => {
    expect(errorsOf(raceForm, { ...valid, primaryDate: "next spring" })).toEqual({ primaryDate: "Primary date must be a date (YYYY-MM-DD)." });
    expect(errorsOf(raceForm, { ...valid, generalDate: "2026-02-30" })).toEqual({ generalDate: "General election date must be a date (YYYY-MM-DD)." });
  });

  it("refuses bad state, seats and time zone; then a district that cannot be", () => {
    expect(errorsOf(raceForm, { ...valid, state: "XX", district: "7a", seats: "0", timeZone: "Mars/Olympus" })).toEqual({
      state: "State must be a two-letter US state code, like PA.",
      seats: "Seats must be from 1 to 20.",
      timeZone: "Time zone must be an IANA zone such as America/New_York.",
    });
    expect(errorsOf(raceForm, { ...valid, district: "7a" })).toEqual({ district: "District must be a number like 7, or AL for at-large." });
  });

  it("refuses district 0 and a district past the state's House seats (districts start at 1; at-large is AL)", () => {
    expect(errorsOf(raceForm, { ...valid, district: "0" })).toEqual({ district: "Pennsylvania has 17 congressional districts: write a number from 1 to 17." });
    expect(errorsOf(raceForm, { ...valid, district: "00" })).toEqual({ district: "Pennsylvania has 17 congressional districts: write a number from 1 to 17." });
    expect(errorsOf(raceForm, { ...valid, district: "18" })).toEqual({ district: "Pennsylvania has 17 congressional districts: write a number from 1 to 17." });
  });

  it("a race with no primary needs no primary date; any other needs one", () => {
    expect(dataOf(raceForm, { ...valid, primaryKind: "none", primaryDate: "" }).primaryDate).toBeNull();
    expect(errorsOf(raceForm, { ...valid, primaryDate: "" })).toEqual({ primaryDate: "Primary date is required (or choose no primary)." });
  });

  it("reports missing fields", () => {
    expect(errorsOf(raceForm, {})).toEqual({
      office: "Office is required.",
      state: "State is required.",
      seats: "Seats is required.",
      generalDate: "General election date is required.",
    });
  });

  it("isTimeZone knows IANA zones", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Eastern")).toBe(false);
  });
});

describe("candidateForm", () => {
  const valid = { name: "Ada Lovelace", party: "Democratic", incumbency: "open_seat", bio: "", website: "", socialLinks: "https://x.example/ada\nhttps://bsky.example/ada" };

  it("parses a valid candidate", () => {
    expect(dataOf(candidateForm, valid)).toEqual({
      name: "Ada Lovelace",
      party: "Democratic",
      incumbency: "open_seat",
      bio: "",
      bioSourceUrl: null,
      bioCapturedAt: null,
      website: null,
      socialLinks: "https://x.example/ada\nhttps://bsky.example/ada",
    });
  });

  it("asks a bio its source (rule F2); an empty bio needs none", () => {
    expect(errorsOf(candidateForm, { ...valid, bio: "Pasted from the campaign." })).toEqual({ bioSourceKind: "Choose where the bio came from." });
    expect(dataOf(candidateForm, { ...valid, bio: "Told us at the interview.", bioSourceKind: "campaign" })).toMatchObject({ bio: "Told us at the interview.", bioSourceKind: "campaign" });
    expect(dataOf(candidateForm, { ...valid, bioSourceKind: "campaign" })).toMatchObject({ bio: "" });
  });

  it("refuses a public bio source without its URL and capture date, next to those fields", () => {
    expect(errorsOf(candidateForm, { ...valid, bio: "From her site.", bioSourceKind: "public" })).toEqual({
      bioSourceUrl: "A public source needs the URL it came from.",
      bioCapturedAt: "A public source needs the date it was captured.",
    });
    expect(dataOf(candidateForm, { ...valid, bio: "From her site.", bioSourceKind: "public", bioSourceUrl: "https://ada.example/about", bioCapturedAt: "2026-03-01" })).toMatchObject({
      bioSourceKind: "public",
      bioSourceUrl: "https://ada.example/about",
      bioCapturedAt: "2026-03-01",
    });
  });

  it("refuses bad incumbency, website and social links", () => {
    expect(errorsOf(candidateForm, { ...valid, incumbency: "former", website: "ftp://ada.example", socialLinks: "https://ok.example\nnot-a-link" })).toEqual({
      incumbency: "Choose incumbent, challenger or open seat.",
      website: "Website must be a web address starting with http:// or https://.",
      socialLinks: "Social links must be web addresses starting with http:// or https://, one per line.",
    });
  });

  it("requires name and party", () => {
    expect(errorsOf(candidateForm, { name: " ", party: "", incumbency: "incumbent" })).toEqual({
      name: "Name is required.",
      party: "Party is required.",
    });
  });
});

describe("profileItemForm", () => {
  it("refuses an amount of 14 digits or more instead of storing a number too large to show", () => {
    const r = parseForm(profileItemForm, { kind: "fundraising", raised: "9".repeat(14), asOf: "2026-10-01", sourceKind: "research" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.raised).toMatch(/under \$10 trillion/);
    expect(parseForm(profileItemForm, { kind: "fundraising", raised: "9".repeat(13), asOf: "2026-10-01", sourceKind: "research" }).ok).toBe(true);
  });

  const publicNote = { kind: "note", body: "Voted for the bill.", sourceKind: "public", sourceUrl: "https://news.example.org/story", capturedAt: "2026-03-01" };

  it("a public source with URL and captured date is accepted", () => {
    expect(dataOf(profileItemForm, publicNote)).toMatchObject({
      kind: "note",
      body: "Voted for the bill.",
      sourceKind: "public",
      sourceUrl: "https://news.example.org/story",
      capturedAt: "2026-03-01",
    });
  });

  it("a public source requires its URL and the date it was captured", () => {
    expect(errorsOf(profileItemForm, { ...publicNote, sourceUrl: "", capturedAt: "" })).toEqual({
      sourceUrl: "A public source needs the URL it came from.",
      capturedAt: "A public source needs the date it was captured.",
    });
    expect(errorsOf(profileItemForm, { ...publicNote, capturedAt: "" })).toEqual({ capturedAt: "A public source needs the date it was captured." });
    expect(errorsOf(profileItemForm, { ...publicNote, capturedAt: "03/01/2026" })).toEqual({ capturedAt: "Date captured must be a date (YYYY-MM-DD)." });
  });

  it("campaign and research sources need no URL", () => {
    for (const sourceKind of ["campaign", "research"]) {
      expect(dataOf(profileItemForm, { kind: "note", body: "x", sourceKind })).toMatchObject({ sourceKind, sourceUrl: null, capturedAt: null });
    }
  });

  it("requires a source kind", () => {
    expect(errorsOf(profileItemForm, { kind: "note", body: "x" })).toEqual({ sourceKind: "Choose where this came from." });
  });

  it("a position needs its issue and text", () => {
    expect(errorsOf(profileItemForm, { kind: "position", sourceKind: "research" })).toEqual({
      topic: "A position needs the issue it is about.",
      body: "Describe the position.",
    });
    expect(dataOf(profileItemForm, { kind: "position", topic: "Housing", body: "For it", sourceKind: "research" })).toMatchObject({ topic: "Housing" });
  });

  it("fundraising needs an amount and its as-of date; amounts accept $ and commas", () => {
    expect(errorsOf(profileItemForm, { kind: "fundraising", sourceKind: "research" })).toEqual({
      raised: "Give the amount raised, cash on hand, or both.",
      asOf: "Fundraising figures need their as-of date.",
    });
    expect(dataOf(profileItemForm, { kind: "fundraising", sourceKind: "research", raised: "$1,250,000", asOf: "2026-03-31" })).toMatchObject({
      raised: 1_250_000,
      cashOnHand: null,
    });
    expect(errorsOf(profileItemForm, { kind: "fundraising", sourceKind: "research", cashOnHand: "12.50", asOf: "2026-03-31" })).toEqual({
      cashOnHand: "Cash on hand must be a whole dollar amount.",
    });
  });

  it("a poll needs pollster, share and date; share is a percentage", () => {
    expect(errorsOf(profileItemForm, { kind: "poll", sourceKind: "research" })).toEqual({
      pollster: "A poll needs its pollster.",
      pollShare: "A poll needs the candidate's share.",
      asOf: "A poll needs the date it was taken.",
    });
    expect(dataOf(profileItemForm, { kind: "poll", sourceKind: "research", pollster: "PPP", pollShare: "41.5%", asOf: "2026-04-01" })).toMatchObject({
      pollShare: 41.5,
    });
    expect(errorsOf(profileItemForm, { kind: "poll", sourceKind: "research", pollster: "PPP", pollShare: "140", asOf: "2026-04-01" })).toEqual({
      pollShare: "Poll share must be a percentage from 0 to 100.",
    });
  });

  it("other kinds need the note's text", () => {
    for (const kind of ["strength", "risk", "note"]) {
      expect(errorsOf(profileItemForm, { kind, sourceKind: "research", body: "  " })).toEqual({ body: "Write the note." });
    }
  });
});

describe("stanceForm", () => {
  const valid = { candidateId: "4", partnerId: "2", affiliateId: "", stance: "endorsed", decidedOn: "2026-03-01", decidingBody: "", note: "Board vote", notePrivate: "on" };

  it("parses a national partner's stance", () => {
    expect(dataOf(stanceForm, valid)).toEqual({
      candidateId: 4,
      partnerId: 2,
      affiliateId: null,
      stance: "endorsed",
      decidedOn: "2026-03-01",
      decidingBody: null,
      note: "Board vote",
      notePrivate: true,
      noteSource: "research",
      rank: null,
    });
  });

  it("takes the note's source (rule F2), research when not said, and refuses an unknown one", () => {
    expect(dataOf(stanceForm, { ...valid, noteSource: "campaign" })).toMatchObject({ noteSource: "campaign" });
    expect(dataOf(stanceForm, { ...valid, noteSource: "" })).toMatchObject({ noteSource: "research" });
    expect(errorsOf(stanceForm, { ...valid, noteSource: "rumour" })).toEqual({ noteSource: "Choose where the note's information came from." });
  });

  it("parses an affiliate's own stance; an unchecked box is false", () => {
    const { notePrivate: _n, ...rest } = valid;
    expect(dataOf(stanceForm, { ...rest, affiliateId: "9" })).toMatchObject({ affiliateId: 9, notePrivate: false });
  });

  it("refuses unknown stance, bad affiliate and bad date", () => {
    expect(errorsOf(stanceForm, { ...valid, stance: "vetoed", affiliateId: "abc", decidedOn: "2026-02-31" })).toEqual({
      stance: "Choose a stance.",
      affiliateId: "Choose an affiliate.",
      decidedOn: "Decision date must be a date (YYYY-MM-DD).",
    });
    expect(errorsOf(stanceForm, { ...valid, candidateId: "0" })).toEqual({ candidateId: "Candidate must be from 1 to 9007199254740991." });
  });
});
