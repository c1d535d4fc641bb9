/**
 * The permission rules of every route, written out by hand from app/domain/permissions.ts:
 * for each route file, who gets its loader's page and who may perform a representative
 * action. Read by the permission matrix (permissions.test.ts) and the cross-origin test.
 */
import { PASSWORD, PEOPLE, type RoleWorld, type Who } from "./roles";

/** What a request should get. */
export type Expected = "ok" | "login" | "forbidden" | { redirect: string };
export type Rule = (who: Who) => Expected;
export type ActionCheck = { name: string; fields: (w: RoleWorld) => Record<string, string>; expect: Rule };
export type RouteRule = { loader: Rule | null; actions: ActionCheck[] };

/** Signed-out visitors go to sign in; the listed people get through; everyone else gets a 403. */
const signedIn =
  (allowed: readonly Who[]): Rule =>
  (who) =>
    who === "out" ? "login" : allowed.includes(who) ? "ok" : "forbidden";
const everyone =
  (e: Expected): Rule =>
  () =>
    e;

export const SIGNED_IN = PEOPLE.filter((p) => p !== "out");
/** table.view: the admin, the table's facilitator, and anyone acting for a partner seated at it. */
export const VIEW: Who[] = ["admin", "facilitator", "rep", "counsel", "lead", "otherRep"];
/** table.manage and people.manage: the admin and the table's facilitator. */
export const MANAGE: Who[] = ["admin", "facilitator"];
/** partner.manage for Papa: + Papa's representative. */
export const PAPA_MANAGE: Who[] = [...MANAGE, "rep"];
/** stance.record for Papa's own stance. */
export const PAPA_STANCE: Who[] = [...MANAGE, "rep"];
/** stance.record for Papa's Alpha chapter's own stance (affiliate.coverage is the same people). */
export const ALPHA_STANCE: Who[] = [...MANAGE, "rep", "lead"];

const stanceFields = (w: RoleWorld, over: Record<string, string>) => ({
  intent: "stance",
  candidateId: String(w.otherCandidateId),
  partnerId: String(w.partnerId),
  stance: "considering",
  decidedOn: "2026-11-20",
  decidingBody: "Board",
  note: "",
  ...over,
});
const raceFields = { office: "U.S. House", state: "PA", district: "9", seats: "1", primaryDate: "2027-05-18", generalDate: "2027-11-02", incumbent: "", timeZone: "" };
const candidateFields = { name: "Mike Candidate", party: "Democratic", incumbency: "challenger", bio: "", website: "", socialLinks: "" };
const affiliateFields = (w: RoleWorld) => ({
  partnerId: String(w.partnerId),
  name: "Charlie Chapter",
  state: "PA",
  legalType: "",
  districts: "7",
  counties: "",
  leadName: "",
  leadContact: "",
});

// ---- Joint field work: shifts (issue 5, branch shifts) ----
/** shift.manage for Alpha (the role world's shift host): Alpha's lead and Papa's representative. */
export const ALPHA_SHIFTS: Who[] = ["rep", "lead"];
/** shift.edit for the shift Alpha hosts and Bravo (Quebec's) co-hosts: + Quebec's representative. */
export const JOINT_SHIFT: Who[] = ["rep", "lead", "otherRep"];
/** Program-level field roles (feeds, exports): the table's facilitator and anyone managing a participating affiliate. */
export const FIELD_ROLES: Who[] = [...MANAGE, ...JOINT_SHIFT];
const shiftFields = (w: RoleWorld, over: Record<string, string> = {}) => ({
  workType: "doorknock",
  title: "Doors",
  startsAt: "2027-04-17T09:00",
  endsAt: "2027-04-17T12:00",
  location: "Union hall",
  callLink: "",
  hostAffiliateId: String(w.affiliateId),
  hostKind: "affiliate",
  campaignHost: "",
  capacity: "10",
  notes: "",
  ...over,
});
const SHIFT_RULES: Record<string, RouteRule> = {
  "tables.$coalitionId.programs.$programId.shifts._index.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "schedule a shift hosted by Alpha", fields: (w) => ({ intent: "create", ...shiftFields(w) }), expect: signedIn(ALPHA_SHIFTS) },
      { name: "make a program calendar feed", fields: () => ({ intent: "feed" }), expect: signedIn(FIELD_ROLES) },
    ],
  },
  "tables.$coalitionId.programs.$programId.shifts.$shiftId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "edit the joint shift", fields: (w) => ({ intent: "update", ...shiftFields(w, { startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T13:00", [`coHost_${w.otherAffiliateId}`]: "on" }) }), expect: signedIn(JOINT_SHIFT) },
      { name: "sign up a volunteer recruited by Alpha", fields: (w) => ({ intent: "signup", volunteerName: "Vic Volunteer", email: "vic@example.test", phone: "", recruitedByAffiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_SHIFTS) },
      { name: "cancel the shift (host only)", fields: () => ({ intent: "cancel" }), expect: signedIn(ALPHA_SHIFTS) },
    ],
  },
  "tables.$coalitionId.shifts.week.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.my-affiliate.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "make Alpha's calendar feed", fields: (w) => ({ intent: "feed", affiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_SHIFTS) }],
  },
  // public: the feed's token is the credential (revocable)
  "calendar.$feedToken[.]ics.tsx": { loader: everyone("ok"), actions: [] },
  "tables.$coalitionId.programs.$programId.export[.]csv.tsx": { loader: signedIn(FIELD_ROLES), actions: [] },
};

