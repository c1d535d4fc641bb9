import { readLocalDistrict } from "./jurisdictions";
import type { Chamber, CoverageKind, LocalityKind, SeatKind, UnitDistrictKind } from "./vocabulary";

/**
 * Coverage by level (issue 13). An affiliate covers areas of a state: the whole state, its
 * congressional districts, state-legislative districts by chamber, counties, cities, and wards
 * of a city. A race and a turf unit each lie in a few areas (`raceAreaKeys`, `unitAreaKeys`);
 * coverage contains them when one of its areas is one of theirs. Matching is on a normalized
 * key (`coverageKey`): a county without its "County", cities and districts in lower case.
 *
 * What contains what:
 * - statewide coverage contains every race and unit of the state;
 * - a congressional district contains a federal race of that district, and the units of a
 *   program whose units name congressional districts;
 * - an upper (or lower) chamber district contains that chamber's race of that district and
 *   units in it; the same number in the other chamber is another area;
 * - a county contains a county's race and every unit in the county, whatever its district;
 * - a city contains its ward, at-large and citywide races and units in its wards;
 * - a ward (of a city) contains that ward's race and units; a ward coverage does not contain
 *   the city's at-large or citywide race (the chapter covers part of the city only).
 * A statewide race (a Senate seat) is contained by statewide coverage only.
 * The same rules are written in SQL in migration 0021 (`race_areas`), for the tallies.
 */

export type CoverageArea = { state: string; kind: CoverageKind; value: string; locality?: string | null };
export type AreaKey = { kind: CoverageKind; key: string };

export const COVERAGE_KIND_LABELS: Record<CoverageKind, string> = {
  statewide: "Statewide",
  district: "Congressional district",
  upper_district: "State senate (upper chamber) district",
  lower_district: "State house (lower chamber) district",
  county: "County",
  city: "City",
  ward: "Ward",
};

const collapse = (s: string) => s.trim().replace(/\s+/g, " ");

export const cityKey = (city: string): string => collapse(city).toLowerCase();

export const normalizeCounty = (c: string): string =>
  collapse(c)
    .toLowerCase()
    .replace(/\s+county$/, "");

/** The key an area of coverage is matched on. */
export function coverageKey(c: { kind: CoverageKind; value: string; locality?: string | null }): string {
  switch (c.kind) {
    case "statewide":
      return "";
    case "district":
      return c.value;
    case "upper_district":
    case "lower_district":
      return collapse(c.value).toLowerCase();
    case "county":
      return normalizeCounty(c.value);
    case "city":
      return cityKey(c.value);
    case "ward":
      return `${cityKey(c.locality ?? "")}|${collapse(c.value).toLowerCase()}`;
  }
}

/** How an area reads: "Statewide", "PA-07", "Senate district 48", "Cook County", "Chicago", "Chicago Ward 5". */
export function coverageLabel(c: CoverageArea): string {
  switch (c.kind) {
    case "statewide":
      return `${c.state} statewide`;
    case "district":
      return `${c.state}-${c.value}`;
    case "upper_district":
      return `${c.state} Senate district ${c.value}`;
    case "lower_district":
      return `${c.state} House district ${c.value}`;
    case "county":
      return /county$/i.test(c.value) ? c.value : `${c.value} County`;
    case "city":
      return c.value;
    case "ward":
      return `${c.locality} Ward ${c.value}`;
  }
}

/** The areas a race lies in (the SQL twin is the race_areas triggers of migration 0021). */
export function raceAreaKeys(r: { district: string | null; chamber: Chamber | null; locality: string | null; localityKind: LocalityKind | null; seatKind: SeatKind | null }): AreaKey[] {
  const keys: AreaKey[] = [{ kind: "statewide", key: "" }];
  if (r.district !== null && r.chamber === null && r.locality === null) keys.push({ kind: "district", key: r.district });
  if (r.chamber !== null && r.district !== null) keys.push({ kind: `${r.chamber}_district`, key: r.district.toLowerCase() });
  if (r.localityKind === "city" && r.locality !== null) {
    keys.push({ kind: "city", key: cityKey(r.locality) });
    if (r.seatKind === "ward" && r.district !== null) keys.push({ kind: "ward", key: `${cityKey(r.locality)}|${r.district.toLowerCase()}` });
  }
  if (r.localityKind === "county" && r.locality !== null) keys.push({ kind: "county", key: normalizeCounty(r.locality) });
  return keys;
}

/** A turf unit's place: its county, and its district as its race's level names it. */
export type UnitPlace = { district: string; county: string; districtKind?: UnitDistrictKind | null; locality?: string | null };

/** The areas a turf unit lies in: its state, its county, and its district at its level. */
export function unitAreaKeys(u: UnitPlace): AreaKey[] {
  const keys: AreaKey[] = [{ kind: "statewide", key: "" }];
  if (u.county.trim()) keys.push({ kind: "county", key: normalizeCounty(u.county) });
  switch (u.districtKind ?? "congressional") {
    case "congressional":
      keys.push({ kind: "district", key: u.district });
      break;
    case "upper":
    case "lower":
      keys.push({ kind: `${u.districtKind as Chamber}_district`, key: collapse(u.district).toLowerCase() });
      break;
    case "ward":
      if (u.locality) {
        keys.push({ kind: "city", key: cityKey(u.locality) });
        if (u.district.trim()) keys.push({ kind: "ward", key: `${cityKey(u.locality)}|${collapse(u.district).toLowerCase()}` });
      }
      break;
    case "county_district":
      break;
  }
  return keys;
}

