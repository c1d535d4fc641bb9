/**
 * The demo table: a fictional federal endorsement table for the 2028 cycle, built only
 * through the shared factories (tests/factories.ts), so every row passes the same model
 * rules as data typed into the app. Every person and organization here is invented; web
 * addresses use example.org / example.com and phone numbers the 555-01xx range.
 *
 * Deterministic: fixed lists and a small seeded PRNG, no clock reads that change the data
 * (stance events carry their own decision dates and `now`).
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { candidates, meetingInvitees, races, subCoalitionMembers, users } from "./schema";
import type { Incumbency } from "../app/domain/vocabulary";
import type { Stance } from "../app/domain/vocabulary";
import type { LegalType } from "../app/domain/vocabulary";
import type { Actor } from "../app/domain/actor";
import { LEGAL_TYPE_LABELS } from "../app/domain/legal-types";
import { createUserWithPassword, grantRole } from "../app/models/accounts.server";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed-users";
import { acknowledgePolicy, publishPolicy } from "../app/models/policies.server";
import { setSide } from "../app/models/sides.server";

function firewallPolicyText(name: string): string {
  return [
    `${name} keeps a firewall between anyone who works with a candidate's campaign and its independent-side work.`,
    "1. Staff, volunteers and vendors who receive a campaign's plans, projects, activities or needs are walled from independent-side work in that race until the general election.",
    "2. Anyone who served a candidate in a race, or a party committee, in the last 120 days does no independent-side work in that race (every race, for party service).",
    "3. Independent-side plans, turf, lists and results are never shared with a campaign.",
    "4. Questions go to counsel before the act, not after.",
  ].join("\n\n");
}
import { seedShifts } from "./seed-shifts";
import { seedLevels } from "./seed-levels";
import { seedReach } from "./seed-reach";

import { seedDecide } from "./seed-decide";

import { seedAllies } from "./seed-allies";
import { seedResults } from "./seed-results";
import { seedCapacity } from "./seed-capacity";

import { seedLessons } from "./seed-lessons";
import { seedVoice } from "./seed-voice";
import { seedQuestions } from "./seed-questions";
import { seedMail } from "./seed-mail";
import { listSubCoalitions } from "../app/models/sub-coalitions.server";
import { matrixExportRows, splitRaces } from "../app/models/table-picture.server";
import { recordContact } from "../app/models/campaign-contacts.server";
import { addWall } from "../app/models/walls.server";
import { addVendorClient, createVendor } from "../app/models/vendors.server";
import { buildActionItem, buildAffiliate, buildCandidate, buildCoalition, buildMeeting, buildPartner, buildProfileItem, buildProgram, buildRace, stance } from "../tests/factories";
import { setActionItemStatus } from "../app/models/action-items.server";
import { addAgendaItem, addAgendaNote, prefillAgenda, publishAgenda } from "../app/models/agendas.server";
import { recordDecision } from "../app/models/decisions.server";
import { recordAttendance } from "../app/models/meetings.server";
import { saveAgreementVersion, signOffAgreement } from "../app/models/agreements.server";
import { setPledge } from "../app/models/pledges.server";
import { importUnits } from "../app/models/turf.server";

export const DEMO_TABLE_NAME = "Demo Federal Table";
/** The date the summary's statuses are read at: the day of the last seeded decision. */
export const DEMO_AS_OF = "2026-11-20";
const GENERAL_DATE = "2028-11-07";

// ---------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ---------------------------------------------------------------------------------------
// Partners: twelve fictional national organizations

type PartnerSpec = { key: string; name: string; legalType: LegalType; contactName: string; decidingBody: string };

const PARTNERS: PartnerSpec[] = [
  { key: "KA", name: "Kestrel Action", legalType: "c4", contactName: "Dana Whitlock", decidingBody: "Board of directors" },
  { key: "BVA", name: "Bramblewood Voters Alliance", legalType: "c4", contactName: "Marcus Ellery", decidingBody: "Political committee" },
  { key: "TCA", name: "Tidewater Climate Action", legalType: "c4", contactName: "Priya Halden", decidingBody: "Endorsement committee" },
  { key: "PNA", name: "Porchlight Neighbors Action", legalType: "c4", contactName: "Luis Carrow", decidingBody: "Member council" },
  { key: "OHAN", name: "Open Hands Action Network", legalType: "c4", contactName: "Grace Tennant", decidingBody: "Board of directors" },
  { key: "LEF", name: "Lantern Education Fund", legalType: "c3", contactName: "Wendell Ashby", decidingBody: "Board of trustees" },
  { key: "AHWU", name: "Amalgamated Hearth Workers Union", legalType: "c5", contactName: "Rosa Kilbride", decidingBody: "Executive board" },
  { key: "TTWU", name: "Transit and Trades Workers United", legalType: "c5", contactName: "Frank Osei", decidingBody: "Executive council" },
  { key: "KPAC", name: "Kindling PAC", legalType: "pac", contactName: "Jolene Marsh", decidingBody: "PAC committee" },
  { key: "BVF", name: "Bluewater Victory Fund", legalType: "super_pac", contactName: "Anton Reyes-Mill", decidingBody: "Fund board" },
  { key: "RHP", name: "Ridgeline Hybrid PAC", legalType: "hybrid_pac", contactName: "Tamsin Okoro", decidingBody: "PAC committee" },
  { key: "SCF", name: "Sparrow Civic Fund", legalType: "527", contactName: "Hollis Grady", decidingBody: "Steering committee" },
];

// ---------------------------------------------------------------------------------------
// Affiliates: forty state and local chapters in seven states

type AffiliateSpec = { partner: string; name: string; state: string; districts: string[]; counties: string[]; lead: string; contact: string };

