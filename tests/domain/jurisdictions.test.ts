import { describe, expect, it } from "vitest";
import { checkJurisdiction, placeLabel, readLocalDistrict, type RawJurisdiction } from "~/domain/jurisdictions";
import { parseForm, raceFormFor } from "~/domain/forms";
import type { CoalitionLevel } from "~/domain/vocabulary";

const accepted = (level: CoalitionLevel, input: RawJurisdiction) => {
  const r = checkJurisdiction(level, input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} accepted at ${level}, got: ${r.message}`);
  return r.value;
};
const refused = (level: CoalitionLevel, input: RawJurisdiction) => {
  const r = checkJurisdiction(level, input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} refused at ${level}`);
  return { field: r.field, message: r.message };
};

describe("federal: congressional districts checked against the state's House seats", () => {
  it("accepts a district, an at-large seat and a statewide (Senate) race, normalized", () => {
    expect(accepted("federal", { state: "pa", district: "7" })).toMatchObject({ state: "PA", district: "07", chamber: null, locality: null });
    expect(accepted("federal", { state: "CA", district: "52" }).district).toBe("52");
    expect(accepted("federal", { state: "WY", district: "al" }).district).toBe("AL");
    expect(accepted("federal", { state: "VT", district: "1" }).district).toBe("AL");
    expect(accepted("federal", { state: "PA", district: null }).district).toBeNull();
  });

  it("refuses what cannot exist, saying why", () => {
    expect(refused("federal", { state: "PA", district: "18" })).toEqual({ field: "district", message: "Pennsylvania has 17 congressional districts: write a number from 1 to 17." });
    expect(refused("federal", { state: "PA", district: "AL" })).toEqual({ field: "district", message: "Pennsylvania has 17 congressional districts and no at-large seat." });
    expect(refused("federal", { state: "WY", district: "2" })).toEqual({ field: "district", message: "Wyoming has one at-large House seat: write AL (or leave empty for a Senate race)." });
    expect(refused("federal", { state: "MN", district: "34A" })).toEqual({ field: "district", message: "District must be a number like 7, or AL for at-large." });
    expect(refused("federal", { state: "ZZ", district: "1" })).toEqual({ field: "state", message: "State must be a two-letter US state code, like PA." });
  });
});

describe("state legislative: chamber and the district as the state writes it", () => {
  it("accepts numbers up to three digits, letter suffixes, named and floterial districts, multi-member seats", () => {
    expect(accepted("state_legislative", { state: "PA", chamber: "lower", district: "190" })).toMatchObject({ district: "190", chamber: "lower", seatKind: "district" });
    expect(accepted("state_legislative", { state: "MN", chamber: "lower", district: "034a" }).district).toBe("34A");
    expect(accepted("state_legislative", { state: "MN", chamber: "upper", district: "34" }).district).toBe("34");
    expect(accepted("state_legislative", { state: "NH", chamber: "lower", district: " hillsborough   45 ", seatKind: "floterial" })).toMatchObject({ district: "hillsborough 45", seatKind: "floterial" });
    expect(accepted("state_legislative", { state: "VT", chamber: "lower", district: "Chittenden-6-1" }).district).toBe("Chittenden-6-1");
    expect(accepted("state_legislative", { state: "NE", chamber: "upper", district: "12" }).chamber).toBe("upper");
    // a multi-member district is one race with its seat count (checked by the form's seats field)
    expect(accepted("state_legislative", { state: "NJ", chamber: "lower", district: "29" }).district).toBe("29");
  });

  it("refuses what cannot be a district, each with its message", () => {
    expect(refused("state_legislative", { state: "PA", chamber: "lower", district: "1900" })).toEqual({ field: "district", message: "A numbered district has at most three digits (like 7, 190 or 34A)." });
    expect(refused("state_legislative", { state: "MN", chamber: "lower", district: "34ABC" })).toEqual({ field: "district", message: "A numbered district is up to three digits and at most two letters, like 34A or 12B." });
    expect(refused("state_legislative", { state: "MN", chamber: "lower", district: "0" })).toEqual({ field: "district", message: "District numbers start at 1." });
    expect(refused("state_legislative", { state: "MN", chamber: "lower", district: "#34" })).toEqual({ field: "district", message: "Write the district as a number like 12 or 34A, or its name like Hillsborough 45." });
    expect(refused("state_legislative", { state: "MN", chamber: "lower", district: null })).toEqual({ field: "district", message: "District is required: write it as the state does, like 12, 34A or Hillsborough 45." });
    expect(refused("state_legislative", { state: "MN", district: "34A" })).toEqual({ field: "chamber", message: "Choose the chamber: the upper (Senate) or the lower (House, Assembly)." });
    expect(refused("state_legislative", { state: "NE", chamber: "lower", district: "12" })).toEqual({ field: "chamber", message: "Nebraska's legislature has one chamber: choose the upper chamber (the Legislature)." });
    expect(refused("state_legislative", { state: "DC", chamber: "upper", district: "1" })).toEqual({ field: "state", message: "DC has no state legislature: its Council seats belong at a municipal table." });
    expect(refused("state_legislative", { state: "MN", chamber: "lower", district: "34A", seatKind: "ward" }).field).toBe("seatKind");
    expect(refused("state_legislative", { state: "MN", chamber: "lower", district: "A".repeat(61) }).message).toBe("A named district is at most 60 characters.");
  });
});