const keyOf = (state: string, a: AreaKey) => `${state}|${a.kind}|${a.key}`;

/** Whether some area of the coverage is one of the given areas of `state`. */
export function containsAny(coverage: readonly CoverageArea[], state: string, keys: readonly AreaKey[]): boolean {
  const wanted = new Set(keys.map((k) => keyOf(state, k)));
  return coverage.some((c) => wanted.has(keyOf(c.state, { kind: c.kind, key: coverageKey(c) })));
}

/** Whether an affiliate's coverage contains a race (the affiliate "covering the race"). */
export function coversRace(coverage: readonly CoverageArea[], race: Parameters<typeof raceAreaKeys>[0] & { state: string }): boolean {
  return containsAny(coverage, race.state, raceAreaKeys(race));
}

/** The index key of one area of coverage, for lookups by area. */
export const areaIndexKey = (c: CoverageArea): string => keyOf(c.state, { kind: c.kind, key: coverageKey(c) });
export const unitIndexKeys = (state: string, u: UnitPlace): string[] => unitAreaKeys(u).map((k) => keyOf(state, k));

// ---- reading the coverage form ----

/** "48, 34a; Hillsborough 45" → ["48", "34A", "Hillsborough 45"]; what cannot be a district is named in `bad`. */
export function parseLocalDistrictList(raw: string): { values: string[]; bad: string[] } {
  const values: string[] = [];
  const bad: string[] = [];
  for (const part of raw.split(/[,\n;]+/).map((s) => s.trim()).filter(Boolean)) {
    const d = readLocalDistrict(part, "district");
    if (d.ok) values.push(d.value);
    else bad.push(part);
  }
  return { values: [...new Set(values)], bad };
}

export function parseNameList(raw: string): string[] {
  return [...new Set(raw.split(/[,\n;]+/).map(collapse).filter(Boolean))];
}

/**
 * Wards by city: "Chicago: 5, 25; Evanston: 1" (or one city per line) →
 * [{city: "Chicago", ward: "5"}, ...]; a part without its city, or a ward that cannot be one,
 * is named in `bad`.
 */
export function parseWardList(raw: string): { values: { city: string; ward: string }[]; bad: string[] } {
  const values: { city: string; ward: string }[] = [];
  const bad: string[] = [];
  const seen = new Set<string>();
  for (const group of raw.split(/[;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^:]+):(.*)$/.exec(group);
    if (!m || !collapse(m[1])) {
      bad.push(group);
      continue;
    }
    const city = collapse(m[1]);
    const wards = m[2].split(",").map((s) => s.trim().replace(/^ward\s+/i, "")).filter(Boolean);
    if (wards.length === 0) bad.push(group);
    for (const w of wards) {
      const d = readLocalDistrict(w, "ward");
      if (!d.ok) bad.push(`${city}: ${w}`);
      else if (!seen.has(`${cityKey(city)}|${d.value.toLowerCase()}`)) {
        seen.add(`${cityKey(city)}|${d.value.toLowerCase()}`);
        values.push({ city, ward: d.value });
      }
    }
  }
  return { values, bad };
}

/** The coverage form's text for wards: "Chicago: 5, 25; Evanston: 1". */
export function wardText(coverage: readonly { kind: string; value: string; locality?: string | null }[]): string {
  const byCity = new Map<string, string[]>();
  for (const c of coverage) if (c.kind === "ward") byCity.set(c.locality ?? "", [...(byCity.get(c.locality ?? "") ?? []), c.value]);
  return [...byCity].map(([city, wards]) => `${city}: ${wards.join(", ")}`).join("; ");
}

/** What the coverage form gives: each kind's list (the new kinds optional, so older callers keep working). */
export type CoverageInput = {
  districts: string[];
  counties: string[];
  statewide?: boolean;
  upperDistricts?: string[];
  lowerDistricts?: string[];
  cities?: string[];
  wards?: { city: string; ward: string }[];
};

/** The areas of a coverage input, in the affiliate's state. */
export function coverageAreas(input: CoverageInput & { state: string }): CoverageArea[] {
  const { state } = input;
  const out: CoverageArea[] = [];
  if (input.statewide) out.push({ state, kind: "statewide", value: "", locality: null });
  for (const value of input.districts) out.push({ state, kind: "district", value, locality: null });
  for (const value of input.upperDistricts ?? []) out.push({ state, kind: "upper_district", value, locality: null });
  for (const value of input.lowerDistricts ?? []) out.push({ state, kind: "lower_district", value, locality: null });
  for (const value of input.counties) out.push({ state, kind: "county", value, locality: null });
  for (const value of input.cities ?? []) out.push({ state, kind: "city", value, locality: null });
  for (const w of input.wards ?? []) out.push({ state, kind: "ward", value: w.ward, locality: w.city });
  // one row per area: two spellings of one county are one area
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = `${c.kind}|${coverageKey(c)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An affiliate's own fields, without its coverage lists. */
export function affiliateFields<T extends CoverageInput>(input: T): Omit<T, keyof CoverageInput> {
  const { districts: _d, counties: _c, statewide: _s, upperDistricts: _u, lowerDistricts: _l, cities: _ci, wards: _w, ...rest } = input;
  return rest;
}

/** The coverage form's text for one kind's list (districts, counties, cities). */
export function coverageListText(coverage: readonly { kind: string; value: string }[], kind: CoverageKind): string {
  return coverage
    .filter((c) => c.kind === kind)
    .map((c) => c.value)
    .join(", ");
}
