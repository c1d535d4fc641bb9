import { HOUSE_SEATS, normalizeDistrict } from "./districts";
import { US_STATES } from "./states";
import type { Chamber, CoalitionLevel, LocalityKind, PrimaryKind, SeatKind } from "./vocabulary";

/**
 * A race's jurisdiction, the way its level names it (issue 13):
 * - federal: state + congressional district ("07"), AL for an at-large seat, or none
 *   (statewide: a Senate seat); the district is checked against the state's House seats;
 * - state legislative: state + chamber + the district as the state writes it (a number of
 *   up to three digits, maybe with a letter suffix like 34A, or a name like "Hillsborough 45"
 *   or "Chittenden-6-1"), a floterial district, a multi-member district by its seat count;
 * - municipal: state + city or county + ward or council district, or an at-large or
 *   citywide seat.
 * No national list of state or local districts ships offline, so below the federal level the
 * shape is checked, not the existence.
 */
export type Jurisdiction = {
  state: string;
  district: string | null;
  chamber: Chamber | null;
  locality: string | null;
  localityKind: LocalityKind | null;
  seatKind: SeatKind | null;
};

export type JurisdictionCheck = { ok: true; value: Jurisdiction } | { ok: false; field: keyof Jurisdiction; message: string };

const NUMBERED = /^0*(\d{1,3})([A-Z]{0,2})$/;
const NAMED = /^[A-Za-z][A-Za-z0-9 .'’-]*$/;

const refuse = (field: keyof Jurisdiction, message: string): JurisdictionCheck => ({ ok: false, field, message });

function stateName(state: string): string {
  return US_STATES[state]?.name ?? state;
}

/**
 * A district below the federal level as the state or city writes it: "034a" → "34A",
 * "  hillsborough   45 " → "Hillsborough 45" (a name keeps its case, spaces collapse); null
 * with the reason when it cannot be a district.
 */
export function readLocalDistrict(raw: string, what: string): { ok: true; value: string } | { ok: false; message: string } {
  const v = raw.trim().replace(/\s+/g, " ");
  const up = v.toUpperCase();
  if (/^\d/.test(v)) {
    const m = NUMBERED.exec(up);
    if (!m) {
      return /^\d{4,}/.test(up.replace(/^0+/, ""))
        ? { ok: false, message: `A numbered ${what} has at most three digits (like 7, 190 or 34A).` }
        : { ok: false, message: `A numbered ${what} is up to three digits and at most two letters, like 34A or 12B.` };
    }
    if (Number(m[1]) === 0) return { ok: false, message: `${capitalize(what)} numbers start at 1.` };
    return { ok: true, value: `${Number(m[1])}${m[2]}` };
  }
  if (v.length > 60) return { ok: false, message: `A named ${what} is at most 60 characters.` };
  if (!NAMED.test(v)) return { ok: false, message: `Write the ${what} as a number like 12 or 34A, or its name like Hillsborough 45.` };
  return { ok: true, value: v };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function federal(state: string, districtRaw: string | null): JurisdictionCheck {
  const base = { state, chamber: null, locality: null, localityKind: null, seatKind: null };
  if (!districtRaw) return { ok: true, value: { ...base, district: null } };
  const seats = HOUSE_SEATS[state];
  const code = normalizeDistrict(state, districtRaw);
  if (code) return { ok: true, value: { ...base, district: code } };
  const v = districtRaw.trim().toUpperCase();
  if (seats === 1) return refuse("district", `${stateName(state)} has one at-large House seat: write AL (or leave empty for a Senate race).`);
  if (v === "AL") return refuse("district", `${stateName(state)} has ${seats} congressional districts and no at-large seat.`);
  if (/^\d{1,2}$/.test(v)) return refuse("district", `${stateName(state)} has ${seats} congressional districts: write a number from 1 to ${seats}.`);
  return refuse("district", "District must be a number like 7, or AL for at-large.");
}

function stateLegislative(state: string, input: RawJurisdiction): JurisdictionCheck {
  if (state === "DC") return refuse("state", "DC has no state legislature: its Council seats belong at a municipal table.");
  if (!input.chamber) return refuse("chamber", "Choose the chamber: the upper (Senate) or the lower (House, Assembly).");
  if (state === "NE" && input.chamber === "lower") return refuse("chamber", "Nebraska's legislature has one chamber: choose the upper chamber (the Legislature).");
  if (!input.district) return refuse("district", "District is required: write it as the state does, like 12, 34A or Hillsborough 45.");
  const d = readLocalDistrict(input.district, "district");
  if (!d.ok) return refuse("district", d.message);
  const seatKind: SeatKind = input.seatKind === "floterial" ? "floterial" : "district";
  if (input.seatKind && input.seatKind !== "district" && input.seatKind !== "floterial") {
    return refuse("seatKind", "A state-legislative seat is a district or a floterial district.");
  }
  return { ok: true, value: { state, district: d.value, chamber: input.chamber, locality: null, localityKind: null, seatKind } };
}

function municipal(state: string, input: RawJurisdiction): JurisdictionCheck {
  const locality = input.locality?.trim().replace(/\s+/g, " ") ?? "";
  if (!input.localityKind) return refuse("localityKind", "Choose whether this is a city or a county office.");
  if (!locality) return refuse("locality", `Name the ${input.localityKind === "county" ? "county" : "city"}.`);
  if (locality.length > 80 || !NAMED.test(locality)) return refuse("locality", `Write the ${input.localityKind}'s name in letters, like Chicago or Cook County.`);
  const seatKind = input.seatKind;
  if (!seatKind || seatKind === "floterial") return refuse("seatKind", "Choose the seat: a ward, a council district, at-large or citywide.");
  const base = { state, chamber: null, locality, localityKind: input.localityKind };
  if (seatKind === "at_large" || seatKind === "citywide") {
    if (input.district) return refuse("district", `An ${seatKind === "at_large" ? "at-large" : "citywide"} seat has no ward or district: leave it empty.`);
    return { ok: true, value: { ...base, district: null, seatKind } };
  }
  const what = seatKind === "ward" ? "ward" : "district";
  if (!input.district) return refuse("district", `Give the ${what}, like 5 or 12B.`);
  // "Ward 5" typed in full reads as 5
  const raw = input.district.trim().replace(new RegExp(`^${what}\\s+`, "i"), "");
  const d = readLocalDistrict(raw, what);
  if (!d.ok) return refuse("district", d.message);
  return { ok: true, value: { ...base, district: d.value, seatKind } };
}

/** What a form posts about a race's place, before it is checked. */
export type RawJurisdiction = {
  state: string;
  district: string | null;
  chamber?: Chamber | null;
  locality?: string | null;
  localityKind?: LocalityKind | null;
  seatKind?: SeatKind | null;
};

/** A race's place checked the way the table's level names it; one message per refusal, on its field. */
export function checkJurisdiction(level: CoalitionLevel, input: RawJurisdiction): JurisdictionCheck {
  const state = input.state.trim().toUpperCase();
  if (!US_STATES[state]) return refuse("state", "State must be a two-letter US state code, like PA.");
  const district = input.district?.trim() ? input.district : null;
  if (level === "federal") return federal(state, district);
  if (level === "state_legislative") return stateLegislative(state, { ...input, district });
  return municipal(state, { ...input, district });
}

export const CHAMBER_LABELS: Record<Chamber, string> = { upper: "Upper chamber (Senate)", lower: "Lower chamber (House, Assembly)" };
export const LOCALITY_KIND_LABELS: Record<LocalityKind, string> = { city: "City or town", county: "County" };
export const SEAT_KIND_LABELS: Record<SeatKind, string> = {
  district: "District",
  floterial: "Floterial district",
  ward: "Ward",
  at_large: "At-large",
  citywide: "Citywide (or countywide)",
};
export const PRIMARY_KIND_LABELS: Record<PrimaryKind, string> = {
  partisan: "Party primary",
  nonpartisan: "Nonpartisan primary",
  top_two: "Top-two primary",
  none: "No primary (the general decides)",
};

/** A race's place as people say it: "PA-07", "MN district 34A", "Chicago, IL, Ward 5", "Chicago, IL, at-large". */
export function placeLabel(race: { state: string; district: string | null; chamber?: string | null; locality?: string | null; seatKind?: string | null }): string {
  if (race.locality) {
    const where = `${race.locality}, ${race.state}`;
    if (race.seatKind === "at_large") return `${where}, at-large`;
    if (race.seatKind === "ward") return `${where}, Ward ${race.district}`;
    if (race.district) return `${where}, District ${race.district}`;
    return where;
  }
  if (race.chamber) {
    const d = race.district ?? "";
    const named = /^\d/.test(d) ? `district ${d}` : d;
    return `${race.state} ${named}${race.seatKind === "floterial" ? " (floterial)" : ""}`;
  }
  return race.district ? `${race.state}-${race.district}` : race.state;
}