const AFFILIATES: AffiliateSpec[] = [
  // Pennsylvania
  { partner: "KA", name: "Kestrel Action Pennsylvania", state: "PA", districts: ["03", "07", "08", "10"], counties: ["Philadelphia", "Lehigh"], lead: "Maureen Tolliver", contact: "maureen.tolliver@example.org" },
  { partner: "TCA", name: "Tidewater Climate Action Lehigh Valley", state: "PA", districts: ["07"], counties: ["Lehigh", "Northampton"], lead: "Ben Castellaw", contact: "(610) 555-0141" },
  { partner: "AHWU", name: "Hearth Workers Local 1201", state: "PA", districts: ["03", "07", "10"], counties: ["Philadelphia", "Lehigh", "Dauphin"], lead: "Gloria Pemberton", contact: "gpemberton@example.org" },
  { partner: "PNA", name: "Porchlight Neighbors Pennsylvania", state: "PA", districts: ["03", "07"], counties: ["Philadelphia", "Northampton"], lead: "Andre Whitfield", contact: "(215) 555-0117" },
  { partner: "OHAN", name: "Open Hands Keystone", state: "PA", districts: ["07", "08"], counties: ["Lehigh", "Luzerne"], lead: "Celia Brandt", contact: "celia.brandt@example.org" },
  { partner: "TTWU", name: "Trades Workers Local 88", state: "PA", districts: ["08", "10"], counties: ["Luzerne", "Dauphin", "Cumberland"], lead: "Walt Dziedzic", contact: "(717) 555-0188" },
  { partner: "LEF", name: "Lantern Education Fund Pennsylvania", state: "PA", districts: ["03", "10"], counties: ["Philadelphia", "Dauphin"], lead: "Naomi Rusk", contact: "naomi.rusk@example.org" },
  // Michigan
  { partner: "BVA", name: "Bramblewood Voters Michigan", state: "MI", districts: ["07", "10"], counties: ["Macomb", "Ingham"], lead: "Terrence Albee", contact: "talbee@example.org" },
  { partner: "TTWU", name: "Trades Workers Local 12", state: "MI", districts: ["03", "10"], counties: ["Macomb", "Kent"], lead: "Dolores Vick", contact: "(586) 555-0112" },
  { partner: "KPAC", name: "Kindling PAC Michigan", state: "MI", districts: ["10"], counties: ["Macomb"], lead: "Shawn Pryor", contact: "shawn.pryor@example.org" },
  { partner: "SCF", name: "Sparrow Civic Fund Michigan", state: "MI", districts: ["07", "10"], counties: ["Macomb", "Eaton"], lead: "Ingrid Falk", contact: "(517) 555-0163" },
  { partner: "KA", name: "Kestrel Action Michigan", state: "MI", districts: ["03", "07"], counties: ["Kent", "Ingham"], lead: "Omar Haskell", contact: "omar.haskell@example.org" },
  { partner: "AHWU", name: "Hearth Workers Local 330", state: "MI", districts: ["03", "10"], counties: ["Kent", "Macomb"], lead: "Bettina Crowe", contact: "(616) 555-0130" },
  // Arizona
  { partner: "KA", name: "Kestrel Action Arizona", state: "AZ", districts: ["01", "06"], counties: ["Pima", "Maricopa"], lead: "Lucinda Farrow", contact: "lucinda.farrow@example.org" },
  { partner: "OHAN", name: "Open Hands Arizona", state: "AZ", districts: ["04", "06"], counties: ["Pima", "Maricopa"], lead: "Ramon Estrella", contact: "(520) 555-0106" },
  { partner: "BVF", name: "Bluewater Victory Fund Arizona Program", state: "AZ", districts: ["06"], counties: ["Pima"], lead: "Kira Lindgren", contact: "kira.lindgren@example.org" },
  { partner: "RHP", name: "Ridgeline Arizona", state: "AZ", districts: ["01", "06"], counties: ["Pima", "Maricopa"], lead: "Doug Ferrante", contact: "(480) 555-0161" },
  { partner: "TCA", name: "Tidewater Climate Action Arizona", state: "AZ", districts: ["01", "04"], counties: ["Maricopa"], lead: "Yesenia Marroquin", contact: "ymarroquin@example.org" },
  // North Carolina
  { partner: "KA", name: "Kestrel Action North Carolina", state: "NC", districts: ["09", "13"], counties: ["Cumberland", "Wake"], lead: "Curtis Lamb", contact: "(919) 555-0109" },
  { partner: "BVA", name: "Bramblewood Voters North Carolina", state: "NC", districts: ["01", "09"], counties: ["Pitt", "Robeson"], lead: "Alma Jeffords", contact: "alma.jeffords@example.org" },
  { partner: "AHWU", name: "Hearth Workers Local 77", state: "NC", districts: ["09", "13"], counties: ["Cumberland", "Johnston"], lead: "Reggie Tillman", contact: "(910) 555-0177" },
  { partner: "KPAC", name: "Kindling PAC North Carolina", state: "NC", districts: ["09"], counties: ["Robeson", "Moore"], lead: "Harriet Doyle", contact: "hdoyle@example.org" },
  { partner: "PNA", name: "Porchlight Neighbors Triangle", state: "NC", districts: ["09", "13"], counties: ["Wake", "Johnston"], lead: "Simone Baptiste", contact: "(984) 555-0113" },
  { partner: "LEF", name: "Lantern Education Fund North Carolina", state: "NC", districts: ["01", "09"], counties: ["Pitt", "Cumberland"], lead: "Everett Sams", contact: "everett.sams@example.org" },
  // Georgia
  { partner: "TCA", name: "Tidewater Climate Action Georgia", state: "GA", districts: ["06"], counties: ["Cobb", "Fulton"], lead: "Monique Ashford", contact: "monique.ashford@example.org" },
  { partner: "PNA", name: "Porchlight Neighbors Atlanta", state: "GA", districts: ["06"], counties: ["Fulton", "Douglas"], lead: "Jerome Oakes", contact: "(404) 555-0106" },
  { partner: "OHAN", name: "Open Hands Georgia", state: "GA", districts: ["02", "06"], counties: ["Cobb", "Dougherty"], lead: "Patrice Vann", contact: "pvann@example.org" },
  { partner: "BVA", name: "Bramblewood Voters Georgia", state: "GA", districts: ["02", "06"], counties: ["Cobb", "Muscogee"], lead: "Lionel Crenshaw", contact: "(706) 555-0102" },
  { partner: "TTWU", name: "Trades Workers Local 404", state: "GA", districts: ["02", "06"], counties: ["Dougherty", "Fulton"], lead: "Ada Whitmore", contact: "ada.whitmore@example.org" },
  // Wisconsin
  { partner: "BVA", name: "Bramblewood Voters Wisconsin", state: "WI", districts: ["01", "03"], counties: ["Racine", "Eau Claire"], lead: "Gretchen Moll", contact: "gretchen.moll@example.org" },
  { partner: "SCF", name: "Sparrow Civic Fund Wisconsin", state: "WI", districts: ["03"], counties: ["Eau Claire", "La Crosse"], lead: "Nils Aukema", contact: "(715) 555-0103" },
  { partner: "TTWU", name: "Trades Workers Local 9", state: "WI", districts: ["01", "03"], counties: ["Kenosha", "Racine"], lead: "Marty Kowalski", contact: "(262) 555-0109" },
  { partner: "KA", name: "Kestrel Action Wisconsin", state: "WI", districts: ["01", "03"], counties: ["Kenosha", "La Crosse"], lead: "Hana Vue", contact: "hana.vue@example.org" },
  { partner: "LEF", name: "Lantern Education Fund Wisconsin", state: "WI", districts: ["03"], counties: ["La Crosse"], lead: "Dwight Engstrom", contact: "dengstrom@example.org" },
  // New York
  { partner: "TCA", name: "Tidewater Climate Action Hudson Valley", state: "NY", districts: ["17", "19"], counties: ["Rockland", "Ulster"], lead: "Fiona Adebayo", contact: "fiona.adebayo@example.org" },
  { partner: "AHWU", name: "Hearth Workers Local 615", state: "NY", districts: ["04", "17"], counties: ["Nassau", "Westchester"], lead: "Carmine Bellotti", contact: "(914) 555-0115" },
  { partner: "TTWU", name: "Trades Workers Local 316", state: "NY", districts: ["04", "17"], counties: ["Nassau", "Rockland"], lead: "Yolanda Pierce", contact: "(516) 555-0136" },
  { partner: "PNA", name: "Porchlight Neighbors Hudson Valley", state: "NY", districts: ["17", "19"], counties: ["Westchester", "Dutchess"], lead: "Ruth Kessler", contact: "ruth.kessler@example.org" },
  { partner: "KPAC", name: "Kindling PAC New York", state: "NY", districts: ["04", "17"], counties: ["Nassau"], lead: "Devin Mallory", contact: "(516) 555-0144" },
  { partner: "OHAN", name: "Open Hands Empire State", state: "NY", districts: ["04", "19"], counties: ["Ulster", "Nassau"], lead: "Teodora Lusk", contact: "teodora.lusk@example.org" },
];