describe("municipal: city or county, ward or district, at-large or citywide", () => {
  it("accepts wards (typed in full too), council districts, at-large and citywide seats", () => {
    expect(accepted("municipal", { state: "IL", localityKind: "city", locality: " Chicago ", seatKind: "ward", district: "Ward 5" })).toEqual({ state: "IL", locality: "Chicago", localityKind: "city", seatKind: "ward", district: "5", chamber: null });
    expect(accepted("municipal", { state: "NY", localityKind: "city", locality: "New York", seatKind: "district", district: "12" }).district).toBe("12");
    expect(accepted("municipal", { state: "IL", localityKind: "county", locality: "Cook County", seatKind: "district", district: "district 3" }).district).toBe("3");
    expect(accepted("municipal", { state: "IL", localityKind: "city", locality: "Evanston", seatKind: "at_large", district: null }).district).toBeNull();
    expect(accepted("municipal", { state: "IL", localityKind: "city", locality: "Chicago", seatKind: "citywide", district: "" }).seatKind).toBe("citywide");
  });

  it("refuses a missing city, a seat without its ward, an at-large seat with one", () => {
    expect(refused("municipal", { state: "IL", localityKind: "city", locality: "", seatKind: "ward", district: "5" })).toEqual({ field: "locality", message: "Name the city." });
    expect(refused("municipal", { state: "IL", locality: "Chicago", seatKind: "ward", district: "5" })).toEqual({ field: "localityKind", message: "Choose whether this is a city or a county office." });
    expect(refused("municipal", { state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward", district: null })).toEqual({ field: "district", message: "Give the ward, like 5 or 12B." });
    expect(refused("municipal", { state: "IL", localityKind: "city", locality: "Chicago", seatKind: "at_large", district: "5" })).toEqual({ field: "district", message: "An at-large seat has no ward or district: leave it empty." });
    expect(refused("municipal", { state: "IL", localityKind: "city", locality: "Chicago", district: "5" })).toEqual({ field: "seatKind", message: "Choose the seat: a ward, a council district, at-large or citywide." });
    expect(refused("municipal", { state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward", district: "5000" }).message).toBe("A numbered ward has at most three digits (like 7, 190 or 34A).");
    expect(refused("municipal", { state: "IL", localityKind: "city", locality: "<b>", seatKind: "ward", district: "5" }).field).toBe("locality");
  });
});

describe("labels", () => {
  it("names each place as people say it", () => {
    expect(placeLabel({ state: "PA", district: "07" })).toBe("PA-07");
    expect(placeLabel({ state: "PA", district: null })).toBe("PA");
    expect(placeLabel({ state: "MN", district: "34A", chamber: "lower", seatKind: "district" })).toBe("MN district 34A");
    expect(placeLabel({ state: "NH", district: "Hillsborough 45", chamber: "lower", seatKind: "floterial" })).toBe("NH Hillsborough 45 (floterial)");
    expect(placeLabel({ state: "IL", district: "5", locality: "Chicago", seatKind: "ward" })).toBe("Chicago, IL, Ward 5");
    expect(placeLabel({ state: "IL", district: null, locality: "Chicago", seatKind: "at_large" })).toBe("Chicago, IL, at-large");
    expect(placeLabel({ state: "IL", district: null, locality: "Chicago", seatKind: "citywide" })).toBe("Chicago, IL");
  });

  it("readLocalDistrict keeps a name's case and drops a number's leading zeros", () => {
    expect(readLocalDistrict("007", "ward")).toEqual({ ok: true, value: "7" });
    expect(readLocalDistrict("First Suffolk", "district")).toEqual({ ok: true, value: "First Suffolk" });
  });
});

const errorsOf = (schema: Parameters<typeof parseForm>[0], values: Record<string, string>) => {
  const r = parseForm(schema, values);
  return r.ok ? {} : r.errors;
};

describe("the race form at each level carries the same messages on their fields", () => {
  const dates = { office: "State House", seats: "2", primaryDate: "2026-08-11", generalDate: "2026-11-03" };
  it("state legislative and municipal", () => {
    expect(errorsOf(raceFormFor("state_legislative"), { ...dates, state: "MN", chamber: "lower", district: "1900" })).toEqual({ district: "A numbered district has at most three digits (like 7, 190 or 34A)." });
    expect(errorsOf(raceFormFor("state_legislative"), { ...dates, state: "MN", chamber: "lower", district: "34A" })).toEqual({});
    expect(errorsOf(raceFormFor("municipal"), { ...dates, office: "City Council", state: "IL", localityKind: "city", locality: "Chicago", seatKind: "ward" })).toEqual({ district: "Give the ward, like 5 or 12B." });
    expect(errorsOf(raceFormFor("municipal"), { ...dates, office: "Mayor", state: "IL", localityKind: "city", locality: "Chicago", seatKind: "citywide", primaryKind: "none", primaryDate: "" })).toEqual({});
  });
});