export const RULES: Record<string, RouteRule> = {
  ...SHIFT_RULES,
  "_index.tsx": {
    // every signed-in person gets the list (filtered to their tables: see below)
    loader: signedIn(SIGNED_IN),
    actions: [{ name: "create a table", fields: () => ({ intent: "create", name: "New Table", level: "federal", cycle: "2026", threshold: "4" }), expect: signedIn(["admin"]) }],
  },
  "admin.tsx": {
    loader: signedIn(["admin"]),
    actions: [
      { name: "make a password reset link", fields: (w) => ({ intent: "reset", userId: String(w.users.noRole.id) }), expect: signedIn(["admin"]) },
      {
        name: "invite a facilitator",
        fields: (w) => ({ intent: "invite", coalitionId: String(w.coalitionId), name: "New Fac", email: "newfac@example.test", role: "facilitator" }),
        expect: signedIn(["admin"]),
      },
    ],
  },
  "invitations.$token.tsx": {
    // public: the link itself is the credential
    loader: everyone("ok"),
    actions: [{ name: "accept the invitation", fields: () => ({ name: "Ina Invitee", password: "a long new password", confirm: "a long new password" }), expect: everyone({ redirect: "/" }) }],
  },
  "login.tsx": {
    // public; someone already signed in is sent on
    loader: (who) => (who === "out" ? "ok" : { redirect: "/" }),
    actions: [{ name: "sign in", fields: (w) => ({ email: w.users.noRole.email, password: PASSWORD, redirectTo: "/" }), expect: everyone({ redirect: "/" }) }],
  },
  "logout.tsx": {
    // a GET goes home; signing out needs no permission (signed out or not, you end up signed out)
    loader: everyone({ redirect: "/" }),
    actions: [{ name: "sign out", fields: () => ({}), expect: everyone({ redirect: "/login?signedOut" }) }],
  },
  "tables.$coalitionId.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId._index.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.affiliates._index.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "create an affiliate of Papa", fields: (w) => ({ intent: "create", ...affiliateFields(w) }), expect: signedIn(PAPA_MANAGE) }],
  },
  "tables.$coalitionId.affiliates.$affiliateId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "edit Alpha (Papa's chapter)", fields: (w) => ({ intent: "update", ...affiliateFields(w), name: "Alpha Chapter Renamed" }), expect: signedIn(PAPA_MANAGE) },
      { name: "change Alpha's coverage", fields: () => ({ intent: "coverage", districts: "7, 12", counties: "" }), expect: signedIn(ALPHA_STANCE) },
    ],
  },
  "tables.$coalitionId.candidates.$candidateId._index.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "add a profile item", fields: () => ({ intent: "item", kind: "note", body: "Strong labor record.", sourceKind: "research" }), expect: signedIn(MANAGE) },
      { name: "record Papa's stance", fields: (w) => stanceFields(w, { stance: "withdrawn" }), expect: signedIn(PAPA_STANCE) },
      { name: "record Alpha's own stance", fields: (w) => stanceFields(w, { stance: "endorsed", affiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_STANCE) },
    ],
  },
  "tables.$coalitionId.candidates.$candidateId.edit.tsx": {
    loader: signedIn(MANAGE),
    actions: [{ name: "edit the candidate", fields: () => ({ intent: "update", ...candidateFields, name: "Kilo Renamed" }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.candidates.$candidateId.history.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.matrix.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "record Papa's stance", fields: (w) => stanceFields(w, {}), expect: signedIn(PAPA_STANCE) },
      { name: "record Alpha's own stance", fields: (w) => stanceFields(w, { affiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_STANCE) },
    ],
  },
  "tables.$coalitionId.partners._index.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "create a partner",
        fields: () => ({ intent: "create", name: "Sierra Network", shortName: "SIER", legalType: "c4", website: "", contactName: "", contactEmail: "" }),
        expect: signedIn(MANAGE),
      },
    ],
  },
  "tables.$coalitionId.partners.$partnerId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "edit Papa",
        fields: () => ({ intent: "update", name: "Papa Alliance Renamed", shortName: "PAPA", legalType: "c4", website: "", contactName: "", contactEmail: "" }),
        expect: signedIn(PAPA_MANAGE),
      },
    ],
  },
  // audit.read: the member's compliance counsel only (not the admin, not the facilitator)
  "tables.$coalitionId.audit.tsx": { loader: signedIn(["counsel"]), actions: [] },
  "tables.$coalitionId.audit[.]csv.tsx": { loader: signedIn(["counsel"]), actions: [] },
  "tables.$coalitionId.people.tsx": {
    loader: signedIn(MANAGE),
    actions: [
      {
        name: "invite a representative for Quebec",
        fields: (w) => ({ intent: "invite", name: "Quincy", email: "quincy@example.test", role: "partner_rep", partnerId: String(w.otherPartnerId) }),
        expect: signedIn(MANAGE),
      },
      {
        // only the instance admin invites facilitators, even from the table's own page
        name: "invite a facilitator",
        fields: () => ({ intent: "invite", name: "Second Fac", email: "fac2@example.test", role: "facilitator" }),
        expect: signedIn(["admin"]),
      },
    ],
  },
  "tables.$coalitionId.races._index.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "create a race", fields: () => ({ intent: "create", ...raceFields }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.races.$raceId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "edit the race", fields: () => ({ intent: "update", ...raceFields, district: "7", incumbent: "Pat Doe" }), expect: signedIn(MANAGE) },
      { name: "add a candidate", fields: () => ({ intent: "candidate", ...candidateFields }), expect: signedIn(MANAGE) },
    ],
  },
  "tables.$coalitionId.settings.tsx": {
    loader: signedIn(MANAGE),
    actions: [{ name: "change the settings", fields: () => ({ intent: "update", name: "Tango Table", level: "federal", cycle: "2026", threshold: "3" }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.sub-tables._index.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.sub-tables.$subTableId.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "close the sub-table", fields: () => ({ intent: "close" }), expect: signedIn(MANAGE) }],
  },
};