// ---------------------------------------------------------------------------------------
// Races and candidates: twenty U.S. House primaries

/** 2028 primary dates, following each state's usual calendar. */
const PRIMARY_DATES: Record<string, string> = {
  NC: "2028-03-07",
  PA: "2028-04-25",
  GA: "2028-05-23",
  NY: "2028-06-27",
  AZ: "2028-08-01",
  MI: "2028-08-08",
  WI: "2028-08-08",
};

type CandidateSpec = { name: string; incumbency: Incumbency; occupation: string };
type RaceSpec = { state: string; district: string; incumbent: string | null; place: string; candidates: CandidateSpec[] };

const RACES: RaceSpec[] = [
  {
    state: "PA", district: "03", incumbent: null, place: "West Philadelphia",
    candidates: [
      { name: "Danielle Whitcombe", incumbency: "open_seat", occupation: "state representative" },
      { name: "Marcus Ilori", incumbency: "open_seat", occupation: "public defender" },
      { name: "Teresa Vandermolen", incumbency: "open_seat", occupation: "city council member" },
    ],
  },
  {
    state: "PA", district: "07", incumbent: "Gordon Halvorsen (R)", place: "Allentown",
    candidates: [
      { name: "Renata Oyelaran", incumbency: "challenger", occupation: "emergency-room nurse and union steward" },
      { name: "Philip Marchetti", incumbency: "challenger", occupation: "small-business owner" },
      { name: "Yvonne Szabo", incumbency: "challenger", occupation: "former county commissioner" },
    ],
  },
  {
    state: "PA", district: "08", incumbent: "Clayton Brandauer (R)", place: "Wilkes-Barre",
    candidates: [
      { name: "Owen Tisdale", incumbency: "challenger", occupation: "high-school history teacher" },
      { name: "Priya Venkataraman", incumbency: "challenger", occupation: "family physician" },
    ],
  },
  {
    state: "PA", district: "10", incumbent: "Douglas Pennington (R)", place: "Harrisburg",
    candidates: [
      { name: "Janelle Whitford", incumbency: "challenger", occupation: "retired Air Force officer" },
      { name: "Samuel Achterberg", incumbency: "challenger", occupation: "township supervisor" },
    ],
  },
  {
    state: "MI", district: "03", incumbent: "Helen Marquardt (D)", place: "Grand Rapids",
    candidates: [
      { name: "Helen Marquardt", incumbency: "incumbent", occupation: "member of Congress" },
      { name: "Tobias Renwick", incumbency: "challenger", occupation: "software engineer" },
    ],
  },
  {
    state: "MI", district: "07", incumbent: null, place: "Lansing",
    candidates: [
      { name: "Alana Birchfield", incumbency: "open_seat", occupation: "state senator" },
      { name: "Victor Oduya", incumbency: "open_seat", occupation: "university administrator" },
      { name: "Corinne Lestrade", incumbency: "open_seat", occupation: "former school-board president" },
    ],
  },
  {
    state: "MI", district: "10", incumbent: "Russell Vantongeren (R)", place: "Sterling Heights",
    candidates: [
      { name: "Nadia Farouk", incumbency: "challenger", occupation: "auto plant electrician and union organizer" },
      { name: "Kevin Stolarski", incumbency: "challenger", occupation: "former assistant prosecutor" },
      { name: "Lorraine Abernathy", incumbency: "challenger", occupation: "pastor" },
    ],
  },
  {
    state: "AZ", district: "01", incumbent: "Wade Kettering (R)", place: "Scottsdale",
    candidates: [
      { name: "Marisol Ybarra", incumbency: "challenger", occupation: "pediatrician" },
      { name: "Grant Holloway", incumbency: "challenger", occupation: "former state treasurer staffer" },
    ],
  },
  {
    state: "AZ", district: "04", incumbent: "Lucia Everhart (D)", place: "Tempe",
    candidates: [
      { name: "Lucia Everhart", incumbency: "incumbent", occupation: "member of Congress" },
      { name: "Damon Whitaker", incumbency: "challenger", occupation: "tech entrepreneur" },
    ],
  },
  {
    state: "AZ", district: "06", incumbent: "Brent Stallworth (R)", place: "Tucson",
    candidates: [
      { name: "Celeste Naranjo", incumbency: "challenger", occupation: "water-policy engineer" },
      { name: "Howard Linwood", incumbency: "challenger", occupation: "retired judge" },
      { name: "Rosa Delgadillo", incumbency: "challenger", occupation: "community-college instructor" },
    ],
  },
  {
    state: "NC", district: "01", incumbent: "Thaddeus Greenlee (D)", place: "Greenville",
    candidates: [
      { name: "Thaddeus Greenlee", incumbency: "incumbent", occupation: "member of Congress" },
      { name: "Imani Rowntree", incumbency: "challenger", occupation: "tenant organizer" },
    ],
  },
  {
    state: "NC", district: "09", incumbent: "Harlan Pettigrew (R)", place: "Fayetteville",
    candidates: [
      { name: "Jasmine Lyle", incumbency: "challenger", occupation: "Army veteran and county commissioner" },
      { name: "Curtis Blanchard", incumbency: "challenger", occupation: "hospital maintenance supervisor and union member" },
      { name: "Evelyn Moorcroft", incumbency: "challenger", occupation: "attorney" },
    ],
  },
  {
    state: "NC", district: "13", incumbent: null, place: "Smithfield",
    candidates: [
      { name: "Miriam Castellane", incumbency: "open_seat", occupation: "state representative" },
      { name: "Derrick Fairweather", incumbency: "open_seat", occupation: "farmer and cooperative board member" },
    ],
  },
  {
    state: "GA", district: "02", incumbent: "Otis Wainwright (D)", place: "Albany",
    candidates: [
      { name: "Otis Wainwright", incumbency: "incumbent", occupation: "member of Congress" },
      { name: "Keisha Delacroix", incumbency: "challenger", occupation: "city commissioner" },
    ],
  },
  {
    state: "GA", district: "06", incumbent: null, place: "Marietta",
    candidates: [
      { name: "Simone Arkwright", incumbency: "open_seat", occupation: "state senator" },
      { name: "Terrence Mabry", incumbency: "open_seat", occupation: "former county chair" },
      { name: "Gloria Hawthorne", incumbency: "open_seat", occupation: "labor lawyer" },
      { name: "Abdul Rahimi", incumbency: "open_seat", occupation: "small-business owner" },
    ],
  },
  {
    state: "WI", district: "01", incumbent: "Lyle Brandvold (R)", place: "Kenosha",
    candidates: [
      { name: "Hannah Kowalczyk", incumbency: "challenger", occupation: "ironworker and apprenticeship coordinator" },
      { name: "Ezra Lindqvist", incumbency: "challenger", occupation: "former mayoral aide" },
    ],
  },
  {
    state: "WI", district: "03", incumbent: "Dale Haugland (R)", place: "Eau Claire",
    candidates: [
      { name: "Rebecca Thorsby", incumbency: "challenger", occupation: "dairy farmer and county board supervisor" },
      { name: "Malik Jeffries", incumbency: "challenger", occupation: "nonprofit director" },
      { name: "Annika Solberg", incumbency: "challenger", occupation: "physical therapist" },
    ],
  },
  {
    state: "NY", district: "04", incumbent: "Peter Castellucci (R)", place: "Hempstead",
    candidates: [
      { name: "Laura Ruiz-Feld", incumbency: "challenger", occupation: "county legislator" },
      { name: "Anthony Marsicano", incumbency: "challenger", occupation: "former police sergeant" },
    ],
  },
  {
    state: "NY", district: "17", incumbent: "Bradley Westergaard (R)", place: "New City",
    candidates: [
      { name: "Joanna Mercado", incumbency: "challenger", occupation: "home health aide turned union leader" },
      { name: "Stephen Albrecht", incumbency: "challenger", occupation: "investment manager" },
      { name: "Farah Siddiqui", incumbency: "challenger", occupation: "climate scientist" },
    ],
  },
  {
    state: "NY", district: "19", incumbent: "Margaret Oakhurst (D, retiring)", place: "Kingston",
    candidates: [
      { name: "Nathaniel Brightwater", incumbency: "open_seat", occupation: "county executive" },
      { name: "Carmen Villanueva", incumbency: "open_seat", occupation: "rural broadband advocate" },
      { name: "Isaac Feldstein", incumbency: "open_seat", occupation: "orchard owner" },
    ],
  },
];

