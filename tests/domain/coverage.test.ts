/**
 * Coverage by level (issue 13): what each kind of coverage contains, for races (who covers a
 * race, so whose stance counts at a table where affiliates decide) and for turf units (the
 * split's "an affiliate only gets turf its coverage contains"), and how the form reads it.
 */
import { describe, expect, it } from "vitest";
import {
  coverageAreas,
  coverageKey,
  coversRace,
  parseLocalDistrictList,
  parseWardList,
  raceAreaKeys,
  unitAreaKeys,
  type CoverageArea,
} from "~/domain/coverage";
import { covers } from "~/domain/split";
import { placeUnit } from "~/domain/field-forms";

const area = (kind: CoverageArea["kind"], value: string, extra: Partial<CoverageArea> = {}): CoverageArea => ({ state: "IL", kind, value, locality: null, ...extra });
const race = (r: Partial<Parameters<typeof coversRace>[1]> = {}) => ({ state: "IL", district: null, chamber: null, locality: null, localityKind: null, seatKind: null, ...r });

describe("coverage containing a race, at each level", () => {
  it("federal: a congressional district contains its House race; a Senate race only statewide coverage", () => {
    const house = race({ district: "07" });
    expect(coversRace([area("district", "07")], house)).toBe(true);
    expect(coversRace([area("district", "08")], house)).toBe(false);
    expect(coversRace([area("district", "07", { state: "PA" })], house)).toBe(false);
    expect(coversRace([area("statewide", "")], house)).toBe(true);
    const senate = race();
    expect(coversRace([area("district", "07")], senate)).toBe(false);
    expect(coversRace([area("statewide", "")], senate)).toBe(true);
  });

  it("state legislative: a chamber's district contains that chamber's race only", () => {
    const lower = race({ state: "MN", chamber: "lower", district: "48B" });
    expect(coversRace([area("lower_district", "48b", { state: "MN" })], lower)).toBe(true);
    expect(coversRace([area("upper_district", "48B", { state: "MN" })], lower)).toBe(false);
    expect(coversRace([area("lower_district", "48A", { state: "MN" })], lower)).toBe(false);
    // a congressional district of the same number is not a legislative district
    expect(coversRace([area("district", "48B", { state: "MN" })], lower)).toBe(false);
    const named = race({ state: "NH", chamber: "lower", district: "Hillsborough 45" });
    expect(coversRace([area("lower_district", "hillsborough  45", { state: "NH" })], named)).toBe(true);
  });

  it("municipal: a ward contains its ward race; the city contains its wards, at-large and citywide seats; a county its county race", () => {
    const ward5 = race({ locality: "Chicago", localityKind: "city", seatKind: "ward", district: "5" });
    const atLarge = race({ locality: "Evanston", localityKind: "city", seatKind: "at_large" });
    const mayor = race({ locality: "Chicago", localityKind: "city", seatKind: "citywide" });
    const cookBoard = race({ locality: "Cook County", localityKind: "county", seatKind: "district", district: "3" });
    expect(coversRace([area("ward", "5", { locality: "Chicago" })], ward5)).toBe(true);
    expect(coversRace([area("ward", "5", { locality: "chicago" })], ward5)).toBe(true);
    expect(coversRace([area("ward", "25", { locality: "Chicago" })], ward5)).toBe(false);
    expect(coversRace([area("ward", "5", { locality: "Evanston" })], ward5)).toBe(false);
    expect(coversRace([area("city", "Chicago")], ward5)).toBe(true);
    expect(coversRace([area("city", "Chicago")], mayor)).toBe(true);
    // a ward chapter covers part of the city: not its citywide seat
    expect(coversRace([area("ward", "5", { locality: "Chicago" })], mayor)).toBe(false);
    expect(coversRace([area("city", "Evanston")], atLarge)).toBe(true);
    expect(coversRace([area("county", "Cook")], cookBoard)).toBe(true);
    expect(coversRace([area("county", "Cook")], ward5)).toBe(false);
  });

  it("a race's areas are the ones the SQL trigger writes (race_areas)", () => {
    expect(raceAreaKeys(race({ locality: "Chicago", localityKind: "city", seatKind: "ward", district: "5" }))).toEqual([
      { kind: "statewide", key: "" },
      { kind: "city", key: "chicago" },
      { kind: "ward", key: "chicago|5" },
    ]);
    expect(raceAreaKeys(race({ chamber: "upper", district: "34A" }))).toEqual([
      { kind: "statewide", key: "" },
      { kind: "upper_district", key: "34a" },
    ]);
  });
});

