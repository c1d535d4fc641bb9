import { ROLE_LABELS, type Principal } from "./permissions";
import type { Role } from "./vocabulary";

/**
 * Each role's home at a table and the order of its tabs (issue 15): a person lands where their
 * own work is. Pure: who the person is comes in as their grants.
 */

/** Counsel's home: refusals newer than this many days are its to look at. */
export const REFUSAL_DAYS = 14;
/** Counsel's home: walls ending within this many days are "ending soon". */
export const WALL_SOON_DAYS = 30;

/** The roles a table's home is drawn for (every role: an instance admin without a grant reads as the facilitator). */
export type HomeRole = Role;
/** Each home's name, as the roles are named everywhere. */
export const HOME_ROLE_LABELS = ROLE_LABELS;

/** The roles a person holds at this table, facilitator first, then representative, counsel and lead. */
export function homeRoles(user: Pick<Principal, "isAdmin" | "grants" | "partnerSeats" | "affiliatePartner">, coalitionId: number): HomeRole[] {
  const seated = (partnerId: number | null | undefined) => partnerId != null && (user.partnerSeats[partnerId] ?? []).includes(coalitionId);
  const held = new Set<HomeRole>();
  for (const g of user.grants) {
    if (g.role === "facilitator" && g.coalitionId === coalitionId) held.add("facilitator");
    if (g.role === "partner_rep" && seated(g.partnerId)) held.add("partner_rep");
    if (g.role === "counsel" && seated(g.partnerId)) held.add("counsel");
    if (g.role === "affiliate_lead" && g.affiliateId != null && seated(user.affiliatePartner[g.affiliateId])) held.add("affiliate_lead");
  }
  if (user.isAdmin) held.add("facilitator");
  const order: HomeRole[] = ["facilitator", "partner_rep", "counsel", "affiliate_lead"];
  return order.filter((r) => held.has(r));
}

/**
 * The home a person sees: the role asked for (?as=) when they hold it, else their first role.
 * Null when they hold none here (they still read the table's picture).
 */
export function homeRole(held: readonly HomeRole[], asked: string | null): HomeRole | null {
  const wanted = held.find((r) => r === asked);
  return wanted ?? held[0] ?? null;
}

/** A tab of the table's navigation: its path under the table and its label. */
export type Section = readonly [path: string, label: string];

export const SECTION_LABELS = {
  "": "Home",
  matrix: "Matrix",
  races: "Races",
  partners: "Partners",
  affiliates: "Affiliates",
  "sub-tables": "Sub-tables",
  firewall: "Firewall",
  meetings: "Meetings",
  questionnaire: "Questionnaire", // the candidate questionnaire (issue 17)
  health: "Health",
  programs: "Field",
  "shifts/week": "Week",
  review: "Review", // the cycle review (issue 16)
  "outside-support": "Outside support", // support from outside the table, per race (issue 17)
  capacity: "Capacity", // the table's combined capacity per state (issue 17), the facilitator's
  "my-affiliate": "My affiliate",
  audit: "Audit",
  people: "People",
  settings: "Settings",
} as const;
export type SectionPath = keyof typeof SECTION_LABELS;

/**
 * The tabs each role uses, in the order it uses them; every other tab it may open goes under
 * "More". The facilitator runs the table; a representative decides stances and works in its
 * sub-tables; a lead works its turf and shifts ("My affiliate" last: its home leads with the
 * same work); counsel keeps the firewall and reads the trail.
 */
export const ROLE_TABS: Record<HomeRole, readonly SectionPath[]> = {
  facilitator: ["", "matrix", "races", "meetings", "sub-tables", "health", "partners", "firewall", "programs"],
  partner_rep: ["", "matrix", "races", "sub-tables", "meetings", "programs", "firewall"],
  affiliate_lead: ["", "programs", "shifts/week", "sub-tables", "my-affiliate"],
  counsel: ["", "firewall", "audit", "races", "matrix", "sub-tables"],
};

/** Every tab in its default order (a person with no role here, and the tail of "More"). */
export const ALL_TABS = Object.keys(SECTION_LABELS) as SectionPath[];

/**
 * The navigation for a role: its own tabs first, in its order, then under "More" the rest of
 * the tabs this person may open (`allowed`), in the default order. Tabs it may not open never show.
 */
export function navFor(role: HomeRole | null, allowed: (path: SectionPath) => boolean): { main: Section[]; more: Section[] } {
  const mine = (role ? ROLE_TABS[role] : ALL_TABS).filter(allowed);
  const rest = ALL_TABS.filter((p) => allowed(p) && !mine.includes(p));
  const tab = (p: SectionPath): Section => [p, SECTION_LABELS[p]];
  return { main: mine.map(tab), more: rest.map(tab) };
}