const POSITIONS: { topic: string; bodies: string[] }[] = [
  { topic: "Health care", bodies: ["Supports a public option and capping insulin at $35 a month.", "Backs expanding Medicare to cover dental, vision and hearing."] },
  { topic: "Housing", bodies: ["Wants federal money for 3 million new affordable homes and tenant legal aid.", "Supports a renters' tax credit and stronger fair-housing enforcement."] },
  { topic: "Climate", bodies: ["Supports clean-energy manufacturing credits tied to union labor standards.", "Backs a federal plan to cut power-sector emissions in half by 2035."] },
  { topic: "Labor", bodies: ["Co-sponsor-level support for the right to organize and card-check recognition.", "Supports raising the federal minimum wage to $17 and ending tipped subminimum wages."] },
  { topic: "Voting rights", bodies: ["Supports restoring preclearance and automatic voter registration.", "Backs national standards for early voting and mail ballots."] },
  { topic: "Child care", bodies: ["Wants child care capped at 7% of family income.", "Supports restoring the expanded child tax credit."] },
  { topic: "Water", bodies: ["Supports replacing every lead service line within ten years.", "Backs federal drought-resilience grants for cities and tribes."] },
];

const STRENGTHS = [
  "Strong name recognition in the district's largest county.",
  "Deep ties to local labor and faith communities; volunteers already organized by precinct.",
  "Outraised primary opponents in the last two quarters with mostly small-dollar donors.",
  "Compelling personal story that tested well in the table's message research.",
  "Has won in parts of this district before, outrunning the top of the ticket.",
  "Endorsed by several local elected officials across the district.",
];

const RISKS = [
  "Thin cash on hand for a district with expensive media markets.",
  "Past votes on a local tax measure could be used against the candidate.",
  "Little campaign infrastructure outside the home county.",
  "A crowded primary could split the base and let a weaker candidate through.",
  "Has not yet hired a field director; volunteer program is informal.",
  "Relies on a few large donors; small-dollar base is still building.",
];

const POLLSTERS = ["Meridian Research Group", "Lakeshore Analytics", "Harbor & Vale Polling", "Northstar Opinion Lab"];

/** Candidates whose campaigns shared their plans or needs with the facilitator (source "campaign"). */
const CAMPAIGN_NOTES: Record<string, string> = {
  "Renata Oyelaran": "Campaign manager said the campaign plans a paid digital push in the final six weeks and needs door-knocking help in Northampton County.",
  "Nadia Farouk": "Campaign shared its internal vote goal (61,000) and said it is short of Arabic- and Polish-speaking phone bankers.",
  "Celeste Naranjo": "Campaign said it will concentrate its own canvass on the east side of Tucson and hopes outside groups cover the foothills precincts.",
  "Joanna Mercado": "Finance director said the campaign expects to reserve broadcast time in late May and needs help with Spanish-language outreach in Rockland.",
  "Curtis Blanchard": "Campaign told the facilitator it is planning a bus tour of the district's rural counties in February.",
  "Simone Arkwright": "Campaign shared that its field plan leaves Douglas County mostly unworked and it is looking for partners there.",
};

// ---------------------------------------------------------------------------------------
// Stances, in the order they were decided

type StancePlan = { on: string; candidate: string; partner: string; stance: Stance; note?: string; affiliate?: string; notePrivate?: boolean };