describe("coverage containing a turf unit, at each level", () => {
  const unit = (u: Partial<Parameters<typeof covers>[1]> = {}) => ({ state: "IL", district: "07", county: "Cook", districtKind: null, locality: null, ...u });
  it("federal units: their congressional district or county, or the whole state", () => {
    expect(covers([area("district", "07")], unit())).toBe(true);
    expect(covers([area("district", "08")], unit())).toBe(false);
    expect(covers([area("county", "Cook County")], unit())).toBe(true);
    expect(covers([area("statewide", "")], unit())).toBe(true);
    expect(covers([area("statewide", "", { state: "IN" })], unit())).toBe(false);
  });
  it("state-legislative units: the district of their chamber", () => {
    const u = unit({ state: "MN", district: "48B", districtKind: "lower", county: "Hennepin" });
    expect(covers([area("lower_district", "48B", { state: "MN" })], u)).toBe(true);
    expect(covers([area("upper_district", "48B", { state: "MN" })], u)).toBe(false);
    expect(covers([area("district", "48B", { state: "MN" })], u)).toBe(false);
    expect(covers([area("county", "Hennepin", { state: "MN" })], u)).toBe(true);
  });
  it("ward units: their ward of their city, or the city", () => {
    const u = unit({ district: "5", districtKind: "ward", locality: "Chicago" });
    expect(covers([area("ward", "5", { locality: "Chicago" })], u)).toBe(true);
    expect(covers([area("ward", "25", { locality: "Chicago" })], u)).toBe(false);
    expect(covers([area("city", "Chicago")], u)).toBe(true);
    expect(covers([area("city", "Evanston")], u)).toBe(false);
    // a ward unit's district is a ward, not a congressional district
    expect(covers([area("district", "5")], u)).toBe(false);
    expect(unitAreaKeys(u).map((k) => k.kind)).toEqual(["statewide", "county", "city", "ward"]);
  });
});

describe("a unit placed in its race, at each level (the unit form and the import)", () => {
  it("state legislative: the race's chamber and district, as the state writes it", () => {
    const r = { state: "MN", district: "48B", chamber: "lower" as const };
    expect(placeUnit({ state: "MN", district: "48b", county: "Hennepin" }, r)).toMatchObject({ ok: true, unit: { district: "48B", districtKind: "lower", locality: null } });
    expect(placeUnit({ state: "MN", district: "48A", county: "Hennepin" }, r)).toEqual({ ok: false, field: "district", message: "District 48A is outside this race (MN state house district 48B)." });
    expect(placeUnit({ state: "MN", district: "1900", county: "Hennepin" }, r)).toMatchObject({ ok: false, field: "district", message: expect.stringContaining("at most three digits") });
  });
  it("municipal: a ward of the race's city; any ward for an at-large seat; the race's county for a county seat", () => {
    const ward5 = { state: "IL", district: "5", locality: "Chicago", localityKind: "city" as const, seatKind: "ward" as const };
    expect(placeUnit({ state: "IL", district: "Ward 5", county: "Cook" }, ward5)).toMatchObject({ ok: true, unit: { district: "5", districtKind: "ward", locality: "Chicago" } });
    expect(placeUnit({ state: "IL", district: "7", county: "Cook" }, ward5)).toEqual({ ok: false, field: "district", message: "Ward 7 is outside this race (Chicago Ward 5)." });
    const atLarge = { state: "IL", district: null, locality: "Evanston", localityKind: "city" as const, seatKind: "at_large" as const };
    expect(placeUnit({ state: "IL", district: "9", county: "Cook" }, atLarge)).toMatchObject({ ok: true, unit: { district: "9", locality: "Evanston" } });
    const board = { state: "IL", district: "3", locality: "Cook County", localityKind: "county" as const, seatKind: "district" as const };
    expect(placeUnit({ state: "IL", district: "3", county: "DuPage" }, board)).toEqual({ ok: false, field: "county", message: "DuPage is outside this race (Cook County)." });
    expect(placeUnit({ state: "IL", district: "3", county: "Cook" }, board)).toMatchObject({ ok: true, unit: { districtKind: "county_district" } });
  });
});

describe("the coverage form's lists", () => {
  it("reads legislative districts as the state writes them and names what cannot be one", () => {
    expect(parseLocalDistrictList("48, 34a; Hillsborough 45")).toEqual({ values: ["48", "34A", "Hillsborough 45"], bad: [] });
    expect(parseLocalDistrictList("48, 1900, 0")).toEqual({ values: ["48"], bad: ["1900", "0"] });
  });
  it("reads wards with their city", () => {
    expect(parseWardList("Chicago: 5, Ward 25; Evanston: 1")).toEqual({
      values: [
        { city: "Chicago", ward: "5" },
        { city: "Chicago", ward: "25" },
        { city: "Evanston", ward: "1" },
      ],
      bad: [],
    });
    expect(parseWardList("5, 25").bad).toEqual(["5, 25"]);
    expect(parseWardList("Chicago: 5000").bad).toEqual(["Chicago: 5000"]);
  });
  it("gives one area per place, with its key", () => {
    const areas = coverageAreas({ state: "IL", statewide: true, districts: ["07"], counties: ["Cook", "Cook County"], cities: ["Chicago"], wards: [{ city: "Chicago", ward: "5" }], upperDistricts: ["12"], lowerDistricts: ["34A"] });
    expect(areas.map((a) => `${a.kind}:${coverageKey(a)}`)).toEqual(["statewide:", "district:07", "upper_district:12", "lower_district:34a", "county:cook", "city:chicago", "ward:chicago|5"]);
  });
});
