/**
 * Congressional districts per state after the 2020 apportionment (118th Congress on). A
 * state with one seat has a single at-large district, "AL"; DC's delegate is "AL" too.
 * Used to refuse turf in a district that does not exist.
 */
export const HOUSE_SEATS: Record<string, number> = {
  AL: 7, AK: 1, AZ: 9, AR: 4, CA: 52, CO: 8, CT: 5, DE: 1, DC: 1, FL: 28, GA: 14, HI: 2, ID: 2, IL: 17, IN: 9, IA: 4,
  KS: 4, KY: 6, LA: 6, ME: 2, MD: 8, MA: 9, MI: 13, MN: 8, MS: 4, MO: 8, MT: 2, NE: 3, NV: 4, NH: 2, NJ: 12, NM: 3,
  NY: 26, NC: 14, ND: 1, OH: 15, OK: 5, OR: 6, PA: 17, RI: 2, SC: 7, SD: 1, TN: 9, TX: 38, UT: 4, VT: 1, VA: 11,
  WA: 10, WV: 2, WI: 8, WY: 1,
};

/**
 * A district as written in a file or a form → its code ("7" → "07", "al" → "AL"), or null
 * when the state has no such district. At-large states also accept 0, 00, 1 and 01.
 */
export function normalizeDistrict(state: string, raw: string): string | null {
  const seats = HOUSE_SEATS[state];
  if (!seats) return null;
  const v = raw.trim().toUpperCase();
  if (seats === 1) return v === "AL" || /^0?[01]$/.test(v) || v === "00" ? "AL" : null;
  if (!/^\d{1,2}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= seats ? String(n).padStart(2, "0") : null;
}