const STANCES: StancePlan[] = [
  { on: "2026-08-04", candidate: "Renata Oyelaran", partner: "KA", stance: "considering" },
  { on: "2026-08-06", candidate: "Renata Oyelaran", partner: "TCA", stance: "considering" },
  { on: "2026-08-11", candidate: "Helen Marquardt", partner: "KA", stance: "endorsed", note: "Re-endorsed on her voting record." },
  { on: "2026-08-13", candidate: "Nadia Farouk", partner: "BVA", stance: "considering" },
  { on: "2026-08-18", candidate: "Renata Oyelaran", partner: "KA", stance: "endorsed", note: "Unanimous board vote after candidate interview." },
  { on: "2026-08-20", candidate: "Renata Oyelaran", partner: "AHWU", stance: "endorsed", note: "Member of the union since 2011." },
  { on: "2026-08-25", candidate: "Lucia Everhart", partner: "TCA", stance: "endorsed" },
  { on: "2026-08-27", candidate: "Curtis Blanchard", partner: "KPAC", stance: "considering" },
  { on: "2026-09-02", candidate: "Renata Oyelaran", partner: "TCA", stance: "endorsed" },
  { on: "2026-09-03", candidate: "Nadia Farouk", partner: "BVA", stance: "endorsed" },
  { on: "2026-09-08", candidate: "Nadia Farouk", partner: "TTWU", stance: "endorsed", note: "Recommended by Local 12." },
  { on: "2026-09-09", candidate: "Renata Oyelaran", partner: "PNA", stance: "endorsed", note: "Member council vote, 41 to 3." },
  { on: "2026-09-10", candidate: "Philip Marchetti", partner: "BVA", stance: "declined", note: "Did not return the questionnaire." },
  { on: "2026-09-15", candidate: "Celeste Naranjo", partner: "KA", stance: "considering" },
  { on: "2026-09-16", candidate: "Celeste Naranjo", partner: "OHAN", stance: "considering" },
  { on: "2026-09-17", candidate: "Janelle Whitford", partner: "TTWU", stance: "endorsed" },
  { on: "2026-09-22", candidate: "Nadia Farouk", partner: "KPAC", stance: "endorsed" },
  { on: "2026-09-24", candidate: "Jasmine Lyle", partner: "KA", stance: "endorsed" },
  { on: "2026-09-29", candidate: "Simone Arkwright", partner: "TCA", stance: "considering" },
  { on: "2026-09-30", candidate: "Nadia Farouk", partner: "SCF", stance: "endorsed" },
  { on: "2026-10-01", candidate: "Celeste Naranjo", partner: "KA", stance: "endorsed" },
  { on: "2026-10-02", candidate: "Celeste Naranjo", partner: "BVF", stance: "endorsed" },
  { on: "2026-10-06", candidate: "Curtis Blanchard", partner: "AHWU", stance: "endorsed", note: "Endorsed on the recommendation of Local 77." },
  { on: "2026-10-07", candidate: "Celeste Naranjo", partner: "OHAN", stance: "endorsed" },
  { on: "2026-10-08", candidate: "Celeste Naranjo", partner: "RHP", stance: "endorsed" },
  { on: "2026-10-09", candidate: "Simone Arkwright", partner: "TCA", stance: "endorsed" },
  { on: "2026-10-13", candidate: "Jasmine Lyle", partner: "BVA", stance: "endorsed" },
  { on: "2026-10-14", candidate: "Miriam Castellane", partner: "PNA", stance: "endorsed" },
  { on: "2026-10-15", candidate: "Renata Oyelaran", partner: "OHAN", stance: "endorsed", note: "Joins the sub-table as its fifth partner." },
  { on: "2026-10-16", candidate: "Joanna Mercado", partner: "TCA", stance: "endorsed" },
  { on: "2026-10-20", candidate: "Joanna Mercado", partner: "AHWU", stance: "endorsed", note: "Former shop steward of Local 615." },
  { on: "2026-10-21", candidate: "Curtis Blanchard", partner: "KPAC", stance: "endorsed" },
  { on: "2026-10-22", candidate: "Simone Arkwright", partner: "PNA", stance: "endorsed" },
  { on: "2026-10-23", candidate: "Simone Arkwright", partner: "BVA", stance: "endorsed", affiliate: "Bramblewood Voters Georgia", note: "The Georgia chapter's own endorsement; the national board has not taken it up." },
  { on: "2026-10-27", candidate: "Joanna Mercado", partner: "TTWU", stance: "endorsed" },
  { on: "2026-10-28", candidate: "Rebecca Thorsby", partner: "BVA", stance: "endorsed" },
  { on: "2026-10-29", candidate: "Joanna Mercado", partner: "RHP", stance: "considering" },
  { on: "2026-10-30", candidate: "Owen Tisdale", partner: "OHAN", stance: "considering" },
  { on: "2026-11-02", candidate: "Joanna Mercado", partner: "PNA", stance: "endorsed" },
  { on: "2026-11-03", candidate: "Hannah Kowalczyk", partner: "TTWU", stance: "endorsed", note: "Recommended by Local 9." },
  { on: "2026-11-04", candidate: "Laura Ruiz-Feld", partner: "KPAC", stance: "endorsed" },
  { on: "2026-11-05", candidate: "Simone Arkwright", partner: "OHAN", stance: "endorsed" },
  { on: "2026-11-06", candidate: "Danielle Whitcombe", partner: "PNA", stance: "considering" },
  { on: "2026-11-09", candidate: "Rebecca Thorsby", partner: "SCF", stance: "endorsed" },
  { on: "2026-11-10", candidate: "Celeste Naranjo", partner: "RHP", stance: "withdrawn", note: "Withdrawn pending a review of the PAC's account structure.", notePrivate: true },
  { on: "2026-11-12", candidate: "Howard Linwood", partner: "BVF", stance: "declined" },
  { on: "2026-11-13", candidate: "Stephen Albrecht", partner: "KA", stance: "declined", note: "Positions do not match our platform." },
  { on: "2026-11-16", candidate: "Simone Arkwright", partner: "BVF", stance: "considering" },
  { on: "2026-11-17", candidate: "Marisol Ybarra", partner: "SCF", stance: "considering" },
  { on: "2026-11-18", candidate: "Thaddeus Greenlee", partner: "OHAN", stance: "declined", note: "No endorsement in this primary." },
  { on: "2026-11-19", candidate: "Alana Birchfield", partner: "TTWU", stance: "considering" },
  { on: "2026-11-20", candidate: "Keisha Delacroix", partner: "AHWU", stance: "considering" },
  { on: "2026-11-20", candidate: "Nathaniel Brightwater", partner: "KPAC", stance: "declined" },
];

/** The one attempt by the 501(c)(3): refused under rule F1, which leaves a logged denial. */
const C3_ATTEMPT = { on: "2026-08-28", candidate: "Renata Oyelaran", partner: "LEF" } as const;

// ---------------------------------------------------------------------------------------

/** The demo accounts, one per role (db/seed-users.ts); the facilitator builds the table. */
function demoAccounts(db: Db) {
  const byKey = {} as Record<(typeof DEMO_USERS)[number]["key"], Actor>;
  for (const u of DEMO_USERS) {
    const found = db.select().from(users).where(eq(users.email, u.email)).get();
    const row = found ?? createUserWithPassword(db, { name: u.name, email: u.email, password: DEMO_PASSWORD, isAdmin: u.key === "admin", isDemo: true });
    byKey[u.key] = { id: row.id, name: row.name };
  }
  return byKey;
}

// ---- firewall F3–F5: a contact log entry, a wall roster entry, a vendor ----------------------

/**
 * A little of rules F3–F5 to look at: a campaign contact with plans or needs (attended only by
 * a person without an account, so no demo account is walled), a party-service entry on the
 * demo partner's roster for a person who is not a demo account, and a vendor with a recent
 * candidate client and no firewall policy on file.
 */
function seedFirewallF3toF5(db: Db, accounts: ReturnType<typeof demoAccounts>, cid: number, demoPartnerId: number): string {
  const race = db.select().from(races).where(and(eq(races.coalitionId, cid), eq(races.state, "PA"))).orderBy(asc(races.district)).get();
  if (!race) throw new Error("seed: no Pennsylvania race for the firewall demo");
  const candidate = db.select().from(candidates).where(eq(candidates.raceId, race.id)).orderBy(asc(candidates.name)).get() ?? null;
  const must = <T extends { ok: boolean }>(r: T, what: string) => {
    if (!r.ok) throw new Error(`seed: ${what} was refused: ${JSON.stringify(r)}`);
    return r as Extract<T, { ok: true }>;
  };
  const at = (d: string) => new Date(`${d}T16:00:00Z`);
  const contact = must(
    recordContact(
      db,
      accounts.facilitator,
      cid,
      {
        raceId: race.id,
        candidateId: candidate?.id ?? null,
        contactDate: "2026-11-12",
        topic: "Candidate forum logistics",
        plansOrNeeds: true,
        campaignPeople: "The campaign's field director",
        notes: "The campaign said it is short of door-knockers in the river wards and plans a bus tour in March.",
        attendeeUserIds: [],
        others: [{ name: "Dana Whitlock", email: "dana.whitlock@example.org" }],
      },
      at("2026-11-12"),
    ),
    "the demo campaign contact",
  );
  must(
    addWall(
      db,
      accounts.counsel,
      cid,
      {
        partnerId: demoPartnerId,
        userId: null,
        personName: "Jamie Ortega",
        email: "jamie.ortega@example.org",
        reason: "party_service",
        raceId: null,
        servedFor: "Pennsylvania State Party Committee",
        startDate: "2025-02-01",
        lastServiceDate: "2026-10-15",
        evidence: "Committee staff list, October 2026 filing",
      },
      at("2026-11-01"),
    ),
    "the demo wall entry",
  );
  const vendor = must(createVendor(db, accounts.facilitator, cid, { name: "Keystone Mail Works", services: "Direct mail, printing" }, at("2026-11-02")), "the demo vendor").vendor;
  must(
    addVendorClient(
      db,
      accounts.facilitator,
      cid,
      { vendorId: vendor.id, kind: "candidate", raceId: race.id, servedFor: candidate ? `${candidate.name} for Congress` : "A campaign in this race", startDate: "2026-06-01", lastServiceDate: "2026-10-31" },
      at("2026-11-02"),
    ),
    "the demo vendor client",
  );
  return `Firewall demo: campaign contact #${contact.contactId} in ${race.state}-${race.district} (1 walled), 1 party-service wall entry, vendor ${vendor.name} without a policy.`;
}

// ---------------------------------------------------------------------------------------
// Joint field work (issue 5): a program on the PA-07 sub-table with turf and pledges

const FIELD_CANDIDATE = "Renata Oyelaran";
const FIELD_PLEDGES: [affiliate: string, work: "doorknock" | "phonebank", week: string, hours: number][] = [
  ["Kestrel Action Pennsylvania", "doorknock", "2026-11-09", 20],
  ["Tidewater Climate Action Lehigh Valley", "doorknock", "2026-11-09", 30],
  ["Hearth Workers Local 1201", "doorknock", "2026-11-16", 10],
  ["Porchlight Neighbors Pennsylvania", "doorknock", "2026-11-16", 15],
  ["Open Hands Keystone", "phonebank", "2026-11-16", 12],
  ["Kestrel Action Pennsylvania", "phonebank", "2026-11-23", 6],
];

/** The program, 30 walk packets and 8 call-list chunks in Lehigh and Northampton, pledges and the split. */
function seedFieldProgram(db: Db, actor: Actor, cid: number, subTableId: number | undefined, affiliateIds: Map<string, number>): string {
  if (subTableId === undefined) throw new Error(`seed: no sub-table for ${FIELD_CANDIDATE}`);
  const program = buildProgram(db, actor, cid, subTableId, {
    name: "Lehigh Valley doors and phones for Oyelaran",
    startDate: "2026-11-02",
    endDate: "2028-04-25",
    goals: { doorknock: 12000, phonebank: 8000, textbank: 15000, public_event: 6, organizing_call: 10 },
  });
  const rows = ["unit_id,kind,name,size,state,district,county,precinct"];
  for (let i = 1; i <= 30; i++) {
    const county = i <= 18 ? "Lehigh" : "Northampton";
    const place = i <= 18 ? "Allentown" : "Bethlehem";
    rows.push(`WP-${String(i).padStart(3, "0")},walk_packet,${place} packet ${i},${60 + ((i * 37) % 90)},PA,07,${county},${place} ${Math.ceil(i / 3)}-${(i % 3) + 1}`);
  }
  for (let i = 1; i <= 8; i++) rows.push(`CL-${String(i).padStart(3, "0")},call_list,Lehigh Valley call list ${i},${400 + i * 25},PA,07,${i <= 5 ? "Lehigh" : "Northampton"},`);
  const imported = importUnits(db, actor, { coalitionId: cid, programId: program.id, content: rows.join("\n") }, new Date("2026-10-20T15:00:00Z"));
  if (!imported.ok) throw new Error(`seed: turf import refused: ${imported.message}`);
  for (const [name, workType, weekStart, hours] of FIELD_PLEDGES) {
    const affiliateId = affiliateIds.get(name);
    if (affiliateId === undefined) throw new Error(`seed: unknown affiliate ${name}`);
    const r = setPledge(db, actor, { coalitionId: cid, programId: program.id, affiliateId, workType, weekStart, hours }, new Date("2026-10-25T15:00:00Z"));
    if (!r.ok) throw new Error(`seed: pledge refused: ${r.message}`);
  }
  return `A field program for ${FIELD_CANDIDATE} (PA-07) with ${imported.count} turf units and ${FIELD_PLEDGES.length} pledges, split among the sub-table's affiliates.`;
}

/** The partner whose people the demo representative, counsel and lead are. */
const DEMO_PARTNER = "KA";
const DEMO_AFFILIATE = "Kestrel Action Pennsylvania";

export function seedDemo(db: Db): { coalitionId: number; summary: string } {
  const accounts = demoAccounts(db);
  const actor = accounts.facilitator;
  const rand = mulberry32(20280307);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const coalition = buildCoalition(db, actor, { name: DEMO_TABLE_NAME, level: "federal", cycle: 2028, threshold: 4 });
  const cid = coalition.id;
  grantRole(db, accounts.admin, accounts.facilitator.id, { role: "facilitator", coalitionId: cid });

  const partnerIds = new Map<string, number>();
  for (const p of PARTNERS) {
    const partner = buildPartner(db, actor, cid, {
      name: p.name,
      shortName: p.key,
      legalType: p.legalType,
      website: `https://example.org/${slug(p.name)}`,
      contactName: p.contactName,
      contactEmail: `${slug(p.contactName).replace(/-/g, ".")}@example.org`,
    });
    partnerIds.set(p.key, partner.id);
  }
  const partnerId = (key: string) => {
    const id = partnerIds.get(key);
    if (id === undefined) throw new Error(`seed: unknown partner ${key}`);
    return id;
  };

  const affiliateIds = new Map<string, number>();
  for (const a of AFFILIATES) {
    const affiliate = buildAffiliate(db, actor, cid, partnerId(a.partner), {
      name: a.name,
      state: a.state,
      districts: a.districts,
      counties: a.counties,
      legalType: null,
      leadName: a.lead,
      leadContact: a.contact,
    });
    affiliateIds.set(a.name, affiliate.id);
  }

  const candidateIds = new Map<string, number>();
  let profileItemCount = 0;
  for (const [raceIndex, r] of RACES.entries()) {
    const race = buildRace(db, actor, cid, {
      office: "U.S. House",
      state: r.state,
      district: r.district,
      seats: 1,
      primaryDate: PRIMARY_DATES[r.state],
      generalDate: GENERAL_DATE,
      incumbent: r.incumbent,
      timeZone: null,
    });

    // one poll per race (most races), shares of the whole field plus undecided
    const polled = raceIndex % 5 !== 4;
    const pollster = POLLSTERS[raceIndex % POLLSTERS.length];
    const pollDate = `2026-10-${String(between(3, 28)).padStart(2, "0")}`;
    const pollPublic = raceIndex % 2 === 0;
    const weights = r.candidates.map((c) => (c.incumbency === "incumbent" ? 2.2 : 0.6) + rand());
    const decided = between(62, 84);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => Math.round((w / weightSum) * decided));

    for (const [ci, c] of r.candidates.entries()) {
      const s = slug(c.name);
      const bio =
        c.incumbency === "incumbent"
          ? `${c.name} has represented ${r.state}-${r.district} since ${pick(["2019", "2021", "2023"])}. Before Congress ${c.name.split(" ")[0]} ${pick(["served two terms in the state house", "ran a legal-aid clinic", "chaired the county commission"])} in ${r.place}.`
          : `${c.name} is a ${c.occupation} from ${r.place}. ${pick([
              "First-time federal candidate, running on cost of living and health care.",
              "Grew up in the district and returned after college to work locally.",
              "Has organized in the district for more than a decade.",
              "Launched the campaign with a town hall tour of every county in the district.",
            ])}`;
      const candidate = buildCandidate(db, actor, cid, race.id, {
        name: c.name,
        party: "Democratic",
        incumbency: c.incumbency,
        bio,
        website: `https://example.com/${s}`,
        socialLinks: `https://social.example.com/@${s.replace(/-/g, "")}`,
      });
      candidateIds.set(c.name, candidate.id);

      const add = (over: Parameters<typeof buildProfileItem>[4]) => {
        buildProfileItem(db, actor, cid, candidate.id, over);
        profileItemCount++;
      };

      const launch = `2026-${String(between(3, 7)).padStart(2, "0")}-${String(between(1, 28)).padStart(2, "0")}`;
      add({
        kind: "note",
        body:
          c.incumbency === "incumbent"
            ? `Announced a re-election campaign at an event in ${r.place}.`
            : `Launched the campaign at an event in ${r.place}; local coverage noted a crowd of about ${between(8, 40) * 10}.`,
        sourceKind: "public",
        sourceUrl: `https://example.com/news/${s}-campaign-launch`,
        capturedAt: launch,
      });

      const raised = c.incumbency === "incumbent" ? between(900, 2400) * 1000 : between(80, 1200) * 1000;
      add({
        kind: "fundraising",
        body: "Third-quarter report.",
        raised,
        cashOnHand: Math.round((raised * between(40, 75)) / 100 / 100) * 100,
        asOf: "2026-09-30",
        sourceKind: "public",
        sourceUrl: `https://example.org/filings/${s}-2026-q3`,
        capturedAt: "2026-10-16",
      });

      if (polled) {
        add({
          kind: "poll",
          body: pollPublic ? "Public primary poll, likely Democratic primary voters." : "The table's own poll of likely Democratic primary voters.",
          pollster,
          pollShare: shares[ci],
          asOf: pollDate,
          sourceKind: pollPublic ? "public" : "research",
          sourceUrl: pollPublic ? `https://example.org/polls/${r.state.toLowerCase()}-${r.district}-2026-10` : null,
          capturedAt: pollPublic ? pollDate : null,
        });
      }

      const first = between(0, POSITIONS.length - 1);
      const second = (first + between(1, POSITIONS.length - 1)) % POSITIONS.length;
      for (const p of [POSITIONS[first], POSITIONS[second]]) {
        add({
          kind: "position",
          topic: p.topic,
          body: pick(p.bodies),
          sourceKind: "public",
          sourceUrl: `https://example.com/${s}/issues`,
          capturedAt: "2026-09-01",
        });
      }

      add({ kind: "strength", body: pick(STRENGTHS), sourceKind: "research" });
      add({ kind: "risk", body: pick(RISKS), sourceKind: "research" });

      const campaignNote = CAMPAIGN_NOTES[c.name];
      if (campaignNote) add({ kind: "note", body: campaignNote, sourceKind: "campaign" });
    }
  }

  const candidateId = (name: string) => {
    const id = candidateIds.get(name);
    if (id === undefined) throw new Error(`seed: unknown candidate ${name}`);
    return id;
  };

  // Stances in decision order (stable for equal dates), so the history reads forward in time.
  const byKey = new Map(PARTNERS.map((p) => [p.key, p]));
  const plan = [...STANCES].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let c3Tried = false;
  let refusals = 0;
  for (const s of plan) {
    if (!c3Tried && C3_ATTEMPT.on <= s.on) {
      c3Tried = true;
      const r = stance(db, actor, cid, candidateId(C3_ATTEMPT.candidate), partnerId(C3_ATTEMPT.partner), "endorsed", {
        decidedOn: C3_ATTEMPT.on,
        decidingBody: byKey.get(C3_ATTEMPT.partner)!.decidingBody,
        now: new Date(`${C3_ATTEMPT.on}T16:00:00Z`),
      });
      if (r.ok || r.rule !== "F1") throw new Error(`seed: expected the 501(c)(3) endorsement to be refused under F1, got ${JSON.stringify(r)}`);
      refusals++;
    }
    const affiliateId = s.affiliate ? affiliateIds.get(s.affiliate) : null;
    if (affiliateId === undefined) throw new Error(`seed: unknown affiliate ${s.affiliate}`);
    const r = stance(db, actor, cid, candidateId(s.candidate), partnerId(s.partner), s.stance, {
      affiliateId,
      decidedOn: s.on,
      decidingBody: s.affiliate ? "Chapter board" : byKey.get(s.partner)!.decidingBody,
      note: s.note ?? null,
      notePrivate: s.notePrivate ?? false,
      now: new Date(`${s.on}T16:00:00Z`),
    });
    if (!r.ok) throw new Error(`seed: ${s.partner} ${s.stance} ${s.candidate} on ${s.on} was refused: ${r.message}`);
  }

  const desk = seedDesk(db, actor, cid, partnerId, candidateId);

  // The summary, read back through the models.
  const picture = { candidates: [...matrixExportRows(db, "system", { coalitionId: cid, today: DEMO_AS_OF })] };
  const subs = listSubCoalitions(db, "system", { coalitionId: cid, today: DEMO_AS_OF });
  const active = subs.filter((s) => s.status === "active").length;
  const below = subs.filter((s) => s.status === "below_critical_mass").length;
  const endorsements = picture.candidates.reduce((n, c) => n + c.count, 0);
  const affiliateEndorsements = picture.candidates.reduce((n, c) => n + c.affiliateEndorsements, 0);
  const nearing = picture.candidates.filter((c) => c.count >= 2 && c.count < coalition.threshold).length;
  const typeCounts = new Map<LegalType, number>();
  for (const p of PARTNERS) typeCounts.set(p.legalType, (typeCounts.get(p.legalType) ?? 0) + 1);
  const types = [...typeCounts].map(([t, n]) => `${n} × ${LEGAL_TYPE_LABELS[t]}`).join(", ");
  const states = [...new Set(RACES.map((r) => r.state))].sort();
  const summary =
    `Seeded "${coalition.name}" (federal, ${coalition.cycle} cycle, critical mass ${coalition.threshold}) as ${actor.name}: ` +
    `${PARTNERS.length} partners (${types}) with ${AFFILIATES.length} affiliates in ${states.length} states (${states.join(", ")}); ` +
    `${RACES.length} U.S. House primaries with ${candidateIds.size} candidates and ${profileItemCount} sourced profile items; ` +
    `${plan.length} stance decisions from ${plan[0].on} to ${plan[plan.length - 1].on}, leaving ${endorsements} partner endorsements standing ` +
    `(plus ${affiliateEndorsements} affiliate endorsement that does not count); ` +
    `${subs.length} sub-tables formed (${active} at critical mass, ${below} below critical mass after a withdrawal), ` +
    `${splitRaces(db, { coalitionId: cid, limit: 100 }).total} split race, ${nearing} candidates nearing critical mass; ` +
    `${refusals} 501(c)(3) endorsement attempt refused and logged under rule F1; ` +
    `${desk}.`;

  grantRole(db, accounts.admin, accounts.rep.id, { role: "partner_rep", partnerId: partnerId(DEMO_PARTNER), coalitionId: cid });
  grantRole(db, accounts.admin, accounts.counsel.id, { role: "counsel", partnerId: partnerId(DEMO_PARTNER), coalitionId: cid });
  const leadAffiliate = affiliateIds.get(DEMO_AFFILIATE);
  if (leadAffiliate === undefined) throw new Error(`seed: unknown affiliate ${DEMO_AFFILIATE}`);
  grantRole(db, accounts.admin, accounts.lead.id, { role: "affiliate_lead", affiliateId: leadAffiliate, coalitionId: cid });
  const firewall = seedFirewallF3toF5(db, accounts, cid, partnerId(DEMO_PARTNER));

  // Rule F6: every member keeps a written firewall policy; the demo accounts of Kestrel Action
  // have acknowledged its current version, so race pages open for them.
  for (const p of PARTNERS) {
    const written = publishPolicy(db, accounts.admin, { partnerId: partnerId(p.key), title: `${p.name} firewall policy`, body: firewallPolicyText(p.name), fileName: null }, new Date(`${DEMO_AS_OF}T12:00:00Z`));
    if (!written.ok) throw new Error(`seed: policy for ${p.key}`);
    if (p.key === DEMO_PARTNER) for (const who of [accounts.rep, accounts.counsel, accounts.lead]) acknowledgePolicy(db, who, { policyId: written.policy.id, version: 1 });
  }
  // A PAC coordinating in one race: its counsel set it so (the sides page shows it).
  const firstRace = db.select({ id: races.id }).from(races).where(eq(races.coalitionId, cid)).orderBy(races.id).get();
  if (firstRace) setSide(db, accounts.admin, cid, { partnerId: partnerId("KPAC"), raceId: firstRace.id, account: "main", side: "coordinated", reason: "The PAC contributes to this campaign." });

  const field = seedFieldProgram(db, actor, cid, subs.find((s) => s.candidateName === FIELD_CANDIDATE)?.id, affiliateIds);

  const shiftsSummary = seedShifts(db, actor, cid); // joint field work: shifts (issue 5)

  const levelsSummary = `${seedLevels(db)} ${seedDecide(db)}`; // state-legislative and municipal tables, remote work, who decides (issue 13)
  seedReach(db); // the firewall by level, national hosts (issue 13, part B)
  seedAllies(db); // regional allies (issue 13, part C)
  seedResults(db, accounts, cid); // after the primary: the 2026 table, results, a carried sub-table, credit (issue 16)
  seedLessons(db, accounts); // what the 2026 review learned, on the 2028 table; a person's other name (issue 16)
  seedMail(db, actor, cid); // public shift pages and volunteers' own sign-ups (issue 14)

  const voice = seedVoice(db, cid); // the members' own voice (issue 17)
  seedCapacity(db, actor, cid); // outside support, capacity and red lines (issue 17)

  const questions = seedQuestions(db, cid); // members write too: questionnaire, proposals, comments (issue 17)

  return { coalitionId: cid, summary: `${summary} ${firewall} ${field} Field work: ${shiftsSummary}. ${levelsSummary} ${voice}. Members write too: ${questions}.` };
}

// ---------------------------------------------------------------------------------------
// The facilitator's desk: a past table meeting with notes, attendance, a decision and action
// items; a joint organizing call drafted from the table's state; a sub-table's agreement.

function seedDesk(db: Db, actor: Actor, cid: number, partnerId: (key: string) => number, candidateId: (name: string) => number): string {
  const must = <T extends { ok: boolean }>(r: T, what: string) => {
    if (!r.ok) throw new Error(`seed: ${what} was refused: ${JSON.stringify(r)}`);
    return r as Extract<T, { ok: true }>;
  };
  const october = buildMeeting(db, actor, cid, { title: "October table meeting", kind: "table", date: "2026-10-14", time: "19:00", timeZone: "America/New_York", location: "Video call" });
  const naranjo = must(addAgendaItem(db, actor, { coalitionId: cid, meetingId: october.id, title: "Celeste Naranjo: sub-table formed", raceId: null, candidateId: candidateId("Celeste Naranjo") }), "agenda item").item;
  const blanchard = must(addAgendaItem(db, actor, { coalitionId: cid, meetingId: october.id, title: "Curtis Blanchard: where partners stand", raceId: null, candidateId: candidateId("Curtis Blanchard") }), "agenda item").item;
  must(addAgendaItem(db, actor, { coalitionId: cid, meetingId: october.id, title: "Joint organizing calls for November", raceId: null, candidateId: null }), "agenda item");
  must(addAgendaNote(db, actor, { coalitionId: cid, meetingId: october.id, itemId: naranjo.id, body: "Four partners endorse; the sub-table meets next week to plan doors and phones.", sourceKind: "research", sourceUrl: null, capturedAt: null }), "note");
  must(addAgendaNote(db, actor, { coalitionId: cid, meetingId: october.id, itemId: blanchard.id, body: "The campaign told the facilitator it plans a district bus tour in March.", sourceKind: "campaign", sourceUrl: null, capturedAt: null }), "note");
  must(publishAgenda(db, actor, { coalitionId: cid, meetingId: october.id }, new Date("2026-10-10T15:00:00Z")), "publish");
  const invited = db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, october.id)).all();
  const present = new Set(["KA", "BVA", "TCA", "OHAN", "RHP", "AHWU", "KPAC"].map(partnerId));
  must(recordAttendance(db, actor, { coalitionId: cid, meetingId: october.id, attendedInviteeIds: invited.filter((i) => i.partnerId !== null && present.has(i.partnerId)).map((i) => i.id) }), "attendance");
  must(recordDecision(db, actor, { coalitionId: cid, meetingId: october.id, text: "Hold a joint organizing call for each active sub-table before Thanksgiving.", agendaItemId: null, partnerIds: [...present] }), "decision");
  const done = buildActionItem(db, actor, cid, october.id, { partnerId: partnerId("TCA"), affiliateId: null }, { text: "Share the climate scorecard with the sub-table", dueDate: "2026-10-28" });
  setActionItemStatus(db, actor, { coalitionId: cid, actionItemId: done.id, status: "done" }, new Date("2026-10-27T18:00:00Z"));
  buildActionItem(db, actor, cid, october.id, { partnerId: partnerId("KA"), affiliateId: null }, { text: "Circulate the volunteer pledge form", dueDate: "2026-11-06", agendaItemId: naranjo.id });

  const subs = listSubCoalitions(db, "system", { coalitionId: cid, today: DEMO_AS_OF }).filter((s) => s.status === "active");
  const sub = subs.find((s) => s.candidateId === candidateId("Celeste Naranjo")) ?? subs[0];
  let calls = 0;
  if (sub) {
    const call = buildMeeting(db, actor, cid, { title: `Joint organizing call: ${sub.candidateName}`, kind: "joint_call", subCoalitionId: sub.id, date: "2026-12-03", time: "18:30", timeZone: "America/New_York", location: "Video call" });
    must(prefillAgenda(db, actor, { coalitionId: cid, meetingId: call.id, today: DEMO_AS_OF }), "pre-filled agenda");
    calls++;
    const version = must(
      saveAgreementVersion(db, actor, cid, sub.id, {
        decidesTogether: "Which turf each affiliate takes, the shared calendar of canvass shifts, and the talking points used at joint events.",
        eachKeeps: "Its own endorsement, its own communications and its own voter lists; no member is bound by the others.",
        workAndCredit: "Turf follows each affiliate's pledged hours; results are reported per affiliate and shared credit names every member.",
        actingAlone: "A member that acts on its own tells the sub-table within two days; the others decide whether to adjust their shares.",
      }, new Date("2026-10-20T15:00:00Z")),
      "agreement",
    ).version;
    const members = db.select().from(subCoalitionMembers).where(and(eq(subCoalitionMembers.subCoalitionId, sub.id), isNull(subCoalitionMembers.leftAt))).all();
    for (const m of members.slice(0, 2)) must(signOffAgreement(db, actor, cid, sub.id, { versionId: version.id, partnerId: m.partnerId }, new Date("2026-10-22T15:00:00Z")), "sign-off");
  }
  return `2 meetings (a table meeting with notes, attendance, a decision and action items; ${calls} joint organizing call drafted from the table's state) and 1 sub-table agreement`;
}
